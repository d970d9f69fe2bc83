import type { CustomScheme } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Sent with every answer of the app:// protocol, errors included. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Registered before `app.ready`: standard (relative URLs, storage) and secure (a secure context). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    codeCache: true,
    corsEnabled: false,
    allowServiceWorkers: false,
    bypassCSP: false,
    stream: false,
  },
};

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

export const mimeTypeOf = (path: string): string => MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

function securityHeaders(extra: Record<string, string> = {}): Headers {
  return new Headers({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
    ...extra,
  });
}

const answer = (status: number, text: string, extra?: Record<string, string>) =>
  new Response(text, { status, headers: securityHeaders({ 'Content-Type': 'text/plain; charset=utf-8', ...extra }) });

/**
 * Resolves a URL path to a file under `root`, or null when it would leave it. The path is
 * percent-decoded first, so `..%2f` and `%5c` cannot smuggle a parent directory past the URL
 * parser's own dot-segment handling.
 */
export function resolveInsideRoot(root: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || /^[a-zA-Z]:$/.test(s))) return null;
  const relative = segments.length === 0 || decoded.endsWith('/') ? [...segments, 'index.html'] : segments;
  const base = resolve(root);
  const full = resolve(base, ...relative);
  return full.startsWith(base + sep) ? full : null;
}

export interface AppProtocolOptions {
  /** Directory served as app://kefu/ (out/renderer). */
  root: string;
}

/** The `protocol.handle('app', …)` handler: static files from `root`, GET/HEAD only, CSP on every answer. */
export function createAppProtocolHandler(options: AppProtocolOptions) {
  const root = resolve(options.root);
  return async (request: Pick<Request, 'url' | 'method'>): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return answer(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return answer(404, 'Not found');
    const method = (request.method || 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return answer(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const file = resolveInsideRoot(root, url.pathname);
    if (file === null) return answer(403, 'Forbidden');
    try {
      const info = await stat(file);
      if (!info.isFile()) return answer(404, 'Not found');
      const body = method === 'HEAD' ? null : await readFile(file);
      return new Response(body, {
        status: 200,
        headers: securityHeaders({ 'Content-Type': mimeTypeOf(file), 'Content-Length': String(info.size) }),
      });
    } catch {
      return answer(404, 'Not found');
    }
  };
}
