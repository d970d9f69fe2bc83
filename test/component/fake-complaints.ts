import type { ChannelName, ChannelOutput, ChannelParsedInput, SessionInfo } from '../../shared/contract/channels';
import type {
  ComplaintCounts,
  ComplaintListItem,
  ComplaintReport,
  ComplaintSettings,
  ComplaintStepView,
  ComplaintView,
} from '../../shared/contract/complaint-schemas';
import type { CallbackView } from '../../shared/contract/callback-schemas';
import { CoreError } from '../../shared/contract/result';
import {
  approvalNeeded,
  type ComplaintEvent,
  complaintFlow,
  type ComplaintFlowState,
  currentRecord,
  DEFAULT_SLA_CONFIG,
  type RefusalReason,
  REMEDIES,
  slaState,
  type StepNumber,
  type StepRecord,
} from '../../shared/domain/complaint-flow';

// The complaints.* channels of the fake core: every write runs one event through the real pure
// state machine (shared/domain/complaint-flow), as the core does, and announces
// complaints.changed / complaints.countsChanged. Refusals answer with the same codes and keys as
// electron/core/complaints/refusals.ts.

type Input<C extends ChannelName> = ChannelParsedInput<C>;
type Out<C extends ChannelName> = ChannelOutput<C>;

export interface FakeComplaint {
  id: string;
  customerId: string;
  customerName: string;
  interactionId: string | null;
  bookingId: string | null;
  ownerAgentId: string | null;
  teamId: string | null;
  state: ComplaintFlowState;
  /** Row id per step record (by seq). */
  stepIds: string[];
  followUpCallbackId: string | null;
  updatedAt: number;
}

export interface FakeComplaintDeps {
  session: SessionInfo;
  newId(): string;
  customerName(id: string): string;
  agentName(id: string | null): string | null;
  teamOf(agentId: string): string | null;
  /** Whether the call with this interaction is still on the seat (the agent is still in that contact). */
  contactOpen(interactionId: string): boolean;
  addFollowUpCallback(c: FakeComplaint, notBefore: number): CallbackView;
  emit(event: 'complaints.changed', payload: { ids: string[] }): void;
  emitCounts(counts: ComplaintCounts): void;
}

const REFUSALS: Record<RefusalReason, [CoreError['code'], string]> = {
  not_started: ['not_found', 'errors.complaintNotFound'],
  already_started: ['conflict', 'errors.complaintAlreadyStarted'],
  closed: ['conflict', 'errors.complaintClosed'],
  not_closed: ['conflict', 'errors.complaintNotClosed'],
  not_current_step: ['conflict', 'errors.complaintNotCurrentStep'],
  invalid_data: ['invalid_input', 'errors.invalidInput'],
  customer_not_accepted: ['conflict', 'errors.complaintCustomerNotAccepted'],
  not_authorised: ['forbidden', 'errors.complaintApproverOnly'],
  approval_not_needed: ['conflict', 'errors.approvalNotNeeded'],
  step_not_done: ['conflict', 'errors.complaintStepNotDone'],
  step_done: ['conflict', 'errors.complaintStepDone'],
  invalid_event: ['invalid_input', 'errors.invalidInput'],
};

export function defaultComplaintSettings(): ComplaintSettings {
  const tuple = (s: keyof typeof DEFAULT_SLA_CONFIG) => [...DEFAULT_SLA_CONFIG[s]] as ComplaintSettings['sla']['low'];
  return {
    sla: { low: tuple('low'), medium: tuple('medium'), high: tuple('high'), critical: tuple('critical') },
    approvalThresholdCents: 50_000,
    defaultCurrency: 'CNY',
  };
}

export function createFakeComplaints(deps: FakeComplaintDeps) {
  const store = new Map<string, FakeComplaint>();
  let settings = defaultComplaintSettings();
  const me = () => deps.session.agent;

  const require = (id: string) => {
    const c = store.get(id);
    if (!c) throw new CoreError('not_found', 'errors.complaintNotFound');
    return c;
  };

  const stepView = (c: FakeComplaint, r: StepRecord, now: number): ComplaintStepView => ({
    id: c.stepIds[r.seq]!,
    step: r.step,
    round: r.round,
    state: r.state,
    outcome: r.outcome,
    data: structuredClone({ ...r.data }) as Record<string, unknown>,
    authorId: r.authorId,
    authorName: deps.agentName(r.authorId),
    contactId: r.contactId,
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    slaDueAt: r.slaDueAt,
    slaState:
      r.state === 'done'
        ? r.slaDueAt !== null && r.completedAt !== null && r.completedAt > r.slaDueAt
          ? 'breached'
          : 'ok'
        : slaState(r.slaDueAt, now, r.startedAt),
    updatedAt: r.updatedAt,
  });

  const awaiting = (c: FakeComplaint) => {
    const r = currentRecord(c.state);
    return (
      c.state.status === 'open' &&
      c.state.currentStep === 4 &&
      r?.state === 'draft' &&
      approvalNeeded(r.data.amountCents, settings.approvalThresholdCents) &&
      typeof r.data.approvedBy !== 'string'
    );
  };

  const view = (c: FakeComplaint): ComplaintView => {
    const now = Date.now();
    const s = c.state;
    const cur = currentRecord(s);
    return {
      id: c.id,
      customerId: c.customerId,
      customerName: c.customerName,
      interactionId: c.interactionId,
      bookingId: c.bookingId,
      status: s.status,
      currentStep: s.currentStep,
      round: s.round,
      source: s.source,
      firstContact: s.firstContact,
      category: s.category,
      subcategory: s.subcategory,
      severity: s.severity,
      firstContactResolution: s.firstContactResolution,
      reopenCount: s.reopenCount,
      escalated: s.escalated,
      ownerAgentId: c.ownerAgentId,
      ownerAgentName: deps.agentName(c.ownerAgentId),
      teamId: c.teamId,
      openedAt: s.openedAt,
      closedAt: s.closedAt,
      slaDueAt: s.slaDueAt,
      slaState: slaState(s.slaDueAt, now, cur?.startedAt),
      followUpCallbackId: c.followUpCallbackId,
      awaitingApproval: awaiting(c),
      steps: s.steps.map((r) => stepView(c, r, now)),
      reopens: s.reopens.map((r) => ({ at: r.at, actorName: deps.agentName(r.actorId), reason: r.reason, round: r.round })),
      updatedAt: c.updatedAt,
    };
  };

  const listItem = (c: FakeComplaint): ComplaintListItem => {
    const v = view(c);
    return {
      id: v.id,
      customerId: v.customerId,
      customerName: v.customerName,
      status: v.status,
      currentStep: v.currentStep,
      category: v.category,
      subcategory: v.subcategory,
      severity: v.severity,
      slaDueAt: v.slaDueAt,
      slaState: v.slaState,
      ownerAgentId: v.ownerAgentId,
      ownerAgentName: v.ownerAgentName,
      escalated: v.escalated,
      awaitingApproval: v.awaitingApproval,
      openedAt: v.openedAt,
      updatedAt: v.updatedAt,
    };
  };

  const counts = (): ComplaintCounts => {
    const open = [...store.values()].filter((c) => c.state.status === 'open').map(listItem);
    return {
      mine: open.filter((c) => c.ownerAgentId === me().id).length,
      team: open.length,
      overdue: open.filter((c) => c.slaState === 'breached').length,
      awaitingApproval: open.filter((c) => c.awaitingApproval).length,
    };
  };

  const announce = (ids: string[]) => {
    deps.emit('complaints.changed', { ids });
    deps.emitCounts(counts());
  };

  const flowConfig = () => ({ sla: settings.sla, approvalThresholdCents: settings.approvalThresholdCents, defaultSeverity: 'medium' as const });

  /** One event through the pure flow; the effects carried out as the core would. */
  const apply = (c: FakeComplaint | null, event: ComplaintEvent, start?: Omit<FakeComplaint, 'state' | 'stepIds' | 'followUpCallbackId' | 'updatedAt'>): FakeComplaint => {
    const interactionId = c?.interactionId ?? start?.interactionId ?? null;
    const contactId = interactionId !== null && (c === null || deps.contactOpen(interactionId)) ? interactionId : null;
    const now = Date.now();
    const r = complaintFlow(c?.state ?? null, event, { now, actorId: me().id, config: flowConfig(), contactId });
    if (!r.ok) {
      const [code, message] = REFUSALS[r.reason];
      throw new CoreError(code, message, r.errors);
    }
    const next: FakeComplaint = c ?? { ...start!, state: r.state, stepIds: [], followUpCallbackId: null, updatedAt: now };
    next.state = r.state;
    next.updatedAt = now;
    while (next.stepIds.length < r.state.steps.length) next.stepIds.push(deps.newId());
    for (const e of r.effects) {
      if (e.kind !== 'scheduleCallback') continue;
      const cb = deps.addFollowUpCallback(next, e.notBefore);
      next.followUpCallbackId = cb.id;
      const rec = currentRecord(next.state);
      if (rec && rec.step === 5) {
        const steps = [...next.state.steps];
        steps[rec.seq] = { ...rec, data: { ...rec.data, callbackId: cb.id } };
        next.state = { ...next.state, steps };
      }
    }
    store.set(next.id, next);
    announce([next.id]);
    return next;
  };

  const forbiddenUnlessSupervisor = () => {
    if (me().role === 'agent') throw new CoreError('forbidden', 'errors.forbidden');
  };

  const inPeriod = (t: number | null, from: number, to: number) => t !== null && t >= from && t < to;

  const report = ({ from, to }: Input<'complaints.report'>): ComplaintReport => {
    const all = [...store.values()];
    const opened = all.filter((c) => inPeriod(c.state.openedAt, from, to));
    const closed = all.filter((c) => inPeriod(c.state.closedAt, from, to));
    const byCat = new Map<string, ComplaintReport['byCategory'][number]>();
    for (const c of opened) {
      const k = `${c.state.category}|${c.state.subcategory}`;
      const row = byCat.get(k) ?? { category: c.state.category, subcategory: c.state.subcategory, count: 0 };
      row.count += 1;
      byCat.set(k, row);
    }
    const byRoot = new Map<string, number>();
    const stepSums = new Map<StepNumber, { sum: number; n: number }>();
    const remedies = new Map<string, ComplaintReport['remedies'][number]>();
    let reached = 0;
    let satisfied = 0;
    for (const c of all) {
      for (const r of c.state.steps) {
        if (!inPeriod(r.startedAt, from, to)) continue;
        if (r.state === 'done' && r.completedAt !== null) {
          const s = stepSums.get(r.step) ?? { sum: 0, n: 0 };
          s.sum += (r.completedAt - r.startedAt) / 3_600_000;
          s.n += 1;
          stepSums.set(r.step, s);
        }
        if (r.step === 3 && r.state === 'done' && typeof r.data.rootCause === 'string') byRoot.set(r.data.rootCause, (byRoot.get(r.data.rootCause) ?? 0) + 1);
        if (r.step === 4 && r.outcome === 'accepted' && typeof r.data.remedy === 'string' && (REMEDIES as readonly string[]).includes(r.data.remedy)) {
          const currency = typeof r.data.currency === 'string' ? r.data.currency : null;
          const k = `${r.data.remedy}|${currency}`;
          const row = remedies.get(k) ?? { remedy: r.data.remedy as (typeof REMEDIES)[number], currency, count: 0, amountCents: 0 };
          row.count += 1;
          row.amountCents += typeof r.data.amountCents === 'number' ? r.data.amountCents : 0;
          remedies.set(k, row);
        }
        if (r.step === 5 && r.state === 'done') {
          reached += 1;
          if (r.outcome === 'satisfied') satisfied += 1;
        }
      }
    }
    const resolved = closed.filter((c) => c.state.firstContactResolution).length;
    return {
      from,
      to,
      opened: opened.length,
      closed: closed.length,
      byCategory: [...byCat.values()].sort((a, b) => b.count - a.count),
      byRootCause: [...byRoot].map(([rootCause, count]) => ({ rootCause, count })).sort((a, b) => b.count - a.count),
      firstContactResolution: { resolved, closed: closed.length, rate: closed.length ? resolved / closed.length : null },
      stepHours: ([1, 2, 3, 4, 5, 6] as const).map((step) => {
        const s = stepSums.get(step);
        return { step, meanHours: s ? s.sum / s.n : null, count: s?.n ?? 0 };
      }),
      remedies: [...remedies.values()],
      satisfaction: { reached, satisfied, rate: reached ? satisfied / reached : null },
    };
  };

  const handlers = {
    'complaints.start': ({ customerId, source, interactionId, bookingId, firstContact }: Input<'complaints.start'>): Out<'complaints.start'> => {
      const customerName = deps.customerName(customerId);
      const c = apply(null, { type: 'start', source, firstContact, contactId: interactionId }, {
        id: deps.newId(),
        customerId,
        customerName,
        interactionId,
        bookingId,
        ownerAgentId: me().id,
        teamId: deps.teamOf(me().id),
      });
      return view(c);
    },
    'complaints.get': ({ id }: Input<'complaints.get'>) => view(require(id)),
    'complaints.saveDraft': ({ id, step, data }: Input<'complaints.saveDraft'>) => view(apply(require(id), { type: 'saveDraft', step, data })),
    'complaints.completeStep': ({ id, step, data }: Input<'complaints.completeStep'>) => view(apply(require(id), { type: 'completeStep', step, data })),
    'complaints.rejectRemedy': ({ id, then, data }: Input<'complaints.rejectRemedy'>) =>
      view(apply(require(id), data === undefined ? { type: 'customerRejected', then } : { type: 'customerRejected', then, data })),
    'complaints.approveRemedy': ({ id }: Input<'complaints.approveRemedy'>) => {
      forbiddenUnlessSupervisor();
      return view(apply(require(id), { type: 'approve', approverRole: me().role }));
    },
    'complaints.recordFollowUp': ({ id, reached, satisfied, note }: Input<'complaints.recordFollowUp'>) => {
      let c = require(id);
      if (note !== null && c.state.currentStep === 5) c = apply(c, { type: 'saveDraft', step: 5, data: { note } });
      return view(apply(c, { type: 'followUpResult', reached, satisfied }));
    },
    'complaints.close': ({ id }: Input<'complaints.close'>) => view(apply(require(id), { type: 'close' })),
    'complaints.reopen': ({ id, reason }: Input<'complaints.reopen'>) => view(apply(require(id), { type: 'reopen', reason })),
    'complaints.list': (f: Input<'complaints.list'>) => {
      const items = [...store.values()]
        .filter((c) => f.status === 'any' || c.state.status === f.status)
        .filter((c) => f.scope !== 'mine' || c.ownerAgentId === me().id)
        .filter((c) => f.customerId === undefined || c.customerId === f.customerId)
        .map(listItem)
        .filter((c) => !f.overdueOnly || c.slaState === 'breached')
        .filter((c) => f.step === undefined || c.currentStep === f.step)
        .filter((c) => f.category === undefined || c.category === f.category)
        .filter((c) => f.severity === undefined || c.severity === f.severity)
        .filter((c) => f.sla === undefined || c.slaState === f.sla)
        .sort((a, b) => (a.slaDueAt ?? Infinity) - (b.slaDueAt ?? Infinity) || a.openedAt - b.openedAt)
        .slice(0, f.limit);
      return { items, counts: counts() };
    },
    'complaints.counts': () => counts(),
    'complaints.reassign': ({ ids, agentId }: Input<'complaints.reassign'>) => {
      forbiddenUnlessSupervisor();
      for (const id of ids) {
        const c = require(id);
        c.ownerAgentId = agentId;
        c.updatedAt = Date.now();
      }
      announce(ids);
      return { updated: ids.length };
    },
    'complaints.report': (input: Input<'complaints.report'>) => {
      forbiddenUnlessSupervisor();
      return report(input);
    },
    'complaints.getSettings': () => structuredClone(settings),
    'complaints.setSettings': ({ settings: next }: Input<'complaints.setSettings'>) => {
      forbiddenUnlessSupervisor();
      settings = structuredClone(next);
      return structuredClone(settings);
    },
  };

  return { store, handlers, view, counts };
}
