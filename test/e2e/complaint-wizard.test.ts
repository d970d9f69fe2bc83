import type Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSeat } from './support/browser-seat';
import { readStore } from './support/read-store';
import { postToHost, type HostProcess } from './support/host-process';

// A caller complains: ring → card → C → the six steps by keyboard in the real renderer and the
// real core → the follow-up callback is scheduled → reached and satisfied → reflect → closed.
// Then a second complaint is left at step 3, the page is reloaded, and it resumes where it was.

let dataDir: string;
let host: HostProcess;
let page: Page;

const readDb = <T>(fn: (db: Database.Database) => T): T => readStore(dataDir, fn);

const post = (path: string, body: unknown) => postToHost(host, path, body);

/** Demo people whose mobile is theirs alone and who may be called back. */
const callers = () =>
  readDb(
    (db) =>
      db
        .prepare(
          `SELECT c.id, c.name, p.e164 FROM customer_phones p JOIN customers c ON c.id = p.customer_id
            WHERE c.kind = 'person' AND c.do_not_contact = 0 AND p.kind = 'mobile' AND p.e164 LIKE '+86%'
              AND (SELECT count(*) FROM customer_phones q WHERE q.e164 = p.e164) = 1
              AND NOT EXISTS (SELECT 1 FROM complaints k WHERE k.customer_id = c.id)
            ORDER BY p.id LIMIT 2`,
        )
        .all() as { id: string; name: string; e164: string }[],
  );

const wizard = (): Locator => page.getByRole('region', { name: /^投诉处理：/ });
const stepForm = (): Locator => wizard().getByRole('form', { name: /^\d\. / });
const field = (label: string): Locator => stepForm().getByLabel(label, { exact: true });

async function waitForStep(n: number, name: string) {
  await stepForm()
    .getByRole('heading', { level: 3, name: new RegExp(`^${n}\\. ${name}`) })
    .waitFor();
}
async function complete() {
  await page.keyboard.press('Control+Enter');
}
async function typeInto(label: string, text: string) {
  await field(label).focus();
  await page.keyboard.type(text);
}
async function answer(name: string) {
  await stepForm().getByRole('radio', { name, exact: true }).focus();
  await page.keyboard.press('Space');
}

async function ringAndPress(caller: { e164: string }) {
  const { callId } = (await post('/cti/simulate', { from: caller.e164 })) as { callId: string };
  await post('/cti/simulate', { action: 'answer', callId });
  await page.locator(`[data-testid="call-card"][data-call-id="${callId}"]`).waitFor();
  await page.locator('body').focus();
  await page.keyboard.press('c');
  return callId;
}

async function listenAndApologise(words: string) {
  await waitForStep(1, '倾听');
  await typeInto('客户原话', words);
  await field('类别').selectOption({ label: '产品或服务本身' });
  await field('子类别').selectOption({ label: '客房' });
  await field('严重程度').selectOption({ label: '严重' });
  await typeInto('客户诉求', '退一晚房费');
  await complete();
  await waitForStep(2, '道歉');
  await complete();
  await waitForStep(3, '分析');
}

const seat = useBrowserSeat({ prefix: 'kefu-e2e-complaint-', args: (dir) => ['--data-dir', dir, '--demo', '1500', '--role', 'agent'] });
// The helpers above read these module bindings.
beforeAll(() => ({ dataDir, host, page } = seat));

describe('complaint wizard end to end', () => {
  it('ring → card → C → six steps → follow-up callback reached and satisfied → reflect → closed', async () => {
    const [caller] = callers();
    const callId = await ringAndPress(caller!);
    await expect.poll(async () => (await wizard().getByRole('heading', { level: 2 }).textContent()) ?? '').toBe(`投诉处理：${caller!.name}`);

    const words = '房间有烟味，换了两次房都没人理！';
    await listenAndApologise(words);

    await typeInto('核实的事实', '前台记录显示 22:10 客人要求换房，未处理');
    await field('根本原因').selectOption({ label: '流程问题' });
    await typeInto('责任部门', '前厅部');
    await complete();
    await waitForStep(4, '解决');

    await field('补救方式').selectOption({ label: '退款' });
    await typeInto('金额', '300');
    await answer('接受');
    await complete();
    await waitForStep(5, '回访');

    // The follow-up call is a real callback, linked to the complaint, for this customer.
    const complaint = readDb((db) =>
      db.prepare('SELECT id, interaction_id, follow_up_callback_id FROM complaints WHERE customer_id = ?').get(caller!.id),
    ) as { id: string; interaction_id: string | null; follow_up_callback_id: string | null };
    const interaction = readDb((db) => db.prepare('SELECT id FROM interactions WHERE call_id = ?').get(callId)) as { id: string };
    expect(complaint.interaction_id).toBe(interaction.id);
    const callback = readDb((db) =>
      db.prepare("SELECT id, status, reason, complaint_id FROM callbacks WHERE complaint_id = ? AND reason = 'complaint_follow_up'").get(complaint.id),
    ) as { id: string; status: string };
    expect(callback).toMatchObject({ status: 'scheduled' });
    await stepForm().getByRole('region', { name: '回访电话' }).waitFor();

    await answer('已联系上');
    await answer('满意');
    await complete();
    await waitForStep(6, '反思');
    expect(readDb((db) => db.prepare('SELECT status FROM callbacks WHERE id = ?').get(callback.id))).toEqual({ status: 'done' });

    await typeInto('经验教训', '换房请求要在十分钟内处理');
    await typeInto('预防措施', '前台换房流程加入值班经理确认');
    await typeInto('措施负责人', '前厅经理');
    await field('完成期限').fill('2031-06-30');
    await complete();
    const close = wizard().getByRole('button', { name: '结案' });
    await close.focus();
    await page.keyboard.press('Enter');
    await wizard().getByText('首次接触即解决').waitFor();

    const row = readDb((db) => db.prepare('SELECT status, current_step, first_contact_resolution FROM complaints WHERE id = ?').get(complaint.id));
    expect(row).toEqual({ status: 'closed', current_step: 6, first_contact_resolution: 1 });
    // Every step has its own record with its author; every change is audited and in the outbox.
    const steps = readDb((db) => db.prepare("SELECT step, state FROM complaint_steps WHERE complaint_id = ? AND state = 'done' ORDER BY step").all(complaint.id));
    expect(steps.map((s) => (s as { step: number }).step)).toEqual([1, 2, 3, 4, 5, 6]);
    const outbox = readDb((db) => db.prepare("SELECT count(*) AS n FROM outbox WHERE entity IN ('complaints','complaint_steps')").get()) as { n: number };
    const audit = readDb((db) => db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity IN ('complaints','complaint_steps')").get()) as { n: number };
    expect(outbox.n).toBeGreaterThanOrEqual(12);
    expect(audit.n).toBeGreaterThanOrEqual(outbox.n);
    // Wrap the call up as a complaint and close its card, as the agent would before the next call.
    await post('/cti/simulate', { action: 'hangup', callId });
    const card = page.locator(`[data-testid="call-card"][data-call-id="${callId}"]`);
    await card.getByText('话后处理').waitFor();
    await page.locator('body').focus();
    await page.keyboard.press('5');
    await page.keyboard.type('房间烟味投诉，已退一晚房费');
    await page.keyboard.press('Enter');
    await expect.poll(() => readDb((db) => db.prepare('SELECT disposition FROM interactions WHERE call_id = ?').get(callId))).toEqual({ disposition: 'complaint' });
    await page.locator('body').focus();
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
  });

  it('a complaint left at step 3 with a draft is resumed after a reload, nothing lost', async () => {
    const [, caller] = callers();
    await ringAndPress(caller!);
    await listenAndApologise('行程临时改了也没人通知');
    await typeInto('核实的事实', '导游群消息 18:00 才发出');
    await wizard().getByText(/草稿已保存/).waitFor();

    await page.reload();
    await page.getByRole('combobox', { name: '搜索客户' }).waitFor();
    await page.keyboard.press('Alt+5');
    const list = page.getByRole('listbox', { name: '我的投诉' });
    await list.getByRole('option', { name: new RegExp(caller!.name) }).click();
    await waitForStep(3, '分析');
    await expect.poll(() => field('核实的事实').inputValue()).toBe('导游群消息 18:00 才发出');
    // The earlier steps stand, read-only.
    await expect.poll(async () => (await wizard().getByRole('region', { name: '已完成的步骤' }).textContent()) ?? '').toContain('行程临时改了也没人通知');
  });
});
