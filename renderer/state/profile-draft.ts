import {
  CustomerPatch,
  type CHURN_REASONS,
  type CustomerProfile,
} from '../../shared/contract/customer-schemas';

// The edit form's working copy of a profile, and the pure rules that turn it into a patch:
// only changed fields are sent, and they are validated with the contract's own schema first.

type Customer = CustomerProfile['customer'];
export type ChurnReason = (typeof CHURN_REASONS)[number];

export interface ProfileDraft {
  name: string;
  status: Customer['status'];
  gender: Customer['gender'];
  /** 'YYYY-MM-DD' or '' */
  birthDate: string;
  occupation: string;
  company: string;
  province: string;
  city: string;
  addressLine: string;
  language: Customer['language'];
  preferredChannel: Customer['preferredChannel'];
  doNotContact: boolean;
  marketingConsent: boolean;
  churnReason: ChurnReason | '';
  notes: string;
  phones: string[];
  emails: string[];
}

export type DraftField = keyof ProfileDraft;
/** Field path → i18n validation key, e.g. { 'emails.0': 'validation.email' }. */
export type FieldErrors = Record<string, string>;

const NULLABLE_TEXT = ['occupation', 'company', 'province', 'city', 'addressLine', 'notes'] as const;
const PLAIN = ['status', 'gender', 'language', 'preferredChannel', 'doNotContact', 'marketingConsent'] as const;

export const DRAFT_FIELDS: readonly DraftField[] = [
  'name',
  'status',
  'churnReason',
  'gender',
  'birthDate',
  'occupation',
  'company',
  'province',
  'city',
  'addressLine',
  'language',
  'preferredChannel',
  'doNotContact',
  'marketingConsent',
  'notes',
  'phones',
  'emails',
];

export function draftFromCustomer(c: Customer, phones: readonly string[], emails: readonly string[]): ProfileDraft {
  return {
    name: c.name,
    status: c.status,
    gender: c.gender,
    birthDate: c.birthDate ?? '',
    occupation: c.occupation ?? '',
    company: c.company ?? '',
    province: c.province ?? '',
    city: c.city ?? '',
    addressLine: c.addressLine ?? '',
    language: c.language,
    preferredChannel: c.preferredChannel,
    doNotContact: c.doNotContact,
    marketingConsent: c.marketingConsent,
    churnReason: c.churnReason ?? '',
    notes: c.notes ?? '',
    phones: [...phones],
    emails: [...emails],
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());
const trimmedList = (list: readonly string[]) => list.map((s) => s.trim());
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** The fields that differ from where the editor started, as the raw patch to validate and send. */
export function changedFields(original: ProfileDraft, draft: ProfileDraft): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (draft.name.trim() !== original.name.trim()) patch.name = draft.name.trim();
  for (const f of PLAIN) if (draft[f] !== original[f]) patch[f] = draft[f];
  for (const f of NULLABLE_TEXT) if (orNull(draft[f]) !== orNull(original[f])) patch[f] = orNull(draft[f]);
  if (orNull(draft.birthDate) !== orNull(original.birthDate)) patch.birthDate = orNull(draft.birthDate);
  if (draft.churnReason !== original.churnReason) patch.churnReason = draft.churnReason === '' ? null : draft.churnReason;
  for (const f of ['phones', 'emails'] as const) {
    const next = trimmedList(draft[f]);
    if (!sameList(next, trimmedList(original[f]))) patch[f] = next;
  }
  return patch;
}

export const isDirty = (original: ProfileDraft, draft: ProfileDraft) =>
  Object.keys(changedFields(original, draft)).length > 0;

export type PatchCheck = { ok: true; patch: CustomerPatch } | { ok: false; errors: FieldErrors };

/** The same zod schema the core validates with, so nothing invalid is ever sent. */
export function validatePatch(raw: Record<string, unknown>): PatchCheck {
  const parsed = CustomerPatch.safeParse(raw);
  if (parsed.success) return { ok: true, patch: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    errors[path] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
  }
  return { ok: false, errors };
}

export function validateDraft(original: ProfileDraft, draft: ProfileDraft): FieldErrors {
  const check = validatePatch(changedFields(original, draft));
  return check.ok ? {} : check.errors;
}

/**
 * The core reports paths of its whole input ('patch.emails.0') or of the patch ('phones');
 * the form speaks in patch paths. Unknown message keys become 'validation.invalid'.
 */
export function normaliseFieldErrors(fields: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, key] of Object.entries(fields)) {
    const p = path.startsWith('patch.') ? path.slice('patch.'.length) : path;
    out[p] ??= key.startsWith('validation.') ? key : 'validation.invalid';
  }
  return out;
}

/** Drops the errors of the given fields and everything under them ('phones' also drops 'phones.2'). */
export function withoutPaths(errors: FieldErrors, fields: readonly string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, key] of Object.entries(errors)) {
    if (!fields.some((f) => path === f || path.startsWith(`${f}.`))) out[path] = key;
  }
  return out;
}
