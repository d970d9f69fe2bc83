import type { AttemptOutcomeName, CallbackCounts, CallbackView } from '../../shared/contract/callback-schemas';
import type { ChannelOutput } from '../../shared/contract/channels';
import type { CallError } from '../../shared/contract/result';
import { defaultZoneForCountry } from '../../shared/domain/callback-rules';
import { callCore } from './call';
import {
  assigneeOf,
  draftErrorsOf,
  newCallbackDraft,
  sortQueue,
  validateCallbackDraft,
  zoneForNumber,
  type AssigneeChoice,
  type CallbackDraft,
} from './callback-rules';
import type { SliceCreator } from './types';

export type CallbackScope = 'mine' | 'team' | 'all';

export interface AttemptDraft {
  callbackId: string;
  outcome: AttemptOutcomeName | null;
  note: string;
  pending: boolean;
  error: CallError | null;
}

/** What the last attempt did to the callback, said once under the queue's title. */
export interface AttemptResult {
  outcome: AttemptOutcomeName;
  callback: CallbackView;
  seq: number;
}

export type DialNotice = { kind: 'dialed' | 'copied' | 'copyFailed'; number: string; seq: number };

export interface Reminder {
  callback: CallbackView;
  seq: number;
  pending: boolean;
  error: CallError | null;
}

export type NotificationState = NotificationPermission | 'unsupported';

export interface CallbackForm {
  draft: CallbackDraft;
  status: 'editing' | 'saving';
  failure: CallError | null;
  /** Where it was opened from; the card's notice and the focus go back there. */
  callId: string | null;
}

export type AgentDirectory = ChannelOutput<'agents.list'>;

export interface CallbacksSlice {
  callbackScope: CallbackScope;
  callbackItems: CallbackView[];
  callbackStatus: 'idle' | 'loading' | 'ready' | 'error';
  callbackError: CallError | null;
  callbackCounts: CallbackCounts | null;
  /** The row the queue's keys act on. */
  selectedCallbackId: string | null;
  attempt: AttemptDraft | null;
  attemptResult: AttemptResult | null;
  dialNotice: DialNotice | null;
  dialPending: Record<string, true>;
  /** Supervisor: rows ticked for reassignment ('all' scope). */
  checkedCallbackIds: string[];
  reassignTarget: AssigneeChoice | '';
  reassignPending: boolean;
  reassignResult: { updated: number; seq: number } | null;
  reassignError: CallError | null;
  agentDirectory: AgentDirectory | null;
  reminders: Reminder[];
  notificationState: NotificationState;
  callbackForm: CallbackForm | null;
  /** Last callback created, for the notice on the card or profile. */
  callbackCreated: { callback: CallbackView; seq: number } | null;

  /** The app is up: the badge's counts. */
  callbacksStarted(): Promise<void>;
  callbackScopeChosen(scope: CallbackScope): void;
  callbacksRequested(): Promise<void>;
  /** The core's `callbacks.changed`. */
  callbacksChanged(ids: string[]): void;
  /** The core's `callbacks.countsChanged`. */
  callbackCountsChanged(counts: CallbackCounts): void;
  callbackSelected(id: string): void;
  callbackSelectionMoved(step: number): void;
  /** D or the 拨打 button: the core dials when it can, otherwise the number goes to the clipboard. */
  callbackDialRequested(id: string): Promise<void>;
  attemptStarted(id: string): void;
  attemptEdited(changes: Partial<Pick<AttemptDraft, 'outcome' | 'note'>>): void;
  attemptSubmitted(): Promise<void>;
  attemptCancelled(): void;
  callbackChecked(id: string, checked: boolean): void;
  reassignTargetChosen(target: AssigneeChoice | ''): void;
  reassignSubmitted(): Promise<void>;
  agentsRequested(): Promise<void>;
  /** The core's `callback.due`: a toast (and a desktop notification where allowed). */
  callbackDue(callback: CallbackView): void;
  reminderSnoozed(id: string, minutes: number): Promise<void>;
  reminderDismissed(id: string): void;
  /** "Call now" on a reminder: dial, and open the queue at that callback. */
  reminderCallNow(id: string): Promise<void>;
  notificationStateChanged(state: NotificationState): void;
  callbackFormOpened(input: { callId?: string | null; customerId: string | null; customerName: string | null; numbers: string[]; country?: string | null; interactionId?: string | null }): void;
  callbackFormEdited(changes: Partial<Omit<CallbackDraft, 'errors' | 'numbers' | 'customerId' | 'customerName' | 'interactionId'>>): void;
  callbackFormSubmitted(): Promise<void>;
  callbackFormClosed(): void;
}

const initialNotificationState = (): NotificationState =>
  typeof globalThis.Notification === 'function' ? globalThis.Notification.permission : 'unsupported';

export const createCallbacksSlice: SliceCreator<CallbacksSlice> = (set, get, { api }) => {
  let seq = 0;
  let listSeq = 0;

  const replaceItem = (view: CallbackView) => {
    const items = get().callbackItems;
    if (items.some((i) => i.id === view.id)) set({ callbackItems: items.map((i) => (i.id === view.id ? view : i)) });
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  };

  return {
    callbackScope: 'mine',
    callbackItems: [],
    callbackStatus: 'idle',
    callbackError: null,
    callbackCounts: null,
    selectedCallbackId: null,
    attempt: null,
    attemptResult: null,
    dialNotice: null,
    dialPending: {},
    checkedCallbackIds: [],
    reassignTarget: '',
    reassignPending: false,
    reassignResult: null,
    reassignError: null,
    agentDirectory: null,
    reminders: [],
    notificationState: initialNotificationState(),
    callbackForm: null,
    callbackCreated: null,

    async callbacksStarted() {
      const r = await callCore(api, 'callbacks.counts', {});
      if (r.ok && get().callbackCounts === null) set({ callbackCounts: r.value });
    },

    callbackScopeChosen(scope) {
      if (scope === get().callbackScope) return;
      set({ callbackScope: scope, checkedCallbackIds: [], reassignResult: null, reassignError: null });
      void get().callbacksRequested();
      if (scope === 'all') void get().agentsRequested();
    },

    async callbacksRequested() {
      const mySeq = ++listSeq;
      set({ callbackStatus: 'loading', callbackError: null });
      const r = await callCore(api, 'callbacks.list', { scope: get().callbackScope, status: 'open' });
      if (mySeq !== listSeq) return; // a newer request (another scope) answers instead
      if (!r.ok) {
        set({ callbackStatus: 'error', callbackError: r.error });
        return;
      }
      const items = sortQueue(r.value.items);
      const selected = get().selectedCallbackId;
      const ids = new Set(items.map((i) => i.id));
      set({
        callbackItems: items,
        callbackStatus: 'ready',
        callbackCounts: r.value.counts,
        selectedCallbackId: selected && ids.has(selected) ? selected : (items[0]?.id ?? null),
        checkedCallbackIds: get().checkedCallbackIds.filter((id) => ids.has(id)),
        attempt: get().attempt && ids.has(get().attempt!.callbackId) ? get().attempt : null,
      });
    },

    callbacksChanged(ids) {
      if (get().callbackStatus === 'idle') return;
      if (ids.length === 0 || get().view === 'callbacks' || get().callbackItems.some((i) => ids.includes(i.id))) void get().callbacksRequested();
    },

    callbackCountsChanged(counts) {
      set({ callbackCounts: counts });
    },

    callbackSelected(id) {
      if (get().callbackItems.some((i) => i.id === id)) set({ selectedCallbackId: id });
    },

    callbackSelectionMoved(step) {
      const items = get().callbackItems;
      if (items.length === 0) return;
      const at = items.findIndex((i) => i.id === get().selectedCallbackId);
      const next = Math.min(items.length - 1, Math.max(0, (at < 0 ? 0 : at) + step));
      set({ selectedCallbackId: items[next]!.id });
    },

    async callbackDialRequested(id) {
      if (get().dialPending[id]) return;
      set({ dialPending: { ...get().dialPending, [id]: true } });
      const r = await callCore(api, 'callbacks.dial', { id });
      const { [id]: _done, ...rest } = get().dialPending;
      set({ dialPending: rest });
      if (!r.ok) {
        set({ callbackError: r.error });
        return;
      }
      const { dialed, number } = r.value;
      const kind = dialed ? 'dialed' : (await copy(number)) ? 'copied' : 'copyFailed';
      set({ dialNotice: { kind, number, seq: ++seq } });
      // After the call comes its outcome: the attempt panel opens on that callback.
      if (get().callbackItems.some((i) => i.id === id)) {
        set({ selectedCallbackId: id });
        if (get().attempt?.callbackId !== id) get().attemptStarted(id);
      }
    },

    attemptStarted(id) {
      set({ attempt: { callbackId: id, outcome: null, note: '', pending: false, error: null }, selectedCallbackId: id });
    },

    attemptEdited(changes) {
      const a = get().attempt;
      if (!a || a.pending) return;
      set({ attempt: { ...a, ...changes, error: null } });
    },

    async attemptSubmitted() {
      const a = get().attempt;
      if (!a || a.pending) return;
      if (!a.outcome) {
        set({ attempt: { ...a, error: { code: 'invalid_input', message: 'validation.choose' } } });
        return;
      }
      set({ attempt: { ...a, pending: true, error: null } });
      const note = a.note.trim();
      const r = await callCore(api, 'callbacks.recordAttempt', { id: a.callbackId, outcome: a.outcome, note: note === '' ? null : note });
      if (!r.ok) {
        const now = get().attempt;
        if (now?.callbackId === a.callbackId) set({ attempt: { ...now, pending: false, error: r.error } });
        return;
      }
      set({ attempt: null, attemptResult: { outcome: a.outcome, callback: r.value, seq: ++seq } });
      if (r.value.status === 'scheduled') replaceItem(r.value);
      else {
        const items = get().callbackItems.filter((i) => i.id !== r.value.id);
        set({ callbackItems: items, selectedCallbackId: items[0]?.id ?? null });
      }
      set({ callbackItems: sortQueue(get().callbackItems) });
    },

    attemptCancelled() {
      set({ attempt: null });
    },

    callbackChecked(id, checked) {
      const now = get().checkedCallbackIds.filter((i) => i !== id);
      set({ checkedCallbackIds: checked ? [...now, id] : now, reassignResult: null, reassignError: null });
    },

    reassignTargetChosen(target) {
      set({ reassignTarget: target, reassignError: null });
    },

    async reassignSubmitted() {
      const { checkedCallbackIds: ids, reassignTarget, reassignPending } = get();
      if (ids.length === 0 || reassignTarget === '' || reassignPending) return;
      set({ reassignPending: true, reassignError: null, reassignResult: null });
      const r = await callCore(api, 'callbacks.reassign', { ids, assignee: assigneeOf(reassignTarget) });
      set({ reassignPending: false });
      if (!r.ok) {
        set({ reassignError: r.error });
        return;
      }
      set({ reassignResult: { updated: r.value.updated, seq: ++seq }, checkedCallbackIds: [] });
      await get().callbacksRequested();
    },

    async agentsRequested() {
      if (get().agentDirectory) return;
      const r = await callCore(api, 'agents.list', {});
      if (r.ok) set({ agentDirectory: r.value });
    },

    callbackDue(callback) {
      const others = get().reminders.filter((r) => r.callback.id !== callback.id);
      set({ reminders: [...others, { callback, seq: ++seq, pending: false, error: null }] });
      replaceItem(callback);
    },

    async reminderSnoozed(id, minutes) {
      const reminder = get().reminders.find((r) => r.callback.id === id);
      if (!reminder || reminder.pending) return;
      const patch = (changes: Partial<Reminder>) =>
        set({ reminders: get().reminders.map((r) => (r.callback.id === id ? { ...r, ...changes } : r)) });
      patch({ pending: true, error: null });
      const r = await callCore(api, 'callbacks.snooze', { id, minutes });
      if (!r.ok) {
        patch({ pending: false, error: r.error });
        return;
      }
      get().reminderDismissed(id);
      replaceItem(r.value);
    },

    reminderDismissed(id) {
      set({ reminders: get().reminders.filter((r) => r.callback.id !== id) });
    },

    async reminderCallNow(id) {
      get().reminderDismissed(id);
      if (get().view !== 'callbacks') get().viewChanged('callbacks');
      await get().callbackDialRequested(id);
    },

    notificationStateChanged(state) {
      set({ notificationState: state });
    },

    callbackFormOpened({ callId = null, customerId, customerName, numbers, country, interactionId = null }) {
      const zoneHint = country ? zoneForNumberCountry(country) : null;
      set({
        callbackForm: {
          draft: newCallbackDraft({ customerId, customerName, numbers, interactionId, now: Date.now(), zoneHint }),
          status: 'editing',
          failure: null,
          callId,
        },
      });
      void get().agentsRequested();
    },

    callbackFormEdited(changes) {
      const form = get().callbackForm;
      if (!form || form.status === 'saving') return;
      const draft = { ...form.draft, ...changes };
      if ('timeZone' in changes) draft.zoneEdited = true;
      // Another number may be in another country: its zone follows unless the agent chose one.
      if (!form.draft.zoneEdited && !('timeZone' in changes) && ('phone' in changes || 'otherPhone' in changes)) {
        const number = draft.phone === '' ? draft.otherPhone : draft.phone;
        if (number.trim() !== '') draft.timeZone = zoneForNumber(number, draft.timeZone);
      }
      const touched = Object.keys(changes).map((k) => (k === 'otherPhone' ? 'phone' : k));
      // A refusal of the window is about start, end and zone together: changing any clears it.
      const windowTouched = touched.some((k) => k === 'start' || k === 'end' || k === 'timeZone');
      draft.errors = Object.fromEntries(
        Object.entries(form.draft.errors).filter(([k]) => !touched.includes(k) && !(windowTouched && (k === 'start' || k === 'end' || k === 'timeZone'))),
      );
      set({ callbackForm: { ...form, draft, failure: null } });
    },

    async callbackFormSubmitted() {
      const form = get().callbackForm;
      if (!form || form.status === 'saving') return;
      const check = validateCallbackDraft(form.draft);
      if (!check.ok) {
        set({ callbackForm: { ...form, draft: { ...form.draft, errors: check.errors }, failure: null } });
        return;
      }
      set({ callbackForm: { ...form, status: 'saving', failure: null, draft: { ...form.draft, errors: {} } } });
      const r = await callCore(api, 'callbacks.create', { callback: check.callback });
      const now = get().callbackForm;
      if (!now) return;
      if (r.ok) {
        set({ callbackForm: null, callbackCreated: { callback: r.value, seq: ++seq } });
        // Said where the form was opened: on the call's card, or on the open profile.
        if (now.callId && get().calls[now.callId]) set({ callNotice: { callId: now.callId, key: 'call.notices.callbackCreated', seq: ++seq } });
        else if (now.draft.customerId && now.draft.customerId === get().openId) set({ notice: { key: 'profile.callbackCreated', seq: ++seq } });
        if (get().callbackStatus !== 'idle') void get().callbacksRequested();
        return;
      }
      const errors = r.error.fields ? draftErrorsOf(r.error.fields) : {};
      const { _: general, ...fieldErrors } = errors;
      // Everything the agent typed stays; the refusal sits next to the field it is about.
      set({
        callbackForm: {
          ...now,
          status: 'editing',
          draft: { ...now.draft, errors: fieldErrors },
          failure: Object.keys(fieldErrors).length > 0 && !general ? null : r.error,
        },
      });
    },

    callbackFormClosed() {
      set({ callbackForm: null });
    },
  };
};

/** A region code from a call card ('US') → its default zone. */
const zoneForNumberCountry = (country: string): string | null => defaultZoneForCountry(country, '') || null;
