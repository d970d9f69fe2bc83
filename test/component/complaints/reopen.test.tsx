import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { completeWithKeys, field, openFromList, renderComplaints, seedAtStep, waitForStep, wizard } from './helpers';

// Whole walks by keyboard take a few seconds under a loaded parallel run.
describe('closing and reopening a complaint', { timeout: 20_000 }, () => {
  it('closes after reflect (not on first contact), reopens with a reason into round 2 at analyse, history kept', async () => {
    const { core, user } = await renderComplaints();
    await seedAtStep(core, '王芳', 6);
    await openFromList(user);
    await waitForStep(6, '反思');
    field('经验教训').focus();
    await user.keyboard('空调巡检不到位');
    field('预防措施').focus();
    await user.keyboard('每周巡检');
    field('措施负责人').focus();
    await user.keyboard('工程部');
    await user.type(field('完成期限'), '2031-01-31');
    await completeWithKeys(user);
    const close = await within(wizard()).findByRole('button', { name: '结案' });
    close.focus();
    await user.keyboard('{Enter}');
    const reopen = await within(wizard()).findByRole('button', { name: '重新打开' });
    expect(within(wizard()).queryByText('首次接触即解决')).toBeNull();
    reopen.focus();
    await user.keyboard('{Enter}');
    const reason = within(wizard()).getByLabelText('重新打开的原因');
    expect(document.activeElement).toBe(reason);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(core.callsTo('complaints.reopen')).toEqual([]);
    await user.keyboard('客户再次来电，空调又坏了');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitForStep(3, '分析');
    expect(wizard().querySelector('.wizard-facts')!.textContent).toContain('来源：客户资料 · 产品或服务本身 / 客房 · 一般 · 第 2 轮');
    const history = within(wizard()).getByRole('region', { name: '历史轮次' });
    expect(history.textContent).toContain('由 张敏 重新打开（第 2 轮）：客户再次来电，空调又坏了');
    expect(history.textContent).toContain('6. 反思');
  });

  it('closed complaints are found with the status filter and open read-only with Reopen', async () => {
    const { core, user } = await renderComplaints();
    const c = await seedAtStep(core, '王芳', 6);
    await core.call('complaints.completeStep', { id: c.id, step: 6, data: { lesson: '巡检', preventiveAction: '每周', owner: '工程部', dueAt: Date.now() + 86_400_000 } });
    await core.call('complaints.close', { id: c.id });
    await user.keyboard('{Alt>}5{/Alt}');
    await screen.findByRole('heading', { name: '您名下没有未结投诉。' });
    await user.selectOptions(screen.getByLabelText('状态'), '已结案');
    const list = await screen.findByRole('listbox', { name: '我的投诉' });
    list.focus();
    await user.keyboard('{Enter}');
    expect(await within(wizard()).findByRole('button', { name: '重新打开' })).toBeTruthy();
    expect(within(wizard()).queryByRole('form')).toBeNull();
  });
});
