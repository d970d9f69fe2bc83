/**
 * RFM scoring (recency, frequency, monetary), each 1–5 with 5 best.
 * Bands are fixed breakpoints rather than quintiles of the customer base so a score means the
 * same thing on every desk, offline, without a population scan.
 */
import { deepFreeze } from './deep-freeze';
import { DAY_MS, effectiveEventTime } from './time';

export interface RfmInput {
  lastPurchaseAt: number | null;
  purchases12m: number;
  monetary12mCents: number;
}

/**
 * Four ascending boundaries per dimension splitting values into 5 bands.
 * recencyDays: days since last purchase ≤ b[0] → 5, ≤ b[1] → 4, ≤ b[2] → 3, ≤ b[3] → 2, else 1.
 * frequency / monetaryCents: value ≥ b[3] → 5, ≥ b[2] → 4, ≥ b[1] → 3, ≥ b[0] → 2, else 1.
 */
export interface RfmBreakpoints {
  recencyDays: [number, number, number, number];
  frequency: [number, number, number, number];
  monetaryCents: [number, number, number, number];
}

export type RfmBand = 1 | 2 | 3 | 4 | 5;

export interface RfmScore {
  r: RfmBand;
  f: RfmBand;
  m: RfmBand;
  /** r, f and m concatenated, e.g. '545'. */
  code: string;
}

/**
 * Travel is bought a few times a year at most: a month is "just bought", a year is the usual
 * holiday cycle; five trips a year or ¥50,000 spent is top band.
 */
export const DEFAULT_RFM_BREAKPOINTS: RfmBreakpoints = deepFreeze({
  recencyDays: [30, 90, 180, 365],
  frequency: [1, 2, 3, 5],
  monetaryCents: [100_000, 500_000, 2_000_000, 5_000_000],
});

function bandAtLeast(value: number, b: readonly [number, number, number, number]): RfmBand {
  if (!(value >= b[0])) return 1; // also NaN
  if (value < b[1]) return 2;
  if (value < b[2]) return 3;
  if (value < b[3]) return 4;
  return 5;
}

function recencyBand(days: number, b: readonly [number, number, number, number]): RfmBand {
  if (days <= b[0]) return 5;
  if (days <= b[1]) return 4;
  if (days <= b[2]) return 3;
  if (days <= b[3]) return 2;
  return 1;
}

/**
 * A never-purchased customer (or one whose only timestamp is unusable, see effectiveEventTime)
 * gets r = 1. Negative money (net refunds) and NaN fall into the lowest band.
 */
export function rfmScore(input: RfmInput, now: number, breakpoints = DEFAULT_RFM_BREAKPOINTS): RfmScore {
  const last = input.lastPurchaseAt === null ? null : effectiveEventTime(input.lastPurchaseAt, now);
  const r = last === null ? 1 : recencyBand((now - last) / DAY_MS, breakpoints.recencyDays);
  const f = bandAtLeast(input.purchases12m, breakpoints.frequency);
  const m = bandAtLeast(input.monetary12mCents, breakpoints.monetaryCents);
  return { r, f, m, code: `${r}${f}${m}` };
}

/** i18n message keys returned by validateRfmBreakpoints. */
export const RFM_BREAKPOINT_ERRORS = Object.freeze({
  notFinite: 'rfmBreakpoints.errors.notFinite',
  negative: 'rfmBreakpoints.errors.negative',
  notAscending: 'rfmBreakpoints.errors.notAscending',
});

/** Error message keys for admin-entered breakpoints; empty when valid (strictly ascending, ≥ 0). */
export function validateRfmBreakpoints(b: RfmBreakpoints): string[] {
  const rows = [b.recencyDays, b.frequency, b.monetaryCents];
  if (!rows.every((row) => row.length === 4 && row.every(Number.isFinite))) {
    return [RFM_BREAKPOINT_ERRORS.notFinite];
  }
  const errors: string[] = [];
  if (rows.some((row) => row.some((v) => v < 0))) errors.push(RFM_BREAKPOINT_ERRORS.negative);
  const ascending = (row: readonly number[]) => row.every((v, i) => i === 0 || v > (row[i - 1] ?? v));
  if (!rows.every(ascending)) errors.push(RFM_BREAKPOINT_ERRORS.notAscending);
  return errors;
}
