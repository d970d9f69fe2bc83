import { afterEach, describe, expect, it } from 'vitest';
import type { CallCard, CtiStatus } from '../../../../shared/contract/call-schemas';
import type { CustomerProfile } from '../../../../shared/contract/customer-schemas';
import { createCore, type Core } from '../../../../electron/core/create-core';
import { parseAmiUrl } from '../../../../electron/core/cti/ami-url';
import { directCall, startAmiPeer, waitUntil, type AmiPeer } from '../../../support/ami-peer';
import { useTempDirs } from '../../../support/temp-dir';

// The whole chain with the real AMI adapter: cti.configure → TCP login to the scripted peer →
// connected → a replayed PBX call pops the right card and is logged.

const tempDir = useTempDirs();
let peer: AmiPeer | undefined;
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  await peer?.close();
  core = undefined;
  peer = undefined;
});

function watch(c: Core) {
  const statuses: CtiStatus[] = [];
  const cards: CallCard[] = [];
  c.subscribe((event, payload) => {
    if (event === 'cti.statusChanged') statuses.push(payload as CtiStatus);
    if (event === 'call.changed') cards.push(payload as CallCard);
  });
  return { statuses, cards };
}

async function customer(c: Core, name: string, phone: string): Promise<string> {
  const r = await c.invoke('customers.create', { customer: { name, phones: [phone] } });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return (r.value as CustomerProfile).customer.id;
}

describe('screen pop from the PBX (scripted AMI peer)', () => {
  it('configure → connected → a direct call pops the caller’s card, logged through answer and hang-up', async () => {
    peer = await startAmiPeer();
    core = createCore({ dataDir: tempDir(), log: () => {} });
    const { statuses, cards } = watch(core);
    const id = await customer(core, '王伟', '13812345678');
    core.db.prepare("INSERT INTO phone_lines (id, number, name, updated_at) VALUES ('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', '4008001234', '锦程旅游 全国客服热线', 1)").run();

    const r = await core.invoke('cti.configure', { ami: { host: peer.host, port: peer.port, username: 'kefu', secret: 'kefu-secret', extension: '8001' } });
    expect(r).toMatchObject({ ok: true, value: { source: 'ami', host: '127.0.0.1', extension: '8001' } });
    await waitUntil(() => statuses.at(-1)?.state === 'connected', 5_000, 'connected');
    expect((await core.invoke('cti.status', {})) as unknown).toMatchObject({ ok: true, value: { state: 'connected', canDial: true } });

    await peer.replay(directCall({ from: '13812345678', dnis: '4008001234', extension: '8001', answer: true, talkS: 30 }));
    await waitUntil(() => cards.some((c) => c.state === 'ended'), 5_000, 'the call to end');
    const ring = cards[0]!;
    expect(ring).toMatchObject({ source: 'ami', state: 'ringing', dnis: '4008001234', lineName: '锦程旅游 全国客服热线', match: { kind: 'customer', customer: { id, name: '王伟' } } });
    expect(cards.map((c) => c.state)).toEqual(['ringing', 'answered', 'ended']);
    expect(cards.at(-1)).toMatchObject({ missed: false, callId: ring.callId });
    const row = core.db.prepare('SELECT customer_id, outcome, from_number, to_number FROM interactions WHERE id = ?').get(ring.interactionId);
    expect(row).toEqual({ customer_id: id, outcome: 'completed', from_number: '+8613812345678', to_number: '4008001234' });
  });

  it('a caller hanging up while it rings is a missed call offering a callback; --ami works as the run’s override', async () => {
    peer = await startAmiPeer();
    core = createCore({ dataDir: tempDir(), log: () => {}, ami: parseAmiUrl(peer.url, '8001') });
    const { statuses, cards } = watch(core);
    await waitUntil(() => statuses.at(-1)?.state === 'connected', 5_000, 'connected');
    await peer.replay(directCall({ from: '02161234567', dnis: null, extension: '8001', answer: false, callerHangsUpWhileRinging: true }));
    await waitUntil(() => cards.some((c) => c.state === 'ended'), 5_000, 'the call to end');
    expect(cards[0]).toMatchObject({ state: 'ringing', caller: { country: 'CN', area: '上海' }, match: { kind: 'unknown' } });
    expect(cards.at(-1)).toMatchObject({ state: 'ended', missed: true, callbackOffered: true });
    const accepted = await core.invoke('calls.acceptCallbackOffer', { callId: cards[0]!.callId });
    expect(accepted).toMatchObject({ ok: true, value: { callbackId: expect.any(String) } });
  });
});
