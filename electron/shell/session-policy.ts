import type { Session } from 'electron';

export type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};

/** Remote content the renderer may never load; the core talks to the hub from Node, not from here. */
export const BLOCKED_REMOTE_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/**
 * Denies every permission (camera, microphone, geolocation, notifications, …) and every
 * remote request. Notifications may be allowed by a later issue; for now nothing is.
 */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: BLOCKED_REMOTE_URLS }, (_details, callback) => callback({ cancel: true }));
}
