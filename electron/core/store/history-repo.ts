import type { Database } from 'better-sqlite3';
import type { BookingView, InteractionView } from '../../../shared/contract/customer-schemas';
import type { BookingFact } from '../../../shared/domain/customer-metrics';
import { stmt } from './statements';

// A customer's bookings and contacts, as both the profile and the screen-pop card read them.

export interface BookingRow {
  id: string;
  kind: BookingView['kind'];
  status: BookingView['status'];
  product: string;
  reference: string;
  starts_at: number;
  ends_at: number;
  booked_at: number;
  amount_cents: number;
  margin_cents: number;
  currency: string;
}

/** Every live booking of the customer, newest first (a customer has tens, not thousands). */
export const listBookings = (db: Database, customerId: string): BookingRow[] =>
  stmt<[string], BookingRow>(
    db,
    `SELECT id, kind, status, product, reference, starts_at, ends_at, booked_at, amount_cents, margin_cents, currency
       FROM bookings WHERE customer_id = ? AND deleted_at IS NULL ORDER BY booked_at DESC`,
  ).all(customerId);

export const bookingView = (b: BookingRow): BookingView => ({
  id: b.id,
  kind: b.kind,
  status: b.status,
  product: b.product,
  reference: b.reference,
  startsAt: b.starts_at,
  endsAt: b.ends_at,
  bookedAt: b.booked_at,
  amountCents: b.amount_cents,
  marginCents: b.margin_cents,
  currency: b.currency,
});

export const bookingFacts = (rows: readonly BookingRow[]): BookingFact[] =>
  rows.map((b) => ({ bookedAt: b.booked_at, amountCents: b.amount_cents, marginCents: b.margin_cents, status: b.status }));

interface InteractionRow {
  id: string;
  channel: InteractionView['channel'];
  direction: InteractionView['direction'];
  started_at: number;
  duration_s: number | null;
  agent_name: string | null;
  disposition: string | null;
  summary: string | null;
}

/** The customer's latest contacts on every channel, newest first. */
export const recentInteractions = (db: Database, customerId: string, limit: number): InteractionView[] =>
  stmt<[string, number], InteractionRow>(
    db,
    `SELECT i.id, i.channel, i.direction, i.started_at, i.duration_s, a.name AS agent_name, i.disposition, i.summary
       FROM interactions i LEFT JOIN agents a ON a.id = i.agent_id
      WHERE i.customer_id = ? AND i.deleted_at IS NULL ORDER BY i.started_at DESC LIMIT ?`,
  )
    .all(customerId, limit)
    .map((i) => ({
      id: i.id,
      channel: i.channel,
      direction: i.direction,
      startedAt: i.started_at,
      durationS: i.duration_s,
      agentName: i.agent_name,
      disposition: i.disposition,
      summary: i.summary,
    }));
