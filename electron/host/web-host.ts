import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH, type WsClientFrame, type WsServerFrame } from '../../shared/contract/bridge';
import { createCore, type Core, type CoreOptions } from '../core/create-core';
import { handleCtiSimulate, handleTestClock } from './host-routes';
import { createOffsetClock } from './test-clock';

export interface WebHostOptions extends Omit<CoreOptions, 'dataDir'> {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir: string;
  /** Fixed token for tests; otherwise a fresh random one per launch. */
  token?: string;
  /** End-to-end tests only: POST /test/clock moves the core's clock forward. */
  testHooks?: boolean;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  core: Core;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_FRAME_BYTES = 1 << 20;

const sameToken = (given: string | null, token: string) => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The browser host: the same core as the Electron app, behind a WebSocket on loopback only.
 * The page itself is public (it is the app's code); every call needs the per-launch token,
 * and a socket from another origin is refused even with it, so a web page the agent happens
 * to visit cannot talk to the seat.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  if (!existsSync(join(options.rendererDir, 'index.html')))
    throw new Error(`The renderer is not built (${options.rendererDir}/index.html is missing): run npm run build.`);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const testClock = options.testHooks ? createOffsetClock() : null;
  const core = createCore(testClock ? { ...options, clock: testClock } : options);
  let origin = '';
  const serveStatic = sirv(options.rendererDir, {
    dev: false,
    etag: true,
    setHeaders: (res) => {
      res.setHeader(
        'Content-Security-Policy',
        `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ${origin.replace('http', 'ws')}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
      );
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
    },
  });
  const server: Server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (path === '/cti/simulate') {
      void handleCtiSimulate(req, res, core, (given) => sameToken(given, token));
      return;
    }
    if (path === '/test/clock' && testClock) {
      void handleTestClock(req, res, core, testClock, (given) => sameToken(given, token));
      return;
    }
    serveStatic(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== WS_PATH || !sameToken(url.searchParams.get('token'), token) || req.headers.origin !== origin) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', async (data) => {
      let frame: WsClientFrame;
      try {
        frame = JSON.parse(String(data)) as WsClientFrame;
        if (typeof frame.id !== 'number' || typeof frame.channel !== 'string') throw new Error('bad frame');
      } catch {
        ws.close(1003, 'bad frame');
        return;
      }
      const result = await core.invoke(frame.channel, frame.input);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: frame.id, result } satisfies WsServerFrame));
    });
  });
  const unsubscribe = core.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies WsServerFrame);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${HOST}:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    port,
    token,
    core,
    async close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections from a browser would otherwise hold the server open.
      server.closeAllConnections();
      await closed;
      core.close();
    },
  };
}
