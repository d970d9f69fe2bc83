import type { ComplaintListItem } from '../../shared/contract/complaint-schemas';
import type { CallError, Result } from '../../shared/contract/result';
import type { CentreReport, WallboardAlertView, WallboardSettings, WallboardSnapshot } from '../../shared/contract/wallboard-schemas';
import { callCore } from './call';
import { type Period, periodRange } from './complaint-period';
import type { SliceCreator } from './types';

// The supervisor's wallboard (班长看板, Alt+6; supervisors and admins only): one snapshot from
// wallboard.get when the view opens, then every wallboard.updated. Alerts are announced once per
// raise: an id is remembered while the snapshots keep it active; once it clears and comes back it
// is a new raise. Actions: set an agent's state (with a confirm step), reassign complaints,
// open the remedies awaiting approval; settings; and the centre report for a period.

export const canSeeWallboard = (role: string | undefined) => role === 'supervisor' || role === 'admin';

export type ForcedState = 'available' | 'break' | 'offline';

export interface AlertBanner {
  alert: WallboardAlertView;
  /** Moves on each raise: the desktop notification is shown once per seq. */
  seq: number;
}

export interface AgentCommand {
  agentId: string;
  name: string;
  state: ForcedState;
  phase: 'confirm' | 'pending' | 'done' | 'failed';
  delivered: boolean | null;
  error: CallError | null;
}

export interface ComplaintReassignState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: ComplaintListItem[];
  error: CallError | null;
  checked: string[];
  agentId: string;
  pending: boolean;
  result: { updated: number; seq: number } | null;
  failure: CallError | null;
}

export type ReportInterval = 15 | 30 | 60;

export interface CentreReportState {
  period: Period;
  intervalMinutes: ReportInterval;
  status: 'idle' | 'loading' | 'ready' | 'error';
  report: CentreReport | null;
  error: CallError | null;
}

export interface WallboardSlice {
  wallboard: WallboardSnapshot | null;
  wallboardStatus: 'idle' | 'loading' | 'ready' | 'error';
  wallboardError: CallError | null;
  /** Live figures or the report. */
  wallboardTab: 'live' | 'reports';
  /** Active alerts not dismissed, in the order they were raised. */
  alertBanners: AlertBanner[];
  wallboardSettingsOpen: boolean;
  /** The settings as wallboard.getSettings answered when the dialog opened. */
  wallboardSettings: { status: 'loading' | 'ready' | 'error'; settings: WallboardSettings | null; error: CallError | null } | null;
  agentCommand: AgentCommand | null;
  complaintReassign: ComplaintReassignState;
  centreReport: CentreReportState;

  /** The view opened: load the snapshot (and the open complaints for the action lists). */
  wallboardOpened(): Promise<void>;
  /** The core's `wallboard.updated`, and wallboard.get's answer. */
  wallboardUpdated(snapshot: WallboardSnapshot): void;
  wallboardTabChosen(tab: 'live' | 'reports'): void;
  alertDismissed(id: string): void;
  wallboardSettingsOpened(open: boolean): Promise<void>;
  wallboardSettingsSaved(settings: WallboardSettings): Promise<Result<WallboardSettings>>;
  /** A state chosen in an agent's row: asks for confirmation first. */
  agentStateChosen(agentId: string, name: string, state: ForcedState): void;
  agentStateConfirmed(): Promise<void>;
  agentStateCancelled(): void;
  wallboardComplaintsRequested(): Promise<void>;
  wallboardComplaintChecked(id: string, checked: boolean): void;
  wallboardComplaintTargetChosen(agentId: string): void;
  wallboardComplaintsReassigned(): Promise<void>;
  /** Reassign callbacks: the callbacks queue, every seat's callbacks, where the reassign controls are. */
  wallboardCallbacksOpened(): void;
  /** A remedy awaiting approval: the complaint's wizard, where the supervisor sees Approve. */
  wallboardApprovalOpened(complaintId: string): Promise<void>;
  /** Resolve sync conflicts: the Sync panel (its conflicts section). */
  wallboardConflictsOpened(): Promise<void>;
  centreReportChanged(changes: Partial<Pick<CentreReportState, 'intervalMinutes'>> & { period?: Partial<Period> }): void;
  centreReportRequested(): Promise<void>;
}

const today = () => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

const emptyReassign = (): ComplaintReassignState => ({ status: 'idle', items: [], error: null, checked: [], agentId: '', pending: false, result: null, failure: null });

export const createWallboardSlice: SliceCreator<WallboardSlice> = (set, get, { api }) => {
  let seq = 0;
  let loadSeq = 0;
  let listSeq = 0;
  let reportSeq = 0;
  /** Ids active in the last snapshot, and those the supervisor closed during this raise. */
  let active = new Set<string>();
  const dismissed = new Set<string>();

  const manager = () => canSeeWallboard(get().session?.agent.role);
  const patchReassign = (changes: Partial<ComplaintReassignState>) => set({ complaintReassign: { ...get().complaintReassign, ...changes } });
  const patchReport = (changes: Partial<CentreReportState>) => set({ centreReport: { ...get().centreReport, ...changes } });

  return {
    wallboard: null,
    wallboardStatus: 'idle',
    wallboardError: null,
    wallboardTab: 'live',
    alertBanners: [],
    wallboardSettingsOpen: false,
    wallboardSettings: null,
    agentCommand: null,
    complaintReassign: emptyReassign(),
    centreReport: { period: { kind: 'today', fromDate: today(), toDate: today() }, intervalMinutes: 60, status: 'idle', report: null, error: null },

    async wallboardOpened() {
      if (!manager()) return;
      const mySeq = ++loadSeq;
      set({ wallboardStatus: get().wallboard ? 'ready' : 'loading', wallboardError: null });
      void get().agentsRequested();
      void get().wallboardComplaintsRequested();
      const r = await callCore(api, 'wallboard.get', {});
      if (mySeq !== loadSeq) return;
      if (!r.ok) {
        set({ wallboardStatus: 'error', wallboardError: r.error });
        return;
      }
      // An update that arrived meanwhile is newer than this answer.
      const held = get().wallboard;
      get().wallboardUpdated(held && held.at > r.value.at ? held : r.value);
    },

    wallboardUpdated(snapshot) {
      if (!manager()) return;
      const ids = new Set(snapshot.alerts.map((a) => a.id));
      const banners: AlertBanner[] = [];
      const byId = new Map(snapshot.alerts.map((a) => [a.id, a]));
      // Still active: keep the banner (with the figure now); cleared: gone, and forgotten.
      for (const b of get().alertBanners) {
        const now = byId.get(b.alert.id);
        if (now) banners.push({ ...b, alert: now });
      }
      for (const id of [...dismissed]) if (!ids.has(id)) dismissed.delete(id);
      for (const a of snapshot.alerts) {
        if (active.has(a.id)) continue;
        banners.push({ alert: a, seq: ++seq });
      }
      active = ids;
      set({ wallboard: snapshot, wallboardStatus: 'ready', wallboardError: null, alertBanners: banners.filter((b) => !dismissed.has(b.alert.id)) });
      if (get().complaintReassign.status === 'ready') void get().wallboardComplaintsRequested();
    },

    wallboardTabChosen(tab) {
      if (tab === get().wallboardTab) return;
      set({ wallboardTab: tab });
      if (tab === 'reports' && get().centreReport.status === 'idle') void get().centreReportRequested();
    },

    alertDismissed(id) {
      dismissed.add(id);
      set({ alertBanners: get().alertBanners.filter((b) => b.alert.id !== id) });
    },

    async wallboardSettingsOpened(open) {
      if (!open || !manager()) {
        set({ wallboardSettingsOpen: false, wallboardSettings: null });
        return;
      }
      if (get().wallboardSettingsOpen) return;
      set({ wallboardSettingsOpen: true, wallboardSettings: { status: 'loading', settings: null, error: null } });
      const r = await callCore(api, 'wallboard.getSettings', {});
      if (!get().wallboardSettingsOpen) return;
      set({ wallboardSettings: r.ok ? { status: 'ready', settings: r.value, error: null } : { status: 'error', settings: null, error: r.error } });
    },

    async wallboardSettingsSaved(settings) {
      const r = await callCore(api, 'wallboard.setSettings', { settings });
      if (r.ok) {
        const w = get().wallboard;
        set({ wallboardSettingsOpen: false, wallboardSettings: null, ...(w ? { wallboard: { ...w, settings: r.value } } : {}) });
      }
      return r;
    },

    agentStateChosen(agentId, name, state) {
      if (get().agentCommand?.phase === 'pending') return;
      set({ agentCommand: { agentId, name, state, phase: 'confirm', delivered: null, error: null } });
    },

    async agentStateConfirmed() {
      const c = get().agentCommand;
      if (!c || c.phase !== 'confirm') return;
      set({ agentCommand: { ...c, phase: 'pending' } });
      const r = await callCore(api, 'wallboard.setAgentState', { agentId: c.agentId, state: c.state });
      const now = get().agentCommand;
      if (now?.agentId !== c.agentId) return;
      set({ agentCommand: r.ok ? { ...now, phase: 'done', delivered: r.value.delivered } : { ...now, phase: 'failed', error: r.error } });
    },

    agentStateCancelled() {
      if (get().agentCommand?.phase === 'pending') return;
      set({ agentCommand: null });
    },

    async wallboardComplaintsRequested() {
      if (!manager()) return;
      const mySeq = ++listSeq;
      if (get().complaintReassign.status !== 'ready') patchReassign({ status: 'loading', error: null });
      const r = await callCore(api, 'complaints.list', { scope: 'all', status: 'open', limit: 1000 });
      if (mySeq !== listSeq) return;
      if (!r.ok) {
        patchReassign({ status: 'error', error: r.error });
        return;
      }
      const ids = new Set(r.value.items.map((c) => c.id));
      patchReassign({ status: 'ready', items: r.value.items, error: null, checked: get().complaintReassign.checked.filter((id) => ids.has(id)) });
    },

    wallboardComplaintChecked(id, checked) {
      const rest = get().complaintReassign.checked.filter((i) => i !== id);
      patchReassign({ checked: checked ? [...rest, id] : rest, result: null, failure: null });
    },

    wallboardComplaintTargetChosen(agentId) {
      patchReassign({ agentId, failure: null });
    },

    async wallboardComplaintsReassigned() {
      const { checked, agentId, pending } = get().complaintReassign;
      if (checked.length === 0 || agentId === '' || pending) return;
      patchReassign({ pending: true, failure: null, result: null });
      const r = await callCore(api, 'complaints.reassign', { ids: checked, agentId });
      if (!r.ok) {
        patchReassign({ pending: false, failure: r.error });
        return;
      }
      patchReassign({ pending: false, checked: [], result: { updated: r.value.updated, seq: ++seq } });
      void get().wallboardComplaintsRequested();
    },

    wallboardCallbacksOpened() {
      get().viewChanged('callbacks');
      get().callbackScopeChosen('all');
    },

    async wallboardApprovalOpened(complaintId) {
      get().viewChanged('complaints');
      await get().complaintOpened(complaintId);
    },

    async wallboardConflictsOpened() {
      await get().syncPanelOpened();
    },

    centreReportChanged({ period, intervalMinutes }) {
      const r = get().centreReport;
      patchReport({ period: { ...r.period, ...period }, ...(intervalMinutes ? { intervalMinutes } : {}) });
      void get().centreReportRequested();
    },

    async centreReportRequested() {
      if (!manager()) return;
      const { period, intervalMinutes } = get().centreReport;
      const range = periodRange(period, Date.now());
      if (!range) return;
      const mySeq = ++reportSeq;
      patchReport({ status: 'loading', error: null });
      const r = await callCore(api, 'reports.centre', { ...range, intervalMinutes });
      if (mySeq !== reportSeq) return;
      if (!r.ok) patchReport({ status: 'error', error: r.error });
      else patchReport({ status: 'ready', report: r.value, error: null });
    },
  };
};
