// Ready-made AMI event sequences of the calls a hotel/travel service centre sees, modelled on
// what Asterisk 18–21 with FreePBX emits (contexts from-pstn / macro-dial-one / ext-queues /
// from-queue, PJSIP endpoints, a China Telecom trunk). Each builder returns the events in wire
// order; `replay` on the AMI peer sends them, the tracker tests feed them directly.

import { AmiScript, bridgeFields, DEFAULT_START_S, snapshot, type AmiBridge, type AmiChannel, type AmiEventRecord } from './ami-script';

interface Common {
  /** Epoch seconds of the first event (Timestamp fields); default DEFAULT_START_S. */
  startAt?: number;
  /** Technology of the phones; PJSIP on current FreePBX. */
  tech?: 'PJSIP' | 'SIP' | 'IAX2';
}

export interface DirectCallOptions extends Common {
  from: string;
  /** The DID the customer dialled (which hotel or line); null → the trunk delivers `s`. */
  dnis: string | null;
  extension: string;
  answer: boolean;
  /** Not answered because the caller gave up while it rang (a missed call). */
  callerHangsUpWhileRinging?: boolean;
  callerName?: string;
  ringS?: number;
  talkS?: number;
  /** Who hangs up an answered call; default the caller. */
  hangupBy?: 'caller' | 'agent';
}

/** Trunk → the agent's phone; answered, missed (caller gave up) or not answered (dial timeout). */
export function directCall(o: DirectCallOptions): AmiEventRecord[] {
  const s = new AmiScript(o.startAt ?? DEFAULT_START_S);
  const tech = o.tech ?? 'PJSIP';
  const caller = s.trunkCaller(o.from, o.dnis, o.callerName);
  const agent = s.deviceChannel(tech, o.extension, caller.linkedid);
  s.ring(caller, agent, o.extension, o.extension);
  s.wait(o.ringS ?? 4);
  if (o.answer) {
    const b = s.answer(caller, agent);
    s.wait(o.talkS ?? 45);
    if (o.hangupBy === 'agent') s.hangupBridged(b, agent, caller);
    else s.hangupBridged(b, caller, agent);
  } else if (o.callerHangsUpWhileRinging) {
    s.emit('HangupRequest', 'call,all', { ...snapshot(caller), Cause: '16' });
    s.dialEnd(caller, agent, 'CANCEL');
    s.hangup(agent);
    s.hangup(caller);
  } else {
    s.dialEnd(caller, agent, 'NOANSWER');
    s.hangup(agent, 19, 'No user responding');
    s.wait(20); // voicemail
    s.hangup(caller);
  }
  return s.events;
}

export interface QueueCallOptions extends Common {
  from: string;
  dnis: string | null;
  queue: string;
  extension: string;
  /** Seconds in the queue before the queue rings the agent. */
  waitS: number;
  answered: boolean;
  /** Queue member interface: `PJSIP/8001` or, as FreePBX configures it, `Local/8001@from-queue/n`. */
  memberInterface?: 'device' | 'local';
  callerName?: string;
  ringS?: number;
  talkS?: number;
}

/** Trunk → queue → the agent. Not answered: ring timeout (AgentRingNoAnswer), then the caller abandons. */
export function queueCall(o: QueueCallOptions): AmiEventRecord[] {
  const s = new AmiScript(o.startAt ?? DEFAULT_START_S);
  const tech = o.tech ?? 'PJSIP';
  const ringS = o.ringS ?? (o.answered ? 3 : 15);
  const caller = s.trunkCaller(o.from, o.dnis, o.callerName);
  caller.context = 'ext-queues';
  caller.exten = /^\d+$/.test(o.queue) ? o.queue : '400';
  caller.priority = 40;
  s.emit('QueueCallerJoin', 'agent,all', { ...snapshot(caller), Queue: o.queue, Position: '1', Count: '1' });
  s.wait(o.waitS);

  const viaLocal = o.memberInterface === 'local';
  const iface = viaLocal ? `Local/${o.extension}@from-queue/n` : `${tech}/${o.extension}`;
  const member = { Queue: o.queue, MemberName: `Agent ${o.extension}`, Interface: iface };
  // The channel the queue dials (Dest of the queue events) and, via Local, the phone's own channel.
  const dialled = viaLocal
    ? s.channel('Local', `${o.extension}@from-queue`, { linkedid: caller.linkedid, exten: o.extension, context: 'from-queue' })
    : s.deviceChannel(tech, o.extension, caller.linkedid);
  let localTwo: AmiChannel | null = null;
  let phone = dialled;
  if (viaLocal) {
    s.newChannel(dialled);
    localTwo = s.localPartner(dialled);
    s.newChannel(localTwo);
  }
  dialled.connectedLineNum = caller.callerIdNum;
  s.emit('AgentCalled', 'agent,all', { ...snapshot(caller), ...snapshot(dialled, 'Dest'), ...member });
  s.dialBegin(caller, dialled, iface);
  if (localTwo) {
    localTwo.callerIdNum = caller.callerIdNum; // FreePBX passes the customer's number down the Local hop
    phone = s.deviceChannel(tech, o.extension, caller.linkedid);
    s.ring(localTwo, phone, o.extension, o.extension);
    s.newState(dialled, 5);
    s.dialState(caller, dialled, 'RINGING');
  } else {
    s.newState(dialled, 5);
    s.dialState(caller, dialled, 'RINGING');
  }
  s.wait(ringS);

  if (!o.answered) {
    s.emit('AgentRingNoAnswer', 'agent,all', { ...snapshot(caller), ...snapshot(dialled, 'Dest'), ...member, RingTime: String(ringS * 1000) });
    if (localTwo) s.dialEnd(localTwo, phone, 'CANCEL');
    s.dialEnd(caller, dialled, 'NOANSWER');
    if (localTwo) {
      s.hangup(phone);
      s.hangup(localTwo);
    }
    s.hangup(dialled);
    s.wait(5);
    const held = String(o.waitS + ringS + 5);
    s.emit('QueueCallerAbandon', 'agent,all', { ...snapshot(caller), Queue: o.queue, Position: '1', OriginalPosition: '1', HoldTime: held });
    s.emit('QueueCallerLeave', 'agent,all', { ...snapshot(caller), Queue: o.queue, Count: '0', Position: '1' });
    s.hangup(caller);
    return s.events;
  }

  if (localTwo) {
    s.newState(phone, 6);
    s.dialEnd(localTwo, phone, 'ANSWER');
    s.newState(localTwo, 6);
  }
  s.newState(dialled, 6);
  s.dialEnd(caller, dialled, 'ANSWER');
  s.newState(caller, 6);
  s.emit('QueueCallerLeave', 'agent,all', { ...snapshot(caller), Queue: o.queue, Count: '0', Position: '1' });
  s.emit('AgentConnect', 'agent,all', {
    ...snapshot(caller), ...snapshot(dialled, 'Dest'), ...member,
    RingTime: String(ringS), HoldTime: String(o.waitS + ringS),
  });
  const b = s.bridge();
  s.bridgeCreate(b);
  s.bridgeEnter(b, caller);
  s.bridgeEnter(b, dialled);
  if (localTwo) {
    // Asterisk optimises the Local pair away: the phone is swapped into the caller's bridge and
    // both Local halves hang up while the conversation goes on.
    const inner = s.bridge();
    s.bridgeCreate(inner);
    s.bridgeEnter(inner, localTwo);
    s.bridgeEnter(inner, phone);
    s.emit('LocalOptimizationBegin', 'call,all', { ...snapshot(dialled, 'LocalOne'), ...snapshot(localTwo, 'LocalTwo'), DestUniqueId: caller.uniqueid, Id: '1' });
    s.bridgeLeave(inner, phone);
    s.bridgeEnter(b, phone, dialled.uniqueid);
    s.bridgeLeave(b, dialled);
    s.emit('LocalOptimizationEnd', 'call,all', { ...snapshot(dialled, 'LocalOne'), ...snapshot(localTwo, 'LocalTwo'), Success: 'Yes', Id: '1' });
    s.hangup(dialled);
    s.bridgeLeave(inner, localTwo);
    s.hangup(localTwo);
    s.bridgeDestroy(inner);
  }
  const talkS = o.talkS ?? 60;
  s.wait(talkS);
  s.bridgeLeave(b, caller);
  s.emit('AgentComplete', 'agent,all', {
    ...snapshot(caller), ...snapshot(phone, 'Dest'), ...member,
    HoldTime: String(o.waitS + ringS), TalkTime: String(talkS), Reason: 'caller',
  });
  s.hangup(caller);
  s.bridgeLeave(b, phone);
  s.hangup(phone);
  s.bridgeDestroy(b);
  return s.events;
}

export interface TransferToExtensionOptions extends Common {
  from: string;
  dnis: string | null;
  /** The colleague who first takes the call and transfers it, e.g. '8002'. */
  colleague: string;
  extension: string;
  kind: 'blind' | 'attended';
  /** Default true; false: the customer hangs up while the transfer rings us. */
  answer?: boolean;
}

/** A colleague answers a customer, then transfers the call to our extension. */
export function transferToExtension(o: TransferToExtensionOptions): AmiEventRecord[] {
  const s = new AmiScript(o.startAt ?? DEFAULT_START_S);
  const tech = o.tech ?? 'PJSIP';
  const caller = s.trunkCaller(o.from, o.dnis);
  const colleague = s.deviceChannel(tech, o.colleague, caller.linkedid);
  s.ring(caller, colleague, o.colleague, o.colleague);
  s.wait(3);
  const b1 = s.answer(caller, colleague);
  s.wait(20);
  let agent: AmiChannel;
  let agentBridge: AmiBridge;

  if (o.kind === 'blind') {
    s.emit('BlindTransfer', 'call,all', {
      Result: 'Success', ...snapshot(colleague, 'Transferer'), ...snapshot(caller, 'Transferee'),
      ...bridgeFields(b1), IsExternal: 'No', Context: 'from-internal-xfer', Extension: o.extension,
    });
    s.bridgeLeave(b1, colleague);
    s.hangup(colleague);
    s.bridgeLeave(b1, caller);
    s.bridgeDestroy(b1);
    agent = s.deviceChannel(tech, o.extension, caller.linkedid);
    s.ring(caller, agent, o.extension, o.extension);
    s.wait(5);
    if (o.answer === false) {
      s.dialEnd(caller, agent, 'CANCEL');
      s.hangup(agent);
      s.hangup(caller);
      return s.events;
    }
    agentBridge = s.answer(caller, agent);
  } else {
    // The colleague puts the customer on hold and calls us on a second line (a new call, its
    // own Linkedid); when they complete the transfer we are swapped into the customer's bridge.
    s.emit('Hold', 'call,all', { ...snapshot(colleague), MusicClass: 'default' });
    const consult = s.channel(tech, o.colleague, { state: 4, callerIdNum: o.colleague, exten: o.extension });
    s.newChannel(consult);
    agent = s.deviceChannel(tech, o.extension, consult.linkedid);
    s.ring(consult, agent, o.extension, o.extension);
    s.wait(3);
    if (o.answer === false) {
      s.dialEnd(consult, agent, 'CANCEL');
      s.hangup(agent);
      s.hangup(consult);
      s.hangupBridged(b1, caller, colleague);
      return s.events;
    }
    const b2 = s.answer(consult, agent);
    s.wait(10);
    s.bridgeLeave(b2, agent);
    agent.linkedid = caller.linkedid; // bridging propagates the oldest Linkedid
    agent.connectedLineNum = caller.callerIdNum;
    s.bridgeEnter(b1, agent, colleague.uniqueid);
    s.bridgeLeave(b1, colleague);
    s.emit('AttendedTransfer', 'call,all', {
      Result: 'Success', ...snapshot(colleague, 'OrigTransferer'), OrigBridgeUniqueid: b1.id,
      ...snapshot(consult, 'SecondTransferer'), SecondBridgeUniqueid: b2.id,
      ...snapshot(caller, 'Transferee'), ...snapshot(agent, 'TransferTarget'),
      IsExternal: 'No', DestType: 'Bridge', DestBridgeUniqueid: b1.id,
    });
    s.emit('Unhold', 'call,all', snapshot(colleague));
    s.hangup(colleague);
    s.bridgeLeave(b2, consult);
    s.hangup(consult);
    s.bridgeDestroy(b2);
    agentBridge = b1;
  }
  s.wait(60);
  s.hangupBridged(agentBridge, caller, agent);
  return s.events;
}

export interface TransferAwayOptions extends Common {
  from: string;
  dnis: string | null;
  extension: string;
  /** Where we send the customer, e.g. '8002'. */
  to: string;
  kind: 'blind' | 'attended';
}

/** We answer a customer, then transfer them to a colleague; the call lives on without us. */
export function transferAway(o: TransferAwayOptions): AmiEventRecord[] {
  const s = new AmiScript(o.startAt ?? DEFAULT_START_S);
  const tech = o.tech ?? 'PJSIP';
  const caller = s.trunkCaller(o.from, o.dnis);
  const agent = s.deviceChannel(tech, o.extension, caller.linkedid);
  s.ring(caller, agent, o.extension, o.extension);
  s.wait(3);
  const b1 = s.answer(caller, agent);
  s.wait(30);
  let colleague: AmiChannel;
  if (o.kind === 'blind') {
    s.emit('BlindTransfer', 'call,all', {
      Result: 'Success', ...snapshot(agent, 'Transferer'), ...snapshot(caller, 'Transferee'),
      ...bridgeFields(b1), IsExternal: 'No', Context: 'from-internal-xfer', Extension: o.to,
    });
    s.bridgeLeave(b1, agent);
    s.hangup(agent);
    s.bridgeLeave(b1, caller);
    s.bridgeDestroy(b1);
    colleague = s.deviceChannel(tech, o.to, caller.linkedid);
    s.ring(caller, colleague, o.to, o.to);
    s.wait(4);
    const b2 = s.answer(caller, colleague);
    s.wait(60);
    s.hangupBridged(b2, caller, colleague);
    return s.events;
  }
  // Attended: we call the colleague on our second line (our phone is the caller there: no pop).
  s.emit('Hold', 'call,all', { ...snapshot(agent), MusicClass: 'default' });
  const consult = s.channel(tech, o.extension, { state: 4, callerIdNum: o.extension, exten: o.to });
  s.newChannel(consult);
  colleague = s.deviceChannel(tech, o.to, consult.linkedid);
  s.ring(consult, colleague, o.to, o.to);
  s.wait(3);
  const b2 = s.answer(consult, colleague);
  s.wait(10);
  s.bridgeLeave(b2, colleague);
  colleague.linkedid = caller.linkedid;
  s.bridgeEnter(b1, colleague, agent.uniqueid);
  s.bridgeLeave(b1, agent);
  s.emit('AttendedTransfer', 'call,all', {
    Result: 'Success', ...snapshot(agent, 'OrigTransferer'), OrigBridgeUniqueid: b1.id,
    ...snapshot(consult, 'SecondTransferer'), SecondBridgeUniqueid: b2.id,
    ...snapshot(caller, 'Transferee'), ...snapshot(colleague, 'TransferTarget'),
    IsExternal: 'No', DestType: 'Bridge', DestBridgeUniqueid: b1.id,
  });
  s.hangup(agent);
  s.bridgeLeave(b2, consult);
  s.hangup(consult);
  s.bridgeDestroy(b2);
  s.wait(60);
  s.hangupBridged(b1, caller, colleague);
  return s.events;
}

export interface TwoCallsAtOnceOptions extends Common {
  extension: string;
  first: { from: string; dnis: string | null };
  second: { from: string; dnis: string | null };
  /** Default true; false: the second caller gives up while it rings (call waiting, missed). */
  secondAnswered?: boolean;
}

/**
 * Call waiting: the first call is answered; while talking, a second rings the same phone.
 * Answered: the agent holds the first and takes the second; the first caller gives up on hold,
 * then the second ends. Events: ringing 1, answered 1, ringing 2, answered 2, ended 1, ended 2.
 */
export function twoCallsAtOnce(o: TwoCallsAtOnceOptions): AmiEventRecord[] {
  const s = new AmiScript(o.startAt ?? DEFAULT_START_S);
  const tech = o.tech ?? 'PJSIP';
  const c1 = s.trunkCaller(o.first.from, o.first.dnis);
  const a1 = s.deviceChannel(tech, o.extension, c1.linkedid);
  s.ring(c1, a1, o.extension, o.extension);
  s.wait(3);
  const b1 = s.answer(c1, a1);
  s.wait(20);
  const c2 = s.trunkCaller(o.second.from, o.second.dnis);
  const a2 = s.deviceChannel(tech, o.extension, c2.linkedid);
  s.ring(c2, a2, o.extension, o.extension);
  s.wait(4);
  if (o.secondAnswered === false) {
    s.dialEnd(c2, a2, 'CANCEL');
    s.hangup(a2);
    s.hangup(c2);
    s.wait(30);
    s.hangupBridged(b1, c1, a1);
    return s.events;
  }
  s.emit('Hold', 'call,all', { ...snapshot(a1), MusicClass: 'default' });
  const b2 = s.answer(c2, a2);
  s.wait(15);
  s.hangupBridged(b1, c1, a1);
  s.wait(30);
  s.hangupBridged(b2, c2, a2);
  return s.events;
}

/** The distinct Linkedids of a script in order of appearance: the callIds the tracker should report. */
export function linkedIdsOf(events: readonly AmiEventRecord[]): string[] {
  const seen: string[] = [];
  for (const e of events) {
    const id = e.Linkedid;
    if (id !== undefined && !seen.includes(id)) seen.push(id);
  }
  return seen;
}
