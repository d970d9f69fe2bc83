import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeCore } from './fake-core';
import { openCustomer, renderApp } from './render-app';

const factValue = (region: HTMLElement, term: string) =>
  within(region).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent ?? '';

describe('language switch', () => {
  it('switches visible labels to English and to Traditional Chinese, and remembers the choice in the core', async () => {
    const { user, core } = await renderApp();
    await openCustomer(user, '王伟', '王伟');
    expect(screen.getByText('客服工作台')).toBeTruthy();
    expect(screen.getByText('张敏 · 坐席')).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: '界面语言' }), 'en');
    await screen.findByText('Kefu Desk');
    expect(document.documentElement.lang).toBe('en');
    expect(core.callsTo('session.setLocale')).toEqual([{ locale: 'en' }]);
    expect(core.session.locale).toBe('en');
    expect(screen.getByText('张敏 · Agent')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Search customers' }).getAttribute('placeholder')).toContain('pinyin');
    expect(screen.getByRole('button', { name: 'Edit' })).toBeTruthy();
    const value = screen.getByRole('region', { name: 'Customer value' });
    expect(factValue(value, 'Value tier')).toBe('Platinum');
    expect(factValue(value, 'Lifecycle stage')).toBe('Stability');
    expect(factValue(value, 'Customer lifetime value')).toBe('CN¥45,678.00');
    expect(factValue(value, 'Last booking')).toBe('May 2, 2025');
    expect(screen.getByRole('option', { name: /王伟/ }).textContent).toContain('Matched: name');
    expect(within(screen.getByRole('region', { name: 'Interactions' })).getAllByText('WeChat').length).toBeGreaterThan(0);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Interface language' }), 'zh-TW');
    await screen.findByRole('region', { name: '客戶價值' });
    expect(document.documentElement.lang).toBe('zh-TW');
    const valueTw = screen.getByRole('region', { name: '客戶價值' });
    expect(factValue(valueTw, '價值等級')).toBe('白金');
    expect(factValue(valueTw, '生命週期')).toBe('穩定期');
    expect(screen.getByRole('button', { name: '編輯' })).toBeTruthy();
    expect(screen.getByRole('article').textContent).toContain('現有客戶');
    expect(screen.getByText('张敏 · 客服專員')).toBeTruthy(); // the name is data, the role is translated
    expect(core.callsTo('session.setLocale')).toEqual([{ locale: 'en' }, { locale: 'zh-TW' }]);
  });

  it('starts in the language the session says', async () => {
    const { user } = await renderApp({ core: createFakeCore({ locale: 'zh-TW' }) });
    expect(screen.getByRole('combobox', { name: '搜尋客戶' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '尚未開啟客戶資料' })).toBeTruthy();
    expect((screen.getByRole('combobox', { name: '介面語言' }) as HTMLSelectElement).value).toBe('zh-TW');
    await openCustomer(user, '王伟', '王伟');
    expect(screen.getByRole('region', { name: '聯絡方式' })).toBeTruthy();
  });

  it('validation messages follow the language too', async () => {
    const { user } = await renderApp({ core: createFakeCore({ locale: 'en' }) });
    await openCustomer(user, '王伟', '王伟');
    await user.keyboard('e');
    const form = await screen.findByRole('form', { name: 'Edit customer profile' });
    const email = await within(form).findByLabelText('Email 1');
    await user.clear(email);
    await user.type(email, 'not-an-email');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('Enter a valid email address, e.g. name@example.com').getAttribute('role')).toBe('alert');
  });

  it('keeps the new language but says so when the core could not store it', async () => {
    const core = createFakeCore();
    core.override('session.setLocale', () => ({ ok: false, error: { code: 'internal', message: 'errors.internal' } }));
    const { user } = await renderApp({ core });
    await user.selectOptions(screen.getByRole('combobox', { name: '界面语言' }), 'en');
    const alert = await screen.findByText(/The language was switched but could not be saved/);
    expect(alert.textContent).toContain('An internal error stopped this action');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/The language was switched/)).toBeNull();
    expect(screen.getByText('Kefu Desk')).toBeTruthy();
  });
});
