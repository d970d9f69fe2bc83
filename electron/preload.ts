import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { KefuBridge } from '../shared/contract/bridge';
import { CHANNEL_NAMES, EVENT_NAMES } from '../shared/contract/channels';

// Sandboxed preload (bundled to out/preload/preload.cjs). It puts exactly `window.kefu` in the
// page: one function per contract channel and one subscribe per event, built from the contract.
// ipcRenderer itself and its event objects never cross into the page.

export function buildBridge(): KefuBridge {
  const channels: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of CHANNEL_NAMES) {
    channels[name] = (input: unknown) => ipcRenderer.invoke(name, input);
  }
  const events: Record<string, (listener: (payload: unknown) => void) => () => void> = {};
  for (const name of EVENT_NAMES) {
    const channel = `event:${name}`;
    events[name] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`kefu.events['${name}'] needs a function`);
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipcRenderer.removeListener(channel, forward);
      };
    };
  }
  return Object.freeze({
    channels: Object.freeze(channels),
    events: Object.freeze(events),
  }) as unknown as KefuBridge;
}

contextBridge.exposeInMainWorld('kefu', buildBridge());
