import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeCore } from '../fake-core';
import { renderApp } from '../render-app';
import { completeWithKeys, field, fillListen, ringWangWei, seedComplaint, stepForm, waitForStep, wizard } from './helpers';

const draftStatus = () => within(stepForm()).getAllByRole('status').find((el) => el.classList.contains('draft-status'))!;

// Whole walks by keyboard take a few seconds under a loaded parallel run.
describe('complaint drafts', { timeout: 20_000 }, () => {
  it('autosaves after typing stops, says when, and a new store on the same core resumes it from the list', async () => {
    const core = createFakeCore();
    const first = await renderApp({ core, store: { complaintDraftDebounceMs: 60 } });
    ringWangWei(core);
    await first.user.keyboard('c');
    await waitForStep(1, '倾听');
    field('客户原话').focus();
    await first.user.keyboard('早餐有虫子，  我要投诉');
    expect(draftStatus().textContent).toBe('有未保存的修改');
    await waitFor(() => expect(draftStatus().textContent).toMatch(/^草稿已保存 \d{2}:\d{2}$/));
    const saved = core.callsTo('complaints.saveDraft');
    expect(saved.at(-1)).toMatchObject({ step: 1, data: { customerWords: '早餐有虫子，  我要投诉', channel: 'phone_in' } });

    // The window closes; the app comes back (a teammate's seat would see the same).
    first.unmount();
    first.store.dispose();
    const second = await renderApp({ core, store: { complaintDraftDebounceMs: 60 } });
    await second.user.keyboard('{Alt>}5{/Alt}');
    const list = await screen.findByRole('listbox', { name: '我的投诉' });
    expect(within(list).getAllByRole('option')).toHaveLength(1);
    list.focus();
    await second.user.keyboard('{Enter}');
    await waitForStep(1, '倾听');
    expect((field('客户原话') as HTMLTextAreaElement).value).toBe('早餐有虫子，  我要投诉');
    expect((field('渠道') as HTMLSelectElement).value).toBe('phone_in');
  });

  it('Ctrl+S saves at once; leaving the view and pagehide save what is typed', async () => {
    const core = createFakeCore();
    const { user } = await renderApp({ core, store: { complaintDraftDebounceMs: 60_000 } });
    ringWangWei(core);
    await user.keyboard('c');
    await waitForStep(1, '倾听');
    field('客户诉求').focus();
    await user.keyboard('退款');
    expect(core.callsTo('complaints.saveDraft')).toEqual([]);
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(core.callsTo('complaints.saveDraft')).toHaveLength(1));
    await waitFor(() => expect(draftStatus().textContent).toMatch(/^草稿已保存/));

    await user.keyboard('一晚');
    act(() => void window.dispatchEvent(new Event('pagehide')));
    await waitFor(() => expect(core.callsTo('complaints.saveDraft').at(-1)).toMatchObject({ data: { wants: '退款一晚' } }));

    await user.keyboard('房费');
    await user.keyboard('{Alt>}1{/Alt}');
    await waitFor(() => expect(core.callsTo('complaints.saveDraft').at(-1)).toMatchObject({ data: { wants: '退款一晚房费' } }));
  });

  it('a teammate continues a draft; a change by someone else never overwrites unsaved typing', async () => {
    const core = createFakeCore();
    const c = await seedComplaint(core, '王芳');
    // A teammate wrote part of step 1 before.
    await core.call('complaints.saveDraft', { id: c.id, step: 1, data: { customerWords: '导游中途离团', wants: '' } });
    const { user } = await renderApp({ core, store: { complaintDraftDebounceMs: 60_000 } });
    await user.keyboard('{Alt>}5{/Alt}');
    const list = await screen.findByRole('listbox', { name: '我的投诉' });
    list.focus();
    await user.keyboard('{Enter}');
    await waitForStep(1, '倾听');
    expect((field('客户原话') as HTMLTextAreaElement).value).toBe('导游中途离团');

    // Someone else saves while this seat has not saved its typing.
    field('客户诉求').focus();
    await user.keyboard('全额退款');
    await act(async () => {
      await core.call('complaints.saveDraft', { id: c.id, step: 1, data: { customerWords: '导游中途离团，还骂人' } });
    });
    const notice = await within(wizard()).findByText('此投诉刚被其他人修改。您正在填写的内容仍然保留，尚未被覆盖。');
    expect((field('客户诉求') as HTMLTextAreaElement).value).toBe('全额退款');
    expect((field('客户原话') as HTMLTextAreaElement).value).toBe('导游中途离团');
    await user.click(within(notice.parentElement!).getByRole('button', { name: '载入最新内容（放弃我的修改）' }));
    await waitFor(() => expect((field('客户原话') as HTMLTextAreaElement).value).toBe('导游中途离团，还骂人'));

    // Without unsaved typing, the newer version simply shows.
    await act(async () => {
      await core.call('complaints.saveDraft', { id: c.id, step: 1, data: { wants: '道歉' } });
    });
    await waitFor(() => expect((field('客户诉求') as HTMLTextAreaElement).value).toBe('道歉'));
    expect(within(wizard()).getByText('此投诉已被其他人更新，已载入最新内容。')).toBeTruthy();
  });

  it('completing a step keeps nothing stale: the next step starts empty and the draft status resets', async () => {
    const core = createFakeCore();
    const { user } = await renderApp({ core, store: { complaintDraftDebounceMs: 60 } });
    ringWangWei(core);
    await user.keyboard('c');
    await waitForStep(1, '倾听');
    await fillListen(user);
    await completeWithKeys(user);
    await waitForStep(2, '道歉');
    expect(draftStatus().textContent).toBe('');
  });
});
