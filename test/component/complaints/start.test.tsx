import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { byName, callCard } from '../fake-core';
import { openCustomer, search } from '../render-app';
import { field, renderComplaints, ringWangWei, waitForStep } from './helpers';

// Whole walks by keyboard take a few seconds under a loaded parallel run.
describe('starting a complaint', { timeout: 20_000 }, () => {
  it('from the card after the call ended too, and asks for a customer on an unknown caller', async () => {
    const { core, store, user } = await renderComplaints();
    const card = ringWangWei(core);
    core.updateCall(card.callId, { state: 'ended', endedAt: Date.now() });
    await user.keyboard('c');
    await waitForStep(1, '倾听');
    expect(core.callsTo('complaints.start')).toMatchObject([{ source: 'call', interactionId: card.interactionId, firstContact: true }]);

    const unknown = callCard();
    core.ring(unknown);
    await waitFor(() => expect(screen.getAllByTestId('call-card')).toHaveLength(2));
    // The wizard's field has the keyboard (C types there); the agent moves to the new card.
    act(() => store.getState().callFocused(unknown.callId));
    await user.keyboard('c');
    expect(await screen.findByText('请先选择或建立客户资料。')).toBeTruthy();
    expect(core.callsTo('complaints.start')).toHaveLength(1);
  });

  it('from the profile: a button, no questions asked', async () => {
    const { core, user } = await renderComplaints();
    await openCustomer(user, '王芳', '王芳');
    await user.click(screen.getByRole('button', { name: '新建投诉' }));
    await waitForStep(1, '倾听');
    expect(core.callsTo('complaints.start')).toEqual([{ customerId: byName(core, '王芳').customer.id, source: 'profile', interactionId: null, firstContact: false, bookingId: null }]);
    expect((field('渠道') as HTMLSelectElement).value).toBe('');
  });

  it('from a search result: Alt+C on the highlighted result, also shown as a button', async () => {
    const { core, user } = await renderComplaints();
    await search(user, '李娜');
    expect(screen.getByRole('button', { name: /为 李娜 新建投诉/ }).getAttribute('aria-keyshortcuts')).toBe('Alt+C');
    await user.keyboard('{Alt>}c{/Alt}');
    await waitForStep(1, '倾听');
    expect(core.callsTo('complaints.start')).toMatchObject([{ customerId: byName(core, '李娜').customer.id, source: 'search' }]);
  });
});
