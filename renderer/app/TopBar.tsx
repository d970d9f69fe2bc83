import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { CtiStatusIndicator } from '../features/cti/CtiStatusIndicator';
import { SearchBox } from '../features/search/SearchBox';
import { SimulatorToggle } from '../features/simulator/SimulatorPanel';
import { SyncStatusLine } from '../features/sync/SyncStatusLine';
import { useAppStore } from '../state/store-context';
import { useErrorText } from '../ui/messages';
import { LanguageSwitch } from './LanguageSwitch';
import { PresenceToggle } from './PresenceToggle';
import { ViewNav } from './ViewNav';

export function TopBar({ searchRef }: { searchRef: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const agent = useAppStore((s) => s.session?.agent ?? null);
  const localeError = useAppStore((s) => s.localeError);
  const localeErrorDismissed = useAppStore((s) => s.localeErrorDismissed);
  return (
    <header className="top-bar">
      <div className="brand">{t('app.name')}</div>
      <SearchBox inputRef={searchRef} />
      <div className="top-bar-end">
        <ViewNav />
      </div>
      <div className="top-bar-status">
        <SyncStatusLine />
        <CtiStatusIndicator />
        <SimulatorToggle />
        <LanguageSwitch />
        <PresenceToggle />
        {agent && (
          <div className="agent" aria-label={t('app.agentLabel')} role="group">
            {t('app.agentInfo', { name: agent.name, role: t(`enum.role.${agent.role}`) })}
          </div>
        )}
      </div>
      {localeError && (
        <p className="message message-warning top-bar-message" role="alert">
          {t('app.languageFailed', { message: errorText(localeError) })}
          <button type="button" className="button button-quiet" onClick={localeErrorDismissed} aria-label={t('app.dismiss')}>
            <span aria-hidden="true">×</span>
          </button>
        </p>
      )}
    </header>
  );
}
