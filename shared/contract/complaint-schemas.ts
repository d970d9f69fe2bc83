import { z } from 'zod';
import {
  CATEGORIES,
  CHANNELS,
  REMEDIES,
  SEVERITIES,
  SUBCATEGORIES,
} from '../domain/complaint-flow/types';
import { EpochMs, Id } from './ids';

// The complaint wizard (投诉处理六步法) over the wire. The rules themselves — which step may
// follow which, what each step's data must hold — are the pure state machine in
// shared/domain/complaint-flow; these schemas only carry its state and events.

export const ComplaintCategory = z.enum(CATEGORIES);
export const ComplaintSubcategory = z.enum(SUBCATEGORIES);
export const ComplaintSeverity = z.enum(SEVERITIES);
export const ComplaintChannel = z.enum(CHANNELS);
export const ComplaintRemedy = z.enum(REMEDIES);
export const ComplaintStep = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]);
export const SlaStateName = z.enum(['ok', 'due_soon', 'breached']);
export const StartSourceName = z.enum(['call', 'profile', 'search']);

/**
 * A step's data as the form sends it: loosely typed on the wire (a draft is partial), checked
 * by the flow's validators, which answer field → i18n key. Bounded so a draft cannot grow the
 * store without limit.
 */
export const StepDraft = z
  .record(z.string().max(40), z.union([z.string().max(4000, { error: 'validation.tooLong' }), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= 20, { error: 'validation.tooLong' });
export type StepDraft = z.infer<typeof StepDraft>;

export const ComplaintStepView = z.object({
  id: Id,
  step: ComplaintStep,
  round: z.number().int(),
  state: z.enum(['draft', 'done']),
  outcome: z.enum(['accepted', 'rejected', 'unsatisfied', 'satisfied']).nullable(),
  data: z.record(z.string(), z.unknown()),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  contactId: Id.nullable(),
  startedAt: EpochMs,
  completedAt: EpochMs.nullable(),
  slaDueAt: EpochMs.nullable(),
  slaState: SlaStateName,
  updatedAt: EpochMs,
});
export type ComplaintStepView = z.infer<typeof ComplaintStepView>;

export const ComplaintView = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  interactionId: Id.nullable(),
  bookingId: Id.nullable(),
  status: z.enum(['open', 'closed']),
  currentStep: ComplaintStep,
  round: z.number().int(),
  source: StartSourceName,
  firstContact: z.boolean(),
  category: ComplaintCategory.nullable(),
  subcategory: ComplaintSubcategory.nullable(),
  severity: ComplaintSeverity.nullable(),
  firstContactResolution: z.boolean(),
  reopenCount: z.number().int(),
  escalated: z.boolean(),
  ownerAgentId: Id.nullable(),
  ownerAgentName: z.string().nullable(),
  teamId: Id.nullable(),
  openedAt: EpochMs,
  closedAt: EpochMs.nullable(),
  /** The current step's clock; null when closed or waiting to close. */
  slaDueAt: EpochMs.nullable(),
  slaState: SlaStateName,
  /** The follow-up callback of step 5, when one is scheduled. */
  followUpCallbackId: Id.nullable(),
  /** Step 4's amount is above the approval threshold and no supervisor has approved it yet. */
  awaitingApproval: z.boolean(),
  /** Every record, every round, oldest first (history is never rewritten). */
  steps: z.array(ComplaintStepView),
  reopens: z.array(z.object({ at: EpochMs, actorName: z.string().nullable(), reason: z.string(), round: z.number().int() })),
  updatedAt: EpochMs,
});
export type ComplaintView = z.infer<typeof ComplaintView>;

export const ComplaintListItem = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  status: z.enum(['open', 'closed']),
  currentStep: ComplaintStep,
  category: ComplaintCategory.nullable(),
  subcategory: ComplaintSubcategory.nullable(),
  severity: ComplaintSeverity.nullable(),
  slaDueAt: EpochMs.nullable(),
  slaState: SlaStateName,
  ownerAgentId: Id.nullable(),
  ownerAgentName: z.string().nullable(),
  escalated: z.boolean(),
  awaitingApproval: z.boolean(),
  openedAt: EpochMs,
  updatedAt: EpochMs,
});
export type ComplaintListItem = z.infer<typeof ComplaintListItem>;

export const ComplaintListFilter = z
  .object({
    scope: z.enum(['mine', 'team', 'all']),
    status: z.enum(['open', 'closed', 'any']).default('open'),
    /** Only those whose current step's SLA is breached. */
    overdueOnly: z.boolean().default(false),
    step: ComplaintStep.optional(),
    category: ComplaintCategory.optional(),
    severity: ComplaintSeverity.optional(),
    sla: SlaStateName.optional(),
    customerId: Id.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type ComplaintListFilter = z.input<typeof ComplaintListFilter>;

export const ComplaintCounts = z.object({
  mine: z.number().int(),
  team: z.number().int(),
  overdue: z.number().int(),
  awaitingApproval: z.number().int(),
});
export type ComplaintCounts = z.infer<typeof ComplaintCounts>;

const Hours = z.number().positive({ error: 'validation.range' }).max(24 * 90, { error: 'validation.range' });
const StepHours = z.tuple([Hours, Hours, Hours, Hours, Hours, Hours]);

export const ComplaintSettings = z
  .object({
    /** Hours allowed per step (listen … reflect), per severity. */
    sla: z.object({ low: StepHours, medium: StepHours, high: StepHours, critical: StepHours }),
    /** Remedies above this amount (minor units) need a supervisor's approval. */
    approvalThresholdCents: z.number().int().min(0, { error: 'validation.range' }).max(100_000_000, { error: 'validation.range' }),
    /** Currency the remedy form proposes. */
    defaultCurrency: z.string().regex(/^[A-Z]{3}$/, { error: 'validation.currency' }),
  })
  .strict();
export type ComplaintSettings = z.infer<typeof ComplaintSettings>;

export const ComplaintReport = z.object({
  from: EpochMs,
  to: EpochMs,
  /** Complaints opened in the period. */
  opened: z.number().int(),
  closed: z.number().int(),
  byCategory: z.array(z.object({ category: ComplaintCategory.nullable(), subcategory: ComplaintSubcategory.nullable(), count: z.number().int() })),
  byRootCause: z.array(z.object({ rootCause: z.string(), count: z.number().int() })),
  /** Of the complaints closed in the period, how many were resolved on first contact. */
  firstContactResolution: z.object({ resolved: z.number().int(), closed: z.number().int(), rate: z.number().nullable() }),
  /** Mean hours from a step record's start to its completion (done records started in the period). */
  stepHours: z.array(z.object({ step: ComplaintStep, meanHours: z.number().nullable(), count: z.number().int() })),
  /** Accepted remedies and their cost, per remedy and currency. */
  remedies: z.array(z.object({ remedy: ComplaintRemedy, currency: z.string().nullable(), count: z.number().int(), amountCents: z.number().int() })),
  /** Reached follow-ups: satisfied or not. */
  satisfaction: z.object({ reached: z.number().int(), satisfied: z.number().int(), rate: z.number().nullable() }),
});
export type ComplaintReport = z.infer<typeof ComplaintReport>;

const ComplaintId = z.object({ id: Id }).strict();
export const complaintInputs = {
  start: z
    .object({
      customerId: Id,
      source: StartSourceName,
      /** The call being handled (screen pop), if any; links the complaint to that interaction. */
      interactionId: Id.nullable().default(null),
      bookingId: Id.nullable().default(null),
      /** Started while handling the customer's first contact about this problem. */
      firstContact: z.boolean().default(true),
    })
    .strict(),
  id: ComplaintId,
  step: z.object({ id: Id, step: ComplaintStep, data: StepDraft }).strict(),
  reject: z.object({ id: Id, then: z.enum(['analyse', 'escalate']), data: StepDraft.optional() }).strict(),
  followUp: z.object({ id: Id, reached: z.boolean(), satisfied: z.boolean().nullable().default(null), note: z.string().trim().max(500, { error: 'validation.tooLong' }).nullable().default(null) }).strict(),
  reopen: z.object({ id: Id, reason: z.string().trim().min(1, { error: 'validation.required' }).max(500, { error: 'validation.tooLong' }) }).strict(),
  reassign: z.object({ ids: z.array(Id).min(1).max(500), agentId: Id }).strict(),
  report: z.object({ from: EpochMs, to: EpochMs }).strict(),
};
