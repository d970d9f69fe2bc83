import type { EventPayload } from '../../shared/contract/channels';
import type { AgentStateName } from '../../shared/contract/wallboard-schemas';
import type { CallError } from '../../shared/contract/result';
import { callCore } from './call';
import type { SliceCreator } from './types';

// The signed-in agent's own state (every role): shown in the top bar with a Break / Back toggle
// (Alt+B). Ringing, on call and wrap-up follow the calls; a supervisor may force a change, which
// is said once in the top bar.

export interface Presence {
  state: AgentStateName;
  since: number;
}

export interface PresenceSlice {
  presence: Presence | null;
  presencePending: boolean;
  presenceError: CallError | null;
  /** A supervisor changed this seat's state: said once until dismissed. */
  presenceNotice: { state: AgentStateName; seq: number } | null;

  /** The app is up: ask the core for this seat's state. */
  presenceStarted(): Promise<void>;
  /** The core's `presence.changed`. */
  presenceChanged(change: EventPayload<'presence.changed'>): void;
  /** The top bar's button or Alt+B: on break ↔ available. */
  presenceToggled(): Promise<void>;
  presenceNoticeDismissed(): void;
}

/** What the toggle would do from a state: back to available from a break, otherwise a break. */
export const toggleTarget = (state: AgentStateName | undefined): 'available' | 'break' => (state === 'break' ? 'available' : 'break');

export const createPresenceSlice: SliceCreator<PresenceSlice> = (set, get, { api }) => {
  let seq = 0;
  /** Bumps on every change from the core; an older answer never overwrites a newer event. */
  let version = 0;
  return {
    presence: null,
    presencePending: false,
    presenceError: null,
    presenceNotice: null,

    async presenceStarted() {
      const v = version;
      const r = await callCore(api, 'presence.get', {});
      if (r.ok && v === version) set({ presence: { state: r.value.state, since: r.value.since } });
    },

    presenceChanged({ state, since, by }) {
      version++;
      set({ presence: { state, since }, ...(by === 'supervisor' ? { presenceNotice: { state, seq: ++seq }, presenceError: null } : {}) });
    },

    async presenceToggled() {
      if (get().presencePending) return;
      const state = toggleTarget(get().presence?.state);
      set({ presencePending: true, presenceError: null, presenceNotice: null });
      const v = ++version;
      const r = await callCore(api, 'presence.set', { state });
      set({ presencePending: false });
      if (!r.ok) {
        set({ presenceError: r.error });
        return;
      }
      if (v === version) set({ presence: { state: r.value.state, since: r.value.since } });
    },

    presenceNoticeDismissed() {
      set({ presenceNotice: null, presenceError: null });
    },
  };
};
