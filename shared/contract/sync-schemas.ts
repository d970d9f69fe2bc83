import { z } from 'zod';
import { Conflict as HubConflict } from '../sync/protocol';
import { EpochMs } from './ids';

// What the seat's renderer sees of synchronisation with the hub: a status line, the changes
// the hub refused (parked), and — for supervisors — the conflicts the hub recorded.

export const SyncState = z.enum(['off', 'online', 'syncing', 'offline', 'update_required', 'unauthorized']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  state: SyncState,
  hubUrl: z.string().nullable(),
  /** Outbox changes not yet acknowledged by the hub. */
  pending: z.number().int(),
  /** Changes the hub refused for good (see sync.parked). */
  parked: z.number().int(),
  lastSyncAt: EpochMs.nullable(),
  /** When the next retry is due while offline. */
  nextRetryAt: EpochMs.nullable(),
  /** i18n key of the last failure, null when the last attempt worked. */
  lastError: z.string().nullable(),
  /** The hub's clock minus ours, ms, when last seen; a seat off by > 2 min is warned. */
  clockOffsetMs: z.number().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const ParkedChange = z.object({
  seq: z.number().int(),
  entity: z.string(),
  entityId: z.string(),
  op: z.enum(['insert', 'update', 'delete']),
  fields: z.array(z.string()),
  code: z.string(),
  reason: z.string(),
  at: EpochMs,
});
export type ParkedChange = z.infer<typeof ParkedChange>;

export const SyncSettings = z
  .object({
    hubUrl: z.url({ protocol: /^https?$/, error: 'validation.url' }),
    token: z.string().trim().min(16, { error: 'validation.token' }).max(200, { error: 'validation.token' }),
  })
  .strict();
export type SyncSettings = z.infer<typeof SyncSettings>;

/** A hub conflict as the seat shows it: with a label for the record from the local store (the
 * customer's name, …), null when the record is not on this seat or its kind has none. */
export const Conflict = HubConflict.extend({ recordLabel: z.string().nullable().optional() });
export type Conflict = z.infer<typeof Conflict>;
