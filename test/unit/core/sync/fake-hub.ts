import type { FetchLike, LiveConnect, LiveHandlers } from '../../../../electron/core/sync/hub-client';
import {
  PushRequest,
  type ChangeFields,
  type PulledChange,
  type RejectedChange,
  type SyncErrorCode,
} from '../../../../shared/sync/protocol';

// A scripted in-process hub for the seat's unit tests: per-seat last seq (idempotent push),
// one server sequence, pull after a cursor (the seat's own changes included, like the real hub);
// no merge (every accepted change is logged as is).
// Faults are queued per route: `drop` applies the request and then loses the answer, `network`
// loses the request, {status, code} answers an error.

export type Fault = 'drop' | 'network' | { status: number; code: SyncErrorCode; expectedSeq?: number };

export class FakeHub {
  readonly log: PulledChange[] = [];
  readonly lastSeq = new Map<string, number>();
  readonly requests: { route: string; body?: unknown }[] = [];
  readonly parkedOnHub: RejectedChange[] = [];
  /** The cursor each push reported (PushRequest.cursor), in order. */
  readonly pushedCursors: number[] = [];
  /** Decides whether a pushed change is refused for good. */
  reject: (c: PushRequest['changes'][number]) => { code: string; reason: string } | null = () => null;
  /** Acknowledge at most this many changes per push (a hub that commits part of a batch). */
  ackAtMost = Infinity;
  serverTime: () => number = () => Date.now();
  /** Runs when a request arrives, before the hub answers (a local write made during a sync). */
  onRequest: (route: 'push' | 'pull' | 'conflicts') => void = () => {};
  private faults: { route: 'push' | 'pull' | 'conflicts'; fault: Fault; skip: number }[] = [];
  private sockets = new Set<LiveHandlers>();

  constructor(readonly token = 'seat-token-0123456789abcdef') {}

  /** The next `times` requests to `route` fail (after `skip` requests that go through). */
  fail(route: 'push' | 'pull' | 'conflicts', fault: Fault, times = 1, skip = 0): void {
    for (let i = 0; i < times; i++) this.faults.push({ route, fault, skip });
  }

  /** Another seat's change, as the hub would hand it out. */
  add(change: Omit<PulledChange, 'serverSeq'>): PulledChange {
    const c = { ...change, serverSeq: this.log.length + 1 };
    this.log.push(c);
    for (const s of this.sockets) s.onMessage(JSON.stringify({ type: 'changed', serverSeq: c.serverSeq }));
    return c;
  }

  private take(route: 'push' | 'pull' | 'conflicts'): Fault | undefined {
    const i = this.faults.findIndex((f) => f.route === route);
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    if (f.skip > 0) {
      f.skip--;
      return undefined;
    }
    return this.faults.splice(i, 1)[0]!.fault;
  }

  readonly fetch: FetchLike = async (url, init) => {
    await Promise.resolve();
    const u = new URL(url);
    const route = u.pathname === '/v1/push' ? 'push' : u.pathname === '/v1/pull' ? 'pull' : 'conflicts';
    const body = init.body ? (JSON.parse(init.body) as unknown) : undefined;
    this.requests.push({ route, body });
    this.onRequest(route);
    const answer = (status: number, json: unknown) => ({ status, json: async () => json, headers: { get: () => null } });
    if (init.headers.authorization !== `Bearer ${this.token}`) return answer(401, { error: { code: 'unauthorized', message: 'no' } });
    const fault = this.take(route);
    if (fault === 'network') throw new TypeError('fetch failed');
    if (fault && fault !== 'drop') {
      return answer(fault.status, { error: { code: fault.code, message: 'scripted', expectedSeq: fault.expectedSeq } });
    }
    let result: unknown;
    if (route === 'push') {
      const req = PushRequest.parse(body);
      this.pushedCursors.push(req.cursor);
      const last = this.lastSeq.get(req.seatId) ?? 0;
      const first = req.changes[0]?.seq ?? last + 1;
      if (first > last + 1) {
        return answer(409, { error: { code: 'sequence_gap', message: 'gap', expectedSeq: last + 1 } });
      }
      let ack = last;
      const rejected: RejectedChange[] = [];
      let taken = 0;
      for (const c of req.changes) {
        if (c.seq <= last) continue; // already applied: a no-op
        if (taken++ >= this.ackAtMost) break;
        const refusal = this.reject(c);
        if (refusal) {
          rejected.push({ seq: c.seq, ...refusal });
          this.parkedOnHub.push({ seq: c.seq, ...refusal });
        } else {
          this.add({ entity: c.entity, entityId: c.entityId, op: c.op, fields: c.fields as ChangeFields, hlc: c.hlc, originSeat: req.seatId });
        }
        ack = c.seq;
      }
      this.lastSeq.set(req.seatId, ack);
      result = { ackSeq: ack, rejected, serverTime: this.serverTime(), serverSeq: this.log.length };
    } else if (route === 'pull') {
      const after = Number(u.searchParams.get('after'));
      const limit = Number(u.searchParams.get('limit'));
      const scanned = this.log.filter((c) => c.serverSeq > after).slice(0, limit);
      const lastSeq = scanned.at(-1)?.serverSeq ?? Math.max(after, 0);
      // Like the real hub, every change goes to every seat, its own included.
      const changes = scanned;
      result = { changes, lastSeq, hasMore: this.log.some((c) => c.serverSeq > lastSeq), serverTime: this.serverTime() };
    } else {
      result = { conflicts: [] };
    }
    if (fault === 'drop') throw new TypeError('socket hang up (answer lost after the hub committed)');
    return answer(200, result);
  };

  readonly connectLive: LiveConnect = (_url, token, handlers) => {
    const entry = handlers;
    queueMicrotask(() => {
      if (token !== this.token) return handlers.onClose('HTTP 401');
      this.sockets.add(entry);
      handlers.onOpen();
    });
    return { close: () => void this.sockets.delete(entry) };
  };

  /** Drops every live socket (the seat should fall back to polling and reconnect). */
  dropSockets(): void {
    const all = [...this.sockets];
    this.sockets.clear();
    for (const s of all) s.onClose('dropped');
  }
}
