import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { migrate } from '../../../server/migrations';
import { addSeat } from '../../../server/seats';
import { CsvFileError, formatCsvReport, importCustomersCsv, parseCustomersCsv } from '../../../server/import/csv-customers';
import { change, newSeat, pullAll, push, useHubs } from '../../support/hub';
import { useTestDatabase } from '../../support/postgres';
import { useTempDirs } from '../../support/temp-dir';

// `npm run hub -- import customers`: headquarters' CSV into the hub's synced tables, pulled by
// every seat. Good and bad lines, re-import without duplicates, dry run, a real seat finding an
// imported customer by pinyin and by phone.

const db = useTestDatabase();
const startHub = useHubs(db);
const tempDir = useTempDirs();

const GOOD_AND_BAD = [
  '\uFEFFName,Phone,EMAIL,Member_No,Gender,Birthday,City,Notes', // BOM, mixed-case header
  '张三,13812345678;021-6123 4567,Zhang.San@163.com,M001,男,1980-05-01,上海,VIP',
  '李四,12345,,M002,,,北京,',
  ',13900001111,,,,,,',
  '王五,13900002222,not-an-email,,,,,',
  '赵六,13900003333,,,x,,,',
  '钱七,13900004444,,,f,1990-02-30,,',
  '孙八,13900005555,sun@example.com;sun8@qq.com,,female,1975-12-31,杭州,"两行',
  '备注"',
  '张三丰,13912340000,,M001,,,,',
  '周九,,,,,,,',
  '',
  '吴十,+852 9123 4567,,,,,香港,',
].join('\r\n');

function file(text: string): string {
  const path = join(tempDir(), 'customers.csv');
  writeFileSync(path, text);
  return path;
}

async function q<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const pool = db.pool(1);
  try {
    return (await pool.query(sql, params)).rows as T[];
  } finally {
    await pool.end();
  }
}

const hubCustomers = () =>
  q<{ id: string; fields: Record<string, unknown> }>(`SELECT id, fields FROM rows WHERE entity = 'customers' ORDER BY fields->>'name'`);

describe('import customers (CSV)', () => {
  it('imports the good lines, reports each bad line with its number and reason, and writes customers, phones and e-mails as the hub', async () => {
    const pool = db.pool(2);
    await migrate(pool);
    const report = await importCustomersCsv(pool, file(GOOD_AND_BAD), { now: Date.UTC(2026, 0, 5) });
    expect(report.lines).toBe(10); // records: the quoted two-line cell is one, the blank line none
    expect(report.imported).toBe(3);
    expect(report.refused).toEqual([
      { line: 3, reason: 'phone "12345" is not a valid phone number' },
      { line: 4, reason: 'name is empty' },
      { line: 5, reason: 'email "not-an-email" is not a valid e-mail address' },
      { line: 6, reason: expect.stringContaining('gender "x" is not one of') as unknown },
      { line: 7, reason: 'birthday "1990-02-30" is not a real date between 1900-01-01 and today' },
      { line: 10, reason: 'is the same customer as line 2 (same member_no)' },
      { line: 11, reason: expect.stringContaining('needs a member_no, a phone or an email') as unknown },
    ]);
    const text = formatCsvReport(report);
    expect(text).toContain('3 imported, 7 refused (of 10 rows');
    expect(text).toContain('line 3: phone "12345" is not a valid phone number');

    const customers = await hubCustomers();
    expect(customers.map((c) => c.fields.name).sort()).toEqual(['吴十', '孙八', '张三'].sort());
    const zhang = customers.find((c) => c.fields.name === '张三')!;
    expect(zhang.fields).toMatchObject({ kind: 'person', member_no: 'M001', gender: 'male', birth_date: '1980-05-01', city: '上海', notes: 'VIP' });
    const sun = customers.find((c) => c.fields.name === '孙八')!;
    expect(sun.fields).toMatchObject({ gender: 'female', city: '杭州', notes: '两行\n备注' });

    const phones = await q<{ fields: Record<string, unknown> }>(`SELECT fields FROM rows WHERE entity = 'customer_phones' AND fields->>'customer_id' = $1`, [zhang.id]);
    expect(phones.map((p) => p.fields).sort((a, b) => Number(b.is_primary) - Number(a.is_primary))).toEqual([
      expect.objectContaining({ e164: '+8613812345678', national: '13812345678', kind: 'mobile', is_primary: 1 }),
      expect.objectContaining({ e164: '+862161234567', national: '2161234567', kind: 'landline', is_primary: 0 }),
    ]);
    const emails = await q<{ fields: Record<string, unknown> }>(`SELECT fields FROM rows WHERE entity = 'customer_emails' ORDER BY fields->>'email'`);
    expect(emails.map((e) => e.fields.email)).toEqual(['sun8@qq.com', 'sun@example.com', 'zhang.san@163.com']); // lower-cased like the seat
    // Written as the hub: one pull log entry per row, origin hub, hub stamps.
    const log = await q<{ entity: string; op: string; origin_seat: string; hlc: string }>('SELECT entity, op, origin_seat, hlc FROM changes ORDER BY server_seq');
    expect(log).toHaveLength(3 + 4 + 3);
    expect(new Set(log.map((l) => `${l.op}/${l.origin_seat}`))).toEqual(new Set(['insert/hub']));
    expect(log.every((l) => l.hlc.endsWith('-hub'))).toBe(true);
    expect((await q<{ v: string }>('SELECT v FROM sync_counter'))[0]!.v).toBe('10');

    // Again, with one value changed and one phone added: the same customers, only the changes logged.
    const changed = GOOD_AND_BAD.replace('上海,VIP', '苏州,VIP').replace('+852 9123 4567', '+852 9123 4567;13700009999');
    const again = await importCustomersCsv(pool, file(changed), { now: Date.UTC(2026, 0, 6) });
    expect(again.imported).toBe(3);
    expect(again.write!.byEntity.customers).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
    expect(again.write!.byEntity.customer_phones).toEqual({ inserted: 1, updated: 0, unchanged: 4 });
    const after = await hubCustomers();
    expect(after).toHaveLength(3);
    expect(after.find((c) => c.id === zhang.id)!.fields).toMatchObject({ city: '苏州', updated_at: Date.UTC(2026, 0, 6), created_at: Date.UTC(2026, 0, 5) });
    const log2 = await q<{ entity: string; op: string; fields: Record<string, unknown> }>('SELECT entity, op, fields FROM changes WHERE server_seq > 10 ORDER BY server_seq');
    expect(log2).toEqual([
      { entity: 'customers', op: 'update', fields: { city: '苏州', updated_at: Date.UTC(2026, 0, 6) } },
      { entity: 'customer_phones', op: 'insert', fields: expect.objectContaining({ e164: '+8613700009999', is_primary: 0 }) as unknown },
    ]);
    // The same file a third time writes nothing.
    const third = await importCustomersCsv(pool, file(changed), { now: Date.UTC(2026, 0, 7) });
    expect(third.write!.changes).toBe(0);
    expect((await q<{ v: string }>('SELECT v FROM sync_counter'))[0]!.v).toBe('12');
  });

  it('a dry run checks and reports without writing; whole-file problems are refused with a clear message', async () => {
    const pool = db.pool(2);
    await migrate(pool);
    const before = await q<{ n: string }>('SELECT count(*) AS n FROM changes');
    const dry = await importCustomersCsv(pool, file('name,phone\n测试甲,13811112222\n测试乙,abc\n'), { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, lines: 2, imported: 1, refused: [{ line: 3, reason: 'phone "abc" is not a valid phone number' }], write: null });
    expect(formatCsvReport(dry)).toContain('1 would be imported, 1 refused');
    expect(await q('SELECT count(*) AS n FROM changes')).toEqual(before);
    expect(await q(`SELECT id FROM rows WHERE fields->>'name' = '测试甲'`)).toEqual([]);

    expect(() => parseCustomersCsv(Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]), { now: 0 })).toThrow(/not UTF-8/); // GBK 张三
    expect(() => parseCustomersCsv('name,phnoe\n张三,1\n', { now: 0 })).toThrow(/unknown column "phnoe"/);
    expect(() => parseCustomersCsv('phone\n13812345678\n', { now: 0 })).toThrow(/no "name" column/);
    expect(() => parseCustomersCsv('name,notes\n张三,"unclosed\n', { now: 0 })).toThrow(CsvFileError);
    await expect(importCustomersCsv(pool, file('name\n张三\n'), { branch: 'nowhere' })).rejects.toThrow(/no such branch/);
  });

  it('the command prints the report, exits 3 when lines were refused, and writes nothing with --dry-run', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/hub-cli.ts', 'import', 'customers', '--database-url', db.url, ...args], { encoding: 'utf8' });
    const path = file('name,phone\n命令甲,13822223333\n命令乙,12\n');
    const dry = run('--file', path, '--dry-run');
    expect(dry.stdout).toContain('dry run');
    expect(dry.stdout).toContain('line 3: phone "12" is not a valid phone number');
    expect(dry.status).toBe(3);
    const real = run('--file', path);
    expect(real.stdout).toContain('1 imported, 1 refused');
    expect(real.stderr).toMatch(/kefu import customers: 2\/2 rows \(100%\) written/);
    expect(real.status).toBe(3);
    const missing = run('--file', join(tempDir(), 'none.csv'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('kefu import customers: cannot read');
  });

  it('a re-import that overwrites a value a seat edited keeps the seat value as a conflict; a later seat edit wins over the import', async () => {
    const { url } = await startHub();
    const pool = db.pool(2);
    const path = () => file('name,member_no,city\n冲突甲,C-1,南京\n');
    const first = await importCustomersCsv(pool, path(), { now: Date.now() });
    const id = [...parseCustomersCsv('name,member_no\n冲突甲,C-1\n', { now: 0 }).lineOf.keys()][0]!;
    expect(first.write!.byEntity.customers).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const seat = await newSeat(db);
    await pullAll(url, seat); // it has pulled the import
    const edited = await push(url, seat, [change(seat, 'customers', id, 'update', { city: '无锡', updated_at: Date.now() }, Date.now())]);
    expect(edited.status).toBe(200);
    expect(edited.body.rejected).toEqual([]);
    // HQ imports its file again, still saying 南京: the import wins, the seat's 无锡 is a conflict.
    const again = await importCustomersCsv(pool, path(), { now: Date.now() + 1 });
    expect(again.write!.conflicts).toBe(1);
    const { rows: conflicts } = await pool.query('SELECT field, winner_value, winner_seat, loser_value, loser_seat FROM conflicts');
    expect(conflicts).toEqual([{ field: 'city', winner_value: '南京', winner_seat: 'hub', loser_value: '无锡', loser_seat: seat.id }]);
    // A seat edit after the import (later stamp) wins.
    await pullAll(url, seat);
    await new Promise((r) => setTimeout(r, 5));
    const later = Date.now() + 10;
    expect((await push(url, seat, [change(seat, 'customers', id, 'update', { city: '常州', updated_at: later }, later)])).body.rejected).toEqual([]);
    const { rows } = await pool.query<{ city: string }>(`SELECT fields->>'city' AS city FROM rows WHERE entity = 'customers' AND id = $1`, [id]);
    expect(rows).toEqual([{ city: '常州' }]);
  });

  it('a seat pulls the imported customers and finds them by pinyin and by phone', async () => {
    const { url } = await startHub();
    const pool = db.pool(2);
    await importCustomersCsv(pool, file('name,phone,member_no,city\n欧阳娜娜,13766554433,VIP-9,上海\n'));
    const core: Core = createCore({ dataDir: tempDir(), role: 'supervisor', agentName: 'csv-seat', syncIntervalMs: 0, syncTest: { connectLive: null }, log: () => undefined });
    try {
      const { token } = await addSeat(pool, { branch: 'hq', name: `csv-seat-${core.seat.seatId.slice(-6)}`, role: 'supervisor', id: core.seat.seatId });
      const configured = await core.invoke('sync.configure', { settings: { hubUrl: url, token } });
      expect(configured.ok).toBe(true);
      expect(await core.sync.syncNow()).toMatchObject({ state: 'online', lastError: null });
      for (const query of ['ouyangnana', 'oynn', '66554433', 'VIP-9']) {
        const found = await core.invoke('customers.search', { query });
        if (!found.ok) throw new Error(JSON.stringify(found.error));
        const items = (found.value as { items: { name: string; city: string | null }[] }).items;
        expect(items.map((i) => i.name), query).toContain('欧阳娜娜');
      }
    } finally {
      await core.close();
    }
  });
});
