/** Injected everywhere time matters, so tests and the demo control it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
