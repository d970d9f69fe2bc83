import { z } from 'zod';

// The wire protocol between a seat and the sync hub (server/). See ../../../shared/SYNC.md for
// why it looks like this: per-seat sequences make push idempotent, a server sequence taken
// from one counter row makes pull ordered by commit, per-field HLCs decide merges.
//
//   POST /v1/push        PushRequest  → PushResponse        (Authorization: Bearer <seat token>)
//   GET  /v1/pull?after=N&limit=M    → PullResponse
//   GET  /v1/live        WebSocket; the hub sends LiveMessage when there is something to pull
//   GET  /v1/conflicts?status=open   → ConflictList         (supervisor/admin seats)
//   POST /v1/conflicts/:id/resolve   ConflictResolve → Conflict
//   GET  /v1/health                  → { ok: true, serverSeq }
// Seats also send their own id (seat_meta seat_id) in an `x-kefu-seat` header: a token made by
// `seat add` without --id binds to it on the first request (server/seats.ts bindSeat).
// Errors answer { error: { code: SyncErrorCode, message, ... } } with a matching HTTP status.

/** Bumped when the wire format changes incompatibly; the hub answers `update_required` to older seats. */
export const PROTOCOL_VERSION = 1;
export const PUSH_MAX_CHANGES = 1000;
export const PULL_MAX_LIMIT = 5000;
export const PULL_DEFAULT_LIMIT = 1000;

const Scalar = z.union([z.string().max(20_000), z.number(), z.null()]);
/** Column → value; column names are the synced table's own (entities.ts). */
export const ChangeFields = z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/).max(64), Scalar);
export type ChangeFields = z.infer<typeof ChangeFields>;

export const OutboxChange = z.object({
  /** The seat's outbox sequence; consecutive, starting after the hub's last ack. */
  seq: z.number().int().positive(),
  entity: z.string().max(64),
  entityId: z.string().min(1).max(100),
  op: z.enum(['insert', 'update', 'delete']),
  fields: ChangeFields,
  /** formatHlc text of the change (shared/sync/hlc.ts). */
  hlc: z.string().max(120),
  at: z.number().int(),
});
export type OutboxChange = z.infer<typeof OutboxChange>;

export const PushRequest = z
  .object({
    protocol: z.number().int(),
    /** The seat's store schema version (PRAGMA user_version). */
    schema: z.number().int(),
    seatId: z.string().min(1).max(100),
    /**
     * The pull cursor this seat has APPLIED (stored with the pulled data, in the same
     * transaction): the server sequence up to which it has seen the hub. The merge uses it to
     * tell a write that saw the stored value from a concurrent one (shared/sync/merge.ts); an answer the seat never received
     * does not count as seen.
     */
    cursor: z.number().int().nonnegative(),
    changes: z.array(OutboxChange).max(PUSH_MAX_CHANGES),
  })
  .strict();
export type PushRequest = z.infer<typeof PushRequest>;

export const RejectedChange = z.object({ seq: z.number().int(), code: z.string(), reason: z.string() });
export type RejectedChange = z.infer<typeof RejectedChange>;

export const PushResponse = z.object({
  /** Every change up to here is durably applied (or parked): the seat may trim its outbox. */
  ackSeq: z.number().int(),
  /** Changes the hub refused for good; they advance ackSeq and are parked on both sides. */
  rejected: z.array(RejectedChange),
  /** The hub's clock, so a seat can tell its own is wrong. */
  serverTime: z.number().int(),
  /** The hub's server sequence after this push. */
  serverSeq: z.number().int(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/**
 * One entry of the hub's change log. Every value a field takes on the hub is logged, in commit
 * order, and sent to EVERY seat, the writer included: a seat replays the log over what it has
 * and ends with the hub's values (its own write comes back after the older ones it overtook).
 */
export const PulledChange = z.object({
  serverSeq: z.number().int(),
  entity: z.string(),
  entityId: z.string(),
  op: z.enum(['insert', 'update', 'delete']),
  /** Only the fields that won the merge, with their winning values. */
  fields: ChangeFields,
  /** The clock of every field in `fields` (the hub logs fields with different clocks apart). */
  hlc: z.string(),
  /** The seat that wrote it ('hub' for a value logged again after a write lost to it, or a supervisor's resolution). */
  originSeat: z.string(),
});
export type PulledChange = z.infer<typeof PulledChange>;

export const PullResponse = z.object({
  changes: z.array(PulledChange),
  /** The cursor to store with these changes. */
  lastSeq: z.number().int(),
  hasMore: z.boolean(),
  serverTime: z.number().int(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const LiveMessage = z.object({ type: z.literal('changed'), serverSeq: z.number().int() });
export type LiveMessage = z.infer<typeof LiveMessage>;

export const Conflict = z.object({
  id: z.string(),
  entity: z.string(),
  entityId: z.string(),
  field: z.string(),
  /** The value that won the merge and is in every replica now. */
  winnerValue: Scalar,
  winnerHlc: z.string(),
  winnerSeat: z.string(),
  /** The concurrent value that lost. */
  loserValue: Scalar,
  loserHlc: z.string(),
  loserSeat: z.string(),
  detectedAt: z.number().int(),
  status: z.enum(['open', 'resolved']),
  resolvedAt: z.number().int().nullable(),
  resolvedBy: z.string().nullable(),
  /** 'winner' kept the merged value; 'loser' wrote the lost value back as a new change. */
  resolution: z.enum(['winner', 'loser']).nullable(),
  /** Name and branch of the seats that wrote each value; null for the hub's own writes or an unknown
   * seat. Optional: hubs before these fields do not send them. */
  winnerSeatName: z.string().nullable().optional(),
  winnerBranch: z.string().nullable().optional(),
  loserSeatName: z.string().nullable().optional(),
  loserBranch: z.string().nullable().optional(),
});
export type Conflict = z.infer<typeof Conflict>;
export const ConflictList = z.object({ conflicts: z.array(Conflict) });
export const ConflictResolve = z.object({ keep: z.enum(['winner', 'loser']) }).strict();

export const SYNC_ERROR_CODES = [
  'unauthorized', // 401: no token, unknown or revoked token
  'forbidden', // 403: the seat may not write this entity / row, or read conflicts
  'invalid', // 400: the request does not match the schema
  'sequence_gap', // 409: first seq > ackSeq + 1; body carries expectedSeq
  'seat_mismatch', // 409: the seat id presented (x-kefu-seat header, push seatId) is not the token's seat
  'seat_taken', // 409: an unbound token's first request presented a seat id another token holds
  'update_required', // 426: protocol or schema older than the hub accepts
  'resync_required', // 410: cursor older than the retention horizon
  'too_large', // 413
  'rate_limited', // 429
  'unavailable', // 503: the database is down
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];
export const SyncError = z.object({
  error: z.object({ code: z.enum(SYNC_ERROR_CODES), message: z.string(), expectedSeq: z.number().int().optional() }),
});
export type SyncError = z.infer<typeof SyncError>;
