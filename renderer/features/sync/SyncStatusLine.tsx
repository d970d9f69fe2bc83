import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../state/store-context';
import { modKeyLabel } from '../../ui/keys';
import { formatTimeOfDay, useAgoText, useNow, useSyncErrorText } from './sync-text';
import { SYNC_ARIA_SHORTCUT, SYNC_SHORTCUT, useSyncShortcut } from './use-sync-shortcut';

/**
 * The top bar's sync line: state (在线 / 正在同步 / 离线, retry at HH:mm / 未开启 / 需要更新 /
 * 认证失败), changes waiting to upload, changes headquarters refused, and when it last synced.
 * A polite live region, so a state change is said without taking the focus; the "5 分钟前"
 * that moves every minute is kept out of it. Click or Ctrl/⌘+Shift+Y opens the Sync panel.
 */
export function SyncStatusLine() {
  const { t, i18n } = useTranslation();
  const syncErrorText = useSyncErrorText();
  const agoText = useAgoText();
  const status = useAppStore((s) => s.syncStatus);
  const panelOpen = useAppStore((s) => s.syncPanelOpen);
  const syncPanelOpened = useAppStore((s) => s.syncPanelOpened);
  useSyncShortcut();
  useNow();

  if (!status) return null;
  const now = Date.now();
  const stateText = t(`sync.state.${status.state}`);
  const retry = status.state === 'offline' && status.nextRetryAt !== null ? t('sync.line.retryAt', { time: formatTimeOfDay(status.nextRetryAt, i18n.language) }) : null;
  const lastSync = status.lastSyncAt !== null ? t('sync.line.lastSync', { ago: agoText(status.lastSyncAt, now) }) : t('sync.line.never');
  const details = [
    lastSync,
    status.lastError ? syncErrorText(status.lastError) : null,
    t('sync.line.open', { keys: modKeyLabel(SYNC_SHORTCUT) }),
  ].filter((line): line is string => line !== null);

  return (
    <div className="sync-status">
      <div role="status" aria-live="polite" aria-label={t('sync.line.label')}>
        <button
          type="button"
          className={`sync-indicator sync-${status.state}`}
          aria-haspopup="dialog"
          aria-expanded={panelOpen}
          aria-keyshortcuts={SYNC_ARIA_SHORTCUT}
          aria-describedby="sync-line-details"
          title={details.join('\n')}
          onClick={() => void syncPanelOpened()}
        >
          <span className="sync-dot" aria-hidden="true" />
          <span className="sync-state">{retry ? `${stateText} · ${retry}` : stateText}</span>{' '}
          {status.pending > 0 && (
            <>
              <span className="sync-count">{t('sync.line.pending', { n: status.pending })}</span>{' '}
            </>
          )}
          {status.parked > 0 && (
            <>
              <span className="sync-count sync-count-warn">{t('sync.line.parked', { n: status.parked })}</span>{' '}
            </>
          )}
          {status.lastSyncAt !== null && (
            <span className="sync-ago" aria-hidden="true">
              {agoText(status.lastSyncAt, now)}
            </span>
          )}
        </button>
      </div>
      <span id="sync-line-details" className="visually-hidden">
        {details.join('；')}
      </span>
    </div>
  );
}
