import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WS_PATH } from '../../shared/contract/bridge';
import { startWebHost } from '../../electron/host/web-host';
import { launchChromium } from '../e2e/support/chromium';
import { percentile, round } from './stats';

// Ring → card painted, in Debian's Chromium against the browser host and the real renderer.
// The page opens a second socket to the host (as a softphone integration would) and rings the
// seat through it; the clock starts when the ring is sent and stops two animation frames after
// the card for that call is in the DOM, i.e. once it has been painted. Each call is then hung
// up and dismissed so cards do not pile up.

const root = resolve(import.meta.dirname, '../..');

export async function benchPaint(dataDir: string, rings = 200): Promise<{ p50: number; p95: number; samples: number[] }> {
  const host = await startWebHost({ dataDir, rendererDir: join(root, 'out/renderer'), port: 0, log: () => {} });
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(host.url);
    await page.getByRole('combobox').first().waitFor();
    const wsUrl = `ws://127.0.0.1:${host.port}${WS_PATH}?token=${host.token}`;
    const script = readFileSync(join(import.meta.dirname, 'in-page/ring-and-measure.js'), 'utf8');
    const samples = (await page.evaluate(`${script}(${JSON.stringify({ wsUrl, rings })})`)) as number[];
    return { p50: round(percentile(samples, 50), 2), p95: round(percentile(samples, 95), 2), samples };
  } finally {
    await browser.close();
    await host.close();
  }
}
