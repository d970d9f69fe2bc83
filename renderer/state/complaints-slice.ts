import type { CallbackView } from '../../shared/contract/callback-schemas';
import type {
  ComplaintCounts,
  ComplaintListFilter,
  ComplaintListItem,
  ComplaintReport,
  ComplaintSettings,
  ComplaintView,
} from '../../shared/contract/complaint-schemas';
import type { CallError, Result } from '../../shared/contract/result';
import type { StepNumber } from '../../shared/domain/complaint-flow';
import { callCore } from './call';
import {
  clientErrors,
  currentStepRecord,
  dataFromForm,
  formErrorsFromCore,
  formForComplaint,
  type FormValues,
} from './complaint-forms';
import { type Period, periodRange } from './complaint-period';
import type { SliceCreator } from './types';

export type ComplaintScope = 'mine' | 'team' | 'overdue';
export interface ComplaintFilters {
  step?: StepNumber;
  category?: NonNullable<ComplaintListItem['category']>;
  severity?: NonNullable<ComplaintListItem['severity']>;
  sla?: ComplaintListItem['slaState'];
  /** Open by default; closed ones are found here to read or reopen. */
  status?: 'closed' | 'any';
}

export type WizardAction = 'complete' | 'reject' | 'approve' | 'followUp' | 'close' | 'reopen';

export interface ComplaintWizard {
  id: string;
  complaint: ComplaintView | null;
  status: 'loading' | 'ready' | 'error';
  loadError: CallError | null;
  /** The current step's form (see complaint-forms.ts). */
  form: FormValues;
  /** Edited since the last save or load. */
  dirty: boolean;
  /** Field → i18n key, from the validators or the core. */
  errors: Record<string, string>;
  /** Moves on each refused attempt so the view focuses the first invalid field again. */
  errorSeq: number;
  pending: WizardAction | null;
  draft: { state: 'idle' | 'saving' | 'saved' | 'failed'; at: number | null; error: CallError | null };
  /** A failed action (not a field error). */
  failure: CallError | null;
  /** A newer version someone else wrote, held back because the form has unsaved edits. */
  remote: ComplaintView | null;
  /** Said once after a newer version replaced what was on screen. */
  remoteReloaded: boolean;
  followUpCallback: CallbackView | null;
  reopenOpen: boolean;
  reopenReason: string;
}

export interface ComplaintReportState {
  period: Period;
  status: 'idle' | 'loading' | 'ready' | 'error';
  report: ComplaintReport | null;
  error: CallError | null;
}

export interface ComplaintsSlice {
  complaintCounts: ComplaintCounts | null;
  complaintScope: ComplaintScope;
  complaintFilters: ComplaintFilters;
  complaintItems: ComplaintListItem[];
  complaintListStatus: 'idle' | 'loading' | 'ready' | 'error';
  complaintListError: CallError | null;
  selectedComplaintId: string | null;
  /** The left pane of the complaints view: the lists or (supervisors) the report. */
  complaintPane: 'list' | 'report';
  complaintStartPending: boolean;
  complaintStartError: CallError | null;
  complaintSettings: ComplaintSettings | null;
  complaintSettingsOpen: boolean;
  complaintWizard: ComplaintWizard | null;
  complaintReport: ComplaintReportState;

  complaintsStarted(): Promise<void>;
  complaintsRequested(): Promise<void>;
  complaintScopeChosen(scope: ComplaintScope): void;
  complaintFiltersChanged(changes: Partial<ComplaintFilters>): void;
  complaintFiltersCleared(): void;
  complaintSelected(id: string): void;
  complaintSelectionMoved(step: number): void;
  /** The core's `complaints.changed`. */
  complaintsChanged(ids: string[]): void;
  complaintCountsChanged(counts: ComplaintCounts): void;
  /** From the card (C), the profile or a search result: start one and open the wizard. */
  complaintStartRequested(input: { customerId: string; source: 'call' | 'profile' | 'search'; interactionId: string | null; firstContact: boolean }): Promise<void>;
  complaintOpened(id: string): Promise<void>;
  complaintWizardClosed(): Promise<void>;
  complaintFormEdited(changes: FormValues): void;
  /** Values the form fills in by itself (the suggested apology): not an edit to save. */
  complaintFormPrefilled(changes: FormValues): void;
  /** Save the draft now when there is something unsaved (Ctrl+S, leaving the step or view, closing the window). */
  complaintDraftFlushed(): Promise<void>;
  complaintStepCompleted(): Promise<void>;
  complaintRemedyRejected(then: 'analyse' | 'escalate'): Promise<void>;
  complaintRemedyApproved(): Promise<void>;
  complaintFollowUpRecorded(): Promise<void>;
  complaintClosed(): Promise<void>;
  complaintReopenToggled(open: boolean): void;
  complaintReopenReasonEdited(reason: string): void;
  complaintReopened(): Promise<void>;
  /** "Load the latest": the held-back version replaces the form. */
  complaintRemoteAccepted(): void;
  complaintSettingsRequested(): Promise<void>;
  complaintSettingsOpened(open: boolean): void;
  complaintSettingsSaved(settings: ComplaintSettings): Promise<Result<ComplaintSettings>>;
  complaintPaneChosen(pane: 'list' | 'report'): void;
  complaintReportPeriodChanged(period: Partial<Period>): void;
  complaintReportRequested(): Promise<void>;
}

const DEFAULT_CURRENCY = 'CNY';

export const createComplaintsSlice: SliceCreator<ComplaintsSlice> = (set, get, { api, options, onDispose }) => {
  let listSeq = 0;
  let reportSeq = 0;
  /** Bumps on every edit: a save only clears `dirty` when nothing was typed meanwhile. */
  let editSeq = 0;
  let draftTimer: ReturnType<typeof setTimeout> | null = null;
  /** A write of ours on its way: change events meanwhile are about it. */
  let writing = 0;
  /** The draft save on its way: a step's completion waits for it, so the two never cross. */
  let draftInFlight: Promise<void> | null = null;

  const clearTimer = () => {
    if (draftTimer !== null) clearTimeout(draftTimer);
    draftTimer = null;
  };
  onDispose(clearTimer);

  const patchWizard = (id: string, changes: Partial<ComplaintWizard>) => {
    const w = get().complaintWizard;
    if (w?.id === id) set({ complaintWizard: { ...w, ...changes } });
  };

  const defaults = () => ({ now: Date.now(), defaultCurrency: get().complaintSettings?.defaultCurrency ?? DEFAULT_CURRENCY });

  /** Shows a complaint, its form rebuilt from what the core holds. */
  const show = (c: ComplaintView, extra: Partial<ComplaintWizard> = {}) => {
    const w = get().complaintWizard;
    if (w?.id !== c.id) return;
    editSeq++;
    set({
      complaintWizard: {
        ...w,
        complaint: c,
        status: 'ready',
        loadError: null,
        form: formForComplaint(c, defaults()),
        dirty: false,
        errors: {},
        remote: null,
        remoteReloaded: false,
        ...extra,
      },
    });
    void loadFollowUp(c);
  };

  const loadFollowUp = async (c: ComplaintView) => {
    if (c.currentStep !== 5 || c.followUpCallbackId === null) return;
    const r = await callCore(api, 'callbacks.get', { id: c.followUpCallbackId });
    if (r.ok) patchWizard(c.id, { followUpCallback: r.value });
  };

  const listInput = (): ComplaintListFilter => {
    const { complaintScope: scope, complaintFilters: f } = get();
    return {
      scope: scope === 'mine' ? 'mine' : 'team',
      status: f.status ?? 'open',
      overdueOnly: scope === 'overdue',
      ...(f.step !== undefined ? { step: f.step } : {}),
      ...(f.category !== undefined ? { category: f.category } : {}),
      ...(f.severity !== undefined ? { severity: f.severity } : {}),
      ...(f.sla !== undefined ? { sla: f.sla } : {}),
      limit: 1000,
    };
  };

  /** Runs one write of the wizard; field errors go next to the fields, anything else to `failure`. */
  const write = async (action: WizardAction, request: (w: ComplaintWizard & { complaint: ComplaintView }) => Promise<Result<ComplaintView>>) => {
    if (draftInFlight) await draftInFlight;
    const w = get().complaintWizard;
    if (!w?.complaint || w.pending) return null;
    clearTimer();
    set({ complaintWizard: { ...w, pending: action, failure: null } });
    writing++;
    const r = await request(w as ComplaintWizard & { complaint: ComplaintView });
    writing--;
    const now = get().complaintWizard;
    if (now?.id !== w.id) return null;
    if (!r.ok) {
      const errors = formErrorsFromCore(r.error.fields);
      const hasFields = Object.keys(errors).length > 0;
      set({
        complaintWizard: {
          ...now,
          pending: null,
          errors: hasFields ? errors : now.errors,
          errorSeq: hasFields ? now.errorSeq + 1 : now.errorSeq,
          failure: hasFields ? null : r.error,
        },
      });
      return null;
    }
    patchWizard(w.id, { pending: null });
    return r.value;
  };

  const validateNow = (): boolean => {
    const w = get().complaintWizard;
    if (!w?.complaint) return false;
    const c = w.complaint;
    const record = currentStepRecord(c)?.data;
    const errors = clientErrors(c.currentStep, w.form, record, {
      approvalThresholdCents: get().complaintSettings?.approvalThresholdCents ?? Number.MAX_SAFE_INTEGER,
      now: Date.now(),
    });
    if (Object.keys(errors).length === 0) return true;
    set({ complaintWizard: { ...w, errors, errorSeq: w.errorSeq + 1, failure: null } });
    return false;
  };

  const changedAfter = (a: ComplaintView | null | undefined, b: ComplaintView) => !a || b.updatedAt > a.updatedAt;

  return {
    complaintCounts: null,
    complaintScope: 'mine',
    complaintFilters: {},
    complaintItems: [],
    complaintListStatus: 'idle',
    complaintListError: null,
    selectedComplaintId: null,
    complaintPane: 'list',
    complaintStartPending: false,
    complaintStartError: null,
    complaintSettings: null,
    complaintSettingsOpen: false,
    complaintWizard: null,
    complaintReport: { period: { kind: 'thisMonth', fromDate: '', toDate: '' }, status: 'idle', report: null, error: null },

    async complaintsStarted() {
      const r = await callCore(api, 'complaints.counts', {});
      if (r.ok && get().complaintCounts === null) set({ complaintCounts: r.value });
    },

    async complaintsRequested() {
      const mySeq = ++listSeq;
      set({ complaintListStatus: 'loading', complaintListError: null });
      const r = await callCore(api, 'complaints.list', listInput());
      if (mySeq !== listSeq) return;
      if (!r.ok) {
        set({ complaintListStatus: 'error', complaintListError: r.error });
        return;
      }
      const items = r.value.items;
      const selected = get().selectedComplaintId;
      set({
        complaintItems: items,
        complaintListStatus: 'ready',
        complaintCounts: r.value.counts,
        selectedComplaintId: selected && items.some((i) => i.id === selected) ? selected : (items[0]?.id ?? null),
      });
    },

    complaintScopeChosen(scope) {
      if (scope === get().complaintScope) return;
      set({ complaintScope: scope });
      void get().complaintsRequested();
    },

    complaintFiltersChanged(changes) {
      const next: ComplaintFilters = { ...get().complaintFilters, ...changes };
      for (const k of Object.keys(next) as (keyof ComplaintFilters)[]) if (next[k] === undefined) delete next[k];
      set({ complaintFilters: next });
      void get().complaintsRequested();
    },

    complaintFiltersCleared() {
      set({ complaintFilters: {} });
      void get().complaintsRequested();
    },

    complaintSelected(id) {
      if (get().complaintItems.some((i) => i.id === id)) set({ selectedComplaintId: id });
    },

    complaintSelectionMoved(step) {
      const items = get().complaintItems;
      if (items.length === 0) return;
      const at = items.findIndex((i) => i.id === get().selectedComplaintId);
      const next = Math.min(items.length - 1, Math.max(0, (at < 0 ? 0 : at) + step));
      set({ selectedComplaintId: items[next]!.id });
    },

    complaintsChanged(ids) {
      const status = get().complaintListStatus;
      if (status !== 'idle' && (get().view === 'complaints' || ids.length === 0 || get().complaintItems.some((i) => ids.includes(i.id)))) {
        void get().complaintsRequested();
      }
      const w = get().complaintWizard;
      if (!w?.complaint || (ids.length > 0 && !ids.includes(w.id)) || writing > 0) return;
      const id = w.id;
      void (async () => {
        const r = await callCore(api, 'complaints.get', { id });
        const now = get().complaintWizard;
        if (!r.ok || now?.id !== id || writing > 0 || !changedAfter(now.complaint, r.value)) return;
        if (now.dirty || now.pending) set({ complaintWizard: { ...now, remote: r.value } });
        else show(r.value, { remoteReloaded: true });
      })();
    },

    complaintCountsChanged(counts) {
      set({ complaintCounts: counts });
    },

    async complaintStartRequested(input) {
      if (get().complaintStartPending) return;
      // C pressed again on the same call: the complaint already open for it is the one.
      const open = get().complaintWizard?.complaint;
      if (input.interactionId !== null && open?.status === 'open' && open.interactionId === input.interactionId && open.customerId === input.customerId) {
        if (get().view !== 'complaints') get().viewChanged('complaints');
        return;
      }
      set({ complaintStartPending: true, complaintStartError: null });
      await get().complaintDraftFlushed();
      const r = await callCore(api, 'complaints.start', { ...input, bookingId: null });
      set({ complaintStartPending: false });
      if (get().view !== 'complaints') get().viewChanged('complaints');
      if (!r.ok) {
        set({ complaintStartError: r.error });
        return;
      }
      set({ complaintWizard: blankWizard(r.value.id), complaintPane: 'list' });
      if (get().complaintSettings === null) await get().complaintSettingsRequested();
      show(r.value);
    },

    async complaintOpened(id) {
      const w = get().complaintWizard;
      if (w?.id === id && w.status !== 'error') return;
      await get().complaintDraftFlushed();
      clearTimer();
      set({ complaintWizard: blankWizard(id), selectedComplaintId: get().complaintItems.some((i) => i.id === id) ? id : get().selectedComplaintId });
      if (get().view !== 'complaints') get().viewChanged('complaints');
      const [r] = await Promise.all([callCore(api, 'complaints.get', { id }), get().complaintSettings ? null : get().complaintSettingsRequested()]);
      if (get().complaintWizard?.id !== id) return;
      if (!r.ok) {
        patchWizard(id, { status: 'error', loadError: r.error });
        return;
      }
      show(r.value);
    },

    async complaintWizardClosed() {
      await get().complaintDraftFlushed();
      clearTimer();
      set({ complaintWizard: null });
    },

    complaintFormEdited(changes) {
      const w = get().complaintWizard;
      if (!w?.complaint || w.complaint.status === 'closed') return;
      editSeq++;
      const touched = Object.keys(changes);
      const errors = Object.fromEntries(Object.entries(w.errors).filter(([k]) => !touched.includes(k)));
      set({
        complaintWizard: {
          ...w,
          form: { ...w.form, ...changes },
          dirty: true,
          errors,
          failure: null,
          draft: w.draft.state === 'failed' ? { ...w.draft, state: 'idle' } : w.draft,
        },
      });
      clearTimer();
      draftTimer = setTimeout(() => {
        draftTimer = null;
        void get().complaintDraftFlushed();
      }, options.complaintDraftDebounceMs);
    },

    complaintFormPrefilled(changes) {
      const w = get().complaintWizard;
      if (w) set({ complaintWizard: { ...w, form: { ...w.form, ...changes } } });
    },

    async complaintDraftFlushed() {
      clearTimer();
      if (draftInFlight) await draftInFlight;
      const w = get().complaintWizard;
      if (!w?.complaint || !w.dirty || w.pending || w.complaint.status === 'closed') return;
      const c = w.complaint;
      const rec = currentStepRecord(c);
      if (!rec || rec.state === 'done') return;
      const mySeq = editSeq;
      set({ complaintWizard: { ...w, draft: { ...w.draft, state: 'saving', error: null } } });
      writing++;
      const request = callCore(api, 'complaints.saveDraft', { id: c.id, step: c.currentStep, data: dataFromForm(c.currentStep, w.form) });
      let done!: () => void;
      draftInFlight = new Promise<void>((resolve) => (done = resolve));
      const r = await request;
      writing--;
      draftInFlight = null;
      done();
      const now = get().complaintWizard;
      if (now?.id !== w.id) return;
      if (!r.ok) {
        set({ complaintWizard: { ...now, draft: { state: 'failed', at: now.draft.at, error: r.error } } });
        return;
      }
      set({
        complaintWizard: {
          ...now,
          // Our own save: the complaint moves on, the form stays as typed (unless something newer is shown).
          complaint: now.complaint && now.complaint.updatedAt > r.value.updatedAt ? now.complaint : r.value,
          dirty: mySeq === editSeq ? false : now.dirty,
          draft: { state: 'saved', at: Date.now(), error: null },
        },
      });
    },

    async complaintStepCompleted() {
      const w = get().complaintWizard;
      if (!w?.complaint || w.pending) return;
      const c = w.complaint;
      if (c.currentStep === 5) return get().complaintFollowUpRecorded();
      if (c.currentStep === 4 && w.form.customerAccepted === false) {
        set({ complaintWizard: { ...w, errors: { customerAccepted: 'errors.customerNotAccepted' }, errorSeq: w.errorSeq + 1 } });
        return;
      }
      if (!validateNow()) return;
      const step = c.currentStep;
      const value = await write('complete', (x) => callCore(api, 'complaints.completeStep', { id: x.id, step, data: dataFromForm(step, x.form) }));
      if (value) show(value, { draft: { state: 'idle', at: null, error: null } });
    },

    async complaintRemedyRejected(then) {
      const w = get().complaintWizard;
      if (!w?.complaint || w.complaint.currentStep !== 4) return;
      const value = await write('reject', (x) =>
        callCore(api, 'complaints.rejectRemedy', { id: x.id, then, data: { ...dataFromForm(4, x.form), customerAccepted: false } }),
      );
      if (value) show(value, { draft: { state: 'idle', at: null, error: null } });
    },

    async complaintRemedyApproved() {
      // The approval is of what the core holds: save the amount first.
      await get().complaintDraftFlushed();
      const value = await write('approve', (x) => callCore(api, 'complaints.approveRemedy', { id: x.id }));
      if (value) {
        const w = get().complaintWizard;
        if (w) set({ complaintWizard: { ...w, complaint: value, errors: {} } });
      }
    },

    async complaintFollowUpRecorded() {
      const w = get().complaintWizard;
      if (!w?.complaint || w.complaint.currentStep !== 5) return;
      if (!validateNow()) return;
      const reached = w.form.reached === true;
      const satisfied = reached && typeof w.form.satisfied === 'boolean' ? w.form.satisfied : null;
      const note = typeof w.form.note === 'string' && w.form.note.trim() !== '' ? w.form.note : null;
      const value = await write('followUp', (x) => callCore(api, 'complaints.recordFollowUp', { id: x.id, reached, satisfied, note }));
      if (value) show(value, { draft: { state: 'idle', at: null, error: null }, followUpCallback: null });
    },

    async complaintClosed() {
      const value = await write('close', (x) => callCore(api, 'complaints.close', { id: x.id }));
      if (value) show(value);
    },

    complaintReopenToggled(open) {
      const w = get().complaintWizard;
      if (w) set({ complaintWizard: { ...w, reopenOpen: open, reopenReason: open ? w.reopenReason : '', errors: {} } });
    },

    complaintReopenReasonEdited(reason) {
      const w = get().complaintWizard;
      if (w) set({ complaintWizard: { ...w, reopenReason: reason, errors: {} } });
    },

    async complaintReopened() {
      const w = get().complaintWizard;
      if (!w) return;
      if (w.reopenReason.trim() === '') {
        set({ complaintWizard: { ...w, errors: { reason: 'complaint.reopen.errors.reasonRequired' }, errorSeq: w.errorSeq + 1 } });
        return;
      }
      const value = await write('reopen', (x) => callCore(api, 'complaints.reopen', { id: x.id, reason: x.reopenReason }));
      if (value) show(value, { reopenOpen: false, reopenReason: '' });
    },

    complaintRemoteAccepted() {
      const w = get().complaintWizard;
      if (w?.remote) show(w.remote);
    },

    async complaintSettingsRequested() {
      const r = await callCore(api, 'complaints.getSettings', {});
      if (r.ok) set({ complaintSettings: r.value });
    },

    complaintSettingsOpened(open) {
      set({ complaintSettingsOpen: open });
      if (open) void get().complaintSettingsRequested();
    },

    async complaintSettingsSaved(settings) {
      const r = await callCore(api, 'complaints.setSettings', { settings });
      if (r.ok) set({ complaintSettings: r.value, complaintSettingsOpen: false });
      return r;
    },

    complaintPaneChosen(pane) {
      set({ complaintPane: pane });
      if (pane === 'report' && get().complaintReport.status === 'idle') void get().complaintReportRequested();
    },

    complaintReportPeriodChanged(changes) {
      const rep = get().complaintReport;
      set({ complaintReport: { ...rep, period: { ...rep.period, ...changes } } });
      void get().complaintReportRequested();
    },

    async complaintReportRequested() {
      const rep = get().complaintReport;
      const range = periodRange(rep.period, Date.now());
      if (!range) return;
      const mySeq = ++reportSeq;
      set({ complaintReport: { ...rep, status: 'loading', error: null } });
      const r = await callCore(api, 'complaints.report', range);
      if (mySeq !== reportSeq) return;
      const now = get().complaintReport;
      set({ complaintReport: r.ok ? { ...now, status: 'ready', report: r.value, error: null } : { ...now, status: 'error', error: r.error } });
    },
  };
};

function blankWizard(id: string): ComplaintWizard {
  return {
    id,
    complaint: null,
    status: 'loading',
    loadError: null,
    form: {},
    dirty: false,
    errors: {},
    errorSeq: 0,
    pending: null,
    draft: { state: 'idle', at: null, error: null },
    failure: null,
    remote: null,
    remoteReloaded: false,
    followUpCallback: null,
    reopenOpen: false,
    reopenReason: '',
  };
}
