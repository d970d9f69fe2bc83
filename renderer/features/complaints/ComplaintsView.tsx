import { useTranslation } from 'react-i18next';
import { CATEGORIES, SEVERITIES, STEP_NUMBERS, type StepNumber } from '../../../shared/domain/complaint-flow';
import type { ComplaintScope } from '../../state/complaints-slice';
import { useAppStore } from '../../state/store-context';
import { useErrorText } from '../../ui/messages';
import { complaintStepKey } from '../screen-pop/complaint-steps';
import { ComplaintList } from './ComplaintList';
import { ComplaintReportPane } from './ComplaintReportPane';

const SCOPES: readonly ComplaintScope[] = ['mine', 'team', 'overdue'];
const SLA_STATES = ['ok', 'due_soon', 'breached'] as const;
const EMPTY_KEYS = { mine: 'complaint.list.emptyMine', team: 'complaint.list.emptyTeam', overdue: 'complaint.list.emptyOverdue' } as const;

/** 投诉 (Alt+5): my open complaints, the team's, the overdue ones; filters; the report for supervisors. */
export function ComplaintsView() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const role = useAppStore((s) => s.session?.agent.role ?? 'agent');
  const pane = useAppStore((s) => s.complaintPane);
  const paneChosen = useAppStore((s) => s.complaintPaneChosen);
  const settingsOpened = useAppStore((s) => s.complaintSettingsOpened);
  const startError = useAppStore((s) => s.complaintStartError);
  const supervisor = role !== 'agent';

  return (
    <section className="view-pane complaints-view" aria-labelledby="complaints-title">
      <header className="view-head">
        <h2 id="complaints-title">{t(pane === 'report' ? 'complaint.report.title' : 'complaint.title')}</h2>
        {supervisor && (
          <div className="view-head-actions">
            <button type="button" className="button" aria-pressed={pane === 'report'} onClick={() => paneChosen(pane === 'report' ? 'list' : 'report')}>
              {t(pane === 'report' ? 'complaint.list.label' : 'complaint.list.report')}
            </button>
            <button type="button" className="button" aria-haspopup="dialog" onClick={() => settingsOpened(true)}>
              {t('complaint.list.settings')}
            </button>
          </div>
        )}
      </header>
      {startError && (
        <p className="message message-error" role="alert">
          {t('complaint.start.failed', { message: errorText(startError) })}
        </p>
      )}
      {pane === 'report' && supervisor ? <ComplaintReportPane /> : <Lists />}
    </section>
  );
}

function Lists() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const scope = useAppStore((s) => s.complaintScope);
  const counts = useAppStore((s) => s.complaintCounts);
  const filters = useAppStore((s) => s.complaintFilters);
  const status = useAppStore((s) => s.complaintListStatus);
  const error = useAppStore((s) => s.complaintListError);
  const count = useAppStore((s) => s.complaintItems.length);
  const scopeChosen = useAppStore((s) => s.complaintScopeChosen);
  const filtersChanged = useAppStore((s) => s.complaintFiltersChanged);
  const filtersCleared = useAppStore((s) => s.complaintFiltersCleared);
  const filtered = Object.keys(filters).length > 0;
  const listLabel = t(`complaint.list.${scope}`);

  return (
    <>
      <div className="scope-tabs" role="group" aria-label={t('complaint.list.scopes')}>
        {SCOPES.map((s) => {
          const n = counts ? counts[s] : null;
          return (
            <button key={s} type="button" className={`button button-quiet${scope === s ? ' is-active' : ''}`} aria-pressed={scope === s} onClick={() => scopeChosen(s)}>
              {t(`complaint.list.${s}`)}
              {n !== null && n > 0 && (
                <span className={`badge${s === 'overdue' ? ' nav-badge' : ''}`} aria-label={t('complaint.list.countLabel', { n })}>
                  {n}
                </span>
              )}
            </button>
          );
        })}
      </div>
      <fieldset className="complaint-filters">
        <legend className="visually-hidden">{t('complaint.list.filters')}</legend>
        <label>
          {t('complaint.list.step')}
          <select value={filters.step ?? ''} onChange={(e) => filtersChanged({ step: e.target.value ? (Number(e.target.value) as StepNumber) : undefined })}>
            <option value="">{t('complaint.list.any')}</option>
            {STEP_NUMBERS.map((n) => (
              <option key={n} value={n}>
                {n}. {t(`enum.complaintStep.${complaintStepKey(n)}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('complaint.list.category')}
          <select value={filters.category ?? ''} onChange={(e) => filtersChanged({ category: (e.target.value || undefined) as (typeof CATEGORIES)[number] | undefined })}>
            <option value="">{t('complaint.list.any')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`complaint.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('complaint.list.severity')}
          <select value={filters.severity ?? ''} onChange={(e) => filtersChanged({ severity: (e.target.value || undefined) as (typeof SEVERITIES)[number] | undefined })}>
            <option value="">{t('complaint.list.any')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`complaint.severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('complaint.list.sla')}
          <select value={filters.sla ?? ''} onChange={(e) => filtersChanged({ sla: (e.target.value || undefined) as (typeof SLA_STATES)[number] | undefined })}>
            <option value="">{t('complaint.list.any')}</option>
            {SLA_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`enum.slaState.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('complaint.list.status')}
          <select value={filters.status ?? ''} onChange={(e) => filtersChanged({ status: (e.target.value || undefined) as 'closed' | 'any' | undefined })}>
            <option value="">{t('complaint.list.statusOpen')}</option>
            <option value="closed">{t('complaint.list.statusClosed')}</option>
            <option value="any">{t('complaint.list.any')}</option>
          </select>
        </label>
        {filtered && (
          <button type="button" className="button button-quiet" onClick={filtersCleared}>
            {t('complaint.list.clearFilters')}
          </button>
        )}
      </fieldset>
      {status === 'error' && error && (
        <p className="message message-error" role="alert">
          {t('complaint.list.failed', { message: errorText(error) })}
        </p>
      )}
      {status === 'loading' && count === 0 && <p role="status">{t('complaint.list.loading')}</p>}
      {status === 'ready' && count === 0 && (
        <div className="empty-state">
          <h3>{t(filtered ? 'complaint.list.emptyFiltered' : EMPTY_KEYS[scope])}</h3>
          <p>{t('complaint.list.emptyHint')}</p>
        </div>
      )}
      {count > 0 && <ComplaintList label={listLabel} />}
    </>
  );
}
