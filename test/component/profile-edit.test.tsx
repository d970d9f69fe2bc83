import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { byName, createFakeCore } from './fake-core';
import { openCustomer, renderApp } from './render-app';

const ZH_EMAIL_ERROR = '请输入有效的电子邮箱地址，例如 name@example.com';

/** Opens 王伟, presses E and waits until the full contacts are in the form. */
async function editWangWei(core = createFakeCore()) {
  const app = await renderApp({ core });
  await openCustomer(app.user, '王伟', '王伟');
  await app.user.keyboard('e');
  const form = await screen.findByRole('form', { name: '编辑客户资料' });
  const email = await within(form).findByLabelText('电子邮箱 1');
  return { ...app, form, email: email as HTMLInputElement };
}

const describedText = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('editing a profile', () => {
  it('E opens the form with the real contacts, loaded through the audited reveal', async () => {
    const { core, form, email } = await editWangWei();
    const id = byName(core, '王伟').customer.id;
    expect(core.callsTo('customers.revealContacts')).toEqual([{ id }]);
    expect(email.value).toBe('wang.wei@example.com');
    expect((within(form).getByLabelText('电话 1') as HTMLInputElement).value).toBe('138 1234 5678');
    expect((within(form).getByLabelText('电话 2') as HTMLInputElement).value).toBe('021 6123 4567');
    const name = within(form).getByLabelText('姓名') as HTMLInputElement;
    expect(name.value).toBe('王伟');
    expect(document.activeElement).toBe(name);
    expect((within(form).getByLabelText('请勿联系') as HTMLInputElement).checked).toBe(true);
    expect((within(form).getByLabelText('首选联系渠道') as HTMLSelectElement).value).toBe('wechat');
  });

  it('an invalid email shows the translated error next to the field and nothing is sent; fixed, only that field is saved', async () => {
    const { user, core, form, email } = await editWangWei();
    await user.clear(email);
    await user.type(email, 'wei.wang@');
    await user.click(within(form).getByRole('button', { name: '保存' }));

    const alert = await within(form).findByText(ZH_EMAIL_ERROR);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(email)).toContain(ZH_EMAIL_ERROR);
    // Right after the field, not somewhere else on the page.
    expect(email.closest('.list-row')!.contains(alert)).toBe(true);
    expect(document.activeElement).toBe(email);
    expect(within(form).getByText('有 1 处需要更正，请按各项旁的提示修改后再保存。')).toBeTruthy();
    expect(core.callsTo('customers.update')).toHaveLength(0);

    await user.type(email, 'example.com');
    // Once a save was tried, the error follows the typing.
    expect(within(form).queryByText(ZH_EMAIL_ERROR)).toBeNull();
    expect(email.getAttribute('aria-invalid')).toBeNull();
    await user.click(within(form).getByRole('button', { name: '保存' }));

    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    const sent = core.callsTo('customers.update');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      id: byName(core, '王伟').customer.id,
      patch: { emails: ['wei.wang@example.com'] },
      baseUpdatedAt: byName(core, '王伟').customer.updatedAt - 1000,
    });
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('已保存');
    // Focus goes back to where editing started.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: '编辑' }));
  });

  it('sends only the fields that changed, with the base version, on Ctrl+Enter', async () => {
    const { user, core, form } = await editWangWei();
    const name = within(form).getByLabelText('姓名');
    await user.clear(name);
    await user.type(name, '王大伟');
    await user.selectOptions(within(form).getByLabelText('客户状态'), 'churned');
    await user.selectOptions(within(form).getByLabelText('流失原因'), 'competitor');
    await user.click(within(form).getByLabelText('请勿联系'));
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(await screen.findByRole('heading', { level: 2, name: '王大伟' })).toBeTruthy();
    expect(core.callsTo('customers.update')[0]!.patch).toEqual({
      name: '王大伟',
      status: 'churned',
      churnReason: 'competitor',
      doNotContact: false,
    });
    expect(screen.getByRole('article').textContent).toContain('流失原因：转向竞争对手');
  });

  it('validates other fields with the same schema: required name, birth date format, phone', async () => {
    const { user, core, form } = await editWangWei();
    await user.clear(within(form).getByLabelText('姓名'));
    const birth = within(form).getByLabelText('出生日期');
    await user.clear(birth);
    await user.type(birth, '1985/07/21');
    const phone = within(form).getByLabelText('电话 2');
    await user.clear(phone);
    await user.type(phone, '12345');
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(describedText(within(form).getByLabelText('姓名'))).toContain('此项必填，请填写后再保存。');
    expect(describedText(birth)).toContain('请按“年-月-日”格式输入日期，例如 1985-07-21');
    expect(describedText(phone)).toContain('请输入有效的电话号码');
    expect(birth.getAttribute('aria-invalid')).toBe('true');
    expect(core.callsTo('customers.update')).toHaveLength(0);
  });

  it('shows field errors the server returns, next to their field', async () => {
    const core = createFakeCore();
    core.override('customers.update', () => ({
      ok: false,
      error: { code: 'invalid_input', message: 'errors.invalidInput', fields: { 'patch.phones.0': 'validation.phone' } },
    }));
    const { user, form } = await editWangWei(core);
    const phone = within(form).getByLabelText('电话 1');
    await user.clear(phone);
    await user.type(phone, '139 0000 1111');
    await user.click(within(form).getByRole('button', { name: '保存' }));

    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(phone)).toContain('请输入有效的电话号码，例如 138 1234 5678');
    expect(core.callsTo('customers.update')).toHaveLength(1);
    expect(screen.getByRole('form')).toBeTruthy();
  });

  it('a group-level server error (e.g. phones) shows at the list', async () => {
    const core = createFakeCore();
    core.override('customers.update', () => ({
      ok: false,
      error: { code: 'invalid_input', message: 'validation.phone', fields: { phones: 'validation.phone' } },
    }));
    const { user, form } = await editWangWei(core);
    await user.click(within(form).getByRole('button', { name: '添加电话' }));
    const added = within(form).getByLabelText('电话 3');
    expect(document.activeElement).toBe(added);
    await user.type(added, '13900001111');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    const group = within(form).getByRole('group', { name: '电话' });
    expect((await within(group).findByRole('alert')).textContent).toContain('请输入有效的电话号码');
  });

  it('a conflict says the customer changed meanwhile and offers a reload', async () => {
    const { user, core, form } = await editWangWei();
    const id = byName(core, '王伟').customer.id;
    core.changeBehindTheScenes(id, { occupation: '设计师' });
    expect(await within(form).findByText(/刚刚在别处被修改/)).toBeTruthy();

    const notes = within(form).getByLabelText('备注');
    await user.type(notes, '，不要靠近电梯');
    await user.click(within(form).getByRole('button', { name: '保存' }));

    const alert = await within(form).findByText(/在您编辑期间，其他人修改了这位客户的资料/);
    expect(alert.closest('[role="alert"]')).toBeTruthy();
    const reload = within(form).getByRole('button', { name: '重新加载' });
    expect(document.activeElement).toBe(reload);
    await user.click(reload);

    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(screen.getByRole('region', { name: '个人资料' }).textContent).toContain('设计师');
  });

  it('Escape cancels at once when nothing changed, and asks first when something did', async () => {
    const { user, core } = await editWangWei();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form')).toBeNull();

    await user.keyboard('e');
    const form = await screen.findByRole('form', { name: '编辑客户资料' });
    await user.type(within(form).getByLabelText('城市'), '浦东');
    await user.keyboard('{Escape}');
    const confirm = within(form).getByRole('alertdialog', { name: '放弃未保存的修改吗？' });
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: '继续编辑' }));
    await user.keyboard('{Escape}'); // Escape again keeps editing
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((within(form).getByLabelText('城市') as HTMLInputElement).value).toBe('上海浦东');

    await user.click(within(form).getByRole('button', { name: '取消' }));
    await user.click(within(form).getByRole('button', { name: '放弃修改' }));
    expect(screen.queryByRole('form')).toBeNull();
    expect(core.callsTo('customers.update')).toHaveLength(0);
    expect(screen.getByRole('region', { name: '个人资料' }).textContent).not.toContain('浦东');
  });

  it('E does nothing while typing in a field', async () => {
    const { user } = await renderApp();
    await openCustomer(user, '王芳', '王芳');
    screen.getByRole('combobox', { name: '搜索客户' }).focus();
    await user.keyboard('e');
    expect(screen.queryByRole('form')).toBeNull();
  });
});
