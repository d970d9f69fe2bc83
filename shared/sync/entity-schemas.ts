import { z } from 'zod';

// The columns of every synced table (electron/core/store/migrations 0010–0040), as zod
// objects, so the hub checks every pushed change and the seat every pulled one with one
// definition. A column that is NOT NULL without a default is required on insert; a nullable
// column or one with a default is optional. Updates and deletes carry only changed columns.
//
// Extending: a migration that adds a column adds one line to its table below (e.g. 0040's new
// complaint columns go into `complaints`). A column not listed here is refused with the
// code 'unknown_field', so a seat with a newer schema than the hub gets a clear reason.

const id = z.string().min(1).max(100);
const text = z.string().max(20_000);
const ms = z.number().int();
const int = z.number().int();
const bool = z.union([z.literal(0), z.literal(1)]);
const opt = <T extends z.ZodType>(t: T) => t.nullable().optional();
/** Columns every synced table carries. */
const stamps = { updated_at: ms, deleted_at: opt(ms) };

export const SYNCED_ENTITY_SCHEMAS = {
  branches: z.object({ id, name: text, city: opt(text), time_zone: text.optional(), ...stamps }),
  teams: z.object({ id, name: text, branch_id: opt(id), ...stamps }),
  agents: z.object({
    id,
    name: text,
    role: z.enum(['agent', 'supervisor', 'admin']),
    team_id: opt(id),
    branch_id: opt(id),
    extension: opt(text),
    presence: text.optional(),
    presence_at: opt(ms),
    ...stamps,
  }),
  customers: z.object({
    id,
    kind: z.enum(['person', 'organisation']),
    status: z.enum(['prospect', 'active', 'churned']).optional(),
    member_no: opt(text),
    name: text,
    name_pinyin: opt(text),
    gender: text.optional(),
    birth_date: opt(text),
    occupation: opt(text),
    company: opt(text),
    province: opt(text),
    city: opt(text),
    address_line: opt(text),
    language: text.optional(),
    preferred_channel: text.optional(),
    do_not_contact: bool.optional(),
    marketing_consent: bool.optional(),
    churn_reason: opt(text),
    notes: opt(text),
    home_branch_id: opt(id),
    kam_agent_id: opt(id),
    tier: text.optional(),
    last_contact_at: opt(ms),
    created_at: ms,
    ...stamps,
  }),
  customer_phones: z.object({
    id,
    customer_id: id,
    e164: text,
    national: text,
    kind: text,
    is_primary: bool.optional(),
    ...stamps,
  }),
  customer_emails: z.object({ id, customer_id: id, email: text, is_primary: bool.optional(), ...stamps }),
  customer_preferences: z.object({ id, customer_id: id, category: text, value: text, ...stamps }),
  credit_standings: z.object({
    customer_id: id,
    limit_cents: int.optional(),
    rating: text.optional(),
    overdue_cents: int.optional(),
    currency: text.optional(),
    ...stamps,
  }),
  org_contacts: z.object({ id, organisation_id: id, person_id: id, title: opt(text), ...stamps }),
  bookings: z.object({
    id,
    customer_id: id,
    kind: z.enum(['tour', 'hotel', 'flight', 'package']),
    status: z.enum(['confirmed', 'completed', 'cancelled']),
    product: text,
    reference: text,
    branch_id: opt(id),
    starts_at: ms,
    ends_at: ms,
    booked_at: ms,
    amount_cents: int,
    margin_cents: int,
    currency: text.optional(),
    guests: int.optional(),
    ...stamps,
  }),
  interactions: z.object({
    id,
    customer_id: opt(id),
    channel: text,
    direction: z.enum(['in', 'out']),
    agent_id: opt(id),
    started_at: ms,
    answered_at: opt(ms),
    ended_at: opt(ms),
    duration_s: opt(int),
    call_id: opt(text),
    linked_id: opt(text),
    from_number: opt(text),
    to_number: opt(text),
    queue: opt(text),
    wait_s: opt(int),
    outcome: opt(text),
    disposition: opt(text),
    summary: opt(text),
    ...stamps,
  }),
  complaints: z.object({
    id,
    customer_id: id,
    interaction_id: opt(id),
    booking_id: opt(id),
    status: z.enum(['open', 'closed']).optional(),
    current_step: int.min(1).max(6).optional(),
    category: opt(text),
    subcategory: opt(text),
    severity: opt(text),
    first_contact_resolution: bool.optional(),
    reopen_count: int.optional(),
    owner_agent_id: opt(id),
    team_id: opt(id),
    opened_at: ms,
    closed_at: opt(ms),
    sla_due_at: opt(ms),
    // 0040 (complaint wizard)
    source: z.enum(['call', 'profile', 'search']).optional(),
    first_contact: bool.optional(),
    escalated: bool.optional(),
    round: int.optional(),
    reopens: text.optional(),
    follow_up_callback_id: opt(id),
    awaiting_approval: bool.optional(),
    ...stamps,
  }),
  complaint_steps: z.object({
    id,
    complaint_id: id,
    step: int.min(1).max(6),
    round: int.optional(),
    state: z.enum(['draft', 'done']).optional(),
    data: text.optional(),
    author_agent_id: opt(id),
    started_at: ms,
    completed_at: opt(ms),
    sla_due_at: opt(ms),
    // 0040 (complaint wizard)
    outcome: opt(z.enum(['accepted', 'rejected', 'unsatisfied', 'satisfied'])),
    contact_id: opt(id),
    root_cause: opt(text),
    remedy: opt(text),
    amount_cents: opt(int),
    currency: opt(text),
    ...stamps,
  }),
  service_promises: z.object({
    id,
    customer_id: id,
    complaint_id: opt(id),
    description: text,
    due_at: ms,
    owner_agent_id: opt(id),
    status: z.enum(['open', 'kept', 'broken', 'cancelled']).optional(),
    kept_at: opt(ms),
    created_at: ms,
    ...stamps,
  }),
  callbacks: z.object({
    id,
    customer_id: opt(id),
    phone: text,
    reason: z.enum(['complaint_follow_up', 'missed_call', 'sales_lead', 'service_promise', 'other']),
    window_start: ms,
    window_end: ms,
    time_zone: text,
    priority: int.optional(),
    assignee_agent_id: opt(id),
    assignee_team_id: opt(id),
    status: z.enum(['scheduled', 'done', 'failed', 'cancelled']).optional(),
    attempts: int.optional(),
    complaint_id: opt(id),
    promise_id: opt(id),
    interaction_id: opt(id),
    note: opt(text),
    reminded_at: opt(ms),
    snoozed_until: opt(ms),
    escalated_at: opt(ms),
    created_at: ms,
    // 0030
    first_due_at: opt(ms),
    ...stamps,
  }),
  callback_attempts: z.object({
    id,
    callback_id: id,
    agent_id: opt(id),
    at: ms,
    outcome: z.enum(['reached', 'no_answer', 'busy', 'voicemail', 'wrong_number']),
    note: opt(text),
    ...stamps,
  }),
  surveys: z.object({
    id,
    customer_id: id,
    interaction_id: opt(id),
    complaint_id: opt(id),
    csat: opt(int.min(1).max(5)),
    nps: opt(int.min(0).max(10)),
    comment: opt(text),
    answered_at: ms,
    ...stamps,
  }),
  // 0020
  phone_lines: z.object({
    id,
    number: z.string().regex(/^[0-9]+$/).max(40),
    name: text,
    branch_id: opt(id),
    ...stamps,
  }),
} as const;

export type SyncedEntity = keyof typeof SYNCED_ENTITY_SCHEMAS;
export const SYNCED_ENTITIES = Object.keys(SYNCED_ENTITY_SCHEMAS) as SyncedEntity[];

/** The key column of each entity (credit_standings is keyed by its customer), as on the seat. */
export const ENTITY_KEY_COLUMN: Partial<Record<SyncedEntity, string>> = { credit_standings: 'customer_id' };
export const entityKey = (entity: SyncedEntity): string => ENTITY_KEY_COLUMN[entity] ?? 'id';

/**
 * Tables whose rows are records of something that happened (a call, a step, an attempt): two
 * offline writers each insert their own row (own UUIDv7), so both entries are kept; their later
 * edits (a call's wrap-up, a step's completion) merge per field like any other row.
 */
export const APPEND_ONLY_ENTITIES: ReadonlySet<SyncedEntity> = new Set(['interactions', 'complaint_steps', 'callback_attempts']);

export const isSyncedEntity = (entity: string): entity is SyncedEntity =>
  Object.prototype.hasOwnProperty.call(SYNCED_ENTITY_SCHEMAS, entity);

// Building a zod schema costs about a millisecond: make each table's partial one once.
const PARTIAL = new Map<SyncedEntity, z.ZodType>();
function partialSchema(entity: SyncedEntity): z.ZodType {
  let p = PARTIAL.get(entity);
  if (!p) PARTIAL.set(entity, (p = SYNCED_ENTITY_SCHEMAS[entity].partial()));
  return p;
}

export type ChangeOp = 'insert' | 'update' | 'delete';
export type ChangeRejectionCode = 'unknown_entity' | 'unknown_field' | 'invalid';
export interface ChangeRejection {
  code: ChangeRejectionCode;
  reason: string;
}

/**
 * Checks one change's fields against its table: null when it is fine, otherwise why not.
 * Insert: every required column present; update/delete: only known columns, each well typed;
 * a delete must set deleted_at.
 */
export function validateChange(entity: string, op: ChangeOp, fields: Record<string, unknown>, entityId?: string): ChangeRejection | null {
  if (!isSyncedEntity(entity)) return { code: 'unknown_entity', reason: `"${entity}" is not a synced table` };
  const schema = SYNCED_ENTITY_SCHEMAS[entity];
  const shape = schema.shape as Record<string, z.ZodType>;
  const unknown = Object.keys(fields).filter((k) => !Object.prototype.hasOwnProperty.call(shape, k));
  if (unknown.length > 0) return { code: 'unknown_field', reason: `${entity} has no column ${unknown.join(', ')}` };
  const key = entityKey(entity);
  if (entityId !== undefined && key in fields && fields[key] !== entityId) {
    return { code: 'invalid', reason: `${entity}.${key} differs from the change's entity id` };
  }
  if (op === 'delete' && (fields.deleted_at === undefined || fields.deleted_at === null)) {
    return { code: 'invalid', reason: 'a delete must set deleted_at' };
  }
  const checked = op === 'insert' ? schema.safeParse(fields) : partialSchema(entity).safeParse(fields);
  if (checked.success) return null;
  const issues = checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || entity}: ${i.message}`);
  return { code: 'invalid', reason: issues.join('; ') };
}
