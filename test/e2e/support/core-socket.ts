import WebSocket from 'ws';
import { WS_PATH, type WsServerFrame } from '../../../shared/contract/bridge';
import type { Result } from '../../../shared/contract/result';
import type { HostProcess } from './host-process';

/**
 * One call on a browser host's core over its WebSocket, the way the renderer makes it (the
 * per-launch token and the page's own origin): for assertions the page cannot make, such as a
 * channel the UI does not offer to that role.
 */
export async function invokeCore(host: HostProcess, channel: string, input: unknown = {}): Promise<Result<unknown>> {
  const token = new URL(host.url).hash.replace('#token=', '');
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}${WS_PATH}?token=${encodeURIComponent(token)}`, { origin: host.origin });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return await new Promise<Result<unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${channel}: no answer from the host`)), 10_000);
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as WsServerFrame;
        if ('id' in frame && frame.id === 1) {
          clearTimeout(timer);
          resolve(frame.result);
        }
      });
      ws.send(JSON.stringify({ id: 1, channel, input }));
    });
  } finally {
    ws.close();
  }
}
