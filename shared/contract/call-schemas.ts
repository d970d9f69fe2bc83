import { z } from 'zod';
import {
  BookingView,
  Channel,
  CustomerKind,
  CustomerSummary,
  Gender,
  InteractionView,
  Language,
  LIFECYCLE_STAGES,
  Tier,
} from './customer-schemas';
import { EpochMs, Id } from './ids';

// Screen pop: what the core sends the moment a call rings at the seat, and what the agent
// does with it (choose among several matches, quick-create an unknown caller, wrap up).

export const CALL_SOURCES = ['ami', 'url', 'cli', 'simulator'] as const;
export const CALL_STATES = ['ringing', 'answered', 'ended'] as const;
/** Wrap-up (disposition) quick codes; labels under `enum.disposition.*`. */
export const DISPOSITIONS = [
  'booking',
  'inquiry',
  'change',
  'cancellation',
  'complaint',
  'billing',
  'callback',
  'wrong_number',
  'other',
] as const;
export const SLA_STATES = ['ok', 'due_soon', 'breached'] as const;

export const CallSource = z.enum(CALL_SOURCES);
export const CallState = z.enum(CALL_STATES);
export const Disposition = z.enum(DISPOSITIONS);
export type CallSource = z.infer<typeof CallSource>;
export type CallState = z.infer<typeof CallState>;
export type Disposition = z.infer<typeof Disposition>;

/** A caller number as the agent may see it: masked unless the role may see phones. */
export const CallerNumber = z.object({
  display: z.string(),
  masked: z.boolean(),
  /** ISO country of the number ('CN', 'HK', 'US'…) when it parses. */
  country: z.string().nullable(),
  /** The landline's city (from its area code) or 'mobile'; null when unknown. */
  area: z.string().nullable(),
});
export type CallerNumber = z.infer<typeof CallerNumber>;

export const CardComplaint = z.object({
  id: Id,
  step: z.number().int().min(1).max(6),
  category: z.string().nullable(),
  severity: z.string().nullable(),
  openedAt: EpochMs,
  slaDueAt: EpochMs.nullable(),
  slaState: z.enum(SLA_STATES),
});
export const CardCallback = z.object({
  id: Id,
  reason: z.string(),
  windowStart: EpochMs,
  windowEnd: EpochMs,
  overdue: z.boolean(),
});
export const CardPromise = z.object({ id: Id, description: z.string(), dueAt: EpochMs, overdue: z.boolean() });

/** Everything an agent needs in the first three seconds of a call. */
export const CardCustomer = z.object({
  id: Id,
  kind: CustomerKind,
  name: z.string(),
  gender: Gender,
  memberNo: z.string().nullable(),
  tier: Tier,
  vip: z.boolean(),
  language: Language,
  preferredChannel: Channel,
  lifecycle: z.enum(LIFECYCLE_STAGES),
  clvCents: z.number(),
  profit12mCents: z.number(),
  travellingNow: z.array(BookingView),
  arrivingSoon: z.array(BookingView),
  openComplaints: z.array(CardComplaint),
  callbacksDue: z.array(CardCallback),
  promisesDue: z.array(CardPromise),
  lastContacts: z.array(InteractionView),
  preferences: z.array(z.object({ category: z.string(), value: z.string() })),
  credit: z
    .object({ limitCents: z.number().int(), overdueCents: z.number().int(), rating: z.string(), currency: z.string(), warning: z.boolean() })
    .nullable(),
  doNotContact: z.boolean(),
  marketingConsent: z.boolean(),
});
export type CardCustomer = z.infer<typeof CardCustomer>;

export const CallMatch = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), customer: CardCustomer }),
  /** A shared company line or a family: the agent picks; ranked by recency and tier. */
  z.object({ kind: z.literal('choose'), candidates: z.array(CustomerSummary.extend({ lastContactAt: EpochMs.nullable() })) }),
  z.object({
    kind: z.literal('unknown'),
    earlierCalls: z.array(z.object({ at: EpochMs, outcome: z.string().nullable(), durationS: z.number().int().nullable() })),
  }),
]);
export type CallMatch = z.infer<typeof CallMatch>;

export const CallCard = z.object({
  callId: z.string(),
  interactionId: Id,
  source: CallSource,
  state: CallState,
  caller: CallerNumber,
  /** The number dialled (DNIS) and the hotel or line it belongs to. */
  dnis: z.string().nullable(),
  lineName: z.string().nullable(),
  queue: z.string().nullable(),
  waitS: z.number().int().nullable(),
  ringAt: EpochMs,
  answeredAt: EpochMs.nullable(),
  endedAt: EpochMs.nullable(),
  /** Hung up before anyone answered. */
  missed: z.boolean(),
  callbackOffered: z.boolean(),
  callbackId: Id.nullable(),
  wrappedUp: z.boolean(),
  match: CallMatch,
});
export type CallCard = z.infer<typeof CallCard>;

export const CTI_STATES = ['off', 'connecting', 'connected', 'disconnected', 'auth_failed'] as const;
export const CtiStatus = z.object({
  source: z.enum(['none', 'ami']),
  state: z.enum(CTI_STATES),
  extension: z.string().nullable(),
  host: z.string().nullable(),
  /** Ignored input since start: a PBX speaking oddly shows up here instead of crashing the seat. */
  malformedLines: z.number().int(),
  unknownEvents: z.number().int(),
  lastError: z.string().nullable(),
  canDial: z.boolean(),
});
export type CtiStatus = z.infer<typeof CtiStatus>;

export const AmiSettings = z
  .object({
    host: z.string().trim().min(1, { error: 'validation.required' }).max(255, { error: 'validation.tooLong' }),
    port: z.number().int().min(1, { error: 'validation.port' }).max(65535, { error: 'validation.port' }),
    username: z.string().trim().min(1, { error: 'validation.required' }).max(100, { error: 'validation.tooLong' }),
    secret: z.string().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' }),
    extension: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z_*#-]{1,20}$/, { error: 'validation.extension' }),
  })
  .strict();
export type AmiSettings = z.infer<typeof AmiSettings>;
