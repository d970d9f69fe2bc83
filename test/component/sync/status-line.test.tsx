import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeCore } from '../fake-core';
import { renderApp } from '../render-app';
import { hhmm, openPanel, panel, press, syncButton, syncLine } from './helpers';

const MIN = 60_000;

describe('sync status line', () => {
  it('starts from sync.status and shows every state, the counts and the last sync as sync.statusChanged arrives', async () => {
    const core = createFakeCore();
    core.sync.setStatus({ state: 'online', hubUrl: 'https://hub.example.com', pending: 3, parked: 2, lastSyncAt: Date.now() - 5 * MIN - 1000 });
    const { core: c } = await renderApp({ core });
    expect(c.callsTo('sync.status')).toHaveLength(1);
    const line = syncLine();
    expect(line.getAttribute('aria-live')).toBe('polite');
    expect(line.textContent).toContain('在线');
    expect(line.textContent).toContain('待上传 3');
    expect(line.textContent).toContain('被退回 2');
    expect(line.textContent).toContain('5 分钟前');
    // The moving "5 分钟前" is not part of what the live region announces; the details say it.
    expect(syncButton().getAttribute('aria-describedby')).toBe('sync-line-details');
    expect(document.getElementById('sync-line-details')!.textContent).toContain('上次同步：5 分钟前');

    act(() => void core.sync.setStatus({ state: 'syncing', pending: 0, parked: 0, lastSyncAt: Date.now() - 10_000 }));
    expect(syncLine().textContent).toContain('正在同步…');
    expect(syncLine().textContent).toContain('刚刚');
    expect(syncLine().textContent).not.toContain('待上传');
    expect(syncLine().textContent).not.toContain('被退回');

    act(() => void core.sync.setStatus({ state: 'syncing', lastSyncAt: Date.now() - 3 * 60 * MIN }));
    expect(syncLine().textContent).toContain('3 小时前');

    const retryAt = Date.now() + 7 * MIN;
    act(() => void core.sync.setStatus({ state: 'offline', nextRetryAt: retryAt, pending: 12, lastError: 'sync.errors.offline' }));
    expect(syncLine().textContent).toContain(`离线 · ${hhmm(retryAt)} 重试`);
    expect(syncLine().textContent).toContain('待上传 12');
    expect(document.getElementById('sync-line-details')!.textContent).toContain('连不上总部，稍后会自动重试。');

    act(() => void core.sync.setStatus({ state: 'update_required', nextRetryAt: null, lastError: 'sync.errors.updateRequired' }));
    expect(syncLine().textContent).toContain('需要更新应用');
    expect(syncButton().className).toContain('sync-update_required');

    act(() => void core.sync.setStatus({ state: 'unauthorized', lastError: 'sync.errors.unauthorized' }));
    expect(syncLine().textContent).toContain('同步认证失败');

    act(() => void core.sync.setStatus({ state: 'off', hubUrl: null, pending: 0, lastSyncAt: null, lastError: null }));
    expect(syncLine().textContent!.trim()).toBe('同步未开启');
    expect(document.getElementById('sync-line-details')!.textContent).toContain('尚未与总部同步');
  });

  it('speaks English and Traditional Chinese too', async () => {
    const core = createFakeCore({ locale: 'en' });
    core.sync.setStatus({ state: 'offline', pending: 4, nextRetryAt: Date.now() + 2 * MIN, lastSyncAt: Date.now() - 12 * MIN });
    await renderApp({ core });
    const line = screen.getByRole('status', { name: 'Sync status' });
    expect(line.textContent).toContain('Offline · retry at');
    expect(line.textContent).toContain('Pending 4');
    expect(line.textContent).toContain('12 min ago');
  });

  it('opens the panel by keyboard (Enter on the line, Ctrl+Shift+Y), closes with Escape and gives the focus back', async () => {
    const core = createFakeCore();
    core.sync.setStatus({ state: 'online', hubUrl: 'https://hub.example.com', lastSyncAt: Date.now() });
    const { user } = await renderApp({ core });
    expect(syncButton().getAttribute('aria-keyshortcuts')).toBe('Control+Shift+Y Meta+Shift+Y');

    await press(user, syncButton());
    expect(panel()).toBeTruthy();
    expect(syncButton().getAttribute('aria-expanded')).toBe('true');
    // The focus starts on 立即同步 and Tab stays inside.
    const now = within(panel()).getByRole('button', { name: '立即同步' });
    expect(document.activeElement).toBe(now);
    for (let i = 0; i < 15; i++) await user.tab();
    expect(panel().contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: '与总部同步' })).toBeNull();
    expect(document.activeElement).toBe(syncButton());

    // From the search box the shortcut works too (it types nothing).
    await user.click(screen.getByRole('combobox', { name: '搜索客户' }));
    await openPanel(user);
    expect(panel()).toBeTruthy();
    expect((screen.getByRole('combobox', { name: '搜索客户' }) as HTMLInputElement).value).toBe('');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('combobox', { name: '搜索客户' })));
  });

  it('立即同步 asks the core and the line follows; a seat clock off by more than 2 minutes is warned', async () => {
    const core = createFakeCore();
    core.sync.setStatus({ state: 'offline', hubUrl: 'https://hub.example.com', pending: 5, nextRetryAt: Date.now() + 10 * MIN, clockOffsetMs: 10 * MIN });
    const { user } = await renderApp({ core });
    const p = await openPanel(user);
    expect(within(p).getByText(/本机时钟比总部慢约 10 分钟/)).toBeTruthy();
    expect(within(p).getByText(/连不上总部。修改都安全保存在本机/)).toBeTruthy();

    await press(user, within(p).getByRole('button', { name: '立即同步' }));
    await waitFor(() => expect(syncLine().textContent).toContain('在线'));
    expect(core.callsTo('sync.now')).toEqual([{}]);
    expect(syncLine().textContent).not.toContain('待上传');
    expect(syncLine().textContent).toContain('刚刚');

    act(() => void core.sync.setStatus({ clockOffsetMs: -90_000 }));
    expect(within(p).queryByText(/本机时钟/)).toBeNull();
    act(() => void core.sync.setStatus({ clockOffsetMs: -3 * MIN }));
    expect(within(p).getByText(/本机时钟比总部快约 3 分钟/)).toBeTruthy();
  });

  it('立即同步 is refused while sync is off; the reason is shown', async () => {
    const core = createFakeCore();
    core.sync.setStatus({ state: 'online', hubUrl: 'https://hub.example.com' });
    core.override('sync.now', () => ({ ok: false, error: { code: 'unavailable', message: 'sync.errors.offline' } }));
    const { user } = await renderApp({ core });
    const p = await openPanel(user);
    await press(user, within(p).getByRole('button', { name: '立即同步' }));
    expect((await within(p).findByRole('alert')).textContent).toBe('没有同步成功：连不上总部，稍后会自动重试。');
    act(() => void core.sync.setStatus({ state: 'off', hubUrl: null }));
    expect((within(p).getByRole('button', { name: '立即同步' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(p).getByText(/同步未开启：修改都安全保存在本机/)).toBeTruthy();
  });
});
