import WebSocket from 'ws';
import type { z } from 'zod';
import {
  ConflictList,
  Conflict,
  PullResponse,
  PushResponse,
  SYNC_ERROR_CODES,
  SyncError,
  type PushRequest,
  type SyncErrorCode,
} from '../../../shared/sync/protocol';

// The seat's view of the hub's HTTP API (shared/sync/protocol.ts) over an injectable `fetch`,
// and the live socket over an injectable factory, so tests can script the hub: drop an answer
// after the hub committed, fail, answer 426…

/** The part of the WHATWG fetch the client uses (Node 20's global fetch fits). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ status: number; json(): Promise<unknown>; headers: { get(name: string): string | null } }>;

/** Why a request to the hub failed: a protocol error code, or 'network' when no answer came. */
export class HubError extends Error {
  constructor(
    readonly code: SyncErrorCode | 'network' | 'bad_response',
    message: string,
    readonly status: number | null = null,
    readonly expectedSeq?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

/** The header carrying the seat's own id (server/seats.ts SEAT_HEADER). */
export const SEAT_HEADER = 'x-kefu-seat';

const STATUS_CODES: Partial<Record<number, SyncErrorCode>> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  410: 'resync_required',
  413: 'too_large',
  426: 'update_required',
  429: 'rate_limited',
  503: 'unavailable',
};

export interface HubClient {
  push(body: PushRequest): Promise<PushResponse>;
  pull(after: number, limit: number): Promise<PullResponse>;
  conflicts(status: 'open' | 'resolved'): Promise<Conflict[]>;
  resolveConflict(id: string, keep: 'winner' | 'loser'): Promise<Conflict>;
  /** Any other route of the hub (the wallboard's, shared/sync/wallboard-protocol.ts), its answer checked against `schema`. */
  request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>>;
}

export function createHubClient(opts: {
  hubUrl: string;
  token: string;
  /**
   * This seat's own id (seat_meta seat_id), sent on every request as `x-kefu-seat`: a token the
   * hub made without --id binds to it on the first request, and a token of another seat is refused.
   */
  seatId?: string;
  fetch: FetchLike;
  /** Per-request timeout (default 30 s): a hung connection counts as offline. */
  timeoutMs?: number;
}): HubClient {
  const base = opts.hubUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 30_000;

  async function call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let res: Awaited<ReturnType<FetchLike>>;
    let json: unknown;
    try {
      res = await opts.fetch(`${base}${path}`, {
        method,
        // The token goes in a header only, never in a URL or a log line.
        headers: {
          authorization: `Bearer ${opts.token}`,
          ...(opts.seatId ? { [SEAT_HEADER]: opts.seatId } : {}),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: abort.signal,
      });
      json = await res.json().catch(() => undefined);
    } catch (err) {
      throw new HubError('network', `${method} ${path}: ${(err as Error).message ?? String(err)}`);
    } finally {
      clearTimeout(timer);
    }
    if (res.status >= 200 && res.status < 300) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new HubError('bad_response', `${method} ${path}: the hub's answer does not match the protocol`, res.status);
      return parsed.data;
    }
    const err = SyncError.safeParse(json);
    const retryAfter = Number(res.headers.get('retry-after'));
    const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
    if (err.success) {
      const { code, message, expectedSeq } = err.data.error;
      throw new HubError(code, `${method} ${path}: ${res.status} ${code}: ${message}`, res.status, expectedSeq, retryAfterMs);
    }
    const code = STATUS_CODES[res.status] ?? (res.status >= 500 ? 'unavailable' : 'bad_response');
    throw new HubError(code, `${method} ${path}: HTTP ${res.status}`, res.status, undefined, retryAfterMs);
  }

  return {
    push: (body) => call('POST', '/v1/push', PushResponse, body),
    pull: (after, limit) => call('GET', `/v1/pull?after=${after}&limit=${limit}`, PullResponse),
    conflicts: async (status) => (await call('GET', `/v1/conflicts?status=${status}`, ConflictList)).conflicts,
    resolveConflict: (id, keep) => call('POST', `/v1/conflicts/${encodeURIComponent(id)}/resolve`, Conflict, { keep }),
    request: call,
  };
}

export const isSyncErrorCode = (code: string): code is SyncErrorCode => (SYNC_ERROR_CODES as readonly string[]).includes(code);

/** The live channel: the hub says "there is something to pull". */
export interface LiveSocket {
  close(): void;
}
export interface LiveHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** Called once when the socket closes or fails to open. */
  onClose(reason: string): void;
}
export type LiveConnect = (url: string, token: string, handlers: LiveHandlers, seatId?: string) => LiveSocket;

/** `${hubUrl}/v1/live` as ws:// or wss://. */
export const liveUrl = (hubUrl: string): string => `${hubUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/v1/live`;

/** The default live socket (the ws package), token in the Authorization header, the seat's id in x-kefu-seat. */
export const connectLiveSocket: LiveConnect = (url, token, handlers, seatId) => {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (seatId) headers[SEAT_HEADER] = seatId;
  const ws = new WebSocket(url, { headers, handshakeTimeout: 15_000 });
  let closed = false;
  const close = (reason: string) => {
    if (closed) return;
    closed = true;
    handlers.onClose(reason);
  };
  ws.on('open', () => handlers.onOpen());
  ws.on('message', (data) => handlers.onMessage(String(data)));
  ws.on('unexpected-response', (_req, res) => {
    close(`HTTP ${res.statusCode}`);
    ws.terminate();
  });
  ws.on('error', (err) => close(err.message));
  ws.on('close', (code) => close(`closed ${code}`));
  return {
    close() {
      closed = true;
      ws.terminate();
    },
  };
};
