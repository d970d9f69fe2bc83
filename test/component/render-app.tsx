import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { onTestFinished } from 'vitest';
import { App } from '../../renderer/app/App';
import { AppProviders } from '../../renderer/app/AppProviders';
import { createI18n } from '../../renderer/i18n';
import { createAppStore, type StoreOptions } from '../../renderer/state/app-store';
import { createFakeCore, type FakeCore } from './fake-core';

/** The real app (store, i18n, components) on a fake core, started like main.tsx starts it. */
export async function renderApp(options: { core?: FakeCore; store?: StoreOptions } = {}) {
  const core = options.core ?? createFakeCore();
  const store = createAppStore(core, options.store);
  onTestFinished(() => store.dispose());
  await store.getState().appStarted();
  const i18n = createI18n(store.getState().locale);
  const user = userEvent.setup();
  const view = render(
    <AppProviders store={store} i18n={i18n}>
      <App />
    </AppProviders>,
  );
  return { core, store, i18n, user, ...view };
}

export const searchBox = () => screen.getByRole('combobox', { name: /搜索客户|搜尋客戶|Search customers/ });
export const resultList = () => screen.getByRole('listbox');
export const options = () => within(resultList()).queryAllByRole('option');

/** The result rows once the answer for what is in the box has arrived. */
export async function settledOptions() {
  return waitFor(() => {
    const list = resultList();
    if (list.getAttribute('aria-busy') === 'true') throw new Error('search still pending');
    const rows = within(list).getAllByRole('option');
    return rows;
  });
}

/** Types a query and waits until its results are listed. */
export async function search(user: ReturnType<typeof userEvent.setup>, query: string) {
  const box = searchBox();
  await user.clear(box);
  await user.type(box, query);
  return settledOptions();
}

/** Searches and opens the customer with that name from the results. */
export async function openCustomer(user: ReturnType<typeof userEvent.setup>, query: string, name: string) {
  const rows = await search(user, query);
  const row = rows.find((r) => r.textContent?.includes(name));
  if (!row) throw new Error(`no result row for ${name}`);
  await user.click(row);
  return screen.findByRole('heading', { level: 2, name });
}
