import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../shared/contract/channels';

// What the sandboxed preload gets from 'electron': only contextBridge and ipcRenderer.
const electron = vi.hoisted(() => {
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    on: vi.fn((channel: string, l: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
      return ipcRenderer;
    }),
    removeListener: vi.fn((channel: string, l: Listener) => {
      listeners.get(channel)?.delete(l);
      return ipcRenderer;
    }),
    send: vi.fn(),
    sendSync: vi.fn(),
    postMessage: vi.fn(),
  };
  const exposed: Array<[string, unknown]> = [];
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      exposed.push([key, api]);
    }),
  };
  const deliver = (channel: string, event: unknown, ...args: unknown[]) => {
    for (const l of listeners.get(channel) ?? []) l(event, ...args);
  };
  return { ipcRenderer, contextBridge, exposed, listeners, deliver };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

type Bridge = {
  channels: Record<string, (input: unknown) => Promise<unknown>>;
  events: Record<string, (listener: (payload: unknown) => void) => () => void>;
};

let bridge: Bridge;

beforeAll(async () => {
  await import('../../../electron/preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.exposed[0]!;
  expect(key).toBe('kefu');
  bridge = api as Bridge;
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
});

/** Every value reachable from the bridge, for "nothing else is exposed" checks. */
function reachable(value: unknown, seen = new Set<unknown>()): unknown[] {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return [];
  seen.add(value);
  const out: unknown[] = [value];
  for (const key of Reflect.ownKeys(value as object)) {
    if (typeof value === 'function' && (key === 'length' || key === 'name' || key === 'prototype')) continue;
    out.push(...reachable((value as Record<PropertyKey, unknown>)[key], seen));
  }
  return out;
}

describe('preload: window.kefu', () => {
  it('exposes exactly { channels, events } under the one key "kefu"', () => {
    expect(electron.exposed.map(([k]) => k)).toEqual(['kefu']);
    expect(Reflect.ownKeys(bridge).sort()).toEqual(['channels', 'events']);
  });

  it('has exactly one function per contract channel and one per event', () => {
    expect(Reflect.ownKeys(bridge.channels).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Reflect.ownKeys(bridge.events).sort()).toEqual([...EVENT_NAMES].sort());
    for (const name of CHANNEL_NAMES) expect(typeof bridge.channels[name]).toBe('function');
    for (const name of EVENT_NAMES) expect(typeof bridge.events[name]).toBe('function');
  });

  it('never exposes ipcRenderer, its methods or anything but those functions', () => {
    const values = reachable(bridge);
    expect(values).not.toContain(electron.ipcRenderer);
    for (const fn of Object.values(electron.ipcRenderer)) expect(values).not.toContain(fn);
    const functions = values.filter((v) => typeof v === 'function');
    expect(functions.length).toBe(CHANNEL_NAMES.length + EVENT_NAMES.length);
    const objects = values.filter((v) => typeof v === 'object');
    expect(objects.length).toBe(3); // bridge, channels, events
  });

  it('a channel function invokes the channel of the same name with the input, nothing more', async () => {
    for (const name of CHANNEL_NAMES) {
      const input = { probe: name };
      await expect(bridge.channels[name]!(input)).resolves.toEqual({ ok: true, value: { channel: name, input } });
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(name, input);
      expect(electron.ipcRenderer.invoke.mock.lastCall).toHaveLength(2);
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
  });

  it('an event subscription receives the payload only, never the IpcRendererEvent, and unsubscribes', () => {
    for (const name of EVENT_NAMES) {
      const channel = `event:${name}`;
      const listener = vi.fn();
      const unsubscribe = bridge.events[name]!(listener);
      expect(electron.listeners.get(channel)?.size).toBe(1);
      const ipcEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
      electron.deliver(channel, ipcEvent, { id: 'a' });
      expect(listener).toHaveBeenCalledTimes(1);
      expect(listener.mock.calls[0]).toEqual([{ id: 'a' }]);
      unsubscribe();
      unsubscribe(); // twice is harmless
      expect(electron.listeners.get(channel)?.size).toBe(0);
      electron.deliver(channel, ipcEvent, { id: 'b' });
      expect(listener).toHaveBeenCalledTimes(1);
    }
  });

  it('two subscribers are independent', () => {
    const name = EVENT_NAMES[0]!;
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.events[name]!(a);
    const offB = bridge.events[name]!(b);
    offA();
    electron.deliver(`event:${name}`, {}, { id: 'z' });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith({ id: 'z' });
    offB();
  });

  it('rejects a non-function listener instead of subscribing', () => {
    const name = EVENT_NAMES[0]!;
    const before = electron.listeners.get(`event:${name}`)?.size ?? 0;
    expect(() => bridge.events[name]!('nope' as never)).toThrow(TypeError);
    expect(electron.listeners.get(`event:${name}`)?.size ?? 0).toBe(before);
  });

  it('is frozen: the page cannot swap a channel for something else', () => {
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.channels)).toBe(true);
    expect(Object.isFrozen(bridge.events)).toBe(true);
  });
});
