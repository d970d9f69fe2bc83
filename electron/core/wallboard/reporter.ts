import { z } from 'zod';
import type { QueueLeg, WallboardEvent } from '../../../shared/sync/wallboard-protocol';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../sync/backoff';
import type { HubClient } from '../sync/hub-client';

// What the seat tells the hub for the wallboard (POST /v1/wallboard/events): presence on every
// change and with each heartbeat, the sync backlog with the heartbeat, the PBX queue tracker's
// finished legs and live waiting callers. Live state, not data: only the latest presence, health
// and waiting list are kept while the hub is unreachable; legs are kept (bounded) until delivered.
// One request at a time, in the background; a failure retries with backoff and is logged once
// per outage.

const MAX_EVENTS_PER_POST = 100;
const MAX_LEGS_PER_EVENT = 1000;
/** Legs kept while the hub is unreachable; the oldest go first beyond this. */
const MAX_PENDING_LEGS = 20_000;

const Accepted = z.object({ accepted: z.number().int().nonnegative() }).passthrough();

type Latest = Exclude<WallboardEvent, { type: 'queue_legs' }>;

export interface Reporter {
  /** Presence, health or the waiting list: replaces the one not yet sent. */
  put(e: Latest): void;
  addLegs(legs: readonly QueueLeg[]): void;
  /** Sends what is pending now (resolves when the attempt ends; never rejects). */
  flush(): Promise<void>;
  pending(): number;
  stop(): void;
}

export function createReporter(o: {
  seatId: string;
  hub: () => HubClient | null;
  log: (message: string, err?: unknown) => void;
  now: () => number;
  /** Schedule a retry after a failure; false: manual (tests call flush). */
  auto: boolean;
  backoff?: BackoffPolicy;
  random?: () => number;
}): Reporter {
  const latest = new Map<Latest['type'], Latest>();
  let legs: QueueLeg[] = [];
  let sending: Promise<void> | null = null;
  let failures = 0;
  let retryAt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const take = (): WallboardEvent[] => {
    const events: WallboardEvent[] = [...latest.values()];
    latest.clear();
    while (legs.length > 0 && events.length < MAX_EVENTS_PER_POST) events.push({ type: 'queue_legs', legs: legs.splice(0, MAX_LEGS_PER_EVENT) });
    return events;
  };

  const giveBack = (events: WallboardEvent[]) => {
    const back: QueueLeg[] = [];
    for (const e of events) {
      if (e.type === 'queue_legs') back.push(...e.legs);
      else if (!latest.has(e.type)) latest.set(e.type, e); // a newer one replaced it meanwhile
    }
    legs = [...back, ...legs];
    if (legs.length > MAX_PENDING_LEGS) legs = legs.slice(legs.length - MAX_PENDING_LEGS);
  };

  async function sendOnce(): Promise<void> {
    const client = o.hub();
    if (!client) {
      // No hub: nothing to tell anyone (legs stay in the seat's own wallboard).
      latest.clear();
      legs = [];
      return;
    }
    while (!stopped && (latest.size > 0 || legs.length > 0)) {
      if (o.now() < retryAt) return;
      const events = take();
      try {
        await client.request('POST', '/v1/wallboard/events', Accepted, { seatId: o.seatId, events });
        if (failures > 0) o.log(`wallboard: the hub takes events again after ${failures} failed attempt(s)`);
        failures = 0;
        retryAt = 0;
      } catch (err) {
        giveBack(events);
        failures++;
        const delay = backoffDelay(failures, o.random, o.backoff ?? DEFAULT_BACKOFF);
        retryAt = o.now() + delay;
        if (failures === 1) o.log(`wallboard: could not report to the hub (${(err as Error).message}); retrying with backoff`);
        if (o.auto && !stopped) {
          if (retryTimer) clearTimeout(retryTimer);
          retryTimer = setTimeout(() => {
            retryTimer = null;
            retryAt = 0;
            void flush();
          }, delay);
          retryTimer.unref?.();
        }
        return;
      }
    }
  }

  function flush(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (sending) return sending;
    sending = sendOnce().finally(() => {
      sending = null;
    });
    return sending;
  }

  return {
    put(e) {
      latest.set(e.type, e);
    },
    addLegs(more) {
      legs.push(...more);
      if (legs.length > MAX_PENDING_LEGS) legs = legs.slice(legs.length - MAX_PENDING_LEGS);
    },
    flush,
    pending: () => latest.size + legs.length,
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },
  };
}
