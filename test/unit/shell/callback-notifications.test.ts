import { describe, expect, it, vi } from 'vitest';
import type { CoreEventListener } from '../../../electron/core/create-core';
import { startCallbackNotifier } from '../../../electron/shell/callback-notifications';

function fakeCore() {
  const listeners = new Set<CoreEventListener>();
  return {
    subscribe: (l: CoreEventListener) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit: (event: string, payload: unknown) => {
      for (const l of listeners) (l as (e: string, p: unknown) => void)(event, payload);
    },
  };
}

describe('callback reminders on the desktop', () => {
  it('shows one notification per due callback in the seat language and focuses the window on click', () => {
    const core = fakeCore();
    const notify = vi.fn();
    const focus = vi.fn();
    startCallbackNotifier({ core, locale: () => 'zh-CN', notify, setBadge: () => {}, focus });
    core.emit('callback.due', { customerName: '王伟', phone: '138****5678' });
    expect(notify).toHaveBeenCalledOnce();
    expect(notify.mock.calls[0]!.slice(0, 2)).toEqual(['回访到时间了', '请致电 王伟（138****5678）。']);
    notify.mock.calls[0]![2]();
    expect(focus).toHaveBeenCalledOnce();
  });

  it('badges what is due or overdue and stops when disposed', () => {
    const core = fakeCore();
    const setBadge = vi.fn();
    const stop = startCallbackNotifier({ core, locale: () => 'en', notify: () => {}, setBadge, focus: () => {} });
    core.emit('callbacks.countsChanged', { due: 2, overdue: 3, upcoming: 9, escalated: 1 });
    expect(setBadge).toHaveBeenLastCalledWith(5);
    stop();
    core.emit('callbacks.countsChanged', { due: 0, overdue: 0, upcoming: 0, escalated: 0 });
    expect(setBadge).toHaveBeenCalledTimes(1);
  });
});
