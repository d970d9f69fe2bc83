import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, openSeatPage, reportOnFailure, type SeatPage } from './chromium';
import { startHostProcess, type HostProcess } from './host-process';

export interface BrowserSeat {
  dataDir: string;
  host: HostProcess;
  browser: Browser;
  seatPage: SeatPage;
  page: Page;
}

export interface BrowserSeatOptions {
  /** Prefix of the fresh data dir under the system's temp dir. */
  prefix: string;
  /** The host's command line for that data dir (may start what it needs first, e.g. a PBX peer). */
  args(dataDir: string): string[] | Promise<string[]>;
  /** Runs on the browser context before the page exists (init scripts). */
  prepare?(context: BrowserContext): Promise<void>;
  /** Open the host's page and wait for `ready` (default: the search box); false leaves it to the test. */
  open?: boolean;
  ready?(page: Page): Promise<unknown>;
}

/**
 * One seat end to end, for the single-seat e2e files: a browser host process on a fresh data dir
 * and Debian's Chromium on its page. A failed test prints the page's and the host's report; after
 * the file everything stops and the data dir is removed. The fields are filled in by beforeAll.
 */
export function useBrowserSeat(o: BrowserSeatOptions): BrowserSeat {
  const seat = {} as BrowserSeat;
  beforeAll(async () => {
    seat.dataDir = mkdtempSync(join(tmpdir(), o.prefix));
    seat.host = await startHostProcess(await o.args(seat.dataDir));
    seat.browser = await launchChromium();
    seat.seatPage = await openSeatPage(seat.browser, { tag: 'seat', ...(o.prepare ? { prepare: o.prepare } : {}) });
    seat.page = seat.seatPage.page;
    if (o.open === false) return;
    await seat.page.goto(seat.host.url);
    await (o.ready ? o.ready(seat.page) : seat.page.getByRole('combobox', { name: '搜索客户' }).waitFor());
  });
  reportOnFailure(() => [{ tag: 'seat', page: seat.seatPage, host: seat.host }]);
  afterAll(async () => {
    await seat.browser?.close();
    await seat.host?.stop();
    if (seat.dataDir) rmSync(seat.dataDir, { recursive: true, force: true });
  });
  return seat;
}
