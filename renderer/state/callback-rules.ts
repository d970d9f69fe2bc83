import type { Assignee, CallbackCreate, CallbackReason, CallbackView } from '../../shared/contract/callback-schemas';
import { channels } from '../../shared/contract/channels';
import { defaultZoneForCountry, isValidZone, zoneOffsetMinutes } from '../../shared/domain/callback-rules';
import { phoneArea } from '../../shared/domain/phone-area';
import type { FieldErrors } from './profile-draft';

// The pure rules of the callbacks screens: wall-clock times in the customer's zone ⇄ UTC, the
// queue's order, the create form validated with the contract's own schema, and the core's
// refusals turned into the form's field errors.

const MINUTE = 60_000;

/** 'YYYY-MM-DDTHH:mm' (a datetime-local value) read as a wall clock in `zone` → UTC epoch ms; null when not a valid value. */
export function wallToUtc(value: string, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m || !isValidZone(zone)) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  // Two passes settle the offset around a DST change (the first guess may sit on the other side).
  const first = wall - zoneOffsetMinutes(wall, zone) * MINUTE;
  return wall - zoneOffsetMinutes(first, zone) * MINUTE;
}

/** UTC epoch ms → the 'YYYY-MM-DDTHH:mm' wall clock in `zone`, for a datetime-local input. */
export function utcToWall(at: number, zone: string): string {
  const wall = new Date(at + zoneOffsetMinutes(at, zone) * MINUTE);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${wall.getUTCFullYear()}-${p(wall.getUTCMonth() + 1)}-${p(wall.getUTCDate())}T${p(wall.getUTCHours())}:${p(wall.getUTCMinutes())}`;
}

/** The customer's zone guessed from a number (masked digits read as 0, enough to know the country). */
export function zoneForNumber(raw: string, fallback = 'Asia/Shanghai'): string {
  const country = phoneArea(raw).country ?? phoneArea(raw.replace(/[*＊•]/g, '0')).country;
  return defaultZoneForCountry(country, fallback);
}

/** Open callbacks in working order: overdue, then due, then upcoming; earlier window first, then priority. */
const DUE_RANK = { overdue: 0, due: 1, upcoming: 2 } as const;
export function sortQueue(items: readonly CallbackView[]): CallbackView[] {
  return [...items].sort(
    (a, b) => DUE_RANK[a.dueState] - DUE_RANK[b.dueState] || a.windowStart - b.windowStart || a.priority - b.priority || a.id.localeCompare(b.id),
  );
}

/** What the attempt panel offers, in the order of its number keys: 1 → reached. */
export const OUTCOME_KEYS = ['reached', 'no_answer', 'busy', 'voicemail', 'wrong_number'] as const;
export const outcomeForKey = (key: string) => (/^[1-5]$/.test(key) ? OUTCOME_KEYS[Number(key) - 1]! : null);

export type AssigneeChoice = 'me' | `agent:${string}` | `team:${string}`;

export function assigneeOf(choice: AssigneeChoice): Assignee {
  if (choice.startsWith('agent:')) return { kind: 'agent', agentId: choice.slice(6) };
  if (choice.startsWith('team:')) return { kind: 'team', teamId: choice.slice(5) };
  return { kind: 'me' };
}

export interface CallbackDraft {
  customerId: string | null;
  customerName: string | null;
  /** The numbers to choose from (as shown: masked for agents); the last choice is "another number". */
  numbers: string[];
  /** One of `numbers`, or '' for the typed `otherPhone`. */
  phone: string;
  otherPhone: string;
  reason: CallbackReason;
  /** datetime-local values in `timeZone`. */
  start: string;
  end: string;
  timeZone: string;
  /** The agent changed the zone: picking another number no longer moves it. */
  zoneEdited: boolean;
  priority: 1 | 2 | 3;
  assignee: AssigneeChoice;
  note: string;
  interactionId: string | null;
  errors: FieldErrors;
}

const HALF_HOUR = 30 * MINUTE;

/** A fresh form: the first number, its country's zone, a two-hour window from the next half hour. */
export function newCallbackDraft(input: {
  customerId: string | null;
  customerName: string | null;
  numbers: string[];
  reason?: CallbackReason;
  interactionId?: string | null;
  now: number;
  zoneHint?: string | null;
}): CallbackDraft {
  const phone = input.numbers[0] ?? '';
  const timeZone = input.zoneHint && isValidZone(input.zoneHint) ? input.zoneHint : zoneForNumber(phone);
  const start = Math.ceil(input.now / HALF_HOUR) * HALF_HOUR;
  return {
    customerId: input.customerId,
    customerName: input.customerName,
    numbers: input.numbers,
    phone,
    otherPhone: '',
    reason: input.reason ?? 'other',
    start: utcToWall(start, timeZone),
    end: utcToWall(start + 4 * HALF_HOUR, timeZone),
    timeZone,
    zoneEdited: false,
    priority: 2,
    assignee: 'me',
    note: '',
    interactionId: input.interactionId ?? null,
    errors: {},
  };
}

/** Field names of the form, as the core's paths name them ('callback.windowStart'). */
const FORM_FIELD: Record<string, keyof CallbackDraft> = {
  windowStart: 'start',
  windowEnd: 'end',
  timeZone: 'timeZone',
  phone: 'phone',
  note: 'note',
  priority: 'priority',
  reason: 'reason',
  assignee: 'assignee',
};

/** Core or schema issue paths → the form's fields; refusals ('callbacks.refused.*') are kept as they are. */
export function draftErrorsOf(fields: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, key] of Object.entries(fields)) {
    const name = path.replace(/^callback\./, '').split('.')[0]!;
    const field = FORM_FIELD[name] ?? '_';
    out[field] ??= key;
  }
  return out;
}

export type CallbackDraftCheck = { ok: true; callback: CallbackCreate } | { ok: false; errors: FieldErrors };

export function validateCallbackDraft(d: CallbackDraft): CallbackDraftCheck {
  const errors: FieldErrors = {};
  if (!isValidZone(d.timeZone)) errors.timeZone = 'callbacks.refused.invalid_zone';
  const windowStart = errors.timeZone ? null : wallToUtc(d.start, d.timeZone);
  const windowEnd = errors.timeZone ? null : wallToUtc(d.end, d.timeZone);
  if (!errors.timeZone && windowStart === null) errors.start = 'validation.required';
  if (!errors.timeZone && windowEnd === null) errors.end = 'validation.required';
  if (windowStart !== null && windowEnd !== null && windowEnd <= windowStart) errors.end = 'callbacks.refused.window_inverted';
  const note = d.note.trim();
  const raw = {
    customerId: d.customerId,
    phone: d.phone === '' ? d.otherPhone : d.phone,
    reason: d.reason,
    windowStart: windowStart ?? 0,
    windowEnd: windowEnd ?? 0,
    timeZone: d.timeZone,
    priority: d.priority,
    assignee: assigneeOf(d.assignee),
    note: note === '' ? null : note,
    interactionId: d.interactionId,
  };
  const parsed = channels['callbacks.create'].input.safeParse({ callback: raw });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[1] ?? '_');
      const field = FORM_FIELD[name] ?? '_';
      if (field === 'start' || field === 'end') continue; // said above in the form's own words
      errors[field] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, callback: parsed.data.callback };
}

/** A refusal the form can explain ('callbacks.refused.window_in_quiet_hours'); anything else is a validation key. */
/** The shared rules' WindowRefusal reasons (shared/domain/callback-rules/window.ts), plus noNumber. */
export const REFUSALS = ['window_in_quiet_hours', 'do_not_contact', 'window_inverted', 'window_in_past', 'window_too_short', 'invalid_zone', 'noNumber'] as const;
export type RefusalKey = `callbacks.refused.${(typeof REFUSALS)[number] | 'other'}`;
const REFUSED = 'callbacks.refused';
export function refusalKeyOf(key: string): RefusalKey | null {
  if (!key.startsWith(`${REFUSED}.`)) return null;
  const name = key.slice(REFUSED.length + 1);
  return (REFUSALS as readonly string[]).includes(name) ? (key as RefusalKey) : 'callbacks.refused.other';
}
