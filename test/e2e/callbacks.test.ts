import type Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSeat } from './support/browser-seat';
import { readStore } from './support/read-store';
import { postToHost, type HostProcess } from './support/host-process';

// A missed call becomes a callback in the customer's own time zone; the test moves the host's
// clock (--test-hooks) to when it falls due, sees the reminder, records "no answer", sees it
// rescheduled by the retry policy, moves the clock again and records "reached".

let dataDir: string;
let host: HostProcess;
let page: Page;

const readDb = <T>(fn: (db: Database.Database) => T): T => readStore(dataDir, fn);

const post = (path: string, body: unknown) => postToHost(host, path, body);
/** Moves the host's clock to `at` (it only moves forward) and runs the reminder scan. */
async function clockTo(at: number) {
  const { now } = (await post('/test/clock', { advanceMs: 0 })) as { now: number };
  return post('/test/clock', { advanceMs: Math.max(0, at - now) });
}

// Record desktop notifications instead of showing them.
const recordNotifications = async (context: BrowserContext) => {
  await context.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (globalThis as unknown as { __notifications: typeof shown }).__notifications = shown;
    class RecordingNotification extends EventTarget {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: unknown = null;
      constructor(title: string, options?: { body?: string }) {
        super();
        shown.push({ title, body: options?.body });
      }
      close() {}
    }
    (globalThis as unknown as { Notification: unknown }).Notification = RecordingNotification;
  });
};

const seat = useBrowserSeat({
  prefix: 'kefu-e2e-cb-',
  args: (dir) => ['--data-dir', dir, '--demo', '1500', '--role', 'agent', '--test-hooks'],
  prepare: recordNotifications,
});
// The helpers above read these module bindings.
beforeAll(() => ({ dataDir, host, page } = seat));

describe('callbacks end to end', () => {
  it('missed call → callback in the customer’s zone → due → reminder → no answer → rescheduled → reached', async () => {
    // A customer abroad, so the callback's zone is not the seat's.
    const who = readDb(
      (db) =>
        db
          .prepare(
            `SELECT c.name, p.e164 FROM customer_phones p JOIN customers c ON c.id = p.customer_id
              WHERE c.kind = 'person' AND c.do_not_contact = 0 AND p.e164 NOT LIKE '+86%'
                AND (SELECT count(*) FROM customer_phones q WHERE q.e164 = p.e164) = 1
              ORDER BY p.e164 LIMIT 1`,
          )
          .get() as { name: string; e164: string },
    );
    const { callId } = (await post('/cti/simulate', { from: who.e164 })) as { callId: string };
    await post('/cti/simulate', { action: 'hangup', callId });
    const card = page.locator(`[data-testid="call-card"][data-call-id="${callId}"]`);
    await card.getByRole('button', { name: '回拨' }).click();
    await card.getByText('已预约回拨').waitFor();

    const callback = () =>
      readDb((db) => db.prepare("SELECT id, status, time_zone, window_start, window_end, attempts FROM callbacks WHERE reason = 'missed_call' AND phone = ?").get(who.e164)) as {
        id: string; status: string; time_zone: string; window_start: number; window_end: number; attempts: number;
      };
    const first = callback();
    expect(first.time_zone).not.toBe('Asia/Shanghai');

    await page.getByRole('navigation', { name: '视图' }).getByRole('button', { name: /^回访/ }).click();
    const row = page.getByRole('article', { name: who.name });
    await row.waitFor();

    // Due: the reminder appears once, in the page and as a desktop notification.
    await clockTo(first.window_start + 60_000);
    await page.getByRole('alert').filter({ hasText: `回访到期：${who.name}` }).waitFor();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __notifications: unknown[] }).__notifications.length)).toBe(1);

    await row.focus();
    await page.keyboard.press('r');
    await page.getByRole('form', { name: '记录回访结果' }).waitFor();
    await page.keyboard.press('2');
    await page.keyboard.type('无人接听，稍后再拨');
    await page.keyboard.press('Enter');
    await page.getByText('无人接听：已按重试规则改约到').waitFor();
    const second = callback();
    expect(second.status).toBe('scheduled');
    expect(second.window_start).toBeGreaterThan(first.window_start);

    await clockTo(second.window_start + 60_000);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __notifications: unknown[] }).__notifications.length)).toBe(2);
    await row.focus();
    await page.keyboard.press('r');
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.getByText(`已联系上${who.name}，回访已完成。`).waitFor();
    expect(callback()).toMatchObject({ status: 'done', attempts: 2 });
  });
});
