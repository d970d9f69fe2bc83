import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeCore } from '../fake-core';
import { renderComplaints, seedAtStep, seedComplaint, waitForStep } from './helpers';

const HOUR = 3_600_000;

// Whole walks by keyboard take a few seconds under a loaded parallel run.
describe('complaints view (Alt+5)', { timeout: 20_000 }, () => {
  it('says there is nothing, with where complaints start', async () => {
    const { user } = await renderComplaints();
    await user.keyboard('{Alt>}5{/Alt}');
    expect(await screen.findByRole('heading', { name: '您名下没有未结投诉。' })).toBeTruthy();
    expect(screen.getByText(/在来电卡片按 C/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '投诉报表' })).toBeNull(); // agents have no report
  });

  it('lists mine, the team and overdue with counts; filters by step, category, severity and SLA; Enter opens', async () => {
    const core = createFakeCore();
    await seedComplaint(core, '王伟');
    await seedAtStep(core, '王芳', 3);
    await seedAtStep(core, '李娜', 4);
    // One of them is overdue: its step started long ago.
    const late = [...core.complaints.values()].find((c) => c.customerName === '李娜')!;
    late.state = { ...late.state, slaDueAt: Date.now() - HOUR, steps: late.state.steps.map((r) => (r.state === 'draft' ? { ...r, slaDueAt: Date.now() - HOUR } : r)) };
    const { user } = await renderComplaints({ core });
    await user.keyboard('{Alt>}5{/Alt}');
    const list = await screen.findByRole('listbox', { name: '我的投诉' });
    const names = () => within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.querySelector('.result-name')?.textContent);
    expect(names()).toEqual(['李娜', '王伟', '王芳']);
    const scopes = screen.getByRole('group', { name: '投诉范围' });
    expect(within(scopes).getByRole('button', { name: /^已超时/ }).textContent).toBe('已超时1');
    // The nav badge counts the overdue ones.
    expect(screen.getByRole('button', { name: /^投诉/ }).textContent).toBe('投诉1');

    await user.selectOptions(screen.getByLabelText('步骤'), '3. 分析');
    await waitFor(() => expect(names()).toEqual(['王芳']));
    await user.selectOptions(screen.getByLabelText('步骤'), '全部');
    await user.selectOptions(screen.getByLabelText('时限状态'), '已超时');
    await waitFor(() => expect(names()).toEqual(['李娜']));
    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await user.selectOptions(screen.getByLabelText('类别'), '员工态度或技能');
    expect(await screen.findByRole('heading', { name: '没有符合筛选条件的投诉。' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await user.selectOptions(screen.getByLabelText('严重程度'), '一般');
    await waitFor(() => expect(names()).toEqual(['李娜', '王芳']));
    await user.click(screen.getByRole('button', { name: '清除筛选' }));

    await user.click(within(scopes).getByRole('button', { name: /^已超时/ }));
    await waitFor(() => expect(screen.getByRole('listbox', { name: '已超时' })).toBeTruthy());
    expect(names()).toEqual(['李娜']);
    await user.click(within(scopes).getByRole('button', { name: /^我的投诉/ }));

    // Keyboard: arrows move, Enter opens.
    const again = await screen.findByRole('listbox', { name: '我的投诉' });
    expect(list).toBeTruthy();
    again.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitForStep(3, '分析');
    expect(screen.getByRole('heading', { level: 2, name: '投诉处理：王芳' })).toBeTruthy();
  });

  it('a change announced by the core refreshes the list and the counts', async () => {
    const { core, user } = await renderComplaints();
    await user.keyboard('{Alt>}5{/Alt}');
    await screen.findByRole('heading', { name: '您名下没有未结投诉。' });
    await seedComplaint(core, '王强');
    const list = await screen.findByRole('listbox', { name: '我的投诉' });
    expect(within(list).getAllByRole('option')).toHaveLength(1);
    expect(within(screen.getByRole('group', { name: '投诉范围' })).getByRole('button', { name: /^我的投诉/ }).textContent).toBe('我的投诉1');
  });
});
