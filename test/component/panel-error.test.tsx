import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeCore } from './fake-core';
import { openCustomer, renderApp, search } from './render-app';

// A render error (here: a profile answer the UI cannot draw, as a newer core might send) stays in
// its panel: the agent is told what failed and keeps working; another customer draws again.

afterEach(() => vi.restoreAllMocks());

describe('a panel that fails to render', () => {
  it('says which part failed, keeps the rest of the window working, and recovers on the next customer', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const core = createFakeCore();
    const original = core.call.bind(core);
    let broken = true;
    core.call = (async (channel: string, input: unknown) => {
      const r = await original(channel as never, input as never);
      if (channel === 'customers.get' && broken && r.ok) return { ok: true, value: { ...(r.value as object), bookings: null } };
      return r;
    }) as typeof core.call;
    const { user } = await renderApp({ core });
    await expect(openCustomer(user, '王伟', '王伟')).rejects.toThrow();

    const failed = await screen.findByText(/客户资料或投诉处理区域出错了/);
    const box = failed.closest('[role="alert"]') as HTMLElement;
    expect(box.textContent).toContain('错误信息：');
    expect(within(box).getByRole('button', { name: '重试' })).toBeTruthy();
    expect(logged).toHaveBeenCalled();
    // The top bar and the search still work.
    expect(screen.getByRole('navigation', { name: '视图' })).toBeTruthy();
    const rows = await search(user, '李');
    expect(rows.length).toBeGreaterThan(0);

    broken = false;
    await user.click(rows[0]!);
    await waitFor(() => expect(screen.queryByText(/客户资料或投诉处理区域出错了/)).toBeNull());
    expect(await screen.findByRole('heading', { level: 2, name: /李/ })).toBeTruthy();
  });
});
