import { useTranslation } from 'react-i18next';
import { viewsFor } from '../state/nav-slice';
import { useAppStore } from '../state/store-context';

/**
 * 客户 / 回访 / 服务承诺 / 日历 / 投诉 / 看板, Alt+1…6 (看板 only for supervisors and admins, not
 * rendered for agents); 回访 carries the count of callbacks due and overdue, 投诉 the overdue complaints.
 */
export function ViewNav() {
  const { t } = useTranslation();
  const view = useAppStore((s) => s.view);
  const viewChanged = useAppStore((s) => s.viewChanged);
  const role = useAppStore((s) => s.session?.agent.role);
  const due = useAppStore((s) => (s.callbackCounts ? s.callbackCounts.due + s.callbackCounts.overdue : 0));
  const overdueComplaints = useAppStore((s) => s.complaintCounts?.overdue ?? 0);
  const alerts = useAppStore((s) => s.wallboard?.alerts.length ?? 0);
  return (
    <nav className="view-nav" aria-label={t('nav.label')}>
      {viewsFor(role).map((v, i) => (
        <button
          key={v}
          type="button"
          className={`button button-quiet view-nav-item${view === v ? ' is-active' : ''}`}
          aria-current={view === v ? 'page' : undefined}
          aria-keyshortcuts={`Alt+${i + 1}`}
          title={t('nav.hint', { keys: `Alt+${i + 1}` })}
          onClick={() => viewChanged(v)}
        >
          {v === 'wallboard' ? t('wallboard.nav') : t(`nav.${v}`)}
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
          {v === 'wallboard' && alerts > 0 && (
            <span className="badge nav-badge" aria-label={t('wallboard.alertCount', { n: alerts })}>
              {alerts}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
