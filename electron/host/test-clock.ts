import type { Clock } from '../core/clock';

/**
 * The wall clock plus an offset that only moves forward: the browser host's `--test-hooks`
 * lets an end-to-end test jump to when a callback falls due, instead of waiting for it.
 */
export function createOffsetClock(): Clock & { advance(ms: number): void; offset(): number } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('the test clock only moves forward');
      offset += ms;
    },
    offset: () => offset,
  };
}
