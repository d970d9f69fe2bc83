import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, CHANNELS, isOneOf, REMEDIES, SEVERITIES } from '../../../shared/domain/complaint-flow';
import { useFormat } from '../../i18n/use-format';
import { currentStepRecord, dataFromForm, formNeedsApproval, ROOT_CAUSES, subcategoriesFor } from '../../state/complaint-forms';
import type { ComplaintWizard } from '../../state/complaints-slice';
import { useAppStore } from '../../state/store-context';
import { a11y, Field, fieldId, useFieldMessage, YesNo } from './fields';

type Ready = ComplaintWizard & { complaint: NonNullable<ComplaintWizard['complaint']> };

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The current step's form; which fields depend on the step (see complaint-forms.ts). */
export function StepForm({ wizard }: { wizard: Ready }) {
  switch (wizard.complaint.currentStep) {
    case 1:
      return <ListenForm wizard={wizard} />;
    case 2:
      return <ApologiseForm wizard={wizard} />;
    case 3:
      return <AnalyseForm wizard={wizard} />;
    case 4:
      return <SolveForm wizard={wizard} />;
    case 5:
      return <FollowUpForm wizard={wizard} />;
    case 6:
      return <ReflectForm wizard={wizard} />;
  }
}

function useEdit() {
  return useAppStore((s) => s.complaintFormEdited);
}

function ListenForm({ wizard: w }: { wizard: Ready }) {
  const { t } = useTranslation();
  const edit = useEdit();
  const f = w.form;
  const e = w.errors;
  const category = str(f.category);
  const subs = subcategoriesFor(category);
  return (
    <>
      <Field name="customerWords" label={t('complaint.listen.customerWords')} error={e.customerWords} hint={t('complaint.listen.customerWordsHint')}>
        <textarea {...a11y('customerWords', e.customerWords, true)} rows={5} value={str(f.customerWords)} onChange={(ev) => edit({ customerWords: ev.target.value })} />
      </Field>
      <div className="form-row">
        <Field name="channel" label={t('complaint.listen.channel')} error={e.channel}>
          <select {...a11y('channel', e.channel)} value={str(f.channel)} onChange={(ev) => edit({ channel: ev.target.value })}>
            <option value="">{t('complaint.wizard.choose')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`complaint.channel.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="severity" label={t('complaint.listen.severity')} error={e.severity}>
          <select {...a11y('severity', e.severity)} value={str(f.severity)} onChange={(ev) => edit({ severity: ev.target.value })}>
            <option value="">{t('complaint.wizard.choose')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`complaint.severity.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-row">
        <Field name="category" label={t('complaint.listen.category')} error={e.category}>
          <select
            {...a11y('category', e.category)}
            value={category}
            onChange={(ev) => {
              const next = ev.target.value;
              // A subcategory that does not fit the new category is cleared, never kept silently.
              const keep = isOneOf(CATEGORIES, next) && subcategoriesFor(next).includes(str(f.subcategory) as never);
              edit(keep ? { category: next } : { category: next, subcategory: '' });
            }}
          >
            <option value="">{t('complaint.wizard.choose')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`complaint.category.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="subcategory" label={t('complaint.listen.subcategory')} error={e.subcategory} hint={category ? undefined : t('complaint.listen.subcategoryHint')}>
          <select {...a11y('subcategory', e.subcategory, !category)} value={str(f.subcategory)} onChange={(ev) => edit({ subcategory: ev.target.value })}>
            <option value="">{t('complaint.wizard.choose')}</option>
            {subs.map((s) => (
              <option key={s} value={s}>
                {t(`complaint.subcategory.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field name="wants" label={t('complaint.listen.wants')} error={e.wants}>
        <textarea {...a11y('wants', e.wants)} rows={2} value={str(f.wants)} onChange={(ev) => edit({ wants: ev.target.value })} />
      </Field>
    </>
  );
}

function ApologiseForm({ wizard: w }: { wizard: Ready }) {
  const { t } = useTranslation();
  const edit = useEdit();
  const prefill = useAppStore((s) => s.complaintFormPrefilled);
  const category = w.complaint.category ?? 'other';
  const suggestion = t(`complaint.apologise.suggestion.${category}`);
  const f = w.form;
  const e = w.errors;
  useEffect(() => {
    // The suggested phrasing, in the language on screen, until the agent writes their own.
    if (f.said === null || f.said === undefined) prefill({ said: suggestion });
  }, [f.said, suggestion, prefill]);
  return (
    <>
      <Field name="said" label={t('complaint.apologise.said')} error={e.said} hint={t('complaint.apologise.saidHint')}>
        <textarea {...a11y('said', e.said, true)} rows={4} value={str(f.said)} onChange={(ev) => edit({ said: ev.target.value })} />
      </Field>
      {str(f.said) !== suggestion && (
        <button type="button" className="button button-quiet" onClick={() => edit({ said: suggestion })}>
          {t('complaint.apologise.useSuggestion')}
        </button>
      )}
      <Field name="at" label={t('complaint.apologise.at')} error={e.at}>
        <input type="datetime-local" {...a11y('at', e.at)} value={str(f.at)} onChange={(ev) => edit({ at: ev.target.value })} />
      </Field>
    </>
  );
}

function AnalyseForm({ wizard: w }: { wizard: Ready }) {
  const { t } = useTranslation();
  const edit = useEdit();
  const f = w.form;
  const e = w.errors;
  return (
    <>
      <Field name="factsChecked" label={t('complaint.analyse.factsChecked')} error={e.factsChecked}>
        <textarea {...a11y('factsChecked', e.factsChecked)} rows={4} value={str(f.factsChecked)} onChange={(ev) => edit({ factsChecked: ev.target.value })} />
      </Field>
      <div className="form-row">
        <Field name="rootCause" label={t('complaint.analyse.rootCause')} error={e.rootCause}>
          <select {...a11y('rootCause', e.rootCause)} value={str(f.rootCause)} onChange={(ev) => edit({ rootCause: ev.target.value })}>
            <option value="">{t('complaint.wizard.choose')}</option>
            {ROOT_CAUSES.map((r) => (
              <option key={r} value={r}>
                {t(`complaint.rootCause.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="department" label={t('complaint.analyse.department')} error={e.department}>
          <input type="text" {...a11y('department', e.department)} value={str(f.department)} onChange={(ev) => edit({ department: ev.target.value })} />
        </Field>
      </div>
      <Field name="evidenceNotes" label={t('complaint.analyse.evidenceNotes')} error={e.evidenceNotes}>
        <textarea {...a11y('evidenceNotes', e.evidenceNotes)} rows={3} value={str(f.evidenceNotes)} onChange={(ev) => edit({ evidenceNotes: ev.target.value })} />
      </Field>
    </>
  );
}

function SolveForm({ wizard: w }: { wizard: Ready }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const edit = useEdit();
  const role = useAppStore((s) => s.session?.agent.role ?? 'agent');
  const settings = useAppStore((s) => s.complaintSettings);
  const approve = useAppStore((s) => s.complaintRemedyApproved);
  const reject = useAppStore((s) => s.complaintRemedyRejected);
  const message = useFieldMessage();
  const f = w.form;
  const e = w.errors;
  const threshold = settings?.approvalThresholdCents ?? null;
  const record = currentStepRecord(w.complaint);
  const needs = threshold !== null && formNeedsApproval(f, threshold);
  // An approval holds while remedy, amount and currency are what was approved.
  const formData = dataFromForm(4, f);
  const unchanged = (['remedy', 'amountCents', 'currency'] as const).every((k) => formData[k] === (record?.data[k] ?? null));
  const approvedAt = typeof record?.data.approvedAt === 'number' && unchanged ? record.data.approvedAt : null;
  const currency = str(f.currency) || settings?.defaultCurrency || 'CNY';
  return (
    <>
      <div className="form-row">
        <Field name="remedy" label={t('complaint.solve.remedy')} error={e.remedy}>
          <select {...a11y('remedy', e.remedy)} value={str(f.remedy)} onChange={(ev) => edit({ remedy: ev.target.value })}>
            <option value="">{t('complaint.wizard.choose')}</option>
            {REMEDIES.map((r) => (
              <option key={r} value={r}>
                {t(`complaint.remedy.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="amountCents" label={t('complaint.solve.amount')} error={e.amountCents} hint={t('complaint.solve.amountHint')}>
          <input type="text" inputMode="decimal" {...a11y('amountCents', e.amountCents, true)} value={str(f.amountCents)} onChange={(ev) => edit({ amountCents: ev.target.value })} />
        </Field>
        <Field name="currency" label={t('complaint.solve.currency')} error={e.currency}>
          <input
            type="text"
            {...a11y('currency', e.currency)}
            maxLength={3}
            size={4}
            autoCapitalize="characters"
            value={str(f.currency)}
            onChange={(ev) => edit({ currency: ev.target.value.toUpperCase() })}
          />
        </Field>
      </div>
      {needs && threshold !== null && (
        <div className={`notice${e.approvedBy ? ' notice-error' : ''}`} role="status" id={fieldId('approvedBy')} tabIndex={-1}>
          <p>{t('complaint.solve.approvalNeeded', { threshold: fmt.money(threshold, currency) })}</p>
          {e.approvedBy && <p className="field-error">{message(e.approvedBy)}</p>}
          {approvedAt !== null ? (
            <p>{t('complaint.solve.approvedBy', { time: fmt.dateTime(approvedAt) })}</p>
          ) : (
            role !== 'agent' && (
              <button type="button" className="button button-primary" disabled={w.pending !== null} onClick={() => void approve()}>
                {t('complaint.solve.approve')}
              </button>
            )
          )}
        </div>
      )}
      <YesNo
        name="customerAccepted"
        legend={t('complaint.solve.customerAccepted')}
        value={typeof f.customerAccepted === 'boolean' ? f.customerAccepted : null}
        error={e.customerAccepted}
        yes={t('complaint.solve.accepted')}
        no={t('complaint.solve.notAccepted')}
        onChange={(v) => edit({ customerAccepted: v })}
      />
      {f.customerAccepted === false && (
        <div className="form-actions" role="group" aria-label={t('complaint.solve.rejectedNext')}>
          <span>{t('complaint.solve.rejectedNext')}</span>
          <button type="button" className="button" disabled={w.pending !== null} onClick={() => void reject('analyse')}>
            {t('complaint.solve.backToAnalyse')}
          </button>
          <button type="button" className="button" disabled={w.pending !== null} onClick={() => void reject('escalate')}>
            {t('complaint.solve.escalate')}
          </button>
        </div>
      )}
    </>
  );
}

function FollowUpForm({ wizard: w }: { wizard: Ready }) {
  const { t } = useTranslation();
  const edit = useEdit();
  const f = w.form;
  const e = w.errors;
  const cb = w.followUpCallback;
  // The window in the customer's time zone, as the callbacks queue shows it.
  const fmt = useFormat(cb?.timeZone);
  const attempts = currentStepRecord(w.complaint)?.data.attempts;
  return (
    <>
      <section className="follow-up-callback" aria-label={t('complaint.followUp.callback')}>
        <h4>{t('complaint.followUp.callback')}</h4>
        {cb ? (
          <>
            <p>{t('complaint.followUp.window', { start: fmt.dateTime(cb.windowStart), end: fmt.dateTime(cb.windowEnd) })}</p>
            <p>{t('complaint.followUp.callbackStatus', { status: t(`enum.dueState.${cb.dueState}`) })}</p>
          </>
        ) : (
          <p>{t('complaint.followUp.noCallback')}</p>
        )}
        {typeof attempts === 'number' && attempts > 0 && (
          <p className="notice" role="status">
            {t('complaint.followUp.attempts', { n: attempts })}
          </p>
        )}
      </section>
      {e.callbackId && <p className="field-error">{t('complaint.followUp.errors.callbackRequired')}</p>}
      <YesNo
        name="reached"
        legend={t('complaint.followUp.reached')}
        value={typeof f.reached === 'boolean' ? f.reached : null}
        error={e.reached}
        yes={t('complaint.followUp.reachedYes')}
        no={t('complaint.followUp.reachedNo')}
        onChange={(v) => edit(v ? { reached: v } : { reached: v, satisfied: null })}
      />
      {f.reached === true && (
        <YesNo
          name="satisfied"
          legend={t('complaint.followUp.satisfied')}
          value={typeof f.satisfied === 'boolean' ? f.satisfied : null}
          error={e.satisfied}
          yes={t('complaint.followUp.satisfiedYes')}
          no={t('complaint.followUp.satisfiedNo')}
          onChange={(v) => edit({ satisfied: v })}
        />
      )}
      <Field name="note" label={t('complaint.followUp.note')} error={e.note}>
        <textarea {...a11y('note', e.note)} rows={2} value={str(f.note)} onChange={(ev) => edit({ note: ev.target.value })} />
      </Field>
    </>
  );
}

function ReflectForm({ wizard: w }: { wizard: Ready }) {
  const { t } = useTranslation();
  const edit = useEdit();
  const f = w.form;
  const e = w.errors;
  return (
    <>
      <Field name="lesson" label={t('complaint.reflect.lesson')} error={e.lesson}>
        <textarea {...a11y('lesson', e.lesson)} rows={3} value={str(f.lesson)} onChange={(ev) => edit({ lesson: ev.target.value })} />
      </Field>
      <Field name="preventiveAction" label={t('complaint.reflect.preventiveAction')} error={e.preventiveAction}>
        <textarea {...a11y('preventiveAction', e.preventiveAction)} rows={3} value={str(f.preventiveAction)} onChange={(ev) => edit({ preventiveAction: ev.target.value })} />
      </Field>
      <div className="form-row">
        <Field name="owner" label={t('complaint.reflect.owner')} error={e.owner}>
          <input type="text" {...a11y('owner', e.owner)} value={str(f.owner)} onChange={(ev) => edit({ owner: ev.target.value })} />
        </Field>
        <Field name="dueAt" label={t('complaint.reflect.dueAt')} error={e.dueAt}>
          <input type="date" {...a11y('dueAt', e.dueAt)} value={str(f.dueAt)} onChange={(ev) => edit({ dueAt: ev.target.value })} />
        </Field>
      </div>
    </>
  );
}
