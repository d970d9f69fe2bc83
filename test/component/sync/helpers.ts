import { screen, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { expect } from 'vitest';

type User = ReturnType<typeof userEvent.setup>;

/** The top bar's sync line (a polite live region). */
export const syncLine = () => screen.getByRole('status', { name: '同步状态' });
export const syncButton = () => within(syncLine()).getByRole('button');
export const panel = () => screen.getByRole('dialog', { name: '与总部同步' });
export const section = (name: string | RegExp) => within(panel()).getByRole('region', { name });

/** Ctrl+Shift+Y, the panel's shortcut. */
export async function openPanel(user: User) {
  await user.keyboard('{Control>}{Shift>}Y{/Shift}{/Control}');
  return panel();
}

/** Tabs until `target` has the focus (proves it is reachable by keyboard), at most 60 presses. */
export async function tabTo(user: User, target: HTMLElement) {
  for (let i = 0; i < 60 && document.activeElement !== target; i++) await user.tab();
  expect(document.activeElement).toBe(target);
}

/** Tab to a button and press Enter. */
export async function press(user: User, button: HTMLElement) {
  await tabTo(user, button);
  await user.keyboard('{Enter}');
}

/** 14:05, as the line shows a time (the seat's zone). */
export const hhmm = (ms: number) =>
  new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(ms);
