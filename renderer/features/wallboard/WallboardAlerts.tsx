import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canSeeWallboard } from '../../state/wallboard-slice';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { showDesktopNotification } from '../../ui/notify';
import { useWallboardText } from './wallboard-text';

/**
 * The wallboard's alerts, wherever the supervisor is in the app: a banner (role=alert) per active
 * alert, raised once per episode (the slice remembers the ids), and a desktop notification with
 * it when allowed — the same helper the callback reminders use. Each banner can be dismissed.
 */
export function WallboardAlerts() {
  const { t } = useTranslation();
  const { alertText } = useWallboardText();
  const store = useAppStoreApi();
  const role = useAppStore((s) => s.session?.agent.role);
  const banners = useAppStore((s) => s.alertBanners);
  const permission = useAppStore((s) => s.notificationState);
  const alertDismissed = useAppStore((s) => s.alertDismissed);
  const notified = useRef(new Set<number>());
  // A floor in trouble raises several alerts at once: the newest two show, the rest on request.
  const [expanded, setExpanded] = useState(false);

  useEffect(() => {
    for (const b of banners) {
      if (notified.current.has(b.seq)) continue;
      notified.current.add(b.seq);
      if (permission !== 'granted') continue;
      showDesktopNotification(t('wallboard.alerts.notificationTitle'), { body: alertText(b.alert), tag: `wallboard-${b.alert.id}` }, () =>
        store.getState().viewChanged('wallboard'),
      );
    }
  }, [banners, permission, t, alertText, store]);

  if (!canSeeWallboard(role) || banners.length === 0) return null;
  const shown = expanded ? banners : banners.slice(-COLLAPSED_COUNT);
  const hidden = banners.length - shown.length;
  return (
    <div className="wallboard-alerts" role="region" aria-label={t('wallboard.alerts.label')}>
      {shown.map((b) => (
        <div key={b.seq} className="message message-error wallboard-alert" role="alert">
          <span aria-hidden="true">⚠ </span>
          <span>{alertText(b.alert)}</span>
          <button type="button" className="button button-quiet" aria-label={t('wallboard.alerts.dismiss', { text: alertText(b.alert) })} onClick={() => alertDismissed(b.alert.id)}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
      {(hidden > 0 || expanded) && banners.length > COLLAPSED_COUNT && (
        <button type="button" className="button button-quiet wallboard-alerts-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('wallboard.alerts.showFewer') : t('wallboard.alerts.showMore', { n: hidden })}
        </button>
      )}
    </div>
  );
}

const COLLAPSED_COUNT = 2;
