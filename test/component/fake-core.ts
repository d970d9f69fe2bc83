import type { z } from 'zod';
import type { CoreApi } from '../../renderer/api/core-api';
import {
  channels,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
  type EventName,
  type EventPayload,
  type SessionInfo,
} from '../../shared/contract/channels';
import type { AmiSettings, CallCard, CallMatch, CardCustomer, CtiStatus } from '../../shared/contract/call-schemas';
import type {
  BookingView,
  Customer,
  CustomerProfile,
  CustomerSummary,
  InteractionView,
} from '../../shared/contract/customer-schemas';
import { CoreError, type Result } from '../../shared/contract/result';
import type { CallbackCounts, CallbackView, PromiseView, SchedulingSettings } from '../../shared/contract/callback-schemas';
import { DEFAULT_QUIET_HOURS, isQuiet } from '../../shared/domain/callback-rules';
import { formatPhone, maskPhone, normalizePhone, type PhoneKind } from '../../shared/domain/phone';
import { createFakeComplaints, type FakeComplaint } from './fake-complaints';
import { createFakeSync, type FakeSync } from './fake-sync';
import { createFakeWallboard, type FakeWallboard } from './fake-wallboard';

// An in-memory stand-in for the core, answering through the real contract: inputs are validated
// with the contract's zod schemas exactly like electron/core/dispatch.ts does, so field errors
// come back with the same paths ('patch.emails.0') the real core sends.

export interface FakeCustomer {
  customer: Customer;
  pinyin: string;
  phones: { e164: string; kind: PhoneKind }[];
  emails: string[];
  profile: Omit<CustomerProfile, 'customer' | 'phones' | 'emails'>;
}

type Handler<C extends ChannelName> = (
  input: ChannelParsedInput<C>,
) => ChannelOutput<C> | Result<ChannelOutput<C>> | Promise<ChannelOutput<C> | Result<ChannelOutput<C>>>;

export interface FakeCore extends CoreApi {
  readonly session: SessionInfo;
  readonly customers: Map<string, FakeCustomer>;
  /** Every call in order, with the input as sent. */
  readonly calls: Array<{ channel: ChannelName; input: unknown }>;
  callsTo<C extends ChannelName>(channel: C): ChannelInput<C>[];
  /** Replace one channel's behaviour (return a value, a Result, or a promise of either). */
  override<C extends ChannelName>(channel: C, handler: Handler<C>): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Someone else edits the customer: updatedAt moves on and `customer.changed` is announced. */
  changeBehindTheScenes(id: string, changes: Partial<Customer>): void;

  /** The calls the core is tracking for the seat (what calls.active answers). */
  readonly activeCalls: Map<string, CallCard>;
  ctiStatus: CtiStatus;
  amiSettings: AmiSettings | null;
  /** A call rings at the seat: kept and announced with `call.changed`, as the core does. */
  ring(card: CallCard): void;
  /** The PBX says something happened to a call (answered, hung up…): merged, kept, announced. */
  updateCall(callId: string, changes: Partial<CallCard>): CallCard;

  /** Callbacks by id (dueState is worked out from the clock when listed). */
  readonly callbacks: Map<string, CallbackView>;
  readonly promises: Map<string, PromiseView>;
  readonly agents: ChannelOutput<'agents.list'>;
  /** Keep a callback as if the core had scheduled it; returns it as stored. */
  addCallback(fields: Partial<CallbackView> & Pick<CallbackView, 'windowStart' | 'windowEnd'>): CallbackView;
  /** Complaints by id, run through the real complaint-flow state machine. */
  readonly complaints: Map<string, FakeComplaint>;
  /** Sync status, parked changes, conflicts and settings (in memory; setStatus announces). */
  readonly sync: FakeSync;
  /** The wallboard snapshot (update announces), settings, this seat's presence, the centre report. */
  readonly wallboard: FakeWallboard;
}

let idCounter = 0;
/** A valid UUIDv7-shaped id. */
export function fakeId(): string {
  idCounter += 1;
  const n = idCounter.toString(16).padStart(12, '0');
  return `01900000-0000-7000-8000-${n}`;
}

const DAY = 86_400_000;
export const NOW = Date.UTC(2025, 5, 1, 4, 0, 0);

export function makeCustomer(
  fields: Partial<Customer> & { name: string },
  extra: Partial<Omit<FakeCustomer, 'customer' | 'profile'>> & { profile?: Partial<FakeCustomer['profile']> } = {},
): FakeCustomer {
  const id = fields.id ?? fakeId();
  return {
    customer: {
      id,
      kind: 'person',
      status: 'active',
      memberNo: null,
      gender: 'unknown',
      birthDate: null,
      occupation: null,
      company: null,
      province: null,
      city: null,
      addressLine: null,
      language: 'zh-CN',
      preferredChannel: 'phone',
      doNotContact: false,
      marketingConsent: false,
      churnReason: null,
      notes: null,
      homeBranchId: null,
      createdAt: NOW - 400 * DAY,
      updatedAt: NOW - DAY,
      ...fields,
    },
    pinyin: extra.pinyin ?? '',
    phones: extra.phones ?? [],
    emails: extra.emails ?? [],
    profile: {
      preferences: [],
      credit: null,
      contacts: [],
      metrics: {
        profit12mCents: 0,
        revenue12mCents: 0,
        bookings12m: 0,
        lastBookingAt: null,
        tier: 'lead',
        rfm: { r: 1, f: 1, m: 1, code: '111' },
        clvCents: 0,
        lifecycle: 'exploration',
      },
      bookings: [],
      interactions: [],
      openComplaints: 0,
      openCallbacks: 0,
      ...extra.profile,
    },
  };
}

export function booking(fields: Partial<BookingView> & Pick<BookingView, 'product' | 'kind'>): BookingView {
  return {
    id: fakeId(),
    status: 'completed',
    reference: 'BK-0001',
    startsAt: NOW - 30 * DAY,
    endsAt: NOW - 27 * DAY,
    bookedAt: NOW - 60 * DAY,
    amountCents: 100_000,
    marginCents: 12_000,
    currency: 'CNY',
    ...fields,
  };
}

export function interaction(fields: Partial<InteractionView> & Pick<InteractionView, 'channel'>): InteractionView {
  return {
    id: fakeId(),
    direction: 'in',
    startedAt: NOW - 2 * DAY,
    durationS: 192,
    agentName: '李静',
    disposition: null,
    summary: null,
    ...fields,
  };
}

/** The standard cast: a platinum person, a gold person, an organisation, and a few more. */
export function sampleCustomers(): FakeCustomer[] {
  return [
    makeCustomer(
      {
        name: '王伟',
        memberNo: 'M100001',
        city: '上海',
        province: '上海',
        addressLine: '徐汇区漕溪北路 88 号',
        gender: 'male',
        birthDate: '1985-07-21',
        occupation: '工程师',
        company: '华东设计院',
        preferredChannel: 'wechat',
        doNotContact: true,
        marketingConsent: false,
        notes: '偏好高楼层安静房间',
        updatedAt: NOW - 5 * DAY,
      },
      {
        pinyin: 'wangwei',
        phones: [
          { e164: '+8613812345678', kind: 'mobile' },
          { e164: '+862161234567', kind: 'landline' },
        ],
        emails: ['wang.wei@example.com'],
        profile: {
          preferences: [
            { category: 'room_type', value: '大床房' },
            { category: 'interest', value: '海岛游' },
            { category: 'interest', value: '美食' },
            { category: 'vip_code', value: 'A1' },
          ],
          metrics: {
            profit12mCents: 1_234_500,
            revenue12mCents: 8_800_000,
            bookings12m: 6,
            lastBookingAt: NOW - 30 * DAY,
            tier: 'platinum',
            rfm: { r: 5, f: 4, m: 5, code: '545' },
            clvCents: 4_567_800,
            lifecycle: 'stability',
          },
          bookings: [
            booking({ product: '三亚亚特兰蒂斯 5 晚', kind: 'hotel', amountCents: 1_280_000, marginCents: 230_000, reference: 'H-2025-0042' }),
            booking({ product: '云南六日游', kind: 'tour', status: 'cancelled', amountCents: 560_000, marginCents: 0, reference: 'T-2024-1187' }),
          ],
          interactions: [
            interaction({ channel: 'wechat', direction: 'in', summary: '询问三亚酒店加床', disposition: 'INFO' }),
            interaction({ channel: 'phone', direction: 'out', startedAt: NOW - 9 * DAY, durationS: 75, summary: '回访满意度' }),
          ],
          openComplaints: 1,
        },
      },
    ),
    makeCustomer(
      { name: '王芳', memberNo: 'M100002', city: '北京', updatedAt: NOW - 3 * DAY },
      {
        pinyin: 'wangfang',
        phones: [{ e164: '+8613900001111', kind: 'mobile' }],
        emails: [],
        profile: {
          metrics: {
            profit12mCents: 300_000,
            revenue12mCents: 2_000_000,
            bookings12m: 2,
            lastBookingAt: NOW - 90 * DAY,
            tier: 'gold',
            rfm: { r: 3, f: 2, m: 4, code: '324' },
            clvCents: 900_000,
            lifecycle: 'formation',
          },
        },
      },
    ),
    makeCustomer(
      { name: '王强', city: '广州', status: 'churned', churnReason: 'price' },
      { pinyin: 'wangqiang', phones: [{ e164: '+8613700002222', kind: 'mobile' }] },
    ),
    makeCustomer(
      { name: '上海锦江旅行社', kind: 'organisation', memberNo: 'C200001', city: '上海', company: '上海锦江旅行社' },
      {
        pinyin: 'shanghaijinjianglvxingshe',
        phones: [{ e164: '+862162223333', kind: 'landline' }],
        emails: ['booking@jinjiang.example.com'],
        profile: {
          credit: { limitCents: 50_000_000, rating: 'AA', overdueCents: 1_250_000, currency: 'CNY' },
          contacts: [{ id: fakeId(), name: '陈经理', title: '采购主管' }],
          metrics: {
            profit12mCents: 9_000_000,
            revenue12mCents: 60_000_000,
            bookings12m: 40,
            lastBookingAt: NOW - 2 * DAY,
            tier: 'platinum',
            rfm: { r: 5, f: 5, m: 5, code: '555' },
            clvCents: 80_000_000,
            lifecycle: 'decline',
          },
        },
      },
    ),
    makeCustomer({ name: '李娜', city: '杭州' }, { pinyin: 'lina', phones: [{ e164: '+8615000003333', kind: 'mobile' }] }),
  ];
}

let callCounter = 0;

/** A ringing AMI call from an unknown masked mobile, unless told otherwise. */
export function callCard(fields: Partial<CallCard> = {}): CallCard {
  callCounter += 1;
  return {
    callId: `1717200000.${callCounter}`,
    interactionId: fakeId(),
    source: 'ami',
    state: 'ringing',
    caller: { display: '+86 139****0000', masked: true, country: 'CN', area: 'mobile' },
    dnis: null,
    lineName: null,
    queue: null,
    waitS: null,
    ringAt: Date.now(),
    answeredAt: null,
    endedAt: null,
    missed: false,
    callbackOffered: false,
    callbackId: null,
    wrappedUp: false,
    match: { kind: 'unknown', earlierCalls: [] },
    ...fields,
  };
}

/** The card the core would build for a fake customer (value figures from its metrics, contacts from its timeline). */
export function cardCustomerOf(c: FakeCustomer, overrides: Partial<CardCustomer> = {}): CardCustomer {
  const m = c.profile.metrics;
  const credit = c.profile.credit;
  return {
    id: c.customer.id,
    kind: c.customer.kind,
    name: c.customer.name,
    gender: c.customer.gender,
    memberNo: c.customer.memberNo,
    tier: m.tier,
    vip: m.tier === 'platinum',
    language: c.customer.language,
    preferredChannel: c.customer.preferredChannel,
    lifecycle: m.lifecycle,
    clvCents: m.clvCents,
    profit12mCents: m.profit12mCents,
    travellingNow: [],
    arrivingSoon: [],
    openComplaints: [],
    callbacksDue: [],
    promisesDue: [],
    lastContacts: c.profile.interactions.slice(0, 5),
    preferences: c.profile.preferences,
    credit: credit ? { ...credit, warning: credit.overdueCents > 0 } : null,
    doNotContact: c.customer.doNotContact,
    marketingConsent: c.customer.marketingConsent,
    ...overrides,
  };
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
  }
  return fields;
}

const maskEmail = (email: string) => {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
};

export function createFakeCore(
  options: { customers?: FakeCustomer[]; role?: SessionInfo['agent']['role']; locale?: SessionInfo['locale'] } = {},
): FakeCore {
  const customers = new Map((options.customers ?? sampleCustomers()).map((c) => [c.customer.id, c]));
  const session: SessionInfo = {
    seatId: fakeId(),
    agent: { id: fakeId(), name: '张敏', role: options.role ?? 'agent' },
    locale: options.locale ?? 'zh-CN',
  };
  const calls: FakeCore['calls'] = [];
  const overrides = new Map<ChannelName, Handler<ChannelName>>();
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const full = session.agent.role !== 'agent';

  const require = (id: string) => {
    const c = customers.get(id);
    if (!c) throw new CoreError('not_found', 'errors.customerNotFound');
    return c;
  };

  const profileOf = (c: FakeCustomer): CustomerProfile => ({
    customer: { ...c.customer },
    phones: c.phones.map((p, i) => ({
      id: `${c.customer.id.slice(0, -4)}p${i.toString().padStart(3, '0')}`,
      display: full ? formatPhone(p.e164) : maskPhone(p.e164),
      masked: !full,
      kind: p.kind,
      isPrimary: i === 0,
    })),
    emails: c.emails.map((e, i) => ({
      id: `${c.customer.id.slice(0, -4)}e${i.toString().padStart(3, '0')}`,
      display: full ? e : maskEmail(e),
      masked: !full,
      isPrimary: i === 0,
    })),
    ...c.profile,
  });

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };

  // Screen pop: calls by id, as the core keeps them for the seat.
  const activeCalls = new Map<string, CallCard>();
  const cti: { status: CtiStatus; ami: AmiSettings | null } = {
    status: { source: 'none', state: 'off', extension: null, host: null, malformedLines: 0, unknownEvents: 0, lastError: null, canDial: false },
    ami: null,
  };
  let simulated = 0;
  const requireCall = (callId: string) => {
    const c = activeCalls.get(callId);
    if (!c) throw new CoreError('not_found', 'errors.callNotFound');
    return c;
  };
  const putCall = (card: CallCard) => {
    activeCalls.set(card.callId, card);
    emit('call.changed', structuredClone(card));
    return structuredClone(card);
  };
  const updateCall = (callId: string, changes: Partial<CallCard>) => putCall({ ...requireCall(callId), ...changes });
  const answer = (callId: string) => {
    const c = requireCall(callId);
    return c.state === 'ringing' ? updateCall(callId, { state: 'answered', answeredAt: Date.now() }) : structuredClone(c);
  };
  const hangUp = (callId: string) => {
    const c = requireCall(callId);
    if (c.state === 'ended') return structuredClone(c);
    const missed = c.state === 'ringing';
    return updateCall(callId, { state: 'ended', endedAt: Date.now(), missed, callbackOffered: missed });
  };
  const matchFor = (e164: string | null): CallMatch => {
    const found = e164 ? [...customers.values()].filter((c) => c.phones.some((p) => p.e164 === e164)) : [];
    if (found.length === 1) return { kind: 'customer', customer: cardCustomerOf(found[0]!) };
    if (found.length > 1) {
      return {
        kind: 'choose',
        candidates: found.map((c) => ({
          id: c.customer.id,
          kind: c.customer.kind,
          name: c.customer.name,
          memberNo: c.customer.memberNo,
          city: c.customer.city,
          tier: c.profile.metrics.tier,
          phone: maskPhone(c.phones[0]!.e164),
          matchedField: 'phone' as const,
          lastContactAt: c.profile.interactions[0]?.startedAt ?? null,
        })),
      };
    }
    return { kind: 'unknown', earlierCalls: [] };
  };

  // Callbacks and promises, kept as the core would (the due state is worked out when read).
  const callbackStore = new Map<string, CallbackView>();
  const promiseStore = new Map<string, PromiseView>();
  const dialNumbers = new Map<string, string>();
  let settings: SchedulingSettings = {
    quietHours: { ...DEFAULT_QUIET_HOURS },
    retry: { maxAttempts: 3, spacingMinutes: [60, 180], giveUpAfterHours: 72 },
    escalateAfterMinutes: 120,
  };
  const agents: ChannelOutput<'agents.list'> = {
    agents: [
      { id: session.agent.id, name: session.agent.name, role: session.agent.role, teamId: null },
      { id: fakeId(), name: '李静', role: 'agent', teamId: null },
      { id: fakeId(), name: '陈晨', role: 'agent', teamId: null },
    ],
    teams: [{ id: fakeId(), name: '酒店组' }],
  };
  for (const a of agents.agents) a.teamId = agents.teams[0]!.id;
  const withDueState = (c: CallbackView): CallbackView => {
    const now = Date.now();
    const dueState = now < c.windowStart ? 'upcoming' : now <= c.windowEnd ? 'due' : 'overdue';
    return structuredClone({ ...c, dueState });
  };
  const counts = (): CallbackCounts => {
    const open = [...callbackStore.values()].filter((c) => c.status === 'scheduled' && c.assigneeAgentId === session.agent.id).map(withDueState);
    return {
      due: open.filter((c) => c.dueState === 'due').length,
      overdue: open.filter((c) => c.dueState === 'overdue').length,
      upcoming: open.filter((c) => c.dueState === 'upcoming').length,
      escalated: open.filter((c) => c.escalated).length,
    };
  };
  const requireCallback = (id: string) => {
    const c = callbackStore.get(id);
    if (!c) throw new CoreError('not_found', 'errors.callbackNotFound');
    return c;
  };
  const putCallback = (c: CallbackView) => {
    callbackStore.set(c.id, c);
    return withDueState(c);
  };
  const addCallback: FakeCore['addCallback'] = (fields) =>
    putCallback({
      id: fakeId(),
      customerId: null,
      customerName: null,
      phone: '+86 139****0000',
      phoneMasked: true,
      reason: 'other',
      timeZone: 'Asia/Shanghai',
      priority: 2,
      assigneeAgentId: session.agent.id,
      assigneeAgentName: session.agent.name,
      assigneeTeamId: null,
      assigneeTeamName: null,
      status: 'scheduled',
      dueState: 'upcoming',
      attempts: [],
      escalated: false,
      snoozedUntil: null,
      complaintId: null,
      promiseId: null,
      interactionId: null,
      note: null,
      createdAt: Date.now(),
      updatedAt: Date.now(),
      ...fields,
    });

  // Wallboard, presence and reports: a snapshot tests set and announce.
  const wallboard = createFakeWallboard({ session, emit: (event, payload) => emit(event, payload) });

  // Complaints: the pure complaint flow behind the contract, as the core runs it.
  const complaints = createFakeComplaints({
    session,
    newId: fakeId,
    customerName: (id) => require(id).customer.name,
    agentName: (id) => agents.agents.find((a) => a.id === id)?.name ?? null,
    teamOf: (id) => agents.agents.find((a) => a.id === id)?.teamId ?? null,
    contactOpen: (interactionId) => [...activeCalls.values()].some((c) => c.interactionId === interactionId),
    addFollowUpCallback: (c, notBefore) => {
      const start = notBefore + 24 * 3_600_000;
      const cb = addCallback({
        customerId: c.customerId,
        customerName: c.customerName,
        reason: 'complaint_follow_up',
        complaintId: c.id,
        windowStart: start,
        windowEnd: start + 2 * 3_600_000,
        interactionId: c.interactionId,
      });
      emit('callbacks.changed', { ids: [cb.id] });
      return cb;
    },
    emit: (event, payload) => emit(event, payload),
    emitCounts: (counts) => emit('complaints.countsChanged', counts),
  });

  // Sync: a status tests set, parked changes, conflicts a supervisor resolves.
  const sync = createFakeSync({ session, newId: fakeId, emit: (event, payload) => emit(event, payload) });

  const defaults: { [C in ChannelName]: Handler<C> } = {
    'session.get': () => ({ ...session, agent: { ...session.agent } }),
    'session.setLocale': ({ locale }) => {
      session.locale = locale;
      return { locale };
    },
    'customers.search': ({ query, limit }) => {
      const q = query.trim().toLowerCase();
      const digits = q.replace(/\D/g, '');
      const items: CustomerSummary[] = [];
      for (const c of customers.values()) {
        let matchedField: CustomerSummary['matchedField'] | null = null;
        if (c.customer.name.toLowerCase().includes(q)) matchedField = 'name';
        else if (c.pinyin.startsWith(q)) matchedField = 'pinyin';
        else if (c.customer.memberNo?.toLowerCase().includes(q)) matchedField = 'member';
        else if (digits.length >= 3 && digits === q && c.phones.some((p) => p.e164.includes(digits))) matchedField = 'phone';
        else if (c.emails.some((e) => e.includes(q))) matchedField = 'email';
        if (!matchedField) continue;
        const phone = c.phones[0] ? maskPhone(normalizePhone(c.phones[0].e164)?.national ?? c.phones[0].e164) : null;
        items.push({
          id: c.customer.id,
          kind: c.customer.kind,
          name: c.customer.name,
          memberNo: c.customer.memberNo,
          city: c.customer.city,
          tier: c.profile.metrics.tier,
          phone,
          matchedField,
        });
      }
      return { query, items: items.slice(0, limit), more: items.length > limit, tookMs: 1.25 };
    },
    'customers.get': ({ id }) => profileOf(require(id)),
    'customers.create': () => {
      throw new CoreError('internal', 'errors.internal');
    },
    'customers.update': ({ id, patch, baseUpdatedAt }) => {
      const c = require(id);
      if (baseUpdatedAt !== undefined && baseUpdatedAt !== c.customer.updatedAt) throw new CoreError('conflict', 'errors.editedMeanwhile');
      const { phones, emails, ...fields } = patch;
      if (phones) {
        c.phones = phones.map((raw) => {
          const n = normalizePhone(raw);
          if (!n) throw new CoreError('invalid_input', 'validation.phone', { phones: 'validation.phone' });
          return { e164: n.e164, kind: n.kind };
        });
      }
      if (emails) c.emails = [...emails];
      Object.assign(c.customer, fields, { updatedAt: c.customer.updatedAt + 1000 });
      emit('customer.changed', { id });
      return profileOf(c);
    },
    'customers.revealContacts': ({ id }) => {
      const c = require(id);
      return { phones: c.phones.map((p) => formatPhone(p.e164)), emails: [...c.emails] };
    },

    'calls.active': () => ({ calls: [...activeCalls.values()].map((c) => structuredClone(c)) }),
    'calls.simulate': (input) => {
      if (input.action !== 'ring') return { callId: (input.action === 'answer' ? answer : hangUp)(input.callId).callId };
      const withPhone = [...customers.values()].filter((c) => c.phones.length > 0);
      const raw = input.from ?? withPhone[simulated % Math.max(1, withPhone.length)]?.phones[0]?.e164 ?? '+8613900000000';
      simulated += 1;
      const n = normalizePhone(raw);
      const card = callCard({
        callId: `sim-${simulated}`,
        source: 'simulator',
        caller: {
          display: n ? (full ? formatPhone(n.e164) : maskPhone(n.e164)) : raw,
          masked: !full,
          country: n?.region ?? null,
          area: n?.kind === 'mobile' ? 'mobile' : null,
        },
        dnis: input.dnis ?? null,
        queue: input.queue ?? null,
        match: matchFor(n?.e164 ?? null),
      });
      putCall(card);
      return { callId: card.callId };
    },
    'calls.setState': ({ callId, state }) => (state === 'answered' ? answer(callId) : hangUp(callId)),
    'calls.chooseCustomer': ({ callId, customerId }) => {
      const c = requireCall(callId);
      if (c.match.kind !== 'choose' || !c.match.candidates.some((k) => k.id === customerId)) {
        throw new CoreError('invalid_input', 'errors.invalidInput', { customerId: 'validation.invalid' });
      }
      return updateCall(callId, { match: { kind: 'customer', customer: cardCustomerOf(require(customerId)) } });
    },
    'calls.createCustomer': ({ callId, customer }) => {
      const c = requireCall(callId);
      if (c.match.kind !== 'unknown') throw new CoreError('conflict', 'errors.editedMeanwhile');
      const created = makeCustomer({
        name: customer.name,
        gender: customer.gender ?? 'unknown',
        language: customer.language ?? 'zh-CN',
        city: customer.city ?? null,
        kind: customer.kind,
        status: 'prospect',
      });
      customers.set(created.customer.id, created);
      return updateCall(callId, { match: { kind: 'customer', customer: cardCustomerOf(created) } });
    },
    'calls.wrapUp': ({ callId }) => {
      const c = requireCall(callId);
      if (c.state !== 'ended') throw new CoreError('conflict', 'errors.callNotEnded');
      return updateCall(callId, { wrappedUp: true });
    },
    'calls.acceptCallbackOffer': ({ callId }) => {
      const c = requireCall(callId);
      if (!c.missed) throw new CoreError('conflict', 'errors.notMissedCall');
      return c.callbackId ? structuredClone(c) : updateCall(callId, { callbackId: fakeId() });
    },
    'calls.dismiss': ({ callId }) => {
      const c = requireCall(callId);
      if (c.state !== 'ended') throw new CoreError('conflict', 'errors.callNotEnded');
      activeCalls.delete(callId);
      emit('call.dismissed', { callId });
      return {};
    },
    'cti.status': () => ({ ...cti.status }),
    'cti.getSettings': () => {
      if (!cti.ami) return { ami: null };
      const { secret, ...rest } = cti.ami;
      return { ami: { ...rest, hasSecret: secret.length > 0 } };
    },
    'cti.configure': ({ ami }) => {
      cti.ami = ami;
      cti.status = ami
        ? { ...cti.status, source: 'ami', state: 'connecting', host: ami.host, extension: ami.extension, lastError: null }
        : { ...cti.status, source: 'none', state: 'off', host: null, extension: null, lastError: null };
      emit('cti.statusChanged', { ...cti.status });
      return { ...cti.status };
    },

    'callbacks.create': ({ callback: cb }) => {
      const customer = cb.customerId ? require(cb.customerId) : null;
      if (customer?.customer.doNotContact) {
        throw new CoreError('invalid_input', 'callbacks.refused.do_not_contact', { 'callback.windowStart': 'callbacks.refused.do_not_contact' });
      }
      if (cb.windowEnd <= cb.windowStart) throw new CoreError('invalid_input', 'callbacks.refused.window_inverted', { 'callback.windowEnd': 'callbacks.refused.window_inverted' });
      if (isQuiet(cb.windowStart, cb.timeZone, settings.quietHours) && isQuiet(cb.windowEnd - 1, cb.timeZone, settings.quietHours)) {
        throw new CoreError('invalid_input', 'callbacks.refused.window_in_quiet_hours', { 'callback.windowStart': 'callbacks.refused.window_in_quiet_hours' });
      }
      // A masked number is one of the customer's, as shown to the agent.
      const e164 = cb.phone.includes('*')
        ? customer?.phones.find((p) => maskPhone(p.e164) === cb.phone)?.e164
        : normalizePhone(cb.phone)?.e164;
      if (!e164) throw new CoreError('invalid_input', 'validation.phone', { 'callback.phone': 'validation.phone' });
      const agent = cb.assignee.kind === 'me' ? session.agent : cb.assignee.kind === 'agent' ? agents.agents.find((a) => a.id === (cb.assignee as { agentId: string }).agentId) : null;
      const team = cb.assignee.kind === 'team' ? agents.teams.find((t) => t.id === (cb.assignee as { teamId: string }).teamId) : null;
      const view = addCallback({
        customerId: cb.customerId,
        customerName: customer?.customer.name ?? null,
        phone: full ? formatPhone(e164) : maskPhone(e164),
        phoneMasked: !full,
        reason: cb.reason,
        windowStart: cb.windowStart,
        windowEnd: cb.windowEnd,
        timeZone: cb.timeZone,
        priority: cb.priority,
        assigneeAgentId: agent?.id ?? null,
        assigneeAgentName: agent?.name ?? null,
        assigneeTeamId: team?.id ?? null,
        assigneeTeamName: team?.name ?? null,
        note: cb.note,
        interactionId: cb.interactionId,
      });
      dialNumbers.set(view.id, e164);
      return view;
    },
    'callbacks.list': ({ scope, status, limit, from, to, agentId }) => {
      const open = status === 'open';
      const items = [...callbackStore.values()]
        .filter((c) => (c.status === 'scheduled') === open)
        .filter((c) => (from === undefined || c.windowEnd > from) && (to === undefined || c.windowStart < to))
        .filter((c) => agentId === undefined || c.assigneeAgentId === agentId)
        .filter((c) => scope !== 'mine' || c.assigneeAgentId === session.agent.id)
        .filter((c) => scope !== 'team' || c.assigneeTeamId !== null || c.assigneeAgentId !== session.agent.id)
        .map(withDueState)
        .sort((a, b) => a.windowStart - b.windowStart || a.priority - b.priority)
        .slice(0, limit);
      return { items, counts: counts() };
    },
    'callbacks.get': ({ id }) => withDueState(requireCallback(id)),
    'callbacks.dial': ({ id }) => {
      requireCallback(id);
      return { dialed: cti.status.canDial, number: dialNumbers.get(id) ?? '+8613900000000' };
    },
    'callbacks.recordAttempt': ({ id, outcome, note }) => {
      const c = requireCallback(id);
      const attempts = [...c.attempts, { id: fakeId(), at: Date.now(), outcome, note, agentName: session.agent.name }];
      let next: CallbackView;
      if (outcome === 'reached') next = { ...c, attempts, status: 'done' };
      else if (outcome === 'wrong_number' || attempts.length >= settings.retry.maxAttempts) next = { ...c, attempts, status: 'failed' };
      else {
        const spacing = (settings.retry.spacingMinutes[attempts.length - 1] ?? settings.retry.spacingMinutes.at(-1)!) * 60_000;
        const length = c.windowEnd - c.windowStart;
        const start = Math.max(Date.now(), c.windowStart) + spacing;
        next = { ...c, attempts, windowStart: start, windowEnd: start + length };
      }
      return putCallback({ ...next, updatedAt: Date.now() });
    },
    'callbacks.reschedule': ({ id, windowStart, windowEnd, timeZone }) => {
      const c = requireCallback(id);
      const zone = timeZone ?? c.timeZone;
      if (windowEnd <= windowStart) throw new CoreError('invalid_input', 'callbacks.refused.window_inverted', { windowEnd: 'callbacks.refused.window_inverted' });
      if (isQuiet(windowStart, zone, settings.quietHours) && isQuiet(windowEnd - 1, zone, settings.quietHours)) {
        throw new CoreError('invalid_input', 'callbacks.refused.window_in_quiet_hours', { windowStart: 'callbacks.refused.window_in_quiet_hours' });
      }
      return putCallback({ ...c, windowStart, windowEnd, ...(timeZone ? { timeZone } : {}), updatedAt: Date.now() });
    },
    'callbacks.snooze': ({ id, minutes }) => putCallback({ ...requireCallback(id), snoozedUntil: Date.now() + minutes * 60_000 }),
    'callbacks.cancel': ({ id }) => putCallback({ ...requireCallback(id), status: 'cancelled' }),
    'callbacks.reassign': ({ ids, assignee }) => {
      if (session.agent.role === 'agent') throw new CoreError('forbidden', 'errors.forbidden');
      for (const id of ids) {
        const c = requireCallback(id);
        const agent = assignee.kind === 'me' ? session.agent : assignee.kind === 'agent' ? agents.agents.find((a) => a.id === assignee.agentId) : null;
        const team = assignee.kind === 'team' ? agents.teams.find((t) => t.id === assignee.teamId) : null;
        putCallback({ ...c, assigneeAgentId: agent?.id ?? null, assigneeAgentName: agent?.name ?? null, assigneeTeamId: team?.id ?? null, assigneeTeamName: team?.name ?? null });
      }
      return { updated: ids.length };
    },
    'callbacks.counts': () => counts(),
    'callbacks.getSettings': () => structuredClone(settings),
    'callbacks.setSettings': ({ settings: next }) => {
      settings = structuredClone(next);
      return structuredClone(settings);
    },
    'agents.list': () => structuredClone(agents),
    'promises.create': ({ customerId, description, dueAt, complaintId }) => {
      const c = require(customerId);
      const p: PromiseView = {
        id: fakeId(),
        customerId,
        customerName: c.customer.name,
        description,
        dueAt,
        ownerAgentId: session.agent.id,
        ownerAgentName: session.agent.name,
        status: 'open',
        overdue: dueAt < Date.now(),
        complaintId,
        keptAt: null,
        createdAt: Date.now(),
      };
      promiseStore.set(p.id, p);
      return structuredClone(p);
    },
    'promises.list': ({ scope, status, customerId }) => ({
      items: [...promiseStore.values()]
        .filter((p) => (p.status === 'open') === (status === 'open'))
        .filter((p) => scope === 'all' || p.ownerAgentId === session.agent.id)
        .filter((p) => !customerId || p.customerId === customerId)
        .map((p) => ({ ...p, overdue: p.status === 'open' && p.dueAt < Date.now() })),
    }),
    'promises.setStatus': ({ id, status }) => {
      const p = promiseStore.get(id);
      if (!p) throw new CoreError('not_found', 'errors.promiseNotFound');
      const next = { ...p, status, keptAt: status === 'kept' ? Date.now() : null, overdue: false };
      promiseStore.set(id, next);
      return structuredClone(next);
    },
    ...complaints.handlers,
    ...sync.handlers,
    ...wallboard.handlers,
  };

  async function call<C extends ChannelName>(channel: C, rawInput: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    calls.push({ channel, input: structuredClone(rawInput) });
    await Promise.resolve();
    const parsed = (channels[channel].input as z.ZodType).safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', message: 'errors.invalidInput', fields: fieldErrors(parsed.error) } };
    }
    const handler = (overrides.get(channel) ?? defaults[channel]) as unknown as Handler<C>;
    try {
      const out = await handler(parsed.data as ChannelParsedInput<C>);
      if (out && typeof out === 'object' && 'ok' in out && typeof out.ok === 'boolean') return out as Result<ChannelOutput<C>>;
      return { ok: true, value: out as ChannelOutput<C> };
    } catch (err) {
      if (err instanceof CoreError) return { ok: false, error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
      throw err;
    }
  }

  return {
    session,
    customers,
    calls,
    call,
    callsTo: <C extends ChannelName>(channel: C) =>
      calls.filter((c) => c.channel === channel).map((c) => c.input as ChannelInput<C>),
    override(channel, handler) {
      overrides.set(channel, handler as unknown as Handler<ChannelName>);
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    emit,
    changeBehindTheScenes(id, changes) {
      const c = require(id);
      Object.assign(c.customer, changes, { updatedAt: c.customer.updatedAt + 7777 });
      emit('customer.changed', { id });
    },
    activeCalls,
    get ctiStatus() {
      return cti.status;
    },
    set ctiStatus(status) {
      cti.status = status;
    },
    get amiSettings() {
      return cti.ami;
    },
    set amiSettings(ami) {
      cti.ami = ami;
    },
    ring(card) {
      putCall(card);
    },
    updateCall,
    callbacks: callbackStore,
    promises: promiseStore,
    agents,
    addCallback,
    complaints: complaints.store,
    sync: sync.control,
    wallboard: wallboard.control,
  };
}

/** A promise you resolve from the test, to hold an answer back. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export function byName(core: FakeCore, name: string): FakeCustomer {
  for (const c of core.customers.values()) if (c.customer.name === name) return c;
  throw new Error(`no fake customer named ${name}`);
}
