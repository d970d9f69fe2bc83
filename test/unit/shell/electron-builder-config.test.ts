import type { Configuration } from 'app-builder-lib';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Validates build/electron-builder.config.cjs with electron-builder's own loader and JSON-schema
// check (packaging itself needs the network, so it cannot run here).

const ROOT = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

type ConfigModule = {
  getConfig(projectDir: string, configPath: string | null, fromOptions: Configuration | null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
type FileMatcherModule = {
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: (p: string) => string,
    platformOptions: object,
    packager: { config: Configuration; debugLogger: unknown },
  ): { createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean };
};

const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as ConfigModule;
const { getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher') as FileMatcherModule;
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled?: boolean) => unknown };

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, 'build/electron-builder.config.cjs', null);
}, 30_000);

describe('electron-builder configuration', () => {
  it('passes electron-builder’s schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  }, 30_000);

  it('the validator really rejects a broken config (the check above can fail)', async () => {
    const broken = { ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } } as unknown as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/hardenedRuntime/);
    const unknownKey = { ...config, nmpRebuild: false } as unknown as Configuration;
    await expect(validateConfiguration(unknownKey, new DebugLogger(false))).rejects.toThrow(/nmpRebuild/);
  }, 30_000);

  it('identity, native-module handling and protocols', () => {
    expect(config.appId).toBe('com.kefudesk.app');
    expect(config.productName).toBe('Kefu Desk');
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.protocols).toEqual([{ name: 'Kefu Desk', schemes: ['kefu'] }]);
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, onlyLoadAppFromAsar: true });
  });

  it('targets dmg (hardened runtime, entitlements), nsis and AppImage', () => {
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist' });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    expect(config.linux).toMatchObject({ target: ['AppImage'] });
    const plist = readFileSync(join(ROOT, config.mac!.entitlements!), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(plist).toMatch(/^<\?xml/);
  });

  it('the icon placeholder is a PNG of at least 512×512', () => {
    const icon = readFileSync(join(ROOT, 'build', 'icon.png'));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(icon.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('packs out/** and keeps better-sqlite3-napi but not the Node-ABI better-sqlite3', () => {
    const matcher = getNodeModuleFileMatcher(ROOT, join(ROOT, 'dist', 'tmp'), (p) => p, {}, { config, debugLogger: new DebugLogger(false) });
    const filter = matcher.createFilter();
    const allowed = (relative: string) => {
      const full = join(ROOT, relative);
      const stat = existsSync(full) ? statSync(full) : { isDirectory: () => false };
      return filter(full, stat);
    };
    expect(allowed('node_modules/better-sqlite3')).toBe(false);
    expect(allowed('node_modules/better-sqlite3/package.json')).toBe(false);
    expect(allowed('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(false);
    expect(allowed('node_modules/better-sqlite3-napi/package.json')).toBe(true);
    expect(allowed('node_modules/better-sqlite3-napi/lib/index.js')).toBe(true);
    expect(allowed('node_modules/better-sqlite3-napi/prebuilds/win32-x64.node')).toBe(true);
    expect(allowed('node_modules/better-sqlite3-napi/deps/sqlite3/sqlite3.c')).toBe(false);
    const files = (config.files as Array<{ filter: string[] }>)[0]!.filter;
    expect(files).toContain('out/**');
  });
});
