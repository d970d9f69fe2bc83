import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreApi } from '../api/core-api';
import { createProfileSlice } from './profile-slice';
import { createSearchSlice } from './search-slice';
import { createSessionSlice } from './session-slice';
import type { AppState, SliceDeps, StoreOptions } from './types';

export type { AppState, StoreOptions } from './types';

export type AppStore = StoreApi<AppState> & {
  /** Stops timers and event subscriptions (tests, hot reload). */
  dispose(): void;
};

const DEFAULTS: Required<StoreOptions> = { searchDebounceMs: 80, searchLimit: 100 };

/**
 * The renderer's one store, made around the api it talks to (the real core or a fake in tests).
 * Actions are named after what happened (queryChanged, customerOpened, profileSaved …).
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
  }));
  cleanups.push(api.on('customer.changed', ({ id }) => store.getState().customerChanged(id)));
  return Object.assign(store, {
    dispose() {
      for (const fn of cleanups.splice(0)) fn();
    },
  });
}
