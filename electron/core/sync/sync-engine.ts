import type { Conflict, ParkedChange, SyncSettings, SyncState, SyncStatus } from '../../../shared/contract/sync-schemas';
import { CoreError } from '../../../shared/contract/result';
import {
  PROTOCOL_VERSION,
  PULL_DEFAULT_LIMIT,
  PUSH_MAX_CHANGES,
  type PullResponse,
  type PushResponse,
} from '../../../shared/sync/protocol';
import { HubLiveMessage } from '../../../shared/sync/wallboard-protocol';
import { emitCallbackChanges } from '../callbacks/views';
import type { ServiceContext } from '../create-core';
import { stmt } from '../store/statements';
import { refreshSearchTermsOf } from '../store/search-refresh';
import { createPullApplier } from './apply-pulled';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { connectLiveSocket, createHubClient, HubError, liveUrl, type FetchLike, type HubClient, type LiveConnect, type LiveSocket } from './hub-client';
import {
  applyAck,
  cursorFor,
  firstOutboxSeq,
  listParked,
  loadSyncSettings,
  markSynced,
  parkedCount,
  pendingCount,
  readOutbox,
  readSyncState,
  saveSyncSettings,
  setCursor,
} from './sync-store';

// The seat's sync loop (SYNC.md): push the outbox in seq order, then pull everything after the
// cursor; in the background, never inside an invoke. Triggers: a local write (debounced), a
// live "changed" message from the hub, a timer (the poll while the live socket is down, a
// slower one while it is up), sync.now. A failure retries with exponential backoff and full
// jitter (1 s … 5 min) even when nothing new is written, so an idle seat still drains its
// outbox. Every DB step is synchronous and short; only the network is awaited.

export interface SyncEngineOptions {
  /** For this run (the browser host's --hub); wins over the stored settings. null: off for this run. */
  override?: SyncSettings | null;
  fetch?: FetchLike;
  /** The live socket; null keeps it closed (the seat polls). */
  connectLive?: LiveConnect | null;
  /** Periodic sync while the live socket is up (default 60 s). 0 = manual: no timers, no live socket (tests call syncNow). */
  intervalMs?: number;
  /** Poll interval while the live socket is down (default 30 s). */
  pollIntervalMs?: number;
  /** Delay between a local write and its push (default 200 ms). */
  debounceMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  pullLimit?: number;
  pushLimit?: number;
  /** Request timeout (default 30 s). */
  timeoutMs?: number;
  /** Tests: runs inside each pull batch's transaction just before it commits (throw to simulate a crash). */
  beforePullCommit?: () => void;
  /** The live socket's other messages ('wallboard' snapshots for supervisors, 'command' for this seat's agent). */
  onLive?: (msg: Exclude<HubLiveMessage, { type: 'changed' }>) => void;
  log: (message: string, err?: unknown) => void;
}

export interface SyncEngine {
  status(): SyncStatus;
  settings(): { hubUrl: string | null; hasToken: boolean };
  configure(settings: SyncSettings | null): SyncStatus;
  /** Pushes and pulls now (after a cycle already running), then answers the status. */
  syncNow(): Promise<SyncStatus>;
  parked(): ParkedChange[];
  conflicts(status: 'open' | 'resolved'): Promise<Conflict[]>;
  resolveConflict(id: string, keep: 'winner' | 'loser'): Promise<Conflict>;
  /** Stops timers and the live socket; nothing touches the store afterwards. */
  stop(): void;
  /** The hub's client under the current settings (null when sync is off), for the wallboard's routes. */
  hub(): HubClient | null;
}

const CLOCK_WARN_MS = 2 * 60_000;
const MAX_EVENT_IDS = 500;

/** Thrown inside a cycle whose settings changed or whose engine stopped while it awaited. */
class Cancelled extends Error {}

const ERROR_KEYS: Record<string, string> = {
  network: 'sync.errors.offline',
  unavailable: 'sync.errors.offline',
  rate_limited: 'sync.errors.rateLimited',
  too_large: 'sync.errors.tooLarge',
  seat_mismatch: 'sync.errors.seatMismatch',
  seat_taken: 'sync.errors.seatTaken',
  sequence_gap: 'sync.errors.sequenceGap',
  resync_required: 'sync.errors.resyncRequired',
  forbidden: 'sync.errors.forbidden',
  invalid: 'sync.errors.refused',
  bad_response: 'sync.errors.badResponse',
  unauthorized: 'sync.errors.unauthorized',
  update_required: 'sync.errors.updateRequired',
};

export function createSyncEngine(ctx: ServiceContext, options: SyncEngineOptions): SyncEngine {
  const { db, clock, log } = { db: ctx.db, clock: ctx.clock, log: options.log };
  const doFetch: FetchLike = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const connectLive = options.connectLive === undefined ? connectLiveSocket : options.connectLive;
  const intervalMs = options.intervalMs ?? 60_000;
  const auto = intervalMs > 0;
  const pollIntervalMs = options.pollIntervalMs ?? 30_000;
  const debounceMs = options.debounceMs ?? 200;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const pullLimit = options.pullLimit ?? PULL_DEFAULT_LIMIT;
  const pushLimit = Math.min(options.pushLimit ?? PUSH_MAX_CHANGES, PUSH_MAX_CHANGES);
  const applier = createPullApplier(db, log);

  let settings: SyncSettings | null = options.override !== undefined ? options.override : loadSyncSettings(db, ctx.secrets, log);
  let client: HubClient | null = null;
  const clientFor = (s: SyncSettings): HubClient =>
    (client ??= createHubClient({ hubUrl: s.hubUrl, token: s.token, seatId: ctx.seat.seatId, fetch: doFetch, timeoutMs: options.timeoutMs }));

  let state: SyncState = settings ? 'syncing' : 'off';
  let lastError: string | null = null;
  let nextRetryAt: number | null = null;
  let clockOffsetMs: number | null = readSyncState(db).clock_offset_ms;
  let failures = 0;
  let stopped = false;
  /** Bumped by configure and stop: a cycle that started under another generation stops touching anything. */
  let generation = 0;
  let running: Promise<void> | null = null;
  let rerun = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timerAt = Infinity;
  let writeTimer: ReturnType<typeof setTimeout> | null = null;
  let live: LiveSocket | null = null;
  let liveUp = false;
  let liveFailures = 0;
  let liveTimer: ReturnType<typeof setTimeout> | null = null;
  let lastEmitted = '';
  let clockWarned = false;

  const hubUrlOf = (s: SyncSettings) => s.hubUrl.replace(/\/+$/, '');

  function status(): SyncStatus {
    const st = readSyncState(db);
    return {
      state,
      hubUrl: settings ? hubUrlOf(settings) : null,
      pending: pendingCount(db),
      parked: parkedCount(db),
      lastSyncAt: st.last_sync_at,
      nextRetryAt,
      lastError,
      clockOffsetMs,
    };
  }

  function emitStatus(): void {
    if (stopped) return;
    const s = status();
    const text = JSON.stringify(s);
    if (text === lastEmitted) return;
    lastEmitted = text;
    ctx.emit('sync.statusChanged', s);
  }

  function setState(next: SyncState): void {
    state = next;
    emitStatus();
  }

  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    timerAt = Infinity;
  };

  /** Runs a cycle after `delayMs`, unless one is already due sooner. */
  function schedule(delayMs: number): void {
    if (!auto || stopped || !settings) return;
    const at = Date.now() + delayMs;
    if (timer && timerAt <= at) return;
    clearTimer();
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      timerAt = Infinity;
      void runCycle();
    }, delayMs);
    timer.unref?.();
  }

  const blocked = () => state === 'update_required' || state === 'unauthorized' || state === 'off';

  // A local write: push soon (throttled: one run per debounce window), unless we are backing off.
  const unsubscribe = ctx.writes.onStamp(() => {
    if (!auto || stopped || writeTimer) return;
    writeTimer = setTimeout(() => {
      writeTimer = null;
      if (stopped) return;
      emitStatus(); // pending changed
      if (settings && (state === 'online' || state === 'syncing')) schedule(0);
    }, debounceMs);
    writeTimer.unref?.();
  });

  function runCycle(): Promise<void> {
    if (running) {
      rerun = true;
      return running;
    }
    running = (async () => {
      let ok: boolean;
      do {
        rerun = false;
        ok = await cycleOnce();
        // After a failure the backoff timer decides when to try again, not a write made meanwhile.
      } while (ok && rerun && !stopped && settings);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function noteServerTime(serverTime: number): void {
    const offset = serverTime - clock.now();
    clockOffsetMs = offset;
    if (Math.abs(offset) > CLOCK_WARN_MS) {
      if (!clockWarned) log(`this seat's clock is ${Math.round(offset / 1000)} s off the hub's; check the system time`);
      clockWarned = true;
    } else clockWarned = false;
  }

  /** One push + pull; false when it failed (or was cancelled). */
  async function cycleOnce(): Promise<boolean> {
    const s = settings;
    if (!s || stopped) {
      if (!stopped) setState('off');
      return false;
    }
    const gen = generation;
    const check = () => {
      if (gen !== generation || stopped) throw new Cancelled();
    };
    clearTimer();
    setState('syncing');
    const pulled: Pulled = { entities: new Set(), customerIds: new Set(), callbackIds: new Set(), complaintIds: new Set() };
    try {
      const c = clientFor(s);
      await pushAll(c, s, check);
      await pullAll(c, s, check, pulled);
      check();
      markSynced(db, clock.now(), clockOffsetMs);
      failures = 0;
      lastError = null;
      nextRetryAt = null;
      setState('online');
      announce(pulled);
      schedule(liveUp ? intervalMs : pollIntervalMs);
      return true;
    } catch (err) {
      // Cancelled: configure() or stop() took over; a rerun under the new settings may follow.
      if (err instanceof Cancelled || gen !== generation || stopped) return !stopped;
      onFailure(err);
      announce(pulled); // batches committed before the failure are in the store
      return false;
    }
  }

  function onFailure(err: unknown): void {
    const code = err instanceof HubError ? err.code : 'internal';
    lastError = ERROR_KEYS[code] ?? 'sync.errors.internal';
    clearTimer();
    if (code === 'update_required') {
      // Retrying cannot help until the app is updated; the outbox is kept for the new version.
      log('the hub needs a newer Kefu Desk; sync stops until the app is updated (the outbox is kept)');
      nextRetryAt = null;
      setState('update_required');
      return;
    }
    failures++;
    let delay = backoffDelay(failures, random, policy);
    // A revoked token, or a token bound to another seat: try again rarely, the admin may fix it on the hub.
    if (code === 'unauthorized' || code === 'seat_mismatch' || code === 'seat_taken') delay = policy.capMs;
    if (err instanceof HubError && err.retryAfterMs) delay = Math.max(delay, Math.min(err.retryAfterMs, policy.capMs));
    nextRetryAt = clock.now() + delay;
    if (code === 'internal') log('sync failed', err);
    else if (code !== 'network' && code !== 'unavailable') log(`sync: ${(err as Error).message}`);
    // Refused for who it is (revoked token, token of another seat): retrying alone will not help.
    setState(code === 'unauthorized' || code === 'seat_mismatch' || code === 'seat_taken' ? 'unauthorized' : 'offline');
    schedule(delay);
  }

  async function pushAll(c: HubClient, s: SyncSettings, check: () => void): Promise<void> {
    let limit = pushLimit;
    let lastFirst = -1;
    for (;;) {
      check();
      const changes = readOutbox(db, limit);
      if (changes.length === 0) return;
      const first = changes[0]!.seq;
      const last = changes.at(-1)!.seq;
      let res: PushResponse;
      try {
        res = await c.push({
          protocol: PROTOCOL_VERSION,
          schema: db.pragma('user_version', { simple: true }) as number,
          seatId: ctx.seat.seatId,
          // What this seat has applied of the hub (committed with the pulled data): the hub's
          // merge counts as "seen" only what is at or below it.
          cursor: cursorFor(db, hubUrlOf(s)),
          changes,
        });
      } catch (err) {
        check();
        if (err instanceof HubError && err.code === 'too_large' && limit > 1) {
          limit = Math.max(1, Math.floor(limit / 2));
          continue;
        }
        if (err instanceof HubError && err.code === 'sequence_gap' && err.expectedSeq !== undefined && resolveGap(err.expectedSeq, first)) {
          continue;
        }
        throw err;
      }
      check();
      noteServerTime(res.serverTime);
      // Ask SQLite, not our memory, for the highest seq this store ever issued.
      const issued = stmt<[], { seq: number }>(db, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get()?.seq ?? 0;
      if (res.ackSeq > issued) {
        log(
          `SYNC DATA WARNING: the hub acknowledged seq ${res.ackSeq} but this store only ever issued up to ${issued}: ` +
            'it was restored from an older copy or another seat uses its id; changes after the restore may have been taken as duplicates',
        );
      }
      applyAck(db, res.ackSeq, res.rejected, clock.now());
      if (res.rejected.length > 0) {
        log(`the hub refused ${res.rejected.length} change(s) for good; parked (sync.parked): ${res.rejected.map((r) => `${r.seq} ${r.code}`).join(', ')}`);
      }
      emitStatus();
      if (res.ackSeq < first) {
        if (first === lastFirst) throw new HubError('bad_response', `push: the hub acknowledged ${res.ackSeq}, below the batch (${first}…${last})`);
        lastFirst = first;
      }
      limit = pushLimit;
    }
  }

  /**
   * A sequence_gap answer: the hub has applied everything below expectedSeq. Returns true when
   * the outbox could be trimmed to resume from there.
   */
  function resolveGap(expectedSeq: number, first: number): boolean {
    if (expectedSeq > first) {
      log(`sync: the hub already has this seat's changes up to ${expectedSeq - 1} (a lost answer); trimming and resending from ${expectedSeq}`);
      applyAck(db, expectedSeq - 1, [], clock.now());
      return true;
    }
    const firstNow = firstOutboxSeq(db);
    log(
      `SYNC DATA WARNING: the hub expects seq ${expectedSeq} but this seat's outbox starts at ${firstNow ?? first}: ` +
        `changes ${expectedSeq}…${(firstNow ?? first) - 1} left the outbox without reaching this hub ` +
        '(the hub was restored from an older backup or the seat was pointed at another hub). Sync cannot continue by itself.',
    );
    return false;
  }

  interface Pulled {
    entities: Set<string>;
    customerIds: Set<string>;
    callbackIds: Set<string>;
    complaintIds: Set<string>;
  }

  /** Pulls until the hub has nothing more, one transaction per batch; what changed is added to `pulled`. */
  async function pullAll(c: HubClient, s: SyncSettings, check: () => void, pulled: Pulled): Promise<void> {
    let cursor = cursorFor(db, hubUrlOf(s));
    let resynced = false;
    for (;;) {
      check();
      let res: PullResponse;
      try {
        res = await c.pull(cursor, pullLimit);
      } catch (err) {
        check();
        if (err instanceof HubError && err.code === 'resync_required' && cursor > 0 && !resynced) {
          // Older than the hub's retention horizon: start over from the beginning (what the hub
          // still has is a snapshot of every live row). Rows whose tombstones the hub already
          // purged stay on this seat — see the report / issue 6.
          log(`sync: the pull cursor ${cursor} is older than the hub keeps; resynchronising from the start`);
          resynced = true;
          setCursor(db, 0);
          cursor = 0;
          continue;
        }
        throw err;
      }
      check();
      noteServerTime(res.serverTime);
      if (res.changes.length > 0 || res.lastSeq > cursor) {
        const batch = db.transaction(() => {
          const r = applier.applyBatch(res.changes);
          if (r.maxHlc) ctx.writes.receiveHlc(r.maxHlc);
          refreshSearchTermsOf(db, r.customerIds);
          if (res.lastSeq > cursor) setCursor(db, res.lastSeq);
          options.beforePullCommit?.();
          return r;
        })();
        for (const e of batch.entities) pulled.entities.add(e);
        for (const id of batch.customerIds) pulled.customerIds.add(id);
        for (const id of batch.callbackIds) pulled.callbackIds.add(id);
        for (const id of batch.complaintIds) pulled.complaintIds.add(id);
      }
      const advanced = res.lastSeq > cursor;
      cursor = Math.max(cursor, res.lastSeq);
      if (!res.hasMore) return;
      if (!advanced) throw new HubError('bad_response', `pull: hasMore without progress at cursor ${cursor}`);
    }
  }

  /** Tells the renderer what changed under it. */
  function announce(p: Pulled): void {
    if (p.entities.size === 0) return;
    ctx.emit('sync.pulled', { entities: [...p.entities].sort() });
    for (const id of [...p.customerIds].slice(0, MAX_EVENT_IDS)) ctx.emit('customer.changed', { id });
    if (p.callbackIds.size > 0) emitCallbackChanges(ctx, [...p.callbackIds].slice(0, MAX_EVENT_IDS));
    if (p.complaintIds.size > 0) ctx.emit('complaints.changed', { ids: [...p.complaintIds].slice(0, MAX_EVENT_IDS) });
  }

  // The live socket: "there is something to pull". Reconnects with the same backoff; while it is
  // down, the cycle's timer polls every pollIntervalMs.
  function startLive(): void {
    if (!auto || !connectLive || stopped || !settings || live || liveTimer) return;
    const gen = generation;
    const s = settings;
    live = connectLive(liveUrl(hubUrlOf(s)), s.token, {
      onOpen: () => {
        if (gen !== generation || stopped) return;
        liveUp = true;
        liveFailures = 0;
        // Catch up on whatever was announced while the socket was down; the hub is reachable again.
        if (state !== 'update_required') schedule(0);
      },
      onMessage: (text) => {
        if (gen !== generation || stopped) return;
        let msg: HubLiveMessage;
        try {
          msg = HubLiveMessage.parse(JSON.parse(text));
        } catch {
          return;
        }
        if (msg.type !== 'changed') {
          options.onLive?.(msg);
          return;
        }
        if (state === 'update_required') return;
        if (msg.serverSeq > readSyncState(db).cursor) schedule(0);
      },
      onClose: (reason) => {
        if (gen !== generation || stopped) return;
        const wasUp = liveUp;
        live = null;
        liveUp = false;
        liveFailures++;
        if (wasUp) log(`sync: live connection to the hub closed (${reason}); polling every ${Math.round(pollIntervalMs / 1000)} s`);
        // Poll while the socket is down, unless a failed sync is already backing off (its own timer runs).
        // A socket that was up and dropped is news: check the hub soon (jittered like a retry), so
        // the status line says 离线 within seconds when the network went away, not at the next poll.
        if (state === 'online') schedule(wasUp ? backoffDelay(1, random, policy) : pollIntervalMs);
        const delay = backoffDelay(liveFailures, random, policy);
        liveTimer = setTimeout(() => {
          liveTimer = null;
          if (gen === generation) startLive();
        }, delay);
        liveTimer.unref?.();
      },
    }, ctx.seat.seatId);
  }

  function stopLive(): void {
    if (liveTimer) clearTimeout(liveTimer);
    liveTimer = null;
    const l = live;
    live = null;
    liveUp = false;
    liveFailures = 0;
    l?.close();
  }

  function restart(): void {
    generation++;
    clearTimer();
    stopLive();
    client = null;
    failures = 0;
    lastError = null;
    nextRetryAt = null;
    state = settings ? 'syncing' : 'off';
    if (settings && auto) {
      startLive();
      schedule(0);
    }
  }

  async function askHub<T>(fn: (c: HubClient) => Promise<T>): Promise<T> {
    const s = settings;
    if (!s) throw new CoreError('unavailable', 'sync.errors.off');
    try {
      return await fn(clientFor(s));
    } catch (err) {
      if (!(err instanceof HubError)) throw err;
      if (err.code === 'forbidden') throw new CoreError('forbidden', 'errors.forbidden');
      // The hub answers an unknown conflict id with 400 invalid ("no conflict …").
      if (err.status === 404 || err.code === 'invalid') throw new CoreError('not_found', 'sync.errors.conflictNotFound');
      throw new CoreError('unavailable', ERROR_KEYS[err.code] ?? 'sync.errors.offline');
    }
  }

  restart();

  return {
    status,
    settings: () => ({ hubUrl: settings ? hubUrlOf(settings) : null, hasToken: !!settings?.token }),
    configure(next) {
      saveSyncSettings(db, ctx.secrets, next);
      settings = next;
      restart();
      emitStatus();
      return status();
    },
    async syncNow() {
      if (!stopped && settings) {
        if (blocked()) state = 'syncing'; // an explicit "sync now" tries again
        await runCycle();
      }
      if (stopped) throw new CoreError('unavailable', 'errors.closed');
      return status();
    },
    parked: () => listParked(db),
    hub: () => (settings && !stopped ? clientFor(settings) : null),
    conflicts: (st) => askHub((c) => c.conflicts(st)),
    async resolveConflict(id, keep) {
      const resolved = await askHub((c) => c.resolveConflict(id, keep));
      // Keeping the loser writes it back as a new change on the hub: pull it.
      if (state === 'online') schedule(0);
      return resolved;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      generation++;
      unsubscribe();
      clearTimer();
      if (writeTimer) clearTimeout(writeTimer);
      writeTimer = null;
      stopLive();
    },
  };
}
