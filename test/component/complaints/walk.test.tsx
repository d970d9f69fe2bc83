import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { byName } from '../fake-core';
import {
  answer,
  completeWithKeys,
  field,
  fillAnalyse,
  fillListen,
  fillSolve,
  renderComplaints,
  ringWangWei,
  stepForm,
  waitForStep,
  wizard,
} from './helpers';

// Whole walks by keyboard take a few seconds under a loaded parallel run.
describe('complaint wizard: the six steps', { timeout: 20_000 }, () => {
  it('C on the card opens the wizard for the caller; all six steps by keyboard; closed and resolved on first contact', async () => {
    const { core, user } = await renderComplaints();
    const card = ringWangWei(core);
    await user.keyboard('c');
    await waitForStep(1, '倾听');
    expect(core.callsTo('complaints.start')).toEqual([{ customerId: byName(core, '王伟').customer.id, source: 'call', interactionId: card.interactionId, firstContact: true, bookingId: null }]);
    expect(screen.getByRole('button', { name: /^投诉/ }).getAttribute('aria-current')).toBe('page');
    expect(within(wizard()).getByRole('heading', { level: 2 }).textContent).toBe('投诉处理：王伟');
    // From a call: the channel is proposed, the focus is in the customer's words.
    expect((field('渠道') as HTMLSelectElement).value).toBe('phone_in');
    expect(document.activeElement).toBe(field('客户原话'));
    const stepper = within(wizard()).getByRole('list', { name: '处理步骤' });
    expect(within(stepper).getAllByRole('listitem')).toHaveLength(6);
    expect(within(stepper).getAllByRole('listitem')[0]!.getAttribute('aria-current')).toBe('step');

    // 1 倾听: the words are kept verbatim, spaces and all.
    const words = '  房间有烟味，  换了两次房都没人理！ ';
    await fillListen(user, words);
    await completeWithKeys(user);
    await waitForStep(2, '道歉');
    const listen = [...core.complaints.values()][0]!.state.steps[0]!;
    expect(listen.data.customerWords).toBe(words);
    expect(listen.state).toBe('done');

    // 2 道歉: the suggested phrasing for the category, editable; the time defaults to now.
    expect((field('致歉内容') as HTMLTextAreaElement).value).toContain('非常抱歉这次的产品和服务没有达到您的期望');
    await completeWithKeys(user);
    await waitForStep(3, '分析');

    // 3 分析
    await fillAnalyse(user);
    await completeWithKeys(user);
    await waitForStep(4, '解决');

    // 4 解决: currency from the settings; below the threshold, no approval.
    expect((field('币种') as HTMLInputElement).value).toBe('CNY');
    await fillSolve(user, '300');
    expect(within(stepForm()).queryByText(/需班长或管理员审批/)).toBeNull();
    await answer(user, '接受');
    await completeWithKeys(user);
    await waitForStep(5, '回访');

    // 5 回访: the follow-up callback is scheduled and shown.
    const complaint = [...core.complaints.values()][0]!;
    const cb = core.callbacks.get(complaint.followUpCallbackId!)!;
    expect(cb).toMatchObject({ reason: 'complaint_follow_up', complaintId: complaint.id });
    await waitFor(() => expect(within(stepForm()).getByRole('region', { name: '回访电话' }).textContent).toContain('回访状态：未到时间'));
    await answer(user, '已联系上');
    await answer(user, '满意');
    await completeWithKeys(user);
    await waitForStep(6, '反思');
    expect(core.callsTo('complaints.recordFollowUp')).toEqual([{ id: complaint.id, reached: true, satisfied: true, note: null }]);

    // 6 反思, then close.
    field('经验教训').focus();
    await user.keyboard('换房请求要在十分钟内处理');
    field('预防措施').focus();
    await user.keyboard('前台换房流程加入值班经理确认');
    field('措施负责人').focus();
    await user.keyboard('前厅经理');
    await user.type(field('完成期限'), '2031-06-30');
    await completeWithKeys(user);
    const close = await within(wizard()).findByRole('button', { name: '结案' });
    close.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(wizard()).getByText('首次接触即解决')).toBeTruthy());
    expect(complaint.state.status).toBe('closed');
    expect(within(wizard()).getByRole('button', { name: '重新打开' })).toBeTruthy();
    // Every step read-only, with who wrote it.
    const earlier = within(wizard()).getByRole('region', { name: '已完成的步骤' });
    expect(earlier.textContent).toContain('张敏');
    expect(earlier.textContent).toContain(words.trim());
  });

  it('a remedy the customer refuses goes back to analyse, which keeps what was found; escalate stays at solve', async () => {
    const { core, user } = await renderComplaints();
    ringWangWei(core);
    await user.keyboard('c');
    await waitForStep(1, '倾听');
    await fillListen(user);
    await completeWithKeys(user);
    await waitForStep(2, '道歉');
    await completeWithKeys(user);
    await waitForStep(3, '分析');
    await fillAnalyse(user);
    await completeWithKeys(user);
    await waitForStep(4, '解决');
    await fillSolve(user, '100');
    await answer(user, '不接受');
    // Ctrl+Enter does not complete a refused remedy: it asks what comes next.
    await completeWithKeys(user);
    expect(core.callsTo('complaints.completeStep').filter((c) => c.step === 4)).toEqual([]);
    const next = within(stepForm()).getByRole('group', { name: '客户不接受，下一步：' });
    within(next).getByRole('button', { name: '退回分析' }).focus();
    await user.keyboard('{Enter}');
    await waitForStep(3, '分析');
    expect((field('责任部门') as HTMLInputElement).value).toBe('前厅部');
    expect(core.callsTo('complaints.rejectRemedy')).toMatchObject([{ then: 'analyse', data: { remedy: 'refund', amountCents: 10000, customerAccepted: false } }]);

    await completeWithKeys(user);
    await waitForStep(4, '解决');
    expect((field('金额') as HTMLInputElement).value).toBe('100');
    await answer(user, '不接受');
    within(stepForm()).getByRole('button', { name: '升级处理' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(wizard()).getByText('已升级处理，班长已收到通知。')).toBeTruthy());
    await waitForStep(4, '解决');
  });
});
