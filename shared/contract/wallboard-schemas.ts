import { z } from 'zod';
import { AGENT_STATES, SERVICE_LEVEL_FORMULAS } from '../domain/wallboard/types';
import { EpochMs, Id } from './ids';

// The supervisor's wallboard (班长看板) and reports over the wire. Every figure is computed by
// the pure functions in shared/domain/wallboard (definitions and tests live there); these
// schemas only carry the results. The hub computes one snapshot per change and streams it to
// supervisors; a seat without a hub computes its own branch's snapshot from its store.

export const AgentStateName = z.enum(AGENT_STATES as unknown as ['available', 'ringing', 'on_call', 'wrap_up', 'break', 'offline']);
export type AgentStateName = z.infer<typeof AgentStateName>;
export const ServiceLevelFormulaName = z.enum(SERVICE_LEVEL_FORMULAS as unknown as ['answered_of_offered', 'answered_of_answered', 'abandon_excluded']);

export const QueueFiguresView = z.object({
  offered: z.number().int(),
  answered: z.number().int(),
  answeredWithinThreshold: z.number().int(),
  abandoned: z.number().int(),
  shortAbandoned: z.number().int(),
  exited: z.number().int(),
  handled: z.number().int(),
  serviceLevelPct: z.number().nullable(),
  serviceLevelNumerator: z.number().int(),
  serviceLevelDenominator: z.number().int(),
  abandonRatePct: z.number().nullable(),
  asaS: z.number().nullable(),
  ahtS: z.number().nullable(),
  waiting: z.number().int(),
  longestWaitS: z.number().nullable(),
});
export type QueueFiguresView = z.infer<typeof QueueFiguresView>;

export const WallboardAlertView = z.object({
  id: z.string(),
  kind: z.enum(['waiting', 'service_level', 'complaint_sla', 'branch_silent', 'callback_overdue']),
  scope: z.string().nullable(),
  value: z.number(),
  threshold: z.number(),
  raisedAt: EpochMs,
  /** i18n key with {{scope}}, {{value}}, {{threshold}}. */
  messageKey: z.string(),
});
export type WallboardAlertView = z.infer<typeof WallboardAlertView>;

export const WallboardSettings = z
  .object({
    serviceLevelThresholdS: z.number().int().min(1, { error: 'validation.range' }).max(600, { error: 'validation.range' }),
    serviceLevelTargetPct: z.number().min(1, { error: 'validation.range' }).max(100, { error: 'validation.range' }),
    shortAbandonGraceS: z.number().int().min(0, { error: 'validation.range' }).max(60, { error: 'validation.range' }),
    serviceLevelFormula: ServiceLevelFormulaName,
    alerts: z.object({
      waitingAbove: z.number().int().min(0).max(1000).nullable(),
      serviceLevelTargetPct: z.number().min(1).max(100).nullable(),
      complaintSlaBreachedAbove: z.number().int().min(0).max(10_000).nullable(),
      branchSilentMinutes: z.number().int().min(1).max(7 * 24 * 60).nullable(),
      /** Raise an alert when any callback is overdue (escalated). */
      callbackOverdue: z.boolean(),
    }),
  })
  .strict();
export type WallboardSettings = z.infer<typeof WallboardSettings>;

export const WallboardSnapshot = z.object({
  at: EpochMs,
  /** 'hub': the whole centre, gathered by the hub; 'local': this branch, from this seat's store. */
  source: z.enum(['hub', 'local']),
  /** Start of "today" the counts cover (midnight in the centre's zone). */
  since: EpochMs,
  settings: WallboardSettings,
  /** i18n key of the service-level definition shown beside the figure. */
  definitionKey: z.string(),
  centre: QueueFiguresView,
  queues: z.array(z.object({ queue: z.string(), figures: QueueFiguresView })),
  agentCounts: z.record(AgentStateName, z.number().int()),
  agents: z.array(
    z.object({
      agentId: z.string(),
      name: z.string().nullable(),
      branchId: z.string().nullable(),
      state: AgentStateName,
      since: EpochMs,
      timeInStateS: z.number(),
    }),
  ),
  callbacks: z.object({ due: z.number().int(), overdue: z.number().int(), escalated: z.number().int() }),
  /** Open complaints by current step (index 0 = step 1) and those past their step's SLA. */
  complaints: z.object({ openByStep: z.array(z.number().int()).length(6), slaBreached: z.number().int(), awaitingApproval: z.number().int() }),
  promisesOverdue: z.number().int(),
  branches: z.array(
    z.object({
      branchId: z.string(),
      name: z.string().nullable(),
      lastSeenAt: EpochMs.nullable(),
      pending: z.number().int().nullable(),
      parked: z.number().int(),
      conflicts: z.number().int(),
    }),
  ),
  alerts: z.array(WallboardAlertView),
});
export type WallboardSnapshot = z.infer<typeof WallboardSnapshot>;

export const ReportRequest = z
  .object({
    from: EpochMs,
    to: EpochMs,
    intervalMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(60),
    /** IANA zone the intervals are cut in; the centre's zone by default. */
    zone: z.string().min(1).max(64).optional(),
  })
  .strict();

const CountRow = z.object({ key: z.string().nullable(), count: z.number().int() });
export const CentreReport = z.object({
  from: EpochMs,
  to: EpochMs,
  source: z.enum(['hub', 'local']),
  contactsByChannel: z.array(CountRow),
  contactsByDisposition: z.array(CountRow),
  intervals: z.array(
    z.object({
      start: EpochMs,
      end: EpochMs,
      label: z.string(),
      offered: z.number().int(),
      answered: z.number().int(),
      abandoned: z.number().int(),
      serviceLevelPct: z.number().nullable(),
      abandonRatePct: z.number().nullable(),
    }),
  ),
  complaintsByCategory: z.array(CountRow),
  complaintsByRootCause: z.array(CountRow),
  firstContactResolution: z.object({ resolved: z.number().int(), closed: z.number().int(), rate: z.number().nullable() }),
  /** Callbacks closed in the period: reached (or done) inside their window vs. later. */
  callbacksOnTime: z.object({ onTime: z.number().int(), late: z.number().int(), rate: z.number().nullable() }),
  csat: z.object({ responses: z.number().int(), mean: z.number().nullable() }),
  /** NPS = % promoters (9–10) − % detractors (0–6). */
  nps: z.object({ responses: z.number().int(), score: z.number().nullable() }),
  churnReasons: z.array(CountRow),
});
export type CentreReport = z.infer<typeof CentreReport>;

export const wallboardInputs = {
  setAgentState: z.object({ agentId: Id, state: z.enum(['available', 'break', 'offline']) }).strict(),
  setMyState: z.object({ state: z.enum(['available', 'break']) }).strict(),
};
