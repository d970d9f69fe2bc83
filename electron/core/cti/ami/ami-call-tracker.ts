// Turns the PBX-wide AMI event stream into the three CtiCallEvents of ONE agent's extension.
// Pure: no I/O, no timers; `handle` returns the events it produced, `now` is injected.
//
// Ringing (popped once per call, deduplicated by callId and by our channel's Uniqueid):
//   AgentCalled whose Interface/DestChannel is ours (queue calls: sent before DialBegin, with Queue)
//   DialBegin whose DestChannel is ours (direct calls, transfers to us)
//   Newstate ChannelState 5 on our channel when neither came (setups without dial events)
// Answered: DialEnd ANSWER for our channel, AgentConnect for our interface, BridgeEnter or
//   Newstate Up (6) of our ringing channel.
// Ended (cause in brackets):
//   Hangup of our LAST channel in the call [Cause-txt]    — not of any channel: FreePBX queue
//     calls ring Local/8001@from-queue;1/;2 then PJSIP/8001, and the Local halves hang up when
//     Asterisk optimises them away while the agent keeps talking.
//   Hangup of the caller's channel while still ringing [Cause-txt] — the missed call. Once
//     answered the caller-side Hangup does not end our call: in an attended transfer TO us the
//     "caller" is the colleague's consult channel, which hangs up when the transfer completes
//     while we go on talking to the customer; our own channel's Hangup follows every real end.
//   DialEnd CANCEL/NOANSWER/BUSY/CHANUNAVAIL/CONGESTION/ABORT once none of our channels rings [DialStatus]
//   AgentRingNoAnswer (the queue moves on) [RINGNOANSWER], AgentComplete [Reason: caller|agent|transfer]
//
// callId is the Linkedid (every leg of one call carries the Uniqueid of its oldest channel). It is
// kept for the life of OUR leg even though Asterisk rewrites a channel's Linkedid when bridges merge
// (attended transfer): follow-up events are matched by our channel's Uniqueid, which never changes.
//
// Units (AMI.md): AgentRingNoAnswer RingTime is ms, AgentConnect RingTime/HoldTime seconds; the
// queue wait at ring time is not in AgentCalled, so it is measured from QueueCallerJoin — from the
// events' `Timestamp` fields (manager.conf timestampevents=yes) when both have one, else from the
// moments we received them.

import type { CallSourceName, CtiCallEvent } from '../cti-source';
import { BoundedMap } from './bounded-map';
import { extensionDeviceMatcher } from './ami-device';
import { isKnownIgnoredEvent } from './ami-known-events';
import type { AmiFieldReader } from './ami-message';

export interface AmiCallTrackerOptions {
  /** The agent's extension, e.g. '8001'. */
  extension: string;
  now?: () => number;
  source?: CallSourceName;
  /** Channels remembered for DNIS and queue wait (bounded so lost Hangups cannot leak). */
  memoryLimit?: number;
}

export interface AmiTrackerCounts {
  /** Events we handle that lacked a field we need (e.g. Hangup without Uniqueid). */
  malformedEvents: number;
  /** Events we neither handle nor knowingly ignore. */
  unknownEvents: number;
}

export interface ActiveAmiCall {
  callId: string;
  state: 'ringing' | 'answered';
  /** Uniqueids of our extension's channels in the call. */
  channels: string[];
}

interface TrackedCall {
  callId: string;
  state: 'ringing' | 'answered';
  ours: Set<string>;
  ringing: Set<string>;
  callers: Set<string>;
  queue: string | null;
}

interface QueueJoin {
  queue: string;
  receivedAt: number;
  serverTime: number | null;
}

interface RingTrigger {
  callId: string;
  ourChannel: string | null;
  /** A second channel of ours in the same dial, e.g. the Local;2 half dialling PJSIP/8001. */
  alsoOurs: string | null;
  callerChannel: string | null;
  from: string;
  dnis: string | null;
  queue: string | null;
  waitS: number | null;
}

/** Not a number anyone dialled: empty, Asterisk's placeholder, or the `s` start extension. */
const NOT_A_NUMBER = new Set(['', 's', '<unknown>']);

export class AmiCallTracker {
  readonly counts: AmiTrackerCounts = { malformedEvents: 0, unknownEvents: 0 };
  private readonly extension: string;
  private readonly isOurs: (name: string | undefined) => boolean;
  private readonly now: () => number;
  private readonly source: CallSourceName;
  private readonly calls = new Map<string, TrackedCall>();
  private readonly byOurChannel = new Map<string, TrackedCall>();
  private readonly byCallerChannel = new Map<string, TrackedCall>();
  private readonly newchannelExten: BoundedMap<string, string>;
  private readonly queueJoins: BoundedMap<string, QueueJoin>;
  /** Our click-to-dial legs and our channels of calls already ended: never (re)pop them. */
  private readonly ignoredChannels: BoundedMap<string, true>;

  constructor(options: AmiCallTrackerOptions) {
    this.extension = options.extension;
    this.isOurs = extensionDeviceMatcher(options.extension);
    this.now = options.now ?? Date.now;
    this.source = options.source ?? 'ami';
    const limit = options.memoryLimit ?? 5_000;
    this.newchannelExten = new BoundedMap(limit);
    this.queueJoins = new BoundedMap(limit);
    this.ignoredChannels = new BoundedMap(limit);
  }

  /** Feeds one AMI event; returns the call events it causes (usually none). Never throws. */
  handle(event: AmiFieldReader): CtiCallEvent[] {
    const name = event.get('Event');
    if (name === undefined || name === '') return this.malformed();
    switch (name.toLowerCase()) {
      case 'newchannel': return this.onNewchannel(event);
      case 'newstate': return this.onNewstate(event);
      case 'dialbegin': return this.onDialBegin(event);
      case 'dialend': return this.onDialEnd(event);
      case 'bridgeenter': return this.onBridgeEnter(event);
      case 'hangup': return this.onHangup(event);
      case 'queuecallerjoin': return this.onQueueCallerJoin(event);
      case 'queuecallerleave':
      case 'queuecallerabandon': return this.onQueueCallerGone(event);
      case 'agentcalled': return this.onAgentCalled(event);
      case 'agentconnect': return this.onAgentEvent(event, (call) => this.answer(call));
      case 'agentcomplete': return this.onAgentEvent(event, (call) => this.end(call, event.get('Reason') || 'agent_complete'));
      case 'agentringnoanswer':
        return this.onAgentEvent(event, (call) => (call.state === 'ringing' ? this.end(call, 'RINGNOANSWER') : []));
      default:
        if (!isKnownIgnoredEvent(name)) this.counts.unknownEvents++;
        return [];
    }
  }

  activeCalls(): ActiveAmiCall[] {
    return [...this.calls.values()].map((c) => ({ callId: c.callId, state: c.state, channels: [...c.ours] }));
  }

  /**
   * After a reconnect: our channels the PBX no longer has hung up while we were not listening.
   * Each is handled like its lost Hangup.
   */
  channelsGone(uniqueids: Iterable<string>, cause: string): CtiCallEvent[] {
    const out: CtiCallEvent[] = [];
    for (const uid of uniqueids) out.push(...this.ourChannelHungUp(uid, cause));
    return out;
  }

  // ---- channel events ------------------------------------------------------------------------

  private onNewchannel(e: AmiFieldReader): CtiCallEvent[] {
    const uid = e.get('Uniqueid');
    if (!uid || !e.get('Channel')) return this.malformed();
    // The Exten a channel is born with is what the caller dialled (the DID on a trunk); by
    // DialBegin FreePBX has moved it to macro-dial-one / `s`, so it is remembered here.
    const exten = e.get('Exten');
    if (exten !== undefined && !this.newchannelExten.has(uid)) this.newchannelExten.set(uid, exten);
    return [];
  }

  private onNewstate(e: AmiFieldReader): CtiCallEvent[] {
    const uid = e.get('Uniqueid');
    const channel = e.get('Channel');
    const state = e.get('ChannelState');
    if (!uid || !channel || state === undefined) return this.malformed();
    if (!this.isOurs(channel)) return [];
    const tracked = this.byOurChannel.get(uid);
    if (state === '6') return tracked ? this.answer(tracked) : [];
    if (state !== '5' || tracked || this.ignoredChannels.has(uid)) return [];
    const linkedid = e.get('Linkedid') || uid;
    const join = this.queueJoins.get(linkedid);
    return this.ring({
      callId: linkedid,
      ourChannel: uid,
      alsoOurs: null,
      // The oldest channel of the call is the caller's in the common case; it lets the caller's
      // Hangup end a ringing call even without dial events.
      callerChannel: linkedid !== uid ? linkedid : null,
      from: callerNumber(e.get('ConnectedLineNum')),
      dnis: this.dnis([linkedid]),
      queue: join?.queue ?? null,
      waitS: join ? this.waitSince(join, e) : null,
    });
  }

  private onDialBegin(e: AmiFieldReader): CtiCallEvent[] {
    const destChannel = e.get('DestChannel');
    const destUid = e.get('DestUniqueid');
    if (!destChannel || !destUid) return this.malformed();
    if (!this.isOurs(destChannel)) return [];
    const callerChannel = e.get('Channel');
    const callerUid = e.get('Uniqueid');
    if (!callerChannel || !callerUid) {
      // A dial with no calling channel is an Originate: the PBX ringing our own phone for our
      // click-to-dial. Not an incoming call, and its Newstate Ringing must not pop either.
      this.ignoredChannels.set(destUid, true);
      return [];
    }
    const linkedid = e.get('Linkedid') || e.get('DestLinkedid') || callerUid;
    const callerIsOurs = this.isOurs(callerChannel);
    const join = this.queueJoins.get(callerUid) ?? this.queueJoins.get(linkedid);
    return this.ring({
      callId: linkedid,
      ourChannel: destUid,
      alsoOurs: callerIsOurs ? callerUid : null,
      callerChannel: callerIsOurs ? null : callerUid,
      from: callerNumber(e.get('CallerIDNum')) || callerNumber(e.get('DestConnectedLineNum')),
      dnis: this.dnis([callerUid, linkedid], e.get('Exten')),
      queue: join?.queue ?? null,
      waitS: join ? this.waitSince(join, e) : null,
    });
  }

  private onDialEnd(e: AmiFieldReader): CtiCallEvent[] {
    const destUid = e.get('DestUniqueid');
    const status = e.get('DialStatus');
    if (!destUid || !status) return this.malformed();
    const call = this.byOurChannel.get(destUid);
    if (!call) return [];
    const upper = status.toUpperCase();
    if (upper === 'ANSWER') return this.answer(call);
    // CONTINUE / GOTO: the dialplan carries on after the dial; our Hangup will tell.
    if (upper === 'CONTINUE' || upper === 'GOTO') return [];
    call.ringing.delete(destUid);
    return call.state === 'ringing' && call.ringing.size === 0 ? this.end(call, upper) : [];
  }

  private onBridgeEnter(e: AmiFieldReader): CtiCallEvent[] {
    const uid = e.get('Uniqueid');
    if (!uid) return this.malformed();
    const call = this.byOurChannel.get(uid);
    return call ? this.answer(call) : [];
  }

  private onHangup(e: AmiFieldReader): CtiCallEvent[] {
    const uid = e.get('Uniqueid');
    if (!uid) return this.malformed();
    const cause = e.get('Cause-txt') || (e.get('Cause') ? `cause ${e.get('Cause')}` : null);
    const out = this.ourChannelHungUp(uid, cause);
    const asCaller = this.byCallerChannel.get(uid);
    if (asCaller) {
      this.byCallerChannel.delete(uid);
      asCaller.callers.delete(uid);
      if (asCaller.state === 'ringing') out.push(...this.end(asCaller, cause)); // the missed call
    }
    this.newchannelExten.delete(uid);
    this.queueJoins.delete(uid);
    return out;
  }

  // ---- queue events --------------------------------------------------------------------------

  private onQueueCallerJoin(e: AmiFieldReader): CtiCallEvent[] {
    const uid = e.get('Uniqueid');
    const queue = e.get('Queue');
    if (!uid || !queue) return this.malformed();
    this.queueJoins.set(uid, { queue, receivedAt: this.now(), serverTime: timestampSeconds(e) });
    return [];
  }

  private onQueueCallerGone(e: AmiFieldReader): CtiCallEvent[] {
    const uid = e.get('Uniqueid');
    if (!uid) return this.malformed();
    this.queueJoins.delete(uid);
    return [];
  }

  private onAgentCalled(e: AmiFieldReader): CtiCallEvent[] {
    const queue = e.get('Queue');
    const callerUid = e.get('Uniqueid');
    const iface = e.get('Interface');
    const destChannel = e.get('DestChannel');
    if (!queue || !callerUid || (!iface && !destChannel)) return this.malformed();
    if (!this.isOurs(iface) && !this.isOurs(destChannel)) return [];
    const linkedid = e.get('Linkedid') || callerUid;
    const join = this.queueJoins.get(callerUid) ?? this.queueJoins.get(linkedid);
    return this.ring({
      callId: linkedid,
      ourChannel: e.get('DestUniqueid') || null,
      alsoOurs: null,
      callerChannel: callerUid,
      from: callerNumber(e.get('CallerIDNum')) || callerNumber(e.get('DestConnectedLineNum')),
      dnis: this.dnis([callerUid, linkedid], e.get('Exten')),
      queue,
      waitS: join ? this.waitSince(join, e) : null,
    });
  }

  /** AgentConnect / AgentComplete / AgentRingNoAnswer for our interface → `then(call)`. */
  private onAgentEvent(e: AmiFieldReader, then: (call: TrackedCall) => CtiCallEvent[]): CtiCallEvent[] {
    const callerUid = e.get('Uniqueid');
    const iface = e.get('Interface');
    const destChannel = e.get('DestChannel');
    if (!callerUid || (!iface && !destChannel)) return this.malformed();
    if (!this.isOurs(iface) && !this.isOurs(destChannel)) return [];
    const destUid = e.get('DestUniqueid');
    const call =
      (destUid ? this.byOurChannel.get(destUid) : undefined) ??
      this.calls.get(e.get('Linkedid') || callerUid) ??
      this.byCallerChannel.get(callerUid);
    return call ? then(call) : [];
  }

  // ---- transitions ---------------------------------------------------------------------------

  private ring(t: RingTrigger): CtiCallEvent[] {
    const known = this.calls.get(t.callId) ?? (t.ourChannel ? this.byOurChannel.get(t.ourChannel) : undefined);
    if (known) {
      this.attach(known, t); // a second trigger of the same call (AgentCalled then DialBegin…)
      return [];
    }
    if (t.ourChannel && this.ignoredChannels.has(t.ourChannel)) return [];
    const call: TrackedCall = { callId: t.callId, state: 'ringing', ours: new Set(), ringing: new Set(), callers: new Set(), queue: t.queue };
    this.calls.set(t.callId, call);
    this.attach(call, t);
    return [{ type: 'ringing', callId: t.callId, from: t.from, dnis: t.dnis, queue: t.queue, waitS: t.waitS, at: this.now(), source: this.source }];
  }

  private attach(call: TrackedCall, t: RingTrigger): void {
    for (const uid of [t.ourChannel, t.alsoOurs]) {
      if (!uid || this.ignoredChannels.has(uid)) continue;
      call.ours.add(uid);
      if (call.state === 'ringing') call.ringing.add(uid);
      this.byOurChannel.set(uid, call);
    }
    if (t.callerChannel && !call.ours.has(t.callerChannel)) {
      call.callers.add(t.callerChannel);
      this.byCallerChannel.set(t.callerChannel, call);
    }
    call.queue ??= t.queue;
  }

  private answer(call: TrackedCall): CtiCallEvent[] {
    if (call.state !== 'ringing' || this.calls.get(call.callId) !== call) return [];
    call.state = 'answered';
    call.ringing.clear();
    return [{ type: 'answered', callId: call.callId, at: this.now() }];
  }

  private end(call: TrackedCall, cause: string | null): CtiCallEvent[] {
    if (this.calls.get(call.callId) !== call) return [];
    this.calls.delete(call.callId);
    for (const uid of call.ours) {
      this.byOurChannel.delete(uid);
      this.ignoredChannels.set(uid, true); // late DialEnd/Newstate of this leg must not re-pop it
    }
    for (const uid of call.callers) if (this.byCallerChannel.get(uid) === call) this.byCallerChannel.delete(uid);
    return [{ type: 'ended', callId: call.callId, at: this.now(), cause }];
  }

  private ourChannelHungUp(uid: string, cause: string | null): CtiCallEvent[] {
    const call = this.byOurChannel.get(uid);
    if (!call) return [];
    this.byOurChannel.delete(uid);
    this.ignoredChannels.set(uid, true);
    call.ours.delete(uid);
    call.ringing.delete(uid);
    return call.ours.size === 0 ? this.end(call, cause) : [];
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The first remembered Newchannel Exten of these channels that is a dialled number, else the fallback. */
  private dnis(channels: readonly string[], fallbackExten?: string): string | null {
    const candidates = [...channels.map((uid) => this.newchannelExten.get(uid)), fallbackExten];
    for (const exten of candidates) {
      // Our own extension is not a DNIS: that is an internal call or a Local hop, not a line.
      if (exten !== undefined && !NOT_A_NUMBER.has(exten) && exten !== this.extension) return exten;
    }
    return null;
  }

  private waitSince(join: QueueJoin, e: AmiFieldReader): number {
    const eventTime = timestampSeconds(e);
    const seconds = join.serverTime !== null && eventTime !== null ? eventTime - join.serverTime : (this.now() - join.receivedAt) / 1000;
    return Math.max(0, Math.round(seconds));
  }

  private malformed(): CtiCallEvent[] {
    this.counts.malformedEvents++;
    return [];
  }
}

/** CallerIDNum as the agent should see it: Asterisk writes `<unknown>` for "none". */
function callerNumber(value: string | undefined): string {
  return value === undefined || value === '<unknown>' ? '' : value.trim();
}

/** `Timestamp: 1764122400.123456` (timestampevents=yes), in seconds, or null. */
function timestampSeconds(e: AmiFieldReader): number | null {
  const raw = e.get('Timestamp');
  if (!raw) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}
