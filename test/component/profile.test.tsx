import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeCore, byName } from './fake-core';
import { openCustomer, renderApp, search } from './render-app';

const panel = (name: string) => screen.getByRole('region', { name });
const factValue = (region: HTMLElement, term: string) => {
  const dt = within(region).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling?.textContent ?? '';
};

describe('customer profile', () => {
  it('shows the header and the value panel in zh-CN: tier, lifecycle, RFM, CLV, 12-month figures', async () => {
    const { user } = await renderApp();
    await openCustomer(user, '王伟', '王伟');

    const article = screen.getByRole('article', { name: '王伟' });
    expect(within(article).getAllByText('白金').length).toBeGreaterThan(0);
    expect(within(article).getAllByText('稳定期').length).toBeGreaterThan(0);
    expect(within(article).getAllByText('现实客户').length).toBeGreaterThan(0);
    expect(within(article).getByText('M100001')).toBeTruthy();
    expect(within(article).getByText('未结投诉 1')).toBeTruthy();
    // Do-not-contact is impossible to miss.
    expect(within(article).getByRole('note').textContent).toContain('请勿联系');

    const value = panel('客户价值');
    expect(factValue(value, '价值等级')).toBe('白金');
    expect(factValue(value, 'RFM 评分')).toBe('R 5 · F 4 · M 5 代码 545');
    expect(factValue(value, '客户终身价值')).toBe('¥45,678.00');
    expect(factValue(value, '生命周期')).toBe('稳定期');
    expect(factValue(value, '近 12 个月利润')).toBe('¥12,345.00');
    expect(factValue(value, '近 12 个月收入')).toBe('¥88,000.00');
    expect(factValue(value, '近 12 个月预订')).toBe('6 笔');
    expect(factValue(value, '最近一次预订')).toBe('2025年5月2日');
  });

  it('shows personal details, preferences, bookings and the interaction timeline', async () => {
    const { user } = await renderApp();
    await openCustomer(user, '王伟', '王伟');

    const personal = panel('个人资料');
    expect(factValue(personal, '性别')).toBe('男');
    expect(factValue(personal, '出生日期')).toBe('1985年7月21日');
    expect(factValue(personal, '首选联系渠道')).toBe('微信');
    expect(factValue(personal, '地址')).toBe('上海 上海 徐汇区漕溪北路 88 号');
    expect(factValue(personal, '营销许可')).toBe('不接收营销信息');
    const prefs = panel('偏好与兴趣');
    expect(factValue(prefs, '房型')).toBe('大床房'); // category code room_type, labelled
    expect(within(prefs).getByText('兴趣', { selector: 'dt' }).nextElementSibling!.querySelectorAll('li')).toHaveLength(2);
    expect(factValue(prefs, 'vip_code')).toBe('A1'); // an unknown code is shown as it is

    const bookings = within(panel('预订记录')).getByRole('table');
    const rows = within(bookings).getAllByRole('row');
    expect(within(rows[0]!).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['产品', '类型', '日期', '金额', '毛利', '状态']);
    expect(rows[1]!.textContent).toContain('三亚亚特兰蒂斯 5 晚');
    expect(rows[1]!.textContent).toContain('酒店');
    expect(rows[1]!.textContent).toContain('¥12,800.00');
    expect(rows[1]!.textContent).toContain('¥2,300.00');
    expect(rows[1]!.textContent).toContain('已完成');
    expect(rows[2]!.textContent).toContain('旅游团');
    expect(rows[2]!.textContent).toContain('已取消');

    const timeline = within(panel('接触记录')).getAllByRole('listitem');
    expect(timeline[0]!.textContent).toContain('微信');
    expect(timeline[0]!.textContent).toContain('呼入');
    expect(timeline[0]!.textContent).toContain('坐席：李静');
    expect(timeline[0]!.textContent).toContain('处理结果：INFO');
    expect(timeline[0]!.textContent).toContain('询问三亚酒店加床');
    expect(timeline[0]!.textContent).toContain('时长 3 分 12 秒');
    expect(timeline[1]!.textContent).toContain('呼出');
  });

  it('shows contacts masked, and "显示" reveals them through the audited channel', async () => {
    const { user, core } = await renderApp();
    await openCustomer(user, '王伟', '王伟');
    const contacts = panel('联系方式');
    expect(contacts.textContent).toContain('+86 138****5678');
    expect(contacts.textContent).toContain('w***@example.com');
    expect(contacts.textContent).not.toContain('wang.wei@example.com');
    expect(core.callsTo('customers.revealContacts')).toHaveLength(0);

    await user.click(within(contacts).getByRole('button', { name: '显示' }));
    await waitFor(() => expect(contacts.textContent).toContain('wang.wei@example.com'));
    expect(contacts.textContent).toContain('138 1234 5678');
    expect(core.callsTo('customers.revealContacts')).toEqual([{ id: byName(core, '王伟').customer.id }]);

    await user.click(within(contacts).getByRole('button', { name: '隐藏' }));
    expect(contacts.textContent).not.toContain('wang.wei@example.com');
  });

  it('shows credit standing and contacts for an organisation', async () => {
    const { user } = await renderApp();
    await openCustomer(user, '锦江', '上海锦江旅行社');
    const credit = panel('资信');
    expect(factValue(credit, '信用额度')).toBe('¥500,000.00');
    expect(factValue(credit, '信用评级')).toBe('AA');
    expect(factValue(credit, '逾期金额')).toBe('¥12,500.00');
    expect(panel('企业联系人').textContent).toContain('陈经理 · 采购主管');
    expect(screen.getByRole('article').textContent).toContain('退化期');
    expect(screen.queryByRole('region', { name: '个人资料' })).toBeTruthy();
  });

  it('refreshes the open profile when the core announces customer.changed', async () => {
    const { user, core } = await renderApp();
    await openCustomer(user, '王芳', '王芳');
    act(() => core.changeBehindTheScenes(byName(core, '王芳').customer.id, { name: '王芳芳' }));
    expect(await screen.findByRole('heading', { level: 2, name: '王芳芳' })).toBeTruthy();
  });

  it('says what to do when the profile cannot be loaded', async () => {
    const core = createFakeCore();
    core.override('customers.get', () => ({ ok: false, error: { code: 'not_found', message: 'errors.customerNotFound' } }));
    const { user } = await renderApp({ core });
    const rows = await search(user, '李');
    await user.click(rows[0]!);
    expect((await screen.findByRole('alert')).textContent).toContain('找不到这位客户，可能已被删除或合并。请重新搜索。');
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });
});
