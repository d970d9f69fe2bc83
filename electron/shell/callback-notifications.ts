import type { Core } from '../core/create-core';
import { shellText, type ShellLocale } from './shell-text';

// Reminders outside the window: a desktop notification when a callback falls due, and the
// dock/taskbar badge with what is due or overdue. The core decides when (exactly once per due
// moment); the shell only shows it. No 'electron' import: main.ts hands in the OS functions.

export interface NotifierDeps {
  core: Pick<Core, 'subscribe'>;
  locale: () => ShellLocale;
  notify: (title: string, body: string, onClick: () => void) => void;
  setBadge: (count: number) => void;
  /** Bring the seat's window forward (a click on the notification). */
  focus: () => void;
}

export function startCallbackNotifier(deps: NotifierDeps): () => void {
  return deps.core.subscribe((event, payload) => {
    if (event === 'callback.due') {
      const cb = payload as { customerName: string | null; phone: string };
      const t = shellText(deps.locale());
      deps.notify(t.callbackDueTitle, t.callbackDue(cb.customerName ?? cb.phone, cb.phone), deps.focus);
    } else if (event === 'callbacks.countsChanged') {
      const c = payload as { due: number; overdue: number };
      deps.setBadge(c.due + c.overdue);
    }
  });
}
