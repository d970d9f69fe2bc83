import type { ComplaintStepView, ComplaintView, StepDraft } from '../../shared/contract/complaint-schemas';
import {
  approvalNeeded,
  type Category,
  CATEGORIES,
  isOneOf,
  type StepNumber,
  SUBCATEGORIES_BY_CATEGORY,
  type Subcategory,
  validateStep,
} from '../../shared/domain/complaint-flow';

// The wizard's forms: what the fields hold (strings as typed, booleans, nulls) and the step data
// they become on the wire. Pure, so the slice and the tests share one conversion.

/** Root causes of step 3 (shared/domain/complaint-flow/types.ts). */
export { ROOT_CAUSES, type RootCause } from '../../shared/domain/complaint-flow';

export type FormValue = string | boolean | null;
export type FormValues = Record<string, FormValue>;

/** The fields of each step's form, in Tab order (the first invalid one gets the focus). */
export const STEP_FIELDS: Record<StepNumber, readonly string[]> = {
  1: ['customerWords', 'channel', 'category', 'subcategory', 'severity', 'wants'],
  2: ['said', 'at'],
  3: ['factsChecked', 'rootCause', 'department', 'evidenceNotes'],
  4: ['remedy', 'amountCents', 'currency', 'approvedBy', 'customerAccepted'],
  5: ['callbackId', 'reached', 'satisfied', 'note'],
  6: ['lesson', 'preventiveAction', 'owner', 'dueAt'],
};

const pad = (n: number) => String(n).padStart(2, '0');

/** epoch ms → the value of an <input type="datetime-local"> in the seat's local time. */
export function toLocalInput(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An <input type="datetime-local"> or <input type="date"> value → epoch ms (local time), null when empty or invalid. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  return Number.isNaN(d.getTime()) ? null : d.getTime();
}

/** epoch ms → <input type="date"> value (local). */
export function toDateInput(ms: number | null | undefined): string {
  return toLocalInput(ms).slice(0, 10);
}

/** Minor units → what the amount field shows ("300", "128.50"). */
export function centsToInput(cents: unknown): string {
  if (typeof cents !== 'number' || !Number.isFinite(cents)) return typeof cents === 'string' ? cents : '';
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/** The amount field → minor units; null when empty; the text itself when it is not an amount (the validator then says so). */
export function inputToCents(value: string): number | string | null {
  const v = value.trim().replace(/[,，\s]/g, '');
  if (v === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return value;
  const [whole, frac = ''] = v.split('.');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : value;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const boolOrNull = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

export interface FormDefaults {
  now: number;
  /** Where the complaint came from: a call proposes the incoming-call channel. */
  source: ComplaintView['source'];
  defaultCurrency: string;
}

/** A step's stored data (draft or earlier record) → the form's values. */
export function formFromData(step: StepNumber, data: Readonly<Record<string, unknown>>, d: FormDefaults): FormValues {
  switch (step) {
    case 1:
      return {
        customerWords: str(data.customerWords),
        channel: str(data.channel) || (d.source === 'call' ? 'phone_in' : ''),
        category: str(data.category),
        subcategory: str(data.subcategory),
        severity: str(data.severity),
        wants: str(data.wants),
      };
    case 2:
      // said: null until the suggested phrasing (in the UI language) is filled in by the form.
      return { said: typeof data.said === 'string' ? data.said : null, at: toLocalInput(typeof data.at === 'number' ? data.at : d.now) };
    case 3:
      return {
        factsChecked: str(data.factsChecked),
        rootCause: str(data.rootCause),
        department: str(data.department),
        evidenceNotes: str(data.evidenceNotes),
      };
    case 4:
      return {
        remedy: str(data.remedy),
        amountCents: centsToInput(data.amountCents),
        currency: str(data.currency) || d.defaultCurrency,
        customerAccepted: boolOrNull(data.customerAccepted),
      };
    case 5:
      return { reached: boolOrNull(data.reached), satisfied: boolOrNull(data.satisfied), note: str(data.note) };
    case 6:
      return {
        lesson: str(data.lesson),
        preventiveAction: str(data.preventiveAction),
        owner: str(data.owner),
        dueAt: toDateInput(typeof data.dueAt === 'number' ? data.dueAt : null),
      };
  }
}

/** The form's values → the step data sent to the core. Text is sent as typed (never trimmed). */
export function dataFromForm(step: StepNumber, form: FormValues): StepDraft {
  const s = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
  const orNull = (k: string) => (s(k) === '' ? null : s(k));
  switch (step) {
    case 1:
      return {
        customerWords: s('customerWords'),
        channel: orNull('channel'),
        category: orNull('category'),
        subcategory: orNull('subcategory'),
        severity: orNull('severity'),
        wants: s('wants'),
      };
    case 2:
      return { said: s('said'), at: fromLocalInput(s('at')) };
    case 3:
      return { factsChecked: s('factsChecked'), rootCause: orNull('rootCause'), department: s('department'), evidenceNotes: s('evidenceNotes') };
    case 4: {
      const amount = inputToCents(s('amountCents'));
      return {
        remedy: orNull('remedy'),
        amountCents: amount,
        currency: orNull('currency'),
        customerAccepted: typeof form.customerAccepted === 'boolean' ? form.customerAccepted : null,
      };
    }
    case 5:
      return {
        reached: typeof form.reached === 'boolean' ? form.reached : null,
        satisfied: typeof form.satisfied === 'boolean' ? form.satisfied : null,
        note: s('note'),
      };
    case 6: {
      const due = fromLocalInput(s('dueAt'));
      return { lesson: s('lesson'), preventiveAction: s('preventiveAction'), owner: s('owner'), dueAt: due };
    }
  }
}

/** Drops nulls: a null sent in a draft would only erase, and the validators treat missing and null alike. */
function withoutNulls(d: StepDraft): Record<string, unknown> {
  return Object.fromEntries(Object.entries(d).filter(([, v]) => v !== null));
}

/**
 * The validators of the flow on what the core would hold after this form is merged into the
 * record (an approval stays only while remedy, amount and currency are unchanged).
 */
export function clientErrors(step: StepNumber, form: FormValues, record: Readonly<Record<string, unknown>> | undefined, opts: { approvalThresholdCents: number; now: number }): Record<string, string> {
  const incoming = withoutNulls(dataFromForm(step, form));
  const prev = record ?? {};
  const merged: Record<string, unknown> = { ...prev, ...incoming };
  if (step === 4) {
    const changed = (['remedy', 'amountCents', 'currency'] as const).some((k) => merged[k] !== prev[k]);
    if (changed) delete merged.approvedBy;
  }
  const errors = validateStep(step, merged, opts);
  if (step === 5) delete errors.callbackId; // the core keeps the follow-up callback on the record
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/** Whether the amount in the form needs a supervisor's approval. */
export function formNeedsApproval(form: FormValues, thresholdCents: number): boolean {
  return approvalNeeded(inputToCents(typeof form.amountCents === 'string' ? form.amountCents : ''), thresholdCents);
}

/** Field errors as the core sends them ('data.customerWords' or 'customerWords') → form field → key. */
export function formErrorsFromCore(fields: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, key] of Object.entries(fields ?? {})) out[path.replace(/^data\./, '')] = key;
  return out;
}

/** The subcategories that fit a category (all of them before one is chosen). */
export function subcategoriesFor(category: string): readonly Subcategory[] {
  return isOneOf(CATEGORIES, category) ? SUBCATEGORIES_BY_CATEGORY[category as Category] : SUBCATEGORIES_BY_CATEGORY.other;
}

/** The latest record of a step in a round. */
export function latestStep(c: ComplaintView, step: number, round = c.round): ComplaintStepView | undefined {
  for (let i = c.steps.length - 1; i >= 0; i -= 1) {
    const r = c.steps[i]!;
    if (r.step === step && r.round === round) return r;
  }
  return undefined;
}

/** The record the agent works on now. */
export function currentStepRecord(c: ComplaintView): ComplaintStepView | undefined {
  return latestStep(c, c.currentStep);
}

/** Whether the wizard is waiting only for Close (reflect done, still open). */
export function readyToClose(c: ComplaintView): boolean {
  return c.status === 'open' && c.currentStep === 6 && currentStepRecord(c)?.state === 'done';
}

/**
 * The form for the complaint's current step: its draft, or — for a fresh analyse or solve after
 * a refused remedy — what the last done record of that step said, to edit rather than retype.
 */
export function formForComplaint(c: ComplaintView, d: Omit<FormDefaults, 'source'>): FormValues {
  const rec = currentStepRecord(c);
  let data: Record<string, unknown> = rec?.data ?? {};
  const empty = Object.keys(data).filter((k) => k !== 'approvalNeeded').length === 0;
  if (empty && (c.currentStep === 3 || c.currentStep === 4)) {
    const earlier = [...c.steps].reverse().find((r) => r.step === c.currentStep && r.state === 'done');
    if (earlier) {
      const { approvedBy: _a, approvedAt: _b, approvalNeeded: _c, customerAccepted: _d, ...rest } = earlier.data;
      data = rest;
    }
  }
  return formFromData(c.currentStep, data, { ...d, source: c.source });
}

/** The first field (in Tab order) that has an error. */
export function firstInvalidField(step: StepNumber, errors: Readonly<Record<string, string>>): string | null {
  return STEP_FIELDS[step].find((f) => errors[f] !== undefined) ?? Object.keys(errors)[0] ?? null;
}
