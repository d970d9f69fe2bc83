import type { CustomerPatch, CustomerProfile } from '../../shared/contract/customer-schemas';
import type { CallError } from '../../shared/contract/result';
import { callCore } from './call';
import {
  changedFields,
  draftFromCustomer,
  isDirty,
  normaliseFieldErrors,
  validateDraft,
  validatePatch,
  withoutPaths,
  type FieldErrors,
  type ProfileDraft,
} from './profile-draft';
import type { SliceCreator } from './types';

export interface RevealedContacts {
  phones: string[];
  emails: string[];
}

export interface EditSession {
  customerId: string;
  /** updatedAt of the row the editor started from; the core answers `conflict` if it moved on. */
  baseUpdatedAt: number;
  original: ProfileDraft;
  draft: ProfileDraft;
  /** Full phones/emails are fetched (an audited read) before they can be edited. */
  contacts: 'loading' | 'ready' | 'unavailable';
  contactsError: CallError | null;
  clientErrors: FieldErrors;
  serverErrors: FieldErrors;
  status: 'editing' | 'saving';
  /** A save was tried: from now on errors follow the typing. */
  attempted: boolean;
  conflict: boolean;
  /** A failure that belongs to no field. */
  failure: CallError | null;
  confirmingDiscard: boolean;
  /** A customer the agent asked to open while this draft was dirty. */
  pendingOpenId: string | null;
  changedElsewhere: boolean;
}

export type NoticeKey = 'profile.saved' | 'edit.nothingChanged' | 'profile.callbackCreated' | 'profile.promiseCreated';
export interface Notice {
  key: NoticeKey;
  /** Changes each time, so the same message is announced again. */
  seq: number;
}

export interface ProfileSlice {
  openId: string | null;
  /** Counts opens; the view moves focus to a freshly opened profile. */
  openSeq: number;
  profile: CustomerProfile | null;
  profileStatus: 'idle' | 'loading' | 'ready' | 'error';
  profileError: CallError | null;
  revealed: RevealedContacts | null;
  revealStatus: 'idle' | 'loading' | 'error';
  revealError: CallError | null;
  edit: EditSession | null;
  notice: Notice | null;

  customerOpened(id: string): Promise<void>;
  profileArrived(requestId: number, profile: CustomerProfile): void;
  profileFailed(requestId: number, error: CallError): void;
  profileReloadRequested(): Promise<void>;
  /** The core says a customer changed (event `customer.changed`). */
  customerChanged(id: string): void;
  contactsRevealRequested(): Promise<void>;
  contactsHidden(): void;

  editStarted(): Promise<void>;
  draftEdited(changes: Partial<ProfileDraft>): void;
  listEntryAdded(list: 'phones' | 'emails'): void;
  listEntryRemoved(list: 'phones' | 'emails', index: number): void;
  saveRequested(): Promise<void>;
  profileSaved(profile: CustomerProfile): void;
  saveFailed(error: CallError): void;
  /** Escape or the cancel button: asks first when there are unsaved changes. */
  editCancelRequested(): void;
  /** Changes thrown away. */
  editCancelled(): void;
  discardDeclined(): void;
  noticeDismissed(): void;
}

export const fieldErrorsOf = (edit: EditSession): FieldErrors => ({ ...edit.serverErrors, ...edit.clientErrors });

export const createProfileSlice: SliceCreator<ProfileSlice> = (set, get, { api }) => {
  /** Id of the newest profile request; older answers are stale. */
  let latestRequest = 0;
  let noticeSeq = 0;

  const load = async (id: string, quiet: boolean) => {
    const requestId = ++latestRequest;
    if (!quiet) set({ profileStatus: 'loading', profileError: null });
    const r = await callCore(api, 'customers.get', { id });
    if (r.ok) get().profileArrived(requestId, r.value);
    else get().profileFailed(requestId, r.error);
  };

  const patchEdit = (changes: Partial<EditSession>) => {
    const edit = get().edit;
    if (edit) set({ edit: { ...edit, ...changes } });
  };

  const fetchContactsForEdit = async (customerId: string) => {
    const r = await callCore(api, 'customers.revealContacts', { id: customerId });
    const edit = get().edit;
    if (!edit || edit.customerId !== customerId || edit.contacts !== 'loading') return;
    if (r.ok) {
      const { phones, emails } = r.value;
      patchEdit({
        contacts: 'ready',
        original: { ...edit.original, phones, emails },
        draft: { ...edit.draft, phones, emails },
      });
    } else {
      patchEdit({ contacts: 'unavailable', contactsError: r.error });
    }
  };

  return {
    openId: null,
    openSeq: 0,
    profile: null,
    profileStatus: 'idle',
    profileError: null,
    revealed: null,
    revealStatus: 'idle',
    revealError: null,
    edit: null,
    notice: null,

    async customerOpened(id) {
      const { edit, profile, openSeq } = get();
      if (edit && edit.status === 'saving') return;
      if (edit && isDirty(edit.original, edit.draft)) {
        patchEdit({ confirmingDiscard: true, pendingOpenId: id });
        return;
      }
      const same = profile?.customer.id === id;
      set({
        openId: id,
        openSeq: openSeq + 1,
        profile: same ? profile : null,
        revealed: null,
        revealStatus: 'idle',
        revealError: null,
        edit: null,
        notice: null,
      });
      await load(id, same);
    },

    profileArrived(requestId, profile) {
      if (requestId !== latestRequest || profile.customer.id !== get().openId) return;
      set({ profile, profileStatus: 'ready', profileError: null });
    },

    profileFailed(requestId, error) {
      if (requestId !== latestRequest) return;
      set({ profileStatus: 'error', profileError: error });
    },

    async profileReloadRequested() {
      const id = get().openId;
      if (!id) return;
      set({ edit: null, revealed: null, revealStatus: 'idle', notice: null });
      await load(id, false);
    },

    customerChanged(id) {
      const { openId, edit, results } = get();
      if (id === openId) {
        // Our own save also announces itself; the save answer already carries the new profile.
        if (edit) {
          if (edit.status !== 'saving') patchEdit({ changedElsewhere: true });
        } else {
          void load(id, true);
        }
      }
      if (results?.items.some((c) => c.id === id)) get().searchRefreshRequested();
    },

    async contactsRevealRequested() {
      const id = get().openId;
      if (!id || get().revealStatus === 'loading') return;
      set({ revealStatus: 'loading', revealError: null });
      const r = await callCore(api, 'customers.revealContacts', { id });
      if (get().openId !== id) return;
      if (r.ok) set({ revealed: r.value, revealStatus: 'idle' });
      else set({ revealStatus: 'error', revealError: r.error });
    },

    contactsHidden() {
      set({ revealed: null, revealStatus: 'idle', revealError: null });
    },

    async editStarted() {
      const { profile, revealed, edit } = get();
      if (!profile || edit) return;
      const c = profile.customer;
      const masked = profile.phones.some((p) => p.masked) || profile.emails.some((e) => e.masked);
      const known = !masked
        ? { phones: profile.phones.map((p) => p.display), emails: profile.emails.map((e) => e.display) }
        : revealed;
      const draft = draftFromCustomer(c, known?.phones ?? [], known?.emails ?? []);
      set({
        notice: null,
        edit: {
          customerId: c.id,
          baseUpdatedAt: c.updatedAt,
          original: draft,
          draft,
          contacts: known ? 'ready' : 'loading',
          contactsError: null,
          clientErrors: {},
          serverErrors: {},
          status: 'editing',
          attempted: false,
          conflict: false,
          failure: null,
          confirmingDiscard: false,
          pendingOpenId: null,
          changedElsewhere: false,
        },
      });
      if (!known) await fetchContactsForEdit(c.id);
    },

    draftEdited(changes) {
      const edit = get().edit;
      if (!edit || edit.status === 'saving') return;
      const draft = { ...edit.draft, ...changes };
      const touched = Object.keys(changes);
      patchEdit({
        draft,
        serverErrors: withoutPaths(edit.serverErrors, touched),
        clientErrors: edit.attempted ? validateDraft(edit.original, draft) : withoutPaths(edit.clientErrors, touched),
        failure: null,
        confirmingDiscard: false,
        pendingOpenId: null,
      });
    },

    listEntryAdded(list) {
      const edit = get().edit;
      if (edit) get().draftEdited({ [list]: [...edit.draft[list], ''] });
    },

    listEntryRemoved(list, index) {
      const edit = get().edit;
      if (edit) get().draftEdited({ [list]: edit.draft[list].filter((_, i) => i !== index) });
    },

    async saveRequested() {
      const edit = get().edit;
      if (!edit || edit.status === 'saving') return;
      const raw = changedFields(edit.original, edit.draft);
      if (Object.keys(raw).length === 0) {
        set({ edit: null, notice: { key: 'edit.nothingChanged', seq: ++noticeSeq } });
        return;
      }
      const check = validatePatch(raw);
      if (!check.ok) {
        patchEdit({ attempted: true, clientErrors: check.errors, failure: null });
        return;
      }
      patchEdit({ attempted: true, clientErrors: {}, status: 'saving', failure: null, conflict: false, confirmingDiscard: false });
      const patch: CustomerPatch = check.patch;
      const r = await callCore(api, 'customers.update', {
        id: edit.customerId,
        patch,
        baseUpdatedAt: edit.baseUpdatedAt,
      });
      if (r.ok) get().profileSaved(r.value);
      else get().saveFailed(r.error);
    },

    profileSaved(profile) {
      if (get().edit?.customerId !== profile.customer.id || get().openId !== profile.customer.id) return;
      set({
        profile,
        profileStatus: 'ready',
        edit: null,
        revealed: null,
        revealStatus: 'idle',
        notice: { key: 'profile.saved', seq: ++noticeSeq },
      });
    },

    saveFailed(error) {
      const edit = get().edit;
      if (!edit) return;
      if (error.code === 'conflict') {
        patchEdit({ status: 'editing', conflict: true });
      } else if (error.fields && Object.keys(error.fields).length > 0) {
        patchEdit({
          status: 'editing',
          serverErrors: normaliseFieldErrors(error.fields),
          failure: error.code === 'invalid_input' ? null : error,
        });
      } else {
        patchEdit({ status: 'editing', failure: error });
      }
    },

    editCancelRequested() {
      const edit = get().edit;
      if (!edit || edit.status === 'saving') return;
      if (edit.confirmingDiscard) get().discardDeclined();
      else if (isDirty(edit.original, edit.draft)) patchEdit({ confirmingDiscard: true });
      else get().editCancelled();
    },

    editCancelled() {
      const edit = get().edit;
      if (!edit || edit.status === 'saving') return;
      set({ edit: null });
      if (edit.pendingOpenId) void get().customerOpened(edit.pendingOpenId);
    },

    discardDeclined() {
      patchEdit({ confirmingDiscard: false, pendingOpenId: null });
    },

    noticeDismissed() {
      set({ notice: null });
    },
  };
};
