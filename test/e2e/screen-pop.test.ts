import type Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directCall, linkedIdsOf, startAmiPeer, type AmiPeer } from '../support/ami-peer';
import { useBrowserSeat } from './support/browser-seat';
import { readStore } from './support/read-store';

// The PBX rings the seat: a scripted AMI peer on loopback, the browser host connected to it
// with --ami, the real renderer in Chromium showing the card.

const EXTENSION = '8001';
let dataDir: string;
let peer: AmiPeer;
let page: Page;

const readDb = <T>(fn: (db: Database.Database) => T): T => readStore(dataDir, fn);

/** Demo people whose mobile number is theirs alone, so the pop must find exactly them. */
const customersWithOwnPhone = () =>
  readDb(
    (db) =>
      db
        .prepare(
          `SELECT c.name, p.national, p.e164 FROM customer_phones p JOIN customers c ON c.id = p.customer_id
            WHERE c.kind = 'person' AND p.kind = 'mobile' AND p.e164 LIKE '+86%'
              AND (SELECT count(*) FROM customer_phones q WHERE q.e164 = p.e164) = 1
            ORDER BY p.id LIMIT 5`,
        )
        .all() as { name: string; national: string; e164: string }[],
  );
const firstLine = () => readDb((db) => db.prepare('SELECT number, name FROM phone_lines ORDER BY number LIMIT 1').get() as { number: string; name: string });
const interactionOf = (callId: string) =>
  readDb((db) => db.prepare('SELECT outcome, from_number, to_number, answered_at, disposition, summary FROM interactions WHERE call_id = ?').get(callId) as
    | { outcome: string; from_number: string; to_number: string; answered_at: number | null; disposition: string | null; summary: string | null }
    | undefined);

const card = (callId: string): Locator => page.locator(`[data-testid="call-card"][data-call-id="${callId}"]`);

const seat = useBrowserSeat({
  prefix: 'kefu-e2e-pop-',
  args: async (dir) => {
    peer = await startAmiPeer({ username: 'kefu', secret: 'kefu-secret' });
    return ['--data-dir', dir, '--demo', '1500', '--role', 'agent', '--ami', `tcp://kefu:kefu-secret@127.0.0.1:${peer.port}`, '--extension', EXTENSION];
  },
  ready: (p) => p.getByRole('button', { name: /AMI 已连接/ }).waitFor(),
});
// The helpers above read these module bindings.
beforeAll(() => ({ dataDir, page } = seat));
afterAll(async () => {
  await peer?.close();
});

describe('screen pop from the PBX', () => {
  it('pops the right customer’s card, with the line they dialled, when the call rings at the extension', async () => {
    const [who] = customersWithOwnPhone();
    const line = firstLine();
    const events = directCall({ from: who!.national, dnis: line.number, extension: EXTENSION, answer: true, ringS: 1, talkS: 1 });
    const [callId] = linkedIdsOf(events);
    // Ring first and look before the call goes on: the card must be there while it rings.
    const ringIndex = events.findIndex((e) => e.Event === 'DialBegin');
    await peer.replay(events.slice(0, ringIndex + 1));
    const c = card(callId!);
    await c.waitFor();
    await expect(c.getByText(who!.name, { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(c.getByText(line.name).count()).resolves.toBeGreaterThan(0);
    // Agents see the caller's number masked.
    await expect(c.getByText(who!.national).count()).resolves.toBe(0);
    await peer.replay(events.slice(ringIndex + 1));
    // Wrap-up, keyboard only: a quick code by its number key, a one-line summary, Enter.
    const wrapUp = c.getByRole('radiogroup', { name: '处理结果' });
    await wrapUp.waitFor();
    await wrapUp.getByRole('radio').first().focus();
    await page.keyboard.press('2');
    await c.getByLabel('一句话摘要').fill('询问杭州西湖店的房型和早餐');
    await c.getByLabel('一句话摘要').press('Enter');
    await c.getByText('话后处理已完成。').waitFor();
    await expect.poll(() => interactionOf(callId!)?.outcome).toBe('completed');
    expect(interactionOf(callId!)).toMatchObject({ from_number: who!.e164, to_number: line.number, disposition: 'inquiry', summary: '询问杭州西湖店的房型和早餐' });
    await c.getByRole('button', { name: '关闭' }).click();
    await c.waitFor({ state: 'detached' });
  });

  it('logs a call the caller hangs up while it rings as missed, and offers a callback', async () => {
    const [, who] = customersWithOwnPhone();
    const events = directCall({ from: who!.national, dnis: firstLine().number, extension: EXTENSION, answer: false, callerHangsUpWhileRinging: true, ringS: 1 });
    const [callId] = linkedIdsOf(events);
    await peer.replay(events);
    const c = card(callId!);
    await c.getByText('未接来电').first().waitFor();
    await c.getByRole('button', { name: '回拨' }).waitFor();
    await expect.poll(() => interactionOf(callId!)?.outcome).toBe('missed');
    expect(interactionOf(callId!)?.answered_at).toBeNull();
    await c.getByRole('button', { name: '回拨' }).click();
    await c.getByText('已预约回拨').waitFor();
    const callbacks = readDb((db) => db.prepare("SELECT count(*) AS n FROM callbacks WHERE reason = 'missed_call' AND phone = ?").get(who!.e164) as { n: number });
    expect(callbacks.n).toBe(1);
  });

  it('keeps working after a burst of 1,000 malformed AMI lines', async () => {
    const garbage = Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? `no colon here ${i}` : i % 3 === 1 ? `\u0000\u0001binary${i}:` : `${'x'.repeat(9000)}`)).join('\r\n');
    peer.sendRaw(`${garbage}\r\n\r\n`);
    const [, , who] = customersWithOwnPhone();
    const events = directCall({ from: who!.national, dnis: firstLine().number, extension: EXTENSION, answer: true, ringS: 1, talkS: 1 });
    const [callId] = linkedIdsOf(events);
    await peer.replay(events);
    await card(callId!).getByText(who!.name, { exact: true }).first().waitFor();
    await expect(page.getByRole('button', { name: /AMI 已连接/ }).count()).resolves.toBe(1);
  });
});
