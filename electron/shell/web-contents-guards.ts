import type { HandlerDetails, WebContents, WindowOpenHandlerResponse } from 'electron';
import { isAppUrl, isSafeExternalUrl } from './app-origin';

export type OpenExternal = (url: string) => unknown;

interface PreventableEvent {
  preventDefault(): void;
}

/** will-navigate / will-redirect: stay on app://kefu, refuse anything else. */
export function guardNavigation(event: PreventableEvent, url: string): boolean {
  if (isAppUrl(url)) return true;
  event.preventDefault();
  return false;
}

/**
 * window.open and target=_blank never create a window. An http(s) link goes to the system
 * browser; every other scheme (file:, javascript:, custom protocols) is dropped.
 */
export function createWindowOpenHandler(openExternal: OpenExternal) {
  return (details: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse => {
    if (isSafeExternalUrl(details.url)) {
      try {
        void Promise.resolve(openExternal(details.url)).catch(() => undefined);
      } catch {
        // The system browser failing to open is not the renderer's problem.
      }
    }
    return { action: 'deny' };
  };
}

export type GuardableWebContents = Pick<WebContents, 'setWindowOpenHandler'> & {
  on(event: string, listener: (...args: never[]) => void): unknown;
};

/** Applied to every webContents the app creates (`web-contents-created`). */
export function hardenWebContents(contents: GuardableWebContents, deps: { openExternal: OpenExternal }): void {
  const onNavigate = (event: PreventableEvent, url: string) => {
    guardNavigation(event, url);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  // Frames too (an iframe cannot come from elsewhere under the CSP, but say so twice).
  contents.on('will-frame-navigate', (event: PreventableEvent & { url: string }) => {
    guardNavigation(event, event.url);
  });
  contents.on('will-attach-webview', (event: PreventableEvent) => event.preventDefault());
  contents.setWindowOpenHandler(createWindowOpenHandler(deps.openExternal));
}
