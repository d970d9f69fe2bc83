import type { ServiceContext } from '../create-core';
import { stmt } from '../store/statements';

const MIN = 60_000;
/** After a call ends, the agent's wrap-up still counts as that contact. */
export const WRAP_UP_MS = 30 * MIN;
/** A call still "live" after this long lost its end event (crash, PBX restart): not a contact. */
const STALE_CALL_MS = 12 * 60 * MIN;

/**
 * The contact (interaction) the seat's agent is handling with this customer right now: their
 * latest call with the customer that is still going, or ended less than WRAP_UP_MS ago; null
 * otherwise. Step records carry it, so "resolved on first contact" means steps 1–4 were done
 * during (or right after) the call the complaint started in.
 */
export function currentContact(ctx: ServiceContext, customerId: string): string | null {
  const now = ctx.clock.now();
  return (
    stmt<[string, string, number, number], { id: string }>(
      ctx.db,
      `SELECT id FROM interactions WHERE customer_id = ? AND agent_id = ? AND deleted_at IS NULL
         AND started_at >= ? AND (ended_at IS NULL OR ended_at >= ?)
       ORDER BY started_at DESC LIMIT 1`,
    ).get(customerId, ctx.seat.agentId, now - STALE_CALL_MS, now - WRAP_UP_MS)?.id ?? null
  );
}
