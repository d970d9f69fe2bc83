import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreApi } from '../api/core-api';
import { createCalendarSlice } from './calendar-slice';
import { createCallbacksSlice } from './callbacks-slice';
import { createCallsSlice } from './calls-slice';
import { createComplaintsSlice } from './complaints-slice';
import { createCtiSlice } from './cti-slice';
import { createNavSlice } from './nav-slice';
import { createPresenceSlice } from './presence-slice';
import { createProfileSlice } from './profile-slice';
import { createPromisesSlice } from './promises-slice';
import { createSearchSlice } from './search-slice';
import { createSessionSlice } from './session-slice';
import { createSimulatorSlice } from './simulator-slice';
import { createSyncSlice } from './sync-slice';
import { createWallboardSlice } from './wallboard-slice';
import type { AppState, SliceDeps, StoreOptions } from './types';

export type { AppState, StoreOptions } from './types';

export type AppStore = StoreApi<AppState> & {
  /** Stops timers and event subscriptions (tests, hot reload). */
  dispose(): void;
};

const DEFAULTS: Required<StoreOptions> = {
  searchDebounceMs: 80,
  searchLimit: 100,
  complaintDraftDebounceMs: 800,
  reload: () => window.location.reload(),
};

/**
 * The renderer's one store, made around the api it talks to (the real core or a fake in tests).
 * Actions are named after what happened (queryChanged, customerOpened, profileSaved, callChanged …).
 */
export function createAppStore(api: CoreApi, options: StoreOptions = {}): AppStore {
  const cleanups: Array<() => void> = [];
  const deps: SliceDeps = {
    api,
    options: { ...DEFAULTS, ...options },
    onDispose: (fn) => cleanups.push(fn),
  };
  const store = createStore<AppState>()((set, get) => ({
    ...createSessionSlice(set, get, deps),
    ...createSearchSlice(set, get, deps),
    ...createProfileSlice(set, get, deps),
    ...createCallsSlice(set, get, deps),
    ...createCtiSlice(set, get, deps),
    ...createSimulatorSlice(set, get, deps),
    ...createNavSlice(set, get, deps),
    ...createCallbacksSlice(set, get, deps),
    ...createPromisesSlice(set, get, deps),
    ...createCalendarSlice(set, get, deps),
    ...createComplaintsSlice(set, get, deps),
    ...createSyncSlice(set, get, deps),
    ...createPresenceSlice(set, get, deps),
    ...createWallboardSlice(set, get, deps),
  }));
  cleanups.push(
    api.on('customer.changed', ({ id }) => store.getState().customerChanged(id)),
    // Screen pop: the card is built from the event payload alone, nothing else is fetched on ring.
    api.on('call.changed', (card) => store.getState().callChanged(card)),
    api.on('call.dismissed', ({ callId }) => store.getState().callDismissed(callId)),
    api.on('cti.statusChanged', (status) => store.getState().ctiStatusChanged(status)),
    api.on('callback.due', (callback) => store.getState().callbackDue(callback)),
    api.on('callbacks.changed', ({ ids }) => store.getState().callbacksChanged(ids)),
    api.on('callbacks.changed', ({ ids }) => store.getState().calendarCallbacksChanged(ids)),
    api.on('callbacks.countsChanged', (counts) => store.getState().callbackCountsChanged(counts)),
    api.on('complaints.changed', ({ ids }) => store.getState().complaintsChanged(ids)),
    api.on('complaints.countsChanged', (counts) => store.getState().complaintCountsChanged(counts)),
    api.on('sync.statusChanged', (status) => store.getState().syncStatusChanged(status)),
    api.on('sync.pulled', ({ entities }) => store.getState().syncPulled(entities)),
    api.on('presence.changed', (change) => store.getState().presenceChanged(change)),
    api.on('wallboard.updated', (snapshot) => store.getState().wallboardUpdated(snapshot)),
    api.onDisconnect?.(() => store.getState().hostDisconnected()) ?? (() => {}),
  );
  return Object.assign(store, {
    dispose() {
      for (const fn of cleanups.splice(0)) fn();
    },
  });
}
