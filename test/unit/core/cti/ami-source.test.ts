import { afterEach, describe, expect, it } from 'vitest';
import type { CtiCallEvent, CtiSource, CtiSourceStatus } from '../../../../electron/core/cti/cti-source';
import { createAmiSource, type AmiSourceOptions } from '../../../../electron/core/cti/ami/ami-source';
import { directCall, linkedIdsOf, queueCall, serialiseAmiEvent, sleep, startAmiPeer, waitUntil, type AmiPeer, type AmiPeerOptions } from '../../../support/ami-peer';

const EXT = '8001';
const SECRET = 'kefu-secret';
const CUSTOMER = '13812345678';
const DID = '4008205555';

// Small intervals keep every scenario well under a second.
const FAST: Partial<AmiSourceOptions> = {
  pingIntervalMs: 1_000,
  pingTimeoutMs: 200,
  actionTimeoutMs: 500,
  loginTimeoutMs: 500,
  reconnect: { minMs: 20, maxMs: 100 },
  authRetryMs: 10_000,
  logoffTimeoutMs: 200,
};

const peers: AmiPeer[] = [];
const sources: CtiSource[] = [];
afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.stop()));
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

async function peer(options: AmiPeerOptions = {}): Promise<AmiPeer> {
  const p = await startAmiPeer({ username: 'kefu', secret: SECRET, ...options });
  peers.push(p);
  return p;
}

function seat(p: { host: string; port: number }, overrides: Partial<AmiSourceOptions> = {}) {
  const events: CtiCallEvent[] = [];
  const statuses: CtiSourceStatus[] = [];
  const logs: string[] = [];
  const source = createAmiSource({
    host: p.host, port: p.port, username: 'kefu', secret: SECRET, extension: EXT,
    ...FAST, log: (line) => logs.push(line), ...overrides,
  });
  sources.push(source);
  source.start((e) => events.push(e), (s) => statuses.push(s));
  const connected = () => waitUntil(() => source.status().state === 'connected', 2_000, 'connected');
  return { source, events, statuses, logs, connected };
}

describe('AMI source against a scripted peer over TCP', () => {
  it('logs in with its credentials and Events: call,agent, and reports connected', async () => {
    const p = await peer();
    const s = seat(p);
    await s.connected();
    const login = await p.waitForAction('Login');
    expect(login.fields).toMatchObject({ Username: 'kefu', Secret: SECRET, Events: 'call,agent' });
    expect(login.fields.ActionID).toBeTruthy();
    expect(p.protocolErrors).toBe(0);
    expect(s.statuses.map((x) => x.state)).toEqual(['connecting', 'connected']);
    expect(s.source.status()).toEqual({ state: 'connected', malformedLines: 0, unknownEvents: 0, lastError: null });
    expect(s.logs.join('\n')).not.toContain(SECRET);
  });

  it('delivers ringing, answered and ended for a direct call and a queue call', async () => {
    const p = await peer();
    const s = seat(p);
    await s.connected();
    const direct = directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: true });
    const queued = queueCall({ from: '02161234567', dnis: DID, queue: 'vip', extension: EXT, waitS: 25, answered: true });
    await p.replay(direct);
    await p.replay(queued, { delayMs: 1 });
    await waitUntil(() => s.events.length === 6, 2_000, 'six call events');
    const [directId] = linkedIdsOf(direct);
    const [queueId] = linkedIdsOf(queued);
    expect(s.events.map((e) => `${e.type}:${e.callId}`)).toEqual([
      `ringing:${directId}`, `answered:${directId}`, `ended:${directId}`,
      `ringing:${queueId}`, `answered:${queueId}`, `ended:${queueId}`,
    ]);
    expect(s.events[0]).toMatchObject({ from: CUSTOMER, dnis: DID, queue: null, source: 'ami' });
    expect(s.events[3]).toMatchObject({ from: '02161234567', queue: 'vip', waitS: 25 });
    expect(s.source.status()).toMatchObject({ malformedLines: 0, unknownEvents: 0 });
  });

  it('wrong secret: auth_failed, the reason shown without the secret, and no tight reconnect loop', async () => {
    const p = await peer({ secret: 'the-real-one' });
    const s = seat(p);
    await waitUntil(() => s.source.status().state === 'auth_failed', 2_000, 'auth_failed');
    expect(s.source.status().lastError).toMatch(/login refused by the PBX: Authentication failed/);
    await sleep(300);
    expect(p.loginAttempts).toBe(1);
    expect(p.connectionsAccepted).toBe(1);
    expect(s.source.status().state).toBe('auth_failed');
    expect(JSON.stringify(s.statuses) + s.logs.join('\n')).not.toContain(SECRET);

    // It does try again, after the long pause (here shortened), not every few milliseconds.
    const q = await peer({ secret: 'the-real-one' });
    const t = seat(q, { authRetryMs: 150 });
    await sleep(400);
    expect(q.loginAttempts).toBeGreaterThanOrEqual(2);
    expect(q.loginAttempts).toBeLessThanOrEqual(3);
    expect(t.source.status().state).toBe('auth_failed');
  });

  it('the peer cuts the connection: disconnected, then reconnects by itself and keeps delivering calls', async () => {
    const p = await peer();
    const s = seat(p);
    await s.connected();
    p.dropConnections();
    await waitUntil(() => s.statuses.some((x) => x.state === 'disconnected'), 1_000, 'disconnected');
    expect(s.statuses.find((x) => x.state === 'disconnected')?.lastError).toBe('connection closed by the PBX');
    await p.waitForLogins(2);
    await s.connected();
    await p.replay(directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: false, callerHangsUpWhileRinging: true }));
    await waitUntil(() => s.events.length === 2, 1_000, 'ringing and ended');
    expect(s.events.map((e) => e.type)).toEqual(['ringing', 'ended']);
  });

  it('keeps the session alive with Ping and replaces it when no Pong comes back', async () => {
    const p = await peer();
    const s = seat(p, { pingIntervalMs: 30, pingTimeoutMs: 60 });
    await s.connected();
    await p.waitForAction('Ping', 2);
    expect(p.successfulLogins).toBe(1);
    p.answerPing = false;
    await p.waitForLogins(2);
    p.answerPing = true;
    expect(s.statuses.find((x) => x.state === 'disconnected')?.lastError).toMatch(/no Pong within 60 ms/);
    await s.connected();
  });

  it('a burst of 1,000 malformed lines interleaved with a real call: the call is delivered, the lines counted', async () => {
    const p = await peer();
    const s = seat(p);
    await s.connected();
    const events = directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: true });
    const binary = Buffer.from(Array.from({ length: 64 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
    let sent = 0;
    const garbageLine = (i: number): Buffer =>
      i % 100 === 0 ? Buffer.from(`${'x'.repeat(9_000)}\r\n`) // overlong
        : i % 3 === 0 ? Buffer.concat([binary, Buffer.from('\r\n')])
          : Buffer.from(`<<garbage ${i} 乱码>>\r\n`);
    const perGap = Math.ceil(1000 / events.length);
    for (const event of events) {
      for (let j = 0; j < perGap && sent < 1000; j++) p.sendRaw(garbageLine(sent++));
      p.sendRaw(serialiseAmiEvent(event));
    }
    await waitUntil(() => s.events.length === 3 && s.source.status().malformedLines === 1000, 2_000, 'the call and 1000 malformed lines');
    expect(s.events.map((e) => e.type)).toEqual(['ringing', 'answered', 'ended']);
    expect(s.events[0]).toMatchObject({ from: CUSTOMER, dnis: DID });
    expect(s.source.status()).toMatchObject({ state: 'connected', malformedLines: 1000, unknownEvents: 0 });
    // the burst was reported as a handful of status updates, not a thousand
    expect(s.statuses.length).toBeLessThan(100);
  });

  it('dial() sends Originate with the right fields and resolves on Success, rejects clearly otherwise', async () => {
    const p = await peer();
    const s = seat(p);
    await s.connected();
    await s.source.dial!('138-1234-5678');
    const originate = await p.waitForAction('Originate');
    expect(originate.fields).toMatchObject({
      Channel: 'PJSIP/8001', Exten: CUSTOMER, Context: 'from-internal', Priority: '1',
      CallerID: `"${CUSTOMER}" <8001>`, Async: 'true',
    });
    expect(originate.fields.ActionID).toBeTruthy();

    p.originate = 'error';
    await expect(s.source.dial!('02161234567')).rejects.toThrow(/The PBX refused to dial 02161234567: Originate failed/);
    await expect(s.source.dial!('13812345678\r\nAction: Command')).rejects.toThrow(/only digits/);
    await expect(s.source.dial!('call me')).rejects.toThrow(/only digits/);
    expect(p.actions('Originate')).toHaveLength(2);
    expect(p.protocolErrors).toBe(0);

    const other = seat(p, { context: 'kefu-outbound', technology: 'SIP' });
    await other.connected();
    p.originate = 'success';
    await other.source.dial!('+86 21 6123 4567');
    expect((await p.waitForAction('Originate', 3)).fields).toMatchObject({ Channel: 'SIP/8001', Exten: '+862161234567', Context: 'kefu-outbound' });
  });

  it('stop() logs off, reports off, and never reconnects; dial() then rejects', async () => {
    const p = await peer();
    const s = seat(p);
    await s.connected();
    await s.source.stop();
    expect(p.actions('Logoff')).toHaveLength(1);
    expect(s.source.status().state).toBe('off');
    expect(s.statuses.at(-1)?.state).toBe('off');
    await sleep(150);
    expect(p.connectionsAccepted).toBe(1);
    await expect(s.source.dial!('10086')).rejects.toThrow(/not connected/);
  });

  it('after a reconnect, asks the PBX which channels live and ends the calls that ended meanwhile', async () => {
    const p = await peer();
    const s = seat(p);
    await s.connected();
    const events = directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: true });
    const answeredAt = events.findIndex((e) => e.Event === 'BridgeEnter') + 2;
    await p.replay(events.slice(0, answeredAt));
    await waitUntil(() => s.events.length === 2, 1_000, 'ringing and answered');
    p.refuseConnections = true;
    p.dropConnections();
    await p.replay(events.slice(answeredAt), { waitForSessionMs: 0 }); // the hang-up nobody hears
    await sleep(50);
    p.refuseConnections = false;
    await waitUntil(() => s.events.length === 3, 2_000, 'the lost call ended');
    expect(s.events[2]).toMatchObject({ type: 'ended', callId: linkedIdsOf(events)[0], cause: 'ended while AMI was disconnected' });
    expect(p.actions('CoreShowChannels')).toHaveLength(1);
  });

  it('without permission for CoreShowChannels the calls are kept and the reason shown', async () => {
    const p = await peer({ coreShowChannels: 'deny' });
    const s = seat(p);
    await s.connected();
    const events = directCall({ from: CUSTOMER, dnis: DID, extension: EXT, answer: true });
    const answeredAt = events.findIndex((e) => e.Event === 'BridgeEnter') + 2;
    await p.replay(events.slice(0, answeredAt));
    await waitUntil(() => s.events.length === 2, 1_000, 'ringing and answered');
    p.dropConnections();
    await waitUntil(() => /write=reporting/.test(s.source.status().lastError ?? ''), 2_000, 'the CoreShowChannels refusal');
    expect(s.source.status().state).toBe('connected');
    await p.replay(events.slice(answeredAt)); // still alive: its real hang-up ends it
    await waitUntil(() => s.events.length === 3, 1_000, 'ended');
    expect(s.events[2]).toMatchObject({ type: 'ended', cause: 'Normal Clearing' });
  });

  it('no PBX listening: disconnected with the socket error, retrying with backoff', async () => {
    const p = await peer();
    const { host, port } = p;
    await p.close();
    peers.splice(peers.indexOf(p), 1);
    const s = seat({ host, port });
    await waitUntil(() => s.statuses.filter((x) => x.state === 'disconnected').length >= 2, 2_000, 'two failed attempts');
    expect(s.source.status().lastError).toMatch(/ECONNREFUSED/);
  });
});
