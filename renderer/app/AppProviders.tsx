import type { i18n as I18n } from 'i18next';
import { useEffect, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { AppStore } from '../state/app-store';
import { StoreProvider, useAppStore } from '../state/store-context';

/** Keeps i18next and <html lang> on the language the store says. */
function LocaleSync() {
  const locale = useAppStore((s) => s.locale);
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
    document.documentElement.lang = locale;
  }, [locale, i18n]);
  return null;
}

export function AppProviders({ store, i18n, children }: { store: AppStore; i18n: I18n; children: ReactNode }) {
  return (
    <StoreProvider store={store}>
      <I18nextProvider i18n={i18n}>
        <LocaleSync />
        {children}
      </I18nextProvider>
    </StoreProvider>
  );
}
