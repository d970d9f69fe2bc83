import type { CallCard } from '../../shared/contract/call-schemas';
import type { CallError } from '../../shared/contract/result';
import { callCore } from './call';
import {
  canAcceptCallback,
  canDismiss,
  emptyQuickCreate,
  emptyWrapUp,
  formErrorsFromCore,
  needsWrapUp,
  validateQuickCreate,
  validateWrapUp,
  type QuickCreateDraft,
  type WrapUpDraft,
} from './call-rules';
import type { SliceCreator } from './types';

export type CallAction = 'choose' | 'create' | 'wrapUp' | 'callback' | 'dismiss' | 'setState';

export type CallNoticeKey =
  | 'call.notices.callbackScheduled'
  | 'call.notices.callbackCreated'
  | 'call.notices.noCustomerYet';

export interface CallNotice {
  callId: string;
  key: CallNoticeKey;
  /** Changes each time, so the same message is announced again. */
  seq: number;
}

/**
 * Where the keyboard should go on a card. `force` is the agent asking (A); otherwise the card
 * only takes the focus when the agent is not busy elsewhere (typing, editing a profile).
 */
export interface CallFocusRequest {
  callId: string;
  force: boolean;
  seq: number;
}

export interface CallsSlice {
  /** The calls on screen, by call id. */
  calls: Record<string, CallCard>;
  /** Call ids in ring order, oldest first (the panel shows them newest first). */
  callOrder: string[];
  /** The call the card shortcuts (A P C B Esc, 1–9) act on. */
  focusedCallId: string | null;
  focusRequest: CallFocusRequest | null;
  /** Highlighted candidate of a chooser card, by call id. */
  chooserIndex: Record<string, number>;
  wrapUps: Record<string, WrapUpDraft>;
  quickCreates: Record<string, QuickCreateDraft>;
  /** Requests in flight per call; the same action is not sent again until it is answered. */
  callPending: Record<string, Partial<Record<CallAction, true>>>;
  callErrors: Record<string, CallError>;
  /** A call whose card the agent tried to close before wrapping it up. */
  confirmDismissId: string | null;
  callNotice: CallNotice | null;

  /** Start or a reloaded window: ask the core which calls the seat is handling. */
  activeCallsRequested(): Promise<void>;
  /** The core's `call.changed`: a call rang, was answered, ended, or its card changed. */
  callChanged(card: CallCard): void;
  /** The core's `call.dismissed`. */
  callDismissed(callId: string): void;
  callFocused(callId: string): void;
  /** A: bring the keyboard to the card of the call still ringing, else the focused call's. */
  answerFocusRequested(): void;
  candidateHighlighted(callId: string, index: number): void;
  candidateHighlightMoved(callId: string, step: number): void;
  /** Enter on the chooser, or a click: this caller is that customer. */
  candidateChosen(callId: string, customerId?: string): Promise<void>;
  quickCreateEdited(callId: string, changes: Partial<Omit<QuickCreateDraft, 'errors' | 'attempted'>>): void;
  /** The quick-create form was submitted for an unknown caller. */
  unknownCallerCreated(callId: string): Promise<void>;
  wrapUpEdited(callId: string, changes: Partial<Pick<WrapUpDraft, 'disposition' | 'summary'>>): void;
  wrapUpSubmitted(callId: string): Promise<void>;
  callbackOfferAccepted(callId: string): Promise<void>;
  /** B: schedule a callback — a missed call accepts its offer, any other call opens the create form. */
  callbackRequested(callId: string): void;
  /** C: a new complaint for this caller, linked to the call's interaction: the wizard opens at step 1. */
  complaintRequested(callId: string): void;
  /** The agent marks answer or hang-up for a source that cannot report them. */
  callStateMarked(callId: string, state: 'answered' | 'ended'): Promise<void>;
  /** Esc or the close button: asks first when the call still needs its wrap-up. */
  dismissRequested(callId: string): void;
  dismissConfirmed(callId: string): Promise<void>;
  dismissDeclined(): void;
  callNoticeDismissed(): void;
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
}

/** The agent is talking, wrapping up or filling in the quick-create form on this call: a new one must not take it over. */
const busyWith = (card: CallCard, quickCreate: QuickCreateDraft | undefined) =>
  card.state === 'answered' || needsWrapUp(card) || (quickCreate !== undefined && quickCreate.name.trim() !== '');

/** Keeps ring order when a card arrives late (calls.active after a reload). */
function insertByRing(order: string[], calls: Record<string, CallCard>, card: CallCard): string[] {
  const next = [...order];
  let at = next.length;
  while (at > 0 && (calls[next[at - 1]!]?.ringAt ?? 0) > card.ringAt) at--;
  next.splice(at, 0, card.callId);
  return next;
}

export const createCallsSlice: SliceCreator<CallsSlice> = (set, get, { api }) => {
  let focusSeq = 0;
  let noticeSeq = 0;
  /** Call ids an event spoke about while calls.active was on its way: the event is newer. */
  let heardDuringLoad: Set<string> | null = null;
  /** Calls that left the screen: a late answer to an earlier request must not bring them back. */
  const gone = new Set<string>();
  const GONE_MAX = 500;

  const requestFocus = (callId: string, force: boolean) => set({ focusRequest: { callId, force, seq: ++focusSeq } });

  const patchRecord = <K extends 'wrapUps' | 'quickCreates'>(key: K, callId: string, value: CallsSlice[K][string]) =>
    set({ [key]: { ...get()[key], [callId]: value } } as unknown as Pick<CallsSlice, K>);

  const setError = (callId: string, error: CallError | null) =>
    set({ callErrors: error ? { ...get().callErrors, [callId]: error } : omit(get().callErrors, callId) });

  const isPending = (callId: string, action: CallAction) => get().callPending[callId]?.[action] === true;
  const setPending = (callId: string, action: CallAction, on: boolean) => {
    const { [action]: _was, ...others } = get().callPending[callId] ?? {};
    const next = on ? { ...others, [action]: true as const } : others;
    set({ callPending: Object.keys(next).length > 0 ? { ...get().callPending, [callId]: next } : omit(get().callPending, callId) });
  };

  /**
   * Runs one core request for a call. The same action is not sent twice while the first is on
   * its way (a double click, B pressed twice); different ones may overlap (hang up, then Esc).
   */
  const run = async <T>(callId: string, action: CallAction, request: () => Promise<{ ok: true; value: T } | { ok: false; error: CallError }>) => {
    if (isPending(callId, action) || !get().calls[callId]) return null;
    setPending(callId, action, true);
    setError(callId, null);
    const r = await request();
    if (!get().calls[callId]) return null; // dismissed meanwhile
    setPending(callId, action, false);
    if (r.ok) return r;
    if (r.error.message === 'errors.callNotFound') {
      // The core no longer knows the call (restarted, closed elsewhere): nothing to act on.
      get().callDismissed(callId);
      return r;
    }
    setError(callId, r.error);
    return r;
  };

  const noticeFor = (callId: string, key: CallNoticeKey) => set({ callNotice: { callId, key, seq: ++noticeSeq } });

  return {
    calls: {},
    callOrder: [],
    focusedCallId: null,
    focusRequest: null,
    chooserIndex: {},
    wrapUps: {},
    quickCreates: {},
    callPending: {},
    callErrors: {},
    confirmDismissId: null,
    callNotice: null,

    async activeCallsRequested() {
      heardDuringLoad = new Set();
      const r = await callCore(api, 'calls.active', {});
      const heard = heardDuringLoad;
      heardDuringLoad = null;
      if (!r.ok) return; // the cards come with the next event; nothing on screen is wrong meanwhile
      for (const card of r.value.calls) if (!heard.has(card.callId)) get().callChanged(card);
    },

    callChanged(card) {
      heardDuringLoad?.add(card.callId);
      if (gone.has(card.callId)) return;
      const { calls, callOrder, focusedCallId, wrapUps } = get();
      const before = calls[card.callId];
      const nextCalls = { ...calls, [card.callId]: card };
      const changes: Partial<CallsSlice> = { calls: nextCalls };
      if (!before) changes.callOrder = insertByRing(callOrder, calls, card);
      if (needsWrapUp(card) && !wrapUps[card.callId]) changes.wrapUps = { ...wrapUps, [card.callId]: emptyWrapUp() };
      if (before && before.match.kind !== card.match.kind) {
        changes.quickCreates = omit(get().quickCreates, card.callId);
        changes.chooserIndex = omit(get().chooserIndex, card.callId);
      }
      set(changes);

      if (!before) {
        // A new call takes the card shortcuts unless the agent is busy with the focused one.
        const focused = focusedCallId ? nextCalls[focusedCallId] : undefined;
        if (!focused || !busyWith(focused, get().quickCreates[focused.callId])) {
          set({ focusedCallId: card.callId });
          requestFocus(card.callId, false);
        }
      } else if (card.callId === focusedCallId && needsWrapUp(card) && !needsWrapUp(before)) {
        // Hung up: the wrap-up's quick codes get the keyboard.
        requestFocus(card.callId, false);
      }
    },

    callDismissed(callId) {
      heardDuringLoad?.add(callId);
      gone.add(callId);
      if (gone.size > GONE_MAX) gone.delete(gone.values().next().value!);
      const s = get();
      if (!s.calls[callId]) return;
      const callOrder = s.callOrder.filter((id) => id !== callId);
      const wasFocused = s.focusedCallId === callId;
      set({
        calls: omit(s.calls, callId),
        callOrder,
        chooserIndex: omit(s.chooserIndex, callId),
        wrapUps: omit(s.wrapUps, callId),
        quickCreates: omit(s.quickCreates, callId),
        callPending: omit(s.callPending, callId),
        callErrors: omit(s.callErrors, callId),
        confirmDismissId: s.confirmDismissId === callId ? null : s.confirmDismissId,
        callNotice: s.callNotice?.callId === callId ? null : s.callNotice,
        focusedCallId: wasFocused ? (callOrder[callOrder.length - 1] ?? null) : s.focusedCallId,
      });
      const next = get().focusedCallId;
      if (wasFocused && next) requestFocus(next, false);
    },

    callFocused(callId) {
      if (!get().calls[callId]) return;
      set({ focusedCallId: callId });
      requestFocus(callId, true);
    },

    answerFocusRequested() {
      const { calls, callOrder, focusedCallId } = get();
      // A call still ringing comes first (answer-focus), then the focused one, then the newest.
      const ringing = [...callOrder].reverse().find((id) => calls[id]?.state === 'ringing');
      const id = ringing ?? focusedCallId ?? callOrder[callOrder.length - 1];
      if (!id) return;
      set({ focusedCallId: id });
      requestFocus(id, true);
    },

    candidateHighlighted(callId, index) {
      const card = get().calls[callId];
      if (card?.match.kind !== 'choose') return;
      const count = card.match.candidates.length;
      if (count === 0) return;
      set({ chooserIndex: { ...get().chooserIndex, [callId]: Math.min(count - 1, Math.max(0, index)) } });
    },

    candidateHighlightMoved(callId, step) {
      get().candidateHighlighted(callId, (get().chooserIndex[callId] ?? 0) + step);
    },

    async candidateChosen(callId, customerId) {
      const card = get().calls[callId];
      if (card?.match.kind !== 'choose') return;
      const id = customerId ?? card.match.candidates[get().chooserIndex[callId] ?? 0]?.id;
      if (!id) return;
      const r = await run(callId, 'choose', () => callCore(api, 'calls.chooseCustomer', { callId, customerId: id }));
      if (r?.ok) {
        get().callChanged(r.value);
        requestFocus(callId, false); // the chooser is gone: the card keeps the keyboard
      }
    },

    quickCreateEdited(callId, changes) {
      const draft = { ...(get().quickCreates[callId] ?? emptyQuickCreate()), ...changes };
      const touched = Object.keys(changes);
      const errors = draft.attempted
        ? (() => {
            const check = validateQuickCreate(draft);
            return check.ok ? {} : check.errors;
          })()
        : Object.fromEntries(Object.entries(draft.errors).filter(([p]) => !touched.includes(p.split('.')[0]!)));
      patchRecord('quickCreates', callId, { ...draft, errors });
    },

    async unknownCallerCreated(callId) {
      const card = get().calls[callId];
      if (card?.match.kind !== 'unknown' || isPending(callId, 'create')) return;
      const draft = get().quickCreates[callId] ?? emptyQuickCreate();
      const check = validateQuickCreate(draft);
      if (!check.ok) {
        patchRecord('quickCreates', callId, { ...draft, errors: check.errors, attempted: true });
        return;
      }
      patchRecord('quickCreates', callId, { ...draft, errors: {}, attempted: true });
      const r = await run(callId, 'create', () => callCore(api, 'calls.createCustomer', { callId, customer: check.customer }));
      if (!r) return;
      if (r.ok) {
        get().callChanged(r.value);
        requestFocus(callId, false);
      } else if (r.error.fields && get().quickCreates[callId]) {
        patchRecord('quickCreates', callId, { ...get().quickCreates[callId]!, errors: formErrorsFromCore(r.error.fields, 'customer') });
      }
    },

    wrapUpEdited(callId, changes) {
      const current = get().wrapUps[callId];
      if (!current || isPending(callId, 'wrapUp')) return;
      const draft = { ...current, ...changes };
      const check = draft.attempted ? validateWrapUp(callId, draft) : null;
      const errors = check ? (check.ok ? {} : check.errors) : Object.fromEntries(Object.entries(draft.errors).filter(([p]) => !(p in changes)));
      patchRecord('wrapUps', callId, { ...draft, errors });
    },

    async wrapUpSubmitted(callId) {
      const card = get().calls[callId];
      const draft = get().wrapUps[callId];
      if (!card || !draft || !needsWrapUp(card) || isPending(callId, 'wrapUp')) return;
      const check = validateWrapUp(callId, draft);
      if (!check.ok) {
        patchRecord('wrapUps', callId, { ...draft, errors: check.errors, attempted: true });
        return;
      }
      patchRecord('wrapUps', callId, { ...draft, errors: {}, attempted: true });
      const r = await run(callId, 'wrapUp', () => callCore(api, 'calls.wrapUp', check.input));
      if (!r) return;
      if (r.ok) {
        get().callChanged(r.value);
        requestFocus(callId, false); // so Esc closes the card next
      } else if (r.error.fields && get().wrapUps[callId]) {
        patchRecord('wrapUps', callId, { ...get().wrapUps[callId]!, errors: formErrorsFromCore(r.error.fields, '') });
      }
    },

    async callbackOfferAccepted(callId) {
      const card = get().calls[callId];
      if (!card || !canAcceptCallback(card)) return;
      const r = await run(callId, 'callback', () => callCore(api, 'calls.acceptCallbackOffer', { callId }));
      if (r?.ok) get().callChanged(r.value); // the card itself now says the callback is scheduled
    },

    callbackRequested(callId) {
      const card = get().calls[callId];
      if (!card) return;
      if (canAcceptCallback(card)) void get().callbackOfferAccepted(callId);
      else if (card.missed && card.callbackId) noticeFor(callId, 'call.notices.callbackScheduled');
      else {
        // Any other call: the create form, for this caller's number and customer.
        const customer = card.match.kind === 'customer' ? card.match.customer : null;
        get().callbackFormOpened({
          callId,
          customerId: customer?.id ?? null,
          customerName: customer?.name ?? null,
          numbers: [card.caller.display],
          country: card.caller.country,
          interactionId: card.interactionId,
        });
      }
    },

    complaintRequested(callId) {
      const card = get().calls[callId];
      if (!card) return;
      if (card.match.kind !== 'customer') {
        noticeFor(callId, 'call.notices.noCustomerYet');
        return;
      }
      // During or after the call: it is the customer's first contact about this problem.
      void get().complaintStartRequested({ customerId: card.match.customer.id, source: 'call', interactionId: card.interactionId, firstContact: true });
    },

    async callStateMarked(callId, state) {
      const r = await run(callId, 'setState', () => callCore(api, 'calls.setState', { callId, state }));
      if (r?.ok) get().callChanged(r.value);
    },

    dismissRequested(callId) {
      const card = get().calls[callId];
      if (!card || !canDismiss(card) || isPending(callId, 'dismiss')) return;
      if (get().confirmDismissId === callId) {
        get().dismissDeclined();
        return;
      }
      if (needsWrapUp(card)) set({ confirmDismissId: callId });
      else void get().dismissConfirmed(callId);
    },

    async dismissConfirmed(callId) {
      set({ confirmDismissId: null });
      const r = await run(callId, 'dismiss', () => callCore(api, 'calls.dismiss', { callId }));
      // The core also announces call.dismissed; whichever comes first removes the card.
      if (r?.ok) get().callDismissed(callId);
    },

    dismissDeclined() {
      const id = get().confirmDismissId;
      set({ confirmDismissId: null });
      if (id) requestFocus(id, true);
    },

    callNoticeDismissed() {
      set({ callNotice: null });
    },
  };
};
