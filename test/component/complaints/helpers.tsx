import { act, screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import type { ComplaintView } from '../../../shared/contract/complaint-schemas';
import { byName, callCard, cardCustomerOf, createFakeCore, type FakeCore } from '../fake-core';
import { renderApp } from '../render-app';

export type User = ReturnType<typeof userEvent.setup>;

/** The app with a short draft debounce so autosave shows up quickly. */
export function renderComplaints(options: { core?: FakeCore; role?: 'agent' | 'supervisor' | 'admin' } = {}) {
  const core = options.core ?? createFakeCore({ role: options.role ?? 'agent' });
  return renderApp({ core, store: { complaintDraftDebounceMs: 60 } });
}

/** A complaint as the core would start it (not through the UI). */
export async function seedComplaint(core: FakeCore, name: string, source: 'call' | 'profile' | 'search' = 'profile'): Promise<ComplaintView> {
  const r = await core.call('complaints.start', { customerId: byName(core, name).customer.id, source, firstContact: false });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Wang Wei rings and the card pops with his customer match. */
export function ringWangWei(core: FakeCore) {
  const card = callCard({
    caller: { display: '+86 138****5678', masked: true, country: 'CN', area: 'mobile' },
    match: { kind: 'customer', customer: cardCustomerOf(byName(core, '王伟')) },
  });
  act(() => core.ring(card));
  return card;
}

export const wizard = () => screen.getByRole('region', { name: /^投诉处理：/ });
/** The current step's form (named by its title, "1. 倾听 …"). */
export const stepForm = () => within(wizard()).getByRole('form', { name: /^\d\. / });
export const field = (label: string) => within(stepForm()).getByLabelText(label);
export const stepTitle = () => within(stepForm()).getByRole('heading', { level: 3 }).textContent ?? '';

export async function waitForStep(n: number, name: string) {
  await waitFor(() => expect(stepTitle()).toMatch(new RegExp(`^${n}\\. ${name}`)));
}

export async function completeWithKeys(user: User) {
  await user.keyboard('{Control>}{Enter}{/Control}');
}

export async function choose(user: User, label: string, option: string) {
  await user.selectOptions(field(label), within(stepForm()).getByRole('option', { name: option }));
}

/** A radio answered from the keyboard: focus it and press Space. */
export async function answer(user: User, name: string) {
  const radio = within(stepForm()).getByRole('radio', { name });
  radio.focus();
  await user.keyboard(' ');
  expect((radio as HTMLInputElement).checked).toBe(true);
}

export async function fillListen(user: User, words = '房间有烟味，换了两次房都没人理！') {
  field('客户原话').focus();
  await user.keyboard(words);
  await choose(user, '类别', '产品或服务本身');
  await choose(user, '子类别', '客房');
  await choose(user, '严重程度', '严重');
  field('客户诉求').focus();
  await user.keyboard('退一晚房费');
}

export async function fillAnalyse(user: User) {
  field('核实的事实').focus();
  await user.keyboard('前台记录显示 22:10 客人要求换房，未处理');
  await choose(user, '根本原因', '流程问题');
  field('责任部门').focus();
  await user.keyboard('前厅部');
}

export async function fillSolve(user: User, amount = '300') {
  await choose(user, '补救方式', '退款');
  field('金额').focus();
  await user.keyboard(amount);
}

/** A complaint brought to `step` through the core (what a teammate did before). */
export async function seedAtStep(core: FakeCore, name: string, step: 1 | 2 | 3 | 4 | 5 | 6): Promise<ComplaintView> {
  let c = await seedComplaint(core, name);
  const data: Record<number, Record<string, string | number | boolean>> = {
    1: { customerWords: '空调坏了一整晚', channel: 'phone_in', category: 'product_service', subcategory: 'room', severity: 'medium', wants: '补偿' },
    2: { said: '非常抱歉', at: Date.now() - 60_000 },
    3: { factsChecked: '工程部记录属实', rootCause: 'facility', department: '工程部' },
    4: { remedy: 'voucher', amountCents: 20000, currency: 'CNY', customerAccepted: true },
  };
  for (let s = 1; s < step && s <= 4; s++) {
    const r = await core.call('complaints.completeStep', { id: c.id, step: s as 1, data: data[s]! });
    if (!r.ok) throw new Error(r.error.message);
    c = r.value;
  }
  if (step === 6) {
    const r = await core.call('complaints.recordFollowUp', { id: c.id, reached: true, satisfied: true });
    if (!r.ok) throw new Error(r.error.message);
    c = r.value;
  }
  return c;
}

/** Alt+5 and Enter on the first row of "my complaints". */
export async function openFromList(user: User) {
  await user.keyboard('{Alt>}5{/Alt}');
  const list = await screen.findByRole('listbox', { name: '我的投诉' });
  list.focus();
  await user.keyboard('{Enter}');
}
