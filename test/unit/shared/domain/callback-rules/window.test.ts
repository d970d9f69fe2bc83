import { describe, expect, it } from 'vitest';
import { validateCallbackWindow } from '../../../../../shared/domain/callback-rules';

const Z = (y: number, mo: number, d: number, h: number, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);
const SH = 'Asia/Shanghai';
const NOW = Z(2026, 6, 1, 2); // 10:00 Shanghai
const base = { zone: SH, now: NOW, doNotContact: false };

describe('validateCallbackWindow', () => {
  it('accepts an allowed window and a partly quiet one', () => {
    expect(validateCallbackWindow({ ...base, start: Z(2026, 6, 1, 6), end: Z(2026, 6, 1, 7) })).toEqual({ ok: true });
    // 20:00–23:00: the 20:00–21:00 part is used.
    expect(validateCallbackWindow({ ...base, start: Z(2026, 6, 1, 12), end: Z(2026, 6, 1, 15) })).toEqual({ ok: true });
    // 07:00 tomorrow – 09:30 tomorrow
    expect(validateCallbackWindow({ ...base, start: Z(2026, 6, 1, 23), end: Z(2026, 6, 2, 1, 30) })).toEqual({ ok: true });
  });

  it('refuses a window entirely inside quiet hours', () => {
    expect(validateCallbackWindow({ ...base, start: Z(2026, 6, 1, 14), end: Z(2026, 6, 1, 16) })).toEqual({
      ok: false,
      reason: 'window_in_quiet_hours',
    });
    // 21:00 – 09:00 exactly
    expect(validateCallbackWindow({ ...base, start: Z(2026, 6, 1, 13), end: Z(2026, 6, 2, 1) })).toEqual({
      ok: false,
      reason: 'window_in_quiet_hours',
    });
  });

  it('judges quiet hours on the part of the window still ahead', () => {
    // 20:00–22:00 window, now 21:30: only quiet time is left.
    expect(
      validateCallbackWindow({ ...base, now: Z(2026, 6, 1, 13, 30), start: Z(2026, 6, 1, 12), end: Z(2026, 6, 1, 14) }),
    ).toEqual({ ok: false, reason: 'window_in_quiet_hours' });
  });

  it('uses the given quiet hours', () => {
    const lunch = { start: '12:00', end: '14:00' };
    const w = { ...base, start: Z(2026, 6, 1, 4), end: Z(2026, 6, 1, 5), quiet: lunch }; // 12:00–13:00
    expect(validateCallbackWindow(w)).toEqual({ ok: false, reason: 'window_in_quiet_hours' });
    expect(validateCallbackWindow({ ...w, start: Z(2026, 6, 1, 14), end: Z(2026, 6, 1, 15) })).toEqual({ ok: true });
  });

  it('refuses an inverted or empty window', () => {
    expect(validateCallbackWindow({ ...base, start: Z(2026, 6, 1, 7), end: Z(2026, 6, 1, 6) })).toEqual({
      ok: false,
      reason: 'window_inverted',
    });
    expect(validateCallbackWindow({ ...base, start: Z(2026, 6, 1, 7), end: Z(2026, 6, 1, 7) })).toEqual({
      ok: false,
      reason: 'window_inverted',
    });
    expect(validateCallbackWindow({ ...base, start: Number.NaN, end: Z(2026, 6, 1, 7) })).toEqual({
      ok: false,
      reason: 'window_inverted',
    });
  });

  it('refuses a window that has already ended, but accepts one in progress', () => {
    expect(validateCallbackWindow({ ...base, start: Z(2026, 6, 1, 1), end: NOW })).toEqual({
      ok: false,
      reason: 'window_in_past',
    });
    expect(validateCallbackWindow({ ...base, start: Z(2026, 6, 1, 1), end: NOW + 60_000 })).toEqual({ ok: true });
  });

  it('refuses a window shorter than minMinutes (default 5)', () => {
    const start = Z(2026, 6, 1, 6);
    expect(validateCallbackWindow({ ...base, start, end: start + 4 * 60_000 })).toEqual({
      ok: false,
      reason: 'window_too_short',
    });
    expect(validateCallbackWindow({ ...base, start, end: start + 5 * 60_000 })).toEqual({ ok: true });
    expect(validateCallbackWindow({ ...base, start, end: start + 10 * 60_000, minMinutes: 15 })).toEqual({
      ok: false,
      reason: 'window_too_short',
    });
  });

  it('refuses an unknown zone', () => {
    for (const zone of ['Mars/Olympus', '', 'Asia/Shanghia']) {
      expect(validateCallbackWindow({ ...base, zone, start: Z(2026, 6, 1, 6), end: Z(2026, 6, 1, 7) })).toEqual({
        ok: false,
        reason: 'invalid_zone',
      });
    }
  });

  it('refuses a customer who asked not to be called, before any other check', () => {
    expect(
      validateCallbackWindow({ ...base, doNotContact: true, start: Z(2026, 6, 1, 6), end: Z(2026, 6, 1, 7) }),
    ).toEqual({ ok: false, reason: 'do_not_contact' });
    expect(
      validateCallbackWindow({ ...base, doNotContact: true, zone: 'Nope/Nope', start: 2, end: 1 }),
    ).toEqual({ ok: false, reason: 'do_not_contact' });
  });

  it('is DST-aware: 08:30–09:00 New York is quiet on the spring-forward day, 09:00–09:30 EDT is not', () => {
    const ny = { ...base, zone: 'America/New_York', now: Z(2026, 3, 8, 0) };
    expect(validateCallbackWindow({ ...ny, start: Z(2026, 3, 8, 12, 30), end: Z(2026, 3, 8, 13) })).toEqual({
      ok: false,
      reason: 'window_in_quiet_hours',
    });
    expect(validateCallbackWindow({ ...ny, start: Z(2026, 3, 8, 13), end: Z(2026, 3, 8, 13, 30) })).toEqual({ ok: true });
  });
});
