import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallCard } from '../../../shared/contract/call-schemas';
import { useAppStore } from '../../state/store-context';
import { modKeyLabel } from '../../ui/keys';
import { useErrorText } from '../../ui/messages';
import { TextField } from '../customer-profile/fields';

const NONE: CallCard[] = [];
/** The panel plays the caller's side of the newest few; older ones are still on their cards. */
const MAX_LISTED = 8;

/** The simulated calls still live, newest first (derived from the calls on screen). */
function useSimulatedCalls(): CallCard[] {
  const calls = useAppStore((s) => s.calls);
  const order = useAppStore((s) => s.callOrder);
  const live: CallCard[] = [];
  for (let i = order.length - 1; i >= 0 && live.length < MAX_LISTED; i--) {
    const c = calls[order[i]!];
    if (c && c.source === 'simulator' && c.state !== 'ended') live.push(c);
  }
  return live.length > 0 ? live : NONE;
}

/**
 * Training and tests: ring this seat with a random demo caller or a chosen number (and the line
 * it dialled), then answer or hang up as the caller's side. Ctrl/⌘+Shift+S or the top-bar button.
 */
export function SimulatorPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const draft = useAppStore((s) => s.simulatorDraft);
  const errors = useAppStore((s) => s.simulatorErrors);
  const pending = useAppStore((s) => s.simulatorPending);
  const failure = useAppStore((s) => s.simulatorFailure);
  const simulatorEdited = useAppStore((s) => s.simulatorEdited);
  const simulatorRingRequested = useAppStore((s) => s.simulatorRingRequested);
  const simulatorAnswerRequested = useAppStore((s) => s.simulatorAnswerRequested);
  const simulatorHangupRequested = useAppStore((s) => s.simulatorHangupRequested);
  const simulatorToggled = useAppStore((s) => s.simulatorToggled);
  const live = useSimulatedCalls();
  const ringRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    ringRef.current?.focus();
  }, []);

  return (
    <section
      className="simulator-panel"
      aria-labelledby="simulator-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          simulatorToggled(false);
        }
      }}
    >
      <div className="simulator-head">
        <h2 id="simulator-title">{t('simulator.title')}</h2>
        <span className="muted small">{t('simulator.shortcut', { keys: modKeyLabel('Shift+S') })}</span>
        <button type="button" className="button button-quiet" aria-label={t('simulator.close')} onClick={() => simulatorToggled(false)}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <p className="muted small">{t('simulator.hint')}</p>
      <button
        type="button"
        ref={ringRef}
        className="button button-primary"
        disabled={pending}
        title={t('simulator.ringRandomHint')}
        onClick={() => void simulatorRingRequested({ random: true })}
      >
        {t('simulator.ringRandom')}
      </button>
      <form
        className="simulator-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void simulatorRingRequested();
        }}
      >
        <TextField
          idPrefix="sim"
          path="from"
          type="tel"
          label={t('simulator.from')}
          hint={t('simulator.fromHint')}
          value={draft.from}
          error={errors.from}
          onChange={(from) => simulatorEdited({ from })}
        />
        <TextField
          idPrefix="sim"
          path="dnis"
          type="tel"
          label={t('simulator.dnis')}
          hint={t('simulator.dnisHint')}
          value={draft.dnis}
          error={errors.dnis}
          onChange={(dnis) => simulatorEdited({ dnis })}
        />
        <button type="submit" className="button" disabled={pending}>
          {t('simulator.ring')}
        </button>
      </form>
      {failure && (
        <p className="message message-error" role="alert">
          {t('simulator.failed', { message: errorText(failure) })}
        </p>
      )}
      <h3 className="simulator-subtitle">{t('simulator.calls')}</h3>
      {live.length === 0 ? (
        <p className="muted small">{t('simulator.none')}</p>
      ) : (
        <ul className="plain-list simulator-calls">
          {live.map((c) => (
            <li key={c.callId} className="simulator-call">
              <span className="call-number">{c.caller.display}</span> <span className="muted">{t(`enum.callState.${c.state}`)}</span>
              <span className="simulator-call-actions">
                {c.state === 'ringing' && (
                  <button type="button" className="button" disabled={pending} onClick={() => void simulatorAnswerRequested(c.callId)}>
                    {t('simulator.answer')}
                  </button>
                )}
                <button type="button" className="button" disabled={pending} onClick={() => void simulatorHangupRequested(c.callId)}>
                  {t('simulator.hangUp')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The top-bar button that opens and closes the simulator. */
export function SimulatorToggle() {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.simulatorOpen);
  const simulatorToggled = useAppStore((s) => s.simulatorToggled);
  return (
    <button
      type="button"
      className={`button button-quiet simulator-toggle${open ? ' is-open' : ''}`}
      aria-pressed={open}
      aria-keyshortcuts="Control+Shift+S Meta+Shift+S"
      title={t('app.simulatorHint', { keys: modKeyLabel('Shift+S') })}
      onClick={() => simulatorToggled()}
    >
      {t('app.simulator')}
    </button>
  );
}
