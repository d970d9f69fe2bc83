import { z } from 'zod';
import { EpochMs, Id } from './ids';

// Callbacks (回访/回电) and service promises (服务承诺): every promised call made on time, in
// the customer's time zone. The scheduling rules themselves live in shared/domain/callback-rules.

export const CALLBACK_REASONS = ['complaint_follow_up', 'missed_call', 'sales_lead', 'service_promise', 'other'] as const;
export const CALLBACK_STATUSES = ['scheduled', 'done', 'failed', 'cancelled'] as const;
export const ATTEMPT_OUTCOMES = ['reached', 'no_answer', 'busy', 'voicemail', 'wrong_number'] as const;
export const DUE_STATES = ['upcoming', 'due', 'overdue'] as const;
export const PROMISE_STATUSES = ['open', 'kept', 'broken', 'cancelled'] as const;
/** 1 urgent, 2 normal, 3 low. */
export const PRIORITIES = [1, 2, 3] as const;

export const CallbackReason = z.enum(CALLBACK_REASONS);
export const AttemptOutcome = z.enum(ATTEMPT_OUTCOMES);
export const Priority = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type CallbackReason = z.infer<typeof CallbackReason>;
export type AttemptOutcomeName = z.infer<typeof AttemptOutcome>;

/** Who works the callback: me, a named agent, or a team's queue. */
export const Assignee = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('me') }),
  z.object({ kind: z.literal('agent'), agentId: Id }),
  z.object({ kind: z.literal('team'), teamId: Id }),
]);
export type Assignee = z.infer<typeof Assignee>;

const Zone = z.string().min(1, { error: 'validation.required' }).max(64, { error: 'validation.tooLong' });

export const CallbackCreate = z
  .object({
    customerId: Id.nullable(),
    /** A number as typed or one of the customer's; normalised by the core. */
    phone: z.string().trim().min(1, { error: 'validation.required' }).max(40, { error: 'validation.tooLong' }),
    reason: CallbackReason,
    windowStart: EpochMs,
    windowEnd: EpochMs,
    timeZone: Zone,
    priority: Priority.default(2),
    assignee: Assignee.default({ kind: 'me' }),
    note: z.string().trim().max(500, { error: 'validation.tooLong' }).nullable().default(null),
    complaintId: Id.nullable().default(null),
    promiseId: Id.nullable().default(null),
    interactionId: Id.nullable().default(null),
  })
  .strict();
export type CallbackCreate = z.infer<typeof CallbackCreate>;

export const AttemptView = z.object({ id: Id, at: EpochMs, outcome: AttemptOutcome, note: z.string().nullable(), agentName: z.string().nullable() });

export const CallbackView = z.object({
  id: Id,
  customerId: Id.nullable(),
  customerName: z.string().nullable(),
  /** Masked for agents unless revealed; the dial channel uses the real number. */
  phone: z.string(),
  phoneMasked: z.boolean(),
  reason: CallbackReason,
  windowStart: EpochMs,
  windowEnd: EpochMs,
  timeZone: z.string(),
  priority: z.number().int(),
  assigneeAgentId: Id.nullable(),
  assigneeAgentName: z.string().nullable(),
  assigneeTeamId: Id.nullable(),
  assigneeTeamName: z.string().nullable(),
  status: z.enum(CALLBACK_STATUSES),
  dueState: z.enum(DUE_STATES),
  attempts: z.array(AttemptView),
  escalated: z.boolean(),
  snoozedUntil: EpochMs.nullable(),
  complaintId: Id.nullable(),
  promiseId: Id.nullable(),
  interactionId: Id.nullable(),
  note: z.string().nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type CallbackView = z.infer<typeof CallbackView>;

export const CallbackCounts = z.object({ due: z.number().int(), overdue: z.number().int(), upcoming: z.number().int(), escalated: z.number().int() });
export type CallbackCounts = z.infer<typeof CallbackCounts>;

export const PromiseView = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  description: z.string(),
  dueAt: EpochMs,
  ownerAgentId: Id.nullable(),
  ownerAgentName: z.string().nullable(),
  status: z.enum(PROMISE_STATUSES),
  overdue: z.boolean(),
  complaintId: Id.nullable(),
  keptAt: EpochMs.nullable(),
  createdAt: EpochMs,
});
export type PromiseView = z.infer<typeof PromiseView>;

export const SchedulingSettings = z
  .object({
    quietHours: z.object({
      start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'validation.time' }),
      end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'validation.time' }),
    }),
    retry: z.object({
      maxAttempts: z.number().int().min(1, { error: 'validation.range' }).max(20, { error: 'validation.range' }),
      spacingMinutes: z.array(z.number().int().min(1).max(7 * 24 * 60)).min(1).max(10),
      giveUpAfterHours: z.number().int().min(1).max(24 * 30),
    }),
    /** A callback this long past its window's end goes to the team queue and the supervisor. */
    escalateAfterMinutes: z.number().int().min(1).max(7 * 24 * 60),
  })
  .strict();
export type SchedulingSettings = z.infer<typeof SchedulingSettings>;
