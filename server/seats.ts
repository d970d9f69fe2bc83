import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { HUB_ORIGIN } from '../shared/sync/merge';
import { HubError } from './errors';

// Seat tokens: 32 random bytes (256 bits), shown once, stored as their SHA-256. A fast hash is
// enough here because the secret is not a password: nobody can guess 2^256 values, so the slow
// hashes (scrypt, bcrypt) that protect low-entropy passwords add nothing but latency on every
// request; and a deterministic hash lets the hub find the seat by an indexed lookup, so the
// comparison never runs over candidates (no timing oracle on the token).

export type SeatRole = 'agent' | 'supervisor' | 'admin';
export const SEAT_ROLES: readonly SeatRole[] = ['agent', 'supervisor', 'admin'];

export interface Seat {
  id: string;
  branch: string;
  name: string;
  role: SeatRole;
  revokedAt: number | null;
  lastSeenAt: number | null;
  lastAckSeq: number;
  lastPullSeq: number;
  clockOffsetMs: number;
  /** False until the seat's first authenticated request binds the token to its own id (`seat add` without --id). */
  bound: boolean;
}

const TOKEN_PREFIX = 'kfs_';
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
export const newToken = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url');

interface SeatRow {
  id: string;
  branch: string;
  name: string;
  role: SeatRole;
  revoked_at: string | null;
  last_seen_at: string | null;
  last_ack_seq: string;
  last_pull_seq: string;
  clock_offset_ms: string;
  bound_at: string | null;
}
export const SEAT_COLUMNS = 'id, branch, name, role, revoked_at, last_seen_at, last_ack_seq, last_pull_seq, clock_offset_ms, bound_at';
export function seatFromRow(r: SeatRow): Seat {
  return {
    id: r.id,
    branch: r.branch,
    name: r.name,
    role: r.role,
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
    lastSeenAt: r.last_seen_at === null ? null : Number(r.last_seen_at),
    lastAckSeq: Number(r.last_ack_seq),
    lastPullSeq: Number(r.last_pull_seq),
    clockOffsetMs: Number(r.clock_offset_ms),
    bound: r.bound_at !== null,
  };
}

/** The id an unbound seat row carries until it binds: never a seat's own id (those are refused). */
export const UNBOUND_PREFIX = 'unbound:';
/** The header a seat presents its own id in (seat_meta seat_id), on every request. */
export const SEAT_HEADER = 'x-kefu-seat';

/** Why a presented seat id cannot be one: null when it can. */
function badSeatId(id: string): string | null {
  if (id.length < 1 || id.length > 100) return 'a seat id has 1 to 100 characters';
  if (id.startsWith(UNBOUND_PREFIX) || id === HUB_ORIGIN) return `"${id}" cannot be a seat id`;
  if (!/^[\x21-\x7e]+$/.test(id)) return 'a seat id is printable ASCII without spaces';
  return null;
}

const mismatch = (seat: Seat) =>
  new HubError(
    'seat_mismatch',
    `this token belongs to another seat (${seat.id}); ask the hub admin for a new token for this seat (npm run hub -- seat add)`,
  );

/**
 * Binds an unbound seat's token to the id the seat presents, atomically and for good: one UPDATE
 * guarded by `bound_at IS NULL`, so of two racing first requests exactly one binds (the other
 * re-reads the row and is accepted when it presented the same id, refused with seat_mismatch
 * otherwise); an id another row already holds is refused by the primary key (seat_taken).
 */
export async function bindSeat(db: pg.Pool | pg.PoolClient, token: string, seatId: string, now = Date.now()): Promise<Seat> {
  const bad = badSeatId(seatId);
  if (bad) throw new HubError('invalid', bad);
  let rows: SeatRow[];
  try {
    ({ rows } = await db.query<SeatRow>(
      `UPDATE seats SET id = $2, bound_at = $3
        WHERE token_hash = $1 AND bound_at IS NULL AND revoked_at IS NULL
        RETURNING ${SEAT_COLUMNS}`,
      [hashToken(token), seatId, now],
    ));
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new HubError(
        'seat_taken',
        `seat ${seatId} is already registered on this hub with another token; configure this seat with that token, or ask the hub admin to check the seat list`,
      );
    }
    throw err;
  }
  if (rows[0]) return seatFromRow(rows[0]);
  // Bound (or revoked) by someone else meanwhile: decide on what is stored now.
  const seat = await seatByToken(db, token);
  if (!seat) throw new HubError('unauthorized', 'missing, unknown or revoked seat token');
  if (seat.id !== seatId) throw mismatch(seat);
  return seat;
}

/**
 * The seat a request authenticates as. `presented` is the id the seat says it is (the
 * x-kefu-seat header, or the seatId of a push body): an unbound token binds to it; a bound
 * token presented with another id is refused (seat_mismatch). Null: no such live token.
 */
export async function resolveSeat(db: pg.Pool, token: string, presented: string | undefined, now = Date.now()): Promise<Seat | null> {
  const seat = await seatByToken(db, token);
  if (!seat) return null;
  if (seat.bound) {
    if (presented !== undefined && presented !== seat.id) throw mismatch(seat);
    return seat;
  }
  if (presented === undefined) {
    throw new HubError('unauthorized', `this token is not bound to a seat yet: the seat binds it by sending its id (${SEAT_HEADER} header) on its first sync`);
  }
  return bindSeat(db, token, presented, now);
}

/** The live (not revoked) seat holding this token, or null. */
export async function seatByToken(db: pg.Pool | pg.PoolClient, token: string): Promise<Seat | null> {
  if (!token) return null;
  const { rows } = await db.query<SeatRow>(`SELECT ${SEAT_COLUMNS} FROM seats WHERE token_hash = $1 AND revoked_at IS NULL`, [
    hashToken(token),
  ]);
  return rows[0] ? seatFromRow(rows[0]) : null;
}

export interface AddSeat {
  branch: string;
  name: string;
  role?: SeatRole;
  /** The seat's own id (seat_meta seat_id): the seat is bound to it at once. */
  id?: string;
  /**
   * Without `id`: true leaves the seat unbound, to bind itself to the id it presents on its
   * first sync (`seat add` without --id); false (the default) gives it a new UUID, bound.
   */
  enrol?: boolean;
}

/** Creates a seat; the token is returned once and only its hash is kept. */
export async function addSeat(db: pg.Pool, input: AddSeat, now = Date.now()): Promise<{ seat: Seat; token: string }> {
  const token = newToken();
  const role = input.role ?? 'agent';
  if (!SEAT_ROLES.includes(role)) throw new Error(`role must be one of ${SEAT_ROLES.join(', ')}`);
  if (input.id !== undefined) {
    const bad = badSeatId(input.id);
    if (bad) throw new Error(bad);
  }
  const unbound = input.id === undefined && input.enrol === true;
  const id = input.id ?? (unbound ? UNBOUND_PREFIX + randomUUID() : randomUUID());
  const { rows } = await db.query<SeatRow>(
    `INSERT INTO seats (id, branch, name, role, token_hash, created_at, bound_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SEAT_COLUMNS}`,
    [id, input.branch, input.name, role, hashToken(token), now, unbound ? null : now],
  );
  return { seat: seatFromRow(rows[0]!), token };
}

/** Revokes a seat's token; its later requests answer 401. Returns false when no such live seat. */
export async function revokeSeat(db: pg.Pool, name: string, now = Date.now()): Promise<boolean> {
  const res = await db.query('UPDATE seats SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL', [name, now]);
  return (res.rowCount ?? 0) > 0;
}

export async function listSeats(db: pg.Pool): Promise<Seat[]> {
  const { rows } = await db.query<SeatRow>(`SELECT ${SEAT_COLUMNS} FROM seats ORDER BY branch, name`);
  return rows.map(seatFromRow);
}
