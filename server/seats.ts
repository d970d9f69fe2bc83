import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';

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
}
export const SEAT_COLUMNS = 'id, branch, name, role, revoked_at, last_seen_at, last_ack_seq, last_pull_seq, clock_offset_ms';
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
  };
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
  /** The seat's own id (seat_meta seat_id) when it already has one; a new UUID otherwise. */
  id?: string;
}

/** Creates a seat; the token is returned once and only its hash is kept. */
export async function addSeat(db: pg.Pool, input: AddSeat, now = Date.now()): Promise<{ seat: Seat; token: string }> {
  const token = newToken();
  const role = input.role ?? 'agent';
  if (!SEAT_ROLES.includes(role)) throw new Error(`role must be one of ${SEAT_ROLES.join(', ')}`);
  const { rows } = await db.query<SeatRow>(
    `INSERT INTO seats (id, branch, name, role, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${SEAT_COLUMNS}`,
    [input.id ?? randomUUID(), input.branch, input.name, role, hashToken(token), now],
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
