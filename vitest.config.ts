import { defineConfig } from 'vitest/config';

// One vitest run, five projects: pure shared logic, the core against real SQLite,
// the renderer in jsdom, the Electron shell against a mocked 'electron', and e2e in Chromium.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { test: { name: 'shared', environment: 'node', include: ['test/unit/shared/**/*.test.ts'] } },
      {
        test: {
          name: 'core',
          environment: 'node',
          include: ['test/unit/core/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: { name: 'shell', environment: 'node', include: ['test/unit/shell/**/*.test.ts'] },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/component/**/*.test.{ts,tsx}'],
          setupFiles: ['test/component/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
