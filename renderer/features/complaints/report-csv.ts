import type { ComplaintReport } from '../../../shared/contract/complaint-schemas';
import { csvDocument, roundTo as round } from '../../ui/csv';

export { csvCell } from '../../ui/csv';

/** What the CSV needs to say in the UI language: column names, section titles and value labels. */
export interface CsvLabels {
  columns: { section: string; item: string; count: string; value: string; currency: string };
  sections: { summary: string; byCategory: string; byRootCause: string; fcr: string; stepHours: string; remedies: string; satisfaction: string };
  opened: string;
  closed: string;
  category(category: string | null, subcategory: string | null): string;
  rootCause(rootCause: string): string;
  step(step: number): string;
  remedy(remedy: string): string;
}

/**
 * The report as CSV: one row per figure (section, item, count, value, currency), CRLF line ends
 * and a UTF-8 byte order mark so Excel opens Chinese text correctly. Amounts in major units.
 */
export function complaintReportCsv(r: ComplaintReport, l: CsvLabels): string {
  const rows: (string | number | null)[][] = [[l.columns.section, l.columns.item, l.columns.count, l.columns.value, l.columns.currency]];
  rows.push([l.sections.summary, l.opened, r.opened, null, null]);
  rows.push([l.sections.summary, l.closed, r.closed, null, null]);
  for (const c of r.byCategory) rows.push([l.sections.byCategory, l.category(c.category, c.subcategory), c.count, null, null]);
  for (const c of r.byRootCause) rows.push([l.sections.byRootCause, l.rootCause(c.rootCause), c.count, null, null]);
  const fcr = r.firstContactResolution;
  rows.push([l.sections.fcr, `${fcr.resolved}/${fcr.closed}`, fcr.resolved, fcr.rate === null ? null : round(fcr.rate, 4), null]);
  for (const s of r.stepHours) rows.push([l.sections.stepHours, l.step(s.step), s.count, s.meanHours === null ? null : round(s.meanHours, 2), null]);
  for (const m of r.remedies) rows.push([l.sections.remedies, l.remedy(m.remedy), m.count, round(m.amountCents / 100, 2), m.currency]);
  const sat = r.satisfaction;
  rows.push([l.sections.satisfaction, `${sat.satisfied}/${sat.reached}`, sat.satisfied, sat.rate === null ? null : round(sat.rate, 4), null]);
  return csvDocument(rows);
}
