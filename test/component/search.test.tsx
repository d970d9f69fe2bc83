import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../shared/contract/customer-schemas';
import { createFakeCore, deferred, makeCustomer } from './fake-core';
import { options, renderApp, resultList, search, searchBox, settledOptions } from './render-app';

describe('search as you type', () => {
  it('focuses the search box on start and tells what can be typed', async () => {
    await renderApp();
    const box = searchBox();
    expect(document.activeElement).toBe(box);
    expect(box.getAttribute('placeholder')).toContain('拼音');
    expect(box.getAttribute('placeholder')).toContain('会员号');
    expect(screen.getByRole('heading', { name: '尚未打开客户资料' })).toBeTruthy();
  });

  it('lists matching customers with tier, masked phone, city, member no. and the matched field', async () => {
    const { user, core } = await renderApp();
    const rows = await search(user, '王');
    expect(rows.map((r) => within(r).getByText(/^王/).textContent)).toEqual(['王伟', '王芳', '王强']);
    const first = rows[0]!;
    expect(first.textContent).toContain('白金');
    expect(first.textContent).toContain('138****5678');
    expect(first.textContent).toContain('上海');
    expect(first.textContent).toContain('会员号 M100001');
    expect(first.textContent).toContain('匹配：姓名');
    expect(first.textContent).not.toContain('13812345678');
    // tookMs is shown, discreetly.
    expect(screen.getByText(/用时 1\.3 毫秒/)).toBeTruthy();
    expect(screen.getByText('共 3 位客户')).toBeTruthy();
    // One keystroke, one request.
    expect(core.callsTo('customers.search').map((c) => c.query)).toEqual(['王']);
  });

  it('debounces: a burst of keystrokes sends one search for the whole query', async () => {
    const { user, core } = await renderApp();
    await search(user, 'wangw');
    expect(core.callsTo('customers.search').map((c) => c.query)).toEqual(['wangw']);
    expect(options()[0]!.textContent).toContain('匹配：拼音');
  });

  it('drops a late answer for an old query so it cannot overwrite the newer one', async () => {
    const core = createFakeCore();
    const answers = new Map<string, ReturnType<typeof deferred<SearchResult>>>();
    core.override('customers.search', ({ query }) => {
      const d = deferred<SearchResult>();
      answers.set(query, d);
      return d.promise;
    });
    const { user } = await renderApp({ core });
    const box = searchBox();
    const summary = (id: string, name: string) => ({
      id,
      kind: 'person' as const,
      name,
      memberNo: null,
      city: null,
      tier: 'iron' as const,
      phone: null,
      matchedField: 'name' as const,
    });

    await user.type(box, '王');
    await waitFor(() => expect(answers.has('王')).toBe(true));
    await user.type(box, '芳');
    await waitFor(() => expect(answers.has('王芳')).toBe(true));

    // The newer answer arrives first …
    await act(async () => answers.get('王芳')!.resolve({ query: '王芳', items: [summary('01900000-0000-7000-8000-00000000aaa1', '王芳')], more: false, tookMs: 2 }));
    expect((await settledOptions()).map((o) => o.textContent)).toEqual([expect.stringContaining('王芳')]);

    // … then the stale one: it must be ignored.
    await act(async () =>
      answers.get('王')!.resolve({
        query: '王',
        items: [summary('01900000-0000-7000-8000-00000000aaa2', '王伟'), summary('01900000-0000-7000-8000-00000000aaa3', '王强')],
        more: false,
        tookMs: 9,
      }),
    );
    expect(options()).toHaveLength(1);
    expect(options()[0]!.textContent).toContain('王芳');
    expect(screen.queryByText(/王伟/)).toBeNull();
  });

  it('says so when no customer matches, with what can be searched', async () => {
    const { user } = await renderApp();
    await user.type(searchBox(), 'zzzz');
    expect(await screen.findByRole('heading', { name: '没有与“zzzz”匹配的客户' })).toBeTruthy();
    expect(screen.getByText(/姓名、拼音、首字母、电话号码中的数字、电子邮箱或会员号/)).toBeTruthy();
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('virtualises a long list: renders a window of rows and says there are more', async () => {
    const many = Array.from({ length: 400 }, (_, i) => makeCustomer({ name: `张${String(i).padStart(3, '0')}` }, { pinyin: 'zhang' }));
    const core = createFakeCore({ customers: many });
    const { user } = await renderApp({ core });
    await search(user, '张');
    const rendered = options();
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(50);
    expect(rendered[0]!.getAttribute('aria-setsize')).toBe('100');
    expect(rendered[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(screen.getByText('还有更多匹配的客户，请继续输入以缩小范围。')).toBeTruthy();
    expect(screen.getByText('前 100 位客户')).toBeTruthy();
  });

  it('Ctrl+K and / bring the focus back to the search box', async () => {
    const { user } = await renderApp();
    const box = searchBox();
    await user.click(screen.getByRole('heading', { name: '尚未打开客户资料' }));
    box.blur();
    expect(document.activeElement).not.toBe(box);
    await user.keyboard('{Control>}k{/Control}');
    expect(document.activeElement).toBe(box);
    box.blur();
    await user.keyboard('/');
    expect(document.activeElement).toBe(box);
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('Escape in the search box clears the query', async () => {
    const { user } = await renderApp();
    await search(user, '王');
    await user.keyboard('{Escape}');
    expect((searchBox() as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});

describe('keyboard navigation of the results', () => {
  it('ArrowDown/ArrowUp move the highlight and Enter opens that customer', async () => {
    const { user } = await renderApp();
    await search(user, '王');
    const box = searchBox();
    const selected = () => options().filter((o) => o.getAttribute('aria-selected') === 'true');

    expect(selected().map((o) => o.id)).toEqual([options()[0]!.id]);
    await user.keyboard('{ArrowDown}');
    expect(selected()[0]!.textContent).toContain('王芳');
    expect(box.getAttribute('aria-activedescendant')).toBe(selected()[0]!.id);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(selected()[0]!.textContent).toContain('王强'); // stops at the last row
    await user.keyboard('{ArrowUp}');
    expect(selected()[0]!.textContent).toContain('王芳');

    await user.keyboard('{Enter}');
    const heading = await screen.findByRole('heading', { level: 2, name: '王芳' });
    // The opened profile takes the focus, so E edits right away.
    expect(document.activeElement).toBe(heading);
  });

  it('the list itself also answers arrows, Home/End and Enter', async () => {
    const { user } = await renderApp();
    await search(user, '王');
    resultList().focus();
    await user.keyboard('{End}');
    expect(options().find((o) => o.getAttribute('aria-selected') === 'true')!.textContent).toContain('王强');
    await user.keyboard('{Home}{ArrowDown}{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: '王芳' })).toBeTruthy();
  });

  it('Enter typed before the answer arrives opens the first match of the new query, not an old row', async () => {
    const core = createFakeCore();
    const { user } = await renderApp({ core, store: { searchDebounceMs: 50 } });
    await search(user, '王');
    await user.type(searchBox(), '芳{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: '王芳' })).toBeTruthy();
    expect(core.callsTo('customers.get')).toHaveLength(1);
  });

  it('clicking a row opens it', async () => {
    const { user } = await renderApp();
    const rows = await search(user, '李');
    await user.click(rows[0]!);
    expect(await screen.findByRole('heading', { level: 2, name: '李娜' })).toBeTruthy();
  });
});
