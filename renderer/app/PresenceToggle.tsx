import { useTranslation } from 'react-i18next';
import { toggleTarget } from '../state/presence-slice';
import { useAppStore } from '../state/store-context';
import { formatTimeOfDay } from '../features/sync/sync-text';
import { useErrorText } from '../ui/messages';

/**
 * The agent's own state in the top bar, for every role: "小休中 · 自 14:05 起" and a Break / Back
 * button (Alt+B). A supervisor's forced change is said once, until dismissed.
 */
export function PresenceToggle() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const presence = useAppStore((s) => s.presence);
  const pending = useAppStore((s) => s.presencePending);
  const error = useAppStore((s) => s.presenceError);
  const notice = useAppStore((s) => s.presenceNotice);
  const toggled = useAppStore((s) => s.presenceToggled);
  const dismissed = useAppStore((s) => s.presenceNoticeDismissed);
  if (!presence) return null;
  const onBreak = presence.state === 'break';
  const since = formatTimeOfDay(presence.since, i18n.language);
  return (
    <div className="presence" role="group" aria-label={t('presence.label')}>
      <span className="presence-state">
        {onBreak ? t('presence.onBreakSince', { time: since }) : t('presence.stateSince', { state: t(`wallboard.state.${presence.state}`), time: since })}
      </span>
      <button
        type="button"
        className="button button-quiet"
        aria-keyshortcuts="Alt+B"
        title={t('presence.hint', { keys: 'Alt+B' })}
        disabled={pending}
        onClick={() => void toggled()}
      >
        {toggleTarget(presence.state) === 'break' ? t('presence.toBreak') : t('presence.back')}
      </button>
      {(notice || error) && (
        <p className="message message-warning top-bar-message" role="alert">
          {error ? t('presence.failed', { message: errorText(error) }) : t(`presence.forced.${notice!.state}`)}
          <button type="button" className="button button-quiet" onClick={dismissed} aria-label={t('app.dismiss')}>
            <span aria-hidden="true">×</span>
          </button>
        </p>
      )}
    </div>
  );
}
