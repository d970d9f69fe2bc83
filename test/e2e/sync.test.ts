import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub, type Hub } from '../../server/hub';
import { addSeat } from '../../server/seats';
import { SYNCED_ENTITIES, SYNCED_ENTITY_SCHEMAS, entityKey } from '../../shared/sync/entity-schemas';
import { useTestDatabase } from '../support/postgres';
import { launchChromium, openSeatPage, reportOnFailure, type SeatPage } from './support/chromium';
import { startHostProcess, type HostProcess } from './support/host-process';
import { readStore } from './support/read-store';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

// Two seats on one hub, end to end: two browser hosts (two data folders, each a real core and
// SQLite store), the hub built in this process on a fresh PostgreSQL database, Chromium on both.
//
// Seat registration follows the real first-day path: each host starts WITHOUT --hub (sync off),
// makes its seat id on first start; the test (as the admin at headquarters) registers that id on
// the hub (`seat add --id`, here addSeat), and a supervisor enters the hub address and the token
// in the Sync panel's settings — the path a branch takes, and the one the CLI flags skip.
//
// Seat A (headquarters) talks to the hub directly; seat B (a hotel branch) through a TCP relay in
// this process, so the test can pull B's cable: B's status line says 离线, B keeps working, and
// comes back by itself (backoff / live socket reconnect) when the relay is restored.

const db = useTestDatabase();
let hub: Hub;
let hubUrl: string;
let proxy: TcpProxy;
const dirs: string[] = [];
let hostA: HostProcess;
let hostB: HostProcess;
let browser: Browser;
let pageA: Page;
let pageB: Page;
const seatPages: SeatPage[] = [];

const CUSTOMER = '林同步';
const CALLER = '+8613912345678';

const seatIdOf = (dataDir: string) =>
  readStore(dataDir, (d) => (d.prepare("SELECT value FROM seat_meta WHERE key = 'seat_id'").get() as { value: string }).value);

async function hostPost(host: HostProcess, path: string, body: unknown) {
  const token = new URL(host.url).hash.replace('#token=', '');
  const res = await fetch(`${host.origin}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${token}` } });
  const json = (await res.json()) as { ok: boolean; value: Record<string, unknown> };
  if (!json.ok) throw new Error(`${path} failed: ${JSON.stringify(json)}`);
  return json.value;
}

async function openPage(host: HostProcess): Promise<Page> {
  const seatPage = await openSeatPage(browser, { tag: host === hostA ? 'A' : 'B' });
  seatPages.push(seatPage);
  const page = seatPage.page;
  await page.goto(host.url);
  await page.getByRole('combobox', { name: '搜索客户' }).waitFor();
  return page;
}

/** The text of the top bar's sync line ("在线", "离线 · 14:05 重试", …). */
const statusLine = (page: Page) => page.getByRole('status', { name: '同步状态' });
const syncState = (page: Page) => statusLine(page).locator('.sync-state');
async function waitForState(page: Page, state: string, timeout = 15_000) {
  await syncState(page).filter({ hasText: new RegExp(`^${state}`) }).waitFor({ timeout });
}

/** Ctrl+Shift+Y, the hub address and the seat token in the settings, 保存并同步; the line turns 在线. */
async function configureSync(page: Page, url: string, token: string) {
  await page.keyboard.press('Control+Shift+Y');
  const panel = page.getByRole('dialog', { name: '与总部同步' });
  await panel.waitFor();
  await panel.getByLabel('总部地址', { exact: true }).fill(url);
  await panel.getByLabel('坐席令牌', { exact: true }).fill(token);
  await panel.getByRole('button', { name: '保存并同步' }).click();
  await panel.getByText('同步设置已保存，正在连接总部。').waitFor();
  await waitForState(page, '在线');
  await panel.getByRole('button', { name: '关闭', exact: true }).click();
  await panel.waitFor({ state: 'detached' });
}

async function openCustomer(page: Page, name: string) {
  const box = page.getByRole('combobox', { name: '搜索客户' });
  await box.fill(name);
  const option = page.getByRole('option').filter({ hasText: name });
  await option.first().waitFor();
  await option.first().click();
  await page.getByRole('region', { name, exact: true }).getByRole('heading', { level: 2, name }).waitFor();
}

/** The profile editor: 编辑, a new 备注, 保存; resolves when the click did (the save itself is async). */
async function editNotes(page: Page, notes: string) {
  await page.getByRole('button', { name: '编辑' }).click();
  await page.getByLabel('备注', { exact: true }).fill(notes);
  await page.getByRole('button', { name: '保存', exact: true }).click();
}
/** The editor closed on a successful save (a 已保存 from an earlier save may still be on screen). */
async function savedOn(page: Page) {
  await page.getByRole('button', { name: '保存', exact: true }).waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: '已保存' }).first().waitFor();
}

/**
 * Starts watching the page for `text` (a MutationObserver, so no polling interval adds to the
 * figure); the returned promise gives the wall-clock time it appeared.
 */
async function watchFor(page: Page, text: string): Promise<() => Promise<number>> {
  await page.evaluate((t) => {
    // Runs in the page (this file is compiled without the DOM types).
    const w = globalThis as unknown as {
      __seen?: Record<string, number>;
      document: { body: { innerText: string } };
      MutationObserver: new (cb: () => void) => { observe(node: unknown, options: Record<string, boolean>): void };
    };
    const seen = (w.__seen ??= {});
    const check = () => {
      if (seen[t] === undefined && w.document.body.innerText.includes(t)) seen[t] = Date.now();
    };
    new w.MutationObserver(check).observe(w.document.body, { subtree: true, childList: true, characterData: true });
    check();
  }, text);
  return async () => {
    await page.waitForFunction((t) => (globalThis as unknown as { __seen?: Record<string, number> }).__seen?.[t] !== undefined, text, { timeout: 10_000 });
    return page.evaluate((t) => (globalThis as unknown as { __seen: Record<string, number> }).__seen[t]!, text);
  };
}

/** Every synced table of a store, the synced columns only, in key order. */
function replica(dataDir: string): Record<string, unknown[]> {
  return readStore(dataDir, (d) => {
    const out: Record<string, unknown[]> = {};
    for (const entity of SYNCED_ENTITIES) {
      const present = new Set((d.prepare(`PRAGMA table_info(${entity})`).all() as { name: string }[]).map((c) => c.name));
      const cols = Object.keys(SYNCED_ENTITY_SCHEMAS[entity].shape).filter((c) => present.has(c));
      out[entity] = d.prepare(`SELECT ${cols.join(', ')} FROM ${entity} ORDER BY ${entityKey(entity)}`).all();
    }
    return out;
  });
}

beforeAll(async () => {
  hub = await buildHub({ databaseUrl: db.url, log: false });
  hubUrl = await hub.listen({ port: 0, host: '127.0.0.1' });
  const { hostname, port } = new URL(hubUrl);
  proxy = await startTcpProxy({ host: hostname, port: Number(port) });

  const dirA = mkdtempSync(join(tmpdir(), 'kefu-e2e-sync-a-'));
  const dirB = mkdtempSync(join(tmpdir(), 'kefu-e2e-sync-b-'));
  dirs.push(dirA, dirB);
  // Sync off on first start: each store makes its seat id, which the hub is then told.
  [hostA, hostB] = await Promise.all([
    startHostProcess(['--data-dir', dirA, '--role', 'supervisor', '--agent-name', '总部班长']),
    startHostProcess(['--data-dir', dirB, '--role', 'supervisor', '--agent-name', '杭州店班长']),
  ]);
  const pool = db.pool(1);
  const a = await addSeat(pool, { branch: 'hq', name: 'hq-supervisor', role: 'supervisor', id: seatIdOf(dirA) });
  const b = await addSeat(pool, { branch: 'hotel-hangzhou', name: 'hangzhou-supervisor', role: 'supervisor', id: seatIdOf(dirB) });
  await pool.end();

  browser = await launchChromium();
  pageA = await openPage(hostA);
  pageB = await openPage(hostB);
  await configureSync(pageA, hubUrl, a.token);
  await configureSync(pageB, proxy.url, b.token);
});

reportOnFailure(() => [
  { tag: 'A', page: seatPages[0], host: hostA },
  { tag: 'B', page: seatPages[1], host: hostB },
]);

afterAll(async () => {
  await browser?.close();
  await Promise.all([hostA?.stop(), hostB?.stop()]);
  await proxy?.close();
  await hub?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('two seats on one hub', () => {
  it('brings a customer created on A to B, and shows an edit on A on B’s screen within a second', async () => {
    // A: an unknown caller, created from the call card's quick-create form.
    const { callId } = (await hostPost(hostA, '/cti/simulate', { from: CALLER })) as { callId: string };
    const card = pageA.locator(`[data-testid="call-card"][data-call-id="${callId}"]`);
    await card.getByLabel('姓名', { exact: true }).fill(CUSTOMER);
    await card.getByRole('button', { name: '建档' }).click();
    await card.getByText(CUSTOMER).first().waitFor();
    await hostPost(hostA, '/cti/simulate', { action: 'hangup', callId });
    await openCustomer(pageA, CUSTOMER);

    // B started with an empty store; the customer arrives through the hub and is searchable there.
    await expect.poll(() => readStore(dirs[1]!, (d) => (d.prepare('SELECT count(*) AS n FROM customers WHERE name = ?').get(CUSTOMER) as { n: number }).n), { timeout: 10_000 }).toBe(1);
    await openCustomer(pageB, CUSTOMER);

    const notes = '总部备注：客户偏好高楼层，无烟房';
    const seenOnB = await watchFor(pageB, notes);
    await editNotes(pageA, notes);
    const clicked = Date.now();
    await savedOn(pageA);
    const savedAt = Date.now();
    const appearedAt = await seenOnB();
    const ms = appearedAt - clicked;
    console.log(`[sync e2e] A's save click → B shows the new notes: ${ms} ms (A's own 已保存 after ${savedAt - clicked} ms)`);
    expect(ms).toBeLessThan(1000);
    await expect(pageB.getByText(notes, { exact: true }).count()).resolves.toBe(1);
  });

  it('keeps B working offline; the same field edited on both becomes a conflict a supervisor resolves', async () => {
    // B loses the network: its live socket drops, it checks the hub at once and says 离线, with
    // nothing to upload yet.
    proxy.cut();
    const cut = Date.now();
    await waitForState(pageB, '离线');
    console.log(`[sync e2e] B's line says 离线 ${Date.now() - cut} ms after the cut`);
    // B keeps working: the edit is saved locally and waits in the outbox.
    const lost = '门店备注：客户要求延迟退房到14点';
    const kept = '总部备注：已升级为行政楼层';
    await editNotes(pageB, lost);
    await savedOn(pageB);
    await statusLine(pageB).getByText('待上传 1').waitFor();
    await waitForState(pageB, '离线');

    // A (online, later) writes the same field differently.
    await editNotes(pageA, kept);
    await savedOn(pageA);
    // …and it reached the hub before B comes back.
    const onHub = () =>
      hub.pool.query("SELECT count(*)::int AS n FROM changes WHERE entity = 'customers' AND fields->>'notes' = $1", [kept]).then((r) => (r.rows[0] as { n: number }).n);
    await expect.poll(onHub, { timeout: 10_000 }).toBe(1);

    // The cable goes back in: B comes back by itself (backoff retry or the live socket's reconnect).
    const back = Date.now();
    proxy.restore();
    await waitForState(pageB, '在线', 60_000);
    console.log(`[sync e2e] B back online ${Date.now() - back} ms after the relay was restored`);
    await statusLine(pageB).getByText(/待上传/).waitFor({ state: 'detached' });

    // A's value is later, so it stays; B converges to it, B's value is kept as a conflict.
    await pageB.getByText(kept, { exact: true }).waitFor();
    await pageA.getByText(kept, { exact: true }).waitFor();

    // The supervisor at A opens the Sync panel: both values, keep current / use the lost value.
    await pageA.keyboard.press('Control+Shift+Y');
    const panel = pageA.getByRole('dialog', { name: '与总部同步' });
    // Named by the customer, not by the row id; the row id stays as a detail.
    const conflict = panel.getByRole('listitem').filter({ hasText: `客户 ${CUSTOMER} · 备注` });
    await conflict.waitFor();
    await expect(conflict.getByText(kept, { exact: true }).count()).resolves.toBe(1);
    await expect(conflict.getByText(lost, { exact: true }).count()).resolves.toBe(1);
    await expect(conflict.getByText(/本坐席/).count()).resolves.toBe(1); // the kept value is A's own
    await expect(conflict.getByText(/hotel-hangzhou · hangzhou-supervisor/).count()).resolves.toBe(1); // the lost one B's
    await expect(conflict.getByText(/记录编号 /).count()).resolves.toBe(1);
    await conflict.getByRole('button', { name: '保留当前值' }).waitFor();
    await conflict.getByRole('button', { name: '改用丢失的值' }).click();
    await panel.getByText('已改用丢失的值，其他坐席会同步到这个值。').waitFor();
    await conflict.waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: '关闭', exact: true }).click();

    // Both screens show the value that had been lost.
    await pageA.getByText(lost, { exact: true }).waitFor();
    await pageB.getByText(lost, { exact: true }).waitFor();
    const notesOf = (dir: string) => readStore(dir, (d) => (d.prepare('SELECT notes FROM customers WHERE name = ?').get(CUSTOMER) as { notes: string }).notes);
    expect(notesOf(dirs[0]!)).toBe(lost);
    expect(notesOf(dirs[1]!)).toBe(lost);

    // Nothing refused on the way, and the two replicas hold the same synced rows.
    await expect(hub.pool.query('SELECT count(*)::int AS n FROM parked').then((r) => (r.rows[0] as { n: number }).n)).resolves.toBe(0);
    for (const page of [pageA, pageB]) await expect(statusLine(page).getByText(/被退回/).count()).resolves.toBe(0);
    await expect.poll(() => JSON.stringify(replica(dirs[1]!)), { timeout: 10_000 }).toBe(JSON.stringify(replica(dirs[0]!)));
    expect(replica(dirs[0]!).customers).toHaveLength(1);
    // Neither core logged a failed sync, a refused change or a data warning (B's dropped live socket is expected).
    for (const host of [hostA, hostB]) expect(host.stderr().split('\n').filter((l) => /sync failed|SYNC DATA WARNING|refused|parked|error/i.test(l))).toEqual([]);
    expect(seatPages.flatMap((p) => p.trouble)).toEqual([]);
  });
});
