import { useTranslation } from 'react-i18next';
import type { CallError } from '../../shared/contract/result';
import { messageKeyOf, useErrorText } from '../ui/messages';

export type StartupFailure =
  | { kind: 'connect'; error: unknown }
  | { kind: 'session'; error: CallError };

/** Shown instead of the app when it cannot reach the core: what went wrong and what to do. */
export function ConnectError({ failure, onRetry }: { failure: StartupFailure; onRetry(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  let text: string;
  if (failure.kind === 'session') {
    text = t('connect.sessionFailed', { message: errorText(failure.error) });
  } else {
    const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
    if (message === 'errors.noToken') text = t('connect.noToken');
    else if (message === 'errors.hostUnavailable') text = t('connect.hostUnavailable');
    else text = t('connect.other', { message: messageKeyOf(message) ? errorText(message) : message });
  }
  return (
    <main className="startup-screen">
      <div className="startup-card" role="alert" aria-labelledby="startup-title">
        <h1 id="startup-title">{t('connect.title')}</h1>
        <p>{text}</p>
        <button type="button" className="button button-primary" onClick={onRetry}>
          {t('connect.retry')}
        </button>
      </div>
    </main>
  );
}

export function Splash({ message }: { message: 'app.connecting' | 'app.loadingSession' }) {
  const { t } = useTranslation();
  return (
    <main className="startup-screen">
      <p className="loading" role="status">
        {t(message)}
      </p>
    </main>
  );
}
