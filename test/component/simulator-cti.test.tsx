import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeCore } from './fake-core';
import { renderApp } from './render-app';

const simulator = () => screen.getByRole('region', { name: '来电模拟器' });
const ctiButton = () => screen.getByRole('button', { name: /^AMI / });

describe('call simulator', () => {
  it('opens with Ctrl+Shift+S, rings a random demo caller, rings a chosen number and line, answers and hangs up', async () => {
    const { core, user } = await renderApp();
    expect(screen.queryByRole('region', { name: '来电模拟器' })).toBeNull();
    await user.keyboard('{Control>}{Shift>}S{/Shift}{/Control}');
    const panel = simulator();
    expect(screen.getByRole('button', { name: '模拟器' }).getAttribute('aria-pressed')).toBe('true');

    await user.click(within(panel).getByRole('button', { name: '模拟来电' }));
    // The fake core's first demo customer with a phone is 王伟.
    await waitFor(() => expect(screen.getAllByTestId('call-card')).toHaveLength(1));
    expect(core.callsTo('calls.simulate')).toEqual([{ action: 'ring' }]);
    expect(screen.getByRole('region', { name: '来电 +86 138****5678' }).textContent).toContain('王先生');

    await user.type(within(panel).getByLabelText('来电号码'), '139 0000 1111');
    await user.type(within(panel).getByLabelText('被叫号码（DNIS）'), '4008201234');
    await user.click(within(panel).getByRole('button', { name: '呼入此号码' }));
    await waitFor(() => expect(screen.getAllByTestId('call-card')).toHaveLength(2));
    expect(core.callsTo('calls.simulate')[1]).toEqual({ action: 'ring', from: '139 0000 1111', dnis: '4008201234' });
    const fang = screen.getByRole('region', { name: '来电 +86 139****1111' });
    expect(fang.textContent).toContain('王芳');
    expect(fang.textContent).toContain('4008201234');
    expect(fang.textContent).toContain('来源：模拟器');

    // The panel lists the live simulated calls, newest first, and plays the caller's side.
    const rows = within(panel).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('+86 139****1111'), expect.stringContaining('+86 138****5678')]);
    await user.click(within(rows[0]!).getByRole('button', { name: '接听' }));
    await waitFor(() => expect(fang.textContent).toContain('通话中'));
    await user.click(within(within(panel).getAllByRole('listitem')[0]!).getByRole('button', { name: '挂断' }));
    await waitFor(() => expect(within(fang).getByRole('form', { name: '话后处理' })).toBeTruthy());
    const simulatedId = fang.dataset.callId!;
    expect(core.callsTo('calls.simulate').slice(2)).toEqual([
      { action: 'answer', callId: simulatedId },
      { action: 'hangup', callId: simulatedId },
    ]);
    expect(within(panel).getAllByRole('listitem')).toHaveLength(1);

    await user.click(within(panel).getByRole('button', { name: '关闭模拟器' }));
    expect(screen.queryByRole('region', { name: '来电模拟器' })).toBeNull();
  });

  it('the top-bar button opens it too; a bad number is refused next to the field', async () => {
    const core = createFakeCore();
    core.override('calls.simulate', () => ({
      ok: false,
      error: { code: 'invalid_input', message: 'errors.invalidInput', fields: { from: 'validation.phone' } },
    }));
    const { user } = await renderApp({ core });
    await user.click(screen.getByRole('button', { name: '模拟器' }));
    const panel = simulator();
    const from = within(panel).getByLabelText('来电号码');
    await user.type(from, 'abc');
    await user.click(within(panel).getByRole('button', { name: '呼入此号码' }));
    await waitFor(() => expect(from.getAttribute('aria-invalid')).toBe('true'));
    expect(within(panel).getByRole('alert').textContent).toContain('请输入有效的电话号码');
    expect(screen.queryAllByTestId('call-card')).toHaveLength(0);

    // Too long for the contract: stopped before anything is sent.
    await user.clear(from);
    await user.type(within(panel).getByLabelText('被叫号码（DNIS）'), '1'.repeat(41));
    await user.click(within(panel).getByRole('button', { name: '呼入此号码' }));
    expect(within(panel).getByLabelText('被叫号码（DNIS）').getAttribute('aria-invalid')).toBe('true');
    expect(core.callsTo('calls.simulate')).toHaveLength(1);
  });
});

describe('CTI status and settings', () => {
  it('shows the AMI state in the top bar, with the malformed-line count in its details', async () => {
    const { core } = await renderApp();
    expect(ctiButton().textContent).toBe('AMI 未配置');
    act(() =>
      core.emit('cti.statusChanged', {
        source: 'ami',
        state: 'connected',
        extension: '8001',
        host: 'pbx.hotel.local',
        malformedLines: 3,
        unknownEvents: 12,
        lastError: null,
        canDial: true,
      }),
    );
    const button = ctiButton();
    expect(button.textContent).toContain('AMI 已连接');
    expect(button.getAttribute('title')).toContain('已忽略格式错误的行：3');
    const details = document.getElementById(button.getAttribute('aria-describedby')!)!;
    expect(details.textContent).toContain('分机 8001');
    expect(details.textContent).toContain('服务器 pbx.hotel.local');
    expect(details.textContent).toContain('已忽略格式错误的行：3');
    expect(details.textContent).toContain('未识别的事件：12');

    act(() => core.emit('cti.statusChanged', { ...core.ctiStatus, source: 'ami', state: 'auth_failed', lastError: 'Authentication failed' }));
    expect(ctiButton().textContent).toBe('AMI 认证失败');
    expect(ctiButton().getAttribute('title')).toContain('最近错误：Authentication failed');
  });

  it('validates every field with AmiSettings before sending, then saves the whole object', async () => {
    const { core, user } = await renderApp();
    await user.click(ctiButton());
    const dialog = await screen.findByRole('dialog', { name: '电话系统（AMI）设置' });
    const field = (label: string) => within(dialog).getByLabelText(label) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(field('服务器地址')));
    expect(field('端口').value).toBe('5038');
    expect(within(dialog).queryByRole('button', { name: '关闭 AMI' })).toBeNull(); // nothing to turn off yet

    await user.clear(field('端口'));
    await user.type(field('端口'), '70000');
    await user.type(field('分机号'), '80 01');
    await user.click(within(dialog).getByRole('button', { name: '保存并连接' }));
    const errorOf = (label: string) => {
      const input = field(label);
      expect(input.getAttribute('aria-invalid'), label).toBe('true');
      return (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    };
    expect(errorOf('服务器地址')).toContain('此项必填');
    expect(errorOf('端口')).toContain('端口须为 1 至 65535 之间的整数');
    expect(errorOf('用户名')).toContain('此项必填');
    expect(errorOf('密码')).toContain('此项必填');
    expect(errorOf('分机号')).toContain('分机号只能包含数字、字母和 _ * # -');
    expect(within(dialog).getByText('有 5 处需要更正，请按各项旁的提示修改。')).toBeTruthy();
    expect(document.activeElement).toBe(field('服务器地址'));
    expect(core.callsTo('cti.configure')).toHaveLength(0);

    await user.type(field('服务器地址'), 'pbx.hotel.local');
    await user.clear(field('端口'));
    await user.type(field('端口'), 'abc');
    expect(errorOf('端口')).toContain('端口须为');
    await user.clear(field('端口'));
    await user.type(field('端口'), '5038');
    await user.type(field('用户名'), 'kefu');
    await user.type(field('密码'), 's3cret');
    await user.clear(field('分机号'));
    await user.type(field('分机号'), '8001');
    await user.click(within(dialog).getByRole('button', { name: '保存并连接' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(core.callsTo('cti.configure')).toEqual([
      { ami: { host: 'pbx.hotel.local', port: 5038, username: 'kefu', secret: 's3cret', extension: '8001' } },
    ]);
    expect(ctiButton().textContent).toBe('AMI 连接中');
    expect(screen.getByText('电话系统设置已保存，正在连接。').getAttribute('role')).toBe('status');
    expect(document.activeElement).toBe(ctiButton());
  });

  it('never prefills the secret, asks for it again to save, and 关闭 AMI sends null', async () => {
    const core = createFakeCore();
    core.amiSettings = { host: 'pbx.hotel.local', port: 5038, username: 'kefu', secret: 'old-secret', extension: '8001' };
    core.ctiStatus = { ...core.ctiStatus, source: 'ami', state: 'connected', host: 'pbx.hotel.local', extension: '8001' };
    const { user } = await renderApp({ core });
    await user.click(ctiButton());
    const dialog = await screen.findByRole('dialog', { name: '电话系统（AMI）设置' });
    const secret = (await within(dialog).findByLabelText('密码')) as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(secret.value).toBe('');
    expect((within(dialog).getByLabelText('服务器地址') as HTMLInputElement).value).toBe('pbx.hotel.local');
    expect((within(dialog).getByLabelText('分机号') as HTMLInputElement).value).toBe('8001');
    const hint = document.getElementById(secret.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(hint.textContent).toBe('已保存过密码。出于安全考虑，密码不会显示。每次保存都需要重新输入密码，即使没有修改。');

    await user.click(within(dialog).getByRole('button', { name: '保存并连接' }));
    expect(secret.getAttribute('aria-invalid')).toBe('true');
    expect(core.callsTo('cti.configure')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: '关闭 AMI' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(core.callsTo('cti.configure')).toEqual([{ ami: null }]);
    expect(ctiButton().textContent).toBe('AMI 未配置');
  });

  it('Esc closes the dialog without saving and without touching a call card', async () => {
    const { core, user } = await renderApp();
    await user.click(ctiButton());
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(core.callsTo('cti.configure')).toHaveLength(0);
  });
});
