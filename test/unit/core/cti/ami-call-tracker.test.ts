import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CtiCallEvent } from '../../../../electron/core/cti/cti-source';
import { AmiCallTracker } from '../../../../electron/core/cti/ami/ami-call-tracker';
import { deviceResources, extensionDeviceMatcher } from '../../../../electron/core/cti/ami/ami-device';
import { AmiMessage } from '../../../../electron/core/cti/ami/ami-message';
import { AmiScript } from '../../../support/ami-scripts/ami-script';
import {
  directCall,
  linkedIdsOf,
  queueCall,
  transferAway,
  transferToExtension,
  twoCallsAtOnce,
  type AmiEventRecord,
} from '../../../support/ami-peer';

const EXT = '8001';
const DID = '4008205555'; // the hotel group's 400 line
const CUSTOMER = '13812345678';

function track(events: readonly AmiEventRecord[], extension = EXT) {
  let now = 1_000_000;
  const tracker = new AmiCallTracker({ extension, now: () => now });
  const out: Array<CtiCallEvent & { atIndex: number }> = [];
  events.forEach((e, i) => {
    now += 1;
    for (const ev of tracker.handle(AmiMessage.fromRecord(e))) out.push({ ...ev, atIndex: i });
  });
  return { tracker, out, kinds: out.map((e) => `${e.type}:${e.callId}`) };
}

const indexOf = (events: readonly AmiEventRecord[], predicate: (e: AmiEventRecord) => boolean) => events.findIndex(predicate);

describe('AMI call tracker: direct calls', () => {
  it('pops a direct call once with caller, DID and Linkedid, then answered and ended', () => {
    const events = directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: true });
    const [callId] = linkedIdsOf(events);
    const { out, kinds, tracker } = track(events);
    expect(kinds).toEqual([`ringing:${callId}`, `answered:${callId}`, `ended:${callId}`]);
    expect(out[0]).toMatchObject({ type: 'ringing', from: CUSTOMER, dnis: DID, queue: null, waitS: null, source: 'ami' });
    expect(events[out[0]!.atIndex]!.Event).toBe('DialBegin');
    expect(events[out[1]!.atIndex]!.Event).toBe('Newstate'); // Up comes first
    // The caller hangs up first; our call ends with OUR channel's Hangup, right after.
    expect(events[out[2]!.atIndex]).toMatchObject({ Event: 'Hangup', Channel: expect.stringMatching(/^PJSIP\/8001-/) });
    expect(out[2]).toMatchObject({ cause: 'Normal Clearing' });
    expect(out[0]!.at).toBeLessThan(out[2]!.at);
    expect(tracker.activeCalls()).toEqual([]);
    expect(tracker.counts).toEqual({ malformedEvents: 0, unknownEvents: 0 });
  });

  it('ends when the agent hangs up first, and with SIP and IAX2 phones too', () => {
    for (const tech of ['PJSIP', 'SIP', 'IAX2'] as const) {
      const events = directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: true, hangupBy: 'agent', tech });
      expect(track(events).out.map((e) => e.type)).toEqual(['ringing', 'answered', 'ended']);
    }
  });

  it('takes the DNIS from DialBegin when Newchannel was not seen, and null when it is only `s`', () => {
    const events = directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: true });
    const noNewchannel = events.filter((e) => e.Event !== 'Newchannel');
    expect(track(noNewchannel).out[0]).toMatchObject({ type: 'ringing', dnis: null }); // FreePBX: DialBegin Exten is `s`
    const plainDialplan = noNewchannel.map((e) => (e.Event === 'DialBegin' ? { ...e, Context: 'from-trunk', Exten: DID } : e));
    expect(track(plainDialplan).out[0]).toMatchObject({ type: 'ringing', dnis: DID });
    expect(track(directCall({ from: CUSTOMER, dnis: null, extension: EXT, answer: true })).out[0]).toMatchObject({ dnis: null });
  });

  it('caller hangs up while it rings: ended without answered (a missed call)', () => {
    const events = directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: false, callerHangsUpWhileRinging: true });
    const { out } = track(events);
    expect(out.map((e) => e.type)).toEqual(['ringing', 'ended']);
    expect(out[1]).toMatchObject({ cause: 'CANCEL' });
  });

  it("a missed call also ends on the caller's Hangup alone (setups without dial events)", () => {
    const events = directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: false, callerHangsUpWhileRinging: true });
    const ourChannel = events.find((e) => e.Event === 'DialBegin')!.DestUniqueid;
    const callerOnly = events.filter((e) => e.Event !== 'DialEnd' && !(e.Event === 'Hangup' && e.Uniqueid === ourChannel));
    const { out } = track(callerOnly);
    expect(out.map((e) => e.type)).toEqual(['ringing', 'ended']);
    expect(callerOnly[out[1]!.atIndex]).toMatchObject({ Event: 'Hangup', CallerIDNum: CUSTOMER });
  });

  it('not answered before the dial timeout: ended NOANSWER', () => {
    const { out } = track(directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: false }));
    expect(out.map((e) => [e.type, e.type === 'ended' ? e.cause : null])).toEqual([['ringing', null], ['ended', 'NOANSWER']]);
  });

  it('pops from Newstate Ringing when no DialBegin comes, with the caller from ConnectedLineNum', () => {
    const events = directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: true }).filter((e) => !e.Event!.startsWith('Dial'));
    const { out } = track(events);
    expect(out.map((e) => e.type)).toEqual(['ringing', 'answered', 'ended']);
    expect(out[0]).toMatchObject({ from: CUSTOMER, dnis: DID, callId: linkedIdsOf(events)[0] });
  });
});

describe('AMI call tracker: queue calls', () => {
  it('pops at AgentCalled with the queue and the wait, answered at AgentConnect… ended at AgentComplete', () => {
    const events = queueCall({ from: CUSTOMER, dnis: DID, queue: 'vip-hotline', extension: EXT, waitS: 42, answered: true });
    const { out } = track(events);
    expect(out.map((e) => e.type)).toEqual(['ringing', 'answered', 'ended']);
    expect(out[0]).toMatchObject({ from: CUSTOMER, dnis: DID, queue: 'vip-hotline', waitS: 42 });
    expect(events[out[0]!.atIndex]!.Event).toBe('AgentCalled');
    expect(out[2]).toMatchObject({ cause: 'caller' });
    expect(events[out[2]!.atIndex]!.Event).toBe('AgentComplete');
  });

  it('measures the wait with the receive clock when events carry no Timestamp', () => {
    const events = queueCall({ from: CUSTOMER, dnis: DID, queue: 'sales', extension: EXT, waitS: 30, answered: true }).map(
      ({ Timestamp: _t, ...rest }) => rest,
    );
    let now = 0;
    const tracker = new AmiCallTracker({ extension: EXT, now: () => now });
    const ringing = events.flatMap((e) => {
      if (e.Event === 'AgentCalled') now += 30_000;
      return tracker.handle(AmiMessage.fromRecord(e));
    })[0];
    expect(ringing).toMatchObject({ type: 'ringing', queue: 'sales', waitS: 30 });
  });

  it('FreePBX Local/…@from-queue members: one pop, and Local optimisation hang-ups do not end the call', () => {
    const events = queueCall({ from: CUSTOMER, dnis: DID, queue: '400', extension: EXT, waitS: 12, answered: true, memberInterface: 'local' });
    const { out } = track(events);
    expect(out.map((e) => e.type)).toEqual(['ringing', 'answered', 'ended']);
    expect(out[0]).toMatchObject({ from: CUSTOMER, dnis: DID, queue: '400', waitS: 12 });
    expect(events[out[2]!.atIndex]!.Event).toBe('AgentComplete');
    const optimisedAway = indexOf(events, (e) => e.Event === 'LocalOptimizationEnd');
    expect(out[2]!.atIndex).toBeGreaterThan(optimisedAway + 3);
  });

  it('ring timeout: AgentRingNoAnswer ends the call for us unanswered; the abandon after it adds nothing', () => {
    for (const memberInterface of ['device', 'local'] as const) {
      const events = queueCall({ from: CUSTOMER, dnis: DID, queue: 'sales', extension: EXT, waitS: 5, answered: false, memberInterface });
      const { out } = track(events);
      expect(out.map((e) => e.type)).toEqual(['ringing', 'ended']);
      expect(out[1]).toMatchObject({ cause: 'RINGNOANSWER' });
      expect(events[out[1]!.atIndex]!.Event).toBe('AgentRingNoAnswer');
    }
  });

  it('the queue coming back to us after ringing someone else pops the same call again', () => {
    const s = new AmiScript();
    const caller = s.trunkCaller(CUSTOMER, DID);
    s.emit('QueueCallerJoin', 'agent,all', { Channel: caller.name, Uniqueid: caller.uniqueid, Linkedid: caller.linkedid, Queue: 'sales', Position: '1', Count: '1' });
    const agentCalled = (dest: ReturnType<AmiScript['channel']>) =>
      s.emit('AgentCalled', 'agent,all', {
        Channel: caller.name, Uniqueid: caller.uniqueid, Linkedid: caller.linkedid, CallerIDNum: CUSTOMER,
        DestChannel: dest.name, DestUniqueid: dest.uniqueid, DestLinkedid: caller.linkedid, Queue: 'sales', Interface: `PJSIP/${EXT}`, MemberName: 'Agent 8001',
      });
    const first = s.deviceChannel('PJSIP', EXT, caller.linkedid);
    agentCalled(first);
    s.wait(15);
    s.emit('AgentRingNoAnswer', 'agent,all', { Uniqueid: caller.uniqueid, Linkedid: caller.linkedid, DestChannel: first.name, DestUniqueid: first.uniqueid, Queue: 'sales', Interface: `PJSIP/${EXT}`, RingTime: '15000' });
    s.hangup(first);
    s.wait(15);
    const second = s.deviceChannel('PJSIP', EXT, caller.linkedid);
    agentCalled(second);
    const { out } = track(s.events);
    expect(out.map((e) => `${e.type}:${e.type === 'ringing' ? e.waitS : ''}`)).toEqual(['ringing:0', 'ended:', 'ringing:30']);
    expect(new Set(out.map((e) => e.callId)).size).toBe(1);
  });
});

describe('AMI call tracker: transfers', () => {
  it('a colleague blind-transfers a customer to us: pops with the customer and the DID, not before', () => {
    const events = transferToExtension({ from: CUSTOMER, dnis: DID, colleague: '8002', extension: EXT, kind: 'blind' });
    const { out } = track(events);
    expect(out.map((e) => e.type)).toEqual(['ringing', 'answered', 'ended']);
    expect(out[0]).toMatchObject({ from: CUSTOMER, dnis: DID, callId: linkedIdsOf(events)[0] });
    expect(out[0]!.atIndex).toBeGreaterThan(indexOf(events, (e) => e.Event === 'BlindTransfer'));
  });

  it('an attended transfer to us: pops the consult call, survives the transfer completing, ends with our channel', () => {
    const events = transferToExtension({ from: CUSTOMER, dnis: DID, colleague: '8002', extension: EXT, kind: 'attended' });
    const [customerCall, consultCall] = linkedIdsOf(events);
    const { out, kinds } = track(events);
    expect(kinds).toEqual([`ringing:${consultCall}`, `answered:${consultCall}`, `ended:${consultCall}`]);
    expect(out[0]).toMatchObject({ from: '8002', dnis: null });
    // our last Hangup carries the customer's Linkedid after the bridges merged
    expect(events[out[2]!.atIndex]).toMatchObject({ Event: 'Hangup', Linkedid: customerCall, Channel: expect.stringMatching(/^PJSIP\/8001-/) });
    expect(out[2]!.atIndex).toBeGreaterThan(indexOf(events, (e) => e.Event === 'AttendedTransfer'));
  });

  it('a transfer to us the customer hangs up on while it rings is a missed call', () => {
    for (const kind of ['blind', 'attended'] as const) {
      const { out } = track(transferToExtension({ from: CUSTOMER, dnis: DID, colleague: '8002', extension: EXT, kind, answer: false }));
      expect(out.map((e) => e.type)).toEqual(['ringing', 'ended']);
    }
  });

  it('we transfer the customer away (blind or attended): our call ends with our channel although the call lives on', () => {
    for (const kind of ['blind', 'attended'] as const) {
      const events = transferAway({ from: CUSTOMER, dnis: DID, extension: EXT, to: '8002', kind });
      const { out, kinds, tracker } = track(events);
      const [callId] = linkedIdsOf(events);
      expect(kinds).toEqual([`ringing:${callId}`, `answered:${callId}`, `ended:${callId}`]);
      expect(events[out[2]!.atIndex]).toMatchObject({ Event: 'Hangup', Channel: expect.stringMatching(/^PJSIP\/8001-/) });
      expect(out[2]!.atIndex).toBeLessThan(events.length - 5); // well before the customer and colleague finish
      expect(tracker.activeCalls()).toEqual([]);
    }
  });
});

describe('AMI call tracker: several calls, other extensions, robustness', () => {
  it('two calls at once are followed separately by callId', () => {
    const events = twoCallsAtOnce({ extension: EXT, first: { from: CUSTOMER, dnis: DID }, second: { from: '02161234567', dnis: '4008206666' } });
    const [first, second] = linkedIdsOf(events);
    const { out, kinds } = track(events);
    expect(kinds).toEqual([`ringing:${first}`, `answered:${first}`, `ringing:${second}`, `answered:${second}`, `ended:${first}`, `ended:${second}`]);
    expect(out[2]).toMatchObject({ from: '02161234567', dnis: '4008206666' });

    const missedSecond = twoCallsAtOnce({ extension: EXT, first: { from: CUSTOMER, dnis: DID }, second: { from: '02161234567', dnis: DID }, secondAnswered: false });
    const [a, b] = linkedIdsOf(missedSecond);
    expect(track(missedSecond).kinds).toEqual([`ringing:${a}`, `answered:${a}`, `ringing:${b}`, `ended:${b}`, `ended:${a}`]);
  });

  it('ignores calls for other extensions, including ones whose number starts with ours', () => {
    const other = [
      ...directCall({ from: CUSTOMER, dnis: DID, extension: '8002', answer: true }),
      ...queueCall({ from: CUSTOMER, dnis: DID, queue: 'sales', extension: '80011', waitS: 3, answered: true }),
      ...transferAway({ from: CUSTOMER, dnis: DID, extension: '8003', to: '8002', kind: 'attended' }),
    ];
    const { out, tracker } = track(other);
    expect(out).toEqual([]);
    expect(track(directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: true }), '800').out).toEqual([]);
    expect(tracker.counts).toEqual({ malformedEvents: 0, unknownEvents: 0 });
  });

  it('pops once however many triggers fire or repeat (AgentCalled, DialBegin, Newstate Ringing, duplicates)', () => {
    const events = queueCall({ from: CUSTOMER, dnis: DID, queue: 'sales', extension: EXT, waitS: 3, answered: true });
    const doubled = events.flatMap((e) => (['AgentCalled', 'DialBegin', 'Newstate', 'AgentConnect', 'DialEnd'].includes(e.Event!) ? [e, e] : [e]));
    expect(track(doubled).out.map((e) => e.type)).toEqual(['ringing', 'answered', 'ended']);
  });

  it('does not pop our own click-to-dial (Originate rings our phone first) nor our outbound calls', () => {
    const s = new AmiScript();
    const leg = s.deviceChannel('PJSIP', EXT, '');
    leg.linkedid = leg.uniqueid;
    s.dialBegin(null, leg, EXT); // Originate: no calling channel
    s.newState(leg, 5);
    s.newState(leg, 6);
    s.dialEnd(null, leg, 'ANSWER');
    const trunk = s.channel('PJSIP', 'ct-trunk', { linkedid: leg.linkedid });
    s.newChannel(trunk);
    s.dialBegin(leg, trunk, `ct-trunk/${CUSTOMER}`); // our phone is the caller: outbound
    s.newState(trunk, 5);
    s.dialEnd(leg, trunk, 'ANSWER');
    s.hangup(trunk);
    s.hangup(leg);
    expect(track(s.events).out).toEqual([]);
  });

  it('counts unknown and malformed events and never throws, whatever it is fed', () => {
    const tracker = new AmiCallTracker({ extension: EXT });
    const feed = (r: Record<string, string>) => tracker.handle(AmiMessage.fromRecord(r));
    expect(feed({ Event: 'SomethingFromAsterisk23' })).toEqual([]);
    expect(feed({ Event: 'VarSet', Variable: 'X' })).toEqual([]); // known, deliberately ignored
    expect(feed({ Event: 'FullyBooted' })).toEqual([]);
    expect(feed({ Event: 'Hangup', Channel: 'PJSIP/8001-00000001' })).toEqual([]); // no Uniqueid
    expect(feed({ Event: 'DialBegin', Channel: 'PJSIP/ct-trunk-00000001', Uniqueid: '1.1' })).toEqual([]); // no DestChannel
    expect(feed({ Response: 'Success' })).toEqual([]); // not an event
    expect(tracker.counts).toEqual({ unknownEvents: 1, malformedEvents: 3 });

    const keys = ['Event', 'Channel', 'DestChannel', 'Uniqueid', 'DestUniqueid', 'Linkedid', 'ChannelState', 'DialStatus', 'Interface', 'Queue', 'Timestamp', 'CallerIDNum'];
    const names = ['Newchannel', 'Newstate', 'DialBegin', 'DialEnd', 'BridgeEnter', 'Hangup', 'AgentCalled', 'AgentConnect', 'AgentComplete', 'AgentRingNoAnswer', 'QueueCallerJoin'];
    const value = fc.oneof(fc.constantFrom(...names, 'PJSIP/8001-0000001a', 'Local/8001@from-queue/n', '5', '6', '1.1', '1.2', 'ANSWER', ''), fc.string());
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.constantFrom(...keys), value), { maxLength: 30 }), (records) => {
        const t = new AmiCallTracker({ extension: EXT });
        for (const r of records) t.handle(AmiMessage.fromRecord(r));
      }),
      { numRuns: 300 },
    );
  });

  it('ends calls whose channels vanished while AMI was disconnected', () => {
    const events = directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: true });
    const upToAnswer = events.slice(0, indexOf(events, (e) => e.Event === 'BridgeEnter') + 2);
    const { tracker } = track(upToAnswer);
    const [call] = tracker.activeCalls();
    expect(call).toMatchObject({ state: 'answered' });
    expect(tracker.channelsGone(call!.channels, 'ended while AMI was disconnected')).toMatchObject([{ type: 'ended', cause: 'ended while AMI was disconnected' }]);
    expect(tracker.activeCalls()).toEqual([]);
  });
});

describe('extension device matching', () => {
  it('recognises the channel names and interfaces of an extension', () => {
    expect(deviceResources('PJSIP/8001-0000001a')).toEqual(['8001-0000001a', '8001']);
    expect(deviceResources('Local/8001@from-queue-0000001c;1')).toEqual(['8001']);
    expect(deviceResources('DAHDI/1-1')).toEqual([]);
    const is8001 = extensionDeviceMatcher('8001');
    for (const yes of ['PJSIP/8001-0000001a', 'SIP/8001-0000001a', 'IAX2/8001-1234', 'Local/8001@from-queue-0000001c;2', 'PJSIP/8001', 'Local/8001@from-queue/n', 'pjsip/8001-0000ABCD']) {
      expect(is8001(yes), yes).toBe(true);
    }
    for (const no of ['PJSIP/8002-0000001a', 'PJSIP/80011-0000001a', 'PJSIP/ct-trunk-0000001a', 'DAHDI/8001-1', 'Local/80011@from-queue/n', '8001', '', undefined]) {
      expect(is8001(no), String(no)).toBe(false);
    }
    const dashed = extensionDeviceMatcher('agent-8001');
    expect(dashed('PJSIP/agent-8001-0000001a')).toBe(true);
    expect(dashed('PJSIP/agent-8001')).toBe(true);
  });
});
