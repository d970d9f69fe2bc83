// Report periods in the seat's local time: [from, to) in epoch ms.

export type PeriodKind = 'today' | 'thisWeek' | 'thisMonth' | 'last30' | 'custom';
/** The complaint report's choices. */
export const PERIOD_KINDS: readonly Exclude<PeriodKind, 'today'>[] = ['thisWeek', 'thisMonth', 'last30', 'custom'];
/** The centre report's choices (wallboard → reports). */
export const REPORT_PERIOD_KINDS: readonly Exclude<PeriodKind, 'last30'>[] = ['today', 'thisWeek', 'thisMonth', 'custom'];

export interface Period {
  kind: PeriodKind;
  /** For 'custom': inclusive dates, YYYY-MM-DD. */
  fromDate: string;
  toDate: string;
}

const DAY = 86_400_000;

function startOfDay(ms: number): Date {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d;
}

function parseDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The range of a period at `now`; null for a custom period whose dates are missing or inverted. */
export function periodRange(p: Period, now: number): { from: number; to: number } | null {
  switch (p.kind) {
    case 'today':
      return { from: startOfDay(now).getTime(), to: now + 1 };
    case 'thisWeek': {
      const d = startOfDay(now);
      const back = (d.getDay() + 6) % 7; // weeks start on Monday
      d.setDate(d.getDate() - back);
      return { from: d.getTime(), to: now + 1 };
    }
    case 'thisMonth': {
      const d = startOfDay(now);
      d.setDate(1);
      return { from: d.getTime(), to: now + 1 };
    }
    case 'last30':
      return { from: now - 30 * DAY, to: now + 1 };
    case 'custom': {
      const from = parseDate(p.fromDate);
      const to = parseDate(p.toDate);
      if (!from || !to || to < from) return null;
      to.setDate(to.getDate() + 1);
      return { from: from.getTime(), to: to.getTime() };
    }
  }
}
