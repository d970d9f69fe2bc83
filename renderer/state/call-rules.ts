import type { z } from 'zod';
import { channels } from '../../shared/contract/channels';
import { DISPOSITIONS, type CallCard, type Disposition } from '../../shared/contract/call-schemas';
import { CustomerCreate, type Gender, type Language } from '../../shared/contract/customer-schemas';
import type { FieldErrors } from './profile-draft';

// The pure rules of the screen-pop card: what a call allows right now, and the forms on it
// (wrap-up, quick-create) validated with the contract's own schemas before anything is sent.

/** The phone hung up after someone answered, and nobody has wrapped it up yet. */
export const needsWrapUp = (c: CallCard) => c.state === 'ended' && !c.missed && c.answeredAt !== null && !c.wrappedUp;

/** Only a call that is over can leave the screen. */
export const canDismiss = (c: CallCard) => c.state === 'ended';

/** URL, command line and simulator calls cannot report answer and hang-up: the agent marks them. */
export const canMarkState = (c: CallCard) => c.source !== 'ami';

export const canAcceptCallback = (c: CallCard) => c.missed && c.callbackId === null;

/** Quick codes in the order of their number keys: 1 → DISPOSITIONS[0]. */
export const dispositionForKey = (key: string): Disposition | null => {
  if (!/^[1-9]$/.test(key)) return null;
  return DISPOSITIONS[Number(key) - 1] ?? null;
};

export const SUMMARY_MAX = 200;

export interface WrapUpDraft {
  disposition: Disposition | null;
  summary: string;
  errors: FieldErrors;
  /** A submit was tried: from now on errors follow the typing. */
  attempted: boolean;
}

export const emptyWrapUp = (): WrapUpDraft => ({ disposition: null, summary: '', errors: {}, attempted: false });

export type WrapUpCheck =
  | { ok: true; input: { callId: string; disposition: Disposition; summary: string } }
  | { ok: false; errors: FieldErrors };

function errorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[], strip: string | null): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    let path = issue.path.map(String).join('.') || '_';
    if (strip && path.startsWith(`${strip}.`)) path = path.slice(strip.length + 1);
    errors[path] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
  }
  return errors;
}

/** Validated with the calls.wrapUp input schema itself; a missing disposition asks to choose one. */
export function validateWrapUp(callId: string, draft: WrapUpDraft): WrapUpCheck {
  const parsed = channels['calls.wrapUp'].input.safeParse({ callId, disposition: draft.disposition ?? undefined, summary: draft.summary });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors = errorsOf(parsed.error.issues, null);
  if (draft.disposition === null) errors.disposition = 'validation.choose';
  return { ok: false, errors };
}

export interface QuickCreateDraft {
  name: string;
  gender: Gender;
  language: Language;
  city: string;
  errors: FieldErrors;
  attempted: boolean;
}

export const emptyQuickCreate = (): QuickCreateDraft => ({
  name: '',
  gender: 'unknown',
  language: 'zh-CN',
  city: '',
  errors: {},
  attempted: false,
});

/** What calls.createCustomer takes as `customer`: the profile create schema without phones (the core adds the caller's number). */
export const QuickCreateInput = CustomerCreate.omit({ phones: true });

export type QuickCreateCheck = { ok: true; customer: z.output<typeof QuickCreateInput> } | { ok: false; errors: FieldErrors };

export function validateQuickCreate(draft: QuickCreateDraft): QuickCreateCheck {
  const city = draft.city.trim();
  const parsed = QuickCreateInput.safeParse({
    kind: 'person',
    name: draft.name,
    gender: draft.gender,
    language: draft.language,
    ...(city ? { city } : {}),
  });
  if (parsed.success) return { ok: true, customer: parsed.data };
  return { ok: false, errors: errorsOf(parsed.error.issues, null) };
}

/** The core reports paths of its whole input ('customer.name'); the form speaks in its own field names. */
export function formErrorsFromCore(fields: Record<string, string>, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, key] of Object.entries(fields)) {
    const p = path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;
    out[p] ??= key.startsWith('validation.') ? key : 'validation.invalid';
  }
  return out;
}
