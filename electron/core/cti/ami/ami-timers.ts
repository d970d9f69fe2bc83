// Timers are injected so tests (and a future fake-timer harness) control keep-alive, action
// timeouts and reconnect delays without waiting real seconds.

export interface AmiTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: AmiTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
