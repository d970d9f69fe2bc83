import type { Database } from 'better-sqlite3';
import type { EventName, EventPayload } from '../../shared/contract/channels';
import type { Role } from '../../shared/contract/customer-schemas';
import type { Result } from '../../shared/contract/result';
import { systemClock, type Clock } from './clock';
import { createDispatcher } from './dispatch';
import { customerHandlers } from './services/customer-service';
import { sessionHandlers } from './services/session-service';
import { ensureSeat, type SeatIdentity } from './session';
import { openDatabase } from './store/open-database';
import { createWriteContext, type WriteContext } from './store/write-context';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  /** Overrides for this run (demo, tests); otherwise the seat's stored agent. */
  agentName?: string;
  role?: Role;
  log?: (message: string, err?: unknown) => void;
}

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Core {
  readonly seat: SeatIdentity;
  readonly db: Database;
  /** Validates and runs one contract call; never throws. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: CoreEventListener): () => void;
  close(): void;
}

/** What a service needs; handed to each service factory. */
export interface ServiceContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly seat: SeatIdentity;
  readonly writes: WriteContext;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** The seat's whole back end in plain Node: no 'electron' import, so tests and the browser host run it. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((m, e) => console.error(`[core] ${m}`, e ?? ''));
  const db = openDatabase(options.dataDir);
  const seat = ensureSeat(db, clock, { agentName: options.agentName, role: options.role });
  const listeners = new Set<CoreEventListener>();
  const ctx: ServiceContext = {
    db,
    clock,
    seat,
    writes: createWriteContext(db, seat.seatId, seat.agentId, clock),
    emit(event, payload) {
      for (const l of listeners) {
        try {
          l(event, payload);
        } catch (err) {
          log(`listener for ${event} failed`, err);
        }
      }
    },
  };
  const invoke = createDispatcher({ ...sessionHandlers(ctx), ...customerHandlers(ctx) }, () => seat.role, log);
  let closed = false;
  return {
    seat,
    db,
    invoke: (channel, input) =>
      closed ? Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'errors.closed' } }) : invoke(channel, input),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      db.close();
    },
  };
}
