// Tables that sync and are written through the change log. The entity name in the outbox is
// the table name; fields are column names, so the hub can apply a change generically.
export const SYNCED_TABLES = [
  'branches',
  'teams',
  'agents',
  'customers',
  'customer_phones',
  'customer_emails',
  'customer_preferences',
  'credit_standings',
  'org_contacts',
  'bookings',
  'interactions',
  'complaints',
  'complaint_steps',
  'service_promises',
  'callbacks',
  'callback_attempts',
  'surveys',
  'phone_lines',
] as const;
export type Entity = (typeof SYNCED_TABLES)[number];

/** The key column of each entity (credit_standings is keyed by its customer). */
export const KEY_COLUMN: Partial<Record<Entity, string>> = { credit_standings: 'customer_id' };
export const keyOf = (entity: Entity): string => KEY_COLUMN[entity] ?? 'id';
