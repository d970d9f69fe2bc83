// A scripted Asterisk Manager Interface peer for tests, e2e runs and benches: a real TCP server
// on 127.0.0.1 (port 0) that behaves like Asterisk's manager.c where the client can tell:
// banner on connect, Login checked (a refused Login is answered and the socket closed), events
// only to logged-in sessions, Ping → Pong, Originate, CoreShowChannels from the channels its
// replayed scripts left alive, Logoff → Goodbye. Scenario builders are re-exported below.
//
// It parses what the client sends independently of the code under test (strict CRLF framing),
// so an encoder that sent bare LF would fail here.

import { createServer, type Server, type Socket } from 'node:net';
import type { AmiEventRecord } from './ami-scripts/ami-script';

export { type AmiEventRecord } from './ami-scripts/ami-script';
export {
  directCall,
  linkedIdsOf,
  queueCall,
  transferAway,
  transferToExtension,
  twoCallsAtOnce,
  type DirectCallOptions,
  type QueueCallOptions,
  type TransferAwayOptions,
  type TransferToExtensionOptions,
  type TwoCallsAtOnceOptions,
} from './ami-scripts/scenarios';

export interface AmiPeerOptions {
  username?: string;
  secret?: string;
  banner?: string;
  /** Answer Ping with Pong (default true); false simulates a PBX that stopped answering. */
  answerPing?: boolean;
  originate?: 'success' | 'error';
  /** `deny` answers like an AMI user without write=reporting. */
  coreShowChannels?: 'allow' | 'deny';
}

export interface ReceivedAction {
  /** Which TCP connection (1, 2, … in accept order). */
  session: number;
  action: string;
  /** First value of each key, as Asterisk reads it. */
  fields: Record<string, string>;
  /** The block exactly as received, for framing assertions. */
  raw: string;
}

export interface ReplayOptions {
  /** Pause between events (ms); default 0 (all in one write per event, back to back). */
  delayMs?: number;
  /** Wait up to this long for a logged-in session before sending; default 5000. 0: send to whoever is there (maybe nobody). */
  waitForSessionMs?: number;
}

interface Session {
  id: number;
  socket: Socket;
  buffer: string;
  loggedIn: boolean;
}

export function serialiseAmiEvent(event: AmiEventRecord): string {
  return `${Object.entries(event).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

export class AmiPeer {
  readonly host = '127.0.0.1';
  readonly received: ReceivedAction[] = [];
  answerPing: boolean;
  originate: 'success' | 'error';
  coreShowChannels: 'allow' | 'deny';
  /** While true, new TCP connections are closed at once (the PBX is unreachable). */
  refuseConnections = false;
  /**
   * List actions the peer answers (lower-case name → the rows for an ActionID, `…Complete`
   * included), e.g. `queuestatus: (id) => queueStatusAtConnect(id)`; others are unknown commands.
   */
  listAnswers: Record<string, (actionId: string) => AmiEventRecord[]> = {};
  /** Lines from the client that were not `Key: Value` (should stay 0). */
  protocolErrors = 0;
  connectionsAccepted = 0;
  loginAttempts = 0;
  successfulLogins = 0;
  private readonly username: string;
  private readonly secret: string;
  private readonly banner: string;
  private readonly sessions = new Set<Session>();
  /** Channels alive according to the replayed events (Newchannel … Hangup), for CoreShowChannels. */
  private readonly live = new Map<string, AmiEventRecord>();

  private constructor(private readonly server: Server, options: AmiPeerOptions) {
    this.username = options.username ?? 'kefu';
    this.secret = options.secret ?? 'kefu-secret';
    this.banner = options.banner ?? 'Asterisk Call Manager/9.0.0';
    this.answerPing = options.answerPing ?? true;
    this.originate = options.originate ?? 'success';
    this.coreShowChannels = options.coreShowChannels ?? 'allow';
    server.on('connection', (socket) => this.accept(socket));
  }

  static async start(options: AmiPeerOptions = {}): Promise<AmiPeer> {
    const server = createServer();
    const peer = new AmiPeer(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return peer;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('AMI peer is not listening');
    return address.port;
  }

  /** `tcp://USER:SECRET@127.0.0.1:PORT`, the form the browser host's `--ami` flag takes. */
  get url(): string {
    return `tcp://${encodeURIComponent(this.username)}:${encodeURIComponent(this.secret)}@${this.host}:${this.port}`;
  }

  /** Logged-in sessions right now. */
  get activeSessions(): number {
    return [...this.sessions].filter((s) => s.loggedIn).length;
  }

  actions(name: string): ReceivedAction[] {
    return this.received.filter((a) => a.action.toLowerCase() === name.toLowerCase());
  }

  /** Resolves with the `count`-th received action of that name. */
  async waitForAction(name: string, count = 1, timeoutMs = 3_000): Promise<ReceivedAction> {
    await waitUntil(() => this.actions(name).length >= count, timeoutMs, `${count}× ${name}`);
    return this.actions(name)[count - 1] as ReceivedAction;
  }

  async waitForLogins(count = 1, timeoutMs = 3_000): Promise<void> {
    await waitUntil(() => this.successfulLogins >= count && this.activeSessions > 0, timeoutMs, `${count} successful login(s)`);
  }

  /** Sends the events to every logged-in session, optionally paced; keeps the live-channel list. */
  async replay(events: readonly AmiEventRecord[], options: ReplayOptions = {}): Promise<void> {
    const waitMs = options.waitForSessionMs ?? 5_000;
    if (waitMs > 0) await waitUntil(() => this.activeSessions > 0, waitMs, 'a logged-in AMI session');
    for (const event of events) {
      this.sendEvent(event);
      if (options.delayMs) await sleep(options.delayMs);
    }
  }

  sendEvent(event: AmiEventRecord): void {
    this.track(event);
    this.broadcast(serialiseAmiEvent(event));
  }

  /** Anything, unframed, to every logged-in session: garbage, half messages, binary. */
  sendRaw(data: string | Buffer): void {
    this.broadcast(data);
  }

  /** Cuts every connection at once, as a network failure would. */
  dropConnections(): void {
    for (const s of this.sessions) s.socket.destroy();
    this.sessions.clear();
  }

  liveChannels(): AmiEventRecord[] {
    return [...this.live.values()];
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- protocol ------------------------------------------------------------------------------

  private accept(socket: Socket): void {
    this.connectionsAccepted++;
    if (this.refuseConnections) {
      socket.destroy();
      return;
    }
    const session: Session = { id: this.connectionsAccepted, socket, buffer: '', loggedIn: false };
    this.sessions.add(session);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sessions.delete(session));
    socket.on('data', (chunk: Buffer) => this.onData(session, chunk));
    socket.write(`${this.banner}\r\n`);
  }

  private onData(session: Session, chunk: Buffer): void {
    session.buffer += chunk.toString('utf8');
    for (let end = session.buffer.indexOf('\r\n\r\n'); end !== -1; end = session.buffer.indexOf('\r\n\r\n')) {
      const raw = session.buffer.slice(0, end + 4);
      session.buffer = session.buffer.slice(end + 4);
      const fields: Record<string, string> = {};
      for (const line of raw.slice(0, -4).split('\r\n')) {
        const colon = line.indexOf(': ');
        if (colon <= 0 || line.includes('\n') || line.includes('\r')) {
          this.protocolErrors++;
          continue;
        }
        const key = line.slice(0, colon);
        if (!(key in fields)) fields[key] = line.slice(colon + 2);
      }
      const action = fields.Action ?? '';
      this.received.push({ session: session.id, action, fields, raw });
      this.answer(session, action, fields);
    }
  }

  private answer(session: Session, action: string, fields: Record<string, string>): void {
    const id: Record<string, string> = fields.ActionID !== undefined ? { ActionID: fields.ActionID } : {};
    const reply = (record: AmiEventRecord) => session.socket.write(serialiseAmiEvent(record));
    const name = action.toLowerCase();
    if (name === 'login') {
      this.loginAttempts++;
      if (fields.Username === this.username && fields.Secret === this.secret) {
        session.loggedIn = true;
        this.successfulLogins++;
        reply({ Response: 'Success', ...id, Message: 'Authentication accepted' });
        reply({ Event: 'FullyBooted', Privilege: 'system,all', Uptime: '3600', LastReload: '3600', Status: 'Fully Booted' });
      } else {
        reply({ Response: 'Error', ...id, Message: 'Authentication failed' });
        session.socket.end(); // manager.c ends the session after a failed login
      }
      return;
    }
    if (!session.loggedIn) {
      reply({ Response: 'Error', ...id, Message: 'Authentication Required' });
      return;
    }
    switch (name) {
      case 'ping':
        if (this.answerPing) reply({ Response: 'Success', ...id, Ping: 'Pong', Timestamp: (Date.now() / 1000).toFixed(6) });
        return;
      case 'originate':
        if (this.originate === 'success') reply({ Response: 'Success', ...id, Message: 'Originate successfully queued' });
        else reply({ Response: 'Error', ...id, Message: 'Originate failed' });
        return;
      case 'coreshowchannels':
        this.answerCoreShowChannels(reply, id);
        return;
      case 'logoff':
        reply({ Response: 'Goodbye', ...id, Message: 'Thanks for all the fish.' });
        session.socket.end();
        return;
      default:
        if (this.listAnswers[name]) {
          reply({ Response: 'Success', ...id, EventList: 'start', Message: 'List will follow' });
          for (const row of this.listAnswers[name](fields.ActionID ?? '')) reply(row);
          return;
        }
        reply({ Response: 'Error', ...id, Message: `Invalid/unknown command: ${action}. Use Action: ListCommands to show available commands.` });
    }
  }

  private answerCoreShowChannels(reply: (r: AmiEventRecord) => void, id: Record<string, string>): void {
    if (this.coreShowChannels === 'deny') {
      reply({ Response: 'Error', ...id, Message: 'Permission denied' });
      return;
    }
    reply({ Response: 'Success', ...id, EventList: 'start', Message: 'Channels will follow' });
    const channels = this.liveChannels();
    for (const ch of channels) {
      reply({ Event: 'CoreShowChannel', ...id, ...ch, Application: 'Dial', ApplicationData: '', Duration: '00:00:05', BridgeId: '' });
    }
    reply({ Event: 'CoreShowChannelsComplete', ...id, EventList: 'Complete', ListItems: String(channels.length) });
  }

  private track(event: AmiEventRecord): void {
    const uid = event.Uniqueid;
    if (!uid) return;
    const { Event: name, Privilege: _privilege, Timestamp: _timestamp, ...rest } = event;
    const channelFields = Object.fromEntries(Object.entries(rest).filter(([k]) => CHANNEL_KEYS.has(k)));
    if (name === 'Newchannel' || (name === 'Newstate' && this.live.has(uid))) this.live.set(uid, channelFields);
    else if (name === 'Hangup') this.live.delete(uid);
  }

  private broadcast(data: string | Buffer): void {
    for (const s of this.sessions) if (s.loggedIn && !s.socket.destroyed) s.socket.write(data);
  }
}

const CHANNEL_KEYS = new Set([
  'Channel', 'ChannelState', 'ChannelStateDesc', 'CallerIDNum', 'CallerIDName', 'ConnectedLineNum',
  'ConnectedLineName', 'Language', 'AccountCode', 'Context', 'Exten', 'Priority', 'Uniqueid', 'Linkedid',
]);

/** Starts a peer on 127.0.0.1 and a free port. */
export function startAmiPeer(options: AmiPeerOptions = {}): Promise<AmiPeer> {
  return AmiPeer.start(options);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `predicate` every 5 ms; rejects after `timeoutMs` naming what it waited for. */
export async function waitUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}
