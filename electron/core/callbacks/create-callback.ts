import { v7 as uuidv7 } from 'uuid';
import type { Assignee, CallbackCreate } from '../../../shared/contract/callback-schemas';
import { CoreError } from '../../../shared/contract/result';
import { nextAllowedTime, validateCallbackWindow, type QuietHours } from '../../../shared/domain/callback-rules';
import { maskPhone, normalizePhone } from '../../../shared/domain/phone';
import { listPhones } from '../store/customers-repo';
import type { ServiceContext } from '../create-core';
import { insertRow } from '../store/change-log';
import { stmt } from '../store/statements';
import { loadSchedulingSettings } from './settings';

/** CoreError for a window the rules refuse; the renderer translates `callbacks.refused.<reason>`. */
export function refused(reason: string): CoreError {
  const key = `callbacks.refused.${reason}`;
  return new CoreError('invalid_input', key, { 'callback.windowStart': key });
}

/** The customer's do-not-contact consent (not_found for an unknown or deleted customer). */
export function customerDoNotContact(ctx: ServiceContext, customerId: string | null): boolean {
  if (customerId === null) return false;
  const row = stmt<[string], { do_not_contact: number }>(ctx.db, 'SELECT do_not_contact FROM customers WHERE id = ? AND deleted_at IS NULL').get(customerId);
  if (!row) throw new CoreError('not_found', 'errors.customerNotFound');
  return row.do_not_contact === 1;
}

/**
 * Validates a window with the shared rules and returns what is stored: the start moves to the
 * first allowed instant when it falls in quiet hours (a partly quiet window is accepted by the
 * rules; the reminder must not fire before calling is allowed). The end is kept.
 */
export function checkedWindow(
  input: { start: number; end: number; zone: string; doNotContact: boolean },
  now: number,
  quiet: QuietHours,
): { start: number; end: number } {
  const verdict = validateCallbackWindow({ start: input.start, end: input.end, zone: input.zone, now, doNotContact: input.doNotContact, quiet });
  if (!verdict.ok) throw refused(verdict.reason);
  const start = nextAllowedTime(input.start, input.zone, quiet);
  return { start: start < input.end ? start : input.start, end: input.end };
}

/** me / another agent / a team queue → the two assignee columns (not_found for unknown ids). */
export function assigneeColumns(ctx: ServiceContext, assignee: Assignee): { assignee_agent_id: string | null; assignee_team_id: string | null } {
  if (assignee.kind === 'me') return { assignee_agent_id: ctx.seat.agentId, assignee_team_id: null };
  if (assignee.kind === 'agent') {
    if (!stmt(ctx.db, 'SELECT 1 FROM agents WHERE id = ? AND deleted_at IS NULL').get(assignee.agentId)) throw new CoreError('not_found', 'errors.agentNotFound');
    return { assignee_agent_id: assignee.agentId, assignee_team_id: null };
  }
  if (!stmt(ctx.db, 'SELECT 1 FROM teams WHERE id = ? AND deleted_at IS NULL').get(assignee.teamId)) throw new CoreError('not_found', 'errors.teamNotFound');
  return { assignee_agent_id: null, assignee_team_id: assignee.teamId };
}

export interface CreateOptions {
  /**
   * The missed-call path: a caller id that is not a valid number (short code, PBX-mangled) is
   * stored as the digits the PBX presented instead of being refused, so it can still be called back.
   */
  keepUnparsedPhone?: boolean;
}

const compact = (s: string) => s.replace(/\s+/g, '');

/**
 * Agents only ever see a customer's numbers masked ('+86 139****1111'), so that is what their
 * form sends back: match it against the customer's own numbers, or the call's caller, so an
 * agent can book a callback on a number without an audited reveal of the full one.
 */
function unmaskedPhone(ctx: ServiceContext, input: CallbackCreate): string | undefined {
  if (!input.phone.includes('*')) return undefined;
  const wanted = compact(input.phone);
  const candidates: string[] = [];
  if (input.customerId) candidates.push(...listPhones(ctx.db, input.customerId).map((p) => p.e164));
  if (input.interactionId) {
    const from = stmt<[string], { from_number: string | null }>(ctx.db, 'SELECT from_number FROM interactions WHERE id = ?').get(input.interactionId)?.from_number;
    if (from) candidates.push(from);
  }
  return candidates.find((e164) => compact(maskPhone(e164)) === wanted);
}

/**
 * The one way a callback is created (the callbacks.create channel, the missed-call offer, later
 * the complaint wizard): normalised number, validated window, resolved assignee, one insert
 * through the change log. Throws CoreError; writes nothing when refused. Returns the id.
 * Runs inside the caller's transaction when there is one.
 */
export function createCallback(ctx: ServiceContext, input: CallbackCreate, options: CreateOptions = {}): string {
  const normalized = normalizePhone(input.phone);
  let phone = normalized?.e164 ?? unmaskedPhone(ctx, input);
  if (!phone) {
    const digits = input.phone.replace(/[^\d+]/g, '');
    if (!options.keepUnparsedPhone || digits.replace('+', '') === '') {
      throw new CoreError('invalid_input', 'errors.invalidInput', { 'callback.phone': 'validation.phone' });
    }
    phone = digits;
  }
  const now = ctx.clock.now();
  const settings = loadSchedulingSettings(ctx.db);
  const doNotContact = customerDoNotContact(ctx, input.customerId);
  const window = checkedWindow({ start: input.windowStart, end: input.windowEnd, zone: input.timeZone, doNotContact }, now, settings.quietHours);
  const assignee = assigneeColumns(ctx, input.assignee);
  for (const [table, id, message] of [
    ['complaints', input.complaintId, 'errors.complaintNotFound'],
    ['service_promises', input.promiseId, 'errors.promiseNotFound'],
    ['interactions', input.interactionId, 'errors.interactionNotFound'],
  ] as const) {
    if (id !== null && !stmt(ctx.db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id)) throw new CoreError('not_found', message);
  }
  const id = uuidv7();
  insertRow(
    ctx.writes,
    'callbacks',
    {
      id,
      customer_id: input.customerId,
      phone,
      reason: input.reason,
      window_start: window.start,
      window_end: window.end,
      time_zone: input.timeZone,
      priority: input.priority,
      ...assignee,
      status: 'scheduled',
      attempts: 0,
      complaint_id: input.complaintId,
      promise_id: input.promiseId,
      interaction_id: input.interactionId,
      note: input.note,
      first_due_at: window.start,
      created_at: now,
      updated_at: now,
    },
    'callback.create',
  );
  return id;
}
