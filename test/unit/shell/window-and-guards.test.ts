import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isAppUrl, isSafeExternalUrl } from '../../../electron/shell/app-origin';
import { hardenSession } from '../../../electron/shell/session-policy';
import { createWindowOpenHandler, guardNavigation, hardenWebContents } from '../../../electron/shell/web-contents-guards';
import { SECURE_WEB_PREFERENCES, secureWindowOptions } from '../../../electron/shell/window-options';

vi.mock('electron', () => {
  throw new Error('the shell helpers must not import electron at runtime');
});

const SECURE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
};

describe('secureWindowOptions', () => {
  it('keeps the secure values when the overrides try to turn them off', () => {
    const options = secureWindowOptions({ webPreferences: { nodeIntegration: true, sandbox: false, contextIsolation: false } });
    expect(options.webPreferences).toMatchObject(SECURE);
  });

  it('no security field can be overridden, whatever is passed', () => {
    const hostile: BrowserWindowConstructorOptions = {
      width: 800,
      webPreferences: {
        nodeIntegration: true,
        nodeIntegrationInWorker: true,
        nodeIntegrationInSubFrames: true,
        sandbox: false,
        contextIsolation: false,
        webSecurity: false,
        allowRunningInsecureContent: true,
        webviewTag: true,
        experimentalFeatures: true,
        enableBlinkFeatures: 'CSSPseudoHas',
        preload: '/tmp/evil.js',
        partition: 'persist:evil',
        additionalArguments: ['--inspect'],
        spellcheck: true,
        zoomFactor: 1.25,
      },
    };
    const wp = secureWindowOptions(hostile, { preload: '/app/out/preload/preload.cjs' }).webPreferences!;
    expect(wp).toMatchObject(SECURE_WEB_PREFERENCES);
    expect(wp).toMatchObject(SECURE);
    expect(wp.preload).toBe('/app/out/preload/preload.cjs');
    expect(wp).not.toHaveProperty('enableBlinkFeatures');
    expect(wp).not.toHaveProperty('partition');
    expect(wp).not.toHaveProperty('additionalArguments');
    // Harmless preferences and window fields still pass through.
    expect(wp.spellcheck).toBe(true);
    expect(wp.zoomFactor).toBe(1.25);
    expect(secureWindowOptions(hostile).width).toBe(800);
    // Without a preload argument, the caller's preload is still ignored.
    expect(secureWindowOptions(hostile).webPreferences).not.toHaveProperty('preload');
  });

  it('does not mutate the overrides it was given', () => {
    const overrides = { webPreferences: { sandbox: false } };
    secureWindowOptions(overrides);
    expect(overrides.webPreferences.sandbox).toBe(false);
  });

  it('defaults are secure with no overrides at all', () => {
    expect(secureWindowOptions().webPreferences).toMatchObject(SECURE);
  });
});

describe('app origin checks', () => {
  it.each([
    ['app://kefu/index.html', true],
    ['app://kefu/', true],
    ['app://KEFU/index.html', true],
    ['app://kefu.evil/index.html', false],
    ['app://evil/index.html', false],
    ['app://user@kefu/', false],
    ['app://kefu:8080/', false],
    ['https://kefu/', false],
    ['file:///work/main/out/renderer/index.html', false],
    ['javascript:alert(1)', false],
    ['', false],
    ['not a url', false],
  ])('isAppUrl(%s) is %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it.each([
    ['https://www.ctrip.com/', true],
    ['http://example.com/a?b=c', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['kefu://call/123', false],
    ['app://kefu/index.html', false],
    ['smb://server/share', false],
    ['https://user:pw@example.com/', false],
    ['', false],
  ])('isSafeExternalUrl(%s) is %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});

describe('navigation and new windows', () => {
  const prevent = () => ({ preventDefault: vi.fn() });

  it('prevents navigation to a foreign URL and allows our own pages', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'about:blank']) {
      const event = prevent();
      expect(guardNavigation(event, url)).toBe(false);
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
    }
    const ok = prevent();
    expect(guardNavigation(ok, 'app://kefu/index.html#/customers')).toBe(true);
    expect(ok.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every window.open; opens only http(s) links externally', () => {
    const openExternal = vi.fn(async () => undefined);
    const handler = createWindowOpenHandler(openExternal);
    expect(handler({ url: 'https://www.example.com/help' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://www.example.com/help');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://kefu/index.html', 'kefu://x', 'ms-msdt:/id', '']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('a failing openExternal does not break the handler', () => {
    const handler = createWindowOpenHandler(() => {
      throw new Error('no browser');
    });
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const rejecting = createWindowOpenHandler(() => Promise.reject(new Error('no browser')));
    expect(rejecting({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('hardenWebContents wires the guards on a webContents', () => {
    const on = new Map<string, (...args: unknown[]) => void>();
    let openHandler: ((d: { url: string }) => unknown) | undefined;
    const contents = {
      on: vi.fn((name: string, fn: (...args: unknown[]) => void) => {
        on.set(name, fn);
      }),
      setWindowOpenHandler: vi.fn((fn: (d: { url: string }) => unknown) => {
        openHandler = fn;
      }),
    };
    const openExternal = vi.fn();
    hardenWebContents(contents as never, { openExternal });

    const nav = prevent();
    on.get('will-navigate')!(nav, 'https://evil.example/');
    expect(nav.preventDefault).toHaveBeenCalled();
    const ownNav = prevent();
    on.get('will-navigate')!(ownNav, 'app://kefu/index.html');
    expect(ownNav.preventDefault).not.toHaveBeenCalled();

    const redirect = prevent();
    on.get('will-redirect')!(redirect, 'https://evil.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();

    const frameNav = { ...prevent(), url: 'https://evil.example/' };
    on.get('will-frame-navigate')!(frameNav);
    expect(frameNav.preventDefault).toHaveBeenCalled();

    const webview = prevent();
    on.get('will-attach-webview')!(webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://evil.example/');
  });
});

describe('session permissions', () => {
  function fakeSession() {
    const s = {
      request: undefined as undefined | ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void),
      check: undefined as undefined | ((wc: unknown, permission: string, origin: string, details: unknown) => boolean),
      device: undefined as undefined | ((details: unknown) => boolean),
      beforeRequest: undefined as undefined | { filter: { urls: string[] }; fn: (d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void },
      setPermissionRequestHandler: vi.fn((fn) => {
        s.request = fn;
      }),
      setPermissionCheckHandler: vi.fn((fn) => {
        s.check = fn;
      }),
      setDevicePermissionHandler: vi.fn((fn) => {
        s.device = fn;
      }),
      webRequest: {
        onBeforeRequest: vi.fn((filter, fn) => {
          s.beforeRequest = { filter, fn };
        }),
      },
    };
    return s;
  }

  it('denies every permission request, notifications included', () => {
    const s = fakeSession();
    hardenSession(s as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      const cb = vi.fn();
      s.request!({}, permission, cb, {});
      expect(cb).toHaveBeenCalledExactlyOnceWith(false);
      expect(s.check!({}, permission, 'app://kefu', {})).toBe(false);
    }
    expect(s.device!({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels remote requests from the renderer', () => {
    const s = fakeSession();
    hardenSession(s as never);
    expect(s.beforeRequest!.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    const cb = vi.fn();
    s.beforeRequest!.fn({ url: 'https://cdn.example/x.js' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: true });
  });
});
