import { describe, expect, it } from 'vitest';
import type { AmiSettings } from '../../../shared/contract/call-schemas';
import { createCore } from '../../../electron/core/create-core';
import { AMI_SETTINGS_KEY } from '../../../electron/core/cti/cti-manager';
import type { CtiSource } from '../../../electron/core/cti/cti-source';
import type { SecretBox } from '../../../electron/core/secrets';
import { SYNC_SETTINGS_KEY } from '../../../electron/core/sync/sync-store';
import { manualClock, useTempDirs } from '../../support/temp-dir';

// The AMI secret and the hub token never sit in the store as plain text when the shell gives
// the core a box (safeStorage on Electron); what was stored before a box existed still reads.

const tempDir = useTempDirs();
const SETTINGS: AmiSettings = { host: 'pbx.hotel.local', port: 5038, username: 'kefu', secret: 's3cret-pbx', extension: '8001' };
const TOKEN = 'kfs_0123456789abcdef0123456789abcdef';

/** A reversible stand-in for the OS keychain, visibly not the plain text. */
const box: SecretBox = {
  seal: (plain) => Buffer.from([...plain].reverse().join(''), 'utf8').toString('base64'),
  open: (sealed) => [...Buffer.from(sealed, 'base64').toString('utf8')].reverse().join(''),
};

function amiSpy() {
  const seen: AmiSettings[] = [];
  const factory = (s: AmiSettings): CtiSource => {
    seen.push(s);
    return { name: 'ami', start() {}, async stop() {}, status: () => ({ state: 'off', malformedLines: 0, unknownEvents: 0, lastError: null }) };
  };
  return { seen, factory };
}
const meta = (core: ReturnType<typeof createCore>, key: string) =>
  (core.db.prepare('SELECT value FROM seat_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? '';

describe('secrets at rest', () => {
  it('seals the AMI secret and the hub token, and the next start opens them', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const first = amiSpy();
    const core = createCore({ dataDir: dir, clock, createAmiSource: first.factory, secrets: box, role: 'supervisor', syncIntervalMs: 0, syncTest: { connectLive: null } });
    expect(await core.invoke('cti.configure', { ami: SETTINGS })).toMatchObject({ ok: true });
    expect(await core.invoke('sync.configure', { settings: { hubUrl: 'http://127.0.0.1:9', token: TOKEN } })).toMatchObject({ ok: true });
    expect(meta(core, AMI_SETTINGS_KEY)).not.toContain('s3cret-pbx');
    expect(meta(core, SYNC_SETTINGS_KEY)).not.toContain(TOKEN);
    expect(JSON.parse(meta(core, AMI_SETTINGS_KEY))).toMatchObject({ host: 'pbx.hotel.local', secret: expect.stringMatching(/^sealed:v1:/) });
    await core.close();

    const second = amiSpy();
    const again = createCore({ dataDir: dir, clock, createAmiSource: second.factory, secrets: box, role: 'supervisor', syncIntervalMs: 0, syncTest: { connectLive: null } });
    expect(second.seen).toEqual([SETTINGS]);
    const sync = await again.invoke('sync.getSettings', {});
    expect(sync).toEqual({ ok: true, value: { hubUrl: 'http://127.0.0.1:9', hasToken: true } });
    await again.close();
  });

  it('reads settings stored in plain text before the box existed, and seals them when saved again', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const plain = createCore({ dataDir: dir, clock, createAmiSource: amiSpy().factory });
    await plain.invoke('cti.configure', { ami: SETTINGS });
    expect(JSON.parse(meta(plain, AMI_SETTINGS_KEY))).toEqual(SETTINGS);
    await plain.close();

    const spy = amiSpy();
    const sealed = createCore({ dataDir: dir, clock, createAmiSource: spy.factory, secrets: box });
    expect(spy.seen).toEqual([SETTINGS]);
    await sealed.invoke('cti.configure', { ami: { ...SETTINGS, port: 5039 } });
    expect(meta(sealed, AMI_SETTINGS_KEY)).not.toContain('s3cret-pbx');
    expect(spy.seen.at(-1)).toEqual({ ...SETTINGS, port: 5039 });
    await sealed.close();
  });
});
