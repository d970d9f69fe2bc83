import type { Database } from 'better-sqlite3';
import type { AmiSettings } from '../../shared/contract/call-schemas';
import type { EventName, EventPayload } from '../../shared/contract/channels';
import type { Role } from '../../shared/contract/customer-schemas';
import type { Result } from '../../shared/contract/result';
import { systemClock, type Clock } from './clock';
import { createReminderEngine } from './callbacks/reminder-engine';
import { createAmiSource } from './cti/ami/ami-source';
import type { AmiSourceFactory } from './cti/cti-manager';
import type { CtiSource } from './cti/cti-source';
import { createCtiRuntime, type CoreCti } from './cti/cti-runtime';
import { createDispatcher } from './dispatch';
import { agentHandlers } from './services/agent-service';
import { callHandlers } from './services/call-service';
import { callbackHandlers } from './services/callback-service';
import { customerHandlers } from './services/customer-service';
import { complaintHandlers } from './services/complaint-service';
import { promiseHandlers } from './services/promise-service';
import { sessionHandlers } from './services/session-service';
import { syncHandlers } from './services/sync-service';
import { wallboardHandlers } from './services/wallboard-service';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync/sync-engine';
import { createWallboard, type Wallboard } from './wallboard/wallboard';
import { ensureSeat, type SeatIdentity } from './session';
import { plainSecrets, type SecretBox } from './secrets';
import { openDatabase } from './store/open-database';
import { createWriteContext, type WriteContext } from './store/write-context';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  /** Overrides for this run (demo, tests); otherwise the seat's stored agent. */
  agentName?: string;
  role?: Role;
  log?: (message: string, err?: unknown) => void;
  /** PBX connection for this run (the browser host's `--ami …`, see parseAmiUrl); wins over the stored settings. */
  ami?: AmiSettings;
  /** Makes the AMI source from settings; tests swap in a fake. */
  createAmiSource?: AmiSourceFactory;
  /** Seals the secrets kept at rest (AMI secret, hub token); the Electron shell passes safeStorage. Default: plain text. */
  secrets?: SecretBox;
  /** How often the callback reminder engine scans (default 15 s); 0 disables the timer (tests call core.callbacks.scanNow()). */
  reminderIntervalMs?: number;
  /**
   * The sync hub for this run (the browser host's `--hub URL --hub-token TOKEN`); wins over the
   * stored settings (sync.configure). null turns sync off for this run.
   */
  sync?: { hubUrl: string; token: string } | null;
  /** Periodic sync while the hub's live socket is up (default 60 s); 0 = no background sync at all (tests call core.sync.syncNow()). */
  syncIntervalMs?: number;
  /** Test knobs for the sync engine: the transport, the live socket (null: none), timings, randomness. */
  syncTest?: Pick<
    SyncEngineOptions,
    'fetch' | 'connectLive' | 'pollIntervalMs' | 'debounceMs' | 'backoff' | 'random' | 'pullLimit' | 'pushLimit' | 'timeoutMs' | 'beforePullCommit'
  >;
  /** Wallboard test knob: auto false = no heartbeat / queue / refresh timers (tests call core.wallboard.tick()). */
  wallboardTest?: { auto?: boolean };
}

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Core {
  readonly seat: SeatIdentity;
  readonly db: Database;
  /** Validates and runs one contract call; never throws. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: CoreEventListener): () => void;
  /** For the shells: calls announced by a kefu:// URL or the command line (not a renderer channel). */
  readonly cti: CoreCti;
  /** The callback reminder engine, for tests and the browser host's clock hook. */
  readonly callbacks: { scanNow(): number };
  /** The sync engine, for tests and the shells: `syncNow()` pushes and pulls now, `stop()` ends background sync. */
  readonly sync: Pick<SyncEngine, 'syncNow' | 'status' | 'stop'>;
  /** The wallboard's background work at once (queue tracker drain, heartbeat to the hub, local refresh), for tests. */
  readonly wallboard: { tick(): Promise<void> };
  /**
   * Closes the store at once and stops the CTI sources; the promise settles when the sources
   * have stopped (callers that do not wait lose nothing: no event reaches the core after close).
   */
  close(): Promise<void>;
}

/** What a service needs; handed to each service factory. */
export interface ServiceContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly seat: SeatIdentity;
  readonly writes: WriteContext;
  readonly secrets: SecretBox;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** The seat's whole back end in plain Node: no 'electron' import, so tests and the browser host run it. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((m, e) => console.error(`[core] ${m}`, e ?? ''));
  const db = openDatabase(options.dataDir);
  const seat = ensureSeat(db, clock, { agentName: options.agentName, role: options.role });
  const listeners = new Set<CoreEventListener>();
  // Made after the sync engine (it needs it); sees every event before the renderer's listeners.
  let wallboard: Wallboard | null = null;
  const ctx: ServiceContext = {
    db,
    clock,
    seat,
    secrets: options.secrets ?? plainSecrets,
    writes: createWriteContext(db, seat.seatId, seat.agentId, clock),
    emit(event, payload) {
      try {
        wallboard?.onEvent(event, payload);
      } catch (err) {
        log(`wallboard on ${event} failed`, err);
      }
      for (const l of listeners) {
        try {
          l(event, payload);
        } catch (err) {
          log(`listener for ${event} failed`, err);
        }
      }
    },
  };
  const makeAmiSource: AmiSourceFactory =
    options.createAmiSource ?? ((settings) => createAmiSource({ ...settings, clock, log: (line) => log(`[ami] ${line}`) }));
  // The AMI source the manager made last is the active one whenever the manager says it can dial.
  let amiSource: CtiSource | null = null;
  const cti = createCtiRuntime(ctx, {
    ami: options.ami,
    createAmiSource: (settings) => (amiSource = makeAmiSource(settings)),
    log,
  });
  const dialer = {
    canDial: () => cti.manager.status().canDial && typeof amiSource?.dial === 'function',
    dial: (number: string) => amiSource!.dial!(number),
  };
  const reminders = createReminderEngine(ctx, { intervalMs: options.reminderIntervalMs ?? 15_000, log });
  const sync = createSyncEngine(ctx, {
    ...options.syncTest,
    ...(options.sync !== undefined ? { override: options.sync } : {}),
    intervalMs: options.syncIntervalMs,
    log: (m, e) => log(`[sync] ${m}`, e),
    onLive: (msg) => wallboard?.onLive(msg),
  });
  wallboard = createWallboard(ctx, {
    sync,
    // The queue tracker exists only while an AMI source runs (see ami-source.ts).
    tracker: () => (cti.manager.status().source === 'ami' ? (amiSource?.queueTracker?.() ?? null) : null),
    log: (m, e) => log(`[wallboard] ${m}`, e),
    auto: options.wallboardTest?.auto ?? true,
  });
  // The PBX follows the agent's break / offline: queue pause through the AMI source (cti-manager
  // setQueuePaused), also for a break kept from the last run.
  const queueReason = (state: string) => `kefu:${state}`;
  wallboard.presence.onManualChange((state) => cti.manager.setQueuePaused(state !== 'available', queueReason(state)));
  if (wallboard.presence.manual() !== 'available') cti.manager.setQueuePaused(true, queueReason(wallboard.presence.manual()));
  const invoke = createDispatcher(
    {
      ...sessionHandlers(ctx),
      ...customerHandlers(ctx),
      ...callHandlers(ctx, cti),
      ...callbackHandlers(ctx, dialer),
      ...agentHandlers(ctx),
      ...promiseHandlers(ctx),
      ...complaintHandlers(ctx),
      ...wallboardHandlers(wallboard),
      ...syncHandlers(ctx, sync),
    },
    () => seat.role,
    log,
  );
  let closed = false;
  let stopped: Promise<void> = Promise.resolve();
  return {
    seat,
    db,
    cti: cti.api,
    callbacks: { scanNow: () => (closed ? 0 : reminders.scanNow()) },
    wallboard: { tick: () => (closed ? Promise.resolve() : wallboard!.tick()) },
    sync: {
      syncNow: () => (closed ? Promise.reject(new Error('core closed')) : sync.syncNow()),
      status: () => sync.status(),
      stop: () => sync.stop(),
    },
    invoke: (channel, input) =>
      closed ? Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'errors.closed' } }) : invoke(channel, input),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return stopped;
      closed = true;
      reminders.stop();
      wallboard?.close(); // offline to the hub while the sync engine still has its client
      sync.stop();
      // Sources stop first (synchronously no further event reaches the call centre), then the store closes.
      stopped = cti.stop().catch((err: unknown) => log('stopping the CTI sources failed', err));
      listeners.clear();
      db.close();
      return stopped;
    },
  };
}
