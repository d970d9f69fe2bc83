import type { CentreReport } from '../../../shared/contract/wallboard-schemas';
import { REPORT_PERIOD_KINDS, type PeriodKind } from '../../state/complaint-period';
import type { ReportInterval } from '../../state/wallboard-slice';
import { useAppStore } from '../../state/store-context';
import { BarChart, type Bar } from '../../ui/BarChart';
import { downloadCsv } from '../../ui/csv';
import { useErrorText } from '../../ui/messages';
import { centreReportCsv, type CentreCsvLabels } from './centre-report-csv';
import { useWallboardText } from './wallboard-text';

const INTERVALS: readonly ReportInterval[] = [15, 30, 60];

/**
 * The centre report for a period (today / this week / this month / custom) cut in 15, 30 or 60
 * minute intervals: contacts by channel and disposition, service level and abandon rate by
 * interval, complaints by category and root cause, FCR, callbacks on time, CSAT/NPS, churn
 * reasons — bar charts with their tables, and CSV.
 */
export function CentreReportPane() {
  const { t, tt, fmt, pct } = useWallboardText();
  const errorText = useErrorText();
  const rep = useAppStore((s) => s.centreReport);
  const changed = useAppStore((s) => s.centreReportChanged);
  const r = rep.report;

  /** A row key in words from a catalogue group; the key itself when it has none; "未填写" for null. */
  const label = (group: string) => (key: string | null) => {
    if (key === null) return t('reports.unknown');
    const k = `${group}.${key}`;
    const text = tt(k);
    return text === k ? key : text;
  };
  const channel = label('enum.channel');
  const disposition = label('enum.disposition');
  const category = label('complaint.category');
  const rootCause = label('complaint.rootCause');
  const churn = label('enum.churnReason');
  const rate = (v: number | null) => (v === null ? '—' : `${fmt.number(v * 100, 1)}%`);
  const counts = (rows: CentreReport['contactsByChannel'], name: (k: string | null) => string): Bar[] => rows.map((c) => ({ label: name(c.key), value: c.count }));

  const exportCsv = (report: CentreReport) => {
    const labels: CentreCsvLabels = {
      columns: { section: t('reports.csv.section'), item: t('reports.chart.item'), count: t('reports.count'), value: t('reports.csv.value') },
      sections: {
        byChannel: t('reports.contactsByChannel'),
        byDisposition: t('reports.contactsByDisposition'),
        intervals: t('reports.intervalTable'),
        byCategory: t('reports.complaintsByCategory'),
        byRootCause: t('reports.complaintsByRootCause'),
        fcr: t('reports.fcr'),
        callbacksOnTime: t('reports.callbacksOnTime'),
        csat: t('reports.csat'),
        nps: t('reports.nps'),
        churn: t('reports.churnReasons'),
      },
      channel,
      disposition,
      category,
      rootCause,
      churn,
      interval: {
        offered: t('wallboard.queues.offered'),
        answered: t('wallboard.queues.answered'),
        abandoned: t('wallboard.queues.abandoned'),
        serviceLevel: t('wallboard.queues.sl'),
        abandonRate: t('wallboard.queues.abandonRate'),
      },
    };
    downloadCsv(centreReportCsv(report, labels), `${t('reports.csvFile')}-${fmt.date(report.from)}-${fmt.date(report.to - 1)}`);
  };

  return (
    <div className="centre-report">
      <fieldset className="report-period">
        <legend>{t('reports.period')}</legend>
        <label>
          {t('reports.period')}
          <select value={rep.period.kind} onChange={(e) => changed({ period: { kind: e.target.value as PeriodKind } })}>
            {REPORT_PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`reports.periods.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {rep.period.kind === 'custom' && (
          <>
            <label>
              {t('reports.from')}
              <input type="date" value={rep.period.fromDate} onChange={(e) => changed({ period: { fromDate: e.target.value } })} />
            </label>
            <label>
              {t('reports.to')}
              <input type="date" value={rep.period.toDate} onChange={(e) => changed({ period: { toDate: e.target.value } })} />
            </label>
          </>
        )}
        <label>
          {t('reports.interval')}
          <select value={rep.intervalMinutes} onChange={(e) => changed({ intervalMinutes: Number(e.target.value) as ReportInterval })}>
            {INTERVALS.map((n) => (
              <option key={n} value={n}>
                {t('reports.intervalOption', { n })}
              </option>
            ))}
          </select>
        </label>
        {r && (
          <button type="button" className="button" onClick={() => exportCsv(r)}>
            {t('reports.exportCsv')}
          </button>
        )}
      </fieldset>
      {rep.status === 'loading' && <p role="status">{t('reports.loading')}</p>}
      {rep.status === 'error' && rep.error && (
        <p className="message message-error" role="alert">
          {t('reports.failed', { message: errorText(rep.error) })}
        </p>
      )}
      {r && (
        <>
          <p className="muted small">{t(r.source === 'hub' ? 'wallboard.source.hub' : 'wallboard.source.local')}</p>
          <dl className="report-figures">
            <div>
              <dt>{t('reports.fcr')}</dt>
              <dd>{t('reports.fcrValue', { rate: rate(r.firstContactResolution.rate), resolved: r.firstContactResolution.resolved, closed: r.firstContactResolution.closed })}</dd>
            </div>
            <div>
              <dt>{t('reports.callbacksOnTime')}</dt>
              <dd>{t('reports.callbacksOnTimeValue', { rate: rate(r.callbacksOnTime.rate), onTime: r.callbacksOnTime.onTime, late: r.callbacksOnTime.late })}</dd>
            </div>
            <div>
              <dt>{t('reports.csat')}</dt>
              <dd>{t('reports.csatValue', { mean: r.csat.mean === null ? '—' : fmt.number(r.csat.mean, 2), n: r.csat.responses })}</dd>
            </div>
            <div>
              <dt>{t('reports.nps')}</dt>
              <dd>{t('reports.npsValue', { score: r.nps.score === null ? '—' : fmt.number(r.nps.score, 1), n: r.nps.responses })}</dd>
            </div>
          </dl>
          <BarChart title={t('reports.contactsByChannel')} valueHeader={t('reports.count')} bars={counts(r.contactsByChannel, channel)} />
          <BarChart title={t('reports.contactsByDisposition')} valueHeader={t('reports.count')} bars={counts(r.contactsByDisposition, disposition)} />
          <BarChart
            title={t('reports.slByInterval')}
            valueHeader={t('wallboard.queues.sl')}
            bars={r.intervals.map((i) => ({ label: i.label, value: i.serviceLevelPct ?? 0, text: pct(i.serviceLevelPct) }))}
          />
          <BarChart
            title={t('reports.abandonByInterval')}
            valueHeader={t('wallboard.queues.abandonRate')}
            bars={r.intervals.map((i) => ({ label: i.label, value: i.abandonRatePct ?? 0, text: pct(i.abandonRatePct) }))}
          />
          <BarChart title={t('reports.complaintsByCategory')} valueHeader={t('reports.count')} bars={counts(r.complaintsByCategory, category)} />
          <BarChart title={t('reports.complaintsByRootCause')} valueHeader={t('reports.count')} bars={counts(r.complaintsByRootCause, rootCause)} />
          <BarChart title={t('reports.churnReasons')} valueHeader={t('reports.count')} bars={counts(r.churnReasons, churn)} />
        </>
      )}
    </div>
  );
}
