// AMI queue event sequences for the queue tracker (wallboard): callers joining, abandoning,
// overflowing and being transferred between queues, members changing state, and the rows of a
// QueueStatus answer. Same field sets as Asterisk 18–21 (AMI.md); answered and ring-no-answer
// calls through one queue are scenarios.ts's queueCall.

import { AmiScript, DEFAULT_START_S, snapshot, type AmiChannel, type AmiEventRecord } from './ami-script';

export interface MemberInfo {
  extension: string;
  /** Default `PJSIP/<extension>`. */
  interface?: string;
  name?: string;
}

function memberFields(queue: string, m: MemberInfo): AmiEventRecord {
  const iface = m.interface ?? `PJSIP/${m.extension}`;
  return { Queue: queue, MemberName: m.name ?? `Agent ${m.extension}`, Interface: iface };
}

/** A script with queue steps; `t` is epoch seconds (events carry it as Timestamp). */
export class QueueScript extends AmiScript {
  /** A customer on the trunk entering the queue dialplan (not yet joined). */
  customer(from: string, dnis = '4008205555'): AmiChannel {
    const ch = this.trunkCaller(from, dnis);
    ch.context = 'ext-queues';
    ch.exten = '400';
    ch.priority = 40;
    return ch;
  }

  join(caller: AmiChannel, queue: string, position = 1): void {
    this.emit('QueueCallerJoin', 'agent,all', { ...snapshot(caller), Queue: queue, Position: String(position), Count: String(position) });
  }

  leave(caller: AmiChannel, queue: string): void {
    this.emit('QueueCallerLeave', 'agent,all', { ...snapshot(caller), Queue: queue, Count: '0', Position: '1' });
  }

  abandon(caller: AmiChannel, queue: string, holdS: number): void {
    this.emit('QueueCallerAbandon', 'agent,all', { ...snapshot(caller), Queue: queue, Position: '1', OriginalPosition: '1', HoldTime: String(holdS) });
  }

  agentCalled(caller: AmiChannel, agent: AmiChannel, queue: string, m: MemberInfo): void {
    this.emit('AgentCalled', 'agent,all', { ...snapshot(caller), ...snapshot(agent, 'Dest'), ...memberFields(queue, m) });
  }

  agentConnect(caller: AmiChannel, agent: AmiChannel, queue: string, m: MemberInfo, holdS: number, ringS: number): void {
    this.emit('AgentConnect', 'agent,all', { ...snapshot(caller), ...snapshot(agent, 'Dest'), ...memberFields(queue, m), RingTime: String(ringS), HoldTime: String(holdS) });
  }

  agentComplete(caller: AmiChannel, agent: AmiChannel, queue: string, m: MemberInfo, holdS: number, talkS: number, reason: 'caller' | 'agent' | 'transfer'): void {
    this.emit('AgentComplete', 'agent,all', { ...snapshot(caller), ...snapshot(agent, 'Dest'), ...memberFields(queue, m), HoldTime: String(holdS), TalkTime: String(talkS), Reason: reason });
  }

  /** QueueMemberStatus / QueueMemberPause / QueueMemberAdded… with the full member field set. */
  member(event: string, queue: string, m: MemberInfo, o: { status: number; paused?: boolean; reason?: string; inCall?: boolean; wrapuptimeS?: number; callsTaken?: number }): void {
    this.emit(event, 'agent,all', {
      ...memberFields(queue, m),
      StateInterface: m.interface ?? `PJSIP/${m.extension}`,
      Membership: 'dynamic',
      Penalty: '0',
      CallsTaken: String(o.callsTaken ?? 0),
      LastCall: '0',
      LastPause: o.paused ? String(Math.floor(this.t)) : '0',
      LoginTime: String(Math.floor(DEFAULT_START_S - 3600)),
      InCall: o.inCall ? '1' : '0',
      Status: String(o.status),
      Paused: o.paused ? '1' : '0',
      PausedReason: o.reason ?? '',
      Ringinuse: '0',
      Wrapuptime: String(o.wrapuptimeS ?? 0),
    });
  }

  /** The queue rings the agent's phone and the agent answers after `ringS`: AgentCalled … Leave, AgentConnect. */
  answerFromQueue(caller: AmiChannel, queue: string, m: MemberInfo, waitedS: number, ringS: number): AmiChannel {
    const phone = this.deviceChannel('PJSIP', m.extension, caller.linkedid);
    phone.connectedLineNum = caller.callerIdNum;
    this.agentCalled(caller, phone, queue, m);
    this.dialBegin(caller, phone, m.interface ?? `PJSIP/${m.extension}`);
    this.newState(phone, 5);
    this.wait(ringS);
    this.newState(phone, 6);
    this.dialEnd(caller, phone, 'ANSWER');
    if (caller.state !== 6) this.newState(caller, 6);
    this.leave(caller, queue);
    this.agentConnect(caller, phone, queue, m, waitedS + ringS, ringS);
    return phone;
  }
}

const AGENT_A: MemberInfo = { extension: '8001', name: 'Wang Fang' };
const AGENT_B: MemberInfo = { extension: '8002', name: 'Li Na' };

/** A caller waits `waitS` in `queue` and hangs up: Abandon, Leave, Hangup (a short abandon when waitS is small). */
export function queueAbandon(o: { queue: string; from: string; waitS: number; startAt?: number }): AmiEventRecord[] {
  const s = new QueueScript(o.startAt ?? DEFAULT_START_S);
  const caller = s.customer(o.from);
  s.join(caller, o.queue);
  s.wait(o.waitS);
  s.abandon(caller, o.queue, o.waitS);
  s.leave(caller, o.queue);
  s.hangup(caller);
  return s.events;
}

/**
 * Overflow: the caller times out of `first` after `timeoutS` (Leave without Abandon), the dialplan
 * sends it to `second`, where agent 8002 answers after `waitS` + 3 s ringing and talks `talkS`.
 */
export function queueOverflow(o: { first: string; second: string; from: string; timeoutS: number; waitS: number; talkS: number; startAt?: number }): AmiEventRecord[] {
  const s = new QueueScript(o.startAt ?? DEFAULT_START_S);
  const caller = s.customer(o.from);
  s.join(caller, o.first);
  s.wait(o.timeoutS);
  s.leave(caller, o.first);
  s.wait(1); // through the dialplan to the next queue
  s.join(caller, o.second);
  s.wait(o.waitS);
  const phone = s.answerFromQueue(caller, o.second, AGENT_B, o.waitS, 3);
  s.wait(o.talkS);
  s.agentComplete(caller, phone, o.second, AGENT_B, o.waitS + 3, o.talkS, 'caller');
  s.hangup(caller);
  s.hangup(phone);
  return s.events;
}

/**
 * Agent 8001 answers in `first` after `waitS` + 2 s ringing, talks `talkS`, and blind-transfers the
 * customer into `second` (AgentComplete Reason transfer); 8002 answers there after 4 + 2 s.
 */
export function queueTransferToQueue(o: { first: string; second: string; from: string; waitS: number; talkS: number; startAt?: number }): AmiEventRecord[] {
  const s = new QueueScript(o.startAt ?? DEFAULT_START_S);
  const caller = s.customer(o.from);
  s.join(caller, o.first);
  s.wait(o.waitS);
  const a = s.answerFromQueue(caller, o.first, AGENT_A, o.waitS, 2);
  s.wait(o.talkS);
  s.emit('BlindTransfer', 'call,all', { Result: 'Success', ...snapshot(a, 'Transferer'), ...snapshot(caller, 'Transferee'), IsExternal: 'No', Context: 'ext-queues', Extension: '401' });
  s.agentComplete(caller, a, o.first, AGENT_A, o.waitS + 2, o.talkS, 'transfer');
  s.hangup(a);
  s.join(caller, o.second);
  s.wait(4);
  const b = s.answerFromQueue(caller, o.second, AGENT_B, 4, 2);
  s.wait(30);
  s.agentComplete(caller, b, o.second, AGENT_B, 6, 30, 'caller');
  s.hangup(caller);
  s.hangup(b);
  return s.events;
}

/**
 * The answer to QueueStatus at connect (the events sendListAction collects, Complete included):
 * queue `hotel` with 8001 available and 8002 paused for lunch, and two callers already waiting
 * 75 s and 12 s. These rows carry no Timestamp, like Asterisk's.
 */
export function queueStatusAtConnect(actionId = 'kefu-7'): AmiEventRecord[] {
  const common = { ActionID: actionId };
  return [
    { Event: 'QueueParams', ...common, Queue: 'hotel', Max: '0', Strategy: 'rrmemory', Calls: '2', Holdtime: '18', TalkTime: '140', Completed: '37', Abandoned: '4', ServiceLevel: '20', ServicelevelPerf: '81.1', ServicelevelPerf2: '78.0', Weight: '0' },
    { Event: 'QueueMember', ...common, Queue: 'hotel', Name: 'Wang Fang', Location: 'PJSIP/8001', StateInterface: 'PJSIP/8001', Membership: 'dynamic', Penalty: '0', CallsTaken: '12', LastCall: '0', LastPause: '0', LoginTime: String(DEFAULT_START_S - 3600), InCall: '0', Status: '1', Paused: '0', PausedReason: '', Wrapuptime: '10' },
    { Event: 'QueueMember', ...common, Queue: 'hotel', Name: 'Li Na', Location: 'PJSIP/8002', StateInterface: 'PJSIP/8002', Membership: 'dynamic', Penalty: '0', CallsTaken: '9', LastCall: '0', LastPause: String(DEFAULT_START_S - 600), LoginTime: String(DEFAULT_START_S - 3600), InCall: '0', Status: '1', Paused: '1', PausedReason: 'lunch', Wrapuptime: '10' },
    { Event: 'QueueEntry', ...common, Queue: 'hotel', Position: '1', Channel: 'PJSIP/ct-trunk-000000a1', Uniqueid: '1795654700.161', Linkedid: '1795654700.161', CallerIDNum: '13812345678', CallerIDName: '<unknown>', ConnectedLineNum: '<unknown>', ConnectedLineName: '<unknown>', Wait: '75', Priority: '0' },
    { Event: 'QueueEntry', ...common, Queue: 'hotel', Position: '2', Channel: 'PJSIP/ct-trunk-000000a2', Uniqueid: '1795654763.162', Linkedid: '1795654763.162', CallerIDNum: '13900001111', CallerIDName: '张先生', ConnectedLineNum: '<unknown>', ConnectedLineName: '<unknown>', Wait: '12', Priority: '0' },
    { Event: 'QueueStatusComplete', ...common, EventList: 'Complete', ListItems: '5' },
  ];
}
