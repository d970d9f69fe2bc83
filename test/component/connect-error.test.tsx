import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { ConnectError, type StartupFailure } from '../../renderer/app/ConnectError';
import { createI18n } from '../../renderer/i18n';

function show(failure: StartupFailure, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const onRetry = vi.fn();
  render(
    <I18nextProvider i18n={createI18n(locale)}>
      <ConnectError failure={failure} onRetry={onRetry} />
    </I18nextProvider>,
  );
  return onRetry;
}

describe('start-up error screen', () => {
  it('a missing token tells the agent to open the exact URL the host printed', async () => {
    const onRetry = show({ kind: 'connect', error: new Error('errors.noToken') });
    const alert = screen.getByRole('alert');
    expect(screen.getByRole('heading', { name: '无法连接到客服工作台服务' })).toBeTruthy();
    expect(alert.textContent).toContain('请打开主机程序启动时在命令行中打印的完整网址（末尾带有 #token=…）');
    await userEvent.click(screen.getByRole('button', { name: '重新连接' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('a refused or dead host explains that the token changes on every start', () => {
    show({ kind: 'connect', error: new Error('errors.hostUnavailable') }, 'en');
    expect(screen.getByRole('alert').textContent).toContain('open the exact URL it printed when it started');
  });

  it('a session failure and an unexpected error are both explained', () => {
    show({ kind: 'session', error: { code: 'forbidden', message: 'errors.forbidden' } });
    expect(screen.getByRole('alert').textContent).toContain('已连接到主机程序，但无法载入坐席信息：您的角色无权执行此操作');
  });

  it('an unknown failure still shows what happened', () => {
    show({ kind: 'connect', error: new Error('WebSocket is not defined') }, 'en');
    expect(screen.getByRole('alert').textContent).toContain('Something unexpected went wrong while connecting: WebSocket is not defined');
  });
});
