import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type {
  BookingView,
  Customer,
  CustomerCreate,
  CustomerPatch,
  CustomerSummary,
  InteractionView,
} from '../../../shared/contract/customer-schemas';
import { CoreError } from '../../../shared/contract/result';
import { customerMetrics, type CustomerMetrics } from '../../../shared/domain/customer-metrics';
import { maskPhone, normalizePhone } from '../../../shared/domain/phone';
import { VALUE_TIERS } from '../../../shared/domain/value-tier';
import { deleteRow, insertRow, updateRow, type Row } from './change-log';
import { replaceSearchTerms, searchCustomerIds } from './search-repo';
import { bookingFacts, bookingView, listBookings, recentInteractions } from './history-repo';
import { stmt } from './statements';
import type { WriteContext } from './write-context';

// Synchronous repository functions `(db | ctx, …)` in the style of Signal Desktop's SQL layer.

interface CustomerRow {
  id: string;
  kind: Customer['kind'];
  status: Customer['status'];
  member_no: string | null;
  name: string;
  gender: Customer['gender'];
  birth_date: string | null;
  occupation: string | null;
  company: string | null;
  province: string | null;
  city: string | null;
  address_line: string | null;
  language: Customer['language'];
  preferred_channel: Customer['preferredChannel'];
  do_not_contact: number;
  marketing_consent: number;
  churn_reason: Customer['churnReason'];
  notes: string | null;
  home_branch_id: string | null;
  tier: CustomerSummary['tier'];
  created_at: number;
  updated_at: number;
}

const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  memberNo: r.member_no,
  name: r.name,
  gender: r.gender,
  birthDate: r.birth_date,
  occupation: r.occupation,
  company: r.company,
  province: r.province,
  city: r.city,
  addressLine: r.address_line,
  language: r.language,
  preferredChannel: r.preferred_channel,
  doNotContact: r.do_not_contact === 1,
  marketingConsent: r.marketing_consent === 1,
  churnReason: r.churn_reason,
  notes: r.notes,
  homeBranchId: r.home_branch_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Patch keys (camelCase, contract) → columns (snake_case, store and sync). */
const COLUMN_OF: Record<Exclude<keyof CustomerPatch, 'phones' | 'emails'>, string> = {
  name: 'name',
  status: 'status',
  gender: 'gender',
  birthDate: 'birth_date',
  occupation: 'occupation',
  company: 'company',
  province: 'province',
  city: 'city',
  addressLine: 'address_line',
  language: 'language',
  preferredChannel: 'preferred_channel',
  doNotContact: 'do_not_contact',
  marketingConsent: 'marketing_consent',
  churnReason: 'churn_reason',
  notes: 'notes',
};

function patchColumns(patch: CustomerPatch): Row {
  const row: Row = {};
  for (const [key, col] of Object.entries(COLUMN_OF)) {
    const v = patch[key as keyof typeof COLUMN_OF];
    if (v === undefined) continue;
    row[col] = typeof v === 'boolean' ? (v ? 1 : 0) : v === '' ? null : v;
  }
  return row;
}

export function getCustomerRow(db: Database, id: string): CustomerRow | undefined {
  return stmt<[string], CustomerRow>(db, 'SELECT * FROM customers WHERE id = ? AND deleted_at IS NULL').get(id);
}

export function requireCustomerExists(db: Database, id: string): CustomerRow {
  return requireCustomer(db, id);
}

function requireCustomer(db: Database, id: string): CustomerRow {
  const row = getCustomerRow(db, id);
  if (!row) throw new CoreError('not_found', 'errors.customerNotFound');
  return row;
}

interface PhoneRow {
  id: string;
  e164: string;
  national: string;
  kind: 'mobile' | 'landline' | 'other';
  is_primary: number;
}
export const listPhones = (db: Database, customerId: string): PhoneRow[] =>
  stmt<[string], PhoneRow>(
      db,
      'SELECT id, e164, national, kind, is_primary FROM customer_phones WHERE customer_id = ? AND deleted_at IS NULL ORDER BY is_primary DESC, id',
    )
    .all(customerId);

interface EmailRow {
  id: string;
  email: string;
  is_primary: number;
}
export const listEmails = (db: Database, customerId: string): EmailRow[] =>
  stmt<[string], EmailRow>(
      db,
      'SELECT id, email, is_primary FROM customer_emails WHERE customer_id = ? AND deleted_at IS NULL ORDER BY is_primary DESC, id',
    )
    .all(customerId);

function refreshTerms(db: Database, id: string): void {
  const c = requireCustomer(db, id);
  replaceSearchTerms(db, id, {
    name: c.name,
    memberNo: c.member_no,
    phonesNational: listPhones(db, id).map((p) => p.national),
    emails: listEmails(db, id).map((e) => e.email),
  });
}

/**
 * Rebuilds the derived search terms of a customer whose rows changed without the customer
 * service (pulled from the hub): the customer's terms when it exists, none once it is deleted.
 */
export function refreshCustomerSearchTerms(db: Database, id: string): void {
  if (getCustomerRow(db, id)) refreshTerms(db, id);
  else stmt(db, 'DELETE FROM search_terms WHERE customer_id = ?').run(id);
}

/** Makes the customer's phones exactly `raw` (in order, first primary), as row-level changes. */
function syncPhones(ctx: WriteContext, customerId: string, raw: readonly string[]): void {
  const wanted = raw.map((r) => {
    const n = normalizePhone(r);
    if (!n) throw new CoreError('invalid_input', 'validation.phone', { phones: 'validation.phone' });
    return n;
  });
  const now = ctx.clock.now();
  const existing = listPhones(ctx.db, customerId);
  const seen = new Set<string>();
  for (const n of wanted) {
    if (seen.has(n.e164)) continue;
    seen.add(n.e164);
    const primary = seen.size === 1 ? 1 : 0;
    const have = existing.find((p) => p.e164 === n.e164);
    if (have) updateRow(ctx, 'customer_phones', have.id, { is_primary: primary, updated_at: now });
    else
      insertRow(ctx, 'customer_phones', {
        id: uuidv7(),
        customer_id: customerId,
        e164: n.e164,
        national: n.national,
        kind: n.kind,
        is_primary: primary,
        updated_at: now,
      });
  }
  for (const p of existing) if (!seen.has(p.e164)) deleteRow(ctx, 'customer_phones', p.id);
}

function syncEmails(ctx: WriteContext, customerId: string, raw: readonly string[]): void {
  const now = ctx.clock.now();
  const existing = listEmails(ctx.db, customerId);
  const wanted = [...new Set(raw.map((e) => e.trim().toLowerCase()))];
  wanted.forEach((email, i) => {
    const have = existing.find((e) => e.email === email);
    if (have) updateRow(ctx, 'customer_emails', have.id, { is_primary: i === 0 ? 1 : 0, updated_at: now });
    else
      insertRow(ctx, 'customer_emails', {
        id: uuidv7(),
        customer_id: customerId,
        email,
        is_primary: i === 0 ? 1 : 0,
        updated_at: now,
      });
  });
  for (const e of existing) if (!wanted.includes(e.email)) deleteRow(ctx, 'customer_emails', e.id);
}

export function createCustomer(ctx: WriteContext, input: CustomerCreate): string {
  const id = uuidv7();
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    insertRow(
      ctx,
      'customers',
      { id, kind: input.kind, ...patchColumns(input), created_at: now, updated_at: now },
      'customer.create',
    );
    if (input.phones) syncPhones(ctx, id, input.phones);
    if (input.emails) syncEmails(ctx, id, input.emails);
    refreshTerms(ctx.db, id);
  })();
  return id;
}

/** Applies a validated patch; `baseUpdatedAt` guards against overwriting an edit made meanwhile. */
export function updateCustomer(ctx: WriteContext, id: string, patch: CustomerPatch, baseUpdatedAt?: number): void {
  ctx.db.transaction(() => {
    const row = requireCustomer(ctx.db, id);
    if (baseUpdatedAt !== undefined && row.updated_at > baseUpdatedAt)
      throw new CoreError('conflict', 'errors.editedMeanwhile');
    updateRow(ctx, 'customers', id, patchColumns(patch), 'customer.update');
    if (patch.phones) syncPhones(ctx, id, patch.phones);
    if (patch.emails) syncEmails(ctx, id, patch.emails);
    if (patch.name !== undefined || patch.phones || patch.emails) refreshTerms(ctx.db, id);
  })();
}

const TIER_ORDER = new Map(VALUE_TIERS.map((t, i) => [t, i] as const));
const byName = new Intl.Collator('zh-CN').compare;

export function searchCustomers(db: Database, query: string, limit: number): { items: CustomerSummary[]; more: boolean } {
  const { hits, more } = searchCustomerIds(db, query, limit);
  if (hits.length === 0) return { items: [], more: false };
  const summaryStmt = stmt<[string], { id: string; kind: Customer['kind']; name: string; member_no: string | null; city: string | null; tier: CustomerSummary['tier']; national: string | null }>(
    db,
    `SELECT c.id, c.kind, c.name, c.member_no, c.city, c.tier,
            (SELECT national FROM customer_phones p WHERE p.customer_id = c.id AND p.deleted_at IS NULL ORDER BY is_primary DESC LIMIT 1) AS national
       FROM customers c WHERE c.id = ? AND c.deleted_at IS NULL`,
  );
  const items: (CustomerSummary & { rank: number })[] = [];
  for (const h of hits) {
    const r = summaryStmt.get(h.id);
    if (!r) continue;
    items.push({
      id: r.id,
      kind: r.kind,
      name: r.name,
      memberNo: r.member_no,
      city: r.city,
      tier: r.tier,
      phone: r.national ? maskPhone(r.national) : null,
      matchedField: h.field,
      rank: h.rank,
    });
  }
  items.sort((a, b) => a.rank - b.rank || TIER_ORDER.get(a.tier)! - TIER_ORDER.get(b.tier)! || byName(a.name, b.name));
  return { items: items.map(({ rank: _rank, ...s }) => s), more };
}

export interface ProfileRows {
  customer: Customer;
  phones: PhoneRow[];
  emails: EmailRow[];
  preferences: { category: string; value: string }[];
  credit: { limitCents: number; rating: string; overdueCents: number; currency: string } | null;
  contacts: { id: string; name: string; title: string | null }[];
  metrics: CustomerMetrics;
  bookings: BookingView[];
  interactions: InteractionView[];
  openComplaints: number;
  openCallbacks: number;
}

export function getProfileRows(db: Database, id: string, now: number): ProfileRows {
  const row = requireCustomer(db, id);
  const allBookings = listBookings(db, id);
  const metrics = customerMetrics(bookingFacts(allBookings), now);
  const count = (sql: string) => (stmt<[string], { n: number }>(db, sql).get(id)?.n ?? 0);
  const credit = stmt<[string], { limit_cents: number; rating: string; overdue_cents: number; currency: string }>(
      db,
      'SELECT limit_cents, rating, overdue_cents, currency FROM credit_standings WHERE customer_id = ? AND deleted_at IS NULL',
    )
    .get(id);
  return {
    customer: toCustomer(row),
    phones: listPhones(db, id),
    emails: listEmails(db, id),
    preferences: stmt<[string], { category: string; value: string }>(
        db,
        'SELECT category, value FROM customer_preferences WHERE customer_id = ? AND deleted_at IS NULL ORDER BY category, value',
      )
      .all(id),
    credit: credit
      ? { limitCents: credit.limit_cents, rating: credit.rating, overdueCents: credit.overdue_cents, currency: credit.currency }
      : null,
    contacts: stmt<[string], { id: string; name: string; title: string | null }>(
        db,
        `SELECT p.id, p.name, oc.title FROM org_contacts oc JOIN customers p ON p.id = oc.person_id
          WHERE oc.organisation_id = ? AND oc.deleted_at IS NULL ORDER BY p.name`,
      )
      .all(id),
    metrics,
    bookings: allBookings.slice(0, 50).map(bookingView),
    interactions: recentInteractions(db, id, 50),
    openComplaints: count("SELECT count(*) AS n FROM complaints WHERE customer_id = ? AND status = 'open' AND deleted_at IS NULL"),
    openCallbacks: count("SELECT count(*) AS n FROM callbacks WHERE customer_id = ? AND status = 'scheduled' AND deleted_at IS NULL"),
  };
}
