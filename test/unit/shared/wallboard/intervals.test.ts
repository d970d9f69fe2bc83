import { describe, expect, it } from 'vitest';
import { intervalReport, intervalStart, type QueueCallRecord } from '../../../../shared/domain/wallboard';

const S = 1000;
const MIN = 60 * S;

function answered(offeredAt: number, waitS: number, queue = 'hotel'): QueueCallRecord {
  return { queue, offeredAt, answeredAt: offeredAt + waitS * S, abandonedAt: null, endedAt: offeredAt + (waitS + 60) * S, waitS, talkS: 60, wrapS: 0 };
}
function abandoned(offeredAt: number, waitS: number, queue = 'hotel'): QueueCallRecord {
  return { queue, offeredAt, answeredAt: null, abandonedAt: offeredAt + waitS * S, endedAt: offeredAt + waitS * S, waitS, talkS: 0, wrapS: 0 };
}

describe('interval report in a zone without DST (Asia/Shanghai, UTC+8)', () => {
  const nine = Date.UTC(2026, 10, 26, 1, 0, 0); // 2026-11-26 09:00 local
  const records = [
    answered(nine + 14 * MIN + 50 * S, 20), // offered 09:14:50, answered 09:15:10: belongs to 09:00
    answered(nine + 15 * MIN, 25), // exactly 09:15:00: the 09:15 interval
    abandoned(nine + 44 * MIN, 30), // 09:30
    abandoned(nine + 44 * MIN + 30 * S, 2), // 09:30, short
    answered(nine - 1 * S, 5), // 08:59:59: before the period
    answered(nine + 60 * MIN, 5), // 10:00: the period is [09:00, 10:00)
  ];

  it('cuts 15-minute intervals on the local clock, a call counted where it was offered', () => {
    const rows = intervalReport(records, { zone: 'Asia/Shanghai', intervalMinutes: 15, from: nine, to: nine + 60 * MIN });
    expect(rows.map((r) => [r.label, r.offsetMinutes, r.end - r.start])).toEqual([
      ['2026-11-26 09:00', 480, 15 * MIN],
      ['2026-11-26 09:15', 480, 15 * MIN],
      ['2026-11-26 09:30', 480, 15 * MIN],
      ['2026-11-26 09:45', 480, 15 * MIN],
    ]);
    expect(rows.map((r) => [r.figures.offered, r.figures.answered, r.figures.abandoned, r.figures.shortAbandoned, r.figures.serviceLevelPct])).toEqual([
      [1, 1, 0, 0, 100], // answered at 20 s: within
      [1, 1, 0, 0, 0], // answered at 25 s: not within
      [2, 0, 1, 1, 0], // 0 of (2 − 1 short)
      [0, 0, 0, 0, null], // empty interval: no figure
    ]);
    expect(rows[2]!.figures.abandonRatePct).toBe(100);
  });

  it('30 and 60 minutes; a period starting mid-interval starts at that interval', () => {
    const half = intervalReport(records, { zone: 'Asia/Shanghai', intervalMinutes: 30, from: nine, to: nine + 60 * MIN });
    expect(half.map((r) => [r.label, r.figures.offered])).toEqual([['2026-11-26 09:00', 2], ['2026-11-26 09:30', 2]]);
    const hour = intervalReport(records, { zone: 'Asia/Shanghai', intervalMinutes: 60, from: nine + 10 * MIN, to: nine + 60 * MIN });
    expect(hour.map((r) => [r.label, r.start, r.figures.offered])).toEqual([['2026-11-26 09:00', nine, 4]]); // from 09:10: the 09:14:50, 09:15, 09:44, 09:44:30 calls
  });

  it('half-hour offset zone: hours start at :30 UTC (Asia/Kolkata, UTC+5:30)', () => {
    const at = Date.UTC(2026, 10, 26, 4, 10, 0); // 09:40 IST
    expect(intervalStart(at, 'Asia/Kolkata', 60)).toBe(Date.UTC(2026, 10, 26, 3, 30, 0)); // 09:00 IST
    expect(intervalStart(at, 'Asia/Kolkata', 15)).toBe(Date.UTC(2026, 10, 26, 4, 0, 0)); // 09:30 IST
  });

  it('refuses other interval sizes, unknown zones and empty periods', () => {
    expect(() => intervalReport([], { zone: 'Asia/Shanghai', intervalMinutes: 20 as never, from: nine, to: nine + MIN })).toThrow(/15, 30 or 60/);
    expect(() => intervalReport([], { zone: 'Mars/Olympus', intervalMinutes: 15, from: nine, to: nine + MIN })).toThrow(/Unknown time zone/);
    expect(() => intervalReport([], { zone: 'Asia/Shanghai', intervalMinutes: 15, from: nine, to: nine })).toThrow(/from < to/);
  });

  it('the centre folds overflow legs; a queue report counts its own legs', () => {
    const exit: QueueCallRecord = { ...abandoned(nine, 15, 'sales'), abandonedAt: null, callId: 'c' };
    const next: QueueCallRecord = { ...answered(nine + 15 * S, 10, 'service'), callId: 'c' };
    const opts = { zone: 'Asia/Shanghai', intervalMinutes: 60 as const, from: nine, to: nine + 60 * MIN };
    expect(intervalReport([exit, next], opts)[0]!.figures).toMatchObject({ offered: 1, answered: 1, serviceLevelPct: 0 }); // 25 s in all
    expect(intervalReport([exit, next], { ...opts, queue: 'service' })[0]!.figures).toMatchObject({ offered: 1, serviceLevelPct: 100 });
    expect(intervalReport([exit, next], { ...opts, queue: 'sales' })[0]!.figures).toMatchObject({ offered: 1, exited: 1 });
  });
});

describe('interval report across DST changes (America/New_York)', () => {
  it('autumn: the repeated 01:00 hour is two intervals with different offsets', () => {
    // 2026-11-01: 02:00 EDT (06:00 UTC) falls back to 01:00 EST.
    const from = Date.UTC(2026, 10, 1, 4, 0, 0); // 00:00 EDT
    const to = Date.UTC(2026, 10, 1, 8, 0, 0); // 03:00 EST
    const records = [answered(Date.UTC(2026, 10, 1, 5, 30), 10), answered(Date.UTC(2026, 10, 1, 6, 30), 40), answered(Date.UTC(2026, 10, 1, 6, 45), 5)];
    const rows = intervalReport(records, { zone: 'America/New_York', intervalMinutes: 60, from, to });
    expect(rows.map((r) => [r.label, r.offsetMinutes, new Date(r.start).toISOString(), r.figures.offered])).toEqual([
      ['2026-11-01 00:00', -240, '2026-11-01T04:00:00.000Z', 0],
      ['2026-11-01 01:00', -240, '2026-11-01T05:00:00.000Z', 1],
      ['2026-11-01 01:00', -300, '2026-11-01T06:00:00.000Z', 2],
      ['2026-11-01 02:00', -300, '2026-11-01T07:00:00.000Z', 0],
    ]);
    expect(rows[2]!.figures.serviceLevelPct).toBe(50);
    expect(rows.every((r) => r.end - r.start === 60 * MIN)).toBe(true);
  });

  it('spring: the skipped 02:00 hour has no interval', () => {
    // 2026-03-08: 02:00 EST (07:00 UTC) springs forward to 03:00 EDT.
    const from = Date.UTC(2026, 2, 8, 5, 0, 0); // 00:00 EST
    const to = Date.UTC(2026, 2, 8, 9, 0, 0); // 05:00 EDT
    const rows = intervalReport([answered(Date.UTC(2026, 2, 8, 6, 59, 30), 10), answered(Date.UTC(2026, 2, 8, 7, 0, 0), 10)], {
      zone: 'America/New_York',
      intervalMinutes: 60,
      from,
      to,
    });
    expect(rows.map((r) => [r.label, r.offsetMinutes, r.figures.offered])).toEqual([
      ['2026-03-08 00:00', -300, 0],
      ['2026-03-08 01:00', -300, 1], // 01:59:30 EST
      ['2026-03-08 03:00', -240, 1], // 03:00:00 EDT, one real second later
      ['2026-03-08 04:00', -240, 0],
    ]);
    const quarter = intervalReport([], { zone: 'America/New_York', intervalMinutes: 15, from: Date.UTC(2026, 2, 8, 6, 45), to: Date.UTC(2026, 2, 8, 7, 15) });
    expect(quarter.map((r) => r.label)).toEqual(['2026-03-08 01:45', '2026-03-08 03:00']);
  });
});
