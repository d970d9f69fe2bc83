import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LiveMessage } from '../shared/sync/protocol';
import type { HubLiveMessage } from '../shared/sync/wallboard-protocol';
import { LIVE_CHANNEL } from './push';
import { HubError } from './errors';
import { SEAT_HEADER, resolveSeat, type Seat } from './seats';

// Live notifications: one LISTEN connection per hub process on `kefu_changes`; every push or
// resolution NOTIFYs on commit (from whichever instance took it), and each instance tells its
// own WebSocket clients "pull now". The message carries no data: seats pull as usual.

export const LIVE_PATH = '/v1/live';
/** Browsers cannot set headers on a WebSocket: they offer the token as a subprotocol. */
export const TOKEN_PROTOCOL_PREFIX = 'kefu-token.';
export const LIVE_PROTOCOL = 'kefu.v1';

interface Logger {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
}

export interface LiveOptions {
  server: Server;
  pool: pg.Pool;
  connectionString?: string;
  clientConfig?: pg.ClientConfig;
  log: Logger;
  pingMs: number;
  currentSeq: () => Promise<number>;
  /** More channels LISTENed on the same connection (the wallboard's); their notifications go to onNotification. */
  channels?: readonly string[];
  /** Every notification on any LISTENed channel, kefu_changes included. */
  onNotification?: (channel: string, payload: string) => void;
  /** A seat's socket was opened. */
  onSocket?: (seat: Seat) => void;
  /** The LISTEN connection is (re)established: anything may have been missed. */
  onListening?: () => void;
}

export function tokenFromUpgrade(req: IncomingMessage): string | null {
  const url = new URL(req.url ?? '/', 'http://hub');
  const q = url.searchParams.get('token');
  if (q) return q;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
  const t = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  return t ? t.slice(TOKEN_PROTOCOL_PREFIX.length) : null;
}

/** The id the seat says it is: the x-kefu-seat header, or ?seat= (browsers cannot set headers). */
export function seatIdFromUpgrade(req: IncomingMessage): string | undefined {
  const h = req.headers[SEAT_HEADER];
  if (typeof h === 'string' && h !== '') return h;
  return new URL(req.url ?? '/', 'http://hub').searchParams.get('seat') || undefined;
}

const STATUS_LINES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 409: 'Conflict' };

/**
 * A seat needs one live socket; a second lets a reconnect open before the old one times out.
 * More than that is a reconnect loop or a copied token: the oldest are closed, so one seat cannot
 * pile up sockets (and their fan-out work) on a hub.
 */
export const MAX_SOCKETS_PER_SEAT = 2;
/** Close code for a socket replaced by a newer one of the same seat (4000–4999: the application's). */
export const CLOSE_REPLACED = 4001;
/** Seats only listen on this socket; a client that keeps sending is cut off (policy violation). */
export const MAX_CLIENT_MESSAGES_PER_MINUTE = 30;

export class LiveHub {
  private readonly wss: WebSocketServer;
  private listener: pg.Client | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private readonly alive = new WeakMap<WebSocket, boolean>();
  /** The seat each socket authenticated as (role, id: who gets wallboard and command messages). */
  private readonly seatOf = new WeakMap<WebSocket, Seat>();
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(req, socket, head);

  constructor(private readonly opts: LiveOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: 4096,
      handleProtocols: (protocols) => {
        if (protocols.has(LIVE_PROTOCOL)) return LIVE_PROTOCOL;
        // Only a token was offered: echo it back so a browser accepts the handshake.
        const first = protocols.values().next();
        return first.done ? false : first.value;
      },
    });
    opts.server.on('upgrade', this.onUpgrade);
    this.pingTimer = setInterval(() => this.ping(), opts.pingMs);
    this.pingTimer.unref();
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  async start(): Promise<void> {
    await this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client(this.opts.clientConfig ?? { connectionString: this.opts.connectionString });
    client.on('error', (err) => {
      this.opts.log.warn({ err: err.message }, 'live: LISTEN connection lost; reconnecting');
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    client.on('notification', (n) => {
      this.opts.onNotification?.(n.channel, n.payload ?? '');
      if (n.channel !== LIVE_CHANNEL) return;
      const serverSeq = Number(n.payload);
      if (Number.isFinite(serverSeq)) this.broadcast({ type: 'changed', serverSeq });
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      for (const channel of this.opts.channels ?? []) await client.query(`LISTEN ${channel}`);
      this.opts.onListening?.();
      this.listener = client;
      // Something may have committed while we were not listening.
      if (this.wss.clients.size > 0) this.broadcast({ type: 'changed', serverSeq: await this.opts.currentSeq() });
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'live: cannot LISTEN; retrying');
      this.reconnect(client);
    }
  }

  private reconnect(client: pg.Client): void {
    if (this.listener === client) this.listener = null;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.listen();
    }, 1000);
    this.retryTimer.unref();
  }

  /** Sends to the sockets of seats matching `pred`; returns how many. */
  sendWhere(pred: (seat: Seat) => boolean, msg: HubLiveMessage): number {
    let text: string | null = null;
    let n = 0;
    for (const ws of this.wss.clients) {
      const seat = this.seatOf.get(ws);
      if (ws.readyState !== ws.OPEN || !seat || !pred(seat)) continue;
      text ??= JSON.stringify(msg);
      ws.send(text);
      n++;
    }
    return n;
  }

  /** How many open sockets belong to seats matching `pred`. */
  countWhere(pred: (seat: Seat) => boolean): number {
    let n = 0;
    for (const ws of this.wss.clients) {
      const seat = this.seatOf.get(ws);
      if (ws.readyState === ws.OPEN && seat && pred(seat)) n++;
    }
    return n;
  }

  broadcast(msg: LiveMessage): void {
    const text = JSON.stringify(msg);
    for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  private ping(): void {
    for (const ws of this.wss.clients) {
      if (this.alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      this.alive.set(ws, false);
      ws.ping();
    }
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== LIVE_PATH) {
      socket.destroy();
      return;
    }
    let seat: Seat | null;
    try {
      // An unbound token binds here too, like on any other first request (server/seats.ts).
      seat = await resolveSeat(this.opts.pool, tokenFromUpgrade(req) ?? '', seatIdFromUpgrade(req));
    } catch (err) {
      if (err instanceof HubError && STATUS_LINES[err.status]) {
        const body = JSON.stringify(err.body());
        socket.end(
          `HTTP/1.1 ${err.status} ${STATUS_LINES[err.status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        return;
      }
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (!seat) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const who = seat;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.alive.set(ws, true);
      this.seatOf.set(ws, who);
      ws.on('pong', () => this.alive.set(ws, true));
      ws.on('error', () => ws.terminate());
      this.closeOldestOf(who, ws);
      let windowStart = Date.now();
      let received = 0;
      ws.on('message', () => {
        const t = Date.now();
        if (t - windowStart >= 60_000) {
          windowStart = t;
          received = 0;
        }
        if (++received > MAX_CLIENT_MESSAGES_PER_MINUTE) {
          this.opts.log.warn({ seat: who.name }, 'live: seat sends too many messages; socket closed');
          ws.close(1008, 'too many messages');
        }
      });
      this.opts.log.info({ seat: who.name }, 'live: seat connected');
      this.opts.onSocket?.(who);
      void this.opts
        .currentSeq()
        .then((serverSeq) => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ type: 'changed', serverSeq } satisfies LiveMessage)))
        .catch(() => undefined);
    });
  }

  /** Keeps at most MAX_SOCKETS_PER_SEAT open sockets of this seat, `newest` included (clients iterate oldest first). */
  private closeOldestOf(seat: Seat, newest: WebSocket): void {
    const open = [...this.wss.clients].filter((ws) => ws !== newest && ws.readyState === ws.OPEN && this.seatOf.get(ws)?.id === seat.id);
    const excess = open.length - (MAX_SOCKETS_PER_SEAT - 1);
    for (const ws of open.slice(0, Math.max(0, excess))) {
      this.opts.log.info({ seat: seat.name }, 'live: older socket of this seat replaced');
      ws.close(CLOSE_REPLACED, 'replaced by a newer connection of this seat');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.opts.server.off('upgrade', this.onUpgrade);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    const l = this.listener;
    this.listener = null;
    if (l) {
      l.removeAllListeners('end');
      await l.end().catch(() => undefined);
    }
  }
}
