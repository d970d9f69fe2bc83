import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CustomerProfile, SearchResult } from '../../shared/contract/customer-schemas';
import { createAppStore } from '../../renderer/state/app-store';
import { byName, createFakeCore, deferred } from './fake-core';

// The store on its own: the rules the components rely on.

const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('search slice', () => {
  it('debounces keystrokes into one request for the latest query', async () => {
    vi.useFakeTimers();
    const core = createFakeCore();
    const store = createAppStore(core);
    for (const q of ['w', 'wa', 'wan', 'wang']) store.getState().queryChanged(q);
    expect(store.getState().searchStatus).toBe('pending');
    vi.advanceTimersByTime(79);
    expect(core.callsTo('customers.search')).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(core.callsTo('customers.search')).toEqual([{ query: 'wang', limit: 100 }]);
    await vi.runAllTimersAsync();
    expect(store.getState().results?.items.map((c) => c.name)).toEqual(['王伟', '王芳', '王强']);
    expect(store.getState().activeIndex).toBe(0);
    store.dispose();
  });

  it('ignores an answer that arrives after a newer query was sent', async () => {
    const core = createFakeCore();
    const held = new Map<string, ReturnType<typeof deferred<SearchResult>>>();
    core.override('customers.search', ({ query }) => {
      const d = deferred<SearchResult>();
      held.set(query, d);
      return d.promise;
    });
    const store = createAppStore(core, { searchDebounceMs: 0 });
    store.getState().queryChanged('a');
    await vi.waitFor(() => expect(held.has('a')).toBe(true));
    store.getState().queryChanged('ab');
    await vi.waitFor(() => expect(held.has('ab')).toBe(true));
    held.get('ab')!.resolve({ query: 'ab', items: [], more: false, tookMs: 1 });
    await flush();
    held.get('a')!.resolve({ query: 'a', items: [], more: true, tookMs: 1 });
    await flush();
    expect(store.getState().results?.query).toBe('ab');
    expect(store.getState().results?.more).toBe(false);
    store.dispose();
  });

  it('clearing the box cancels the pending search and drops its answer', async () => {
    const core = createFakeCore();
    const d = deferred<SearchResult>();
    core.override('customers.search', () => d.promise);
    const store = createAppStore(core, { searchDebounceMs: 0 });
    store.getState().queryChanged('王');
    await vi.waitFor(() => expect(core.callsTo('customers.search')).toHaveLength(1));
    store.getState().queryChanged('   ');
    d.resolve({ query: '王', items: [], more: false, tookMs: 1 });
    await flush();
    expect(store.getState()).toMatchObject({ results: null, searchStatus: 'idle', activeIndex: -1 });
    store.dispose();
  });

  it('keeps the highlight on the same customer when the list is refreshed', async () => {
    const core = createFakeCore();
    const store = createAppStore(core, { searchDebounceMs: 0 });
    store.getState().queryChanged('王');
    await vi.waitFor(() => expect(store.getState().searchStatus).toBe('done'));
    store.getState().highlightMoved(2);
    expect(store.getState().results?.items[store.getState().activeIndex]?.name).toBe('王强');
    core.changeBehindTheScenes(byName(core, '王强').customer.id, { city: '深圳' });
    await vi.waitFor(() => expect(core.callsTo('customers.search')).toHaveLength(2));
    await flush();
    expect(store.getState().results?.items[store.getState().activeIndex]?.name).toBe('王强');
    store.dispose();
  });

  it('search failures are reported with the core error', async () => {
    const core = createFakeCore();
    core.override('customers.search', () => {
      throw new Error('socket gone');
    });
    const store = createAppStore(core, { searchDebounceMs: 0 });
    store.getState().queryChanged('王');
    await vi.waitFor(() => expect(store.getState().searchStatus).toBe('error'));
    expect(store.getState().searchError).toEqual({ code: 'unavailable', message: 'errors.hostUnavailable' });
    store.dispose();
  });
});

describe('profile slice', () => {
  it('opening B while A is still loading never shows A', async () => {
    const core = createFakeCore();
    const a = byName(core, '王伟').customer.id;
    const b = byName(core, '李娜').customer.id;
    const profileOf = async (id: string) => {
      const r = await core.call('customers.get', { id });
      if (!r.ok) throw new Error('fake failed');
      return r.value;
    };
    const [profileA, profileB] = [await profileOf(a), await profileOf(b)];
    const held = new Map<string, ReturnType<typeof deferred<CustomerProfile>>>();
    core.override('customers.get', ({ id }) => {
      const d = deferred<CustomerProfile>();
      held.set(id, d);
      return d.promise;
    });
    const store = createAppStore(core);
    void store.getState().customerOpened(a);
    void store.getState().customerOpened(b);
    await vi.waitFor(() => expect(held.size).toBe(2));
    held.get(b)!.resolve(profileB);
    await flush();
    held.get(a)!.resolve(profileA);
    await flush();
    expect(store.getState().openId).toBe(b);
    expect(store.getState().profile?.customer.name).toBe('李娜');
    store.dispose();
  });

  it('for a role that sees full contacts, editing does not reveal them again', async () => {
    const core = createFakeCore({ role: 'supervisor' });
    const store = createAppStore(core);
    await store.getState().customerOpened(byName(core, '王伟').customer.id);
    await store.getState().editStarted();
    expect(store.getState().edit?.contacts).toBe('ready');
    expect(store.getState().edit?.draft.phones).toEqual(['138 1234 5678', '021 6123 4567']);
    expect(core.callsTo('customers.revealContacts')).toHaveLength(0);
    store.dispose();
  });

  it('a change announced while editing is flagged, not loaded over the draft', async () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    const id = byName(core, '王芳').customer.id;
    await store.getState().customerOpened(id);
    await store.getState().editStarted();
    store.getState().draftEdited({ city: '天津' });
    const gets = core.callsTo('customers.get').length;
    core.changeBehindTheScenes(id, { notes: 'x' });
    expect(store.getState().edit?.changedElsewhere).toBe(true);
    expect(store.getState().edit?.draft.city).toBe('天津');
    expect(core.callsTo('customers.get')).toHaveLength(gets);
    store.dispose();
  });

  it('opening another customer with unsaved changes asks first, then opens it once discarded', async () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    await store.getState().customerOpened(byName(core, '王芳').customer.id);
    await store.getState().editStarted();
    store.getState().draftEdited({ notes: '改了' });
    const other = byName(core, '李娜').customer.id;
    await store.getState().customerOpened(other);
    expect(store.getState().edit?.confirmingDiscard).toBe(true);
    expect(store.getState().openId).not.toBe(other);
    store.getState().editCancelled();
    await vi.waitFor(() => expect(store.getState().profile?.customer.name).toBe('李娜'));
    expect(store.getState().edit).toBeNull();
    store.dispose();
  });

  it('saving with nothing changed sends nothing', async () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    await store.getState().customerOpened(byName(core, '王芳').customer.id);
    await store.getState().editStarted();
    store.getState().draftEdited({ city: ' 北京 ' });
    await store.getState().saveRequested();
    expect(core.callsTo('customers.update')).toHaveLength(0);
    expect(store.getState().edit).toBeNull();
    expect(store.getState().notice?.key).toBe('edit.nothingChanged');
    store.dispose();
  });
});

describe('session slice', () => {
  it('takes agent and locale from session.get and stores a chosen locale in the core', async () => {
    const core = createFakeCore({ locale: 'en' });
    const store = createAppStore(core);
    await store.getState().appStarted();
    expect(store.getState()).toMatchObject({ sessionStatus: 'ready', locale: 'en' });
    expect(store.getState().session?.agent.name).toBe('张敏');
    await store.getState().localeChosen('zh-TW');
    expect(store.getState().locale).toBe('zh-TW');
    expect(core.session.locale).toBe('zh-TW');
    store.dispose();
  });

  it('dispose() stops listening to core events', async () => {
    const core = createFakeCore();
    const store = createAppStore(core);
    const id = byName(core, '王芳').customer.id;
    await store.getState().customerOpened(id);
    store.dispose();
    core.changeBehindTheScenes(id, { name: '别人' });
    await flush();
    expect(store.getState().profile?.customer.name).toBe('王芳');
  });
});
