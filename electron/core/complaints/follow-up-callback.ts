import { CoreError } from '../../../shared/contract/result';
import { nextAllowedTime } from '../../../shared/domain/callback-rules';
import { phoneTimeZone } from '../../../shared/domain/phone-area';
import { normalizePhone } from '../../../shared/domain/phone';
import { createCallback } from '../callbacks/create-callback';
import { loadSchedulingSettings } from '../callbacks/settings';
import type { ServiceContext } from '../create-core';
import { listPhones } from '../store/customers-repo';
import { stmt } from '../store/statements';

const HOUR_MS = 3_600_000;
/** The follow-up call's window: two hours from when it may first be made. */
export const FOLLOW_UP_WINDOW_MS = 2 * HOUR_MS;
export const DEFAULT_ZONE = 'Asia/Shanghai';

/** Why step 5 has no callback: the agent records the follow-up by hand (the view's followUpCallbackId stays null). */
export type NoCallbackReason = 'no_phone' | 'do_not_contact' | 'refused';
/** Step 5's callbackId when there is no callback to carry the call (the validator needs one). */
export const MANUAL_FOLLOW_UP = 'manual';

export interface FollowUpComplaint {
  id: string;
  customerId: string;
  ownerAgentId: string | null;
  interactionId: string | null;
  severity: string | null;
  followUpCallbackId: string | null;
}

export type FollowUpCallback = { callbackId: string; created: boolean } | { callbackId: null; reason: NoCallbackReason };

/**
 * The flow's scheduleCallback effect. A later attempt reuses the follow-up callback while it is
 * still scheduled (its own retry policy moved it: no duplicate), otherwise — and for the first
 * attempt — a new callback: reason complaint_follow_up, linked to the complaint and its contact,
 * on the customer's first number (another one when the last follow-up failed on it), assigned
 * to the complaint's owner, a 2-hour window from max(notBefore, now) in the customer's zone
 * (from the number), its start moved out of quiet hours. No number or do-not-contact: none.
 * Runs inside the caller's transaction.
 */
export function scheduleFollowUpCallback(
  ctx: ServiceContext,
  complaint: FollowUpComplaint,
  attempt: number,
  notBefore: number,
  reuseCallbackId: string | null = null,
): FollowUpCallback {
  const status = stmt<[string], { status: string; phone: string }>(ctx.db, 'SELECT status, phone FROM callbacks WHERE id = ? AND deleted_at IS NULL');
  let failedPhone: string | null = null;
  if (attempt > 1) {
    for (const id of [reuseCallbackId, complaint.followUpCallbackId]) {
      if (id === null) continue;
      const cb = status.get(id);
      if (cb?.status === 'scheduled') return { callbackId: id, created: false };
      if (cb?.status === 'failed') failedPhone ??= cb.phone;
    }
  }
  const customer = stmt<[string], { do_not_contact: number }>(ctx.db, 'SELECT do_not_contact FROM customers WHERE id = ? AND deleted_at IS NULL').get(
    complaint.customerId,
  );
  if (!customer || customer.do_not_contact === 1) return { callbackId: null, reason: 'do_not_contact' };
  const phones = listPhones(ctx.db, complaint.customerId).map((p) => p.e164);
  const phone = phones.find((p) => p !== failedPhone) ?? phones[0];
  if (phone === undefined) return { callbackId: null, reason: 'no_phone' };

  const zone = phoneTimeZone(normalizePhone(phone)) ?? DEFAULT_ZONE;
  const { quietHours } = loadSchedulingSettings(ctx.db);
  const start = nextAllowedTime(Math.max(notBefore, ctx.clock.now()), zone, quietHours);
  const ownerExists =
    complaint.ownerAgentId !== null && stmt(ctx.db, 'SELECT 1 FROM agents WHERE id = ? AND deleted_at IS NULL').get(complaint.ownerAgentId) !== undefined;
  try {
    const callbackId = createCallback(ctx, {
      customerId: complaint.customerId,
      phone,
      reason: 'complaint_follow_up',
      windowStart: start,
      windowEnd: start + FOLLOW_UP_WINDOW_MS,
      timeZone: zone,
      priority: complaint.severity === 'critical' || complaint.severity === 'high' ? 1 : 2,
      assignee: ownerExists ? { kind: 'agent', agentId: complaint.ownerAgentId! } : { kind: 'me' },
      note: null,
      complaintId: complaint.id,
      promiseId: null,
      interactionId: complaint.interactionId,
    });
    return { callbackId, created: true };
  } catch (err) {
    // The callback rules refused the window (they validate before writing anything): by hand.
    if (err instanceof CoreError) return { callbackId: null, reason: 'refused' };
    throw err;
  }
}
