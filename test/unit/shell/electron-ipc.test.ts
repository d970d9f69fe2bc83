import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../shared/contract/channels';
import type { Result } from '../../../shared/contract/result';
import { createCore, type Core, type CoreEventListener } from '../../../electron/core/create-core';
import {
  eventChannel,
  mainFrameOfWindows,
  registerIpcHandlers,
  type IpcCore,
  type IpcEventTarget,
} from '../../../electron/transport/electron-ipc';

// The transport must not need Electron at all; if it imported it, this mock would show it.
vi.mock('electron', () => {
  throw new Error('electron-ipc.ts must not import electron at runtime');
});

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;

function mockIpcMain() {
  const handlers = new Map<string, Handler>();
  const handleCalls: string[] = [];
  return {
    handlers,
    handleCalls,
    handle: vi.fn((channel: string, listener: Handler) => {
      handleCalls.push(channel);
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
}

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  detached: boolean;
  processId: number;
  frameTreeNodeId: number;
}

const frame = (url: string, over: Partial<FakeFrame> = {}): FakeFrame => ({
  url,
  parent: null,
  detached: false,
  processId: 7,
  frameTreeNodeId: 1,
  ...over,
});

/** One of "our" windows whose main frame is `main`. */
function fakeWindow(id: number, main: FakeFrame) {
  return {
    isDestroyed: () => false,
    webContents: { id, isDestroyed: () => false, mainFrame: main },
  };
}

const eventFrom = (senderFrame: FakeFrame | null, senderId = 1) =>
  ({ senderFrame, sender: { id: senderId } }) as unknown as IpcMainInvokeEvent;

const APP_PAGE = 'app://kefu/index.html';

function fakeCore() {
  const listeners = new Set<CoreEventListener>();
  const core = {
    invoke: vi.fn(async (channel: string, input: unknown): Promise<Result<unknown>> => ({
      ok: true,
      value: { channel, input },
    })),
    subscribe: vi.fn((l: CoreEventListener) => {
      listeners.add(l);
      return () => listeners.delete(l);
    }),
    emit: (name: string, payload: unknown) => {
      for (const l of listeners) (l as (n: string, p: unknown) => void)(name, payload);
    },
    listenerCount: () => listeners.size,
  };
  return core;
}

const noTargets = { eventTargets: () => [] as IpcEventTarget[], log: () => undefined };

describe('registerIpcHandlers: one handler per contract channel', () => {
  it('registers exactly one ipcMain handler for every channel and nothing else', () => {
    const ipcMain = mockIpcMain();
    registerIpcHandlers(ipcMain, fakeCore(), () => true, noTargets);
    expect(ipcMain.handleCalls.length).toBe(CHANNEL_NAMES.length);
    expect(new Set(ipcMain.handleCalls).size).toBe(CHANNEL_NAMES.length);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('dispose removes every handler and the core subscription', () => {
    const ipcMain = mockIpcMain();
    const core = fakeCore();
    const dispose = registerIpcHandlers(ipcMain, core, () => true, noTargets);
    expect(core.listenerCount()).toBe(1);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
    expect(core.listenerCount()).toBe(0);
    // Registering again after dispose works (no "second handler" error).
    expect(() => registerIpcHandlers(ipcMain, core, () => true, noTargets)).not.toThrow();
  });
});

describe('registerIpcHandlers: sender checks', () => {
  let ipcMain: ReturnType<typeof mockIpcMain>;
  let core: ReturnType<typeof fakeCore>;
  const ours = frame(APP_PAGE);
  const windows = [fakeWindow(1, ours)];

  beforeEach(() => {
    ipcMain = mockIpcMain();
    core = fakeCore();
    registerIpcHandlers(ipcMain, core, mainFrameOfWindows(() => windows), noTargets);
  });

  const call = (event: IpcMainInvokeEvent, channel = 'session.get', input: unknown = {}) =>
    ipcMain.handlers.get(channel)!(event, input);

  const forbidden = { ok: false, error: { code: 'forbidden', message: 'errors.forbiddenSender' } };

  it('answers a call from our window’s top app:// frame', async () => {
    await expect(call(eventFrom(ours))).resolves.toEqual({ ok: true, value: { channel: 'session.get', input: {} } });
    expect(core.invoke).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a foreign origin', eventFrom(frame('https://evil.example/'))],
    ['a lookalike host', eventFrom(frame('app://kefu.evil/index.html'))],
    ['file://', eventFrom(frame('file:///etc/passwd'))],
    ['credentials in the URL', eventFrom(frame('app://x@kefu/index.html'))],
    ['an empty URL (about:blank child)', eventFrom(frame(''))],
    ['no senderFrame', eventFrom(null)],
    ['a subframe on our origin', eventFrom(frame('app://kefu/frame.html', { parent: ours, frameTreeNodeId: 2 }))],
    ['a detached frame', eventFrom(frame(APP_PAGE, { detached: true }))],
    ['an app:// top frame that is not one of our windows', eventFrom(frame(APP_PAGE, { frameTreeNodeId: 99 }), 1)],
    ['a frame of another webContents', eventFrom(frame(APP_PAGE), 2)],
  ])('refuses %s with code forbidden and never calls the core', async (_label, event) => {
    for (const channel of CHANNEL_NAMES) {
      await expect(call(event, channel)).resolves.toEqual(forbidden);
    }
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it.each([
    ['a foreign origin', eventFrom(frame('https://evil.example/'))],
    ['no senderFrame', eventFrom(null)],
    ['a subframe on our origin', eventFrom(frame('app://kefu/frame.html', { parent: ours }))],
    ['a detached frame', eventFrom(frame(APP_PAGE, { detached: true }))],
  ])('refuses %s even when the trust check would say yes', async (_label, event) => {
    const ipc2 = mockIpcMain();
    const core2 = fakeCore();
    registerIpcHandlers(ipc2, core2, () => true, noTargets);
    await expect(ipc2.handlers.get('customers.create')!(event, { customer: { name: 'x' } })).resolves.toEqual(forbidden);
    expect(core2.invoke).not.toHaveBeenCalled();
  });

  it('refuses when reading senderFrame throws (frame gone)', async () => {
    const event = { sender: { id: 1 } } as unknown as IpcMainInvokeEvent;
    Object.defineProperty(event, 'senderFrame', {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    await expect(call(event)).resolves.toEqual(forbidden);
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('refuses when the trust check says no, even for a top app:// frame', async () => {
    const ipc2 = mockIpcMain();
    const check = vi.fn((_f: WebFrameMain) => false);
    registerIpcHandlers(ipc2, core, check, noTargets);
    await expect(ipc2.handlers.get('session.get')!(eventFrom(ours), {})).resolves.toEqual(forbidden);
    expect(check).toHaveBeenCalledTimes(1);
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('a core that throws still yields a Result', async () => {
    core.invoke.mockRejectedValueOnce(new Error('boom'));
    await expect(call(eventFrom(ours))).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'errors.internal' } });
  });
});

describe('registerIpcHandlers with the real core (Node SQLite)', () => {
  let dir: string;
  let core: Core;
  let ipcMain: ReturnType<typeof mockIpcMain>;
  const ours = frame(APP_PAGE);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-shell-'));
    core = createCore({ dataDir: dir, log: () => undefined });
    ipcMain = mockIpcMain();
    registerIpcHandlers(ipcMain, core, mainFrameOfWindows(() => [fakeWindow(1, ours)]), noTargets);
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (channel: string, input: unknown, event = eventFrom(ours)) => ipcMain.handlers.get(channel)!(event, input);

  it('a trusted call reaches the core and returns its result', async () => {
    const viaIpc = await call('session.get', {});
    expect(viaIpc.ok).toBe(true);
    expect(viaIpc).toEqual(await core.invoke('session.get', {}));
    expect((viaIpc as { value: { seatId: string } }).value.seatId).toBe(core.seat.seatId);
  });

  it('a trusted write goes through and can be read back', async () => {
    const created = await call('customers.create', { customer: { name: '张伟' } });
    expect(created.ok).toBe(true);
    const id = (created as { value: { customer: { id: string } } }).value.customer.id;
    const read = await call('customers.get', { id });
    expect(read.ok && (read.value as { customer: { name: string } }).customer.name).toBe('张伟');
  });

  it.each([
    ['customers.get', { id: 'not-a-uuid' }],
    ['customers.search', { query: 'x'.repeat(101) }],
    ['session.get', { extra: true }],
    ['session.setLocale', { locale: 'fr' }],
    ['customers.create', { customer: {} }],
  ])('invalid input to %s comes back as invalid_input', async (channel, input) => {
    const r = await call(channel, input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('invalid_input');
  });

  it('a foreign sender cannot write, even with valid input', async () => {
    const before = await core.invoke('customers.search', { query: '' });
    const r = await call('customers.create', { customer: { name: '李娜' } }, eventFrom(frame('https://evil.example/')));
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const after = await core.invoke('customers.search', { query: '' });
    expect(after).toMatchObject({ ok: true });
    expect((after as { value: { items: unknown[] } }).value.items.length).toBe(
      (before as { value: { items: unknown[] } }).value.items.length,
    );
  });
});

describe('registerIpcHandlers: core events', () => {
  it('forwards each contract event to every live target on event:<name>', () => {
    const core = fakeCore();
    const a = { send: vi.fn(), isDestroyed: () => false };
    const b = { send: vi.fn(), isDestroyed: () => false };
    const dead = { send: vi.fn(), isDestroyed: () => true };
    registerIpcHandlers(mockIpcMain(), core as IpcCore, () => true, { eventTargets: () => [a, b, dead], log: () => undefined });
    const name = EVENT_NAMES[0]!;
    core.emit(name, { id: 'x' });
    expect(a.send).toHaveBeenCalledWith(eventChannel(name), { id: 'x' });
    expect(b.send).toHaveBeenCalledWith(`event:${name}`, { id: 'x' });
    expect(dead.send).not.toHaveBeenCalled();
  });

  it('does not forward names outside the contract and survives a failing target', () => {
    const core = fakeCore();
    const bad = { send: vi.fn(() => { throw new Error('gone'); }), isDestroyed: () => false };
    const good = { send: vi.fn(), isDestroyed: () => false };
    registerIpcHandlers(mockIpcMain(), core as IpcCore, () => true, { eventTargets: () => [bad, good], log: () => undefined });
    core.emit('not.an.event', {});
    expect(good.send).not.toHaveBeenCalled();
    core.emit(EVENT_NAMES[0]!, { id: 'y' });
    expect(good.send).toHaveBeenCalledTimes(1);
  });

  it('a real core event (customer.changed after a write) reaches the window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-shell-ev-'));
    const core = createCore({ dataDir: dir, log: () => undefined });
    try {
      const target = { send: vi.fn(), isDestroyed: () => false };
      const ours = frame(APP_PAGE);
      const ipcMain = mockIpcMain();
      registerIpcHandlers(ipcMain, core, mainFrameOfWindows(() => [fakeWindow(1, ours)]), {
        eventTargets: () => [target],
        log: () => undefined,
      });
      const r = await ipcMain.handlers.get('customers.create')!(eventFrom(ours), { customer: { name: '王芳' } });
      expect(r.ok).toBe(true);
      const id = (r as { value: { customer: { id: string } } }).value.customer.id;
      expect(target.send).toHaveBeenCalledWith('event:customer.changed', { id });
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
