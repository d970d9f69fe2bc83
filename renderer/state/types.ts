import type { StoreApi } from 'zustand/vanilla';
import type { CoreApi } from '../api/core-api';
import type { CalendarSlice } from './calendar-slice';
import type { CallbacksSlice } from './callbacks-slice';
import type { CallsSlice } from './calls-slice';
import type { ComplaintsSlice } from './complaints-slice';
import type { CtiSlice } from './cti-slice';
import type { NavSlice } from './nav-slice';
import type { PresenceSlice } from './presence-slice';
import type { ProfileSlice } from './profile-slice';
import type { PromisesSlice } from './promises-slice';
import type { SearchSlice } from './search-slice';
import type { SessionSlice } from './session-slice';
import type { SimulatorSlice } from './simulator-slice';
import type { SyncSlice } from './sync-slice';
import type { WallboardSlice } from './wallboard-slice';

export type AppState =
  SessionSlice & SearchSlice & ProfileSlice & CallsSlice & CtiSlice & SimulatorSlice &
  NavSlice &
  CallbacksSlice &
  PromisesSlice &
  CalendarSlice &
  ComplaintsSlice &
  SyncSlice &
  PresenceSlice &
  WallboardSlice;

export interface StoreOptions {
  /** Quiet time after the last keystroke before a search is sent. */
  searchDebounceMs?: number;
  /** Most results asked for per search. */
  searchLimit?: number;
  /** Quiet time after the last keystroke in a complaint step before its draft is saved. */
  complaintDraftDebounceMs?: number;
  /** Opens the page again (the browser's reload; tests record it). */
  reload?: () => void;
}

export interface SliceDeps {
  api: CoreApi;
  options: Required<StoreOptions>;
  /** Registers teardown work for dispose(). */
  onDispose(fn: () => void): void;
}

export type SetState = StoreApi<AppState>['setState'];
export type GetState = StoreApi<AppState>['getState'];
export type SliceCreator<T> = (set: SetState, get: GetState, deps: SliceDeps) => T;
