import { waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  answer,
  choose,
  completeWithKeys,
  field,
  fillAnalyse,
  fillListen,
  fillSolve,
  renderComplaints,
  ringWangWei,
  stepForm,
  waitForStep,
} from './helpers';

const described = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

async function atStep(step: number) {
  const app = await renderComplaints();
  const { core, user } = app;
  ringWangWei(core);
  await user.keyboard('c');
  await waitForStep(1, '倾听');
  if (step > 1) {
    await fillListen(user);
    await completeWithKeys(user);
    await waitForStep(2, '道歉');
  }
  if (step > 2) {
    await completeWithKeys(user);
    await waitForStep(3, '分析');
  }
  if (step > 3) {
    await fillAnalyse(user);
    await completeWithKeys(user);
    await waitForStep(4, '解决');
  }
  if (step > 4) {
    await fillSolve(user);
    await answer(user, '接受');
    await completeWithKeys(user);
    await waitForStep(5, '回访');
  }
  if (step > 5) {
    await answer(user, '已联系上');
    await answer(user, '满意');
    await completeWithKeys(user);
    await waitForStep(6, '反思');
  }
  return app;
}

// Whole walks by keyboard take a few seconds under a loaded parallel run.
describe('complaint wizard: each step says what is missing and does not complete', { timeout: 20_000 }, () => {
  it('1 倾听: every missing field marked, the focus on the first; a subcategory must fit its category', async () => {
    const { core, user } = await atStep(1);
    await completeWithKeys(user);
    const words = field('客户原话');
    await waitFor(() => expect(words.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(words);
    expect(described(words)).toContain('请记录客户的原话。');
    expect(described(field('类别'))).toContain('请选择投诉类别。');
    expect(described(field('子类别'))).toContain('请选择子类别。');
    expect(described(field('严重程度'))).toContain('请选择严重程度。');
    expect(described(field('客户诉求'))).toContain('请写下客户希望怎样处理。');
    expect(within(stepForm()).getByRole('alert').textContent).toBe('有 5 项需要更正，请看各项旁的提示。');
    expect(core.callsTo('complaints.completeStep')).toEqual([]);
    // Only the subcategories of the chosen category are offered.
    await choose(user, '类别', '客户自身原因');
    const offered = within(field('子类别')).getAllByRole('option').map((o) => o.textContent);
    expect(offered).toEqual(['请选择', '行程变更', '预订错误', '账单费用', '交通', '其他']);
    // Whitespace is not words.
    words.focus();
    await user.keyboard('   ');
    await completeWithKeys(user);
    await waitFor(() => expect(described(field('客户原话'))).toContain('请记录客户的原话。'));
  });

  it('the core is the authority: its field errors are shown next to the fields too', async () => {
    const { core, user } = await atStep(1);
    core.override('complaints.completeStep', () => ({
      ok: false,
      error: { code: 'invalid_input', message: 'errors.invalidInput', fields: { wants: 'complaint.listen.errors.wantsRequired', channel: 'validation.tooLong' } },
    }));
    await fillListen(user);
    await completeWithKeys(user);
    await waitFor(() => expect(field('渠道').getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(field('渠道'));
    expect(described(field('渠道'))).toContain('内容太长');
    expect(described(field('客户诉求'))).toContain('请写下客户希望怎样处理。');
  });

  it('2 道歉: an empty apology and a time in the future are refused', async () => {
    const { user } = await atStep(2);
    const said = field('致歉内容') as HTMLTextAreaElement;
    said.focus();
    await user.clear(said);
    await user.clear(field('致歉时间'));
    await user.type(field('致歉时间'), '2099-01-01T10:00');
    await completeWithKeys(user);
    await waitFor(() => expect(described(field('致歉内容'))).toContain('请写下向客户致歉时说了什么。'));
    expect(described(field('致歉时间'))).toContain('致歉时间不能晚于现在');
    expect(document.activeElement).toBe(field('致歉内容'));
  });

  it('3 分析: facts, root cause and department are required', async () => {
    const { core, user } = await atStep(3);
    await completeWithKeys(user);
    await waitFor(() => expect(described(field('核实的事实'))).toContain('请写下已核实的事实。'));
    expect(described(field('根本原因'))).toContain('请选择根本原因。');
    expect(described(field('责任部门'))).toContain('请填写责任部门。');
    expect(core.callsTo('complaints.completeStep').map((c) => c.step)).toEqual([1, 2]);
  });

  it('4 解决: a money remedy needs an amount; an amount must be one; acceptance must be answered', async () => {
    const { user } = await atStep(4);
    await choose(user, '补救方式', '赔偿');
    await completeWithKeys(user);
    await waitFor(() => expect(described(field('金额'))).toContain('退款、赔偿和代金券须填写金额。'));
    expect(within(stepForm()).getByRole('group', { name: '客户是否接受' }).textContent).toContain('请选择客户是否接受。');
    field('金额').focus();
    await user.keyboard('12.345');
    await completeWithKeys(user);
    await waitFor(() => expect(described(field('金额'))).toContain('金额须为不小于 0 的数字'));
  });

  it('5 回访: reached must be answered, and when reached, satisfied too', async () => {
    const { core, user } = await atStep(5);
    await completeWithKeys(user);
    await waitFor(() => expect(within(stepForm()).getByRole('group', { name: '是否联系上客户' }).textContent).toContain('请选择是否联系上客户。'));
    await answer(user, '已联系上');
    await completeWithKeys(user);
    await waitFor(() => expect(within(stepForm()).getByRole('group', { name: '客户是否满意' }).textContent).toContain('联系上客户时，请选择客户是否满意。'));
    expect(core.callsTo('complaints.recordFollowUp')).toEqual([]);
  });

  it('5 回访: not reached shows the attempts and that it will retry', async () => {
    const { core, user } = await atStep(5);
    await answer(user, '未联系上');
    await completeWithKeys(user);
    await waitFor(() => expect(within(stepForm()).getByText('已尝试 1 次未联系上，系统会按重试规则再次安排回访。')).toBeTruthy());
    expect(core.callsTo('complaints.recordFollowUp')).toEqual([expect.objectContaining({ reached: false, satisfied: null })]);
  });

  it('6 反思: lesson, action, owner and due date are required', async () => {
    const { user } = await atStep(6);
    await completeWithKeys(user);
    await waitFor(() => expect(described(field('经验教训'))).toContain('请写下这次投诉的经验教训。'));
    expect(described(field('预防措施'))).toContain('请写下预防再次发生的措施。');
    expect(described(field('措施负责人'))).toContain('请填写措施负责人。');
    expect(described(field('完成期限'))).toContain('请填写预防措施的完成期限。');
    expect(document.activeElement).toBe(field('经验教训'));
  });
});
