import { SyncSettings, type Conflict, type ParkedChange, type SyncStatus } from '../../shared/contract/sync-schemas';
import type { CallError } from '../../shared/contract/result';
import { callCore } from './call';
import { formErrorsFromCore } from './call-rules';
import type { FieldErrors } from './profile-draft';
import type { SliceCreator } from './types';

// Synchronisation with headquarters as the seat sees it: the status line (from sync.status at
// start, then every sync.statusChanged), and the Sync panel: sync now, the changes the hub
// refused (parked), the hub settings and — for supervisors — the conflicts to resolve.

export interface SyncSettingsDraft {
  hubUrl: string;
  /** Never prefilled: the core only says whether one is stored. */
  token: string;
}

export interface SyncSettingsForm {
  status: 'loading' | 'ready' | 'saving';
  draft: SyncSettingsDraft;
  hasToken: boolean;
  /** A hub is configured now (so "关闭同步" means something). */
  configured: boolean;
  errors: FieldErrors;
  attempted: boolean;
  loadFailure: CallError | null;
  failure: CallError | null;
}

export type SyncListStatus = 'idle' | 'loading' | 'ready' | 'error';

export type SyncNoticeKey = 'sync.settings.saved' | 'sync.settings.turnedOff' | 'sync.conflicts.keptWinner' | 'sync.conflicts.keptLoser';

export interface SyncSlice {
  syncStatus: SyncStatus | null;
  syncPanelOpen: boolean;
  syncNowPending: boolean;
  syncNowError: CallError | null;
  syncParked: ParkedChange[];
  syncParkedStatus: SyncListStatus;
  syncParkedError: CallError | null;
  /** Open conflicts (supervisor/admin only). */
  syncConflicts: Conflict[];
  syncConflictsStatus: SyncListStatus;
  syncConflictsError: CallError | null;
  /** Conflicts being resolved right now. */
  syncResolving: Record<string, true>;
  syncResolveError: { id: string; error: CallError } | null;
  syncSettings: SyncSettingsForm | null;
  /** Said once in the panel after a save, a turn-off or a resolution. */
  syncNotice: { key: SyncNoticeKey; seq: number } | null;

  /** The app is up: the status line's first state. */
  syncStarted(): Promise<void>;
  /** The core's `sync.statusChanged`, and the answer of sync.now / sync.configure. */
  syncStatusChanged(status: SyncStatus): void;
  /** The core's `sync.pulled`: another seat's rows arrived; refresh what is on screen. */
  syncPulled(entities: string[]): void;
  /** Click on the status line or Ctrl/⌘+Shift+Y. */
  syncPanelOpened(): Promise<void>;
  syncPanelClosed(): void;
  syncNowRequested(): Promise<void>;
  syncParkedRequested(): Promise<void>;
  syncConflictsRequested(): Promise<void>;
  syncConflictResolved(id: string, keep: 'winner' | 'loser'): Promise<void>;
  syncSettingsEdited(changes: Partial<SyncSettingsDraft>): void;
  syncSettingsSaved(): Promise<void>;
  /** "关闭同步": configure null. */
  syncTurnedOff(): Promise<void>;
}

/** Rows the customer search and profile are built from. */
const CUSTOMER_ENTITIES = new Set(['customers', 'customer_phones', 'customer_emails', 'customer_preferences', 'credit_standings', 'bookings', 'interactions', 'org_contacts']);
const CALLBACK_ENTITIES = new Set(['callbacks', 'callback_attempts']);
const COMPLAINT_ENTITIES = new Set(['complaints', 'complaint_steps']);

export type SyncSettingsCheck = { ok: true; settings: SyncSettings } | { ok: false; errors: FieldErrors };

export function validateSyncDraft(draft: SyncSettingsDraft): SyncSettingsCheck {
  const parsed = SyncSettings.safeParse({ hubUrl: draft.hubUrl.trim(), token: draft.token });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    errors[path] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
  }
  if (errors.hubUrl && draft.hubUrl.trim() === '') errors.hubUrl = 'validation.required';
  if (errors.token && draft.token.trim() === '') errors.token = 'validation.required';
  return { ok: false, errors };
}

export const canManageSync = (role: string | undefined) => role === 'supervisor' || role === 'admin';

export const createSyncSlice: SliceCreator<SyncSlice> = (set, get, { api }) => {
  let seq = 0;
  let parkedSeq = 0;
  let conflictsSeq = 0;

  const manager = () => canManageSync(get().session?.agent.role);

  const patchForm = (changes: Partial<SyncSettingsForm>) => {
    const form = get().syncSettings;
    if (form) set({ syncSettings: { ...form, ...changes } });
  };

  const loadSettings = async () => {
    const r = await callCore(api, 'sync.getSettings', {});
    const form = get().syncSettings;
    if (!form || form.status !== 'loading') return;
    if (!r.ok) {
      patchForm({ status: 'ready', loadFailure: r.error });
      return;
    }
    patchForm({
      status: 'ready',
      configured: r.value.hubUrl !== null,
      hasToken: r.value.hasToken,
      draft: { hubUrl: r.value.hubUrl ?? '', token: '' },
    });
  };

  const configure = async (settings: SyncSettings | null) => {
    patchForm({ status: 'saving', failure: null });
    const r = await callCore(api, 'sync.configure', { settings });
    if (!get().syncSettings) return;
    if (r.ok) {
      get().syncStatusChanged(r.value);
      patchForm({
        status: 'ready',
        configured: settings !== null,
        hasToken: settings !== null,
        draft: { hubUrl: settings?.hubUrl ?? '', token: '' },
        errors: {},
        attempted: false,
      });
      set({ syncNotice: { key: settings ? 'sync.settings.saved' : 'sync.settings.turnedOff', seq: ++seq } });
    } else if (r.error.fields && Object.keys(r.error.fields).length > 0) {
      patchForm({ status: 'ready', errors: formErrorsFromCore(r.error.fields, 'settings'), failure: r.error.code === 'invalid_input' ? null : r.error });
    } else {
      patchForm({ status: 'ready', failure: r.error });
    }
  };

  return {
    syncStatus: null,
    syncPanelOpen: false,
    syncNowPending: false,
    syncNowError: null,
    syncParked: [],
    syncParkedStatus: 'idle',
    syncParkedError: null,
    syncConflicts: [],
    syncConflictsStatus: 'idle',
    syncConflictsError: null,
    syncResolving: {},
    syncResolveError: null,
    syncSettings: null,
    syncNotice: null,

    async syncStarted() {
      const r = await callCore(api, 'sync.status', {});
      // An event that arrived meanwhile is newer than this answer.
      if (r.ok && !get().syncStatus) get().syncStatusChanged(r.value);
    },

    syncStatusChanged(status) {
      const before = get().syncStatus;
      set({ syncStatus: status });
      if (!get().syncPanelOpen) return;
      // The panel shows the parked list: follow the count.
      if (before?.parked !== status.parked) void get().syncParkedRequested();
      // Back online: conflicts could not be read while offline.
      if (manager() && before?.state !== 'online' && status.state === 'online' && get().syncConflictsStatus === 'error') {
        void get().syncConflictsRequested();
      }
    },

    syncPulled(entities) {
      const s = get();
      if (entities.some((e) => CUSTOMER_ENTITIES.has(e))) {
        // The open profile reloads through customer.changed's path (not while it is being edited:
        // customer.changed for its own id says "changed elsewhere" then), which also re-runs the
        // search when that customer is listed; otherwise the search is re-run here, once.
        const reloadProfile = s.openId !== null && !s.edit;
        if (reloadProfile) s.customerChanged(s.openId!);
        const searchDone = reloadProfile && s.results?.items.some((c) => c.id === s.openId);
        if (s.results && !searchDone) s.searchRefreshRequested();
      }
      if (entities.some((e) => CALLBACK_ENTITIES.has(e))) {
        s.callbacksChanged([]);
        s.calendarCallbacksChanged([]);
      }
      if (entities.some((e) => COMPLAINT_ENTITIES.has(e))) s.complaintsChanged([]);
      if (s.syncPanelOpen && manager()) void get().syncConflictsRequested();
    },

    async syncPanelOpened() {
      if (get().syncPanelOpen) return;
      set({
        syncPanelOpen: true,
        syncNowError: null,
        syncNotice: null,
        syncResolveError: null,
        syncSettings: {
          status: 'loading',
          draft: { hubUrl: '', token: '' },
          hasToken: false,
          configured: false,
          errors: {},
          attempted: false,
          loadFailure: null,
          failure: null,
        },
      });
      await Promise.all([
        get().syncParkedRequested(),
        loadSettings(),
        manager() ? get().syncConflictsRequested() : Promise.resolve(),
      ]);
    },

    syncPanelClosed() {
      if (get().syncSettings?.status === 'saving') return;
      set({ syncPanelOpen: false, syncSettings: null, syncNotice: null, syncResolveError: null });
    },

    async syncNowRequested() {
      if (get().syncNowPending) return;
      set({ syncNowPending: true, syncNowError: null });
      const r = await callCore(api, 'sync.now', {});
      set({ syncNowPending: false });
      if (!r.ok) {
        set({ syncNowError: r.error });
        return;
      }
      get().syncStatusChanged(r.value);
      if (get().syncPanelOpen && manager()) void get().syncConflictsRequested();
    },

    async syncParkedRequested() {
      const mySeq = ++parkedSeq;
      set({ syncParkedStatus: 'loading', syncParkedError: null });
      const r = await callCore(api, 'sync.parked', {});
      if (mySeq !== parkedSeq) return;
      if (!r.ok) set({ syncParkedStatus: 'error', syncParkedError: r.error });
      else set({ syncParkedStatus: 'ready', syncParked: [...r.value.items].sort((a, b) => b.at - a.at || b.seq - a.seq) });
    },

    async syncConflictsRequested() {
      if (!manager()) return;
      const mySeq = ++conflictsSeq;
      set({ syncConflictsStatus: 'loading', syncConflictsError: null });
      const r = await callCore(api, 'sync.conflicts', { status: 'open' });
      if (mySeq !== conflictsSeq) return;
      if (!r.ok) set({ syncConflictsStatus: 'error', syncConflictsError: r.error });
      else set({ syncConflictsStatus: 'ready', syncConflicts: [...r.value.conflicts].sort((a, b) => b.detectedAt - a.detectedAt) });
    },

    async syncConflictResolved(id, keep) {
      if (get().syncResolving[id] || !manager()) return;
      set({ syncResolving: { ...get().syncResolving, [id]: true }, syncResolveError: null, syncNotice: null });
      const r = await callCore(api, 'sync.resolveConflict', { id, keep });
      const { [id]: _done, ...rest } = get().syncResolving;
      set({ syncResolving: rest });
      if (!r.ok) {
        set({ syncResolveError: { id, error: r.error } });
        // Someone else resolved it already: the list is out of date.
        if (r.error.code === 'not_found') void get().syncConflictsRequested();
        return;
      }
      set({
        syncConflicts: get().syncConflicts.filter((c) => c.id !== id),
        syncNotice: { key: keep === 'winner' ? 'sync.conflicts.keptWinner' : 'sync.conflicts.keptLoser', seq: ++seq },
      });
    },

    syncSettingsEdited(changes) {
      const form = get().syncSettings;
      if (!form || form.status === 'saving') return;
      const draft = { ...form.draft, ...changes };
      let errors: FieldErrors;
      if (form.attempted) {
        const check = validateSyncDraft(draft);
        errors = check.ok ? {} : check.errors;
      } else {
        errors = Object.fromEntries(Object.entries(form.errors).filter(([p]) => !(p in changes)));
      }
      patchForm({ draft, errors, failure: null });
      if (get().syncNotice?.key.startsWith('sync.settings.')) set({ syncNotice: null });
    },

    async syncSettingsSaved() {
      const form = get().syncSettings;
      if (!form || form.status !== 'ready' || !manager()) return;
      const check = validateSyncDraft(form.draft);
      if (!check.ok) {
        patchForm({ errors: check.errors, attempted: true, failure: null });
        return;
      }
      patchForm({ errors: {}, attempted: true });
      await configure(check.settings);
    },

    async syncTurnedOff() {
      const form = get().syncSettings;
      if (!form || form.status !== 'ready' || !manager()) return;
      await configure(null);
    },
  };
};
