import { MainConfigFactory, PreloadConfigFactory, type InlineConfig } from 'electron-vite';
import type BetterSqlite3 from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Script, createContext } from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../../electron.vite.config';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../shared/contract/channels';

// Builds main and preload with the project's electron.vite.config.ts (the renderer is another
// team's entry and is covered by `npm run build`) into a temp dir, then checks what Electron
// would load: the main bundle's imports and the preload running in a sandbox-like wrapper.

const ROOT = resolve(import.meta.dirname, '../../..');
let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'kefu-build-'));
  const inline: InlineConfig = { configFile: false, mode: 'production', logLevel: 'silent', build: { outDir: out } };
  await build(await new MainConfigFactory(config.main!, inline, { outDir: out, root: ROOT }).build());
  await build(await new PreloadConfigFactory(config.preload!, inline, { outDir: out, root: ROOT }).build());
}, 60_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Bare specifiers of static and dynamic imports and requires in an output file. */
function bareImports(code: string): string[] {
  const specs = new Set<string>();
  const patterns = [/\bfrom\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, /\bimport\s*["']([^"']+)["']/g, /\brequire\(\s*["']([^"']+)["']\s*\)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) if (!m[1]!.startsWith('.')) specs.add(m[1]!);
  return [...specs];
}

describe('main bundle (out/main)', () => {
  it('is an ES module at main/main.js, as package.json "main" says', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; type: string };
    expect(pkg.main).toBe('out/main/main.js');
    expect(pkg.type).toBe('module');
    const main = readFileSync(join(out, 'main', 'main.js'), 'utf8');
    expect(main).toMatch(/^import .* from "electron";/m);
  });

  it('imports only electron, Node built-ins and better-sqlite3 under its N-API alias', () => {
    const files = filesUnder(join(out, 'main')).filter((f) => f.endsWith('.js'));
    const imports = new Set(files.flatMap((f) => bareImports(readFileSync(f, 'utf8'))));
    expect(imports).toContain('better-sqlite3-napi');
    expect(imports).not.toContain('better-sqlite3');
    for (const spec of imports) {
      expect(spec === 'electron' || spec.startsWith('node:') || spec === 'better-sqlite3-napi', spec).toBe(true);
    }
  });
});

describe('preload bundle (out/preload/preload.cjs)', () => {
  const file = () => join(out, 'preload', 'preload.cjs');

  it('is a single CommonJS file', () => {
    expect(existsSync(file())).toBe(true);
    expect(readdirSync(join(out, 'preload'))).toEqual(['preload.cjs']);
    const code = readFileSync(file(), 'utf8');
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/^\s*export\s/m);
  });

  it('runs like a sandboxed preload: requires only electron and exposes window.kefu', () => {
    const code = readFileSync(file(), 'utf8');
    const required: string[] = [];
    const exposed: Array<[string, unknown]> = [];
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.push([k, v]) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, value: null });
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    // The wrapper Electron's sandboxed renderer puts around a preload.
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`module not found: ${name}`);
    };
    const wrapped = new Script(`(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${code}\n})`);
    const run = wrapped.runInContext(createContext({})) as (...args: unknown[]) => void;
    const module = { exports: {} };
    run(sandboxRequire, { env: {} }, undefined, {}, undefined, undefined, module.exports, module);

    expect([...new Set(required)]).toEqual(['electron']);
    expect(exposed.map(([k]) => k)).toEqual(['kefu']);
    const bridge = exposed[0]![1] as { channels: Record<string, (i: unknown) => unknown>; events: Record<string, unknown> };
    expect(Object.keys(bridge.channels).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(bridge.events).sort()).toEqual([...EVENT_NAMES].sort());
    void bridge.channels['session.get']!({});
    expect(invoked).toEqual([['session.get', {}]]);
  });
});

describe('the built main process, booted against a fake electron', () => {
  // fixtures/fake-electron.mjs stands in for the missing binary; better-sqlite3-napi is mapped
  // to the Node build by fixtures/electron-hooks.mjs. This runs the real bundle end to end.
  const fixtures = join(import.meta.dirname, 'fixtures');
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** What fixtures/boot-main.mjs prints. */
  interface BootReport {
    calls: string[];
    menu: string[] | null;
    errorBox: [string, string, string] | null;
    exit: number | null;
    windows: number;
    channels: string[];
    webPreferences: Record<string, unknown>;
    loaded: string;
    page: { status: number; csp: string; body: string };
    session: unknown;
    create: { ok: boolean; value: { customer: { id: string } } };
    invalid: unknown;
    ringFromUrl: { callId: string; source: string; state: string; dnis: string | null }[];
    events: unknown[];
    evil: unknown;
    windowOpen: unknown;
    navigationPrevented: boolean;
    channelsAfterQuit: number;
  }

  function boot(prepare?: (userData: string) => void): BootReport {
    const userData = mkdtempSync(join(tmpdir(), 'kefu-userdata-'));
    dirs.push(userData);
    prepare?.(userData);
    mkdirSync(join(out, 'renderer'), { recursive: true });
    writeFileSync(join(out, 'renderer', 'index.html'), '<!doctype html><title>Kefu Desk</title>');
    const stdout = execFileSync(
      process.execPath,
      ['--import', join(fixtures, 'register-electron-hooks.mjs'), join(fixtures, 'boot-main.mjs'), out, userData],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 },
    );
    const line = stdout.split('\n').find((l) => l.startsWith('KEFU_BOOT '));
    expect(line, stdout).toBeDefined();
    return JSON.parse(line!.slice('KEFU_BOOT '.length)) as BootReport;
  }

  it('registers the scheme, hardens the session, serves the page and answers IPC', () => {
    const r = boot();
    expect(r.errorBox).toBeNull();
    expect(r.calls.slice(0, 2)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox']);
    expect(r.calls).toEqual(expect.arrayContaining(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'onBeforeRequest']));
    expect(r.menu).toEqual(['文件', '编辑', '视图', '窗口']);
    expect(r.windows).toBe(1);
    expect(r.loaded).toBe('app://kefu/index.html');
    expect(r.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(r.webPreferences.preload).toBe(join(out, 'preload', 'preload.cjs'));
    expect(r.page).toMatchObject({ status: 200, body: '<!doctype html><title>Kefu Desk</title>' });
    expect(r.page.csp).toContain("default-src 'self'");
    expect([...r.channels].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(r.session).toMatchObject({ ok: true, value: { locale: 'zh-CN' } });
    expect(r.create).toMatchObject({ ok: true });
    expect(r.events).toEqual([['event:customer.changed', { id: r.create.value.customer.id }]]);
    expect(r.invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(r.calls).toContain('setAsDefaultProtocolClient');
    expect(r.ringFromUrl).toEqual([{ callId: 'boot-call-1', source: 'url', state: 'ringing', dnis: '4008001234' }]);
    expect(r.evil).toEqual({ ok: false, error: { code: 'forbidden', message: 'errors.forbiddenSender' } });
    expect(r.windowOpen).toEqual({ action: 'deny' });
    expect(r.navigationPrevented).toBe(true);
    expect(r.channelsAfterQuit).toBe(0);
  }, 60_000);

  it('a database from a newer version: error box in zh-CN, no window, exit code 1', () => {
    const require = createRequire(import.meta.url);
    const Database = require('better-sqlite3') as typeof BetterSqlite3;
    const r = boot((userData) => {
      mkdirSync(join(userData, 'data'));
      const db = new Database(join(userData, 'data', 'kefu.sqlite'));
      db.pragma('user_version = 9999');
      db.close();
    });
    expect(r.errorBox?.[1]).toBe('Kefu Desk 无法启动');
    expect(r.errorBox?.[2]).toContain('9999');
    expect(r.exit).toBe(1);
    expect(r.windows).toBe(0);
  }, 60_000);
});

describe('renderer config', () => {
  it('builds renderer/index.html into out/renderer with React', () => {
    const r = config.renderer!;
    expect(resolve(r.root!)).toBe(join(ROOT, 'renderer'));
    const input = (r.build?.rolldownOptions?.input ?? {}) as Record<string, string>;
    expect(Object.values(input)).toEqual([join(ROOT, 'renderer', 'index.html')]);
    expect(resolve(r.build!.outDir!)).toBe(join(ROOT, 'out', 'renderer'));
    const plugins = (r.plugins ?? []).flat(3) as Array<{ name?: string } | null>;
    expect(plugins.some((p) => p?.name?.startsWith('vite:react'))).toBe(true);
  });
});
