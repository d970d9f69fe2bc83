import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_PATH } from '../../shared/contract/bridge';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start() {
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kefu</title>');
  host = await startWebHost({ dataDir: tempDir(), rendererDir, port: 0, log: () => {} });
  return host;
}

function connect(h: WebHost, token: string, origin = `http://127.0.0.1:${h.port}`) {
  return new WebSocket(`ws://127.0.0.1:${h.port}${WS_PATH}?token=${encodeURIComponent(token)}`, { headers: { origin } });
}
const opened = (ws: WebSocket) =>
  new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('error', () => resolve(false));
  });
const call = (ws: WebSocket, id: number, channel: string, input: unknown) =>
  new Promise<{ id: number; result: { ok: boolean; value?: unknown; error?: { code: string } } }>((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data));
      if (frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, input }));
  });

describe('browser host', () => {
  it('listens on loopback only and serves the app with a strict CSP', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
    const res = await fetch(`http://127.0.0.1:${h.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain(`ws://127.0.0.1:${h.port}`);
  });

  it('refuses a socket without the right token or from another origin', async () => {
    const h = await start();
    expect(await opened(connect(h, 'wrong-token'))).toBe(false);
    expect(await opened(connect(h, h.token, 'https://evil.example'))).toBe(false);
    const good = connect(h, h.token);
    expect(await opened(good)).toBe(true);
    good.close();
  });

  it('answers contract calls and pushes core events to every page', async () => {
    const h = await start();
    const a = connect(h, h.token);
    const b = connect(h, h.token);
    await Promise.all([opened(a), opened(b)]);
    const session = await call(a, 1, 'session.get', {});
    expect(session.result).toMatchObject({ ok: true, value: { locale: 'zh-CN' } });
    const bad = await call(a, 2, 'customers.search', { query: 42 });
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const event = new Promise((resolve) => b.once('message', (d) => resolve(JSON.parse(String(d)))));
    const created = await call(a, 3, 'customers.create', { customer: { name: '周杰' } });
    expect(created.result.ok).toBe(true);
    expect(await event).toMatchObject({ event: 'customer.changed' });
    a.close();
    b.close();
  });

  it('rings the seat on POST /cti/simulate with the token, and refuses it without', async () => {
    const h = await start();
    const url = `http://127.0.0.1:${h.port}/cti/simulate`;
    const body = JSON.stringify({ from: '13812345678', dnis: '4008201688' });
    expect((await fetch(url, { method: 'POST', body })).status).toBe(403);
    expect((await fetch(url, { method: 'POST', body, headers: { authorization: 'Bearer nope' } })).status).toBe(403);
    expect((await fetch(url, { method: 'GET', headers: { authorization: `Bearer ${h.token}` } })).status).toBe(405);
    expect((await fetch(url, { method: 'POST', body: '{', headers: { authorization: `Bearer ${h.token}` } })).status).toBe(400);
    const ws = connect(h, h.token);
    await opened(ws);
    const popped = new Promise<{ event: string; payload: { callId: string; caller: { display: string } } }>((resolve) =>
      ws.on('message', (d) => {
        const frame = JSON.parse(String(d));
        if (frame.event === 'call.changed') resolve(frame);
      }),
    );
    const res = await fetch(url, { method: 'POST', body, headers: { authorization: `Bearer ${h.token}` } });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { ok: boolean; value: { callId: string } };
    expect(answer.ok).toBe(true);
    expect((await popped).payload.callId).toBe(answer.value.callId);
    ws.close();
  });
});
