import { v7 as uuidv7 } from 'uuid';
import { createCore, type Core, type CoreOptions } from '../../../../electron/core/create-core';
import { formatHlc } from '../../../../shared/sync/hlc';
import type { PulledChange } from '../../../../shared/sync/protocol';
import { manualClock } from '../../../support/temp-dir';
import type { FakeHub } from './fake-hub';

export const HUB_URL = 'http://hub.test';

export async function value<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

export interface TestSeat {
  core: Core;
  clock: ReturnType<typeof manualClock>;
  events: [string, unknown][];
  logs: string[];
}

/** A core on the fake hub, in manual mode (no timers, no live socket) unless options say otherwise. */
export function seatOn(hub: FakeHub, dataDir: string, extra: Partial<CoreOptions> = {}): TestSeat {
  const clock = manualClock();
  hub.serverTime = () => clock.now();
  const events: [string, unknown][] = [];
  const logs: string[] = [];
  const core = createCore({
    dataDir,
    clock,
    role: 'supervisor',
    sync: { hubUrl: HUB_URL, token: hub.token },
    syncIntervalMs: 0,
    log: (m, e) => logs.push(e ? `${m} ${String(e)}` : m),
    ...extra,
    syncTest: { fetch: hub.fetch, connectLive: null, ...extra.syncTest },
  });
  core.subscribe((e, p) => void events.push([e, p]));
  return { core, clock, events, logs };
}

export const outbox = (core: Core) =>
  core.db.prepare('SELECT seq, entity, entity_id, op, fields, hlc FROM outbox ORDER BY seq').all() as {
    seq: number;
    entity: string;
    entity_id: string;
    op: string;
    fields: string;
    hlc: string;
  }[];

export const hlcAt = (ms: number, node = 'other-seat', counter = 0) => formatHlc({ ms, counter, node });

/** A customer another seat created, as pulled changes (customer row, then a phone). */
export function remoteCustomer(hub: FakeHub, at: number, name = '陈静', national = '13911112222'): { id: string; phoneId: string; changes: PulledChange[] } {
  const id = uuidv7();
  const phoneId = uuidv7();
  const changes = [
    hub.add({
      entity: 'customers',
      entityId: id,
      op: 'insert',
      fields: { id, kind: 'person', name, created_at: at, updated_at: at },
      hlc: hlcAt(at),
      originSeat: 'other-seat',
    }),
    hub.add({
      entity: 'customer_phones',
      entityId: phoneId,
      op: 'insert',
      fields: { id: phoneId, customer_id: id, e164: `+86${national}`, national, kind: 'mobile', is_primary: 1, updated_at: at },
      hlc: hlcAt(at, 'other-seat', 1),
      originSeat: 'other-seat',
    }),
  ];
  return { id, phoneId, changes };
}
