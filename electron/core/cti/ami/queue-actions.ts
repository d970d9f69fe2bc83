// QueueStatus / QueueSummary polling: the actions to send and the rows of their answers.
//
// Both are list actions (AMI.md): `Response: Success` + `EventList: start`, then one event per
// row, then QueueStatusComplete / QueueSummaryComplete. Send them with
// `AmiConnection.sendListAction(a.action, a.fields)`; it collects the rows (without the Complete).
//
// QueueStatus rows:  QueueParams (one per queue), QueueMember (its members — note the keys Name
//                    and Location, where the member events say MemberName and Interface),
//                    QueueEntry (its waiting callers, with Wait in seconds).
// QueueSummary rows: QueueSummary (one per queue: LoggedIn, Available, Callers, HoldTime,
//                    TalkTime, LongestHoldTime).

import type { AmiFieldReader } from './ami-message';
import type { AmiActionFields } from './ami-parser';

/** An action as the connection sends it: `sendListAction(action, fields)`. */
export interface AmiAction {
  readonly action: string;
  readonly fields: AmiActionFields;
}

// Queue names are dialplan words; a control character would at best be refused by the encoder.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;

function queueFilter(queue: string | undefined): AmiActionFields {
  if (queue === undefined) return {};
  const q = queue.trim();
  if (q === '' || CONTROL.test(q)) throw new RangeError(`Not a queue name: ${JSON.stringify(queue)}`);
  return { Queue: q };
}

/**
 * QueueStatus for every queue, or one. There is deliberately no Member filter: the tracker
 * reconciles a queue's members and callers against the full list, which a filtered list is not.
 */
export function queueStatusAction(o: { queue?: string } = {}): AmiAction {
  return { action: 'QueueStatus', fields: queueFilter(o.queue) };
}

export function queueSummaryAction(o: { queue?: string } = {}): AmiAction {
  return { action: 'QueueSummary', fields: queueFilter(o.queue) };
}

// ---- rows --------------------------------------------------------------------------------------

/** QueueParams: Asterisk's own counters for the queue since its last reset (for reference). */
export interface QueueParamsRow {
  queue: string;
  max: number | null;
  strategy: string | null;
  /** Callers waiting now. */
  calls: number | null;
  holdtimeS: number | null;
  talktimeS: number | null;
  completed: number | null;
  abandoned: number | null;
  /** The queue's `servicelevel` threshold in seconds (0 = not configured). */
  serviceLevelS: number | null;
  /** 100 × completed within / completed (AMI.md). */
  serviceLevelPerf: number | null;
  /** 100 × (abandoned within + completed within) / (abandoned + completed). */
  serviceLevelPerf2: number | null;
  weight: number | null;
}

export interface QueueMemberRow {
  queue: string;
  /** Interface (member events) or Location (QueueStatus rows), e.g. PJSIP/8001, Local/8001@from-queue/n. */
  interface: string;
  /** MemberName or Name; the interface when absent. */
  name: string;
  stateInterface: string | null;
  membership: string | null;
  penalty: number | null;
  callsTaken: number | null;
  /** Epoch seconds of the end of the member's last call (0 = none). */
  lastCall: number | null;
  lastPause: number | null;
  loginTime: number | null;
  inCall: boolean | null;
  /** Device status 0..8 (AMI.md: 1 NotInUse, 2 InUse, 5 Unavailable, 6 Ringing…). */
  status: number | null;
  paused: boolean | null;
  pausedReason: string | null;
  wrapuptimeS: number | null;
}

export interface QueueEntryRow {
  queue: string;
  position: number | null;
  channel: string | null;
  uniqueid: string;
  linkedid: string | null;
  callerIdNum: string | null;
  callerIdName: string | null;
  /** Seconds waited so far. */
  waitS: number | null;
  priority: number | null;
}

export interface QueueSummaryRow {
  queue: string;
  loggedIn: number | null;
  available: number | null;
  callers: number | null;
  holdTimeS: number | null;
  talkTimeS: number | null;
  longestHoldTimeS: number | null;
}

export function parseQueueParams(e: AmiFieldReader): QueueParamsRow | null {
  const queue = text(e, 'Queue');
  if (!queue) return null;
  return {
    queue,
    max: num(e, 'Max'),
    strategy: text(e, 'Strategy'),
    calls: num(e, 'Calls'),
    holdtimeS: num(e, 'Holdtime'),
    talktimeS: num(e, 'TalkTime'),
    completed: num(e, 'Completed'),
    abandoned: num(e, 'Abandoned'),
    serviceLevelS: num(e, 'ServiceLevel'),
    serviceLevelPerf: num(e, 'ServicelevelPerf'),
    serviceLevelPerf2: num(e, 'ServicelevelPerf2'),
    weight: num(e, 'Weight'),
  };
}

/** A QueueMember row or any QueueMember* event (Status, Added, Removed, Pause, Penalty, Ringinuse). */
export function parseQueueMember(e: AmiFieldReader): QueueMemberRow | null {
  const queue = text(e, 'Queue');
  const iface = text(e, 'Interface') ?? text(e, 'Location');
  if (!queue || !iface) return null;
  return {
    queue,
    interface: iface,
    name: text(e, 'MemberName') ?? text(e, 'Name') ?? iface,
    stateInterface: text(e, 'StateInterface'),
    membership: text(e, 'Membership'),
    penalty: num(e, 'Penalty'),
    callsTaken: num(e, 'CallsTaken'),
    lastCall: num(e, 'LastCall'),
    lastPause: num(e, 'LastPause'),
    loginTime: num(e, 'LoginTime'),
    inCall: bool(e, 'InCall'),
    status: num(e, 'Status'),
    paused: bool(e, 'Paused'),
    pausedReason: text(e, 'PausedReason'),
    wrapuptimeS: num(e, 'Wrapuptime'),
  };
}

export function parseQueueEntry(e: AmiFieldReader): QueueEntryRow | null {
  const queue = text(e, 'Queue');
  const uniqueid = text(e, 'Uniqueid');
  if (!queue || !uniqueid) return null;
  return {
    queue,
    position: num(e, 'Position'),
    channel: text(e, 'Channel'),
    uniqueid,
    linkedid: text(e, 'Linkedid'),
    callerIdNum: callerId(text(e, 'CallerIDNum')),
    callerIdName: callerId(text(e, 'CallerIDName')),
    waitS: num(e, 'Wait'),
    priority: num(e, 'Priority'),
  };
}

export function parseQueueSummary(e: AmiFieldReader): QueueSummaryRow | null {
  const queue = text(e, 'Queue');
  if (!queue) return null;
  return {
    queue,
    loggedIn: num(e, 'LoggedIn'),
    available: num(e, 'Available'),
    callers: num(e, 'Callers'),
    holdTimeS: num(e, 'HoldTime'),
    talkTimeS: num(e, 'TalkTime'),
    longestHoldTimeS: num(e, 'LongestHoldTime'),
  };
}

// ---- lists -------------------------------------------------------------------------------------

export interface QueueStatusQueue {
  queue: string;
  params: QueueParamsRow | null;
  members: QueueMemberRow[];
  entries: QueueEntryRow[];
}

export interface QueueStatusList {
  /** In the order the PBX listed them. */
  queues: QueueStatusQueue[];
  /** Rows lacking Queue (or Interface/Location, Uniqueid): skipped. */
  malformed: number;
}

/** The rows of a QueueStatus answer (the `events` of sendListAction), grouped by queue. Other events are ignored. */
export function parseQueueStatusList(events: readonly AmiFieldReader[]): QueueStatusList {
  const byQueue = new Map<string, QueueStatusQueue>();
  let malformed = 0;
  const slot = (queue: string) => {
    let q = byQueue.get(queue);
    if (!q) byQueue.set(queue, (q = { queue, params: null, members: [], entries: [] }));
    return q;
  };
  for (const e of events) {
    switch ((e.get('Event') ?? '').toLowerCase()) {
      case 'queueparams': {
        const row = parseQueueParams(e);
        if (row) slot(row.queue).params = row;
        else malformed++;
        break;
      }
      case 'queuemember': {
        const row = parseQueueMember(e);
        if (row) slot(row.queue).members.push(row);
        else malformed++;
        break;
      }
      case 'queueentry': {
        const row = parseQueueEntry(e);
        if (row) slot(row.queue).entries.push(row);
        else malformed++;
        break;
      }
      default:
        break;
    }
  }
  return { queues: [...byQueue.values()], malformed };
}

export function parseQueueSummaryList(events: readonly AmiFieldReader[]): { rows: QueueSummaryRow[]; malformed: number } {
  const rows: QueueSummaryRow[] = [];
  let malformed = 0;
  for (const e of events) {
    if ((e.get('Event') ?? '').toLowerCase() !== 'queuesummary') continue;
    const row = parseQueueSummary(e);
    if (row) rows.push(row);
    else malformed++;
  }
  return { rows, malformed };
}

// ---- field helpers -----------------------------------------------------------------------------

function text(e: AmiFieldReader, key: string): string | null {
  const v = e.get(key);
  return v === undefined || v.trim() === '' ? null : v.trim();
}

function num(e: AmiFieldReader, key: string): number | null {
  const v = text(e, key);
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function bool(e: AmiFieldReader, key: string): boolean | null {
  const v = text(e, key)?.toLowerCase();
  if (v === undefined) return null;
  if (v === '1' || v === 'true' || v === 'yes') return true;
  if (v === '0' || v === 'false' || v === 'no') return false;
  return null;
}

function callerId(v: string | null): string | null {
  return v === null || v === '<unknown>' ? null : v;
}
