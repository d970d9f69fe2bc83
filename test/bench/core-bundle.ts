import { resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');

/**
 * The core bundled the way the Electron main bundle carries it (pure-JS dependencies inlined,
 * the native SQLite binding left outside), so a cold start measures loading the app, not
 * transpiling TypeScript on the fly as tsx would.
 */
export async function buildCoreBundle(outDir = resolve(root, '.tmp/core-bundle')): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    ssr: { noExternal: true, external: ['better-sqlite3'] },
    build: {
      ssr: resolve(root, 'electron/core/create-core.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'create-core.mjs' } },
    },
  });
  return resolve(outDir, 'create-core.mjs');
}
