// Service level and abandon by interval (15 / 30 / 60 minutes) for reports.
//
// A leg belongs to the interval in which it was OFFERED (entered the queue), whatever time it
// was answered or abandoned: a call offered at 09:14:50 and answered at 09:15:10 is in 09:00–09:15.
// Intervals are cut on the wall clock of `zone` (09:00, 09:15… local), each identified by its
// start instant. Across a DST change that means: the skipped hour has no interval, the repeated
// hour has two (same label, different offsets), and every interval is `intervalMinutes` long
// except where the offset changes inside one.

import { tzOffset } from '@date-fns/tz';
import { assertValidZone } from '../callback-rules/zone';
import { figuresOf, foldOverflowLegs, type QueueFigures } from './figures';
import { resolveWallboardConfig, type QueueCallRecord, type WallboardConfig } from './types';

export type IntervalMinutes = 15 | 30 | 60;

export interface IntervalReportOptions {
  zone: string;
  intervalMinutes: IntervalMinutes;
  /** The period [from, to) as instants; intervals cover it from the one containing `from`. */
  from: number;
  to: number;
  /** Only these queues' legs, counted per leg; omitted: the whole centre, overflow legs folded. */
  queue?: string;
  config?: Partial<WallboardConfig>;
}

export interface IntervalRow {
  start: number;
  end: number;
  /** Local wall-clock start in `zone`, 'YYYY-MM-DD HH:mm'. */
  label: string;
  /** The zone's UTC offset at `start`, minutes east (480 for Asia/Shanghai). */
  offsetMinutes: number;
  figures: QueueFigures;
}

/** The most intervals one report may have (about 100 days of 15-minute intervals). */
export const MAX_INTERVALS = 10_000;

/** The start instant of the interval containing `at`. */
export function intervalStart(at: number, zone: string, intervalMinutes: IntervalMinutes): number {
  assertValidZone(zone);
  assertInterval(intervalMinutes);
  const size = intervalMinutes * 60_000;
  const wall = at + tzOffset(zone, new Date(at)) * 60_000;
  return at - mod(wall, size);
}

/** Every interval of the period, empty ones included (figures with zero counts and null rates). */
export function intervalReport(records: readonly QueueCallRecord[], o: IntervalReportOptions): IntervalRow[] {
  const c = resolveWallboardConfig(o.config);
  if (!Number.isFinite(o.from) || !Number.isFinite(o.to) || o.to <= o.from) throw new RangeError('The report period must have from < to');
  const starts = intervalStarts(o.from, o.to, o.zone, o.intervalMinutes);
  const legs = o.queue === undefined ? foldOverflowLegs(records) : records.filter((r) => r.queue === o.queue);
  const buckets = new Map<number, QueueCallRecord[]>(starts.map((s) => [s, []]));
  for (const r of legs) {
    if (!Number.isFinite(r.offeredAt) || r.offeredAt < o.from || r.offeredAt >= o.to) continue;
    buckets.get(intervalStart(r.offeredAt, o.zone, o.intervalMinutes))?.push(r);
  }
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? nextStart(start, o.zone, o.intervalMinutes);
    const offsetMinutes = tzOffset(o.zone, new Date(start));
    return { start, end, label: wallLabel(start, offsetMinutes), offsetMinutes, figures: figuresOf(buckets.get(start) ?? [], c) };
  });
}

function intervalStarts(from: number, to: number, zone: string, minutes: IntervalMinutes): number[] {
  const out: number[] = [];
  for (let s = intervalStart(from, zone, minutes); s < to; s = nextStart(s, zone, minutes)) {
    out.push(s);
    if (out.length > MAX_INTERVALS) throw new RangeError(`A report may have at most ${MAX_INTERVALS} intervals`);
  }
  return out;
}

function nextStart(start: number, zone: string, minutes: IntervalMinutes): number {
  const size = minutes * 60_000;
  const next = intervalStart(start + size, zone, minutes);
  return next > start ? next : start + size; // never stall, whatever a zone's transitions do
}

function wallLabel(at: number, offsetMinutes: number): string {
  const d = new Date(at + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

function assertInterval(m: number): void {
  if (m !== 15 && m !== 30 && m !== 60) throw new RangeError(`Interval must be 15, 30 or 60 minutes, got ${String(m)}`);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
