// Where the renderer lives: a privileged custom scheme instead of file://, so the page has a
// real origin (storage, CSP 'self', fetch) and nothing outside out/renderer can be reached.
// Plain constants and string checks: no 'electron' import, so the transport and tests share them.

export const APP_SCHEME = 'app';
export const APP_HOST = 'kefu';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for `app://kefu/…`. Node's URL gives non-special schemes the origin "null", so
 * scheme and host are compared one by one; credentials or a port never belong to our origin.
 */
export function isAppUrl(raw: string | null | undefined): boolean {
  if (typeof raw !== 'string' || raw.length === 0) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host.toLowerCase() === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    url.port === ''
  );
}

/** Links the system browser may open: http(s) only, never file:, javascript:, custom schemes. */
export function isSafeExternalUrl(raw: string | null | undefined): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
}
