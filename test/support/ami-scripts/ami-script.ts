// Building blocks for realistic AMI event sequences: channels with the full field set Asterisk
// sends (AMI.md: Channel, ChannelState, ChannelStateDesc, CallerIDNum, CallerIDName,
// ConnectedLineNum, ConnectedLineName, Language, AccountCode, Context, Exten, Priority, Uniqueid,
// Linkedid; the second party's prefixed Dest), a running `Timestamp` (timestampevents=yes), and
// the dial / bridge / hangup steps the scenarios are made of.

/** One AMI event as key → value, `Event` first (insertion order is the wire order). */
export type AmiEventRecord = Record<string, string>;

const STATE_DESC = ['Down', 'Rsrvd', 'OffHook', 'Dialing', 'Ring', 'Ringing', 'Up', 'Busy', 'Dialing Offhook', 'Pre-ring', 'Unknown'];

export interface AmiChannel {
  name: string;
  uniqueid: string;
  linkedid: string;
  state: number;
  callerIdNum: string;
  callerIdName: string;
  connectedLineNum: string;
  connectedLineName: string;
  language: string;
  accountCode: string;
  context: string;
  exten: string;
  priority: number;
}

export interface AmiBridge {
  id: string;
  channels: number;
}

/** 2026-11-26 02:00 UTC, the default `manualClock` start of the test support. */
export const DEFAULT_START_S = Date.UTC(2026, 10, 26, 2, 0, 0) / 1000;

// Module-wide so scenarios built in one run never share a Uniqueid or channel name.
let seq = 0;

/** The channel fields of a snapshot, optionally prefixed (`Dest`, `Transferer`…). */
export function snapshot(ch: AmiChannel, prefix = ''): AmiEventRecord {
  return {
    [`${prefix}Channel`]: ch.name,
    [`${prefix}ChannelState`]: String(ch.state),
    [`${prefix}ChannelStateDesc`]: STATE_DESC[ch.state] ?? 'Unknown',
    [`${prefix}CallerIDNum`]: ch.callerIdNum,
    [`${prefix}CallerIDName`]: ch.callerIdName,
    [`${prefix}ConnectedLineNum`]: ch.connectedLineNum,
    [`${prefix}ConnectedLineName`]: ch.connectedLineName,
    [`${prefix}Language`]: ch.language,
    [`${prefix}AccountCode`]: ch.accountCode,
    [`${prefix}Context`]: ch.context,
    [`${prefix}Exten`]: ch.exten,
    [`${prefix}Priority`]: String(ch.priority),
    [`${prefix}Uniqueid`]: ch.uniqueid,
    [`${prefix}Linkedid`]: ch.linkedid,
  };
}

export class AmiScript {
  readonly events: AmiEventRecord[] = [];

  constructor(public t: number = DEFAULT_START_S) {}

  wait(seconds: number): void {
    this.t += seconds;
  }

  emit(event: string, privilege: string, fields: AmiEventRecord): void {
    this.events.push({ Event: event, Privilege: privilege, Timestamp: this.t.toFixed(6), ...fields });
  }

  /** A new channel (not yet announced). Linkedid defaults to its own Uniqueid (it starts a call). */
  channel(tech: string, endpoint: string, init: Partial<AmiChannel> = {}): AmiChannel {
    const n = ++seq;
    const uniqueid = `${Math.floor(this.t)}.${n}`;
    // chan_pjsip / chan_sip / Local append `-%08x`; chan_iax2 appends its decimal call number.
    const suffix = tech === 'IAX2' ? String(n) : n.toString(16).padStart(8, '0');
    return {
      name: tech === 'Local' ? `Local/${endpoint}-${suffix};1` : `${tech}/${endpoint}-${suffix}`,
      uniqueid,
      linkedid: uniqueid,
      state: 0,
      callerIdNum: '<unknown>',
      callerIdName: '<unknown>',
      connectedLineNum: '<unknown>',
      connectedLineName: '<unknown>',
      language: 'zh',
      accountCode: '',
      context: 'from-internal',
      exten: 's',
      priority: 1,
      ...init,
    };
  }

  /** The ;2 half of a Local channel pair (same instance number, same Linkedid). */
  localPartner(one: AmiChannel): AmiChannel {
    const n = ++seq;
    return { ...one, name: one.name.replace(/;1$/, ';2'), uniqueid: `${Math.floor(this.t)}.${n}`, state: 4 };
  }

  bridge(): AmiBridge {
    const n = ++seq;
    return { id: `b5e0c1a2-0000-4000-8000-${n.toString(16).padStart(12, '0')}`, channels: 0 };
  }

  newChannel(ch: AmiChannel): void {
    this.emit('Newchannel', 'call,all', snapshot(ch));
  }

  newState(ch: AmiChannel, state: number): void {
    ch.state = state;
    this.emit('Newstate', 'call,all', snapshot(ch));
  }

  dialBegin(caller: AmiChannel | null, dest: AmiChannel, dialString: string): void {
    this.emit('DialBegin', 'call,all', { ...(caller ? snapshot(caller) : {}), ...snapshot(dest, 'Dest'), DialString: dialString });
  }

  dialState(caller: AmiChannel, dest: AmiChannel, status: string): void {
    this.emit('DialState', 'call,all', { ...snapshot(caller), ...snapshot(dest, 'Dest'), DialStatus: status });
  }

  dialEnd(caller: AmiChannel | null, dest: AmiChannel, status: string): void {
    this.emit('DialEnd', 'call,all', { ...(caller ? snapshot(caller) : {}), ...snapshot(dest, 'Dest'), DialStatus: status });
  }

  bridgeCreate(b: AmiBridge): void {
    this.emit('BridgeCreate', 'call,all', bridgeFields(b));
  }

  bridgeEnter(b: AmiBridge, ch: AmiChannel, swapUniqueid?: string): void {
    b.channels++;
    this.emit('BridgeEnter', 'call,all', { ...bridgeFields(b), ...snapshot(ch), ...(swapUniqueid ? { SwapUniqueid: swapUniqueid } : {}) });
  }

  bridgeLeave(b: AmiBridge, ch: AmiChannel): void {
    b.channels--;
    this.emit('BridgeLeave', 'call,all', { ...bridgeFields(b), ...snapshot(ch) });
  }

  bridgeDestroy(b: AmiBridge): void {
    this.emit('BridgeDestroy', 'call,all', bridgeFields(b));
  }

  hangup(ch: AmiChannel, cause = 16, causeTxt = 'Normal Clearing'): void {
    this.emit('Hangup', 'call,all', { ...snapshot(ch), Cause: String(cause), 'Cause-txt': causeTxt });
  }

  /** An inbound trunk call: the channel is born in from-pstn with the DID as Exten. */
  trunkCaller(from: string, dnis: string | null, callerName = '<unknown>'): AmiChannel {
    const ch = this.channel('PJSIP', 'ct-trunk', {
      state: 4,
      callerIdNum: from,
      callerIdName: callerName,
      context: 'from-pstn',
      exten: dnis ?? 's',
    });
    this.newChannel(ch);
    return ch;
  }

  /** The agent's (or a colleague's) phone channel, created to be dialled in call `linkedid`. */
  deviceChannel(tech: string, extension: string, linkedid: string): AmiChannel {
    const ch = this.channel(tech, extension, { linkedid, exten: extension });
    this.newChannel(ch);
    return ch;
  }

  /** The dialplan dials `dest` for `caller` (FreePBX: from macro-dial-one, Exten `s`) and it rings. */
  ring(caller: AmiChannel, dest: AmiChannel, dialString: string, extension: string): void {
    if (caller.context !== 'ext-queues' && !caller.name.startsWith('Local/')) {
      caller.context = 'macro-dial-one';
      caller.exten = 's';
      caller.priority = 52;
    }
    dest.callerIdNum = extension;
    dest.connectedLineNum = caller.callerIdNum;
    dest.connectedLineName = caller.callerIdName;
    this.dialBegin(caller, dest, dialString);
    this.newState(dest, 5);
    this.dialState(caller, dest, 'RINGING');
  }

  /** `dest` picks up: Up, DialEnd ANSWER, both into a new basic bridge. */
  answer(caller: AmiChannel, dest: AmiChannel): AmiBridge {
    this.newState(dest, 6);
    this.dialEnd(caller, dest, 'ANSWER');
    if (caller.state !== 6) this.newState(caller, 6);
    caller.connectedLineNum = dest.callerIdNum;
    const b = this.bridge();
    this.bridgeCreate(b);
    this.bridgeEnter(b, caller);
    this.bridgeEnter(b, dest);
    return b;
  }

  /** `first` hangs up, then the other side is hung up by the bridge, then the bridge goes. */
  hangupBridged(b: AmiBridge, first: AmiChannel, second: AmiChannel): void {
    this.bridgeLeave(b, first);
    this.hangup(first);
    this.bridgeLeave(b, second);
    this.hangup(second);
    this.bridgeDestroy(b);
  }
}

export function bridgeFields(b: AmiBridge): AmiEventRecord {
  return {
    BridgeUniqueid: b.id,
    BridgeType: 'basic',
    BridgeTechnology: 'simple_bridge',
    BridgeCreator: '<unknown>',
    BridgeName: '<unknown>',
    BridgeNumChannels: String(b.channels),
    BridgeVideoSourceMode: 'none',
  };
}
