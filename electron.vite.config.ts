import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { fileURLToPath } from 'node:url';

// npm run build → out/main/main.js (ESM, package.json "type": "module"),
// out/preload/preload.cjs (CommonJS: sandboxed preloads cannot be ES modules) and out/renderer.
const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Native modules stay outside the bundle. The main process loads better-sqlite3 13 (N-API,
 * runs in Electron 45 without a rebuild) under its alias; 12 is the Node-ABI build for tests
 * and the browser host (TOOLCHAIN.md).
 */
const NATIVE_DEPS = ['better-sqlite3', 'better-sqlite3-napi'];

// `rolldownOptions` is Vite 8's name for what TOOLCHAIN.md calls `rollupOptions`; electron-vite 6
// copies `rollupOptions` into it, so both spell the same thing (both were tried: same output).

export default defineConfig({
  main: {
    build: {
      outDir: at('./out/main'),
      // Pure-JS dependencies are bundled, so the packaged app only needs the native ones.
      externalizeDeps: false,
      rolldownOptions: {
        input: { main: at('./electron/main.ts') },
        external: NATIVE_DEPS,
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          paths: { 'better-sqlite3': 'better-sqlite3-napi' },
        },
      },
    },
  },
  preload: {
    build: {
      outDir: at('./out/preload'),
      // A sandboxed preload can require('electron') and nothing else: bundle everything into one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: at('./electron/preload.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: at('./renderer'),
    plugins: [react()],
    build: {
      outDir: at('./out/renderer'),
      rolldownOptions: {
        input: { index: at('./renderer/index.html') },
      },
    },
  },
});
