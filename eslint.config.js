import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layering as in VS Code (common / node / browser / electron-main), enforced here:
//   shared/    pure: no electron, no node:*, no DOM, no other layer
//   renderer/  browser: shared/ and its own code only
//   electron/  node: never the renderer; only the thin shell may import 'electron'
//   server/    node: shared/ and its own code only
const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream',
  'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];
const noElectron = { name: 'electron', message: 'Only the thin Electron shell (electron/main.ts, preload.ts, shell/, transport/electron-ipc.ts) may import electron.' };
const builtinPaths = NODE_BUILTINS.map((name) => ({ name, message: 'This layer runs outside Node: no Node built-ins.' }));
const nodePattern = { group: ['node:*'], message: 'This layer runs outside Node: no Node built-ins.' };
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'fetch'].map(
  (name) => ({ name, message: 'shared/ is pure: pass what you need in instead of reaching for the DOM.' }),
);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...builtinPaths, { name: 'react', message: 'shared/ is not UI.' }, { name: 'better-sqlite3', message: 'shared/ does not touch the store.' }],
        patterns: [nodePattern, { group: ['**/electron/**', '**/renderer/**', '**/server/**'], message: 'shared/ depends on no other layer.' }],
      }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...builtinPaths, { name: 'better-sqlite3', message: 'The renderer reaches the store only through the contract.' }],
        patterns: [nodePattern, { group: ['**/electron/**', '**/server/**'], message: 'The renderer imports only shared/ and its own code.' }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**', 'electron/transport/electron-ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: ['**/renderer/**', '**/server/**'], message: 'The core does not import the renderer or the hub.' }],
      }],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**/*.ts', 'electron/transport/electron-ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/server/**'], message: 'The shell does not import the renderer or the hub.' }] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'The hub imports only shared/ and its own code.' }],
      }],
    },
  },
);
