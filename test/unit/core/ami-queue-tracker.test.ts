import { describe, expect, it } from 'vitest';
import { computeWallboardFigures } from '../../../shared/domain/wallboard';
import { AmiMessage } from '../../../electron/core/cti/ami/ami-message';
import { encodeAction } from '../../../electron/core/cti/ami/ami-parser';
import {
  parseQueueStatusList,
  parseQueueSummaryList,
  queueStatusAction,
  queueSummaryAction,
} from '../../../electron/core/cti/ami/queue-actions';
import { memberState, mergeMemberStates } from '../../../electron/core/cti/ami/queue-member-state';
import { createQueueTracker } from '../../../electron/core/cti/ami/queue-tracker';
import { DEFAULT_START_S, type AmiEventRecord } from '../../support/ami-scripts/ami-script';
import {
  QueueScript,
  queueAbandon,
  queueOverflow,
  queueStatusAtConnect,
  queueTransferToQueue,
} from '../../support/ami-scripts/queue-scenarios';
import { linkedIdsOf, queueCall } from '../../support/ami-scripts/scenarios';

const T0 = DEFAULT_START_S * 1000;
const S = 1000;

/** A tracker on a manual clock that follows the events' Timestamps (as if received live). */
function setup(start = T0) {
  let now = start;
  const clock = { now: () => now };
  const tracker = createQueueTracker({ clock });
  const feed = (events: readonly AmiEventRecord[], until?: (e: AmiEventRecord) => boolean) => {
    for (const e of events) {
      if (e.Timestamp !== undefined) now = Math.round(Number(e.Timestamp) * 1000);
      tracker.handle(AmiMessage.fromRecord(e));
      if (until?.(e)) break;
    }
  };
  return { tracker, feed, setNow: (t: number) => (now = t), advance: (ms: number) => (now += ms) };
}

describe('queue tracker: calls through one queue', () => {
  it('answered: waiting, then talking, then one record with Asterisk’s hold and talk times', () => {
    const events = queueCall({ from: '13812345678', dnis: '4008205555', queue: 'hotel', extension: '8001', waitS: 12, answered: true, ringS: 3, talkS: 60 });
    const [callId] = linkedIdsOf(events);
    const { tracker, feed } = setup();
    const joinAt = events.findIndex((e) => e.Event === 'QueueCallerJoin');
    feed(events.slice(0, joinAt + 1));
    expect(tracker.snapshot().waiting).toEqual([
      { queue: 'hotel', uniqueid: callId, callId, callerIdNum: '13812345678', callerIdName: null, position: 1, joinedAt: T0, waitS: 0 },
    ]);
    const connectAt = events.findIndex((e) => e.Event === 'AgentConnect');
    feed(events.slice(joinAt + 1, connectAt + 1));
    const mid = tracker.snapshot();
    expect(mid.waiting).toEqual([]);
    expect(mid.connected).toEqual([
      { queue: 'hotel', offeredAt: T0, answeredAt: T0 + 15 * S, abandonedAt: null, endedAt: null, waitS: 15, talkS: 0, wrapS: 0, callId, member: 'PJSIP/8001' },
    ]);
    expect(mid.agents).toEqual([{ agentId: 'PJSIP/8001', name: 'Agent 8001', state: 'on_call', since: T0 + 15 * S, queues: ['hotel'] }]);
    expect(tracker.drainCompleted()).toEqual([]);
    feed(events.slice(connectAt + 1));
    expect(tracker.drainCompleted()).toEqual([
      { queue: 'hotel', offeredAt: T0, answeredAt: T0 + 15 * S, abandonedAt: null, endedAt: T0 + 75 * S, waitS: 15, talkS: 60, wrapS: 0, callId, member: 'PJSIP/8001' },
    ]);
    expect(tracker.drainCompleted()).toEqual([]); // drained once
    const after = tracker.snapshot();
    expect([after.waiting, after.connected]).toEqual([[], []]);
    expect(after.agents[0]).toMatchObject({ state: 'available', since: T0 + 75 * S });
    expect(tracker.counts).toEqual({ malformedEvents: 0, droppedRecords: 0, reconciledAway: 0 });
  });

  it('abandoned after the ring timed out: waitS is the HoldTime of QueueCallerAbandon', () => {
    const events = queueCall({ from: '13812345678', dnis: null, queue: 'hotel', extension: '8001', waitS: 30, answered: false, ringS: 15 });
    const { tracker, feed } = setup();
    feed(events);
    const [r] = tracker.drainCompleted();
    expect(r).toMatchObject({ queue: 'hotel', offeredAt: T0, answeredAt: null, abandonedAt: T0 + 50 * S, endedAt: T0 + 50 * S, waitS: 50, talkS: 0 });
    expect(computeWallboardFigures([r!]).centre).toMatchObject({ offered: 1, abandoned: 1, serviceLevelPct: 0, abandonRatePct: 100 });
    expect(tracker.snapshot().agents[0]).toMatchObject({ agentId: 'PJSIP/8001', state: 'available' }); // rang, then not
  });

  it('short abandon: 3 s in the queue, excluded by the default 5 s grace, counted with grace 0', () => {
    const { tracker, feed } = setup();
    feed(queueAbandon({ queue: 'hotel', from: '13812345678', waitS: 3 }));
    const records = tracker.drainCompleted();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ waitS: 3, abandonedAt: T0 + 3 * S });
    expect(computeWallboardFigures(records).centre).toMatchObject({ offered: 1, shortAbandoned: 1, abandoned: 0, serviceLevelPct: null });
    expect(computeWallboardFigures(records, { shortAbandonGraceS: 0 }).centre).toMatchObject({ shortAbandoned: 0, abandoned: 1, serviceLevelPct: 0 });
  });

  it('a hand-computed mix: 2 answered (one late), 1 abandoned, 1 short abandon', () => {
    const { tracker, feed } = setup();
    feed(queueCall({ from: '1', dnis: null, queue: 'hotel', extension: '8001', waitS: 7, answered: true, ringS: 3, talkS: 40, startAt: DEFAULT_START_S }));
    feed(queueCall({ from: '2', dnis: null, queue: 'hotel', extension: '8001', waitS: 25, answered: true, ringS: 3, talkS: 80, startAt: DEFAULT_START_S + 100 }));
    feed(queueAbandon({ queue: 'hotel', from: '3', waitS: 40, startAt: DEFAULT_START_S + 300 }));
    feed(queueAbandon({ queue: 'hotel', from: '4', waitS: 2, startAt: DEFAULT_START_S + 400 }));
    const f = computeWallboardFigures(tracker.drainCompleted()).centre;
    // waits 10 (within 20) and 28; SL = 1 / (4 − 1 short) ; abandon 1 / 3; ASA (10 + 28) / 2; AHT (40 + 80) / 2
    expect(f).toMatchObject({ offered: 4, answered: 2, answeredWithinThreshold: 1, abandoned: 1, shortAbandoned: 1, asaS: 19, ahtS: 60 });
    expect(f.serviceLevelPct).toBeCloseTo(100 / 3, 9);
    expect(f.abandonRatePct).toBeCloseTo(100 / 3, 9);
  });
});

describe('queue tracker: between queues', () => {
  it('overflow: timed out of sales (exited), answered in hotel; the centre counts one late call', () => {
    const events = queueOverflow({ first: 'sales', second: 'hotel', from: '13812345678', timeoutS: 30, waitS: 5, talkS: 40 });
    const [callId] = linkedIdsOf(events);
    const { tracker, feed } = setup();
    feed(events);
    const records = tracker.drainCompleted();
    expect(records).toEqual([
      { queue: 'sales', offeredAt: T0, answeredAt: null, abandonedAt: null, endedAt: T0 + 30 * S, waitS: 30, talkS: 0, wrapS: 0, callId, member: null },
      { queue: 'hotel', offeredAt: T0 + 31 * S, answeredAt: T0 + 39 * S, abandonedAt: null, endedAt: T0 + 79 * S, waitS: 8, talkS: 40, wrapS: 0, callId, member: 'PJSIP/8002' },
    ]);
    const figures = computeWallboardFigures(records);
    expect(figures.queues.map((q) => [q.queue, q.figures.offered, q.figures.serviceLevelPct])).toEqual([['hotel', 1, 100], ['sales', 1, 0]]);
    expect(figures.centre).toMatchObject({ offered: 1, answered: 1, answeredWithinThreshold: 0, asaS: 38 });
  });

  it('a queue call blind-transferred into another queue is a new leg there', () => {
    const events = queueTransferToQueue({ first: 'hotel', second: 'tours', from: '13812345678', waitS: 6, talkS: 50 });
    const { tracker, feed } = setup();
    feed(events);
    const records = tracker.drainCompleted();
    expect(records.map((r) => [r.queue, r.waitS, r.talkS, r.member, r.answeredAt !== null])).toEqual([
      ['hotel', 8, 50, 'PJSIP/8001', true],
      ['tours', 6, 30, 'PJSIP/8002', true],
    ]);
    expect(records[0]!.callId).toBe(records[1]!.callId);
    expect(computeWallboardFigures(records).centre).toMatchObject({ offered: 2, answered: 2, serviceLevelPct: 100 });
  });

  it('a Leave with no AgentConnect settles as an exit after 5 s, or at once when the caller hangs up', () => {
    const s = new QueueScript(DEFAULT_START_S);
    const c1 = s.customer('1');
    s.join(c1, 'hotel');
    s.wait(60);
    s.leave(c1, 'hotel'); // queue timeout → voicemail
    const { tracker, feed, advance } = setup();
    feed(s.events);
    expect(tracker.drainCompleted()).toEqual([]);
    expect(tracker.snapshot().waiting).toEqual([]);
    advance(5 * S);
    expect(tracker.drainCompleted()).toMatchObject([{ queue: 'hotel', answeredAt: null, abandonedAt: null, endedAt: T0 + 60 * S, waitS: 60 }]);

    const s2 = new QueueScript(DEFAULT_START_S + 100);
    const c2 = s2.customer('2');
    s2.join(c2, 'hotel');
    s2.wait(2);
    s2.leave(c2, 'hotel'); // EXITEMPTY: nobody logged in
    s2.hangup(c2);
    feed(s2.events);
    expect(tracker.drainCompleted()).toMatchObject([{ waitS: 2, abandonedAt: null, endedAt: T0 + 102 * S }]);
  });

  it('lost events: a Hangup closes a waiting (abandoned) or talking (answered) leg', () => {
    const s = new QueueScript(DEFAULT_START_S);
    const c1 = s.customer('1');
    const c2 = s.customer('2');
    s.join(c1, 'hotel');
    s.join(c2, 'hotel', 2);
    s.wait(10);
    const phone = s.answerFromQueue(c2, 'hotel', { extension: '8001' }, 10, 2);
    s.wait(8);
    s.hangup(c1); // no QueueCallerAbandon seen
    s.wait(30);
    s.hangup(c2); // no AgentComplete seen
    s.hangup(phone);
    const { tracker, feed } = setup();
    feed(s.events);
    expect(tracker.drainCompleted().map((r) => [r.waitS, r.abandonedAt !== null, r.answeredAt !== null, r.talkS])).toEqual([
      [20, true, false, 0],
      [12, false, true, 38], // answered at 12 s, caller gone at 50 s
    ]);
  });
});

describe('queue tracker: members', () => {
  const A = { extension: '8001', name: 'Wang Fang' };

  it('paused → break; on a call while paused → on_call; unpaused → available; unavailable → offline', () => {
    const s = new QueueScript(DEFAULT_START_S);
    s.member('QueueMemberAdded', 'hotel', A, { status: 1 });
    const { tracker, feed } = setup();
    const agent = () => tracker.snapshot().agents[0];
    feed(s.events.splice(0));
    expect(agent()).toMatchObject({ agentId: 'PJSIP/8001', name: 'Wang Fang', state: 'available', since: T0 });
    s.wait(60);
    s.member('QueueMemberPause', 'hotel', A, { status: 1, paused: true, reason: 'training' });
    feed(s.events.splice(0));
    expect(agent()).toMatchObject({ state: 'break', since: T0 + 60 * S });
    expect(tracker.snapshot().members[0]).toMatchObject({ paused: true, pausedReason: 'training', status: 1 });
    s.wait(10);
    s.member('QueueMemberStatus', 'hotel', A, { status: 2, paused: true, reason: 'training' }); // a direct call while paused
    feed(s.events.splice(0));
    expect(agent()).toMatchObject({ state: 'on_call', since: T0 + 70 * S });
    s.wait(20);
    s.member('QueueMemberStatus', 'hotel', A, { status: 1, paused: false });
    feed(s.events.splice(0));
    expect(agent()).toMatchObject({ state: 'available', since: T0 + 90 * S });
    expect(tracker.snapshot().members[0]!.pausedReason).toBeNull();
    s.wait(5);
    s.member('QueueMemberStatus', 'hotel', A, { status: 5 });
    feed(s.events.splice(0));
    expect(agent()).toMatchObject({ state: 'offline', since: T0 + 95 * S });
    s.member('QueueMemberRemoved', 'hotel', A, { status: 5 });
    feed(s.events.splice(0));
    expect(tracker.snapshot().agents).toEqual([]);
  });

  it('ringing on AgentCalled, wrap-up for the Wrapuptime after AgentComplete, dated to when it ended', () => {
    const s = new QueueScript(DEFAULT_START_S);
    s.member('QueueMemberAdded', 'hotel', A, { status: 1, wrapuptimeS: 10 });
    const caller = s.customer('13812345678');
    s.join(caller, 'hotel');
    s.wait(4);
    const phone = s.deviceChannel('PJSIP', '8001', caller.linkedid);
    s.agentCalled(caller, phone, 'hotel', A);
    const { tracker, feed, advance } = setup();
    feed(s.events.splice(0));
    expect(tracker.snapshot().agents[0]).toMatchObject({ state: 'ringing', since: T0 + 4 * S });
    s.wait(2);
    s.leave(caller, 'hotel');
    s.agentConnect(caller, phone, 'hotel', A, 6, 2);
    s.wait(30);
    s.agentComplete(caller, phone, 'hotel', A, 6, 30, 'agent');
    feed(s.events.splice(0));
    expect(tracker.drainCompleted()).toMatchObject([{ waitS: 6, talkS: 30, wrapS: 10 }]);
    expect(tracker.snapshot().agents[0]).toMatchObject({ state: 'wrap_up', since: T0 + 36 * S });
    advance(25 * S);
    expect(tracker.snapshot().agents[0]).toMatchObject({ state: 'available', since: T0 + 46 * S });
  });

  it('one agent in two queues: paused in one, free in the other is available', () => {
    const s = new QueueScript(DEFAULT_START_S);
    s.member('QueueMemberAdded', 'hotel', A, { status: 1, paused: true, reason: 'lunch' });
    s.member('QueueMemberAdded', 'tours', A, { status: 1 });
    const { tracker, feed } = setup();
    feed(s.events);
    expect(tracker.snapshot().agents).toEqual([{ agentId: 'PJSIP/8001', name: 'Wang Fang', state: 'available', since: T0, queues: ['hotel', 'tours'] }]);
    expect(mergeMemberStates(['break', 'offline'])).toBe('break');
    expect(mergeMemberStates(['wrap_up', 'available', 'ringing'])).toBe('ringing');
    expect(memberState({ status: 0, paused: false, inCall: false, connected: false, ringing: false, wrapUntil: null }, 0)).toBe('available');
  });
});

describe('queue tracker: QueueStatus and QueueSummary polling', () => {
  it('builds the actions the connection sends', () => {
    expect(queueStatusAction()).toEqual({ action: 'QueueStatus', fields: {} });
    expect(queueStatusAction({ queue: ' hotel ' })).toEqual({ action: 'QueueStatus', fields: { Queue: 'hotel' } });
    expect(queueSummaryAction({ queue: 'tours' })).toEqual({ action: 'QueueSummary', fields: { Queue: 'tours' } });
    const a = queueSummaryAction();
    expect(encodeAction(a.action, 'kefu-9', a.fields)).toBe('Action: QueueSummary\r\nActionID: kefu-9\r\n\r\n');
    expect(() => queueStatusAction({ queue: 'hotel\r\nAction: Command' })).toThrow(RangeError);
    expect(() => queueStatusAction({ queue: '  ' })).toThrow(/Not a queue name/);
  });

  it('parses the list rows (Name/Location for members)', () => {
    const list = parseQueueStatusList(queueStatusAtConnect().map((e) => AmiMessage.fromRecord(e)));
    expect(list.malformed).toBe(0);
    expect(list.queues).toHaveLength(1);
    const q = list.queues[0]!;
    expect(q.params).toMatchObject({ queue: 'hotel', strategy: 'rrmemory', calls: 2, completed: 37, abandoned: 4, serviceLevelS: 20, serviceLevelPerf: 81.1 });
    expect(q.members.map((m) => [m.interface, m.name, m.paused, m.pausedReason, m.wrapuptimeS])).toEqual([
      ['PJSIP/8001', 'Wang Fang', false, null, 10],
      ['PJSIP/8002', 'Li Na', true, 'lunch', 10],
    ]);
    expect(q.entries.map((e) => [e.uniqueid, e.position, e.waitS, e.callerIdNum, e.callerIdName])).toEqual([
      ['1795654700.161', 1, 75, '13812345678', null],
      ['1795654763.162', 2, 12, '13900001111', '张先生'],
    ]);
    const summary = parseQueueSummaryList(
      [{ Event: 'QueueSummary', Queue: 'hotel', LoggedIn: '2', Available: '1', Callers: '2', HoldTime: '18', TalkTime: '140', LongestHoldTime: '75' }, { Event: 'QueueSummary' }].map((e) => AmiMessage.fromRecord(e)),
    );
    expect(summary).toEqual({ rows: [{ queue: 'hotel', loggedIn: 2, available: 1, callers: 2, holdTimeS: 18, talkTimeS: 140, longestHoldTimeS: 75 }], malformed: 1 });
  });

  it('snapshot at connect: callers already waiting keep their real wait; their later answer is a full record', () => {
    const { tracker, feed, setNow } = setup();
    const connectAt = T0 + 200 * S;
    setNow(connectAt);
    tracker.applyQueueStatus(queueStatusAtConnect().filter((e) => e.Event !== 'QueueStatusComplete').map((e) => AmiMessage.fromRecord(e)));
    tracker.applyQueueSummary([AmiMessage.fromRecord({ Event: 'QueueSummary', Queue: 'hotel', LoggedIn: '2', Available: '1', Callers: '2', HoldTime: '18', TalkTime: '140', LongestHoldTime: '75' })]);
    const snap = tracker.snapshot();
    expect(snap.waiting.map((w) => [w.uniqueid, w.joinedAt, w.waitS])).toEqual([
      ['1795654700.161', connectAt - 75 * S, 75],
      ['1795654763.162', connectAt - 12 * S, 12],
    ]);
    expect(snap.queues).toEqual([
      expect.objectContaining({ queue: 'hotel', waiting: 2, longestWaitS: 75, paramsAt: connectAt, summaryAt: connectAt, summary: expect.objectContaining({ available: 1 }) }),
    ]);
    expect(snap.agents.map((a) => [a.agentId, a.state, a.since])).toEqual([
      ['PJSIP/8001', 'available', T0 - 3600 * S], // logged in an hour before, no call since
      ['PJSIP/8002', 'break', T0 - 600 * S], // LastPause
    ]);
    const live = computeWallboardFigures([], {}, { now: connectAt, waiting: snap.waiting });
    expect(live.centre).toMatchObject({ waiting: 2, longestWaitS: 75 });

    // The first caller is then answered by 8001 after 80 s in all, and talks 45 s.
    const caller = { Queue: 'hotel', Uniqueid: '1795654700.161', Linkedid: '1795654700.161', Interface: 'PJSIP/8001', MemberName: 'Wang Fang' };
    const at = (s: number) => ({ Timestamp: String(DEFAULT_START_S + s) });
    feed([
      { Event: 'QueueCallerLeave', ...at(205), ...caller, Count: '1', Position: '1' },
      { Event: 'AgentConnect', ...at(205), ...caller, HoldTime: '80', RingTime: '2' },
      { Event: 'AgentComplete', ...at(250), ...caller, HoldTime: '80', TalkTime: '45', Reason: 'caller' },
    ]);
    expect(tracker.drainCompleted()).toEqual([
      { queue: 'hotel', offeredAt: connectAt - 75 * S, answeredAt: T0 + 205 * S, abandonedAt: null, endedAt: T0 + 250 * S, waitS: 80, talkS: 45, wrapS: 10, callId: '1795654700.161', member: 'PJSIP/8001' },
    ]);
  });

  it('a later full QueueStatus drops callers and members the PBX no longer lists', () => {
    const { tracker, setNow } = setup();
    setNow(T0);
    tracker.applyQueueStatus(queueStatusAtConnect('kefu-1').map((e) => AmiMessage.fromRecord(e)));
    // Second poll, rows fed one by one through handle() and closed by QueueStatusComplete: only the
    // second caller and 8001 remain.
    const second = queueStatusAtConnect('kefu-2').filter((e) => e.Uniqueid !== '1795654700.161' && e.Location !== 'PJSIP/8002');
    for (const e of second) tracker.handle(AmiMessage.fromRecord(e));
    const snap = tracker.snapshot();
    expect(snap.waiting.map((w) => w.uniqueid)).toEqual(['1795654763.162']);
    expect(snap.members.map((m) => m.interface)).toEqual(['PJSIP/8001']);
    expect(tracker.counts.reconciledAway).toBe(2);
    expect(tracker.drainCompleted()).toEqual([]); // an unknown end is not a record
  });
});

describe('queue tracker: robustness', () => {
  it('counts events missing what it needs, ignores the rest, never throws', () => {
    const { tracker } = setup();
    const junk: Array<Record<string, string>> = [
      { Event: 'QueueCallerJoin', Uniqueid: '1.1' }, // no Queue
      { Event: 'AgentConnect', Queue: 'hotel' }, // no Uniqueid
      { Event: 'QueueMemberStatus', Queue: 'hotel' }, // no Interface
      { Event: 'Newchannel', Uniqueid: '1.2' },
      { Event: 'QueueCallerAbandon', Queue: 'hotel', Uniqueid: 'never-joined', HoldTime: 'x' },
      {},
    ];
    for (const e of junk) expect(() => tracker.handle(AmiMessage.fromRecord(e))).not.toThrow();
    expect(tracker.counts.malformedEvents).toBe(3);
    expect(tracker.drainCompleted()).toEqual([]);
  });

  it('bounds the finished records kept between drains', () => {
    let now = T0;
    const tracker = createQueueTracker({ clock: { now: () => now }, completedLimit: 2 });
    for (let i = 0; i < 3; i++) {
      for (const e of queueAbandon({ queue: 'hotel', from: String(i), waitS: 30, startAt: DEFAULT_START_S + i * 100 })) {
        now = Number(e.Timestamp) * 1000;
        tracker.handle(AmiMessage.fromRecord(e));
      }
    }
    expect(tracker.drainCompleted()).toHaveLength(2);
    expect(tracker.counts.droppedRecords).toBe(1);
  });
});
