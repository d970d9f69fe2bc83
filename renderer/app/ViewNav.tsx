import { useTranslation } from 'react-i18next';
import { VIEWS } from '../state/nav-slice';
import { useAppStore } from '../state/store-context';

/** 客户 / 回访 / 服务承诺 / 日历 / 投诉, Alt+1…5; 回访 carries the count of callbacks due and overdue, 投诉 the overdue complaints. */
export function ViewNav() {
  const { t } = useTranslation();
  const view = useAppStore((s) => s.view);
  const viewChanged = useAppStore((s) => s.viewChanged);
  const due = useAppStore((s) => (s.callbackCounts ? s.callbackCounts.due + s.callbackCounts.overdue : 0));
  const overdueComplaints = useAppStore((s) => s.complaintCounts?.overdue ?? 0);
  return (
    <nav className="view-nav" aria-label={t('nav.label')}>
      {VIEWS.map((v, i) => (
        <button
          key={v}
          type="button"
          className={`button button-quiet view-nav-item${view === v ? ' is-active' : ''}`}
          aria-current={view === v ? 'page' : undefined}
          aria-keyshortcuts={`Alt+${i + 1}`}
          title={t('nav.hint', { keys: `Alt+${i + 1}` })}
          onClick={() => viewChanged(v)}
        >
          {t(`nav.${v}`)}
          {v === 'callbacks' && due > 0 && (
            <span className="badge nav-badge" aria-label={t('nav.dueCount', { n: due })}>
              {due}
            </span>
          )}
          {v === 'complaints' && overdueComplaints > 0 && (
            <span className="badge nav-badge" aria-label={t('nav.complaintCount', { n: overdueComplaints })}>
              {overdueComplaints}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
