import type { KefuBridge } from '../../shared/contract/bridge';
import type { CoreApi } from './core-api';
import { electronApi } from './electron-api';
import { wsApi } from './ws-api';

declare global {
  interface Window {
    kefu?: KefuBridge;
  }
}

export const TOKEN_KEY = 'kefu.hostToken';

/** Electron when the preload is there; otherwise the browser host, token from the URL hash. */
export async function connectCore(win: Window = window): Promise<CoreApi> {
  if (win.kefu) return electronApi(win.kefu);
  const fromHash = new URLSearchParams(win.location.hash.slice(1)).get('token');
  if (fromHash) win.sessionStorage.setItem(TOKEN_KEY, fromHash);
  const token = fromHash ?? win.sessionStorage.getItem(TOKEN_KEY);
  if (!token) throw new Error('errors.noToken');
  const api = wsApi(win.location.origin, token);
  await api.ready;
  return api;
}
