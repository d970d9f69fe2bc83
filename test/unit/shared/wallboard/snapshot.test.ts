import { describe, expect, it } from 'vitest';
import { WallboardSnapshot, type WallboardSettings } from '../../../../shared/contract/wallboard-schemas';
import {
  DEFAULT_WALLBOARD_SETTINGS,
  buildWallboardSnapshot,
  dayStartInZone,
  interactionsToLegs,
  type InteractionCallRow,
  type QueueCallRecord,
  type WallboardSnapshotInput,
} from '../../../../shared/domain/wallboard';

const T0 = Date.UTC(2026, 10, 26, 2, 0, 0); // 10:00 in Shanghai
const S = 1000;
const SINCE = Date.UTC(2026, 10, 25, 16, 0, 0); // midnight in Shanghai

const leg = (queue: string, offset: number, o: Partial<QueueCallRecord>): QueueCallRecord => ({
  queue,
  offeredAt: T0 + offset * S,
  answeredAt: null,
  abandonedAt: null,
  endedAt: null,
  waitS: 0,
  talkS: 0,
  wrapS: 0,
  ...o,
});
const answered = (queue: string, offset: number, waitS: number, talkS = 60) =>
  leg(queue, offset, { answeredAt: T0 + (offset + waitS) * S, endedAt: T0 + (offset + waitS + talkS) * S, waitS, talkS });
const abandoned = (queue: string, offset: number, waitS: number) =>
  leg(queue, offset, { abandonedAt: T0 + (offset + waitS) * S, endedAt: T0 + (offset + waitS) * S, waitS });

function input(over: Partial<WallboardSnapshotInput> = {}): WallboardSnapshotInput {
  return {
    now: T0 + 600 * S,
    since: SINCE,
    source: 'hub',
    settings: DEFAULT_WALLBOARD_SETTINGS,
    legs: [],
    waiting: [],
    presence: [],
    callbacks: { due: 0, overdue: 0, escalated: 0 },
    complaints: { openByStep: [0, 0, 0, 0, 0, 0], slaBreached: 0, awaitingApproval: 0 },
    promisesOverdue: 0,
    branches: [],
    previousAlerts: [],
    ...over,
  };
}

describe('buildWallboardSnapshot', () => {
  it('hand-computed figures: SL 80/20 answered of offered, short abandons out, waiting and longest wait', () => {
    // sales: answered at 10 s, 15 s, 30 s; abandoned at 40 s; short abandon at 3 s (grace 5 s).
    // SL = within 20 s (2) / (answered 3 + abandoned 1) = 50 %; abandon rate = 1 / 4 = 25 %.
    // support: answered at 5 s. SL 100 %.
    // A leg offered yesterday is not counted.
    const legs = [
      answered('sales', 0, 10),
      answered('sales', 10, 15),
      answered('sales', 20, 30),
      abandoned('sales', 30, 40),
      abandoned('sales', 40, 3),
      answered('support', 50, 5, 100),
      answered('sales', -24 * 3600, 5),
    ];
    const now = T0 + 600 * S;
    const snap = buildWallboardSnapshot(
      input({ legs, waiting: [{ queue: 'sales', joinedAt: now - 45 * S }, { queue: 'support', joinedAt: now - 5 * S }] }),
    );
    expect(WallboardSnapshot.parse(snap)).toBeTruthy();
    const sales = snap.queues.find((q) => q.queue === 'sales')!.figures;
    expect(sales).toMatchObject({ offered: 5, answered: 3, abandoned: 1, shortAbandoned: 1, serviceLevelNumerator: 2, serviceLevelDenominator: 4 });
    expect(sales.serviceLevelPct).toBe(50);
    expect(sales.abandonRatePct).toBe(25);
    expect(sales.asaS).toBeCloseTo((10 + 15 + 30) / 3);
    expect(sales.waiting).toBe(1);
    expect(sales.longestWaitS).toBe(45);
    expect(snap.centre).toMatchObject({ offered: 6, answered: 4, abandoned: 1, serviceLevelNumerator: 3, serviceLevelDenominator: 5, waiting: 2, longestWaitS: 45 });
    expect(snap.centre.serviceLevelPct).toBe(60);
    expect(snap.definitionKey).toBe('wallboard.sl.definition.answered_of_offered');
    expect(snap.since).toBe(SINCE);
    // SL 50 % < 80 % target and 60 % at the centre: two service level alerts.
    expect(snap.alerts.map((a) => a.id)).toEqual(['service_level:centre', 'service_level:queue:sales']);
  });

  it('agents by state with their branch; counts of callbacks, complaints, promises; branches sorted', () => {
    const now = T0 + 600 * S;
    const snap = buildWallboardSnapshot(
      input({
        presence: [
          { agentId: 'a1', name: 'Li Na', state: 'on_call', since: now - 30 * S, branchId: 'b1' },
          { agentId: 'a2', name: 'Zhang Wei', state: 'available', since: now - 90 * S, branchId: 'b2' },
          { agentId: 'a3', state: 'offline', since: now - 300 * S, branchId: null },
        ],
        callbacks: { due: 3, overdue: 0, escalated: 1 },
        complaints: { openByStep: [2, 1], slaBreached: 0, awaitingApproval: 1 },
        promisesOverdue: 4,
        branches: [
          { branchId: 'b2', name: 'Hangzhou', lastSeenAt: now - 1000, pending: 3, parked: 0, conflicts: 1 },
          { branchId: 'b1', name: 'Shanghai', lastSeenAt: now - 1000, pending: null, parked: 2, conflicts: 0 },
        ],
      }),
    );
    expect(snap.agentCounts).toEqual({ available: 1, ringing: 0, on_call: 1, wrap_up: 0, break: 0, offline: 1 });
    expect(snap.agents.map((a) => [a.agentId, a.state, a.branchId, a.timeInStateS])).toEqual([
      ['a2', 'available', 'b2', 90],
      ['a1', 'on_call', 'b1', 30],
      ['a3', 'offline', null, 300],
    ]);
    expect(snap.complaints.openByStep).toEqual([2, 1, 0, 0, 0, 0]);
    expect(snap.promisesOverdue).toBe(4);
    expect(snap.branches.map((b) => b.branchId)).toEqual(['b1', 'b2']);
    expect(snap.alerts).toEqual([]);
  });

  it('callback overdue alert keeps its raisedAt; alerts follow settings', () => {
    const now = T0;
    const first = buildWallboardSnapshot(input({ now, callbacks: { due: 0, overdue: 2, escalated: 0 } }));
    expect(first.alerts).toEqual([
      { id: 'callback_overdue', kind: 'callback_overdue', scope: null, value: 2, threshold: 0, raisedAt: now, messageKey: 'wallboard.alert.callback_overdue' },
    ]);
    const later = buildWallboardSnapshot(input({ now: now + 60 * S, callbacks: { due: 0, overdue: 3, escalated: 0 }, previousAlerts: first.alerts }));
    expect(later.alerts[0]).toMatchObject({ value: 3, raisedAt: now });
    const cleared = buildWallboardSnapshot(input({ now: now + 120 * S, previousAlerts: later.alerts }));
    expect(cleared.alerts).toEqual([]);

    const off: WallboardSettings = { ...DEFAULT_WALLBOARD_SETTINGS, alerts: { ...DEFAULT_WALLBOARD_SETTINGS.alerts, callbackOverdue: false, waitingAbove: 1 } };
    const waiting = [{ queue: 'q', joinedAt: now - 1000 }, { queue: 'q', joinedAt: now - 2000 }];
    const s = buildWallboardSnapshot(input({ now, settings: off, waiting, callbacks: { due: 0, overdue: 2, escalated: 0 } }));
    expect(s.alerts.map((a) => a.id)).toEqual(['waiting:centre', 'waiting:queue:q']);
    // raisedAt survives across snapshots for threshold alerts too
    const s2 = buildWallboardSnapshot(input({ now: now + 5000, settings: off, waiting, previousAlerts: s.alerts }));
    expect(s2.alerts.every((a) => a.raisedAt === now)).toBe(true);
  });

  it('branch silent and complaint SLA alerts from settings thresholds', () => {
    const now = T0;
    const snap = buildWallboardSnapshot(
      input({
        now,
        complaints: { openByStep: [1, 0, 0, 0, 0, 0], slaBreached: 1, awaitingApproval: 0 },
        branches: [{ branchId: 'b1', name: null, lastSeenAt: now - 16 * 60_000, pending: 0, parked: 0, conflicts: 0 }],
      }),
    );
    expect(snap.alerts.map((a) => a.id)).toEqual(['branch_silent:b1', 'complaint_sla']);
  });
});

describe('interactionsToLegs', () => {
  const row = (o: Partial<InteractionCallRow>): InteractionCallRow => ({
    id: 'i',
    channel: 'phone',
    direction: 'in',
    queue: 'sales',
    started_at: T0,
    answered_at: null,
    ended_at: null,
    wait_s: null,
    duration_s: null,
    outcome: 'ringing',
    call_id: null,
    linked_id: null,
    ...o,
  });

  it('one leg per call and queue: answered by one of the seats it rang at', () => {
    const legs = interactionsToLegs([
      row({ id: 'i1', call_id: 'c1', wait_s: 8, ended_at: T0 + 4 * S, outcome: 'missed' }),
      row({ id: 'i2', call_id: 'c1', wait_s: 8, answered_at: T0 + 6 * S, ended_at: T0 + 126 * S, duration_s: 120, outcome: 'completed', agent_id: 'a2' }),
    ]);
    expect(legs).toEqual([
      {
        queue: 'sales',
        offeredAt: T0 - 8 * S,
        answeredAt: T0 + 6 * S,
        abandonedAt: null,
        endedAt: T0 + 126 * S,
        waitS: 14,
        talkS: 120,
        wrapS: 0,
        callId: 'c1',
        member: 'a2',
      },
    ]);
  });

  it('missed everywhere is abandoned; still ringing is no leg; outbound, unqueued and deleted rows are skipped', () => {
    const legs = interactionsToLegs([
      row({ id: 'i1', call_id: 'c1', wait_s: 10, ended_at: T0 + 5 * S, outcome: 'missed' }),
      row({ id: 'i2', call_id: 'c1', wait_s: 10, started_at: T0 + 1 * S, ended_at: T0 + 9 * S, outcome: 'missed' }),
      row({ id: 'i3', call_id: 'c2' }),
      row({ id: 'i4', direction: 'out', ended_at: T0 + S, outcome: 'missed' }),
      row({ id: 'i5', queue: null, ended_at: T0 + S, outcome: 'missed' }),
      row({ id: 'i6', ended_at: T0 + S, outcome: 'missed', deleted_at: T0 }),
      row({ id: 'i7', channel: 'phone_in', queue: 'vip', answered_at: T0 + 2 * S, outcome: 'answered' }),
    ]);
    expect(legs.map((l) => [l.callId, l.queue, l.answeredAt !== null ? 'answered' : 'abandoned', l.waitS, l.endedAt])).toEqual([
      ['c1', 'sales', 'abandoned', 19, T0 + 9 * S],
      ['i7', 'vip', 'answered', 2, null],
    ]);
  });
});

describe('dayStartInZone', () => {
  it('midnight of the local day', () => {
    expect(dayStartInZone(T0, 'Asia/Shanghai')).toBe(SINCE);
    expect(dayStartInZone(Date.UTC(2026, 10, 26, 17, 0), 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 26, 16, 0));
    expect(dayStartInZone(Date.UTC(2026, 2, 8, 12, 0), 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5, 0));
  });
});
