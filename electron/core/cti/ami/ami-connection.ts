// A self-healing AMI session over TCP: connect, read the banner, Login, keep alive with Ping,
// and reconnect with backoff whenever the link dies. Call events are handed to the listener;
// Responses are matched to our actions by ActionID.
//
// Why each timer exists:
// - connect/login timeout: a firewall that drops SYNs, or a PBX that accepts TCP but is
//   deadlocked, would otherwise leave us "connecting" forever.
// - Ping keep-alive: NAT gateways and office firewalls silently drop idle TCP flows; without
//   traffic we would sit "connected" on a dead socket and the next call would never pop.
// - long retry after a refused Login: FreePBX/Issabel ship fail2ban jails on Asterisk security
//   events, so retrying bad credentials every few seconds gets the whole call centre's IP banned.
//
// The secret is only ever written to the socket: never logged, never put in an error message.

import { connect, type Socket } from 'node:net';
import { DEFAULT_RECONNECT_POLICY, reconnectDelayMs, type ReconnectPolicy } from './ami-backoff';
import type { AmiMessage } from './ami-message';
import { AmiParser, encodeAction, type AmiActionFields, type AmiParserLimits } from './ami-parser';
import { PendingActions, type AmiListResult } from './ami-pending-actions';
import { systemTimers, type AmiTimers } from './ami-timers';

export type AmiConnectionState = 'off' | 'connecting' | 'connected' | 'disconnected' | 'auth_failed';

export interface AmiConnectionOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** Event classes asked for at Login. Queue events are class `agent`, channel events `call`. */
  events?: string;
  pingIntervalMs?: number;
  /** No Pong within this → the socket is treated as dead and replaced. */
  pingTimeoutMs?: number;
  actionTimeoutMs?: number;
  /** TCP connect + banner + Login must complete within this. */
  loginTimeoutMs?: number;
  reconnect?: Partial<ReconnectPolicy>;
  /** Wait after a refused Login before trying again (see fail2ban above). */
  authRetryMs?: number;
  /** How long stop() waits for the Logoff Goodbye before closing anyway. */
  logoffTimeoutMs?: number;
  parserLimits?: Partial<AmiParserLimits>;
  timers?: AmiTimers;
  random?: () => number;
  log?: (line: string) => void;
}

export interface AmiConnectionListener {
  onEvent(event: AmiMessage): void;
  onStateChange(state: AmiConnectionState, lastError: string | null): void;
  /** The malformed count grew; called at most once per TCP chunk, so a burst is one call. */
  onCountsChanged?(): void;
}

/** One TCP attempt: its socket, its parser, where it got to. */
interface Attempt {
  socket: Socket;
  parser: AmiParser;
  loggedIn: boolean;
  authFailed: boolean;
  countedMalformed: number;
  /** Why we killed it (keep-alive, login timeout), else the socket's own error. */
  closeReason: string | null;
  socketError: string | null;
}

type ResolvedOptions = Required<Omit<AmiConnectionOptions, 'reconnect' | 'parserLimits'>> & {
  reconnect: ReconnectPolicy;
  parserLimits: Partial<AmiParserLimits>;
};

export class AmiConnection {
  private readonly o: ResolvedOptions;
  private readonly pending: PendingActions;
  private attempt: Attempt | null = null;
  private running = false;
  private failures = 0;
  private actionSeq = 0;
  private stateValue: AmiConnectionState = 'off';
  private lastErrorValue: string | null = null;
  private reportedError: string | null = null;
  private malformed = 0;
  private loginTimer: unknown = null;
  private pingTimer: unknown = null;
  private retryTimer: unknown = null;
  private bannerText: string | null = null;

  constructor(options: AmiConnectionOptions, private readonly listener: AmiConnectionListener) {
    this.o = {
      host: options.host,
      port: options.port,
      username: options.username,
      secret: options.secret,
      events: options.events ?? 'call,agent',
      pingIntervalMs: options.pingIntervalMs ?? 20_000,
      pingTimeoutMs: options.pingTimeoutMs ?? 5_000,
      actionTimeoutMs: options.actionTimeoutMs ?? 10_000,
      loginTimeoutMs: options.loginTimeoutMs ?? 10_000,
      reconnect: { ...DEFAULT_RECONNECT_POLICY, ...options.reconnect },
      authRetryMs: options.authRetryMs ?? 300_000,
      logoffTimeoutMs: options.logoffTimeoutMs ?? 1_000,
      parserLimits: options.parserLimits ?? {},
      timers: options.timers ?? systemTimers,
      random: options.random ?? Math.random,
      log: options.log ?? (() => {}),
    };
    this.pending = new PendingActions(this.o.timers);
  }

  get state(): AmiConnectionState {
    return this.stateValue;
  }

  get lastError(): string | null {
    return this.lastErrorValue;
  }

  /** Lines and messages thrown away since start, across reconnects. */
  get malformedCount(): number {
    return this.malformed;
  }

  /** The PBX's banner line of the current session, e.g. `Asterisk Call Manager/9.0.0`. */
  get banner(): string | null {
    return this.bannerText;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.open();
  }

  /** Logs off if logged in, cancels every timer, closes the socket; no reconnect afterwards. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer('retryTimer');
    this.clearTimer('pingTimer');
    this.clearTimer('loginTimer');
    const current = this.attempt;
    if (current && current.loggedIn && !current.socket.destroyed) {
      // Logoff ends the session cleanly in the PBX log instead of "lost connection" noise.
      await this.send(current, 'Logoff', {}, this.o.logoffTimeoutMs).catch(() => undefined);
    }
    if (current) await closeSocket(current.socket);
    this.attempt = null;
    this.pending.rejectAll(new Error('AMI connection stopped'));
    this.setState('off');
  }

  /** Sends an action on the logged-in session; resolves with its Response (Success or not). */
  sendAction(action: string, fields: AmiActionFields = {}, timeoutMs = this.o.actionTimeoutMs): Promise<AmiMessage> {
    const current = this.attempt;
    if (!current || !current.loggedIn) return Promise.reject(new Error(`AMI is not connected (state: ${this.stateValue})`));
    return this.send(current, action, fields, timeoutMs);
  }

  /** Sends a list action (CoreShowChannels, QueueStatus…) and collects its events up to `…Complete`. */
  sendListAction(action: string, fields: AmiActionFields = {}, timeoutMs = this.o.actionTimeoutMs): Promise<AmiListResult> {
    const current = this.attempt;
    if (!current || !current.loggedIn) return Promise.reject(new Error(`AMI is not connected (state: ${this.stateValue})`));
    const actionId = this.nextActionId();
    const text = encodeAction(action, actionId, fields); // throws before anything is pending
    const answer = this.pending.expectList(actionId, action, timeoutMs);
    current.socket.write(text);
    return answer;
  }

  private send(current: Attempt, action: string, fields: AmiActionFields, timeoutMs: number): Promise<AmiMessage> {
    if (current !== this.attempt || current.socket.destroyed) return Promise.reject(new Error('AMI connection closed'));
    const actionId = this.nextActionId();
    let text: string;
    try {
      text = encodeAction(action, actionId, fields);
    } catch (err) {
      return Promise.reject(err);
    }
    const answer = this.pending.expectResponse(actionId, action, timeoutMs);
    current.socket.write(text);
    return answer;
  }

  private nextActionId(): string {
    return `kefu-${++this.actionSeq}`;
  }

  private open(): void {
    this.setState('connecting');
    this.bannerText = null;
    let socket: Socket;
    try {
      socket = connect({ host: this.o.host, port: this.o.port });
    } catch (err) {
      // e.g. a port out of range typed in settings: report it and keep retrying gently.
      this.lastErrorValue = `cannot connect to ${this.o.host}:${this.o.port}: ${(err as Error).message}`;
      this.setState('disconnected');
      this.retryIn(reconnectDelayMs(this.failures++, this.o.reconnect, this.o.random));
      return;
    }
    socket.setNoDelay(true);
    // OS-level keep-alive as a second line behind Ping: it also covers the login phase.
    socket.setKeepAlive(true, 15_000);
    const current: Attempt = {
      socket,
      parser: new AmiParser({ expectBanner: true, limits: this.o.parserLimits }),
      loggedIn: false,
      authFailed: false,
      countedMalformed: 0,
      closeReason: null,
      socketError: null,
    };
    this.attempt = current;
    this.loginTimer = this.o.timers.setTimeout(
      () => this.kill(current, `no login answer from ${this.o.host}:${this.o.port} within ${this.o.loginTimeoutMs} ms`),
      this.o.loginTimeoutMs,
    );
    socket.on('data', (chunk: Buffer) => this.onData(current, chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      current.socketError = `${err.code ?? 'socket error'}: ${err.message}`;
    });
    socket.on('close', () => this.onClose(current));
  }

  private onData(current: Attempt, chunk: Buffer): void {
    if (current !== this.attempt) return;
    for (const frame of current.parser.feed(chunk)) {
      if (current !== this.attempt || current.socket.destroyed) return; // killed by a frame before
      if (frame.kind === 'banner') this.onBanner(current, frame.text);
      else this.route(current, frame.message);
    }
    const parserTotal = current.parser.counts.malformedLines + current.parser.counts.droppedMessages;
    if (parserTotal !== current.countedMalformed) {
      this.malformed += parserTotal - current.countedMalformed;
      current.countedMalformed = parserTotal;
      this.listener.onCountsChanged?.();
    }
  }

  private onBanner(current: Attempt, text: string): void {
    this.bannerText = text;
    this.o.log(`AMI ${this.o.host}:${this.o.port}: ${text}; logging in as ${this.o.username}`);
    this.send(current, 'Login', { Username: this.o.username, Secret: this.o.secret, Events: this.o.events }, this.o.loginTimeoutMs).then(
      (response) => this.onLoginAnswer(current, response),
      (err: Error) => this.kill(current, `login: ${err.message}`),
    );
  }

  private onLoginAnswer(current: Attempt, response: AmiMessage): void {
    if (current !== this.attempt) return;
    this.clearTimer('loginTimer');
    if ((response.response ?? '').toLowerCase() === 'success') {
      current.loggedIn = true;
      this.failures = 0;
      this.setState('connected');
      this.schedulePing(current);
      return;
    }
    current.authFailed = true;
    this.lastErrorValue = `login refused by the PBX: ${response.get('Message') ?? response.response ?? 'no reason given'}`;
    this.o.log(`AMI ${this.o.host}:${this.o.port}: ${this.lastErrorValue}`);
    this.setState('auth_failed');
    current.socket.destroy();
  }

  private route(current: Attempt, message: AmiMessage): void {
    if (this.pending.accept(message)) return;
    if (message.event !== undefined) {
      if (current.loggedIn) this.listener.onEvent(message);
      return;
    }
    if (message.response !== undefined) return; // a late answer to an action that already timed out
    this.malformed++; // neither Event nor Response: nothing we can route
    this.listener.onCountsChanged?.();
  }

  private schedulePing(current: Attempt): void {
    this.pingTimer = this.o.timers.setTimeout(() => {
      this.pingTimer = null;
      this.send(current, 'Ping', {}, this.o.pingTimeoutMs).then(
        () => {
          if (current === this.attempt && this.running) this.schedulePing(current);
        },
        () => this.kill(current, `keep-alive: no Pong within ${this.o.pingTimeoutMs} ms, reconnecting`),
      );
    }, this.o.pingIntervalMs);
  }

  /** Treats the attempt's socket as dead; onClose does the bookkeeping and schedules the retry. */
  private kill(current: Attempt, reason: string): void {
    if (current !== this.attempt || current.socket.destroyed) return;
    current.closeReason = reason;
    this.o.log(`AMI ${this.o.host}:${this.o.port}: ${reason}`);
    current.socket.destroy();
  }

  private onClose(current: Attempt): void {
    if (current !== this.attempt) return;
    this.attempt = null;
    this.clearTimer('loginTimer');
    this.clearTimer('pingTimer');
    this.pending.rejectAll(new Error('AMI connection closed'));
    if (!this.running) return;
    if (current.authFailed) {
      this.retryIn(this.o.authRetryMs);
      return;
    }
    this.lastErrorValue =
      current.closeReason ??
      current.socketError ??
      (current.loggedIn ? 'connection closed by the PBX' : `connection to ${this.o.host}:${this.o.port} closed before login`);
    this.setState('disconnected');
    this.retryIn(reconnectDelayMs(this.failures++, this.o.reconnect, this.o.random));
  }

  private retryIn(ms: number): void {
    this.retryTimer = this.o.timers.setTimeout(() => {
      this.retryTimer = null;
      if (this.running) this.open();
    }, ms);
  }

  private setState(state: AmiConnectionState): void {
    if (state === this.stateValue && this.lastErrorValue === this.reportedError) return;
    this.stateValue = state;
    this.reportedError = this.lastErrorValue;
    this.listener.onStateChange(state, this.lastErrorValue);
  }

  private clearTimer(which: 'loginTimer' | 'pingTimer' | 'retryTimer'): void {
    if (this[which] !== null) this.o.timers.clearTimeout(this[which]);
    this[which] = null;
  }
}

function closeSocket(socket: Socket): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.destroy();
  });
}
