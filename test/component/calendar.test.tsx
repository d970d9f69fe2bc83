import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dayLabel } from '../../renderer/features/calendar/CalendarView';
import { daysOf, todayIn } from '../../renderer/state/calendar-rules';
import { wallToUtc } from '../../renderer/state/callback-rules';
import { byName, createFakeCore, type FakeCore } from './fake-core';
import { renderApp } from './render-app';

const MIN = 60_000;
const SH = 'Asia/Shanghai';
const today = () => todayIn(Date.now());
const at = (day: string, hhmm: string) => wallToUtc(`${day}T${hhmm}`, SH)!;

/** Today in the seat's zone: 王芳 10:00–11:00 (customer in New York), 李娜 14:00–15:30 urgent. */
function seed(core: FakeCore) {
  const day = today();
  const fang = core.addCallback({
    customerId: byName(core, '王芳').customer.id,
    customerName: '王芳',
    reason: 'complaint_follow_up',
    windowStart: at(day, '10:00'),
    windowEnd: at(day, '11:00'),
    timeZone: 'America/New_York',
  });
  const na = core.addCallback({ customerName: '李娜', reason: 'sales_lead', priority: 1, windowStart: at(day, '14:00'), windowEnd: at(day, '15:30') });
  return { day, fang, na };
}

const column = (name: string) => screen.getByRole('region', { name });
const slot = (col: HTMLElement, time: string) => within(col).getByRole('listitem', { name: time });
const block = (name: RegExp) => screen.getByRole('button', { name });

async function openCalendar(user: Awaited<ReturnType<typeof renderApp>>['user']) {
  await user.keyboard('{Alt>}4{/Alt}');
  await waitFor(() => expect(screen.getAllByRole('button', { name: /王芳|李娜/ }).length).toBeGreaterThan(0));
}

describe('calendar view', () => {
  it('Alt+4 opens it: today per agent, then the week, each block in its day and slot', async () => {
    const core = createFakeCore();
    const { day } = seed(core);
    const { user } = await renderApp({ core });
    await openCalendar(user);
    expect(screen.getByRole('button', { name: '日历' }).getAttribute('aria-current')).toBe('page');
    const me = column(core.session.agent.name);
    const fang = within(slot(me, '10:00')).getByRole('button', { name: /王芳/ });
    expect(fang.textContent).toContain('投诉回访');
    expect(fang.textContent).toContain('优先级：普通');
    expect(fang.textContent).toContain('客户当地');
    expect(fang.style.getPropertyValue('--span')).toBe('2');
    const na = within(slot(me, '14:00')).getByRole('button', { name: /李娜/ });
    expect(na.style.getPropertyValue('--span')).toBe('3');
    expect(na.textContent).not.toContain('客户当地');
    // Roving tabindex: one tab stop, the earliest block.
    expect(fang.tabIndex).toBe(0);
    expect(na.tabIndex).toBe(-1);

    await user.click(screen.getByRole('button', { name: '按周' }));
    const label = dayLabel(day, 'zh-CN');
    await waitFor(() => expect(within(slot(column(label), '10:00')).getByRole('button', { name: /王芳/ })).toBeTruthy());
    expect(screen.getAllByRole('region').filter((r) => r.classList.contains('calendar-column'))).toHaveLength(7);
    expect(daysOf('week', day).map((d) => dayLabel(d, 'zh-CN'))).toContain(label);
    const list = core.callsTo('callbacks.list').at(-1)!;
    expect(list.from).toBeLessThanOrEqual(at(day, '00:00'));
    expect(list.to).toBeGreaterThan(at(day, '23:59'));
  });

  it('Alt+↓ twice then Enter reschedules one hour later with the same length, announcing the pending time', async () => {
    const core = createFakeCore();
    const { na } = seed(core);
    const { user } = await renderApp({ core });
    await openCalendar(user);
    block(/李娜/).focus();
    await user.keyboard('{Alt>}{ArrowDown}{ArrowDown}{/Alt}');
    expect(document.querySelector('.calendar-announcer')!.textContent).toContain('李娜 将改约到');
    expect(document.querySelector('.calendar-announcer')!.textContent).toContain('15:00');
    // The block is drawn at the pending slot and keeps the focus.
    const me = column(core.session.agent.name);
    expect(within(slot(me, '15:00')).getByRole('button', { name: /李娜/ })).toBe(document.activeElement);
    expect(core.callsTo('callbacks.reschedule')).toHaveLength(0);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(core.callsTo('callbacks.reschedule')).toEqual([{ id: na.id, windowStart: na.windowStart + 60 * MIN, windowEnd: na.windowEnd + 60 * MIN }]));
    await waitFor(() => expect(document.querySelector('.calendar-announcer')!.textContent).toContain('李娜 已改约到'));
    expect(within(slot(column(core.session.agent.name), '15:00')).getByRole('button', { name: /李娜/ })).toBeTruthy();
  });

  it('Escape cancels a pending move: the block stays and nothing is sent', async () => {
    const core = createFakeCore();
    seed(core);
    const { user } = await renderApp({ core });
    await openCalendar(user);
    block(/李娜/).focus();
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(within(slot(column(core.session.agent.name), '13:30')).getByRole('button', { name: /李娜/ })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(within(slot(column(core.session.agent.name), '14:00')).getByRole('button', { name: /李娜/ })).toBe(document.activeElement);
    expect(core.callsTo('callbacks.reschedule')).toHaveLength(0);
  });

  it("the core's refusal is said in words the agent can act on and the block snaps back", async () => {
    const core = createFakeCore();
    const { na } = seed(core);
    core.override('callbacks.reschedule', () => ({
      ok: false,
      error: { code: 'invalid_input', message: 'callbacks.refused.window_in_quiet_hours', fields: { windowStart: 'callbacks.refused.window_in_quiet_hours' } },
    }));
    const { user } = await renderApp({ core });
    await openCalendar(user);
    block(/李娜/).focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('李娜 没有改约，已放回原时段');
    expect(alert.textContent).toContain('免打扰时段');
    expect(core.callsTo('callbacks.reschedule')).toEqual([{ id: na.id, windowStart: na.windowStart + 30 * MIN, windowEnd: na.windowEnd + 30 * MIN }]);
    const me = column(core.session.agent.name);
    expect(within(slot(me, '14:00')).getByRole('button', { name: /李娜/ })).toBe(document.activeElement);
    expect(within(slot(me, '14:30')).queryByRole('button', { name: /李娜/ })).toBeNull();
    await user.click(within(alert).getByRole('button', { name: '知道了' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('dragging a block onto another slot reschedules it there, keeping its length', async () => {
    const core = createFakeCore();
    const { na, day } = seed(core);
    const { user } = await renderApp({ core });
    await openCalendar(user);
    const me = column(core.session.agent.name);
    const data = new Map<string, string>();
    const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), getData: (k: string) => data.get(k) ?? '', effectAllowed: '', dropEffect: '' };
    act(() => {
      fireEvent.dragStart(block(/李娜/), { dataTransfer });
      fireEvent.dragOver(slot(me, '16:30'), { dataTransfer });
      fireEvent.drop(slot(me, '16:30'), { dataTransfer });
    });
    await waitFor(() => expect(core.callsTo('callbacks.reschedule')).toEqual([{ id: na.id, windowStart: at(day, '16:30'), windowEnd: at(day, '18:00') }]));
    await waitFor(() => expect(within(slot(column(core.session.agent.name), '16:30')).getByRole('button', { name: /李娜/ })).toBeTruthy());
  });

  it('a drop in quiet hours is refused by the core (fake applies the quiet-hours rule)', async () => {
    const core = createFakeCore();
    const { fang } = seed(core);
    const { user } = await renderApp({ core });
    await openCalendar(user);
    // New York is 12–13 h behind Shanghai: 10:00 here is the small hours there.
    expect(fang.timeZone).toBe('America/New_York');
    block(/王芳/).focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('免打扰时段');
    expect(within(slot(column(core.session.agent.name), '10:00')).getByRole('button', { name: /王芳/ })).toBeTruthy();
  });
});
