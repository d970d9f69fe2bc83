import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../../electron/shell/menu';
import { shellLocale, startupErrorText } from '../../../electron/shell/shell-text';

vi.mock('electron', () => {
  throw new Error('menu/shell-text must not import electron at runtime');
});

const ROOT = resolve(import.meta.dirname, '../../..');

const labels = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [i.label ?? '', ...(Array.isArray(i.submenu) ? labels(i.submenu) : [])]).filter(Boolean);
const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [i.role ?? '', ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]).filter(Boolean);

describe('menu', () => {
  it('zh-CN labels on Windows; developer tools only when not packaged', () => {
    const dev = buildMenuTemplate('zh-CN', { platform: 'win32', isPackaged: false });
    expect(dev.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '窗口']);
    expect(labels(dev)).toEqual(expect.arrayContaining(['退出', '复制', '粘贴', '开发者工具']));
    expect(roles(dev)).toContain('toggleDevTools');
    const packaged = buildMenuTemplate('zh-CN', { platform: 'win32', isPackaged: true });
    expect(roles(packaged)).not.toContain('toggleDevTools');
    expect(roles(packaged)).not.toContain('reload');
  });

  it('macOS gets the app menu first; zh-TW and en are translated too', () => {
    const mac = buildMenuTemplate('zh-TW', { platform: 'darwin', isPackaged: true });
    expect(mac[0]!.label).toBe('Kefu Desk');
    expect(labels(mac)).toEqual(expect.arrayContaining(['編輯', '結束']));
    expect(buildMenuTemplate('en', { platform: 'linux', isPackaged: true }).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window']);
  });
});

describe('shell text', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['en-US', 'en'],
    ['', 'zh-CN'],
    ['fr-FR', 'zh-CN'],
  ] as const)('shellLocale(%s) = %s', (os, expected) => {
    expect(shellLocale(os)).toBe(expected);
  });

  it('explains DatabaseTooNewError in the seat’s language', () => {
    const err = Object.assign(new Error('newer'), { name: 'DatabaseTooNewError', found: 9, supported: 3 });
    const zh = startupErrorText(err, 'zh-CN');
    expect(zh.title).toBe('Kefu Desk 无法启动');
    expect(zh.message).toContain('9');
    expect(zh.message).toContain('3');
    expect(zh.message).toContain('请升级');
    expect(startupErrorText(err, 'en').message).toMatch(/newer Kefu Desk \(schema 9; this app knows up to 3\)/);
  });

  it('other errors keep their message', () => {
    expect(startupErrorText(new Error('EACCES: permission denied'), 'zh-CN').message).toContain('EACCES: permission denied');
    expect(startupErrorText('plain', 'en').message).toContain('plain');
  });
});

describe('scripts/start.mjs', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const load = async () =>
    (await import(pathToFileURL(join(ROOT, 'scripts', 'start.mjs')).href)) as {
      findElectronBinary(dir: string, env?: Record<string, string | undefined>): string | null;
      MISSING_ELECTRON_MESSAGE: string;
    };

  const fakeElectron = (pathTxt?: string, binary?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-electron-'));
    dirs.push(dir);
    if (pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), pathTxt);
    if (binary) {
      mkdirSync(join(dir, 'dist'), { recursive: true });
      writeFileSync(join(dir, 'dist', binary), '');
    }
    return dir;
  };

  it('importing it does not build or launch anything', async () => {
    const mod = await load();
    expect(typeof mod.findElectronBinary).toBe('function');
  });

  it('finds the binary only when path.txt and dist/<binary> both exist', async () => {
    const { findElectronBinary } = await load();
    expect(findElectronBinary(fakeElectron(), {})).toBeNull();
    expect(findElectronBinary(fakeElectron('electron'), {})).toBeNull();
    const dir = fakeElectron('electron', 'electron');
    expect(findElectronBinary(dir, {})).toBe(join(dir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const { findElectronBinary } = await load();
    const override = fakeElectron(undefined, 'electron');
    expect(findElectronBinary(fakeElectron(), { ELECTRON_OVERRIDE_DIST_PATH: join(override, 'dist') })).toBe(join(override, 'dist', 'electron'));
    expect(findElectronBinary(fakeElectron(), { ELECTRON_OVERRIDE_DIST_PATH: join(override, 'nowhere') })).toBeNull();
  });

  it('on this machine (no binary in node_modules/electron) it reports the missing binary', async () => {
    const { findElectronBinary, MISSING_ELECTRON_MESSAGE } = await load();
    const installed = findElectronBinary(join(ROOT, 'node_modules', 'electron'), {});
    if (installed === null) {
      expect(MISSING_ELECTRON_MESSAGE).toBe(
        'Kefu Desk: the Electron binary is not installed on this machine (its download was blocked); run the browser host instead: npm run web -- --data-dir ./data',
      );
      expect(MISSING_ELECTRON_MESSAGE).not.toContain('\n');
    } else {
      expect(installed).toContain('electron');
    }
  });
});
