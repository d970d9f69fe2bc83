import { useTranslation } from 'react-i18next';
import type { ComplaintReport } from '../../../shared/contract/complaint-schemas';
import { useFormat } from '../../i18n/use-format';
import { PERIOD_KINDS, type PeriodKind } from '../../state/complaint-period';
import { useAppStore } from '../../state/store-context';
import { useErrorText } from '../../ui/messages';
import { complaintStepKey } from '../screen-pop/complaint-steps';
import { BarChart } from '../../ui/BarChart';
import { downloadCsv } from '../../ui/csv';
import { complaintReportCsv, type CsvLabels } from './report-csv';

/** Supervisors: complaints by category and root cause, FCR, hours per step, remedies, satisfaction; CSV. */
export function ComplaintReportPane() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const rep = useAppStore((s) => s.complaintReport);
  const periodChanged = useAppStore((s) => s.complaintReportPeriodChanged);
  const r = rep.report;
  const tt = (k: string) => t(k as 'complaint.title');
  const percent = (rate: number | null) => (rate === null ? '—' : `${fmt.number(rate * 100, 1)}%`);
  const categoryLabel = (c: string | null, s: string | null) =>
    c === null ? t('complaint.report.uncategorised') : `${tt(`complaint.category.${c}`)}${s ? ` / ${tt(`complaint.subcategory.${s}`)}` : ''}`;
  const rootLabel = (k: string) => {
    const key = `complaint.rootCause.${k}`;
    const label = tt(key);
    return label === key ? k : label;
  };
  const stepLabel = (n: number) => `${n}. ${t(`enum.complaintStep.${complaintStepKey(n)}`)}`;

  const exportCsv = (report: ComplaintReport) => {
    const labels: CsvLabels = {
      columns: {
        section: t('complaint.report.csvSection'),
        item: t('complaint.report.item'),
        count: t('complaint.report.count'),
        value: t('complaint.report.rate'),
        currency: t('complaint.report.currency'),
      },
      sections: {
        summary: t('complaint.report.period'),
        byCategory: t('complaint.report.byCategory'),
        byRootCause: t('complaint.report.byRootCause'),
        fcr: t('complaint.report.fcr'),
        stepHours: t('complaint.report.stepHours'),
        remedies: t('complaint.report.remedies'),
        satisfaction: t('complaint.report.satisfaction'),
      },
      opened: t('complaint.report.summary', { opened: report.opened, closed: report.closed }),
      closed: t('complaint.wizard.closeComplaint'),
      category: categoryLabel,
      rootCause: rootLabel,
      step: stepLabel,
      remedy: (m) => tt(`complaint.remedy.${m}`),
    };
    downloadCsv(complaintReportCsv(report, labels), `${t('complaint.report.csvFile')}-${fmt.date(report.from)}-${fmt.date(report.to - 1)}`);
  };

  return (
    <div className="complaint-report">
      <fieldset className="report-period">
        <legend>{t('complaint.report.period')}</legend>
        <label>
          {t('complaint.report.period')}
          <select value={rep.period.kind} onChange={(e) => periodChanged({ kind: e.target.value as PeriodKind })}>
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`complaint.report.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {rep.period.kind === 'custom' && (
          <>
            <label>
              {t('complaint.report.from')}
              <input type="date" value={rep.period.fromDate} onChange={(e) => periodChanged({ fromDate: e.target.value })} />
            </label>
            <label>
              {t('complaint.report.to')}
              <input type="date" value={rep.period.toDate} onChange={(e) => periodChanged({ toDate: e.target.value })} />
            </label>
          </>
        )}
        {r && (
          <button type="button" className="button" onClick={() => exportCsv(r)}>
            {t('complaint.report.exportCsv')}
          </button>
        )}
      </fieldset>
      {rep.status === 'loading' && <p role="status">{t('complaint.report.loading')}</p>}
      {rep.status === 'error' && rep.error && (
        <p className="message message-error" role="alert">
          {t('complaint.report.failed', { message: errorText(rep.error) })}
        </p>
      )}
      {r && (
        <>
          <p>{t('complaint.report.summary', { opened: fmt.number(r.opened), closed: fmt.number(r.closed) })}</p>
          <dl className="report-figures">
            <div>
              <dt>{t('complaint.report.fcr')}</dt>
              <dd>
                {t('complaint.report.fcrValue', {
                  rate: percent(r.firstContactResolution.rate),
                  resolved: r.firstContactResolution.resolved,
                  closed: r.firstContactResolution.closed,
                })}
              </dd>
            </div>
            <div>
              <dt>{t('complaint.report.satisfaction')}</dt>
              <dd>
                {t('complaint.report.satisfactionValue', { rate: percent(r.satisfaction.rate), reached: r.satisfaction.reached, satisfied: r.satisfaction.satisfied })}
              </dd>
            </div>
          </dl>
          <BarChart
            title={t('complaint.report.byCategory')}
            valueHeader={t('complaint.report.count')}
            bars={r.byCategory.map((c) => ({ label: categoryLabel(c.category, c.subcategory), value: c.count }))}
          />
          <BarChart
            title={t('complaint.report.byRootCause')}
            valueHeader={t('complaint.report.count')}
            bars={r.byRootCause.map((c) => ({ label: rootLabel(c.rootCause), value: c.count }))}
          />
          <BarChart
            title={t('complaint.report.stepHours')}
            valueHeader={t('complaint.report.hours')}
            bars={r.stepHours.map((s) => ({ label: stepLabel(s.step), value: s.meanHours ?? 0, text: s.meanHours === null ? '—' : fmt.number(s.meanHours, 1) }))}
          />
          <BarChart
            title={t('complaint.report.remedies')}
            valueHeader={t('complaint.report.amount')}
            bars={r.remedies.map((m) => ({
              label: `${tt(`complaint.remedy.${m.remedy}`)} × ${m.count}`,
              value: m.amountCents,
              text: m.currency ? fmt.money(m.amountCents, m.currency) : fmt.number(m.amountCents / 100, 2),
            }))}
          />
        </>
      )}
    </div>
  );
}
