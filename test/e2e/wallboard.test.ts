import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub, type Hub } from '../../server/hub';
import { addSeat } from '../../server/seats';
import { startAmiPeer, type AmiEventRecord, type AmiPeer } from '../support/ami-peer';
import { DEFAULT_START_S } from '../support/ami-scripts/ami-script';
import { queueAbandon, QueueScript, type MemberInfo } from '../support/ami-scripts/queue-scenarios';
import { useTestDatabase } from '../support/postgres';
import { launchChromium, openSeatPage, reportOnFailure, type SeatPage } from './support/chromium';
import { invokeCore } from './support/core-socket';
import { postToHost, startHostProcess, type HostProcess } from './support/host-process';
import { readStore } from './support/read-store';

// Issue 7 end to end: two agent seats and a supervisor, each a browser host process with its own
// data dir, on one hub (buildHub in this process, on a fresh database). Both agent seats are
// connected to one scripted AMI peer (the PBX); their queue trackers report to the hub, which
// streams the centre's snapshot to the supervisor's 看板 (Alt+6) in Chromium.
//
// Seat registration, as an installer does it: each host first starts without a hub and makes
// its seat identity (seat_meta.seat_id); we read that id from its store, register it on the hub
// (addSeat with that id) and restart the host with --hub/--hub-token.
//
// The hub's clock is this test's to move (buildHub's `now`), and agent seat 1 runs with
// --test-hooks: a callback goes overdue by moving both past its window.

const QUEUE = 'hotel';
const AGENT_1: MemberInfo = { extension: '8001', name: 'Wang Fang' };
const AGENT_2: MemberInfo = { extension: '8002', name: 'Li Na' };
const NAMES = { agent1: '王芳', agent2: '李娜', supervisor: '张班长' };

// ---- the hand-designed queue calls -------------------------------------------------------------
//
// Settings: the defaults — threshold T = 20 s, short-abandon grace G = 5 s, formula
// answered_of_offered: service level = answered within T / (offered − short abandons), where
// offered = every queue call with an outcome (answered + abandoned + short abandoned + exited);
// callers still waiting count nowhere but "waiting".
//
//   call  who            wait in queue (HoldTime = waited + ringing)   outcome
//   A1    agent 8001      6 + 4 = 10 s                                 answered within T
//   A2    agent 8002     15 + 3 = 18 s                                 answered within T
//   A3    agent 8001     25 + 5 = 30 s                                 answered after T
//   A4    agent 8002     40 + 5 = 45 s                                 answered after T
//   B1    caller hangs up after 30 s                                   abandoned (30 > G)
//   B2    caller hangs up after 3 s                                    short abandon (3 ≤ G)
//   W1,W2 joined, still waiting                                        waiting
//
//   waiting   = 2
//   offered   = 4 + 1 + 1 = 6
//   answered  = 4            abandoned = 1 (plus 1 short abandon)
//   service level = 2 / (6 − 1) = 2 / 5 = 40 %
//   abandon rate  = 1 / (6 − 1) = 20 %
//   ASA           = (10 + 18 + 30 + 45) / 4 = 25.75 s → 0:26
//
// The AMI events carry no wall time the tracker uses for instants (it stamps them with the
// seat's clock at reception); waits come from HoldTime, talk from TalkTime.

function answered(o: { from: string; member: MemberInfo; waitS: number; ringS: number; talkS: number; startAt: number }): AmiEventRecord[] {
  const s = new QueueScript(o.startAt);
  const caller = s.customer(o.from);
  s.join(caller, QUEUE);
  s.wait(o.waitS);
  const phone = s.answerFromQueue(caller, QUEUE, o.member, o.waitS, o.ringS);
  s.wait(o.talkS);
  s.agentComplete(caller, phone, QUEUE, o.member, o.waitS + o.ringS, o.talkS, 'caller');
  s.hangup(caller);
  s.hangup(phone);
  return s.events;
}

function waitingCaller(from: string, position: number, startAt: number): AmiEventRecord[] {
  const s = new QueueScript(startAt);
  s.join(s.customer(from), QUEUE, position);
  return s.events;
}

const t0 = DEFAULT_START_S;
const QUEUE_CALLS: AmiEventRecord[][] = [
  answered({ from: '13800000001', member: AGENT_1, waitS: 6, ringS: 4, talkS: 60, startAt: t0 }),
  answered({ from: '13800000002', member: AGENT_2, waitS: 15, ringS: 3, talkS: 90, startAt: t0 + 100 }),
  answered({ from: '13800000003', member: AGENT_1, waitS: 25, ringS: 5, talkS: 45, startAt: t0 + 200 }),
  answered({ from: '13800000004', member: AGENT_2, waitS: 40, ringS: 5, talkS: 30, startAt: t0 + 300 }),
  queueAbandon({ queue: QUEUE, from: '13800000005', waitS: 30, startAt: t0 + 400 }),
  queueAbandon({ queue: QUEUE, from: '13800000006', waitS: 3, startAt: t0 + 500 }),
  waitingCaller('13800000007', 1, t0 + 600),
  waitingCaller('13800000008', 2, t0 + 610),
];

// ---- processes -------------------------------------------------------------------------------

const db = useTestDatabase();
let hub: Hub;
let hubUrl = '';
/** How far the hub's clock is ahead of the real one. */
let hubAheadMs = 0;
let peer: AmiPeer;
let browser: Browser;

interface Seat {
  key: keyof typeof NAMES;
  dataDir: string;
  args: string[];
  seatId: string;
  agentId: string;
  host: HostProcess;
  page: Page;
  seatPage: SeatPage;
}
const seats = {} as Record<keyof typeof NAMES, Seat>;

function seatArgs(key: keyof typeof NAMES, dataDir: string): string[] {
  const base = ['--data-dir', dataDir, '--agent-name', NAMES[key]];
  if (key === 'supervisor') return [...base, '--role', 'supervisor'];
  const ext = key === 'agent1' ? AGENT_1.extension : AGENT_2.extension;
  return [...base, '--role', 'agent', '--ami', peer.url, '--extension', ext, ...(key === 'agent1' ? ['--test-hooks'] : [])];
}

/** First start (no hub): the host makes its seat identity; read it from the store and register it on the hub. */
async function register(key: keyof typeof NAMES): Promise<{ dataDir: string; seatId: string; agentId: string; token: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), `kefu-e2e-wb-${key}-`));
  const first = await startHostProcess(['--data-dir', dataDir, '--agent-name', NAMES[key], '--role', key === 'supervisor' ? 'supervisor' : 'agent']);
  await first.stop();
  const meta = readStore(dataDir, (d) => Object.fromEntries((d.prepare('SELECT key, value FROM seat_meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value])));
  const pool = db.pool(1);
  const { token } = await addSeat(pool, { branch: 'hq', name: `${key}-${meta.seat_id!.slice(-6)}`, role: key === 'supervisor' ? 'supervisor' : 'agent', id: meta.seat_id! });
  await pool.end();
  return { dataDir, seatId: meta.seat_id!, agentId: meta.agent_id!, token };
}

const post = postToHost;

async function call<T>(host: HostProcess, channel: string, input: unknown = {}): Promise<T> {
  const r = await invokeCore(host, channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

beforeAll(async () => {
  const logs = new Writable({ write: (_c, _e, cb) => cb() });
  hub = await buildHub({ databaseUrl: db.url, log: { level: 'warn', stream: logs }, now: () => Date.now() + hubAheadMs });
  hubUrl = await hub.listen();
  peer = await startAmiPeer({ username: 'kefu', secret: 'kefu-secret' });
  const keys = ['agent1', 'agent2', 'supervisor'] as const;
  const registered = await Promise.all(keys.map((k) => register(k)));
  const hosts = await Promise.all(
    keys.map((k, i) => startHostProcess([...seatArgs(k, registered[i]!.dataDir), '--hub', hubUrl, '--hub-token', registered[i]!.token])),
  );
  browser = await launchChromium();
  for (const [i, k] of keys.entries()) {
    const seatPage = await openSeatPage(browser, { tag: k, height: 900 });
    const page = seatPage.page;
    await page.goto(hosts[i]!.url);
    seats[k] = { key: k, dataDir: registered[i]!.dataDir, args: seatArgs(k, registered[i]!.dataDir), seatId: registered[i]!.seatId, agentId: registered[i]!.agentId, host: hosts[i]!, page, seatPage };
  }
  await Promise.all(keys.map((k) => seats[k].page.getByRole('combobox', { name: '搜索客户' }).waitFor()));
  await peer.waitForLogins(2, 30_000);
});

reportOnFailure(() => Object.values(seats).map((s) => ({ tag: s.key, page: s.seatPage, host: s.host })));

afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(seats).map((s) => s.host.stop()));
  await peer?.close();
  await hub?.close();
  for (const s of Object.values(seats)) rmSync(s.dataDir, { recursive: true, force: true });
});

const nav = (page: Page): Locator => page.getByRole('navigation', { name: '视图' });
/** The figure of a centre tile by its label. */
const tile = (page: Page, label: string): Locator =>
  page.locator('.wallboard-tiles .tile').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
const figure = (page: Page, label: string): Locator => tile(page, label).locator('.tile-figure');

describe('supervisor wallboard on the hub', () => {
  it('is the supervisor’s only: an agent seat has no 看板 entry and its core refuses wallboard.get', async () => {
    const agent = seats.agent1;
    await nav(agent.page).getByRole('button', { name: /^回访/ }).waitFor();
    await expect(nav(agent.page).getByRole('button', { name: /看板/ }).count()).resolves.toBe(0);
    const refused = await invokeCore(agent.host, 'wallboard.get', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await nav(seats.supervisor.page).getByRole('button', { name: /看板/ }).waitFor();
  });

  it('shows waiting, answered, abandoned and service level from the PBX’s queue calls as computed by hand', async () => {
    for (const events of QUEUE_CALLS) await peer.replay(events);
    const page = seats.supervisor.page;
    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { name: '班长看板' }).waitFor();
    await page.getByText('数据来源：总部汇总，全中心所有门店').waitFor();

    await expect.poll(() => figure(page, '排队等待').textContent(), { timeout: 20_000 }).toBe('2');
    await expect.poll(() => figure(page, '今日呼入').textContent(), { timeout: 20_000 }).toBe('6');
    await expect.poll(() => figure(page, '今日接通').textContent()).toBe('4');
    await expect.poll(() => figure(page, '今日放弃').textContent()).toBe('1');
    await expect(tile(page, '今日放弃').textContent()).resolves.toContain('另有短时放弃 1 通');
    await expect(figure(page, '服务水平').textContent()).resolves.toMatch(/^40(\.0)?%$/);
    await expect(tile(page, '服务水平').textContent()).resolves.toContain('2 / 5 通');
    await expect(figure(page, '放弃率').textContent()).resolves.toMatch(/^20(\.0)?%$/);
    // The definition is on the board.
    await page.getByText(/服务水平 = 等待不超过 20 秒即接通的来电 ÷（接通 \+ 放弃 \+ 未接离队的来电）/).waitFor();
    await page.getByText('等待 5 秒内就挂断的来电（短时放弃，如拨错号）不计入服务水平和放弃率。').waitFor();
    // The queue's own row agrees.
    const row = page.getByRole('row', { name: new RegExp(`^${QUEUE}\\b`) });
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual(expect.arrayContaining(['2', '6', '4', '1']));
  });

  it('raises the callback_overdue alert when a callback goes overdue, and reassigning it moves it to the other agent’s list', async () => {
    const a1 = seats.agent1;
    const sup = seats.supervisor.page;
    // A zone where it is around midday now, so the window is never in quiet hours.
    const offsetH = ((12 - new Date().getUTCHours() + 36) % 24) - 12;
    const zone = offsetH === 0 ? 'Etc/UTC' : `Etc/GMT${offsetH > 0 ? '-' : '+'}${Math.abs(offsetH)}`;
    const { now } = (await post(a1.host, '/test/clock', { advanceMs: 0 })) as { now: number };
    const created = await call<{ id: string; windowEnd: number }>(a1.host, 'callbacks.create', {
      callback: { customerId: null, phone: '13900001234', reason: 'other', windowStart: now, windowEnd: now + 6 * 60_000, timeZone: zone, note: '看板逾期测试' },
    });
    // It reaches the hub by sync; not overdue yet.
    await expect
      .poll(async () => (await hub.pool.query("SELECT count(*)::int AS n FROM rows WHERE entity = 'callbacks' AND id = $1", [created.id])).rows[0].n, { timeout: 20_000 })
      .toBe(1);
    const overdueAlert = sup.getByRole('alert').filter({ hasText: '全中心有 1 个回访逾期' });
    await expect(overdueAlert.count()).resolves.toBe(0);

    // Ten minutes later, on the seat and on the hub: the window has passed.
    hubAheadMs += 10 * 60_000;
    await post(a1.host, '/test/clock', { advanceMs: 10 * 60_000 });
    await overdueAlert.waitFor({ timeout: 20_000 });
    await expect.poll(() => figure(sup, '回访逾期').textContent(), { timeout: 10_000 }).toBe('1');

    // Reassign through the callbacks queue's reassign controls (the board's action leads there).
    await nav(sup).getByRole('button', { name: /^回访/ }).click();
    await sup.getByRole('tab', { name: '全部回访' }).click();
    const row = sup.locator(`article[data-callback-id="${created.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.getByRole('checkbox').check();
    await sup.getByLabel('改派给').selectOption({ label: NAMES.agent2 });
    await sup.getByRole('group', { name: '改派所选回访' }).getByRole('button', { name: '改派' }).click();
    await sup.getByText('已改派 1 个回访。').waitFor();

    // Seat 2 gets it by sync, in its own list; seat 1 no longer has it.
    const p2 = seats.agent2.page;
    await nav(p2).getByRole('button', { name: /^回访/ }).click();
    await p2.locator(`article[data-callback-id="${created.id}"]`).waitFor({ timeout: 20_000 });
    const p1 = a1.page;
    await nav(p1).getByRole('button', { name: /^回访/ }).click();
    await expect.poll(() => p1.locator(`article[data-callback-id="${created.id}"]`).count(), { timeout: 20_000 }).toBe(0);
    const assignee = readStore(seats.agent2.dataDir, (d) => d.prepare('SELECT assignee_agent_id AS a FROM callbacks WHERE id = ?').get(created.id) as { a: string });
    expect(assignee.a).toBe(seats.agent2.agentId);
  });
});
