import { WS_PATH, type WsClientFrame, type WsServerFrame } from '../../shared/contract/bridge';
import type { Result } from '../../shared/contract/result';
import type { CoreApi } from './core-api';

export interface WsApi extends CoreApi {
  /** Resolves when the socket is open; rejects if the host refused it (wrong token). */
  ready: Promise<void>;
  close(): void;
}

/**
 * The browser host's transport: one WebSocket to the loopback host, requests matched to
 * answers by id, events fanned out to subscribers. A dropped socket fails pending calls with
 * `unavailable` so the UI can say so instead of hanging.
 */
export function wsApi(baseUrl: string, token: string, WebSocketImpl: typeof WebSocket = WebSocket): WsApi {
  const url = new URL(WS_PATH, baseUrl.replace(/^http/, 'ws'));
  url.searchParams.set('token', token);
  const socket = new WebSocketImpl(url.toString());
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const disconnectListeners = new Set<() => void>();
  let nextId = 1;
  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('errors.hostUnavailable')), { once: true });
  });
  socket.addEventListener('message', (ev: MessageEvent) => {
    const frame = JSON.parse(String(ev.data)) as WsServerFrame;
    if ('id' in frame) {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else {
      for (const l of listeners.get(frame.event) ?? []) l(frame.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'unavailable', message: 'errors.hostUnavailable' } });
    pending.clear();
    for (const l of disconnectListeners) l();
  });
  return {
    ready,
    close: () => socket.close(),
    async call(channel, input) {
      await ready;
      if (socket.readyState !== socket.OPEN) return { ok: false, error: { code: 'unavailable', message: 'errors.hostUnavailable' } };
      const id = nextId++;
      const frame: WsClientFrame = { id, channel, input };
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Result<unknown>) => void);
        socket.send(JSON.stringify(frame));
      });
    },
    onDisconnect(listener) {
      disconnectListeners.add(listener);
      return () => disconnectListeners.delete(listener);
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
}
