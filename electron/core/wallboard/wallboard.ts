import type { CallCard } from '../../../shared/contract/call-schemas';
import type { EventName, EventPayload } from '../../../shared/contract/channels';
import { CoreError } from '../../../shared/contract/result';
import { CentreReport, WallboardSettings, WallboardSnapshot, type WallboardAlertView } from '../../../shared/contract/wallboard-schemas';
import type { HubLiveMessage, WaitingEntry } from '../../../shared/sync/wallboard-protocol';
import { z } from 'zod';
import type { ServiceContext } from '../create-core';
import type { QueueTracker } from '../cti/ami/queue-tracker';
import type { Handlers } from '../dispatch';
import { HubError, type HubClient } from '../sync/hub-client';
import { parkedCount, pendingCount } from '../sync/sync-store';
import type { SyncEngine } from '../sync/sync-engine';
import { agentExists } from '../store/wallboard-repo';
import { keepTrackedLegs, loadLocalSettings, localReport, localSnapshot, saveLocalSettings, type TrackedLegs } from './local';
import { createPresence, type ManualState, type Presence } from './presence';
import { createReporter, type Reporter } from './reporter';
import { dayStartInZone, DEFAULT_CENTRE_ZONE } from '../../../shared/domain/wallboard';
import { agentBranch } from '../store/wallboard-repo';

// The wallboard on the seat (issue 7): the agent's presence, what the seat reports to the hub,
// the PBX queue tracker's output, and the supervisor's channels — from the hub when it is online,
// else computed from this seat's store for its own branch.

export type WallboardChannels = Extract<keyof Handlers, `wallboard.${string}` | `presence.${string}` | `reports.${string}`>;

export interface WallboardOptions {
  sync: Pick<SyncEngine, 'hub' | 'status'>;
  /** The active AMI source's queue tracker, null without AMI. */
  tracker: () => QueueTracker | null;
  log: (message: string, err?: unknown) => void;
  /** false: no timers (tests call tick()). */
  auto?: boolean;
  heartbeatMs?: number;
  queueTickMs?: number;
  localRefreshMs?: number;
}

export interface Wallboard {
  handlers: Pick<Handlers, WallboardChannels>;
  presence: Presence;
  /** Every core event, before the renderer's listeners (the call centre's cards drive presence). */
  onEvent<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The hub's live messages other than 'changed'. */
  onLive(msg: Exclude<HubLiveMessage, { type: 'changed' }>): void;
  /** Tests and the browser host's clock hook: the queue tick, a heartbeat, the send, a local refresh. */
  tick(): Promise<void>;
  /** The core closes: offline, told to the hub if it answers quickly (not awaited by the core). */
  close(): void;
}

const LOCAL_EVENTS = new Set<EventName>(['call.changed', 'call.dismissed', 'callbacks.changed', 'complaints.changed', 'sync.pulled']);
const Delivered = z.object({ delivered: z.boolean() });

export function createWallboard(ctx: ServiceContext, o: WallboardOptions): Wallboard {
  const auto = o.auto ?? true;
  const supervisor = ctx.seat.role === 'supervisor' || ctx.seat.role === 'admin';
  const presence = createPresence(ctx);
  const tracked: TrackedLegs = { since: 0, legs: [] };
  const reporter: Reporter = createReporter({ seatId: ctx.seat.seatId, hub: () => o.sync.hub(), log: o.log, now: () => ctx.clock.now(), auto });
  let previousAlerts: readonly WallboardAlertView[] = [];
  let lastWaiting = '';
  let closed = false;
  const timers: ReturnType<typeof setInterval>[] = [];
  let dirtyTimer: ReturnType<typeof setTimeout> | null = null;
  let lastLocalEmit = 0;

  const hubOnline = (): HubClient | null => {
    const hub = o.sync.hub();
    return hub && o.sync.status().state === 'online' ? hub : null;
  };

  const putPresence = () => {
    const p = presence.get();
    reporter.put({ type: 'presence', agentId: ctx.seat.agentId, agentName: ctx.seat.agentName, state: p.state, since: p.since });
  };

  presence.onChange(() => {
    if (!o.sync.hub()) return;
    putPresence();
    void reporter.flush();
  });

  const today = () => dayStartInZone(ctx.clock.now(), agentBranch(ctx.db, ctx.seat.agentId)?.time_zone ?? DEFAULT_CENTRE_ZONE);

  /** Drains the tracker's finished legs (kept for the local board, sent to the hub) and notes a changed waiting list. */
  const queueTick = (): boolean => {
    const t = o.tracker();
    if (!t) return false;
    const legs = t.drainCompleted();
    const hub = o.sync.hub() !== null;
    if (legs.length > 0) {
      keepTrackedLegs(tracked, legs, today());
      if (hub) reporter.addLegs(legs.map((l) => ({ ...l, queue: l.queue.slice(0, 80), callId: l.callId?.slice(0, 100), member: l.member?.slice(0, 100) ?? null })));
    }
    const waiting: WaitingEntry[] = t
      .snapshot()
      .waiting.slice(0, 5000)
      .map((w) => ({ queue: w.queue.slice(0, 80), joinedAt: w.joinedAt, ...(w.callId ? { callId: w.callId.slice(0, 100) } : {}) }));
    const key = JSON.stringify(waiting);
    const changed = key !== lastWaiting;
    if (changed) {
      lastWaiting = key;
      if (hub) reporter.put({ type: 'queue_live', waiting });
    }
    return legs.length > 0 || changed;
  };

  const heartbeat = () => {
    if (!o.sync.hub()) return;
    putPresence();
    reporter.put({ type: 'health', pending: pendingCount(ctx.db), parked: parkedCount(ctx.db) });
  };

  const computeLocal = (): WallboardSnapshot => {
    const snap = localSnapshot(ctx, { presence: presence.get(), settings: loadLocalSettings(ctx), tracker: o.tracker(), tracked, previousAlerts });
    previousAlerts = snap.alerts;
    return snap;
  };

  /** Supervisors without an online hub: a fresh local snapshot to the renderer. */
  const emitLocal = () => {
    dirtyTimer = null;
    if (closed || !supervisor || hubOnline()) return;
    try {
      lastLocalEmit = Date.now();
      ctx.emit('wallboard.updated', computeLocal());
    } catch (err) {
      o.log('wallboard: local snapshot failed', err);
    }
  };

  /** A relevant local change: recompute at most once per second. */
  const markDirty = () => {
    if (!supervisor || closed || !auto || dirtyTimer) return;
    const wait = Math.max(0, 1_000 - (Date.now() - lastLocalEmit));
    dirtyTimer = setTimeout(emitLocal, wait);
    dirtyTimer.unref?.();
  };

  if (auto) {
    const every = (ms: number, fn: () => void) => {
      if (ms <= 0) return;
      const t = setInterval(() => {
        if (closed) return;
        try {
          fn();
        } catch (err) {
          o.log('wallboard timer failed', err);
        }
      }, ms);
      t.unref?.();
      timers.push(t);
    };
    every(o.heartbeatMs ?? 30_000, () => {
      heartbeat();
      void reporter.flush();
    });
    every(o.queueTickMs ?? 1_000, () => {
      if (queueTick()) {
        void reporter.flush();
        markDirty();
      }
    });
    if (supervisor) every(o.localRefreshMs ?? 15_000, emitLocal);
    // Tell the hub we are here.
    if (o.sync.hub()) {
      heartbeat();
      void reporter.flush();
    }
  }

  /** A hub answer, or null when it could not be had (then the caller computes locally). */
  async function fromHub<T>(fn: (hub: HubClient) => Promise<T>): Promise<T | null> {
    const hub = hubOnline();
    if (!hub) return null;
    try {
      return await fn(hub);
    } catch (err) {
      if (err instanceof HubError && err.code === 'forbidden') throw new CoreError('forbidden', 'errors.forbidden');
      return null;
    }
  }

  const applyCommand = (state: ManualState, by: 'self' | 'supervisor') => presence.setManual(state, by);

  const handlers: Pick<Handlers, WallboardChannels> = {
    'presence.get': () => presence.get(),
    'presence.set': ({ state }) => applyCommand(state, 'self'),
    'wallboard.get': async () => (await fromHub((h) => h.request('GET', '/v1/wallboard', WallboardSnapshot))) ?? computeLocal(),
    'wallboard.getSettings': async () => (await fromHub((h) => h.request('GET', '/v1/wallboard/settings', WallboardSettings))) ?? loadLocalSettings(ctx),
    async 'wallboard.setSettings'({ settings }) {
      const hub = o.sync.hub();
      if (hub) {
        try {
          const saved = await hub.request('PUT', '/v1/wallboard/settings', WallboardSettings, settings);
          return saveLocalSettings(ctx, saved); // the centre's settings, also for this seat's offline board
        } catch (err) {
          if (err instanceof HubError && err.code === 'forbidden') throw new CoreError('forbidden', 'errors.forbidden');
          if (err instanceof HubError && err.code === 'invalid') throw new CoreError('invalid_input', 'errors.invalidInput');
          throw new CoreError('unavailable', 'sync.errors.offline');
        }
      }
      return saveLocalSettings(ctx, settings);
    },
    async 'wallboard.setAgentState'({ agentId, state }) {
      // This seat's own agent: applied here at once (and reported to the hub as any presence change).
      if (agentId === ctx.seat.agentId) {
        applyCommand(state, 'supervisor');
        return { delivered: true };
      }
      const hub = o.sync.hub();
      if (!hub) {
        if (!agentExists(ctx.db, agentId)) throw new CoreError('not_found', 'errors.agentNotFound');
        return { delivered: false };
      }
      try {
        return await hub.request('POST', `/v1/agents/${encodeURIComponent(agentId)}/state`, Delivered, { state });
      } catch (err) {
        if (err instanceof HubError && err.code === 'forbidden') throw new CoreError('forbidden', 'errors.forbidden');
        if (err instanceof HubError && err.status === 404) throw new CoreError('not_found', 'errors.agentNotFound');
        return { delivered: false };
      }
    },
    async 'reports.centre'(req) {
      if (req.to <= req.from) throw new CoreError('invalid_input', 'errors.invalidInput', { to: 'validation.range' });
      const query = new URLSearchParams({ from: String(req.from), to: String(req.to), intervalMinutes: String(req.intervalMinutes) });
      if (req.zone) query.set('zone', req.zone);
      const remote = await fromHub((h) => h.request('GET', `/v1/reports/centre?${query.toString()}`, CentreReport));
      if (remote) return remote;
      try {
        return localReport(ctx, req, loadLocalSettings(ctx), tracked);
      } catch (err) {
        if (err instanceof RangeError) throw new CoreError('invalid_input', 'errors.invalidInput', { _: 'validation.range' });
        throw err;
      }
    },
  };

  return {
    handlers,
    presence,
    onEvent(event, payload) {
      if (closed) return;
      if (event === 'call.changed') presence.onCard(payload as CallCard);
      else if (event === 'call.dismissed') presence.onDismissed((payload as { callId: string }).callId);
      if (LOCAL_EVENTS.has(event)) markDirty();
    },
    onLive(msg) {
      if (closed) return;
      if (msg.type === 'wallboard') {
        if (supervisor) ctx.emit('wallboard.updated', msg.snapshot);
      } else if (msg.agentId === ctx.seat.agentId) {
        applyCommand(msg.state, 'supervisor');
      }
    },
    async tick() {
      if (closed) return;
      queueTick();
      heartbeat();
      await reporter.flush();
      if (supervisor && !hubOnline()) {
        lastLocalEmit = Date.now();
        ctx.emit('wallboard.updated', computeLocal());
      }
    },
    close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      if (dirtyTimer) clearTimeout(dirtyTimer);
      const p = presence.close();
      const hub = o.sync.hub();
      // Last word to the hub: offline (best effort; the hub also ages out a silent seat).
      if (hub) {
        reporter.put({ type: 'presence', agentId: ctx.seat.agentId, agentName: ctx.seat.agentName, state: p.state, since: p.since });
        void reporter.flush().finally(() => reporter.stop());
      } else reporter.stop();
    },
  };
}
