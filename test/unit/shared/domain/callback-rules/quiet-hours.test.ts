import { describe, expect, it } from 'vitest';
import {
  allowedPartOfWindow,
  DEFAULT_QUIET_HOURS,
  isQuiet,
  isValidQuietHours,
  nextAllowedTime,
  nextQuietStart,
  parseHm,
} from '../../../../../shared/domain/callback-rules';

const Z = (y: number, mo: number, d: number, h: number, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);
const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const LON = 'Europe/London';
const SYD = 'Australia/Sydney';

describe('parseHm / isValidQuietHours', () => {
  it('accepts 24-hour HH:mm only', () => {
    expect(parseHm('00:00')).toBe(0);
    expect(parseHm('09:30')).toBe(570);
    expect(parseHm('23:59')).toBe(1439);
    for (const bad of ['24:00', '9:00', '09:60', '0900', '', 'ab:cd']) expect(parseHm(bad)).toBeNull();
    expect(isValidQuietHours(DEFAULT_QUIET_HOURS)).toBe(true);
    expect(isValidQuietHours({ start: '21:00', end: '9' })).toBe(false);
  });
});

describe('isQuiet', () => {
  it('default quiet hours 21:00–09:00 wrap midnight (Asia/Shanghai, UTC+8, no DST)', () => {
    expect(isQuiet(Z(2026, 6, 1, 0, 59), SH)).toBe(true); // 08:59
    expect(isQuiet(Z(2026, 6, 1, 1, 0), SH)).toBe(false); // 09:00 — end is exclusive
    expect(isQuiet(Z(2026, 6, 1, 12, 59), SH)).toBe(false); // 20:59
    expect(isQuiet(Z(2026, 6, 1, 13, 0), SH)).toBe(true); // 21:00 — start is inclusive
    expect(isQuiet(Z(2026, 6, 1, 16, 0), SH)).toBe(true); // 00:00
    expect(isQuiet(Z(2026, 12, 1, 1, 0), SH)).toBe(false); // same in winter: no DST
  });

  it('follows the customer zone offset through DST (America/New_York)', () => {
    expect(isQuiet(Z(2026, 1, 15, 13, 59), NY)).toBe(true); // 08:59 EST
    expect(isQuiet(Z(2026, 1, 15, 14, 0), NY)).toBe(false); // 09:00 EST
    expect(isQuiet(Z(2026, 7, 15, 12, 59), NY)).toBe(true); // 08:59 EDT
    expect(isQuiet(Z(2026, 7, 15, 13, 0), NY)).toBe(false); // 09:00 EDT
    expect(isQuiet(Z(2026, 7, 16, 0, 59), NY)).toBe(false); // 20:59 EDT
    expect(isQuiet(Z(2026, 7, 16, 1, 0), NY)).toBe(true); // 21:00 EDT
  });

  it('supports a non-wrapping span and treats start === end as no quiet hours', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(isQuiet(Z(2026, 6, 1, 3, 59), SH, lunch)).toBe(false); // 11:59
    expect(isQuiet(Z(2026, 6, 1, 4, 0), SH, lunch)).toBe(true); // 12:00
    expect(isQuiet(Z(2026, 6, 1, 6, 0), SH, lunch)).toBe(false); // 14:00
    expect(isQuiet(Z(2026, 6, 1, 16, 0), SH, lunch)).toBe(false); // 00:00
    const none = { start: '00:00', end: '00:00' };
    expect(isQuiet(Z(2026, 6, 1, 16, 0), SH, none)).toBe(false);
    expect(nextQuietStart(Z(2026, 6, 1, 16, 0), SH, none)).toBe(Number.POSITIVE_INFINITY);
  });

  it('throws on an unknown zone or malformed quiet hours', () => {
    expect(() => isQuiet(0, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => isQuiet(0, SH, { start: '9pm', end: '09:00' })).toThrow(RangeError);
  });
});

describe('nextAllowedTime', () => {
  it('returns the input when calling is allowed', () => {
    const at = Z(2026, 6, 1, 5, 17) + 123;
    expect(nextAllowedTime(at, SH)).toBe(at);
  });

  it('returns the local end of the quiet span, before or after midnight (Asia/Shanghai)', () => {
    expect(nextAllowedTime(Z(2026, 6, 1, 14), SH)).toBe(Z(2026, 6, 2, 1)); // 22:00 → next 09:00
    expect(nextAllowedTime(Z(2026, 6, 1, 19), SH)).toBe(Z(2026, 6, 2, 1)); // 03:00 → same-day 09:00
    expect(nextAllowedTime(Z(2026, 6, 1, 13), SH)).toBe(Z(2026, 6, 2, 1)); // exactly 21:00
  });

  it('America/New_York spring forward (2026-03-08): the morning is 09:00 EDT, one hour earlier in UTC', () => {
    expect(nextAllowedTime(Z(2026, 3, 7, 3), NY)).toBe(Z(2026, 3, 7, 14)); // day before: 09:00 EST
    expect(nextAllowedTime(Z(2026, 3, 8, 3), NY)).toBe(Z(2026, 3, 8, 13)); // 22:00 EST → 09:00 EDT
    expect(nextAllowedTime(Z(2026, 3, 8, 6, 59), NY)).toBe(Z(2026, 3, 8, 13)); // 01:59 EST
    expect(nextAllowedTime(Z(2026, 3, 8, 7, 0), NY)).toBe(Z(2026, 3, 8, 13)); // 03:00 EDT
  });

  it('an end time inside the spring-forward gap becomes the first valid instant after it', () => {
    // 02:00 EST jumps to 03:00 EDT at 07:00Z; 02:30 does not exist that night.
    const q = { start: '21:00', end: '02:30' };
    expect(nextAllowedTime(Z(2026, 3, 8, 3), NY, q)).toBe(Z(2026, 3, 8, 7));
    expect(isQuiet(Z(2026, 3, 8, 7), NY, q)).toBe(false);
    expect(isQuiet(Z(2026, 3, 8, 7) - 1, NY, q)).toBe(true);
    // The night before, 02:30 EST exists.
    expect(nextAllowedTime(Z(2026, 3, 7, 3), NY, q)).toBe(Z(2026, 3, 7, 7, 30));
  });

  it('America/New_York fall back (2026-11-01): 09:00 EST, and a repeated end time is handled per occurrence', () => {
    expect(nextAllowedTime(Z(2026, 11, 1, 2), NY)).toBe(Z(2026, 11, 1, 14)); // 22:00 EDT → 09:00 EST
    expect(nextAllowedTime(Z(2026, 10, 31, 2), NY)).toBe(Z(2026, 10, 31, 13)); // day before: 09:00 EDT
    // 01:00–02:00 happens twice (05:00–06:00Z EDT, 06:00–07:00Z EST).
    const q = { start: '21:00', end: '01:30' };
    expect(nextAllowedTime(Z(2026, 11, 1, 5, 10), NY, q)).toBe(Z(2026, 11, 1, 5, 30)); // 01:10 EDT → 01:30 EDT
    expect(nextAllowedTime(Z(2026, 11, 1, 6, 10), NY, q)).toBe(Z(2026, 11, 1, 6, 30)); // 01:10 EST → 01:30 EST
    // ...and the clock falling back into the quiet span makes it quiet again at 06:00Z.
    expect(nextQuietStart(Z(2026, 11, 1, 5, 45), NY, q)).toBe(Z(2026, 11, 1, 6));
  });

  it('Europe/London (2026-03-29 BST starts, 2026-10-25 BST ends)', () => {
    expect(nextAllowedTime(Z(2026, 3, 28, 22), LON)).toBe(Z(2026, 3, 29, 8)); // 09:00 BST
    expect(nextAllowedTime(Z(2026, 10, 24, 22), LON)).toBe(Z(2026, 10, 25, 9)); // 23:00 BST → 09:00 GMT
  });

  it('Australia/Sydney (southern hemisphere: DST ends 2026-04-05, starts 2026-10-04)', () => {
    expect(nextAllowedTime(Z(2026, 4, 4, 12), SYD)).toBe(Z(2026, 4, 4, 23)); // 23:00 AEDT → 09:00 AEST
    expect(nextAllowedTime(Z(2026, 4, 3, 12), SYD)).toBe(Z(2026, 4, 3, 22)); // day before: 09:00 AEDT
    expect(nextAllowedTime(Z(2026, 10, 3, 12), SYD)).toBe(Z(2026, 10, 3, 22)); // 22:00 AEST → 09:00 AEDT
    expect(nextAllowedTime(Z(2026, 10, 2, 12), SYD)).toBe(Z(2026, 10, 2, 23)); // day before: 09:00 AEST
  });
});

describe('nextQuietStart', () => {
  it('is the input when quiet, else the next local quiet start (DST-correct)', () => {
    expect(nextQuietStart(Z(2026, 6, 1, 14), SH)).toBe(Z(2026, 6, 1, 14));
    expect(nextQuietStart(Z(2026, 6, 1, 2), SH)).toBe(Z(2026, 6, 1, 13)); // 10:00 → 21:00
    expect(nextQuietStart(Z(2026, 3, 8, 14), NY)).toBe(Z(2026, 3, 9, 1)); // 21:00 EDT on spring-forward day
    expect(nextQuietStart(Z(2026, 11, 1, 15), NY)).toBe(Z(2026, 11, 2, 2)); // 21:00 EST on fall-back day
  });
});

describe('allowedPartOfWindow', () => {
  it('cuts a window that runs into quiet hours at the quiet start', () => {
    // 20:00–23:00 Shanghai → 20:00–21:00
    expect(allowedPartOfWindow(Z(2026, 6, 1, 12), Z(2026, 6, 1, 15), SH)).toEqual({
      start: Z(2026, 6, 1, 12),
      end: Z(2026, 6, 1, 13),
    });
  });

  it('starts a window that begins in quiet hours at the quiet end', () => {
    // 07:00–10:00 Shanghai → 09:00–10:00
    expect(allowedPartOfWindow(Z(2026, 5, 31, 23), Z(2026, 6, 1, 2), SH)).toEqual({
      start: Z(2026, 6, 1, 1),
      end: Z(2026, 6, 1, 2),
    });
  });

  it('returns the first allowed sub-span of a window spanning a night', () => {
    // 20:00 day 1 – 10:00 day 2 → 20:00–21:00 day 1
    expect(allowedPartOfWindow(Z(2026, 6, 1, 12), Z(2026, 6, 2, 2), SH)).toEqual({
      start: Z(2026, 6, 1, 12),
      end: Z(2026, 6, 1, 13),
    });
  });

  it('returns null for a fully quiet, empty or inverted window', () => {
    expect(allowedPartOfWindow(Z(2026, 6, 1, 14), Z(2026, 6, 1, 15), SH)).toBeNull(); // 22:00–23:00
    expect(allowedPartOfWindow(Z(2026, 6, 1, 13), Z(2026, 6, 2, 1), SH)).toBeNull(); // exactly 21:00–09:00
    expect(allowedPartOfWindow(Z(2026, 6, 1, 5), Z(2026, 6, 1, 5), SH)).toBeNull();
    expect(allowedPartOfWindow(Z(2026, 6, 1, 6), Z(2026, 6, 1, 5), SH)).toBeNull();
  });

  it('handles a window across the New York spring-forward night', () => {
    // 2026-03-08 08:30 EDT (12:30Z) – 10:00 EDT (14:00Z) → 09:00–10:00 EDT
    expect(allowedPartOfWindow(Z(2026, 3, 8, 12, 30), Z(2026, 3, 8, 14), NY)).toEqual({
      start: Z(2026, 3, 8, 13),
      end: Z(2026, 3, 8, 14),
    });
  });
});
