import { type KeyboardEvent, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintView } from '../../../shared/contract/complaint-schemas';
import { useFormat } from '../../i18n/use-format';
import { currentStepRecord, firstInvalidField, latestStep, readyToClose } from '../../state/complaint-forms';
import type { ComplaintWizard as Wizard } from '../../state/complaints-slice';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { hasModKey } from '../../ui/keys';
import { useErrorText } from '../../ui/messages';
import { complaintStepKey } from '../screen-pop/complaint-steps';
import { a11y, Field, fieldId } from './fields';
import { StepForm } from './StepForms';
import { StepRecord } from './StepRecord';
import { Stepper } from './Stepper';

type Ready = Wizard & { complaint: ComplaintView };

/** HH:mm on the seat's clock. */
function clockTime(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(ms);
}

/** The wizard of one complaint: the six steps, the current step's form, what came before. */
export function ComplaintWizard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const wizard = useAppStore((s) => s.complaintWizard);
  const closed = useAppStore((s) => s.complaintWizardClosed);
  const flush = useAppStore((s) => s.complaintDraftFlushed);
  const store = useAppStoreApi();

  // Nothing lost when the window closes mid-step: save what is typed, best effort.
  useEffect(() => {
    const save = () => void store.getState().complaintDraftFlushed();
    window.addEventListener('pagehide', save);
    window.addEventListener('beforeunload', save);
    return () => {
      window.removeEventListener('pagehide', save);
      window.removeEventListener('beforeunload', save);
    };
  }, [store]);

  if (!wizard) return null;
  if (!wizard.complaint) {
    return (
      <section className="complaint-wizard" aria-busy={wizard.status === 'loading'} aria-label={t('complaint.title')}>
        {wizard.status === 'error' && wizard.loadError ? (
          <p className="message message-error" role="alert">
            {t('complaint.wizard.loadFailed', { message: errorText(wizard.loadError) })}
          </p>
        ) : (
          <p>{t('complaint.wizard.loading')}</p>
        )}
        <button type="button" className="button" onClick={() => void closed()}>
          {t('complaint.wizard.close')}
        </button>
      </section>
    );
  }
  return <ReadyWizard wizard={wizard as Ready} onClose={() => void closed()} onFlush={() => void flush()} />;
}

function ReadyWizard({ wizard: w, onClose, onFlush }: { wizard: Ready; onClose(): void; onFlush(): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const c = w.complaint;
  const complete = useAppStore((s) => s.complaintStepCompleted);
  const closeComplaint = useAppStore((s) => s.complaintClosed);
  const remoteAccepted = useAppStore((s) => s.complaintRemoteAccepted);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // A new complaint or a new step: the keyboard goes to the step's first field.
  const stepKey = `${c.id}:${c.round}:${c.currentStep}:${c.status}:${readyToClose(c)}`;
  useEffect(() => {
    const first = formRef.current?.querySelector<HTMLElement>('textarea, input, select');
    (first ?? headingRef.current)?.focus();
  }, [stepKey]);

  // Refused: the first field in error gets the focus.
  useEffect(() => {
    if (w.errorSeq === 0) return;
    const name = firstInvalidField(c.currentStep, w.errors) ?? (w.errors.reason ? 'reason' : null);
    if (name) document.getElementById(fieldId(name))?.focus();
  }, [w.errorSeq]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.nativeEvent.isComposing || e.altKey) return;
    if (hasModKey(e) && e.key === 'Enter') {
      e.preventDefault();
      if (c.status === 'open' && !readyToClose(c)) void complete();
    } else if (hasModKey(e) && !e.shiftKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      onFlush();
    }
  };

  const record = currentStepRecord(c);
  const editing = c.status === 'open' && record?.state !== 'done';
  const stepName = t(`enum.complaintStep.${complaintStepKey(c.currentStep)}`);
  const errorCount = Object.keys(w.errors).length;
  const earlier = useMemo(() => {
    // Done records of this round (and steps 1–2 of round 1 after a reopen), latest first per step.
    const round = c.steps.filter((r) => r.state === 'done' && (r.round === c.round || (c.round > 1 && r.round === 1 && r.step <= 2)));
    const latest = new Map<number, (typeof round)[number]>();
    for (const r of round) latest.set(r.step, r);
    return [...latest.values()].sort((a, b) => a.step - b.step);
  }, [c]);
  const history = c.steps.filter((r) => r.state === 'done' && !earlier.includes(r));

  return (
    <section className="complaint-wizard" aria-labelledby="complaint-wizard-title" onKeyDown={onKeyDown}>
      <header className="wizard-head">
        <h2 id="complaint-wizard-title" tabIndex={-1} ref={headingRef}>
          {t('complaint.wizard.label', { name: c.customerName })}
        </h2>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('complaint.wizard.close')}
        </button>
      </header>
      <p className="wizard-facts">
        {t('complaint.wizard.openedAt', { time: fmt.dateTime(c.openedAt) })} ·{' '}
        {t('complaint.wizard.source', {
          source: t(c.source === 'call' ? 'complaint.wizard.sourceCall' : c.source === 'profile' ? 'complaint.wizard.sourceProfile' : 'complaint.wizard.sourceSearch'),
        })}
        {c.firstContact && ` · ${t('complaint.wizard.firstContact')}`}
        {c.category && ` · ${t(`complaint.category.${c.category}`)}`}
        {c.subcategory && ` / ${t(`complaint.subcategory.${c.subcategory}`)}`}
        {c.severity && ` · ${t(`complaint.severity.${c.severity}`)}`}
        {c.round > 1 && ` · ${t('complaint.wizard.round', { n: c.round })}`}
      </p>
      <Stepper complaint={c} />

      {w.remote && (
        <div className="notice notice-warning" role="alert">
          <p>{t('complaint.wizard.remoteChanged')}</p>
          <button type="button" className="button" onClick={remoteAccepted}>
            {t('complaint.wizard.reloadRemote')}
          </button>
        </div>
      )}
      {w.remoteReloaded && (
        <p className="notice" role="status">
          {t('complaint.wizard.remoteReloaded')}
        </p>
      )}
      {c.escalated && c.status === 'open' && (
        <p className="notice notice-warning" role="status">
          {t('complaint.wizard.escalated')}
        </p>
      )}
      {w.failure && (
        <p className="message message-error" role="alert">
          {t('complaint.wizard.actionFailed', { message: errorText(w.failure) })}
        </p>
      )}

      {editing && (
        <form
          ref={formRef}
          className="complaint-step-form"
          aria-labelledby="complaint-step-title"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void complete();
          }}
          onBlur={(e) => {
            // Leaving the form (not moving within it) saves what is typed.
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onFlush();
          }}
        >
          <h3 id="complaint-step-title">
            {c.currentStep}. {stepName}
            {record?.slaDueAt != null && (
              <span className={`badge sla-badge sla-${record.slaState}`}>
                {t(`enum.slaState.${record.slaState}`)} · {t('complaint.wizard.due', { time: fmt.dateTime(record.slaDueAt) })}
              </span>
            )}
          </h3>
          {errorCount > 0 && (
            <p className="message message-error" role="alert">
              {t('complaint.wizard.errorSummary', { n: errorCount })}
            </p>
          )}
          <StepForm wizard={w} />
          <div className="form-actions">
            <DraftStatus wizard={w} />
            <button type="button" className="button" aria-keyshortcuts="Control+S" title={t('complaint.wizard.saveDraftHint')} disabled={w.pending !== null} onClick={onFlush}>
              {t('complaint.wizard.saveDraft')}
            </button>
            <button type="submit" className="button button-primary" aria-keyshortcuts="Control+Enter" title={t('complaint.wizard.completeHint')} disabled={w.pending !== null}>
              {c.currentStep === 5 ? t('complaint.followUp.record') : t('complaint.wizard.complete')}
            </button>
          </div>
        </form>
      )}

      {readyToClose(c) && (
        <div className="notice" role="status">
          <p>{t('complaint.wizard.readyToClose')}</p>
          <button type="button" className="button button-primary" disabled={w.pending !== null} onClick={() => void closeComplaint()}>
            {t('complaint.wizard.closeComplaint')}
          </button>
        </div>
      )}
      {c.status === 'closed' && <ClosedPanel wizard={w} />}

      {earlier.length > 0 && (
        <section className="wizard-earlier" aria-labelledby="complaint-earlier-title">
          <h3 id="complaint-earlier-title">{t('complaint.wizard.earlier')}</h3>
          {earlier.map((r) => (
            <StepRecord key={r.id} record={r} />
          ))}
        </section>
      )}
      {(history.length > 0 || c.reopens.length > 0) && (
        <section className="wizard-history" aria-labelledby="complaint-history-title">
          <h3 id="complaint-history-title">{t('complaint.wizard.history')}</h3>
          <ul>
            {c.reopens.map((r) => (
              <li key={`${r.round}-${r.at}`}>
                {t('complaint.wizard.reopenedBy', { time: fmt.dateTime(r.at), name: r.actorName ?? t('complaint.wizard.someone'), round: r.round, reason: r.reason })}
              </li>
            ))}
          </ul>
          {history.map((r) => (
            <div key={r.id}>
              <span className="visually-hidden">{t('complaint.wizard.round', { n: r.round })}</span>
              <StepRecord record={r} />
            </div>
          ))}
        </section>
      )}
    </section>
  );
}

function DraftStatus({ wizard: w }: { wizard: Ready }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const fmt = useFormat();
  let text = '';
  if (w.draft.state === 'saving') text = t('complaint.wizard.draftSaving');
  else if (w.draft.state === 'failed' && w.draft.error) text = t('complaint.wizard.draftFailed', { message: errorText(w.draft.error) });
  else if (w.dirty) text = t('complaint.wizard.draftUnsaved');
  else if (w.draft.at !== null) text = t('complaint.wizard.draftSaved', { time: clockTime(w.draft.at, fmt.locale) });
  return (
    <span className={`draft-status${w.draft.state === 'failed' ? ' is-error' : ''}`} role="status" aria-live="polite">
      {text}
    </span>
  );
}

function ClosedPanel({ wizard: w }: { wizard: Ready }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toggled = useAppStore((s) => s.complaintReopenToggled);
  const edited = useAppStore((s) => s.complaintReopenReasonEdited);
  const reopened = useAppStore((s) => s.complaintReopened);
  const c = w.complaint;
  const reflect = latestStep(c, 6);
  return (
    <div className="wizard-closed">
      <p>
        {c.closedAt !== null && t('complaint.wizard.closedAt', { time: fmt.dateTime(c.closedAt) })}
        {reflect?.authorName && ` · ${reflect.authorName}`}
      </p>
      {c.firstContactResolution && <p className="badge badge-success">{t('complaint.wizard.fcr')}</p>}
      {!w.reopenOpen ? (
        <button type="button" className="button" onClick={() => toggled(true)}>
          {t('complaint.wizard.reopen')}
        </button>
      ) : (
        <form
          className="reopen-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void reopened();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              toggled(false);
            } else if (hasModKey(e) && e.key === 'Enter') {
              e.preventDefault();
              e.stopPropagation();
              void reopened();
            }
          }}
        >
          <Field name="reason" label={t('complaint.wizard.reopenReason')} error={w.errors.reason}>
            <textarea {...a11y('reason', w.errors.reason)} rows={2} autoFocus value={w.reopenReason} onChange={(e) => edited(e.target.value)} />
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={w.pending !== null}>
              {t('complaint.wizard.reopenSubmit')}
            </button>
            <button type="button" className="button" onClick={() => toggled(false)}>
              {t('complaint.wizard.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
