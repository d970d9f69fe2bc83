import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import { formatHlc } from '../../shared/sync/hlc';
import type { OutboxChange, PullResponse, PushRequest } from '../../shared/sync/protocol';
import { buildHub, type Hub, type HubLimits } from '../../server/hub';
import { addSeat, type SeatRole } from '../../server/seats';
import type { TestDatabase } from './postgres';

export const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);

export interface RunningHub {
  hub: Hub;
  url: string;
  /** Every log line the hub wrote. */
  logs: string[];
}

/** Hubs started in a test are closed after it. */
export function useHubs(db: TestDatabase) {
  const open: Hub[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close().catch(() => undefined)));
  });
  return async (opts: { limits?: Partial<HubLimits>; now?: () => number } = {}): Promise<RunningHub> => {
    const logs: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        logs.push(chunk.toString('utf8'));
        cb();
      },
    });
    const hub = await buildHub({ databaseUrl: db.url, log: { level: 'debug', stream }, ...opts });
    open.push(hub);
    const url = await hub.listen();
    return { hub, url, logs };
  };
}

export interface TestSeat {
  id: string;
  token: string;
  name: string;
  /** Next outbox seq. */
  seq: number;
  /** The highest lastSeq a pull answered it: the cursor its pushes report (PushRequest.cursor). */
  cursor: number;
}

let seatCounter = 0;
export async function newSeat(db: TestDatabase, role: SeatRole = 'agent', branch = 'hq'): Promise<TestSeat> {
  const pool = db.pool(1);
  const name = `seat-${++seatCounter}-${Math.random().toString(36).slice(2, 8)}`;
  const { seat, token } = await addSeat(pool, { branch, name, role });
  await pool.end();
  return { id: seat.id, token, name, seq: 1, cursor: 0 };
}

export const hlc = (ms: number, node: string, counter = 0): string => formatHlc({ ms, counter, node });

/** One outbox change with the next seq of the seat. */
export function change(
  seat: TestSeat,
  entity: string,
  entityId: string,
  op: OutboxChange['op'],
  fields: OutboxChange['fields'],
  ms: number,
): OutboxChange {
  return { seq: seat.seq++, entity, entityId, op, fields, hlc: hlc(ms, seat.id), at: ms };
}

export function customer(id: string, name: string, at: number) {
  return { id, kind: 'person', name, created_at: at, updated_at: at };
}

export async function push(url: string, seat: TestSeat, changes: OutboxChange[], over: Partial<PushRequest> = {}) {
  const body: PushRequest = { protocol: 1, schema: 30, seatId: seat.id, cursor: seat.cursor, changes, ...over };
  const res = await fetch(`${url}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${seat.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { ackSeq: number; serverSeq: number } };
}

export async function pull(url: string, seat: TestSeat, after: number, limit?: number) {
  const res = await fetch(`${url}/v1/pull?after=${after}${limit !== undefined ? `&limit=${limit}` : ''}`, {
    headers: { authorization: `Bearer ${seat.token}` },
  });
  const body = (await res.json()) as PullResponse;
  // A seat that received the answer has applied it.
  if (res.status === 200) seat.cursor = Math.max(seat.cursor, body.lastSeq);
  return { status: res.status, body };
}

/** Pulls everything after `after`, page by page. */
export async function pullAll(url: string, seat: TestSeat, after = 0, limit = 1000): Promise<PullResponse['changes']> {
  const all: PullResponse['changes'] = [];
  let cursor = after;
  for (;;) {
    const { status, body } = await pull(url, seat, cursor, limit);
    if (status !== 200) throw new Error(`pull ${status}: ${JSON.stringify(body)}`);
    all.push(...body.changes);
    cursor = body.lastSeq;
    if (!body.hasMore) return all;
  }
}
