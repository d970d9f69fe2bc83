import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  mimeTypeOf,
  resolveInsideRoot,
} from '../../../electron/shell/app-protocol';

vi.mock('electron', () => {
  throw new Error('app-protocol.ts must not import electron at runtime');
});

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

let base: string;
let root: string;
let handler: ReturnType<typeof createAppProtocolHandler>;
const SECRET = 'root:x:0:0:TOP-SECRET';

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'kefu-proto-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Kefu</title>');
  writeFileSync(join(root, 'assets', 'app-123.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'app-123.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'w');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
  // A sibling of the served directory, which must never be reachable.
  writeFileSync(join(base, 'secret.txt'), SECRET);
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), SECRET);
  handler = createAppProtocolHandler({ root });
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A raw request: the URL string as given, not normalised by a Request constructor first. */
const get = (url: string, method = 'GET') => handler({ url, method });

describe('app:// protocol handler', () => {
  it('uses exactly the required Content-Security-Policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });

  it('serves files with their MIME type and the CSP header', async () => {
    const cases: Array<[string, string]> = [
      ['app://kefu/index.html', 'text/html; charset=utf-8'],
      ['app://kefu/', 'text/html; charset=utf-8'],
      ['app://kefu/assets/app-123.js', 'text/javascript; charset=utf-8'],
      ['app://kefu/assets/app-123.css', 'text/css; charset=utf-8'],
      ['app://kefu/assets/font.woff2', 'font/woff2'],
      ['app://kefu/assets/logo.svg', 'image/svg+xml'],
    ];
    for (const [url, type] of cases) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toBe(type);
      expect(res.headers.get('content-security-policy'), url).toBe(EXPECTED_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(await (await get('app://kefu/index.html')).text()).toContain('<title>Kefu</title>');
  });

  it('works with a real Request object too', async () => {
    const res = await handler(new Request('app://kefu/assets/app-123.js'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
  });

  it.each([
    'app://kefu/../../etc/passwd',
    'app://kefu/../secret.txt',
    'app://kefu/%2e%2e/secret.txt',
    'app://kefu/..%2fsecret.txt',
    'app://kefu/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    'app://kefu/assets/..%2f..%2fsecret.txt',
    'app://kefu/..%5csecret.txt',
    'app://kefu/%2e%2e%5csecret.txt',
    'app://kefu/../renderer-evil/x.js',
    'app://kefu/..%2frenderer-evil%2fx.js',
    'app://kefu/index.html%00.js',
    'app://kefu/%E0%A4%A',
  ])('refuses path traversal: %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    const body = await res.text();
    expect(body).not.toContain('TOP-SECRET');
    expect(body).not.toMatch(/root:.*:0:0:/);
  });

  it('answers 403 for an encoded parent directory (not just "not found")', async () => {
    expect((await get('app://kefu/..%2fsecret.txt')).status).toBe(403);
    expect((await get('app://kefu/..%5csecret.txt')).status).toBe(403);
  });

  it('only serves host "kefu"; other hosts and schemes are not found', async () => {
    for (const url of ['app://other/index.html', 'app://kefu.evil/index.html', 'https://kefu/index.html']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    }
  });

  it('404 for a missing file and for a directory, with the CSP header', async () => {
    for (const url of ['app://kefu/nope.js', 'app://kefu/assets']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    }
  });

  it('only GET and HEAD', async () => {
    const post = await get('app://kefu/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    const head = await get('app://kefu/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('resolveInsideRoot keeps paths inside the root', () => {
    expect(resolveInsideRoot(root, '/assets/app-123.js')).toBe(join(root, 'assets', 'app-123.js'));
    expect(resolveInsideRoot(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveInsideRoot(root, '/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveInsideRoot(root, '/C:%2fWindows')).toBeNull();
  });

  it('mimeTypeOf falls back to octet-stream', () => {
    expect(mimeTypeOf('x.unknown')).toBe('application/octet-stream');
    expect(mimeTypeOf('A.JS')).toBe('text/javascript; charset=utf-8');
  });

  it('registers app:// as a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false } });
  });
});
