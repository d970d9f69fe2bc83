import type { ChannelName, ChannelOutput, ChannelParsedInput, EventName, EventPayload, SessionInfo } from '../../shared/contract/channels';
import { CoreError } from '../../shared/contract/result';
import type { CentreReport, QueueFiguresView, WallboardSettings, WallboardSnapshot } from '../../shared/contract/wallboard-schemas';

// The wallboard.*, presence.* and reports.* channels of the fake core: a snapshot tests set and
// announce (wallboard.updated), this seat's presence (a supervisor's forced change announced with
// presence.changed), settings, the agent-state commands sent, and a centre report.

type Handler<C extends ChannelName> = (input: ChannelParsedInput<C>) => ChannelOutput<C>;
type WallboardChannel = Extract<ChannelName, `wallboard.${string}` | `presence.${string}` | `reports.${string}`>;

export interface FakeWallboard {
  /** What wallboard.get answers now. */
  snapshot: WallboardSnapshot;
  /** Changes the snapshot (a new `at`) and announces it with wallboard.updated. */
  update(changes: Partial<WallboardSnapshot>): WallboardSnapshot;
  settings: WallboardSettings;
  presence: { state: ChannelOutput<'presence.get'>['state']; since: number };
  /** A supervisor (or the calls) changed this seat's state: kept and announced. */
  setPresence(state: ChannelOutput<'presence.get'>['state'], by: 'self' | 'calls' | 'supervisor'): void;
  /** Whether wallboard.setAgentState says the command reached the seat. */
  deliver: boolean;
  report: CentreReport;
}

export interface FakeWallboardDeps {
  session: SessionInfo;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export const DEFAULT_WALLBOARD_SETTINGS: WallboardSettings = {
  serviceLevelThresholdS: 20,
  serviceLevelTargetPct: 80,
  shortAbandonGraceS: 5,
  serviceLevelFormula: 'answered_of_offered',
  alerts: { waitingAbove: 5, serviceLevelTargetPct: 80, complaintSlaBreachedAbove: 0, branchSilentMinutes: 15, callbackOverdue: true },
};

export function figures(changes: Partial<QueueFiguresView> = {}): QueueFiguresView {
  return {
    offered: 0,
    answered: 0,
    answeredWithinThreshold: 0,
    abandoned: 0,
    shortAbandoned: 0,
    exited: 0,
    handled: 0,
    serviceLevelPct: null,
    serviceLevelNumerator: 0,
    serviceLevelDenominator: 0,
    abandonRatePct: null,
    asaS: null,
    ahtS: null,
    waiting: 0,
    longestWaitS: null,
    ...changes,
  };
}

export function emptySnapshot(settings: WallboardSettings = DEFAULT_WALLBOARD_SETTINGS): WallboardSnapshot {
  const now = Date.now();
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  return {
    at: now,
    source: 'local',
    since: midnight.getTime(),
    settings: structuredClone(settings),
    definitionKey: `wallboard.sl.definition.${settings.serviceLevelFormula}`,
    centre: figures(),
    queues: [],
    agentCounts: { available: 0, ringing: 0, on_call: 0, wrap_up: 0, break: 0, offline: 0 },
    agents: [],
    callbacks: { due: 0, overdue: 0, escalated: 0 },
    complaints: { openByStep: [0, 0, 0, 0, 0, 0], slaBreached: 0, awaitingApproval: 0 },
    promisesOverdue: 0,
    branches: [],
    alerts: [],
  };
}

export function emptyReport(from = Date.now() - 3_600_000, to = Date.now()): CentreReport {
  return {
    from,
    to,
    source: 'local',
    contactsByChannel: [],
    contactsByDisposition: [],
    intervals: [],
    complaintsByCategory: [],
    complaintsByRootCause: [],
    firstContactResolution: { resolved: 0, closed: 0, rate: null },
    callbacksOnTime: { onTime: 0, late: 0, rate: null },
    csat: { responses: 0, mean: null },
    nps: { responses: 0, score: null },
    churnReasons: [],
  };
}

export function createFakeWallboard(deps: FakeWallboardDeps): { handlers: { [C in WallboardChannel]: Handler<C> }; control: FakeWallboard } {
  const control: FakeWallboard = {
    snapshot: emptySnapshot(),
    update(changes) {
      control.snapshot = { ...control.snapshot, ...structuredClone(changes), at: Math.max(Date.now(), control.snapshot.at + 1) };
      deps.emit('wallboard.updated', structuredClone(control.snapshot));
      return structuredClone(control.snapshot);
    },
    settings: structuredClone(DEFAULT_WALLBOARD_SETTINGS),
    presence: { state: 'available', since: Date.now() },
    setPresence(state, by) {
      control.presence = { state, since: Date.now() };
      deps.emit('presence.changed', { ...control.presence, by });
    },
    deliver: true,
    report: emptyReport(),
  };
  const managerOnly = () => {
    if (deps.session.agent.role === 'agent') throw new CoreError('forbidden', 'errors.forbidden');
  };
  return {
    control,
    handlers: {
      'presence.get': () => ({ ...control.presence }),
      'presence.set': ({ state }) => {
        control.presence = { state, since: Date.now() };
        return { ...control.presence };
      },
      'wallboard.get': () => (managerOnly(), structuredClone(control.snapshot)),
      'wallboard.getSettings': () => (managerOnly(), structuredClone(control.settings)),
      'wallboard.setSettings': ({ settings }) => {
        managerOnly();
        control.settings = structuredClone(settings);
        return structuredClone(settings);
      },
      'wallboard.setAgentState': () => (managerOnly(), { delivered: control.deliver }),
      'reports.centre': ({ from, to }) => (managerOnly(), { ...structuredClone(control.report), from, to }),
    },
  };
}
