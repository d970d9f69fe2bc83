import { waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { answer, choose, completeWithKeys, field, openFromList, renderComplaints, seedAtStep, stepForm, waitForStep } from './helpers';

// Whole walks by keyboard take a few seconds under a loaded parallel run.
describe('complaint remedy above the approval threshold', { timeout: 20_000 }, () => {
  it('an agent is told approval is needed, sees no Approve, and cannot complete', async () => {
    const { core, user } = await renderComplaints({ role: 'agent' });
    await seedAtStep(core, '王芳', 4);
    await openFromList(user);
    await waitForStep(4, '解决');
    await choose(user, '补救方式', '赔偿');
    field('金额').focus();
    await user.keyboard('800');
    const notice = await within(stepForm()).findByText(/^金额超过 .*500.*需班长或管理员审批后才能完成此步。$/);
    expect(notice).toBeTruthy();
    expect(within(stepForm()).queryByRole('button', { name: '批准此补救方案' })).toBeNull();
    await answer(user, '接受');
    await completeWithKeys(user);
    await waitFor(() => expect(within(stepForm()).getByText('金额超过审批额度，须先由班长或管理员批准。')).toBeTruthy());
    expect(core.callsTo('complaints.completeStep').filter((c) => c.step === 4)).toEqual([]);
    expect(core.callsTo('complaints.approveRemedy')).toEqual([]);
  });

  it('a supervisor sees Approve; once approved the step completes', async () => {
    const { core, user } = await renderComplaints({ role: 'supervisor' });
    const c = await seedAtStep(core, '王芳', 4);
    await openFromList(user);
    await waitForStep(4, '解决');
    await choose(user, '补救方式', '赔偿');
    field('金额').focus();
    await user.keyboard('800');
    const approve = await within(stepForm()).findByRole('button', { name: '批准此补救方案' });
    approve.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(stepForm()).getByText(/^已审批/)).toBeTruthy());
    expect(core.callsTo('complaints.saveDraft').at(-1)).toMatchObject({ data: { remedy: 'compensation', amountCents: 80000 } });
    expect(core.callsTo('complaints.approveRemedy')).toEqual([{ id: c.id }]);
    await answer(user, '接受');
    await completeWithKeys(user);
    await waitForStep(5, '回访');
  });
});
