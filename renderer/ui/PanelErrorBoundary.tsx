import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Which part of the window failed, for the message ("the 看板", "the call cards"…). */
export type PanelArea = 'view' | 'calls' | 'profile' | 'alerts' | 'dialog' | 'app';

interface Props {
  area: PanelArea;
  /** A new key (e.g. another view chosen) clears the failure and renders the children again. */
  resetKey?: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: string | undefined;
}

/**
 * A render error stays in the panel it happened in: the agent keeps the search, the call cards
 * and the other views, and is told what failed with a retry, instead of React unmounting the
 * whole window to a blank page in the middle of a call.
 */
export class PanelErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    // The host's log (and a test's page report) gets the stack; the person gets the message.
    console.error(`[${this.props.area}] render failed:`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <PanelFailed area={this.props.area} error={this.state.error} onRetry={() => this.setState({ error: null })} />;
  }
}

function PanelFailed({ area, error, onRetry }: { area: PanelArea; error: Error; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <div className="message message-error panel-failed" role="alert">
      <p>{t('crash.message', { area: t(`crash.area.${area}`) })}</p>
      <p className="panel-failed-detail">{t('crash.detail', { message: error.message })}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('crash.retry')}
      </button>
    </div>
  );
}
