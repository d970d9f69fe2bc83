import { existsSync } from 'node:fs';
import { afterEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, driven by playwright-core; nothing is downloaded. A missing browser fails loudly. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`End-to-end tests need Chromium at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium (or set KEFU_CHROMIUM).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface SeatPageOptions {
  /** A name for this page in the failure report (e.g. 'A', 'supervisor'). */
  tag: string;
  height?: number;
  /** Runs on the context before the page exists (e.g. an init script). */
  prepare?(context: BrowserContext): Promise<void>;
}

export interface SeatPage {
  page: Page;
  /** What the page said that a failing test should show: uncaught errors, console errors, a crash. */
  trouble: string[];
  /** The trouble and the text on screen now, for a failure report. */
  report(): Promise<string>;
}

/**
 * A fresh zh-CN context and page at 1280 wide. Uncaught errors, console errors and a renderer crash
 * are kept, so a test that fails on CI can print what the page went through instead of only
 * "element not found".
 */
export async function openSeatPage(browser: Browser, o: SeatPageOptions): Promise<SeatPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: o.height ?? 800 }, locale: 'zh-CN' });
  await o.prepare?.(context);
  const page = await context.newPage();
  const trouble: string[] = [];
  const at = () => new Date().toISOString().slice(11, 23);
  page.on('pageerror', (e) => trouble.push(`${at()} uncaught: ${e.stack ?? String(e)}`));
  page.on('console', (m) => m.type() === 'error' && trouble.push(`${at()} console.error: ${m.text()}`));
  page.on('crash', () => trouble.push(`${at()} the page crashed`));
  page.on('response', (r) => r.status() >= 400 && trouble.push(`${at()} HTTP ${r.status()} ${r.url().replace(/token=[\w-]+/, 'token=…')}`));
  const report = async () => {
    const text = await page
      .evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } | null } }).document.body?.innerText ?? '(no body)')
      .catch((e: unknown) => `(page not readable: ${String(e)})`);
    return [`---- page ${o.tag} at ${page.url().replace(/#token=.*/, '')}`, ...trouble, '-- on screen:', text.slice(0, 3000)].join('\n');
  };
  return { page, trouble, report };
}

/**
 * After a failed test, prints each page's report and the tail of each host's log (vitest shows
 * them under the failure), so a CI-only failure can be understood from the CI log alone.
 */
export function reportOnFailure(parts: () => Array<{ page?: SeatPage; host?: { stderr(): string }; tag: string }>): void {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const p of parts()) {
      if (p.page) console.error(await p.page.report());
      if (p.host) console.error(`---- host ${p.tag} log (tail):\n${p.host.stderr().slice(-3000)}`);
    }
  });
}
