// Follows the PBX's queues from AMI queue events (class `agent`) and QueueStatus / QueueSummary
// rows: who is waiting where since when, each member's state, and every finished queue leg as a
// QueueCallRecord for shared/domain/wallboard. Pure: no I/O, no timers; time from the injected clock.
//
// A caller's passage through one queue (a "leg", keyed by Queue + the caller channel's Uniqueid):
//   QueueCallerJoin                     → waiting (joinedAt = now)
//   QueueCallerAbandon                  → record: abandoned (waitS = HoldTime)
//   QueueCallerLeave                    → leaving: Asterisk sends Leave BEFORE AgentConnect when an
//                                         agent answers, so a Leave alone says nothing yet. It becomes:
//     AgentConnect                      → connected (answeredAt = now, waitS = HoldTime)
//     QueueCallerAbandon                → record: abandoned (either order is accepted)
//     QueueCallerJoin of the same caller in another queue, its Hangup, or `leaveSettleMs` without
//       news                            → record: exited (timeout, no agents, key exit, overflow)
//   AgentComplete                       → record: answered (talkS = TalkTime, Reason caller|agent|transfer;
//                                         a transfer INTO another queue is that queue's new leg)
//   Hangup of the caller's channel      → the missing end of a lost event: waiting → abandoned,
//                                         connected → answered (times from the clock)
//   QueueEntry (QueueStatus row)        → waiting since now − Wait, for callers already waiting
//                                         when we connected; a full QueueStatus also drops callers
//                                         and members the PBX no longer lists (events lost while
//                                         disconnected): see applyQueueStatus.
//
// Times: instants (offeredAt, answeredAt…) are the clock's at reception, so live waits compare with
// the same clock the wallboard uses. Durations come from Asterisk when it sends them (HoldTime,
// TalkTime, Wait: whole seconds), else from the events' `Timestamp` (timestampevents=yes) when both
// ends have one, else from the clock. wrapS is the member's Wrapuptime when known (Asterisk holds
// the member for exactly that long after each queue call), else 0.
//
// Members (queue + Interface; QueueStatus says Location) follow QueueMemberStatus / Added / Removed
// / Pause / Penalty / Ringinuse, QueueMember rows and the Agent* events; see queue-member-state.ts.

import type { Clock } from '../../clock';
import type { AgentState, PresenceRecord, QueueCallRecord } from '../../../../shared/domain/wallboard';
import type { AmiFieldReader } from './ami-message';
import {
  parseQueueEntry,
  parseQueueMember,
  parseQueueParams,
  parseQueueSummary,
  type QueueMemberRow,
  type QueueParamsRow,
  type QueueSummaryRow,
} from './queue-actions';
import { memberState, mergeMemberStates } from './queue-member-state';

export interface QueueTrackerOptions {
  clock: Clock;
  /** How long a QueueCallerLeave waits for its AgentConnect before the leg counts as exited. Default 5 s. */
  leaveSettleMs?: number;
  /** Callers followed at once (waiting + leaving + talking), bounded so lost events cannot leak. Default 5000. */
  memoryLimit?: number;
  /** Finished records kept until drainCompleted(); the oldest are dropped (and counted) beyond. Default 10000. */
  completedLimit?: number;
}

export interface WaitingCaller {
  queue: string;
  uniqueid: string;
  /** Linkedid: the call across queues (QueueCallRecord.callId). */
  callId: string;
  callerIdNum: string | null;
  callerIdName: string | null;
  position: number | null;
  joinedAt: number;
  waitS: number;
}

export interface QueueMemberSnapshot {
  queue: string;
  interface: string;
  name: string;
  state: AgentState;
  since: number;
  paused: boolean;
  pausedReason: string | null;
  status: number | null;
  callsTaken: number | null;
  wrapuptimeS: number | null;
}

/** One agent (a member interface) across its queues; PresenceRecord-shaped for agentStateSummary. */
export interface QueueAgentSnapshot extends PresenceRecord {
  name: string;
  queues: string[];
}

export interface QueueLiveSnapshot {
  queue: string;
  waiting: number;
  longestWaitS: number | null;
  /** Asterisk's own counters from the last QueueStatus (null before one), and when they came. */
  params: QueueParamsRow | null;
  paramsAt: number | null;
  summary: QueueSummaryRow | null;
  summaryAt: number | null;
}

export interface QueueTrackerSnapshot {
  at: number;
  /** By queue, then longest waiting first. Feed to computeWallboardFigures as live.waiting. */
  waiting: WaitingCaller[];
  /** Answered legs still talking (endedAt null): add them to the records so "answered" counts them now. */
  connected: QueueCallRecord[];
  queues: QueueLiveSnapshot[];
  members: QueueMemberSnapshot[];
  agents: QueueAgentSnapshot[];
}

export interface QueueTrackerCounts {
  /** Handled events missing a field we need (Queue, Uniqueid, Interface). */
  malformedEvents: number;
  /** Finished records dropped because drainCompleted() was not called for too long. */
  droppedRecords: number;
  /** Callers or members a full QueueStatus no longer listed (their end was lost). */
  reconciledAway: number;
}

export interface QueueTracker {
  readonly counts: QueueTrackerCounts;
  /** Feeds one AMI event (any class: what is not about queues is ignored). Never throws. */
  handle(event: AmiFieldReader): void;
  /** The rows of a QueueStatus answer (sendListAction's events), then reconciles the queues it listed. */
  applyQueueStatus(events: readonly AmiFieldReader[]): void;
  /** The rows of a QueueSummary answer. */
  applyQueueSummary(events: readonly AmiFieldReader[]): void;
  snapshot(): QueueTrackerSnapshot;
  /** Finished legs since the last drain, in the order they finished. */
  drainCompleted(): QueueCallRecord[];
}

interface Leg {
  queue: string;
  uniqueid: string;
  callId: string;
  callerIdNum: string | null;
  callerIdName: string | null;
  position: number | null;
  joinedAt: number;
  joinTs: number | null;
  /** Set once QueueCallerLeave came. */
  leftAt: number | null;
  leftTs: number | null;
}

interface Talk {
  queue: string;
  uniqueid: string;
  callId: string;
  offeredAt: number;
  answeredAt: number;
  answerTs: number | null;
  waitS: number;
  member: string | null;
}

interface Member {
  queue: string;
  interface: string;
  name: string;
  status: number | null;
  paused: boolean;
  pausedReason: string | null;
  inCall: boolean;
  connected: boolean;
  ringing: boolean;
  wrapUntil: number | null;
  callsTaken: number | null;
  wrapuptimeS: number | null;
  state: AgentState;
  since: number;
}

interface Listing {
  queues: Set<string>;
  entries: Set<string>;
  members: Set<string>;
}

const SEP = '\u0000';
const legKey = (queue: string, uid: string) => `${queue}${SEP}${uid}`;

/** Insertion-ordered Map that forgets its oldest entries past a limit, and can be iterated. */
class Bounded<V> extends Map<string, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: string, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.limit) {
      const oldest = this.keys().next();
      if (oldest.done) break;
      super.delete(oldest.value);
    }
    return this;
  }
}

export function createQueueTracker(options: QueueTrackerOptions): QueueTracker {
  const clock = options.clock;
  const settleMs = options.leaveSettleMs ?? 5_000;
  const limit = options.memoryLimit ?? 5_000;
  const completedLimit = options.completedLimit ?? 10_000;
  const counts: QueueTrackerCounts = { malformedEvents: 0, droppedRecords: 0, reconciledAway: 0 };
  const waiting = new Bounded<Leg>(limit);
  const leaving = new Bounded<Leg>(limit);
  const talking = new Bounded<Talk>(limit);
  const members = new Map<string, Member>();
  const params = new Map<string, { row: QueueParamsRow; at: number }>();
  const summaries = new Map<string, { row: QueueSummaryRow; at: number }>();
  const listings = new Bounded<Listing>(16);
  let completed: QueueCallRecord[] = [];

  const now = () => clock.now();

  const emit = (r: QueueCallRecord) => {
    completed.push(r);
    if (completed.length > completedLimit) {
      const excess = completed.length - completedLimit;
      completed = completed.slice(excess);
      counts.droppedRecords += excess;
    }
  };

  /** Seconds between two moments: event Timestamps when both are known, else clock instants. */
  const between = (fromAt: number, fromTs: number | null, e: AmiFieldReader | null): number => {
    const ts = e ? timestampS(e) : null;
    const s = fromTs !== null && ts !== null ? ts - fromTs : (now() - fromAt) / 1000;
    return Math.max(0, Math.round(s));
  };

  const memberWrapS = (queue: string, iface: string | null): number => {
    if (!iface) return 0;
    return members.get(legKey(queue, iface))?.wrapuptimeS ?? 0;
  };

  // ---- legs --------------------------------------------------------------------------------------

  const finishExited = (leg: Leg) => {
    const endedAt = leg.leftAt ?? now();
    const waitS = leg.leftAt !== null && leg.leftTs !== null && leg.joinTs !== null ? Math.max(0, Math.round(leg.leftTs - leg.joinTs)) : Math.max(0, Math.round((endedAt - leg.joinedAt) / 1000));
    emit({ queue: leg.queue, offeredAt: leg.joinedAt, answeredAt: null, abandonedAt: null, endedAt, waitS, talkS: 0, wrapS: 0, callId: leg.callId, member: null });
  };

  const finishAbandoned = (leg: Leg, holdS: number | null, e: AmiFieldReader | null) => {
    const at = now();
    const waitS = holdS ?? between(leg.joinedAt, leg.joinTs, e);
    emit({ queue: leg.queue, offeredAt: leg.joinedAt, answeredAt: null, abandonedAt: at, endedAt: at, waitS, talkS: 0, wrapS: 0, callId: leg.callId, member: null });
  };

  const finishAnswered = (t: Talk, talkS: number, wrapS: number) => {
    emit({ queue: t.queue, offeredAt: t.offeredAt, answeredAt: t.answeredAt, abandonedAt: null, endedAt: now(), waitS: t.waitS, talkS, wrapS, callId: t.callId, member: t.member });
  };

  /** Leaves older than the settle time are exits. */
  const settle = () => {
    const t = now();
    for (const [key, leg] of leaving) {
      if (leg.leftAt !== null && t - leg.leftAt >= settleMs) {
        leaving.delete(key);
        finishExited(leg);
      }
    }
  };

  const takeLeg = (key: string): Leg | undefined => {
    const leg = waiting.get(key) ?? leaving.get(key);
    waiting.delete(key);
    leaving.delete(key);
    return leg;
  };

  const onJoin = (e: AmiFieldReader) => {
    const queue = field(e, 'Queue');
    const uid = field(e, 'Uniqueid');
    if (!queue || !uid) return malformed();
    // The same caller in another queue: its earlier leg ended unanswered (overflow, or a Leave we missed).
    for (const map of [leaving, waiting]) {
      for (const [key, leg] of map) {
        if (leg.uniqueid === uid && leg.queue !== queue) {
          map.delete(key);
          if (leg.leftAt === null) leg.leftAt = now();
          finishExited(leg);
        }
      }
    }
    waiting.set(legKey(queue, uid), {
      queue,
      uniqueid: uid,
      callId: field(e, 'Linkedid') ?? uid,
      callerIdNum: callerId(field(e, 'CallerIDNum')),
      callerIdName: callerId(field(e, 'CallerIDName')),
      position: num(e, 'Position'),
      joinedAt: now(),
      joinTs: timestampS(e),
      leftAt: null,
      leftTs: null,
    });
  };

  const onAbandon = (e: AmiFieldReader) => {
    const queue = field(e, 'Queue');
    const uid = field(e, 'Uniqueid');
    if (!queue || !uid) return malformed();
    const leg = takeLeg(legKey(queue, uid));
    if (leg) finishAbandoned(leg, num(e, 'HoldTime'), e);
  };

  const onLeave = (e: AmiFieldReader) => {
    const queue = field(e, 'Queue');
    const uid = field(e, 'Uniqueid');
    if (!queue || !uid) return malformed();
    const key = legKey(queue, uid);
    const leg = waiting.get(key);
    if (!leg) return; // already abandoned or connected
    waiting.delete(key);
    leg.leftAt = now();
    leg.leftTs = timestampS(e);
    leaving.set(key, leg);
  };

  const onConnect = (e: AmiFieldReader) => {
    const queue = field(e, 'Queue');
    const uid = field(e, 'Uniqueid');
    if (!queue || !uid) return malformed();
    const key = legKey(queue, uid);
    const leg = takeLeg(key);
    const holdS = num(e, 'HoldTime');
    const at = now();
    const waitS = holdS ?? (leg ? between(leg.joinedAt, leg.joinTs, e) : 0);
    talking.set(key, {
      queue,
      uniqueid: uid,
      callId: leg?.callId ?? field(e, 'Linkedid') ?? uid,
      offeredAt: leg?.joinedAt ?? at - waitS * 1000,
      answeredAt: at,
      answerTs: timestampS(e),
      waitS,
      member: field(e, 'Interface') ?? field(e, 'MemberName'),
    });
    updateMemberFromAgentEvent(e, (m) => {
      m.connected = true;
      m.ringing = false;
      m.wrapUntil = null;
    });
  };

  const onComplete = (e: AmiFieldReader) => {
    const queue = field(e, 'Queue');
    const uid = field(e, 'Uniqueid');
    if (!queue || !uid) return malformed();
    const key = legKey(queue, uid);
    const iface = field(e, 'Interface');
    const wrapS = memberWrapS(queue, iface);
    let t = talking.get(key);
    talking.delete(key);
    if (!t) {
      // We missed the AgentConnect (connected to AMI mid-call): rebuild the leg from Asterisk's durations.
      const leg = takeLeg(key);
      const holdS = num(e, 'HoldTime') ?? 0;
      const talkS = num(e, 'TalkTime') ?? 0;
      const answeredAt = now() - talkS * 1000;
      t = {
        queue,
        uniqueid: uid,
        callId: leg?.callId ?? field(e, 'Linkedid') ?? uid,
        offeredAt: leg?.joinedAt ?? answeredAt - holdS * 1000,
        answeredAt,
        answerTs: null,
        waitS: holdS,
        member: iface ?? field(e, 'MemberName'),
      };
    }
    finishAnswered(t, num(e, 'TalkTime') ?? between(t.answeredAt, t.answerTs, e), wrapS);
    updateMemberFromAgentEvent(e, (m) => {
      m.connected = false;
      m.ringing = false;
      m.inCall = false;
      m.wrapUntil = (m.wrapuptimeS ?? 0) > 0 ? now() + (m.wrapuptimeS ?? 0) * 1000 : null;
    });
  };

  const onHangup = (e: AmiFieldReader) => {
    const uid = field(e, 'Uniqueid');
    if (!uid) return; // not ours to judge: the call tracker counts malformed Hangups
    for (const [key, leg] of waiting) {
      if (leg.uniqueid !== uid) continue;
      waiting.delete(key);
      finishAbandoned(leg, null, e);
    }
    for (const [key, leg] of leaving) {
      if (leg.uniqueid !== uid) continue;
      leaving.delete(key);
      finishExited(leg);
    }
    for (const [key, t] of talking) {
      if (t.uniqueid !== uid) continue;
      talking.delete(key);
      finishAnswered(t, between(t.answeredAt, t.answerTs, e), memberWrapS(t.queue, t.member));
    }
  };

  // ---- members -----------------------------------------------------------------------------------

  const refresh = (m: Member, at: number) => {
    const state = memberState(m, at);
    if (state === m.state) return;
    // Wrap-up ends by itself: date that change to the moment it ended, not to when we looked.
    const wrapEnded = m.state === 'wrap_up' && state === 'available' && m.wrapUntil !== null && m.wrapUntil <= at;
    m.state = state;
    m.since = wrapEnded ? m.wrapUntil! : at;
  };

  const upsertMember = (row: QueueMemberRow, fromList: boolean) => {
    const key = legKey(row.queue, row.interface);
    const at = now();
    let m = members.get(key);
    const isNew = !m;
    if (!m) {
      m = {
        queue: row.queue,
        interface: row.interface,
        name: row.name,
        status: null,
        paused: false,
        pausedReason: null,
        inCall: false,
        connected: false,
        ringing: false,
        wrapUntil: null,
        callsTaken: null,
        wrapuptimeS: null,
        state: 'available',
        since: at,
      };
      members.set(key, m);
    }
    m.name = row.name;
    if (row.status !== null) m.status = row.status;
    if (row.paused !== null) m.paused = row.paused;
    if (row.paused === false) m.pausedReason = null;
    else if (row.pausedReason !== null) m.pausedReason = row.pausedReason;
    if (row.inCall !== null) m.inCall = row.inCall;
    if (row.callsTaken !== null) m.callsTaken = row.callsTaken;
    if (row.wrapuptimeS !== null) m.wrapuptimeS = row.wrapuptimeS;
    if (fromList && row.lastCall && m.wrapuptimeS && !m.connected) {
      const until = (row.lastCall + m.wrapuptimeS) * 1000;
      m.wrapUntil = until > at ? until : null;
    }
    if (isNew) {
      m.state = memberState(m, at);
      // A live event dates its member's state to now; a QueueStatus row (at connect) to the PBX's own times.
      m.since = fromList ? Math.min(at, bestSince(m.state, row, m.wrapuptimeS) ?? at) : at;
    } else refresh(m, at);
  };

  const updateMemberFromAgentEvent = (e: AmiFieldReader, change: (m: Member) => void) => {
    const queue = field(e, 'Queue');
    const iface = field(e, 'Interface');
    if (!queue || !iface) return;
    let m = members.get(legKey(queue, iface));
    if (!m) {
      upsertMember({ ...EMPTY_ROW, queue, interface: iface, name: field(e, 'MemberName') ?? iface }, false);
      m = members.get(legKey(queue, iface))!;
    }
    change(m);
    refresh(m, now());
  };

  const onMemberEvent = (e: AmiFieldReader, removed: boolean) => {
    const row = parseQueueMember(e);
    if (!row) return malformed();
    if (removed) members.delete(legKey(row.queue, row.interface));
    else upsertMember(row, false);
  };

  // ---- QueueStatus / QueueSummary rows -------------------------------------------------------------

  const listing = (e: AmiFieldReader): Listing => {
    const id = e.get('ActionID') ?? '';
    let l = listings.get(id);
    if (!l) listings.set(id, (l = { queues: new Set(), entries: new Set(), members: new Set() }));
    return l;
  };

  const onParams = (e: AmiFieldReader) => {
    const row = parseQueueParams(e);
    if (!row) return malformed();
    params.set(row.queue, { row, at: now() });
    listing(e).queues.add(row.queue);
  };

  const onMemberRow = (e: AmiFieldReader) => {
    const row = parseQueueMember(e);
    if (!row) return malformed();
    upsertMember(row, true);
    const l = listing(e);
    l.queues.add(row.queue);
    l.members.add(legKey(row.queue, row.interface));
  };

  const onEntryRow = (e: AmiFieldReader) => {
    const row = parseQueueEntry(e);
    if (!row) return malformed();
    const key = legKey(row.queue, row.uniqueid);
    const l = listing(e);
    l.queues.add(row.queue);
    l.entries.add(key);
    const known = waiting.get(key);
    if (known) {
      known.position = row.position ?? known.position;
      return;
    }
    if (leaving.has(key) || talking.has(key)) return;
    waiting.set(key, {
      queue: row.queue,
      uniqueid: row.uniqueid,
      callId: row.linkedid ?? row.uniqueid,
      callerIdNum: row.callerIdNum,
      callerIdName: row.callerIdName,
      position: row.position,
      joinedAt: now() - (row.waitS ?? 0) * 1000,
      joinTs: null,
      leftAt: null,
      leftTs: null,
    });
  };

  const completeListing = (id: string) => {
    const l = listings.get(id);
    listings.delete(id);
    if (!l) return;
    for (const [key, leg] of waiting) {
      if (l.queues.has(leg.queue) && !l.entries.has(key)) {
        waiting.delete(key);
        counts.reconciledAway++;
      }
    }
    for (const [key, m] of members) {
      if (l.queues.has(m.queue) && !l.members.has(key)) {
        members.delete(key);
        counts.reconciledAway++;
      }
    }
  };

  const onSummary = (e: AmiFieldReader) => {
    const row = parseQueueSummary(e);
    if (!row) return malformed();
    summaries.set(row.queue, { row, at: now() });
  };

  // ---- dispatch ------------------------------------------------------------------------------------

  const handle = (e: AmiFieldReader) => {
    try {
      dispatch(e);
    } catch {
      malformed(); // a tracker bug must never take the AMI session down
    }
  };

  const malformed = () => {
    counts.malformedEvents++;
  };

  const dispatch = (e: AmiFieldReader) => {
    settle();
    switch ((e.get('Event') ?? '').toLowerCase()) {
      case 'queuecallerjoin': return onJoin(e);
      case 'queuecallerabandon': return onAbandon(e);
      case 'queuecallerleave': return onLeave(e);
      case 'agentconnect': return onConnect(e);
      case 'agentcomplete': return onComplete(e);
      case 'agentcalled':
        return updateMemberFromAgentEvent(e, (m) => {
          m.ringing = true;
        });
      case 'agentringnoanswer':
      case 'agentdump':
        return updateMemberFromAgentEvent(e, (m) => {
          m.ringing = false;
        });
      case 'hangup': return onHangup(e);
      case 'queuememberstatus':
      case 'queuememberadded':
      case 'queuememberpause':
      case 'queuememberpaused':
      case 'queuememberpenalty':
      case 'queuememberringinuse': return onMemberEvent(e, false);
      case 'queuememberremoved': return onMemberEvent(e, true);
      case 'queueparams': return onParams(e);
      case 'queuemember': return onMemberRow(e);
      case 'queueentry': return onEntryRow(e);
      case 'queuestatuscomplete': return completeListing(e.get('ActionID') ?? '');
      case 'queuesummary': return onSummary(e);
      default: return;
    }
  };

  return {
    counts,
    handle,

    applyQueueStatus(events) {
      const ids = new Set<string>();
      for (const e of events) {
        handle(e);
        ids.add(e.get('ActionID') ?? '');
      }
      for (const id of ids) completeListing(id);
    },

    applyQueueSummary(events) {
      for (const e of events) handle(e);
    },

    snapshot() {
      settle();
      const at = now();
      for (const m of members.values()) refresh(m, at);
      const waitingList: WaitingCaller[] = [...waiting.values()]
        .map((l) => ({
          queue: l.queue,
          uniqueid: l.uniqueid,
          callId: l.callId,
          callerIdNum: l.callerIdNum,
          callerIdName: l.callerIdName,
          position: l.position,
          joinedAt: l.joinedAt,
          waitS: Math.max(0, Math.round((at - l.joinedAt) / 1000)),
        }))
        .sort((a, b) => compare(a.queue, b.queue) || a.joinedAt - b.joinedAt);
      const connected: QueueCallRecord[] = [...talking.values()].map((t) => ({
        queue: t.queue,
        offeredAt: t.offeredAt,
        answeredAt: t.answeredAt,
        abandonedAt: null,
        endedAt: null,
        waitS: t.waitS,
        talkS: Math.max(0, Math.round((at - t.answeredAt) / 1000)),
        wrapS: 0,
        callId: t.callId,
        member: t.member,
      }));
      const memberList: QueueMemberSnapshot[] = [...members.values()]
        .map((m) => ({
          queue: m.queue,
          interface: m.interface,
          name: m.name,
          state: m.state,
          since: m.since,
          paused: m.paused,
          pausedReason: m.pausedReason,
          status: m.status,
          callsTaken: m.callsTaken,
          wrapuptimeS: m.wrapuptimeS,
        }))
        .sort((a, b) => compare(a.queue, b.queue) || compare(a.interface, b.interface));
      const byAgent = new Map<string, QueueMemberSnapshot[]>();
      for (const m of memberList) {
        const list = byAgent.get(m.interface);
        if (list) list.push(m);
        else byAgent.set(m.interface, [m]);
      }
      const agents: QueueAgentSnapshot[] = [...byAgent.entries()]
        .map(([iface, ms]) => {
          const state = mergeMemberStates(ms.map((m) => m.state));
          // Since when in the merged state: the latest change among the queues now in that state.
          const since = Math.max(...ms.filter((m) => m.state === state).map((m) => m.since));
          return { agentId: iface, name: ms[0]!.name, state, since, queues: ms.map((m) => m.queue) };
        })
        .sort((a, b) => compare(a.agentId, b.agentId));
      const queueNames = new Set<string>([...params.keys(), ...summaries.keys(), ...memberList.map((m) => m.queue), ...waitingList.map((w) => w.queue), ...connected.map((c) => c.queue)]);
      const queues: QueueLiveSnapshot[] = [...queueNames].sort(compare).map((queue) => {
        const w = waitingList.filter((x) => x.queue === queue);
        return {
          queue,
          waiting: w.length,
          longestWaitS: w.length ? Math.max(...w.map((x) => (at - x.joinedAt) / 1000)) : null,
          params: params.get(queue)?.row ?? null,
          paramsAt: params.get(queue)?.at ?? null,
          summary: summaries.get(queue)?.row ?? null,
          summaryAt: summaries.get(queue)?.at ?? null,
        };
      });
      return { at, waiting: waitingList, connected, queues, members: memberList, agents };
    },

    drainCompleted() {
      settle();
      const out = completed;
      completed = [];
      return out;
    },
  };
}

const EMPTY_ROW: Omit<QueueMemberRow, 'queue' | 'interface' | 'name'> = {
  stateInterface: null,
  membership: null,
  penalty: null,
  callsTaken: null,
  lastCall: null,
  lastPause: null,
  loginTime: null,
  inCall: null,
  status: null,
  paused: null,
  pausedReason: null,
  wrapuptimeS: null,
};

/** For a member first seen in a QueueStatus row: since when it has likely been in `state` (epoch ms), from the PBX's own times. */
function bestSince(state: AgentState, row: QueueMemberRow, wrapS: number | null): number | null {
  const ms = (s: number | null) => (s && s > 0 ? s * 1000 : null);
  switch (state) {
    case 'break':
      return ms(row.lastPause);
    case 'wrap_up':
      return ms(row.lastCall);
    case 'available': {
      const afterCall = ms(row.lastCall) !== null ? ms(row.lastCall)! + (wrapS ?? 0) * 1000 : null;
      const login = ms(row.loginTime);
      return afterCall === null ? login : login === null ? afterCall : Math.max(afterCall, login);
    }
    default:
      return null;
  }
}

function field(e: AmiFieldReader, key: string): string | null {
  const v = e.get(key);
  return v === undefined || v === '' ? null : v;
}

function num(e: AmiFieldReader, key: string): number | null {
  const v = field(e, key);
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function callerId(v: string | null): string | null {
  return v === null || v === '<unknown>' ? null : v;
}

/** `Timestamp: 1764122400.123456` (timestampevents=yes), in seconds, or null. */
function timestampS(e: AmiFieldReader): number | null {
  return num(e, 'Timestamp');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
