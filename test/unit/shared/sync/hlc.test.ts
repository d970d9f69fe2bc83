import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, hlcReceive, hlcTick, parseHlc, type Hlc } from '../../../../shared/sync/hlc';

const at = (ms: number, counter = 0, node = 'a'): Hlc => ({ ms, counter, node });

describe('hybrid logical clock', () => {
  it('follows the wall clock when it moves forward', () => {
    expect(hlcTick(at(1000, 5), 2000)).toEqual(at(2000, 0));
  });

  it('stays monotonic when the wall clock steps back', () => {
    const a = hlcTick(at(5000, 0), 1000);
    const b = hlcTick(a, 900);
    expect(a).toEqual(at(5000, 1));
    expect(compareHlc(b, a)).toBeGreaterThan(0);
  });

  it('moves past a remote stamp from a clock ten minutes ahead', () => {
    const remote = at(Date.UTC(2026, 0, 1, 0, 10), 3, 'b');
    const mine = hlcReceive(at(Date.UTC(2026, 0, 1)), remote, Date.UTC(2026, 0, 1));
    expect(compareHlc(mine, remote)).toBeGreaterThan(0);
    expect(hlcTick(mine, Date.UTC(2026, 0, 1, 0, 0, 1)).ms).toBe(remote.ms);
  });

  it('text form sorts like the stamps and round-trips', () => {
    const stamps = [at(1, 0), at(1, 35), at(1, 36), at(10, 0), at(10, 0, 'b'), at(1_700_000_000_000, 2)];
    const texts = stamps.map(formatHlc);
    expect([...texts].sort()).toEqual(texts);
    for (const s of stamps) expect(parseHlc(formatHlc(s))).toEqual(s);
    expect(() => parseHlc('nonsense')).toThrow();
  });
});
