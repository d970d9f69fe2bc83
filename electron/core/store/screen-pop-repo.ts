import type { Database } from 'better-sqlite3';
import type { CallMatch, CardCustomer } from '../../../shared/contract/call-schemas';
import type { Customer, CustomerSummary } from '../../../shared/contract/customer-schemas';
import { customerMetrics } from '../../../shared/domain/customer-metrics';
import { normalizePhone } from '../../../shared/domain/phone';
import { VALUE_TIERS } from '../../../shared/domain/value-tier';
import { bookingFacts, bookingView, listBookings, recentInteractions, type BookingRow } from './history-repo';
import { stmt } from './statements';

// Everything the screen-pop card reads, as indexed point and range queries on one customer:
// the ring → card path runs these and nothing else, so each one must stay an index lookup
// (see the query-plan test in test/unit/core/cti/screen-pop.test.ts). `+status` keeps the
// planner off the (status, …) indexes, which on a store without ANALYZE statistics it would
// otherwise pick and then walk every open complaint / scheduled callback of every customer.

type CardComplaint = CardCustomer['openComplaints'][number];
type CardCallback = CardCustomer['callbacksDue'][number];
type CardPromise = CardCustomer['promisesDue'][number];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A complaint step due within this is 'due_soon'. */
export const SLA_DUE_SOON_MS = 2 * HOUR_MS;
/** Bookings starting within this are "arriving soon". */
export const ARRIVING_SOON_MS = 7 * DAY_MS;
/** Scheduled callbacks whose window opens within this are "due". */
export const CALLBACK_DUE_MS = 24 * HOUR_MS;
/** Open service promises due within this (or overdue) are shown. */
export const PROMISE_DUE_MS = 7 * DAY_MS;
/** Share of the credit limit in use from which the card warns. */
export const CREDIT_NEARLY_USED = 0.9;
/** Ratings from which the card warns (资信 C and below). */
export const POOR_CREDIT_RATINGS: ReadonlySet<string> = new Set(['C', 'CC', 'CCC', 'D']);
/** A shared line can match many people; the chooser shows the best of at most this many. */
export const MAX_CANDIDATES = 50;
export const EARLIER_CALLS = 10;
export const LAST_CONTACTS = 5;

export function slaState(slaDueAt: number | null, now: number): CardComplaint['slaState'] {
  if (slaDueAt === null) return 'ok';
  if (slaDueAt < now) return 'breached';
  return slaDueAt - now <= SLA_DUE_SOON_MS ? 'due_soon' : 'ok';
}

/**
 * Customers whose live phones match the caller: on E.164 first, then on the national digits
 * (records saved without a country, numbers that do not validate). Deleted customers never match.
 */
export function findCustomerIdsByPhone(db: Database, keys: { e164: string | null; national: string }): string[] {
  if (keys.e164) {
    const ids = stmt<[string, number], { id: string }>(
      db,
      `SELECT p.customer_id AS id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
        WHERE p.e164 = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL LIMIT ?`,
    ).all(keys.e164, MAX_CANDIDATES);
    if (ids.length > 0) return distinctIds(ids);
  }
  if (keys.national.length < 5) return [];
  return distinctIds(
    stmt<[string, number], { id: string }>(
      db,
      `SELECT p.customer_id AS id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
        WHERE p.national = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL LIMIT ?`,
    ).all(keys.national, MAX_CANDIDATES),
  );
}

/** One customer may hold the same number twice (home and office, typed twice). */
const distinctIds = (rows: { id: string }[]): string[] => (rows.length === 1 ? [rows[0]!.id] : [...new Set(rows.map((r) => r.id))]);

interface CardCustomerRow {
  id: string;
  kind: Customer['kind'];
  name: string;
  gender: Customer['gender'];
  member_no: string | null;
  language: Customer['language'];
  preferred_channel: Customer['preferredChannel'];
  do_not_contact: number;
  marketing_consent: number;
}

/**
 * The full card of one customer as of `now`, or null when the customer does not exist.
 *
 * - tier, lifecycle, CLV and 12-month profit are computed live from the bookings (as the profile does);
 * - VIP = platinum tier, or a preference row with category 'vip' (an agent or HQ marks a guest
 *   VIP regardless of spend: a celebrity, a GM's guest, a press contact);
 * - travelling now: a booking not cancelled with starts_at ≤ now < ends_at; arriving soon: one
 *   starting within the next 7 days; both soonest first;
 * - open complaints with their current step; SLA state from the complaint's sla_due_at (the
 *   current step's deadline): breached when past, due_soon within 2 h;
 * - callbacks still scheduled whose window opens within 24 h (overdue once the window has closed);
 * - open service promises due within 7 days or overdue;
 * - credit warning when anything is overdue, the rating is C/CC/CCC/D, or the limit is nearly
 *   used — "used" being the overdue amount plus confirmed, not yet completed bookings (the store
 *   keeps no running balance; confirmed bookings are what a customer on account owes next).
 */
export function getCardCustomer(db: Database, id: string, now: number): CardCustomer | null {
  const c = stmt<[string], CardCustomerRow>(
    db,
    `SELECT id, kind, name, gender, member_no, language, preferred_channel, do_not_contact, marketing_consent
       FROM customers WHERE id = ? AND deleted_at IS NULL`,
  ).get(id);
  if (!c) return null;

  const bookings = listBookings(db, id);
  const metrics = customerMetrics(bookingFacts(bookings), now);
  const travellingNow: BookingRow[] = [];
  const arrivingSoon: BookingRow[] = [];
  let confirmedCents = 0;
  for (const b of bookings) {
    if (b.status === 'cancelled') continue;
    if (b.status === 'confirmed') confirmedCents += b.amount_cents;
    if (b.starts_at <= now && now < b.ends_at) travellingNow.push(b);
    else if (b.starts_at > now && b.starts_at <= now + ARRIVING_SOON_MS) arrivingSoon.push(b);
  }
  const byStart = (a: BookingRow, b: BookingRow) => a.starts_at - b.starts_at;

  const openComplaints: CardComplaint[] = stmt<[string], { id: string; current_step: number; category: string | null; severity: string | null; opened_at: number; sla_due_at: number | null }>(
    db,
    `SELECT id, current_step, category, severity, opened_at, sla_due_at FROM complaints
      WHERE customer_id = ? AND +status = 'open' AND deleted_at IS NULL ORDER BY opened_at`,
  )
    .all(id)
    .map((r) => ({
      id: r.id,
      step: r.current_step,
      category: r.category,
      severity: r.severity,
      openedAt: r.opened_at,
      slaDueAt: r.sla_due_at,
      slaState: slaState(r.sla_due_at, now),
    }));

  const callbacksDue: CardCallback[] = stmt<[string, number], { id: string; reason: string; window_start: number; window_end: number }>(
    db,
    `SELECT id, reason, window_start, window_end FROM callbacks
      WHERE customer_id = ? AND +status = 'scheduled' AND deleted_at IS NULL AND +window_start <= ? ORDER BY window_start`,
  )
    .all(id, now + CALLBACK_DUE_MS)
    .map((r) => ({ id: r.id, reason: r.reason, windowStart: r.window_start, windowEnd: r.window_end, overdue: r.window_end < now }));

  const promisesDue: CardPromise[] = stmt<[string, number], { id: string; description: string; due_at: number }>(
    db,
    `SELECT id, description, due_at FROM service_promises
      WHERE customer_id = ? AND +status = 'open' AND deleted_at IS NULL AND +due_at <= ? ORDER BY due_at`,
  )
    .all(id, now + PROMISE_DUE_MS)
    .map((r) => ({ id: r.id, description: r.description, dueAt: r.due_at, overdue: r.due_at < now }));

  const lastContacts = recentInteractions(db, id, LAST_CONTACTS);

  const preferences = stmt<[string], { category: string; value: string }>(
    db,
    'SELECT category, value FROM customer_preferences WHERE customer_id = ? AND deleted_at IS NULL ORDER BY category, value',
  ).all(id);

  const creditRow = stmt<[string], { limit_cents: number; rating: string; overdue_cents: number; currency: string }>(
    db,
    'SELECT limit_cents, rating, overdue_cents, currency FROM credit_standings WHERE customer_id = ? AND deleted_at IS NULL',
  ).get(id);
  const credit = creditRow
    ? {
        limitCents: creditRow.limit_cents,
        overdueCents: creditRow.overdue_cents,
        rating: creditRow.rating,
        currency: creditRow.currency,
        warning:
          creditRow.overdue_cents > 0 ||
          POOR_CREDIT_RATINGS.has(creditRow.rating.trim().toUpperCase()) ||
          (creditRow.limit_cents > 0 && creditRow.overdue_cents + confirmedCents >= CREDIT_NEARLY_USED * creditRow.limit_cents),
      }
    : null;

  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    gender: c.gender,
    memberNo: c.member_no,
    tier: metrics.tier,
    vip: metrics.tier === 'platinum' || preferences.some((p) => p.category === 'vip'),
    language: c.language,
    preferredChannel: c.preferred_channel,
    lifecycle: metrics.lifecycle,
    clvCents: metrics.clvCents,
    profit12mCents: metrics.profit12mCents,
    travellingNow: travellingNow.sort(byStart).map(bookingView),
    arrivingSoon: arrivingSoon.sort(byStart).map(bookingView),
    openComplaints,
    callbacksDue,
    promisesDue,
    lastContacts,
    preferences,
    credit,
    doNotContact: c.do_not_contact === 1,
    marketingConsent: c.marketing_consent === 1,
  };
}

export type Candidate = Extract<CallMatch, { kind: 'choose' }>['candidates'][number];
const TIER_ORDER = new Map(VALUE_TIERS.map((t, i) => [t, i] as const));
const byName = new Intl.Collator('zh-CN').compare;

/**
 * The chooser for a number several customers share, most recently in contact first, then by
 * tier (best first), then by name. Last contact = the newest interaction, or the cached
 * customers.last_contact_at when that is newer (contacts synced in before their interactions).
 */
export function getCandidates(db: Database, ids: readonly string[], showPhone: (e164: string) => string): Candidate[] {
  const row = stmt<[string], { id: string; kind: Customer['kind']; name: string; member_no: string | null; city: string | null; tier: CustomerSummary['tier']; last_contact_at: number | null; e164: string | null; last_interaction: number | null }>(
    db,
    `SELECT c.id, c.kind, c.name, c.member_no, c.city, c.tier, c.last_contact_at,
            (SELECT e164 FROM customer_phones p WHERE p.customer_id = c.id AND p.deleted_at IS NULL ORDER BY is_primary DESC LIMIT 1) AS e164,
            (SELECT started_at FROM interactions i WHERE i.customer_id = c.id AND i.deleted_at IS NULL ORDER BY started_at DESC LIMIT 1) AS last_interaction
       FROM customers c WHERE c.id = ? AND c.deleted_at IS NULL`,
  );
  const out: Candidate[] = [];
  for (const id of ids) {
    const r = row.get(id);
    if (!r) continue;
    const last = Math.max(r.last_contact_at ?? -1, r.last_interaction ?? -1);
    out.push({
      id: r.id,
      kind: r.kind,
      name: r.name,
      memberNo: r.member_no,
      city: r.city,
      tier: r.tier,
      phone: r.e164 ? showPhone(r.e164) : null,
      matchedField: 'phone',
      lastContactAt: last < 0 ? null : last,
    });
  }
  return out.sort(
    (a, b) =>
      (b.lastContactAt ?? -1) - (a.lastContactAt ?? -1) ||
      TIER_ORDER.get(a.tier)! - TIER_ORDER.get(b.tier)! ||
      byName(a.name, b.name),
  );
}

/** Earlier calls from a number no customer has (interactions not linked to anyone), newest first. */
export function getEarlierUnknownCalls(db: Database, fromNumber: string): { at: number; outcome: string | null; durationS: number | null }[] {
  return stmt<[string, number], { started_at: number; outcome: string | null; duration_s: number | null }>(
    db,
    `SELECT started_at, outcome, duration_s FROM interactions
      WHERE from_number = ? AND customer_id IS NULL AND channel = 'phone' AND deleted_at IS NULL
      ORDER BY started_at DESC LIMIT ?`,
  )
    .all(fromNumber, EARLIER_CALLS)
    .map((r) => ({ at: r.started_at, outcome: r.outcome, durationS: r.duration_s }));
}

/**
 * The name of the line a DNIS belongs to. PBXs present the dialled number in different shapes
 * ('057187654321', '57187654321', '+8657187654321', '8657187654321'), so the lookup tries the
 * dialled digits, then the national forms of the number.
 */
export function getLineName(db: Database, dnis: string): string | null {
  const digits = dnis.replace(/\D/g, '');
  if (!digits) return null;
  const q = stmt<[string], { name: string }>(db, 'SELECT name FROM phone_lines WHERE number = ? AND deleted_at IS NULL');
  const exact = q.get(digits);
  if (exact) return exact.name;
  // Only a miss pays for parsing the number.
  const phone = normalizePhone(dnis);
  if (!phone) return null;
  const cc = phone.e164.slice(1, phone.e164.length - phone.national.length);
  for (const t of new Set([`0${phone.national}`, phone.national, `${cc}${phone.national}`, `00${cc}${phone.national}`])) {
    if (t === digits) continue;
    const hit = q.get(t);
    if (hit) return hit.name;
  }
  return null;
}
