import type { CallCard } from '../../../shared/contract/call-schemas';
import type { AgentStateName } from '../../../shared/contract/wallboard-schemas';
import type { ServiceContext } from '../create-core';
import { setMeta } from '../session';
import { stmt } from '../store/statements';

// The seat's agent state (presence) for the wallboard. Two layers:
// - the MANUAL state: available (default), break (the agent, or a supervisor), offline (a
//   supervisor's log-out); kept in seat_meta so a restart keeps "break";
// - the CALL state, derived from the call centre's cards: a ringing card → ringing, an answered
//   one → on_call, an ended answered card not yet wrapped up or dismissed → wrap_up.
// The effective state is the call state while there is one, else the manual state. A missed call
// (never answered) leaves no wrap-up: the agent goes back to the manual state when it stops ringing.
// Presence is live state, not replicated data: it never enters the outbox.

export const PRESENCE_META_KEY = 'wallboard.presence';

export type ManualState = 'available' | 'break' | 'offline';
export type PresenceBy = 'self' | 'calls' | 'supervisor';

export interface PresenceState {
  state: AgentStateName;
  since: number;
}

export interface Presence {
  get(): PresenceState;
  /** The agent (or a supervisor's command) sets the manual state. */
  setManual(state: ManualState, by: 'self' | 'supervisor'): PresenceState;
  manual(): ManualState;
  /** A call card changed or was dismissed. */
  onCard(card: CallCard): void;
  onDismissed(callId: string): void;
  /** Called on every change (after presence.changed was emitted). */
  onChange(listener: (p: PresenceState, by: PresenceBy) => void): () => void;
  /**
   * Called when the MANUAL state changes (even while a call hides it from get()): the PBX's
   * queue pause follows it (create-core.ts).
   */
  onManualChange(listener: (state: ManualState, by: 'self' | 'supervisor') => void): () => void;
  /** The core closes: the state becomes offline (not persisted: the next start is available again, or break). */
  close(): PresenceState;
}

type CallState = 'ringing' | 'on_call' | 'wrap_up';

function callStateOf(card: CallCard): CallState | null {
  if (card.state === 'ringing') return 'ringing';
  if (card.state === 'answered') return 'on_call';
  if (card.answeredAt !== null && !card.wrappedUp) return 'wrap_up';
  return null;
}

// Several cards at once (a second call ringing while on a call): the busiest wins.
const CALL_ORDER: readonly CallState[] = ['on_call', 'ringing', 'wrap_up'];

function loadManual(ctx: ServiceContext): { state: ManualState; since: number } | null {
  const raw = stmt<[string], { value: string }>(ctx.db, 'SELECT value FROM seat_meta WHERE key = ?').get(PRESENCE_META_KEY)?.value;
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { state?: unknown; since?: unknown; agentId?: unknown };
    // A manual state belongs to the agent who set it; another agent signing in on this seat starts available.
    if (v.agentId !== ctx.seat.agentId) return null;
    if ((v.state === 'break' || v.state === 'offline' || v.state === 'available') && typeof v.since === 'number') return { state: v.state, since: v.since };
  } catch {
    // unreadable: start available
  }
  return null;
}

export function createPresence(ctx: ServiceContext): Presence {
  const stored = loadManual(ctx);
  const start = ctx.clock.now();
  let manual: ManualState = stored?.state ?? 'available';
  // The stored since survives a restart only for break / offline: "on break for 40 min" stays true.
  const manualSince = stored && stored.state !== 'available' ? stored.since : start;
  const calls = new Map<string, CallState>();
  let current: PresenceState = { state: manual, since: manualSince };
  let closed = false;
  const listeners = new Set<(p: PresenceState, by: PresenceBy) => void>();
  const manualListeners = new Set<(state: ManualState, by: 'self' | 'supervisor') => void>();

  const derived = (): AgentStateName => {
    let best: CallState | null = null;
    for (const s of calls.values()) if (best === null || CALL_ORDER.indexOf(s) < CALL_ORDER.indexOf(best)) best = s;
    return best ?? manual;
  };

  const update = (by: PresenceBy, since?: number): void => {
    if (closed) return;
    const next = derived();
    if (next === current.state) return;
    current = { state: next, since: since ?? ctx.clock.now() };
    ctx.emit('presence.changed', { ...current, by });
    for (const l of listeners) l(current, by);
  };

  return {
    get: () => current,
    manual: () => manual,
    setManual(state, by) {
      if (closed) return current;
      const now = ctx.clock.now();
      const changed = state !== manual;
      manual = state;
      if (changed) setMeta(ctx.db, PRESENCE_META_KEY, JSON.stringify({ state, since: now, agentId: ctx.seat.agentId, by }));
      update(by, now);
      if (changed) for (const l of manualListeners) l(state, by);
      return current;
    },
    onCard(card) {
      const s = callStateOf(card);
      if (s === null) calls.delete(card.callId);
      else calls.set(card.callId, s);
      update('calls');
    },
    onDismissed(callId) {
      calls.delete(callId);
      update('calls');
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onManualChange(listener) {
      manualListeners.add(listener);
      return () => manualListeners.delete(listener);
    },
    close() {
      if (closed) return current;
      current = { state: 'offline', since: ctx.clock.now() };
      closed = true;
      return current;
    },
  };
}
