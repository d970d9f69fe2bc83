import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPOSITIONS } from '../../../shared/contract/call-schemas';
import { emptyWrapUp, SUMMARY_MAX } from '../../state/call-rules';
import { useAppStore } from '../../state/store-context';
import { validationKeyOf } from '../../ui/messages';
import { TextField } from '../customer-profile/fields';
import { domIdOf, wrapUpPrefixOf } from './ids';

const EMPTY = emptyWrapUp();

/**
 * After an answered call hangs up: a quick code (number keys 1–9, or the arrows within the
 * group) and a one-line summary; Enter submits. Works without the mouse from start to end —
 * the number keys themselves are handled by the card shortcuts, which also move on to the summary.
 */
export function WrapUpPanel({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const draft = useAppStore((s) => s.wrapUps[callId] ?? EMPTY);
  const pending = useAppStore((s) => s.callPending[callId]?.wrapUp === true);
  const wrapUpEdited = useAppStore((s) => s.wrapUpEdited);
  const wrapUpSubmitted = useAppStore((s) => s.wrapUpSubmitted);
  const base = `call-${domIdOf(callId)}-wrapup`;
  const dispositionError = draft.errors.disposition;
  const focusIndex = draft.disposition ? DISPOSITIONS.indexOf(draft.disposition) : 0;

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    if (e.target instanceof HTMLInputElement && e.target.type === 'radio') {
      e.preventDefault();
      void wrapUpSubmitted(callId);
    }
  };

  return (
    <form
      className="wrap-up"
      aria-labelledby={`${base}-title`}
      aria-busy={pending}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void wrapUpSubmitted(callId);
      }}
    >
      <h3 id={`${base}-title`} className="wrap-up-title">
        {t('call.wrapUp.title')}
      </h3>
      <div
        role="radiogroup"
        className="dispositions"
        aria-labelledby={`${base}-legend`}
        aria-describedby={dispositionError ? `${base}-hint ${base}-error` : `${base}-hint`}
        aria-invalid={dispositionError ? true : undefined}
        aria-required
      >
        <p id={`${base}-legend`} className="dispositions-legend">
          {t('call.wrapUp.disposition')} <span id={`${base}-hint`} className="muted small">{t('call.wrapUp.dispositionHint')}</span>
        </p>
        {DISPOSITIONS.map((d, i) => (
          <label key={d} className={`disposition${draft.disposition === d ? ' is-checked' : ''}`}>
            <input
              type="radio"
              name={`${base}-disposition`}
              value={d}
              checked={draft.disposition === d}
              disabled={pending}
              aria-keyshortcuts={String(i + 1)}
              onChange={() => wrapUpEdited(callId, { disposition: d })}
              {...(i === focusIndex ? { 'data-call-focus': '' } : {})}
            />
            <kbd aria-hidden="true">{i + 1}</kbd>
            <span>{t(`enum.disposition.${d}`)}</span>
          </label>
        ))}
        {dispositionError && (
          <p id={`${base}-error`} className="field-error" role="alert">
            {t(validationKeyOf(dispositionError))}
          </p>
        )}
      </div>
      <div className="wrap-up-summary">
        <TextField
          idPrefix={wrapUpPrefixOf(callId)}
          path="summary"
          label={t('call.wrapUp.summary')}
          value={draft.summary}
          error={draft.errors.summary}
          hint={t('call.wrapUp.summaryHint')}
          maxLength={SUMMARY_MAX}
          onChange={(summary) => wrapUpEdited(callId, { summary })}
        />
        <button type="submit" className="button button-primary" disabled={pending} aria-keyshortcuts="Enter">
          {pending ? t('call.wrapUp.submitting') : t('call.wrapUp.submit')}
        </button>
      </div>
    </form>
  );
}
