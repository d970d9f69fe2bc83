import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { byName, createFakeCore, type FakeCore } from '../fake-core';
import { renderApp, openCustomer, search } from '../render-app';
import { openPanel, press, section, syncLine, tabTo } from './helpers';

const MIN = 60_000;

function seedParked(core: FakeCore) {
  core.sync.setStatus({ state: 'online', hubUrl: 'https://hub.example.com', lastSyncAt: Date.now() });
  core.sync.park({ entity: 'customers', fields: ['name', 'phone'], code: 'invalid', reason: 'customers: name: Too big', at: Date.now() - 30 * MIN });
  core.sync.park({ entity: 'hotel_rooms', op: 'insert', fields: ['room_no'], code: 'unknown_entity', reason: '"hotel_rooms" is not a synced table', at: Date.now() - 10 * MIN });
}

function seedConflicts(core: FakeCore) {
  // The phone conflict comes with the record's label and the seats' names; the odd one as an older
  // hub sends it (no names) about a record this seat does not have (no label).
  const phone = core.sync.addConflict({
    entity: 'customers',
    field: 'phone',
    winnerValue: '+8613800000001',
    loserValue: '+8613900000002',
    winnerSeat: core.session.seatId,
    winnerSeatName: 'hq-supervisor',
    winnerBranch: '总部',
    loserSeat: 'seat-branch-7',
    loserSeatName: '前台 2',
    loserBranch: '杭州分店',
    recordLabel: '林同步 (M0001)',
  });
  const odd = core.sync.addConflict({ entity: 'customers', field: 'loyalty_level', winnerValue: null, loserValue: 7, winnerSeat: 'hub', loserSeat: 'seat-gone', detectedAt: Date.now() - 5 * MIN });
  return { phone, odd };
}

describe('sync panel', () => {
  it('lists the changes headquarters refused: entity and fields in words (raw names when unknown), code, reason, time, and what to do', async () => {
    const core = createFakeCore();
    seedParked(core);
    const { user } = await renderApp({ core });
    expect(syncLine().textContent).toContain('被退回 2');
    await openPanel(user);
    const parked = section(/被总部退回的修改（2）/);
    await waitFor(() => expect(within(parked).getAllByRole('listitem')).toHaveLength(2));
    expect(within(parked).getByText(/只保存在本机，没有同步到其他坐席，也不会自动重试/)).toBeTruthy();
    const [newest, older] = within(parked).getAllByRole('listitem');
    expect(newest!.textContent).toContain('新建hotel_rooms：room_no');
    expect(newest!.textContent).toContain('代码 unknown_entity');
    expect(newest!.textContent).toContain('原因："hotel_rooms" is not a synced table');
    expect(older!.textContent).toContain('修改客户：姓名、电话');
    expect(older!.textContent).toContain('代码 invalid');
    expect(older!.textContent).toMatch(/修改于 \d{4}/);

    // A third one is refused while the panel is open: the list follows the count.
    act(() => void core.sync.park({ entity: 'callbacks', fields: ['window_start'], code: 'invalid', reason: 'window_start: expected number' }));
    await waitFor(() => expect(within(section(/被总部退回的修改（3）/)).getAllByRole('listitem')).toHaveLength(3));
    expect(section(/被总部退回的修改/).textContent).toContain('修改回访：回访时段开始');
  });

  it('says so when nothing was refused', async () => {
    const { user } = await renderApp();
    await openPanel(user);
    await waitFor(() => expect(within(section(/被总部退回的修改（0）/)).getByText('没有被退回的修改。')).toBeTruthy());
  });

  it('a supervisor sees the conflicts with both values, who wrote them and when, and resolves them', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    core.sync.setStatus({ state: 'online', hubUrl: 'https://hub.example.com' });
    const { phone, odd } = seedConflicts(core);
    const { user } = await renderApp({ core });
    await openPanel(user);
    await waitFor(() => expect(within(section(/同步冲突（2）/)).getAllByRole('listitem')).toHaveLength(2));
    expect(core.callsTo('sync.conflicts')).toEqual([{ status: 'open' }]);

    // Which customer, and which seat of which branch wrote each value; the raw ids stay as details.
    const phoneItem = screen.getByRole('listitem', { name: '客户 林同步 (M0001) · 电话' });
    expect(phoneItem.textContent).toContain('当前值+8613800000001');
    expect(phoneItem.textContent).toContain('本坐席，');
    expect(phoneItem.textContent).toContain('丢失的值+8613900000002');
    expect(phoneItem.textContent).toContain('杭州分店 · 前台 2，');
    expect(phoneItem.textContent).not.toContain('坐席 seat-branch-7');
    expect(within(phoneItem).getByTitle('seat-branch-7').textContent).toContain('杭州分店 · 前台 2');
    expect(phoneItem.textContent).toContain(`记录编号 ${phone.entityId}`);
    const oddItem = screen.getByRole('listitem', { name: '客户 · loyalty_level' });
    expect(oddItem.textContent).toContain('当前值（空）');
    expect(oddItem.textContent).toContain('总部，');
    expect(oddItem.textContent).toContain('丢失的值7');
    expect(oddItem.textContent).toContain('坐席 seat-gone，');
    expect(oddItem.textContent).toContain(`记录编号 ${odd.entityId}`);

    await press(user, within(within(phoneItem).getByRole('group', { name: '客户 林同步 (M0001) · 电话' })).getByRole('button', { name: '改用丢失的值' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: '客户 林同步 (M0001) · 电话' })).toBeNull());
    expect(core.callsTo('sync.resolveConflict')).toEqual([{ id: phone.id, keep: 'loser' }]);
    expect(core.sync.conflicts.get(phone.id)!.resolution).toBe('loser');
    expect(screen.getByText('已改用丢失的值，其他坐席会同步到这个值。')).toBeTruthy();

    await press(user, within(screen.getByRole('listitem', { name: '客户 · loyalty_level' })).getByRole('button', { name: '保留当前值' }));
    await waitFor(() => expect(within(section(/同步冲突（0）/)).getByText('没有待处理的冲突。')).toBeTruthy());
    expect(core.callsTo('sync.resolveConflict')[1]).toEqual({ id: odd.id, keep: 'winner' });
    expect(screen.getByText('已保留当前值，冲突已处理。')).toBeTruthy();
  });

  it('a conflict someone else resolved first says so and the list is reloaded', async () => {
    const core = createFakeCore({ role: 'admin' });
    const { phone } = seedConflicts(core);
    const { user } = await renderApp({ core });
    await openPanel(user);
    const item = await screen.findByRole('listitem', { name: '客户 林同步 (M0001) · 电话' });
    core.sync.conflicts.set(phone.id, { ...phone, status: 'resolved', resolution: 'winner' });
    await press(user, within(item).getByRole('button', { name: '保留当前值' }));
    expect((await within(item).findByRole('alert')).textContent).toBe('冲突没有处理成功：这个冲突已不存在，可能已被其他人处理。');
    await waitFor(() => expect(screen.queryByRole('listitem', { name: '客户 林同步 (M0001) · 电话' })).toBeNull());
    expect(core.callsTo('sync.conflicts')).toHaveLength(2);
  });

  it('offline, the conflicts cannot be read: the reason is shown', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    core.override('sync.conflicts', () => ({ ok: false, error: { code: 'unavailable', message: 'sync.errors.offline' } }));
    const { user } = await renderApp({ core });
    await openPanel(user);
    expect((await within(section(/同步冲突/)).findByRole('alert')).textContent).toBe('无法读取冲突：连不上总部，稍后会自动重试。');
  });

  it('an agent sees neither the conflicts nor the settings form, only the hub address', async () => {
    const core = createFakeCore({ role: 'agent' });
    seedConflicts(core);
    core.sync.settings = { hubUrl: 'https://hub.example.com', token: 'x'.repeat(20) };
    core.sync.setStatus({ state: 'online', hubUrl: 'https://hub.example.com' });
    const { user } = await renderApp({ core });
    const p = await openPanel(user);
    await waitFor(() => expect(within(section(/被总部退回的修改/)).getByText('没有被退回的修改。')).toBeTruthy());
    expect(within(p).queryByRole('region', { name: /同步冲突/ })).toBeNull();
    expect(core.callsTo('sync.conflicts')).toEqual([]);
    const settings = section('总部连接');
    expect(within(settings).queryByRole('textbox')).toBeNull();
    expect(settings.textContent).toContain('https://hub.example.com');
    expect(settings.textContent).toContain('只有班长或管理员可以更改总部连接。');
  });

  it('says the token alone is enough (the id is for reference), and a token bound to another seat is an actionable problem', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    core.sync.settings = { hubUrl: 'https://hub.example.com', token: 'x'.repeat(20) };
    core.sync.setStatus({ state: 'unauthorized', hubUrl: 'https://hub.example.com', lastError: 'sync.errors.seatMismatch' });
    const { user } = await renderApp({ core });
    await openPanel(user);
    const settings = section('总部连接');
    await within(settings).findByLabelText('总部地址');
    expect(settings.textContent).toContain('只需令牌即可');
    expect(settings.textContent).toContain(`本坐席编号${core.session.seatId}`);
    expect(settings.textContent).toContain('seat add --id');
    const status = section('状态');
    expect(status.textContent).toContain('这个令牌属于另一个坐席');
    expect(status.textContent).toContain('申请新令牌');

    act(() => void core.sync.setStatus({ state: 'unauthorized', lastError: 'sync.errors.seatTaken' }));
    await waitFor(() => expect(section('状态').textContent).toContain('本坐席已在总部用另一个令牌登记'));
  });

  it('a supervisor saves the hub settings (checked first), the line goes online, and can turn sync off', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    const { user } = await renderApp({ core });
    expect(syncLine().textContent).toContain('同步未开启');
    await openPanel(user);
    const settings = section('总部连接');
    const url = await within(settings).findByLabelText('总部地址');
    const token = within(settings).getByLabelText('坐席令牌');
    // The id headquarters registers this seat under is right there to read out or copy.
    expect(settings.textContent).toContain(`本坐席编号${core.session.seatId}`);
    await tabTo(user, url);
    await user.keyboard('hub.example.com');
    await tabTo(user, token);
    await user.keyboard('short');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(url);
    expect(settings.textContent).toContain('请输入以 http:// 或 https:// 开头的完整网址');
    expect(settings.textContent).toContain('令牌长度须为 16 至 200 个字符');
    expect(core.callsTo('sync.configure')).toEqual([]);

    await user.clear(url);
    await user.keyboard('https://hub.example.com');
    // Tabbing into the field selects what it holds: typing replaces it.
    await tabTo(user, token);
    await user.keyboard('short-and-a-much-longer-token');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(core.callsTo('sync.configure')).toHaveLength(1));
    expect(core.callsTo('sync.configure')[0]).toEqual({ settings: { hubUrl: 'https://hub.example.com', token: 'short-and-a-much-longer-token' } });
    await waitFor(() => expect(syncLine().textContent).toContain('在线'));
    expect(screen.getByText('同步设置已保存，正在连接总部。')).toBeTruthy();
    expect((token as HTMLInputElement).value).toBe('');
    expect(settings.textContent).toContain('已保存令牌');

    await press(user, within(settings).getByRole('button', { name: '关闭同步' }));
    await waitFor(() => expect(syncLine().textContent).toContain('同步未开启'));
    expect(core.callsTo('sync.configure')[1]).toEqual({ settings: null });
  });

  it('pulled rows refresh what is on screen: the search results and the open profile', async () => {
    const core = createFakeCore();
    const { user } = await renderApp({ core });
    await search(user, '王');
    await openCustomer(user, '王', '王伟');
    const searches = core.callsTo('customers.search').length;
    const gets = core.callsTo('customers.get').length;

    Object.assign(byName(core, '王伟').customer, { occupation: '导游' });
    act(() => core.emit('sync.pulled', { entities: ['customers'] }));
    await waitFor(() => expect(core.callsTo('customers.get').length).toBe(gets + 1));
    await waitFor(() => expect(core.callsTo('customers.search').length).toBe(searches + 1));

    // Rows nobody shows here: nothing is fetched.
    act(() => core.emit('sync.pulled', { entities: ['branches'] }));
    await new Promise((r) => setTimeout(r, 20));
    expect(core.callsTo('customers.get').length).toBe(gets + 1);
    expect(core.callsTo('customers.search').length).toBe(searches + 1);
  });

  it('pulled callbacks reload the open queue', async () => {
    const core = createFakeCore();
    const { user } = await renderApp({ core });
    await user.keyboard('{Alt>}2{/Alt}');
    await waitFor(() => expect(core.callsTo('callbacks.list').length).toBeGreaterThan(0));
    const lists = core.callsTo('callbacks.list').length;
    act(() => core.emit('sync.pulled', { entities: ['callback_attempts', 'callbacks'] }));
    await waitFor(() => expect(core.callsTo('callbacks.list').length).toBe(lists + 1));
  });
});
