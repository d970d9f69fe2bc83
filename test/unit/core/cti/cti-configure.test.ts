import { describe, expect, it } from 'vitest';
import type { AmiSettings, CallCard, CtiStatus } from '../../../../shared/contract/call-schemas';
import type { CustomerProfile } from '../../../../shared/contract/customer-schemas';
import { createCore } from '../../../../electron/core/create-core';
import { AMI_SETTINGS_KEY } from '../../../../electron/core/cti/cti-manager';
import type { CtiCallEvent, CtiSource, CtiSourceStatus } from '../../../../electron/core/cti/cti-source';
import { manualClock, useTempDirs } from '../../../support/temp-dir';

// cti.configure / cti.status / cti.getSettings against a fake AMI source: which source runs,
// what is stored, that a replaced source can no longer deliver, and that close stops it.

const tempDir = useTempDirs();
const SETTINGS: AmiSettings = { host: 'pbx.hotel.local', port: 5038, username: 'kefu', secret: 's3cret', extension: '8001' };

async function value<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

interface FakeSource extends CtiSource {
  settings: AmiSettings;
  stopped: boolean;
  push(e: CtiCallEvent): void;
  setState(s: Partial<CtiSourceStatus>): void;
}

function fakeFactory() {
  const made: FakeSource[] = [];
  const factory = (settings: AmiSettings): CtiSource => {
    let emit: (e: CtiCallEvent) => void = () => {};
    let report: (s: CtiSourceStatus) => void = () => {};
    let status: CtiSourceStatus = { state: 'off', malformedLines: 0, unknownEvents: 0, lastError: null };
    const s: FakeSource = {
      name: 'ami',
      settings,
      stopped: false,
      start(onEvent, onStatus) {
        emit = onEvent;
        report = onStatus;
        status = { ...status, state: 'connecting' };
        report(status);
      },
      async stop() {
        await new Promise((r) => setTimeout(r, 5));
        s.stopped = true;
        status = { ...status, state: 'off' };
      },
      status: () => status,
      dial: async () => {},
      push: (e) => emit(e),
      setState(next) {
        status = { ...status, ...next };
        report(status);
      },
    };
    made.push(s);
    return s;
  };
  return { made, factory };
}

describe('cti.configure', () => {
  it('is off without settings', async () => {
    const core = createCore({ dataDir: tempDir(), clock: manualClock(), createAmiSource: fakeFactory().factory });
    expect(await value<CtiStatus>(core.invoke('cti.status', {}))).toEqual({
      source: 'none',
      state: 'off',
      extension: null,
      host: null,
      malformedLines: 0,
      unknownEvents: 0,
      lastError: null,
      canDial: false,
    });
    expect(await value(core.invoke('cti.getSettings', {}))).toEqual({ ami: null });
    await core.close();
  });

  it('stores the settings, starts the source, reports its state, and pops cards from its events', async () => {
    const dir = tempDir();
    const { made, factory } = fakeFactory();
    const clock = manualClock();
    const core = createCore({ dataDir: dir, clock, createAmiSource: factory });
    const statuses: CtiStatus[] = [];
    const cards: CallCard[] = [];
    core.subscribe((event, payload) => {
      if (event === 'cti.statusChanged') statuses.push(payload as CtiStatus);
      if (event === 'call.changed') cards.push(payload as CallCard);
    });
    const id = (await value<CustomerProfile>(core.invoke('customers.create', { customer: { name: '王伟', phones: ['13812345678'] } }))).customer.id;

    const status = await value<CtiStatus>(core.invoke('cti.configure', { ami: SETTINGS }));
    expect(status).toMatchObject({ source: 'ami', state: 'connecting', host: 'pbx.hotel.local', extension: '8001', canDial: false });
    expect(made).toHaveLength(1);
    expect(made[0]!.settings).toEqual(SETTINGS);
    expect(statuses.at(-1)).toEqual(status);
    const settings = await value<{ ami: Record<string, unknown> }>(core.invoke('cti.getSettings', {}));
    expect(settings).toEqual({ ami: { host: 'pbx.hotel.local', port: 5038, username: 'kefu', extension: '8001', hasSecret: true } });
    expect(JSON.stringify(settings)).not.toContain('s3cret');

    made[0]!.setState({ state: 'connected', malformedLines: 3, unknownEvents: 2 });
    expect(statuses.at(-1)).toMatchObject({ state: 'connected', malformedLines: 3, unknownEvents: 2, canDial: true });

    made[0]!.push({ type: 'ringing', callId: '1732590000.42', from: '013812345678', dnis: '4008001234', queue: null, waitS: null, at: clock.now(), source: 'ami' });
    expect(cards.at(-1)).toMatchObject({ callId: '1732590000.42', source: 'ami', match: { kind: 'customer', customer: { id } } });
    await core.close();
    expect(made[0]!.stopped).toBe(true);

    // Stored: the next start connects by itself.
    const { made: made2, factory: factory2 } = fakeFactory();
    const again = createCore({ dataDir: dir, clock, createAmiSource: factory2 });
    expect(made2[0]!.settings).toEqual(SETTINGS);
    expect(JSON.parse((again.db.prepare('SELECT value FROM seat_meta WHERE key = ?').get(AMI_SETTINGS_KEY) as { value: string }).value)).toEqual(SETTINGS);
    await again.close();
  });

  it('replaces the source on reconfigure (the old one can no longer deliver) and turns AMI off with null', async () => {
    const { made, factory } = fakeFactory();
    const clock = manualClock();
    const core = createCore({ dataDir: tempDir(), clock, createAmiSource: factory });
    const cards: CallCard[] = [];
    core.subscribe((event, payload) => {
      if (event === 'call.changed') cards.push(payload as CallCard);
    });
    await value(core.invoke('cti.configure', { ami: SETTINGS }));
    await value(core.invoke('cti.configure', { ami: { ...SETTINGS, extension: '8002' } }));
    expect(made.map((s) => [s.settings.extension, s.stopped])).toEqual([
      ['8001', true],
      ['8002', false],
    ]);
    made[0]!.push({ type: 'ringing', callId: 'stale', from: '13812345678', dnis: null, queue: null, waitS: null, at: clock.now(), source: 'ami' });
    expect(cards).toEqual([]);
    const off = await value<CtiStatus>(core.invoke('cti.configure', { ami: null }));
    expect(off).toMatchObject({ source: 'none', state: 'off', host: null });
    expect(made[1]!.stopped).toBe(true);
    expect(await value(core.invoke('cti.getSettings', {}))).toEqual({ ami: null });
    await core.close();
  });

  it('refuses invalid settings and changes nothing', async () => {
    const { made, factory } = fakeFactory();
    const core = createCore({ dataDir: tempDir(), clock: manualClock(), createAmiSource: factory });
    const r = await core.invoke('cti.configure', { ami: { ...SETTINGS, port: 70000, extension: '80 01', host: '' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { 'ami.port': 'validation.port', 'ami.extension': 'validation.extension', 'ami.host': 'validation.required' } } });
    expect(made).toHaveLength(0);
    expect(core.db.prepare('SELECT value FROM seat_meta WHERE key = ?').get(AMI_SETTINGS_KEY)).toBeUndefined();
    await core.close();
  });

  it('lets a command-line --ami win over the stored settings for the run, without storing it', async () => {
    const dir = tempDir();
    const first = createCore({ dataDir: dir, clock: manualClock(), createAmiSource: fakeFactory().factory });
    await value(first.invoke('cti.configure', { ami: SETTINGS }));
    await first.close();
    const override = { ...SETTINGS, host: '10.0.0.5', extension: '9001', secret: 'cli' };
    const { made, factory } = fakeFactory();
    const core = createCore({ dataDir: dir, clock: manualClock(), createAmiSource: factory, ami: override });
    expect(made.map((s) => s.settings)).toEqual([override]);
    expect(await value(core.invoke('cti.getSettings', {}))).toMatchObject({ ami: { host: '10.0.0.5', extension: '9001' } });
    expect(JSON.parse((core.db.prepare('SELECT value FROM seat_meta WHERE key = ?').get(AMI_SETTINGS_KEY) as { value: string }).value)).toEqual(SETTINGS);
    await core.close();
  });
});
