import type { Database } from 'better-sqlite3';
import { insertRow, updateRow, type Row } from './change-log';
import { stmt } from './statements';
import type { WriteContext } from './write-context';

// The writes a call makes (its interaction, a missed call's callback) and the simulator's
// random picks. Every write goes through the change log: row + outbox + audit in one transaction.

export interface CallInteraction {
  id: string;
  customerId: string | null;
  agentId: string;
  startedAt: number;
  callId: string;
  fromNumber: string | null;
  toNumber: string | null;
  queue: string | null;
  waitS: number | null;
}

export function insertCallInteraction(ctx: WriteContext, i: CallInteraction): void {
  insertRow(
    ctx,
    'interactions',
    {
      id: i.id,
      customer_id: i.customerId,
      channel: 'phone',
      direction: 'in',
      agent_id: i.agentId,
      started_at: i.startedAt,
      call_id: i.callId,
      from_number: i.fromNumber,
      to_number: i.toNumber,
      queue: i.queue,
      wait_s: i.waitS,
      outcome: 'ringing',
      updated_at: ctx.clock.now(),
    },
    'call.ring',
  );
}

export function updateCallInteraction(ctx: WriteContext, id: string, patch: Row, action: string): Row {
  return updateRow(ctx, 'interactions', id, patch, action);
}

/**
 * A random live customer phone in O(log n): probe a random rowid and take the next live row
 * (rowids have gaps after deletes; the probe wraps to the start when it lands past the end).
 */
export function randomCustomerPhone(db: Database, random: () => number = Math.random): string | null {
  const max = stmt<[], { m: number | null }>(db, 'SELECT max(rowid) AS m FROM customer_phones').get()?.m;
  if (!max) return null;
  const probe = stmt<[number], { e164: string }>(
    db,
    `SELECT p.e164 FROM customer_phones p JOIN customers c ON c.id = p.customer_id
      WHERE p.rowid >= ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY p.rowid LIMIT 1`,
  );
  return (probe.get(1 + Math.floor(random() * max)) ?? probe.get(1))?.e164 ?? null;
}

export function randomLineNumber(db: Database, random: () => number = Math.random): string | null {
  const lines = stmt<[], { number: string }>(db, 'SELECT number FROM phone_lines WHERE deleted_at IS NULL ORDER BY number').all();
  return lines.length === 0 ? null : lines[Math.floor(random() * lines.length)]!.number;
}
