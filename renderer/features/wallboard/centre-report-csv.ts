import type { CentreReport } from '../../../shared/contract/wallboard-schemas';
import { csvDocument, roundTo, type CsvValue } from '../../ui/csv';

/** What the centre report's CSV says in the UI language. */
export interface CentreCsvLabels {
  columns: { section: string; item: string; count: string; value: string };
  sections: {
    byChannel: string;
    byDisposition: string;
    intervals: string;
    byCategory: string;
    byRootCause: string;
    fcr: string;
    callbacksOnTime: string;
    csat: string;
    nps: string;
    churn: string;
  };
  /** A row key ('phone', 'price', null …) in words, per section. */
  channel(key: string | null): string;
  disposition(key: string | null): string;
  category(key: string | null): string;
  rootCause(key: string | null): string;
  churn(key: string | null): string;
  /** Interval columns: offered, answered, abandoned, SL %, abandon %. */
  interval: { offered: string; answered: string; abandoned: string; serviceLevel: string; abandonRate: string };
}

const pct = (v: number | null) => (v === null ? null : roundTo(v, 2));

/**
 * The centre report as CSV (the shared builder: BOM, CRLF, defused cells): one row per figure —
 * section, item, count, value (a rate in percent or a mean).
 */
export function centreReportCsv(r: CentreReport, l: CentreCsvLabels): string {
  const rows: CsvValue[][] = [[l.columns.section, l.columns.item, l.columns.count, l.columns.value]];
  for (const c of r.contactsByChannel) rows.push([l.sections.byChannel, l.channel(c.key), c.count, null]);
  for (const c of r.contactsByDisposition) rows.push([l.sections.byDisposition, l.disposition(c.key), c.count, null]);
  for (const i of r.intervals) {
    rows.push([l.sections.intervals, `${i.label} ${l.interval.offered}`, i.offered, null]);
    rows.push([l.sections.intervals, `${i.label} ${l.interval.answered}`, i.answered, null]);
    rows.push([l.sections.intervals, `${i.label} ${l.interval.abandoned}`, i.abandoned, null]);
    rows.push([l.sections.intervals, `${i.label} ${l.interval.serviceLevel}`, null, pct(i.serviceLevelPct)]);
    rows.push([l.sections.intervals, `${i.label} ${l.interval.abandonRate}`, null, pct(i.abandonRatePct)]);
  }
  for (const c of r.complaintsByCategory) rows.push([l.sections.byCategory, l.category(c.key), c.count, null]);
  for (const c of r.complaintsByRootCause) rows.push([l.sections.byRootCause, l.rootCause(c.key), c.count, null]);
  const fcr = r.firstContactResolution;
  rows.push([l.sections.fcr, `${fcr.resolved}/${fcr.closed}`, fcr.resolved, fcr.rate === null ? null : roundTo(fcr.rate * 100, 2)]);
  const cb = r.callbacksOnTime;
  rows.push([l.sections.callbacksOnTime, `${cb.onTime}/${cb.onTime + cb.late}`, cb.onTime, cb.rate === null ? null : roundTo(cb.rate * 100, 2)]);
  rows.push([l.sections.csat, l.sections.csat, r.csat.responses, r.csat.mean === null ? null : roundTo(r.csat.mean, 2)]);
  rows.push([l.sections.nps, l.sections.nps, r.nps.responses, r.nps.score === null ? null : roundTo(r.nps.score, 1)]);
  for (const c of r.churnReasons) rows.push([l.sections.churn, l.churn(c.key), c.count, null]);
  return csvDocument(rows);
}
