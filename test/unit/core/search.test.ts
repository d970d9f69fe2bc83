import { describe, expect, it } from 'vitest';
import type { CustomerProfile, SearchResult } from '../../../shared/contract/customer-schemas';
import { createCore, type Core } from '../../../electron/core/create-core';
import { manualClock, useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

async function seed(core: Core) {
  const make = async (customer: Record<string, unknown>) => {
    const r = await core.invoke('customers.create', { customer });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return (r.value as CustomerProfile).customer.id;
  };
  return {
    wangwei: await make({ name: '王伟', phones: ['13812345678'], emails: ['ww@163.com'] }),
    wangwu: await make({ name: '王五', phones: ['021-6123 4567'] }),
    ouyang: await make({ name: '欧阳娜娜' }),
    smith: await make({ name: 'John Smith', emails: ['john.smith@example.com'] }),
  };
}

const names = async (core: Core, query: string) => {
  const r = await core.invoke('customers.search', { query });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return (r.value as SearchResult).items.map((i) => i.name);
};

describe('search as you type', () => {
  it('finds by Chinese name, pinyin, initials, phone digits, email, and ranks exact matches first', async () => {
    const core = createCore({ dataDir: tempDir(), clock: manualClock() });
    await seed(core);
    expect(await names(core, '王')).toEqual(expect.arrayContaining(['王伟', '王五']));
    expect(await names(core, '伟')).toEqual(['王伟']);
    expect(await names(core, 'wangwei')).toEqual(['王伟']);
    expect((await names(core, 'ww'))[0]).toBe('王伟');
    expect(await names(core, 'WW')).toContain('王伟');
    expect(await names(core, 'nana')).toEqual(['欧阳娜娜']);
    expect(await names(core, '5678')).toEqual(['王伟']);
    expect(await names(core, '1234 5678')).toEqual(['王伟']);
    expect(await names(core, '+86 138-1234-5678')).toEqual(['王伟']);
    expect(await names(core, '61234567')).toEqual(['王五']);
    expect(await names(core, 'smith')).toEqual(['John Smith']);
    expect(await names(core, 'john.smith@')).toEqual(['John Smith']);
    expect(await names(core, '567')).toEqual([]);
    expect(await names(core, '   ')).toEqual([]);
    core.close();
  });

  it('follows edits: a renamed customer is found by the new name only', async () => {
    const core = createCore({ dataDir: tempDir(), clock: manualClock() });
    const ids = await seed(core);
    await core.invoke('customers.update', { id: ids.wangwu, patch: { name: '李四' } });
    expect(await names(core, 'wangwu')).toEqual([]);
    expect(await names(core, 'lisi')).toEqual(['李四']);
    core.close();
  });

  it('masks phones in results and says when there are more matches than shown', async () => {
    const core = createCore({ dataDir: tempDir(), clock: manualClock() });
    for (let i = 0; i < 6; i++) await core.invoke('customers.create', { customer: { name: `王伟${i}`, phones: [`1380000000${i}`] } });
    const r = await core.invoke('customers.search', { query: 'wangwei', limit: 3 });
    expect(r.ok && r.value).toMatchObject({ more: true });
    const items = (r as { value: SearchResult }).value.items;
    expect(items).toHaveLength(3);
    expect(items[0]!.phone).toMatch(/\*/);
    core.close();
  });
});
