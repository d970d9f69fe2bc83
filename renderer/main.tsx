import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { connectCore } from './api/connect';
import type { CoreApi } from './api/core-api';
import { App } from './app/App';
import { AppProviders } from './app/AppProviders';
import { ConnectError, Splash, type StartupFailure } from './app/ConnectError';
import { createI18n, pickLocale } from './i18n';
import { createAppStore } from './state/app-store';
import { PanelErrorBoundary } from './ui/PanelErrorBoundary';
import './styles.css';

async function boot() {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  // Until the session says otherwise, speak the language the system prefers.
  const i18n = createI18n(pickLocale(navigator.languages ?? [navigator.language]));
  document.documentElement.lang = i18n.language;
  const retry = () => window.location.reload();
  const fail = (failure: StartupFailure) =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <ConnectError failure={failure} onRetry={retry} />
      </I18nextProvider>,
    );

  root.render(
    <I18nextProvider i18n={i18n}>
      <Splash message="app.connecting" />
    </I18nextProvider>,
  );

  let api: CoreApi;
  try {
    api = await connectCore();
  } catch (error) {
    fail({ kind: 'connect', error });
    return;
  }

  const store = createAppStore(api);
  await store.getState().appStarted();
  const { sessionStatus, sessionError, locale } = store.getState();
  if (sessionStatus !== 'ready') {
    fail({ kind: 'session', error: sessionError ?? { code: 'internal', message: 'errors.internal' } });
    return;
  }
  await i18n.changeLanguage(locale);

  root.render(
    <StrictMode>
      <AppProviders store={store} i18n={i18n}>
        <PanelErrorBoundary area="app">
          <App />
        </PanelErrorBoundary>
      </AppProviders>
    </StrictMode>,
  );
}

void boot();
