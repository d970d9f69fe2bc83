import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { useErrorText } from '../../ui/messages';
import { notificationApi as NotificationApi, showDesktopNotification } from '../../ui/notify';
import { useWindowText } from './callback-text';

export const SNOOZE_MINUTES = [5, 15, 60] as const;

/**
 * Desktop reminders need the agent's permission, asked from a click (browsers ignore a request
 * that no gesture started). Shown while the answer is still open.
 */
export function NotificationPermissionButton() {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.notificationState);
  const notificationStateChanged = useAppStore((s) => s.notificationStateChanged);
  if (state === 'granted' || state === 'unsupported') return null;
  if (state === 'denied') return <p className="muted small">{t('callbacks.reminder.denied')}</p>;
  return (
    <button
      type="button"
      className="button"
      onClick={() => {
        const api = NotificationApi();
        if (!api) return;
        void Promise.resolve(api.requestPermission()).then(
          (answer) => notificationStateChanged(answer),
          () => notificationStateChanged(api.permission),
        );
      }}
    >
      {t('callbacks.reminder.enable')}
    </button>
  );
}

/**
 * A `callback.due` reminder: always an in-app toast (with snooze and call now), and a desktop
 * notification as well when the agent allowed them — once per reminder.
 */
export function ReminderToasts() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const windowText = useWindowText();
  const store = useAppStoreApi();
  const reminders = useAppStore((s) => s.reminders);
  const permission = useAppStore((s) => s.notificationState);
  const reminderSnoozed = useAppStore((s) => s.reminderSnoozed);
  const reminderDismissed = useAppStore((s) => s.reminderDismissed);
  const reminderCallNow = useAppStore((s) => s.reminderCallNow);
  const notified = useRef(new Set<number>());

  useEffect(() => {
    for (const r of reminders) {
      if (notified.current.has(r.seq)) continue;
      notified.current.add(r.seq);
      if (permission !== 'granted') continue;
      const cb = r.callback;
      showDesktopNotification(
        t('callbacks.reminder.title', { name: cb.customerName ?? cb.phone }),
        { body: `${t(`call.callbackReason.${cb.reason}`)} · ${windowText(cb)}`, tag: `callback-${cb.id}` },
        () => void store.getState().reminderCallNow(cb.id),
      );
    }
  }, [reminders, permission, t, windowText, store]);

  if (reminders.length === 0) return null;
  return (
    <div className="reminder-toasts" aria-label={t('callbacks.reminder.label')} role="region">
      {reminders.map((r) => {
        const cb = r.callback;
        const titleId = `reminder-${cb.id}-title`;
        return (
          <div key={cb.id} className="reminder-toast" role="alert" aria-labelledby={titleId}>
            <p id={titleId} className="reminder-title">
              {t('callbacks.reminder.title', { name: cb.customerName ?? cb.phone })}
            </p>
            <p className="small">
              {t(`call.callbackReason.${cb.reason}`)} · {windowText(cb)}
            </p>
            {r.error && <p className="field-error">{t('callbacks.reminder.snoozeFailed', { message: errorText(r.error) })}</p>}
            <div className="reminder-actions">
              <button type="button" className="button button-primary" onClick={() => void reminderCallNow(cb.id)}>
                {t('callbacks.reminder.callNow')}
              </button>
              {SNOOZE_MINUTES.map((m) => (
                <button key={m} type="button" className="button" disabled={r.pending} onClick={() => void reminderSnoozed(cb.id, m)}>
                  {t('callbacks.reminder.snooze', { n: m })}
                </button>
              ))}
              <button type="button" className="button button-quiet" aria-label={t('app.dismiss')} onClick={() => reminderDismissed(cb.id)}>
                <span aria-hidden="true">×</span>
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
