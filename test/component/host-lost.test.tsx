import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { wsApi } from '../../renderer/api/ws-api';
import { createFakeCore } from './fake-core';
import { renderApp } from './render-app';

// The browser host closed or restarted: the window says so at once and offers to reconnect,
// instead of failing every save with the same error one by one.

describe('the link to the browser host drops', () => {
  it('shows a banner in the UI language, and Reconnect opens the page again', async () => {
    const core = createFakeCore();
    let drop = () => {};
    core.onDisconnect = (listener) => {
      drop = listener;
      return () => {};
    };
    const reload = vi.fn();
    const { user } = await renderApp({ core, store: { reload } });
    expect(screen.queryByText(/与本机客服服务的连接已断开/)).toBeNull();

    act(() => drop());
    const banner = screen.getByText(/与本机客服服务的连接已断开/).closest('[role="alert"]') as HTMLElement;
    expect(banner.textContent).toContain('已保存的内容不会丢失');
    await user.click(screen.getByRole('button', { name: '重新连接' }));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('the WebSocket transport reports a closed socket once and fails what was pending', async () => {
    class FakeSocket extends EventTarget {
      static instance: FakeSocket;
      readonly OPEN = 1;
      readyState = 1;
      sent: string[] = [];
      constructor(readonly url: string) {
        super();
        FakeSocket.instance = this;
        queueMicrotask(() => this.dispatchEvent(new Event('open')));
      }
      send(data: string) {
        this.sent.push(data);
      }
      close() {
        this.readyState = 3;
        this.dispatchEvent(new Event('close'));
      }
    }
    const api = wsApi('http://127.0.0.1:1', 't', FakeSocket as unknown as typeof WebSocket);
    await api.ready;
    const lost = vi.fn();
    api.onDisconnect!(lost);
    const pending = api.call('session.get', {});
    await Promise.resolve();
    FakeSocket.instance.close();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(lost).toHaveBeenCalledOnce();
  });
});
