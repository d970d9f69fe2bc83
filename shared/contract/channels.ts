import { z } from 'zod';
import {
  CustomerCreate,
  CustomerPatch,
  CustomerProfile,
  Language,
  Role,
  SearchResult,
} from './customer-schemas';
import { AmiSettings, CallCard, CtiStatus, Disposition } from './call-schemas';
import {
  AttemptOutcome,
  Assignee,
  CallbackCounts,
  CallbackCreate,
  CallbackView,
  PromiseView,
  SchedulingSettings,
} from './callback-schemas';
import {
  ComplaintCounts,
  ComplaintListFilter,
  ComplaintListItem,
  ComplaintReport,
  ComplaintSettings,
  ComplaintView,
  complaintInputs,
} from './complaint-schemas';
import { EpochMs, Id } from './ids';
import { Conflict, ParkedChange, SyncSettings, SyncStatus } from './sync-schemas';
import {
  AgentStateName,
  CentreReport,
  ReportRequest,
  WallboardSettings,
  WallboardSnapshot,
  wallboardInputs,
} from './wallboard-schemas';

// The one declaration of every renderer→core call and core→renderer event.
// Main registers a handler per entry, the preload exposes a method per entry, the browser
// host serves the same map over a WebSocket, and the renderer's client is typed from it.

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Roles allowed to call; absent means every signed-in role. */
  roles?: readonly z.infer<typeof Role>[];
}

const def = <I extends z.ZodType, O extends z.ZodType>(d: ChannelDef<I, O>) => d;

export const SessionInfo = z.object({
  seatId: Id,
  agent: z.object({ id: Id, name: z.string(), role: Role }),
  locale: z.enum(['zh-CN', 'zh-TW', 'en']),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
export const UiLocale = z.enum(['zh-CN', 'zh-TW', 'en']);
export type UiLocale = z.infer<typeof UiLocale>;

export const channels = {
  'session.get': def({ input: z.object({}).strict(), output: SessionInfo }),
  'session.setLocale': def({
    input: z.object({ locale: UiLocale }).strict(),
    output: z.object({ locale: UiLocale }),
  }),
  'customers.search': def({
    input: z
      .object({
        query: z.string().max(100, { error: 'validation.tooLong' }),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: SearchResult,
  }),
  'customers.get': def({ input: z.object({ id: Id }).strict(), output: CustomerProfile }),
  'customers.create': def({ input: z.object({ customer: CustomerCreate }).strict(), output: CustomerProfile }),
  'customers.update': def({
    input: z
      .object({
        id: Id,
        patch: CustomerPatch,
        /** The updatedAt the editor started from; a newer row answers `conflict`. */
        baseUpdatedAt: z.number().int().optional(),
      })
      .strict(),
    output: CustomerProfile,
  }),
  /** Full phones and emails of one customer; every call is an audited read of personal data. */
  'customers.revealContacts': def({
    input: z.object({ id: Id }).strict(),
    output: z.object({ phones: z.array(z.string()), emails: z.array(z.string()) }),
  }),

  // Screen pop (CTI). A call is identified by the source's call id (AMI: the Linkedid).
  /** The calls the seat is handling now (a reloaded window asks for them). */
  'calls.active': def({ input: z.object({}).strict(), output: z.object({ calls: z.array(CallCard) }) }),
  /** Training and tests: ring the seat with a chosen or random demo caller, then answer or hang up. */
  'calls.simulate': def({
    input: z.discriminatedUnion('action', [
      z
        .object({
          action: z.literal('ring'),
          from: z.string().trim().max(40, { error: 'validation.tooLong' }).optional(),
          dnis: z.string().trim().max(40, { error: 'validation.tooLong' }).optional(),
          queue: z.string().trim().max(80).optional(),
        })
        .strict(),
      z.object({ action: z.enum(['answer', 'hangup']), callId: z.string().min(1).max(100) }).strict(),
    ]),
    output: z.object({ callId: z.string() }),
  }),
  /** For sources that cannot tell (URL, command line): the agent marks answer and hang-up. */
  'calls.setState': def({
    input: z.object({ callId: z.string().min(1).max(100), state: z.enum(['answered', 'ended']) }).strict(),
    output: CallCard,
  }),
  'calls.chooseCustomer': def({
    input: z.object({ callId: z.string().min(1).max(100), customerId: Id }).strict(),
    output: CallCard,
  }),
  /** Quick-create from an unknown caller's card; the caller's number is added by the core. */
  'calls.createCustomer': def({
    input: z.object({ callId: z.string().min(1).max(100), customer: CustomerCreate.omit({ phones: true }) }).strict(),
    output: CallCard,
  }),
  'calls.wrapUp': def({
    input: z
      .object({
        callId: z.string().min(1).max(100),
        disposition: Disposition,
        summary: z.string().trim().max(200, { error: 'validation.tooLong' }),
      })
      .strict(),
    output: CallCard,
  }),
  /** Accept the callback a missed call offers: due in the next two hours, assigned to this seat. */
  'calls.acceptCallbackOffer': def({ input: z.object({ callId: z.string().min(1).max(100) }).strict(), output: CallCard }),
  /** Close the card (after wrap-up, or a missed call the agent has dealt with). */
  'calls.dismiss': def({ input: z.object({ callId: z.string().min(1).max(100) }).strict(), output: z.object({}) }),
  'cti.status': def({ input: z.object({}).strict(), output: CtiStatus }),
  'cti.getSettings': def({
    input: z.object({}).strict(),
    output: z.object({ ami: AmiSettings.omit({ secret: true }).extend({ hasSecret: z.boolean() }).nullable() }),
  }),
  /** Save the seat's PBX connection (null turns AMI off) and reconnect with it. */
  'cti.configure': def({
    input: z.object({ ami: AmiSettings.nullable() }).strict(),
    output: CtiStatus,
  }),

  // Callbacks and service promises.
  'callbacks.create': def({ input: z.object({ callback: CallbackCreate }).strict(), output: CallbackView }),
  /** My queue, my team's, or (supervisors) everyone's; open ones sorted by due and priority. */
  'callbacks.list': def({
    input: z
      .object({
        scope: z.enum(['mine', 'team', 'all']),
        status: z.enum(['open', 'closed']).default('open'),
        from: EpochMs.optional(),
        to: EpochMs.optional(),
        agentId: Id.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: z.object({ items: z.array(CallbackView), counts: CallbackCounts }),
  }),
  'callbacks.get': def({ input: z.object({ id: Id }).strict(), output: CallbackView }),
  /** Hands the number to the CTI source when it can dial (AMI Originate); otherwise returns it to copy. */
  'callbacks.dial': def({
    input: z.object({ id: Id }).strict(),
    output: z.object({ dialed: z.boolean(), number: z.string() }),
  }),
  'callbacks.recordAttempt': def({
    input: z
      .object({
        id: Id,
        outcome: AttemptOutcome,
        note: z.string().trim().max(500, { error: 'validation.tooLong' }).nullable().default(null),
        /** A complaint follow-up that reached the customer: were they satisfied with the outcome? */
        satisfied: z.boolean().nullable().default(null),
      })
      .strict(),
    output: CallbackView,
  }),
  'callbacks.reschedule': def({
    input: z.object({ id: Id, windowStart: EpochMs, windowEnd: EpochMs, timeZone: z.string().min(1).max(64).optional() }).strict(),
    output: CallbackView,
  }),
  'callbacks.snooze': def({
    input: z.object({ id: Id, minutes: z.number().int().min(1).max(24 * 60) }).strict(),
    output: CallbackView,
  }),
  'callbacks.cancel': def({ input: z.object({ id: Id }).strict(), output: CallbackView }),
  'callbacks.reassign': def({
    input: z.object({ ids: z.array(Id).min(1).max(500), assignee: Assignee }).strict(),
    output: z.object({ updated: z.number().int() }),
    roles: ['supervisor', 'admin'],
  }),
  'callbacks.counts': def({ input: z.object({}).strict(), output: CallbackCounts }),
  'callbacks.getSettings': def({ input: z.object({}).strict(), output: SchedulingSettings }),
  'callbacks.setSettings': def({ input: z.object({ settings: SchedulingSettings }).strict(), output: SchedulingSettings, roles: ['supervisor', 'admin'] }),
  'agents.list': def({
    input: z.object({}).strict(),
    output: z.object({
      agents: z.array(z.object({ id: Id, name: z.string(), role: Role, teamId: Id.nullable() })),
      teams: z.array(z.object({ id: Id, name: z.string() })),
    }),
  }),
  'promises.create': def({
    input: z
      .object({
        customerId: Id,
        description: z.string().trim().min(1, { error: 'validation.required' }).max(300, { error: 'validation.tooLong' }),
        dueAt: EpochMs,
        complaintId: Id.nullable().default(null),
      })
      .strict(),
    output: PromiseView,
  }),
  'promises.list': def({
    input: z.object({ scope: z.enum(['mine', 'all']), status: z.enum(['open', 'closed']).default('open'), customerId: Id.optional() }).strict(),
    output: z.object({ items: z.array(PromiseView) }),
  }),
  'promises.setStatus': def({
    input: z.object({ id: Id, status: z.enum(['kept', 'broken', 'cancelled']) }).strict(),
    output: PromiseView,
  }),

  // The complaint wizard. Every write runs one event through shared/domain/complaint-flow.
  'complaints.start': def({ input: complaintInputs.start, output: ComplaintView }),
  'complaints.get': def({ input: complaintInputs.id, output: ComplaintView }),
  /** Keeps a partial step (anyone on the team may resume it); the SLA clock keeps running. */
  'complaints.saveDraft': def({ input: complaintInputs.step, output: ComplaintView }),
  /** Completes the current step; refusals answer invalid_input with field → i18n key. */
  'complaints.completeStep': def({ input: complaintInputs.step, output: ComplaintView }),
  /** Step 4: the customer refused the remedy; back to analyse, or escalate to a supervisor. */
  'complaints.rejectRemedy': def({ input: complaintInputs.reject, output: ComplaintView }),
  'complaints.approveRemedy': def({ input: complaintInputs.id, output: ComplaintView, roles: ['supervisor', 'admin'] }),
  /** Step 5: the follow-up call's result; records an attempt on the follow-up callback too. */
  'complaints.recordFollowUp': def({ input: complaintInputs.followUp, output: ComplaintView }),
  'complaints.close': def({ input: complaintInputs.id, output: ComplaintView }),
  'complaints.reopen': def({ input: complaintInputs.reopen, output: ComplaintView }),
  'complaints.list': def({
    input: ComplaintListFilter,
    output: z.object({ items: z.array(ComplaintListItem), counts: ComplaintCounts }),
  }),
  'complaints.counts': def({ input: z.object({}).strict(), output: ComplaintCounts }),
  'complaints.reassign': def({
    input: complaintInputs.reassign,
    output: z.object({ updated: z.number().int() }),
    roles: ['supervisor', 'admin'],
  }),
  'complaints.report': def({ input: complaintInputs.report, output: ComplaintReport, roles: ['supervisor', 'admin'] }),
  'complaints.getSettings': def({ input: z.object({}).strict(), output: ComplaintSettings }),
  'complaints.setSettings': def({
    input: z.object({ settings: ComplaintSettings }).strict(),
    output: ComplaintSettings,
    roles: ['supervisor', 'admin'],
  }),

  // Synchronisation with the hub.
  'sync.status': def({ input: z.object({}).strict(), output: SyncStatus }),
  'sync.getSettings': def({
    input: z.object({}).strict(),
    output: z.object({ hubUrl: z.string().nullable(), hasToken: z.boolean() }),
  }),
  /** null turns sync off (the outbox keeps growing and drains once it is on again). */
  'sync.configure': def({
    input: z.object({ settings: SyncSettings.nullable() }).strict(),
    output: SyncStatus,
    roles: ['supervisor', 'admin'],
  }),
  /** Push and pull now instead of waiting for the next retry. */
  'sync.now': def({ input: z.object({}).strict(), output: SyncStatus }),
  'sync.parked': def({ input: z.object({}).strict(), output: z.object({ items: z.array(ParkedChange) }) }),
  /** The hub's open conflicts (asks the hub; unavailable while offline). */
  'sync.conflicts': def({
    input: z.object({ status: z.enum(['open', 'resolved']).default('open') }).strict(),
    output: z.object({ conflicts: z.array(Conflict) }),
    roles: ['supervisor', 'admin'],
  }),
  'sync.resolveConflict': def({
    input: z.object({ id: z.string().min(1).max(100), keep: z.enum(['winner', 'loser']) }).strict(),
    output: Conflict,
    roles: ['supervisor', 'admin'],
  }),

  // Presence and the supervisor's wallboard.
  /** The signed-in agent's own state (break / back); ringing, on call and wrap-up follow the calls. */
  'presence.get': def({ input: z.object({}).strict(), output: z.object({ state: AgentStateName, since: EpochMs }) }),
  'presence.set': def({ input: wallboardInputs.setMyState, output: z.object({ state: AgentStateName, since: EpochMs }) }),
  'wallboard.get': def({ input: z.object({}).strict(), output: WallboardSnapshot, roles: ['supervisor', 'admin'] }),
  'wallboard.getSettings': def({ input: z.object({}).strict(), output: WallboardSettings, roles: ['supervisor', 'admin'] }),
  'wallboard.setSettings': def({
    input: z.object({ settings: WallboardSettings }).strict(),
    output: WallboardSettings,
    roles: ['supervisor', 'admin'],
  }),
  /** Force an agent onto break, back to available, or log them out (through the hub to their seat). */
  'wallboard.setAgentState': def({
    input: wallboardInputs.setAgentState,
    output: z.object({ delivered: z.boolean() }),
    roles: ['supervisor', 'admin'],
  }),
  'reports.centre': def({ input: ReportRequest, output: CentreReport, roles: ['supervisor', 'admin'] }),
} as const;

export const events = {
  'customer.changed': z.object({ id: Id }),
  /** A call rang, was answered, ended, or its card changed (customer chosen, wrapped up…). */
  'call.changed': CallCard,
  'call.dismissed': z.object({ callId: z.string() }),
  'cti.statusChanged': CtiStatus,
  /** A callback's window opened (or its snooze ended): exactly once per due moment, across restarts. */
  'callback.due': CallbackView,
  'callbacks.changed': z.object({ ids: z.array(Id) }),
  'callbacks.countsChanged': CallbackCounts,
  'complaints.changed': z.object({ ids: z.array(Id) }),
  'complaints.countsChanged': ComplaintCounts,
  'sync.statusChanged': SyncStatus,
  /** Rows another seat changed arrived from the hub (the renderer refreshes what it shows). */
  'sync.pulled': z.object({ entities: z.array(z.string()) }),
  /** Supervisors only: a new wallboard snapshot (from the hub's stream, or recomputed locally). */
  'wallboard.updated': WallboardSnapshot,
  /** This seat's agent state changed (calls, break, or a supervisor's command). */
  'presence.changed': z.object({ state: AgentStateName, since: EpochMs, by: z.enum(['self', 'calls', 'supervisor']) }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.infer<Channels[C]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** Language is re-exported for the UI's language field. */
export { Language };
