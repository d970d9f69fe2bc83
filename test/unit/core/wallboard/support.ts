import { createCore, type Core, type CoreOptions } from '../../../../electron/core/create-core';
import type { FetchLike, LiveConnect, LiveHandlers } from '../../../../electron/core/sync/hub-client';
import type { EventName } from '../../../../shared/contract/channels';
import type { WallboardEvent } from '../../../../shared/sync/wallboard-protocol';
import { manualClock } from '../../../support/temp-dir';

export const HUB_URL = 'http://hub.test';
export const TOKEN = 'seat-token-0123456789abcdef';

export async function value<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/**
 * A hub for the wallboard routes: push/pull answer "nothing new", wallboard events are recorded,
 * the other routes answer what the test put in `answers` (or 404). `down` loses every request.
 */
export class WallboardHub {
  readonly requests: { method: string; path: string; body?: unknown }[] = [];
  readonly events: WallboardEvent[] = [];
  answers: Record<string, unknown> = {};
  down = false;
  sockets: LiveHandlers[] = [];
  now = () => Date.now();

  readonly fetch: FetchLike = async (url, init) => {
    await Promise.resolve();
    const u = new URL(url);
    const body = init.body ? (JSON.parse(init.body) as unknown) : undefined;
    this.requests.push({ method: init.method, path: u.pathname + u.search, body });
    if (this.down) throw new TypeError('fetch failed');
    const answer = (status: number, json: unknown) => ({ status, json: async () => json, headers: { get: () => null } });
    if (init.headers.authorization !== `Bearer ${TOKEN}`) return answer(401, { error: { code: 'unauthorized', message: 'no' } });
    if (u.pathname === '/v1/push') {
      const seqs = (body as { changes: { seq: number }[] }).changes.map((c) => c.seq);
      return answer(200, { ackSeq: Math.max(0, ...seqs), rejected: [], serverTime: this.now(), serverSeq: 0 });
    }
    if (u.pathname === '/v1/pull') return answer(200, { changes: [], lastSeq: 0, hasMore: false, serverTime: this.now() });
    if (u.pathname === '/v1/wallboard/events') {
      const events = (body as { events: WallboardEvent[] }).events;
      this.events.push(...events);
      return answer(200, { accepted: events.length });
    }
    const key = `${init.method} ${u.pathname}`;
    if (key in this.answers) return answer(200, this.answers[key]);
    return answer(404, { error: { code: 'invalid', message: 'not here' } });
  };

  readonly connectLive: LiveConnect = (_url, _token, handlers) => {
    this.sockets.push(handlers);
    queueMicrotask(() => handlers.onOpen());
    return { close: () => void (this.sockets = this.sockets.filter((s) => s !== handlers)) };
  };

  send(msg: unknown): void {
    for (const s of this.sockets) s.onMessage(JSON.stringify(msg));
  }
}

export interface Seat {
  core: Core;
  clock: ReturnType<typeof manualClock>;
  events: [EventName, unknown][];
  of<T>(name: EventName): T[];
}

export function seat(dataDir: string, options: Partial<CoreOptions> & { hub?: WallboardHub; liveSync?: boolean; clock?: ReturnType<typeof manualClock> } = {}): Seat {
  const { hub, liveSync, ...rest } = options;
  const clock = options.clock ?? manualClock();
  if (hub) hub.now = () => clock.now();
  const events: [EventName, unknown][] = [];
  const core = createCore({
    dataDir,
    clock,
    role: 'supervisor',
    log: () => {},
    reminderIntervalMs: 0,
    syncIntervalMs: liveSync ? 60_000 : 0,
    wallboardTest: { auto: false },
    ...(hub ? { sync: { hubUrl: HUB_URL, token: TOKEN }, syncTest: { fetch: hub.fetch, connectLive: liveSync ? hub.connectLive : null } } : {}),
    ...rest,
  });
  core.subscribe((e, p) => void events.push([e, p]));
  return { core, clock, events, of: <T,>(name: EventName) => events.filter(([e]) => e === name).map(([, p]) => p as T) };
}
