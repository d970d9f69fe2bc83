import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/store/open-database';
import { useBrowserSeat } from './support/browser-seat';
import type { HostProcess } from './support/host-process';

// The real renderer and the real core, end to end: the browser host CLI with 2,000 demo
// customers, driven in Debian's Chromium.

let dataDir: string;
let host: HostProcess;
let page: Page;

/** A demo person whose pinyin initials belong to nobody else, so the search must pick them out. */
function pickCustomer(dir: string) {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  const row = db
    .prepare(
      `SELECT c.id, c.name, t.term AS initials FROM search_terms t JOIN customers c ON c.id = t.customer_id
        WHERE t.field = 2 AND c.kind = 'person' AND length(t.term) >= 2
          AND t.term NOT IN (SELECT term FROM search_terms WHERE field != 2)
          AND (SELECT count(*) FROM search_terms u WHERE u.term = t.term) = 1
        ORDER BY c.id LIMIT 1`,
    )
    .get() as { id: string; name: string; initials: string };
  db.close();
  return row;
}

const emailsOf = (dir: string, id: string) => {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  const rows = db.prepare('SELECT email FROM customer_emails WHERE customer_id = ? AND deleted_at IS NULL').all(id) as { email: string }[];
  db.close();
  return rows.map((r) => r.email).sort();
};

async function openByInitials(initials: string, name: string) {
  const box = page.getByRole('combobox', { name: '搜索客户' });
  await box.fill('');
  await box.pressSequentially(initials, { delay: 30 });
  const option = page.getByRole('option').filter({ hasText: name });
  await option.first().waitFor();
  await option.first().click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

const seat = useBrowserSeat({
  prefix: 'kefu-e2e-',
  args: (dir) => ['--data-dir', dir, '--demo', '2000', '--role', 'agent', '--agent-name', '测试坐席'],
  // The first test opens the page itself: loading the app is what it checks.
  open: false,
});
// The helpers above read these module bindings.
beforeAll(() => ({ dataDir, host, page } = seat));

describe('search and edit in Chromium', () => {
  it('shows the app in Chinese, finds a demo customer by pinyin initials and opens the profile', async () => {
    await page.goto(host.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('combobox', { name: '搜索客户' }).waitFor();
    const target = pickCustomer(dataDir);
    await openByInitials(target.initials, target.name);
    await expect(page.getByText('客户价值').first().isVisible()).resolves.toBe(true);
  });

  it('refuses an invalid e-mail with a clear message and saves nothing, then saves a valid one that survives a reload', async () => {
    const target = pickCustomer(dataDir);
    const before = emailsOf(dataDir, target.id);
    await page.getByRole('button', { name: '编辑' }).click();
    await page.getByRole('button', { name: '添加电子邮箱' }).click();
    const field = page.getByLabel(`电子邮箱 ${before.length + 1}`, { exact: true });
    await field.fill('wang@');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '请输入有效的电子邮箱地址' }).first().waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(emailsOf(dataDir, target.id)).toEqual(before);

    await field.fill('e2e.persist@example.com');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    expect(emailsOf(dataDir, target.id)).toEqual([...before, 'e2e.persist@example.com'].sort());

    await page.reload();
    await openByInitials(target.initials, target.name);
    // Agents see contacts masked; revealing them is an audited read.
    await expect(page.getByText('e2e.persist@example.com').count()).resolves.toBe(0);
    await page.getByRole('button', { name: /显示/ }).first().click();
    await page.getByText('e2e.persist@example.com').waitFor();
    expect(seat.seatPage.trouble).toEqual([]);
  });

  it('says at once that the host is gone when it stops, and offers to reconnect', async () => {
    await host.stop();
    const banner = page.getByRole('alert').filter({ hasText: '与本机客服服务的连接已断开' });
    await banner.waitFor({ timeout: 5_000 });
    await banner.getByRole('button', { name: '重新连接' }).waitFor();
  });
});
