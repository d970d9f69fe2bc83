import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/store-context';

/** The browser host's link dropped: say so at once, before the agent types into a dead window. */
export function HostLostBanner() {
  const { t } = useTranslation();
  const lost = useAppStore((s) => s.hostLost);
  const reconnect = useAppStore((s) => s.hostReconnectRequested);
  if (!lost) return null;
  return (
    <div className="message message-error host-lost" role="alert">
      <span>{t('app.hostLost')}</span>
      <button type="button" className="button button-primary" onClick={reconnect}>
        {t('app.reconnect')}
      </button>
    </div>
  );
}
