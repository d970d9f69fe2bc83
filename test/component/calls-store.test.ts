import { describe, expect, it, vi } from 'vitest';
import type { CallCard } from '../../shared/contract/call-schemas';
import { validateAmiDraft } from '../../renderer/state/cti-slice';
import { createAppStore } from '../../renderer/state/app-store';
import { dispositionForKey, validateQuickCreate, validateWrapUp, emptyQuickCreate, emptyWrapUp } from '../../renderer/state/call-rules';
import { byName, callCard, cardCustomerOf, createFakeCore, deferred } from './fake-core';

// The calls and CTI slices on their own: the rules the screen-pop components rely on.

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('calls slice', () => {
  it('loads the calls already on the seat at start, in ring order, and the CTI status', async () => {
    const core = createFakeCore();
    const older = callCard({ ringAt: 1_000 });
    const newer = callCard({ ringAt: 2_000 });
    core.activeCalls.set(newer.callId, newer);
    core.activeCalls.set(older.callId, older);
    core.ctiStatus = { ...core.ctiStatus, source: 'ami', state: 'connected' };
    const store = createAppStore(core);
    await store.getState().appStarted();
    expect(store.getState().callOrder).toEqual([older.callId, newer.callId]);
    expect(store.getState().ctiStatus?.state).toBe('connected');
    store.dispose();
  });

  it('an event heard while calls.active is on its way wins over the older answer', async () => {
    const core = createFakeCore();
    const card = callCard();
    const gone = callCard();
    const held = deferred<{ calls: CallCard[] }>();
    core.override('calls.active', () => held.promise);
    const store = createAppStore(core);
    const loading = store.getState().activeCallsRequested();
    await flush();
    core.emit('call.changed', { ...card, state: 'answered', answeredAt: card.ringAt + 5_000 });
    core.emit('call.dismissed', { callId: gone.callId });
    held.resolve({ calls: [card, gone] });
    await loading;
    expect(store.getState().calls[card.callId]?.state).toBe('answered');
    expect(store.getState().calls[gone.callId]).toBeUndefined();
    store.dispose();
  });

  it('the same card announced and answered twice (event + reply) is applied idempotently', async () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    const card = callCard();
    core.ring(card);
    core.ring(card);
    expect(store.getState().callOrder).toEqual([card.callId]);
    core.updateCall(card.callId, { state: 'ended', missed: true, endedAt: Date.now() });
    await store.getState().callbackOfferAccepted(card.callId);
    await store.getState().callbackOfferAccepted(card.callId);
    expect(core.callsTo('calls.acceptCallbackOffer')).toHaveLength(1);
    expect(store.getState().calls[card.callId]?.callbackId).not.toBeNull();
    store.dispose();
  });

  it('the same action is not sent again while the first is on its way', async () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    const card = callCard({ source: 'url' });
    core.ring(card);
    const held = deferred<CallCard>();
    core.override('calls.setState', () => held.promise);
    const first = store.getState().callStateMarked(card.callId, 'answered');
    await flush();
    await store.getState().callStateMarked(card.callId, 'ended');
    expect(core.callsTo('calls.setState')).toEqual([{ callId: card.callId, state: 'answered' }]);
    held.resolve({ ...card, state: 'answered', answeredAt: Date.now() });
    await first;
    expect(store.getState().callPending[card.callId]).toBeUndefined();
    store.dispose();
  });

  it('Esc right after hang-up closes the card even before the hang-up is answered, and the late answer does not bring it back', async () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    const card = callCard({ source: 'url' });
    core.ring(card);
    const held = deferred<CallCard>();
    core.override('calls.setState', ({ callId }) => {
      const ended = core.updateCall(callId, { state: 'ended', missed: true, endedAt: Date.now() }); // the event comes first…
      return held.promise.then(() => ended); // …the reply later
    });
    const hangUp = store.getState().callStateMarked(card.callId, 'ended');
    await vi.waitFor(() => expect(store.getState().calls[card.callId]?.state).toBe('ended'));
    store.getState().dismissRequested(card.callId);
    await vi.waitFor(() => expect(store.getState().calls[card.callId]).toBeUndefined());
    held.resolve(card);
    await hangUp;
    expect(store.getState().calls[card.callId]).toBeUndefined();
    expect(store.getState().callOrder).toEqual([]);
    expect(store.getState().callPending).toEqual({});
    store.dispose();
  });

  it('a call the core no longer knows is removed instead of showing an error', async () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    const card = callCard();
    store.getState().callChanged({ ...card, state: 'ended', missed: true }); // only the renderer has it
    await store.getState().callbackOfferAccepted(card.callId);
    expect(store.getState().calls[card.callId]).toBeUndefined();
    expect(store.getState().callErrors).toEqual({});
    store.dispose();
  });

  it('a refused action is kept as the call’s error, in the words of the core', async () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    const card = callCard();
    core.ring(card);
    // The renderer thinks it ended, the core does not: dismiss is refused.
    store.getState().callChanged({ ...card, state: 'ended', missed: true });
    await store.getState().dismissConfirmed(card.callId);
    expect(store.getState().callErrors[card.callId]?.message).toBe('errors.callNotEnded');
    expect(store.getState().calls[card.callId]).toBeDefined();
    store.dispose();
  });

  it('dismissing the focused call hands the keys to the newest remaining one', () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    const a = callCard({ ringAt: 1 });
    const b = callCard({ ringAt: 2 });
    const c = callCard({ ringAt: 3 });
    for (const card of [a, b, c]) core.ring(card);
    expect(store.getState().focusedCallId).toBe(c.callId);
    store.getState().callFocused(a.callId);
    core.emit('call.dismissed', { callId: a.callId });
    expect(store.getState().focusedCallId).toBe(c.callId);
    expect(store.getState().focusRequest).toMatchObject({ callId: c.callId, force: false });
    store.dispose();
  });

  it('a new call does not take over a call being talked on or wrapped up; A goes to the ringing one', () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    const first = callCard();
    core.ring(first);
    core.updateCall(first.callId, { state: 'answered', answeredAt: Date.now() });
    core.updateCall(first.callId, { state: 'ended', endedAt: Date.now() });
    const second = callCard();
    core.ring(second);
    expect(store.getState().focusedCallId).toBe(first.callId);
    store.getState().answerFocusRequested();
    expect(store.getState().focusedCallId).toBe(second.callId);
    expect(store.getState().focusRequest).toMatchObject({ callId: second.callId, force: true });
    store.dispose();
  });

  it('complaintRequested (C) starts the wizard for the matched customer, linked to the call, and asks for a customer first', async () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    const wei = byName(core, '王伟');
    const known = callCard({ match: { kind: 'customer', customer: cardCustomerOf(wei) } });
    const unknown = callCard();
    core.ring(known);
    core.ring(unknown);
    store.getState().complaintRequested(known.callId);
    await vi.waitFor(() => expect(store.getState().complaintWizard?.complaint?.currentStep).toBe(1));
    expect(core.callsTo('complaints.start')).toEqual([{ customerId: wei.customer.id, source: 'call', interactionId: known.interactionId, firstContact: true, bookingId: null }]);
    expect(store.getState().view).toBe('complaints');
    store.getState().complaintRequested(unknown.callId);
    expect(store.getState().callNotice).toMatchObject({ callId: unknown.callId, key: 'call.notices.noCustomerYet' });
    expect(core.calls.filter((c) => c.channel.startsWith('calls.'))).toEqual([]);
    store.dispose();
  });
});

describe('call and settings forms validate with the contract', () => {
  it('wrap-up: a code is required, the summary is trimmed and at most 200 characters', () => {
    expect(validateWrapUp('c1', emptyWrapUp())).toEqual({ ok: false, errors: { disposition: 'validation.choose' } });
    expect(validateWrapUp('c1', { ...emptyWrapUp(), disposition: 'billing', summary: '  账单有误  ' })).toEqual({
      ok: true,
      input: { callId: 'c1', disposition: 'billing', summary: '账单有误' },
    });
    expect(validateWrapUp('c1', { ...emptyWrapUp(), disposition: 'other', summary: 'x'.repeat(201) })).toEqual({
      ok: false,
      errors: { summary: 'validation.tooLong' },
    });
    expect(['1', '9', '0', 'a'].map(dispositionForKey)).toEqual(['booking', 'other', null, null]);
  });

  it('quick-create reuses CustomerCreate: name required, an empty city is not sent', () => {
    expect(validateQuickCreate(emptyQuickCreate())).toEqual({ ok: false, errors: { name: 'validation.required' } });
    expect(validateQuickCreate({ ...emptyQuickCreate(), name: ' 孙丽 ', city: ' ' })).toEqual({
      ok: true,
      customer: { kind: 'person', name: '孙丽', gender: 'unknown', language: 'zh-CN' },
    });
  });

  it('AMI settings: port and extension get their own messages', () => {
    const valid = { host: 'pbx', port: '5038', username: 'u', secret: 's', extension: '8001' };
    expect(validateAmiDraft(valid)).toEqual({ ok: true, settings: { ...valid, port: 5038 } });
    expect(validateAmiDraft({ ...valid, port: '0' })).toEqual({ ok: false, errors: { port: 'validation.port' } });
    expect(validateAmiDraft({ ...valid, port: '50 38' })).toEqual({ ok: false, errors: { port: 'validation.port' } });
    expect(validateAmiDraft({ ...valid, extension: '80 01' })).toEqual({ ok: false, errors: { extension: 'validation.extension' } });
    expect(validateAmiDraft({ ...valid, secret: '' })).toEqual({ ok: false, errors: { secret: 'validation.required' } });
  });
});
