import { z } from 'zod';
import { normalizePhone } from '../domain/phone';
import { EpochMs, Id } from './ids';

// Enumerations of the domain (DESIGN.md "Domain"). Labels live in the i18n catalogues
// under the same keys, e.g. `enum.channel.wechat`.
export const CUSTOMER_KINDS = ['person', 'organisation'] as const;
export const CUSTOMER_STATUSES = ['prospect', 'active', 'churned'] as const;
export const GENDERS = ['female', 'male', 'unknown'] as const;
export const LANGUAGES = ['zh-CN', 'zh-TW', 'yue', 'en', 'ja', 'ko', 'other'] as const;
export const CHANNELS = ['phone', 'email', 'sms', 'wechat', 'web', 'walk_in', 'fax'] as const;
export const DIRECTIONS = ['in', 'out'] as const;
export const BOOKING_KINDS = ['tour', 'hotel', 'flight', 'package'] as const;
export const BOOKING_STATUSES = ['confirmed', 'completed', 'cancelled'] as const;
export const CHURN_REASONS = ['moved', 'competitor', 'price', 'quality', 'service', 'other'] as const;
export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export const TIERS = ['platinum', 'gold', 'iron', 'lead'] as const;
export const LIFECYCLE_STAGES = ['exploration', 'formation', 'stability', 'decline'] as const;

export const CustomerKind = z.enum(CUSTOMER_KINDS);
export const CustomerStatus = z.enum(CUSTOMER_STATUSES);
export const Gender = z.enum(GENDERS);
export const Language = z.enum(LANGUAGES);
export const Channel = z.enum(CHANNELS);
export const Role = z.enum(ROLES);
export const Tier = z.enum(TIERS);
export type CustomerKind = z.infer<typeof CustomerKind>;
export type CustomerStatus = z.infer<typeof CustomerStatus>;
export type Gender = z.infer<typeof Gender>;
export type Language = z.infer<typeof Language>;
export type Channel = z.infer<typeof Channel>;
export type Role = z.infer<typeof Role>;
export type Tier = z.infer<typeof Tier>;

const trimmed = (max: number) =>
  z.string().trim().max(max, { error: 'validation.tooLong' });
const optionalText = (max: number) => trimmed(max).nullable();

/** A phone as a person types it; must normalise to a valid number. */
export const PhoneInput = z
  .string()
  .trim()
  .min(1, { error: 'validation.required' })
  .refine((raw) => normalizePhone(raw) !== null, { error: 'validation.phone' });

export const EmailInput = z.email({ error: 'validation.email' }).max(254, { error: 'validation.tooLong' });

const BirthDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && d.getTime() <= Date.now() && s >= '1900-01-01';
  }, { error: 'validation.birthDate' })
  .nullable();

/** Fields an agent may edit on a profile; everything optional, only sent fields change. */
export const CustomerPatch = z
  .object({
    name: z.string().trim().min(1, { error: 'validation.required' }).max(100, { error: 'validation.tooLong' }),
    status: CustomerStatus,
    gender: Gender,
    birthDate: BirthDate,
    occupation: optionalText(100),
    company: optionalText(200),
    province: optionalText(50),
    city: optionalText(50),
    addressLine: optionalText(300),
    language: Language,
    preferredChannel: Channel,
    doNotContact: z.boolean(),
    marketingConsent: z.boolean(),
    churnReason: z.enum(CHURN_REASONS).nullable(),
    notes: optionalText(2000),
    phones: z.array(PhoneInput).max(10, { error: 'validation.tooMany' }),
    emails: z.array(EmailInput).max(10, { error: 'validation.tooMany' }),
  })
  .partial()
  .strict();
export type CustomerPatch = z.infer<typeof CustomerPatch>;

export const CustomerCreate = CustomerPatch.extend({
  name: CustomerPatch.shape.name.unwrap(),
  kind: CustomerKind.default('person'),
});
export type CustomerCreate = z.infer<typeof CustomerCreate>;

export const PhoneView = z.object({
  id: Id,
  /** Full E.164 only when the caller's role may see it or it was revealed; masked otherwise. */
  display: z.string(),
  masked: z.boolean(),
  kind: z.enum(['mobile', 'landline', 'other']),
  isPrimary: z.boolean(),
});
export const EmailView = z.object({ id: Id, display: z.string(), masked: z.boolean(), isPrimary: z.boolean() });

export const CustomerSummary = z.object({
  id: Id,
  kind: CustomerKind,
  name: z.string(),
  memberNo: z.string().nullable(),
  city: z.string().nullable(),
  tier: Tier,
  phone: z.string().nullable(),
  matchedField: z.enum(['name', 'pinyin', 'initials', 'phone', 'email', 'member']),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const SearchResult = z.object({
  query: z.string(),
  items: z.array(CustomerSummary),
  /** True when more customers matched than were returned. */
  more: z.boolean(),
  tookMs: z.number(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const Customer = z.object({
  id: Id,
  kind: CustomerKind,
  status: CustomerStatus,
  memberNo: z.string().nullable(),
  name: z.string(),
  gender: Gender,
  birthDate: z.string().nullable(),
  occupation: z.string().nullable(),
  company: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  addressLine: z.string().nullable(),
  language: Language,
  preferredChannel: Channel,
  doNotContact: z.boolean(),
  marketingConsent: z.boolean(),
  churnReason: z.enum(CHURN_REASONS).nullable(),
  notes: z.string().nullable(),
  homeBranchId: Id.nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Customer = z.infer<typeof Customer>;

export const BookingView = z.object({
  id: Id,
  kind: z.enum(BOOKING_KINDS),
  status: z.enum(BOOKING_STATUSES),
  product: z.string(),
  reference: z.string(),
  startsAt: EpochMs,
  endsAt: EpochMs,
  bookedAt: EpochMs,
  amountCents: z.number().int(),
  marginCents: z.number().int(),
  currency: z.string(),
});
export type BookingView = z.infer<typeof BookingView>;

export const InteractionView = z.object({
  id: Id,
  channel: Channel,
  direction: z.enum(DIRECTIONS),
  startedAt: EpochMs,
  durationS: z.number().int().nullable(),
  agentName: z.string().nullable(),
  disposition: z.string().nullable(),
  summary: z.string().nullable(),
});
export type InteractionView = z.infer<typeof InteractionView>;

export const MetricsView = z.object({
  profit12mCents: z.number(),
  revenue12mCents: z.number(),
  bookings12m: z.number(),
  lastBookingAt: z.number().nullable(),
  tier: Tier,
  rfm: z.object({ r: z.number(), f: z.number(), m: z.number(), code: z.string() }),
  clvCents: z.number(),
  lifecycle: z.enum(LIFECYCLE_STAGES),
});

export const CreditView = z.object({
  limitCents: z.number().int(),
  rating: z.string(),
  overdueCents: z.number().int(),
  currency: z.string(),
});

export const CustomerProfile = z.object({
  customer: Customer,
  phones: z.array(PhoneView),
  emails: z.array(EmailView),
  preferences: z.array(z.object({ category: z.string(), value: z.string() })),
  credit: CreditView.nullable(),
  contacts: z.array(z.object({ id: Id, name: z.string(), title: z.string().nullable() })),
  metrics: MetricsView,
  bookings: z.array(BookingView),
  interactions: z.array(InteractionView),
  openComplaints: z.number().int(),
  openCallbacks: z.number().int(),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;
