import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byName, callCard, cardCustomerOf, createFakeCore, type FakeCore } from './fake-core';
import { renderApp } from './render-app';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Three of my callbacks: one overdue, one due now, one later today. */
function seedQueue(core: FakeCore) {
  const fang = byName(core, '王芳');
  const na = byName(core, '李娜');
  const now = Date.now();
  const upcoming = core.addCallback({ customerId: na.customer.id, customerName: '李娜', windowStart: now + 2 * HOUR, windowEnd: now + 4 * HOUR, reason: 'sales_lead' });
  const due = core.addCallback({ customerId: fang.customer.id, customerName: '王芳', windowStart: now - 30 * MIN, windowEnd: now + 30 * MIN, reason: 'complaint_follow_up', phone: '+86 139****1111' });
  const overdue = core.addCallback({ customerName: '王强', windowStart: now - 3 * HOUR, windowEnd: now - HOUR, reason: 'missed_call' });
  return { upcoming, due, overdue };
}

/** What the queue last said (dial, attempt outcome), in its status line. */
const queueStatus = () => document.querySelector('.callbacks-view .notice')?.textContent ?? '';
const rows = () => within(screen.getByRole('list', { name: '我的回访' })).getAllByRole('article');
const rowOf = (name: string) => screen.getByRole('article', { name });

async function openQueue(user: Awaited<ReturnType<typeof renderApp>>['user']) {
  await user.keyboard('{Alt>}2{/Alt}');
  await waitFor(() => expect(rows().length).toBeGreaterThan(0));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('callbacks queue', () => {
  it('Alt+2 lists my callbacks overdue → due → upcoming, each labelled, with the call card layout intact', async () => {
    const core = createFakeCore();
    seedQueue(core);
    const { user } = await renderApp({ core });
    await openQueue(user);
    expect(rows().map((r) => within(r).getByRole('heading').textContent)).toEqual(['王强', '王芳', '李娜']);
    expect(within(rowOf('王强')).getByText('已逾期')).toBeTruthy();
    expect(within(rowOf('王芳')).getByText('到期')).toBeTruthy();
    expect(within(rowOf('李娜')).getByText('未到时间')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^回访/ }).getAttribute('aria-current')).toBe('page');
    // A call still pops while the queue is open.
    act(() => core.ring(callCard()));
    expect(screen.getAllByTestId('call-card')).toHaveLength(1);
  });

  it('D on a row asks the core to dial; when it cannot, the number is copied and the agent told so', async () => {
    const core = createFakeCore();
    const { due } = seedQueue(core);
    const { user } = await renderApp({ core });
    await openQueue(user);
    rowOf('王芳').focus();
    await user.keyboard('d');
    await waitFor(() => expect(queueStatus()).toBe('此坐席不能自动拨号：号码 +8613900000000 已复制到剪贴板，请在话机上拨打。'));
    expect(core.callsTo('callbacks.dial')).toEqual([{ id: due.id }]);
    expect(await navigator.clipboard.readText()).toBe('+8613900000000');
  });

  it('an attempt "no answer" (key 2) shows the rescheduled window; "reached" (key 1) marks it done', async () => {
    const core = createFakeCore();
    const { due, upcoming } = seedQueue(core);
    const { user } = await renderApp({ core });
    await openQueue(user);
    rowOf('王芳').focus();
    await user.keyboard('r');
    const attempt = screen.getByRole('form', { name: '记录回访结果' });
    await user.keyboard('2');
    expect(document.activeElement).toBe(within(attempt).getByLabelText('备注'));
    await user.keyboard('响铃无人接{Enter}');
    await waitFor(() => expect(core.callsTo('callbacks.recordAttempt')).toEqual([{ id: due.id, outcome: 'no_answer', note: '响铃无人接' }]));
    const status = queueStatus;
    await waitFor(() => expect(status()).toContain('无人接听：已按重试规则改约到'));
    expect(status()).toContain('客户当地');
    expect(core.callbacks.get(due.id)!.status).toBe('scheduled');

    await user.click(within(rowOf('李娜')).getByRole('button', { name: /记录结果/ }));
    await user.keyboard('1{Enter}');
    await waitFor(() => expect(status()).toBe('已联系上李娜，回访已完成。'));
    expect(core.callbacks.get(upcoming.id)!.status).toBe('done');
    expect(screen.queryByRole('article', { name: '李娜' })).toBeNull();
  });
});

describe('create callback form', () => {
  function fangCall(core: FakeCore) {
    return callCard({
      state: 'answered',
      answeredAt: Date.now(),
      caller: { display: '+86 139****1111', masked: true, country: 'CN', area: 'mobile' },
      match: { kind: 'customer', customer: cardCustomerOf(byName(core, '王芳')) },
    });
  }

  it('B on a live call opens it; a window in quiet hours is refused next to the window and nothing typed is lost', async () => {
    const core = createFakeCore();
    const { user } = await renderApp({ core });
    act(() => core.ring(fangCall(core)));
    await user.keyboard('b');
    const dialog = screen.getByRole('dialog', { name: '为 王芳 预约回访' });
    expect((within(dialog).getByLabelText('客户时区') as HTMLInputElement).value).toBe('Asia/Shanghai');
    fireEvent.change(within(dialog).getByLabelText('最早'), { target: { value: '2030-01-15T22:00' } });
    fireEvent.change(within(dialog).getByLabelText('最晚'), { target: { value: '2030-01-15T23:00' } });
    await user.type(within(dialog).getByLabelText('备注'), '客户想确认退款');
    await user.click(within(dialog).getByRole('button', { name: '预约' }));
    const refusal = await within(dialog).findByText(/免打扰时段/);
    expect(refusal.getAttribute('role')).toBe('alert');
    expect(refusal.closest('fieldset')?.querySelector('legend')?.textContent).toBe('回访时间段（客户当地时间）');
    expect(within(dialog).getByLabelText('最早').getAttribute('aria-invalid')).toBe('true');
    expect((within(dialog).getByLabelText('备注') as HTMLTextAreaElement).value).toBe('客户想确认退款');
    expect((within(dialog).getByLabelText('最早') as HTMLInputElement).value).toBe('2030-01-15T22:00');
    expect(core.callsTo('callbacks.create')).toHaveLength(1);
  });

  it('a window typed in America/New_York is sent as the right UTC instants', async () => {
    const core = createFakeCore();
    const { user } = await renderApp({ core });
    const card = fangCall(core);
    act(() => core.ring(card));
    await user.keyboard('b');
    const dialog = screen.getByRole('dialog', { name: '为 王芳 预约回访' });
    const zone = within(dialog).getByLabelText('客户时区');
    await user.clear(zone);
    await user.type(zone, 'America/New_York');
    fireEvent.change(within(dialog).getByLabelText('最早'), { target: { value: '2030-01-15T10:00' } });
    fireEvent.change(within(dialog).getByLabelText('最晚'), { target: { value: '2030-01-15T12:00' } });
    // The agent sees their own (Shanghai) time beside the customer's.
    expect(dialog.textContent).toContain('您的时间');
    await user.selectOptions(within(dialog).getByLabelText('回访原因'), '投诉回访');
    await user.selectOptions(within(dialog).getByLabelText('优先级'), '紧急');
    await user.click(within(dialog).getByRole('button', { name: '预约' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(core.callsTo('callbacks.create')).toEqual([
      {
        callback: expect.objectContaining({
          customerId: byName(core, '王芳').customer.id,
          phone: '+86 139****1111',
          reason: 'complaint_follow_up',
          windowStart: Date.UTC(2030, 0, 15, 15, 0),
          windowEnd: Date.UTC(2030, 0, 15, 17, 0),
          timeZone: 'America/New_York',
          priority: 1,
          assignee: { kind: 'me' },
          interactionId: card.interactionId,
        }),
      },
    ]);
    expect(within(screen.getByRole('region', { name: '来电 +86 139****1111' })).getByRole('status').textContent).toBe('回访已预约。');
  });
});

describe('reminders and badge', () => {
  it('callback.due shows a toast and a desktop notification; snooze 15 calls callbacks.snooze', async () => {
    const shown: Array<{ title: string; options?: NotificationOptions }> = [];
    class FakeNotification {
      static permission: NotificationPermission = 'granted';
      static requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, options });
      }
      close() {}
    }
    vi.stubGlobal('Notification', FakeNotification);
    const core = createFakeCore();
    const { due } = seedQueue(core);
    const { user } = await renderApp({ core });
    act(() => core.emit('callback.due', { ...due, dueState: 'due' }));
    const toast = screen.getByRole('alert', { name: '回访到期：王芳' });
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('回访到期：王芳');
    expect(shown[0]!.options?.tag).toBe(`callback-${due.id}`);
    await user.click(within(toast).getByRole('button', { name: '15 分钟后提醒' }));
    await waitFor(() => expect(screen.queryByRole('alert', { name: '回访到期：王芳' })).toBeNull());
    expect(core.callsTo('callbacks.snooze')).toEqual([{ id: due.id, minutes: 15 }]);
  });

  it('without permission the toast still appears, and permission is asked from a click', async () => {
    const requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
    const made = vi.fn();
    vi.stubGlobal(
      'Notification',
      Object.assign(
        function Notification(title: string) {
          made(title);
        },
        { permission: 'default', requestPermission },
      ),
    );
    const core = createFakeCore();
    const { due } = seedQueue(core);
    const { user } = await renderApp({ core });
    act(() => core.emit('callback.due', due));
    expect(screen.getByRole('alert', { name: '回访到期：王芳' })).toBeTruthy();
    expect(made).not.toHaveBeenCalled();
    expect(requestPermission).not.toHaveBeenCalled();
    await openQueue(user);
    await user.click(screen.getByRole('button', { name: '开启桌面提醒' }));
    expect(requestPermission).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('button', { name: '开启桌面提醒' })).toBeNull());
  });

  it('the top bar badge counts due and overdue callbacks and follows callbacks.countsChanged', async () => {
    const core = createFakeCore();
    seedQueue(core);
    await renderApp({ core });
    expect(screen.getByLabelText('2 个回访已到期或逾期').textContent).toBe('2');
    act(() => core.emit('callbacks.countsChanged', { due: 4, overdue: 3, upcoming: 0, escalated: 1 }));
    expect(screen.getByLabelText('7 个回访已到期或逾期').textContent).toBe('7');
  });
});

describe('supervisor', () => {
  it('selects two callbacks in 全部回访 and reassigns them to another agent', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    const { due, overdue } = seedQueue(core);
    const { user } = await renderApp({ core });
    await openQueue(user);
    await user.click(screen.getByRole('tab', { name: '全部回访' }));
    const list = await screen.findByRole('list', { name: '全部回访' });
    await user.click(within(list).getByRole('checkbox', { name: '选择 王芳 的回访' }));
    await user.click(within(list).getByRole('checkbox', { name: '选择 王强 的回访' }));
    const bar = screen.getByRole('group', { name: '改派所选回访' });
    expect(bar.textContent).toContain('已选 2 项');
    await user.selectOptions(within(bar).getByLabelText('改派给'), '李静');
    await user.click(within(bar).getByRole('button', { name: '改派' }));
    const li = core.agents.agents.find((a) => a.name === '李静')!;
    await waitFor(() => expect(within(bar).getByRole('status').textContent).toBe('已改派 2 个回访。'));
    expect(core.callsTo('callbacks.reassign')).toEqual([{ ids: [due.id, overdue.id], assignee: { kind: 'agent', agentId: li.id } }]);
    expect(core.callbacks.get(due.id)!.assigneeAgentName).toBe('李静');
  });
});

describe('service promises', () => {
  it('lists my open promises with the overdue one first and marks one kept', async () => {
    const core = createFakeCore();
    const fang = byName(core, '王芳');
    const { user } = await renderApp({ core });
    await core.call('promises.create', { customerId: fang.customer.id, description: '周五前发送退款确认', dueAt: Date.now() + 48 * HOUR });
    const late = await core.call('promises.create', { customerId: fang.customer.id, description: '回传发票', dueAt: Date.now() - HOUR });
    await user.keyboard('{Alt>}3{/Alt}');
    const list = await screen.findByRole('list', { name: '服务承诺' });
    await waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(2));
    const [first] = within(list).getAllByRole('article');
    expect(within(first!).getByRole('heading').textContent).toBe('回传发票');
    expect(first!.textContent).toContain('已逾期');
    await user.click(within(first!).getByRole('button', { name: '已兑现' }));
    await waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(1));
    expect(core.callsTo('promises.setStatus')).toEqual([{ id: late.ok ? late.value.id : '', status: 'kept' }]);
  });

  it('shows a supervisor everyone\'s promises, with whose they are', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    const fang = byName(core, '王芳');
    const made = await core.call('promises.create', { customerId: fang.customer.id, description: '明天上午确认升级房型', dueAt: Date.now() - HOUR });
    if (!made.ok) throw new Error('create failed');
    core.promises.set(made.value.id, { ...made.value, ownerAgentId: '01900000-0000-7000-8000-0000000000aa', ownerAgentName: '李娜' });
    const { user } = await renderApp({ core });
    await user.keyboard('{Alt>}3{/Alt}');
    const list = await screen.findByRole('list', { name: '服务承诺' });
    await waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(1));
    expect(within(list).getByRole('article').textContent).toContain('负责人 李娜');
    expect(core.callsTo('promises.list').at(-1)).toMatchObject({ scope: 'all' });
  });
});
