import { afterEach, describe, expect, it } from 'vitest';
import { channels } from '../../../../shared/contract/channels';
import type { Core } from '../../../../electron/core/create-core';
import { useTempDirs } from '../../../support/temp-dir';
import { seat } from './support';

const tempDir = useTempDirs();
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const INPUTS: Record<string, unknown> = {
  'wallboard.get': {},
  'wallboard.getSettings': {},
  'wallboard.setSettings': { settings: {} },
  'wallboard.setAgentState': { agentId: 'x', state: 'break' },
  'reports.centre': { from: 0, to: 1 },
};

describe('roles', () => {
  it('an agent gets forbidden on every wallboard. and reports. channel, but reaches presence.*', async () => {
    core = seat(tempDir(), { role: 'agent' }).core;
    const names = Object.keys(channels).filter((c) => c.startsWith('wallboard.') || c.startsWith('reports.'));
    expect(names.sort()).toEqual(Object.keys(INPUTS).sort());
    for (const name of names) {
      expect(await core.invoke(name, INPUTS[name]), name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await core.invoke('presence.get', {})).toMatchObject({ ok: true });
    expect(await core.invoke('presence.set', { state: 'break' })).toMatchObject({ ok: true, value: { state: 'break' } });
  });
});
