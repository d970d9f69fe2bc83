#!/usr/bin/env node
// `npm start`: build with electron-vite, then run the app in Electron — or, on a machine where
// the Electron binary was never downloaded, say so in one line and point at the browser host.
/* global process, console */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));

export const MISSING_ELECTRON_MESSAGE =
  'Kefu Desk: the Electron binary is not installed on this machine (its download was blocked); ' +
  'run the browser host instead: npm run web -- --data-dir ./data';

/**
 * Path of the Electron executable if it is really there, else null. Reads what
 * `require('electron')` reads (path.txt, dist/, ELECTRON_OVERRIDE_DIST_PATH) without calling it:
 * that require tries to download the binary when it is missing.
 */
export function findElectronBinary(electronDir, env = process.env) {
  let relative;
  try {
    relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim() || null;
  } catch {
    relative = null;
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = join(electronDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function build() {
  const pkg = require('electron-vite/package.json');
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin['electron-vite'];
  const cli = join(dirname(require.resolve('electron-vite/package.json')), bin);
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function main() {
  const status = build();
  if (status !== 0) process.exit(status);

  const dir = electronPackageDir();
  const binary = dir ? findElectronBinary(dir) : null;
  if (!binary) {
    console.error(MISSING_ELECTRON_MESSAGE);
    process.exit(1);
  }

  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env, windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`Kefu Desk: could not start Electron (${err.message})`);
    process.exit(1);
  });
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) main();
