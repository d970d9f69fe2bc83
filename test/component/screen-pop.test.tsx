import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CallCard } from '../../shared/contract/call-schemas';
import { booking, byName, callCard, cardCustomerOf, createFakeCore, fakeId } from './fake-core';
import { renderApp, searchBox } from './render-app';

const MIN = 60_000;
const HOUR = 60 * MIN;

const cardRegion = (number: string, missed = false) => screen.getByRole('region', { name: `${missed ? '未接来电' : '来电'} ${number}` });
const cardById = (callId: string) => document.querySelector<HTMLElement>(`[data-testid="call-card"][data-call-id="${callId}"]`);

/** 王伟 (platinum, do-not-contact) calling the Sanya hotel line, with everything the card can show. */
function wangWeiCall(core: ReturnType<typeof createFakeCore>, fields: Partial<CallCard> = {}): CallCard {
  const now = Date.now();
  return callCard({
    caller: { display: '+86 138****5678', masked: true, country: 'CN', area: 'mobile' },
    dnis: '4008201234',
    lineName: '三亚湾锦程度假酒店',
    queue: 'VIP 专线',
    waitS: 45,
    match: {
      kind: 'customer',
      customer: cardCustomerOf(byName(core, '王伟'), {
        travellingNow: [booking({ product: '三亚湾锦程度假酒店 海景房 3 晚', kind: 'hotel', startsAt: now - 86_400_000, endsAt: now + 2 * 86_400_000 })],
        openComplaints: [
          { id: fakeId(), step: 3, category: 'service', severity: 'high', openedAt: now - 2 * 86_400_000, slaDueAt: now + 2 * HOUR, slaState: 'due_soon' },
        ],
        callbacksDue: [{ id: fakeId(), reason: 'complaint_follow_up', windowStart: now - 3 * HOUR, windowEnd: now - HOUR, overdue: true }],
        promisesDue: [{ id: fakeId(), description: '退还加床费用 200 元', dueAt: now + 86_400_000, overdue: false }],
        credit: { limitCents: 5_000_000, overdueCents: 1_250_000, rating: 'B', currency: 'CNY', warning: true },
      }),
    },
    ...fields,
  });
}

describe('screen pop: the card on ring', () => {
  it('appears straight from the ring event with salutation, tier, line, complaint step, overdue callback and credit warning', async () => {
    const { core } = await renderApp();
    const card = wangWeiCall(core);
    act(() => core.ring(card));

    // Painted from the payload alone: no profile fetched, nothing awaited.
    const region = cardRegion('+86 138****5678');
    expect(region.dataset.testid).toBe('call-card');
    expect(region.dataset.callId).toBe(card.callId);
    expect(core.callsTo('customers.get')).toHaveLength(0);

    expect(within(region).getByRole('heading', { level: 2 }).textContent).toBe('王先生');
    const text = region.textContent ?? '';
    for (const expected of [
      '王伟',
      '白金',
      'VIP',
      '振铃中',
      '三亚湾锦程度假酒店 · 4008201234',
      'VIP 专线',
      '排队 0:45',
      '中国大陆 · 手机',
      '简体中文',
      '稳定期',
      '¥45,678.00',
      '正在出行',
      '三亚湾锦程度假酒店 海景房 3 晚',
      '第 3 步 · 分析',
      '即将超时',
      '投诉回访',
      '退还加床费用 200 元',
      '询问三亚酒店加床',
      '房型：大床房',
      '来源：AMI 电话系统',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The overdue callback is marked as such; the promise that is not overdue is not.
    const overdue = within(region).getByText('已逾期');
    expect(overdue.closest('li')!.textContent).toContain('投诉回访');
    expect(overdue.closest('li')!.className).toContain('is-overdue');
    expect(within(region).getByText('退还加床费用 200 元').closest('li')!.className).not.toContain('is-overdue');

    const notes = within(region).getAllByRole('note').map((n) => n.textContent);
    expect(notes).toContainEqual(expect.stringContaining('资信警告：逾期 ¥12,500.00（额度 ¥50,000.00，评级 B）'));
    expect(notes).toContainEqual(expect.stringContaining('请勿联系'));

    // The card's shortcuts are on it.
    const keys = within(region).getByRole('group', { name: '快捷键' });
    expect(keys.textContent).toContain('聚焦来电');
    expect(within(keys).getByRole('button', { name: '打开资料' }).getAttribute('aria-keyshortcuts')).toBe('P');
    expect(within(keys).getByRole('button', { name: '新建投诉' }).getAttribute('aria-keyshortcuts')).toBe('C');
    expect(within(keys).getByRole('button', { name: '预约回访' }).getAttribute('aria-keyshortcuts')).toBe('B');
    expect((within(keys).getByRole('button', { name: '关闭' }) as HTMLButtonElement).disabled).toBe(true);
    // An AMI call reports answer and hang-up itself: no buttons for them.
    expect(within(region).queryByRole('button', { name: '接听' })).toBeNull();
  });

  it('shows the number exactly as the core sent it: masked for an agent, full for a role that may see it', async () => {
    const { core } = await renderApp();
    act(() => core.ring(wangWeiCall(core)));
    const region = cardRegion('+86 138****5678');
    expect(region.textContent).not.toContain('13812345678');
    expect(region.textContent).not.toContain('138 1234 5678');

    // A role that may see phones gets the full number from the core, and that is what shows.
    const full = callCard({ caller: { display: '021 6123 4567', masked: false, country: 'CN', area: '上海' } });
    act(() => core.ring(full));
    const landline = cardRegion('021 6123 4567');
    expect(landline.textContent).toContain('021 6123 4567');
    expect(landline.textContent).toContain('上海 固话');
  });

  it('greets an organisation by its name and follows the UI language for the labels', async () => {
    const { core, user } = await renderApp();
    await user.selectOptions(screen.getByRole('combobox', { name: '界面语言' }), 'en');
    const org = byName(core, '上海锦江旅行社');
    act(() => core.ring(callCard({ match: { kind: 'customer', customer: cardCustomerOf(org) } })));
    const region = screen.getByRole('region', { name: 'Call from +86 139****0000' });
    expect(within(region).getByRole('heading', { level: 2 }).textContent).toBe('上海锦江旅行社');
    expect(region.textContent).toContain('Ringing');
    expect(region.textContent).toContain('Mainland China · Mobile');
    expect(region.textContent).toContain('Credit warning: CN¥12,500.00 overdue');
  });

  it('P opens the caller’s full profile; Esc does nothing while the call is live', async () => {
    const { core, user } = await renderApp();
    act(() => core.ring(wangWeiCall(core)));
    // The idle search box gave the keyboard to the card.
    expect(document.activeElement).toBe(cardRegion('+86 138****5678'));
    await user.keyboard('p');
    expect(await screen.findByRole('heading', { level: 2, name: '王伟' })).toBeTruthy();
    expect(core.callsTo('customers.get')).toEqual([{ id: byName(core, '王伟').customer.id }]);
    await user.keyboard('{Escape}');
    expect(core.callsTo('calls.dismiss')).toHaveLength(0);
    expect(cardRegion('+86 138****5678')).toBeTruthy();
  });

  it('does not take the keyboard from an agent who is typing, and A brings it to the card', async () => {
    const { core, user } = await renderApp();
    await user.type(searchBox(), '王');
    act(() => core.ring(wangWeiCall(core)));
    expect(document.activeElement).toBe(searchBox());
    await user.keyboard('{Escape}'); // clears the box; focus stays there
    searchBox().blur();
    await user.keyboard('a');
    expect(document.activeElement).toBe(cardRegion('+86 138****5678'));
  });

  it('B on a live call opens the callback form (C, the complaint wizard, is in complaints/start.test.tsx)', async () => {
    const { core, user } = await renderApp();
    act(() => core.ring(wangWeiCall(core)));
    cardRegion('+86 138****5678');
    await user.keyboard('b');
    const dialog = screen.getByRole('dialog', { name: '为 王伟 预约回访' });
    expect((within(dialog).getByLabelText('回访号码') as HTMLSelectElement).value).toBe('+86 138****5678');
    expect(core.callsTo('calls.acceptCallbackOffer')).toHaveLength(0);
  });

  it('Esc closes an ended call that needs no wrap-up (a missed call)', async () => {
    const { core, user } = await renderApp();
    const card = callCard({ caller: { display: '+852 ******67', masked: true, country: 'HK', area: null } });
    act(() => core.ring(card));
    act(() => void core.updateCall(card.callId, { state: 'ended', missed: true, callbackOffered: true, endedAt: Date.now() }));
    const region = cardRegion('+852 ******67', true);
    expect(region.textContent).toContain('香港');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(cardById(card.callId)).toBeNull());
    expect(core.callsTo('calls.dismiss')).toEqual([{ callId: card.callId }]);
  });
});

describe('screen pop: several customers share the number', () => {
  it('lists the candidates as ranked; ↓ and Enter pick one through calls.chooseCustomer', async () => {
    const { core, user } = await renderApp();
    const fang = byName(core, '王芳');
    const na = byName(core, '李娜');
    const card = callCard({
      lineName: '锦程商旅热线',
      match: {
        kind: 'choose',
        candidates: [fang, na].map((c, i) => ({
          id: c.customer.id,
          kind: c.customer.kind,
          name: c.customer.name,
          memberNo: c.customer.memberNo,
          city: c.customer.city,
          tier: c.profile.metrics.tier,
          phone: '139****1111',
          matchedField: 'phone' as const,
          lastContactAt: i === 0 ? Date.UTC(2025, 4, 20) : null,
        })),
      },
    });
    // The core also knows the call, so it can answer chooseCustomer.
    act(() => core.ring(card));
    const region = cardRegion('+86 139****0000');
    expect(within(region).getByRole('heading', { level: 2 }).textContent).toBe('此号码对应多位客户');
    const list = within(region).getByRole('listbox', { name: '选择来电客户' });
    // The chooser has the keyboard right away.
    expect(document.activeElement).toBe(list);
    const rows = within(list).getAllByRole('option');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('王芳'), expect.stringContaining('李娜')]);
    expect(rows[0]!.textContent).toContain('黄金');
    expect(rows[0]!.textContent).toContain('最近接触 2025年5月20日');
    expect(rows[1]!.textContent).toContain('尚无接触记录');
    expect(rows[0]!.getAttribute('aria-selected')).toBe('true');

    await user.keyboard('{ArrowDown}');
    expect(list.getAttribute('aria-activedescendant')).toBe(rows[1]!.id);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(cardRegion('+86 139****0000')).getByRole('heading', { level: 2 }).textContent).toBe('李娜'));
    expect(core.callsTo('calls.chooseCustomer')).toEqual([{ callId: card.callId, customerId: na.customer.id }]);
  });
});

describe('screen pop: unknown caller', () => {
  it('shows the number’s region and earlier calls; quick-create refuses an empty name, then creates', async () => {
    const { core, user } = await renderApp();
    const card = callCard({
      caller: { display: '021 ****4567', masked: true, country: 'CN', area: '上海' },
      match: { kind: 'unknown', earlierCalls: [{ at: Date.UTC(2025, 4, 30, 2), outcome: 'missed', durationS: null }, { at: Date.UTC(2025, 4, 28, 2), outcome: 'answered', durationS: 95 }] },
    });
    act(() => core.ring(card));
    const region = cardRegion('021 ****4567');
    expect(within(region).getByRole('heading', { level: 2 }).textContent).toBe('陌生来电');
    expect(region.textContent).toContain('上海 固话');
    const earlier = within(region).getAllByRole('listitem');
    expect(earlier[0]!.textContent).toContain('2025年5月30日');
    expect(earlier[0]!.textContent).toContain('未接');
    expect(earlier[1]!.textContent).toContain('时长 1:35');

    const form = within(region).getByRole('form', { name: '快速建档' });
    await user.click(within(form).getByRole('button', { name: '建档' }));
    const name = within(form).getByLabelText('姓名');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('alert').textContent).toBe('此项必填，请填写后再保存。');
    expect(core.callsTo('calls.createCustomer')).toHaveLength(0);

    await user.type(name, '赵敏');
    expect(name.getAttribute('aria-invalid')).toBeNull(); // the error follows the typing once a submit was tried
    await user.selectOptions(within(form).getByLabelText('性别'), 'female');
    await user.type(within(form).getByLabelText('城市'), '杭州');
    await user.click(within(form).getByRole('button', { name: '建档' }));
    await waitFor(() => expect(within(cardRegion('021 ****4567')).getByRole('heading', { level: 2 }).textContent).toBe('赵女士'));
    expect(core.callsTo('calls.createCustomer')).toEqual([
      { callId: card.callId, customer: { kind: 'person', name: '赵敏', gender: 'female', language: 'zh-CN', city: '杭州' } },
    ]);
  });

  it('shows the core’s field errors next to the field', async () => {
    const core = createFakeCore();
    core.override('calls.createCustomer', () => ({
      ok: false,
      error: { code: 'invalid_input', message: 'errors.invalidInput', fields: { 'customer.city': 'validation.tooLong' } },
    }));
    const { user } = await renderApp({ core });
    act(() => core.ring(callCard()));
    const form = screen.getByRole('form', { name: '快速建档' });
    await user.type(within(form).getByLabelText('姓名'), '钱多多');
    await user.type(within(form).getByLabelText('城市'), '北京');
    await user.click(within(form).getByRole('button', { name: '建档' }));
    await waitFor(() => expect(within(form).getByLabelText('城市').getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('内容太长，请删减后再保存。')).toBeTruthy();
  });
});

describe('screen pop: missed call', () => {
  it('says 未接来电, offers 回拨, schedules it once and then says it is scheduled', async () => {
    const { core, user } = await renderApp();
    const card = wangWeiCall(core);
    act(() => core.ring(card));
    act(() => void core.updateCall(card.callId, { state: 'ended', missed: true, callbackOffered: true, endedAt: Date.now() }));
    const region = cardRegion('+86 138****5678', true);
    expect(region.textContent).toContain('未接来电');
    expect(region.textContent).toContain('客户在接听前挂断了。');
    expect(within(region).queryByRole('form', { name: '话后处理' })).toBeNull();

    const offer = within(region).getByRole('button', { name: '回拨' });
    await user.dblClick(offer);
    await user.keyboard('b');
    await waitFor(() => expect(region.textContent).toContain('已预约回拨：两小时内回拨，已分配给您。'));
    await user.keyboard('b');
    expect(core.callsTo('calls.acceptCallbackOffer')).toEqual([{ callId: card.callId }]);
    expect(within(region).queryByRole('button', { name: '回拨' })).toBeNull();
  });

  it('B accepts the offer from the keyboard', async () => {
    const { core, user } = await renderApp();
    const card = callCard();
    act(() => core.ring(card));
    act(() => void core.updateCall(card.callId, { state: 'ended', missed: true, endedAt: Date.now() }));
    await user.keyboard('b');
    await waitFor(() => expect(cardRegion('+86 139****0000', true).textContent).toContain('已预约回拨'));
    expect(core.callsTo('calls.acceptCallbackOffer')).toHaveLength(1);
  });
});

describe('screen pop: wrap-up', () => {
  async function endedAnsweredCall() {
    const app = await renderApp();
    const card = wangWeiCall(app.core);
    act(() => app.core.ring(card));
    act(() => void app.core.updateCall(card.callId, { state: 'answered', answeredAt: Date.now() - 3 * MIN }));
    expect(cardRegion('+86 138****5678').textContent).toContain('通话中');
    act(() => void app.core.updateCall(card.callId, { state: 'ended', endedAt: Date.now() }));
    return { ...app, card, region: cardRegion('+86 138****5678') };
  }

  it('keyboard only: a number key picks the code, typing fills the summary, Enter submits; then Esc closes', async () => {
    const { core, user, card, region } = await endedAnsweredCall();
    const form = within(region).getByRole('form', { name: '话后处理' });
    expect(region.textContent).toContain('已挂断');
    expect(region.textContent).toContain('通话时长 3:00');
    const radios = within(form).getAllByRole('radio');
    expect(radios.map((r) => r.closest('label')!.textContent)).toEqual([
      '1预订',
      '2咨询',
      '3变更',
      '4取消',
      '5投诉',
      '6账务',
      '7需回电',
      '8打错电话',
      '9其他',
    ]);
    // Hung up: the quick codes have the keyboard.
    expect(document.activeElement).toBe(radios[0]);

    await user.keyboard('3');
    expect((radios[2] as HTMLInputElement).checked).toBe(true);
    const summary = within(form).getByLabelText('一句话摘要');
    expect(document.activeElement).toBe(summary);
    await user.keyboard('客人把入住改到下周五');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(region.textContent).toContain('话后处理已完成。'));
    expect(core.callsTo('calls.wrapUp')).toEqual([{ callId: card.callId, disposition: 'change', summary: '客人把入住改到下周五' }]);
    expect(within(region).queryByRole('form', { name: '话后处理' })).toBeNull();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(cardById(card.callId)).toBeNull());
    expect(core.callsTo('calls.dismiss')).toEqual([{ callId: card.callId }]);
  });

  it('Enter without a code asks for one and sends nothing', async () => {
    const { core, user, region } = await endedAnsweredCall();
    await user.keyboard('{Enter}');
    expect(within(region).getByRole('alert').textContent).toBe('请选择一项。');
    expect(within(region).getByRole('radiogroup').getAttribute('aria-invalid')).toBe('true');
    expect(core.callsTo('calls.wrapUp')).toHaveLength(0);
    await user.keyboard('9');
    expect(within(region).queryByRole('alert')).toBeNull();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(core.callsTo('calls.wrapUp')).toHaveLength(1));
    expect(core.callsTo('calls.wrapUp')[0]).toMatchObject({ disposition: 'other', summary: '' });
  });

  it('closing before wrap-up asks to confirm; keeping goes back, confirming closes', async () => {
    const { core, user, card, region } = await endedAnsweredCall();
    await user.keyboard('{Escape}');
    const confirm = within(region).getByRole('alertdialog');
    expect(confirm.textContent).toContain('尚未完成话后处理。仍要关闭这张来电卡片吗？');
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: '继续话后处理' }));
    await user.keyboard('{Enter}');
    expect(within(region).queryByRole('alertdialog')).toBeNull();
    expect(core.callsTo('calls.dismiss')).toHaveLength(0);

    await user.click(within(region).getByRole('button', { name: '关闭' }));
    await user.click(within(region).getByRole('button', { name: '仍要关闭' }));
    await waitFor(() => expect(cardById(card.callId)).toBeNull());
    expect(core.callsTo('calls.dismiss')).toEqual([{ callId: card.callId }]);
    expect(core.callsTo('calls.wrapUp')).toHaveLength(0);
  });
});

describe('screen pop: sources that cannot report answer and hang-up', () => {
  it('a kefu:// URL call gets 接听 and 挂断 buttons that mark the state through calls.setState', async () => {
    const { core, user } = await renderApp();
    const card = callCard({ source: 'url' });
    act(() => core.ring(card));
    const region = cardRegion('+86 139****0000');
    expect(region.textContent).toContain('来源：软电话链接');
    await user.click(within(region).getByRole('button', { name: '接听' }));
    await waitFor(() => expect(region.textContent).toContain('通话中'));
    expect(within(region).queryByRole('button', { name: '接听' })).toBeNull();
    await user.click(within(region).getByRole('button', { name: '挂断' }));
    await waitFor(() => expect(within(region).getByRole('form', { name: '话后处理' })).toBeTruthy());
    expect(core.callsTo('calls.setState')).toEqual([
      { callId: card.callId, state: 'answered' },
      { callId: card.callId, state: 'ended' },
    ]);
  });
});

describe('screen pop: several calls at once', () => {
  it('shows both cards, newest first; a ringing call takes the card keys unless the agent is talking', async () => {
    const { core, user } = await renderApp();
    const first = wangWeiCall(core);
    act(() => core.ring(first));
    const second = callCard({ caller: { display: '+86 150****3333', masked: true, country: 'CN', area: 'mobile' }, ringAt: first.ringAt + 1000 });
    act(() => core.ring(second));

    const cards = screen.getAllByTestId('call-card');
    expect(cards.map((c) => c.dataset.callId)).toEqual([second.callId, first.callId]);
    expect(cardRegion('+86 138****5678').textContent).toContain('王先生');
    expect(cardRegion('+86 150****3333').textContent).toContain('陌生来电');
    // The newer ringing call is the one in full.
    expect(cardById(second.callId)!.className).toContain('is-focused');
    expect(cardById(first.callId)!.className).toContain('is-compact');

    await user.click(within(cardById(first.callId)!).getByRole('button', { name: '切换到此来电' }));
    expect(cardById(first.callId)!.className).toContain('is-focused');
    expect(document.activeElement).toBe(cardById(first.callId));

    // Talking on the first: a third call rings but does not take over.
    act(() => void core.updateCall(first.callId, { state: 'answered', answeredAt: Date.now() }));
    const third = callCard({ caller: { display: '+86 186****7777', masked: true, country: 'CN', area: 'mobile' }, ringAt: first.ringAt + 2000 });
    act(() => core.ring(third));
    expect(screen.getAllByTestId('call-card')).toHaveLength(3);
    expect(cardById(first.callId)!.className).toContain('is-focused');
    expect(cardById(third.callId)!.className).toContain('is-compact');

    // A (answer-focus) goes to the call still ringing.
    await user.keyboard('a');
    expect(cardById(third.callId)!.className).toContain('is-focused');
    expect(document.activeElement).toBe(cardById(third.callId));

    // The core drops the second; the others stay.
    act(() => core.emit('call.dismissed', { callId: second.callId }));
    expect(screen.getAllByTestId('call-card').map((c) => c.dataset.callId)).toEqual([third.callId, first.callId]);
  });

  it('a flood of calls draws only the newest few cards (and the focused one), with the rest one click away', async () => {
    const { core, user } = await renderApp();
    const calls = Array.from({ length: 8 }, (_, i) => callCard({ ringAt: Date.now() + i }));
    for (const c of calls) act(() => core.ring(c));
    const drawn = () => screen.getAllByTestId('call-card').map((c) => c.dataset.callId);
    expect(drawn()).toEqual(calls.slice(3).reverse().map((c) => c.callId));
    expect(screen.getByText('另有 3 通较早的来电')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '全部显示' }));
    expect(drawn()).toHaveLength(8);
    await user.click(screen.getByRole('button', { name: '只显示最新的来电' }));
    expect(drawn()).toHaveLength(5);
  });
});
