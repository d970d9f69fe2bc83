import type { Database } from 'better-sqlite3';
import type { ComplaintReport } from '../../../shared/contract/complaint-schemas';
import { CATEGORIES, REMEDIES, ROOT_CAUSES, STEP_NUMBERS, SUBCATEGORIES_BY_CATEGORY } from '../../../shared/domain/complaint-flow';
import { stmt } from '../store/statements';

const HOUR_MS = 3_600_000;
type CategoryCount = ComplaintReport['byCategory'][number];

/**
 * Complaints opened in the period per category and subcategory: one index range per valid pair
 * (complaints_category) instead of grouping every complaint of the period; only when that does
 * not add up to `opened` (values from older versions) the whole period is grouped instead.
 */
function countByCategory(db: Database, from: number, to: number, opened: number): CategoryCount[] {
  const pair = stmt<[string, string, number, number], { n: number }>(
    db,
    'SELECT count(*) AS n FROM complaints WHERE category = ? AND subcategory = ? AND opened_at >= ? AND opened_at < ? AND deleted_at IS NULL',
  );
  const none = stmt<[number, number], { n: number }>(
    db,
    'SELECT count(*) AS n FROM complaints WHERE category IS NULL AND subcategory IS NULL AND opened_at >= ? AND opened_at < ? AND deleted_at IS NULL',
  );
  const out: CategoryCount[] = [];
  let total = 0;
  for (const category of CATEGORIES) {
    for (const subcategory of SUBCATEGORIES_BY_CATEGORY[category]) {
      const n = pair.get(category, subcategory, from, to)!.n;
      total += n;
      if (n > 0) out.push({ category, subcategory, count: n });
    }
  }
  const unknown = none.get(from, to)!.n;
  total += unknown;
  if (unknown > 0) out.push({ category: null, subcategory: null, count: unknown });
  const rows =
    total === opened
      ? out
      : (stmt<[number, number], CategoryCount>(
          db,
          `SELECT category, subcategory, count(*) AS count FROM complaints WHERE opened_at >= ? AND opened_at < ? AND deleted_at IS NULL
           GROUP BY category, subcategory`,
        ).all(from, to) as CategoryCount[]);
  return rows.sort((a, b) => b.count - a.count || (a.category ?? '~').localeCompare(b.category ?? '~') || (a.subcategory ?? '~').localeCompare(b.subcategory ?? '~'));
}

type RemedySum = ComplaintReport['remedies'][number];

/**
 * Accepted remedies completed in the period, per remedy and currency, summed: for each remedy
 * the currencies in use are found by seeking along complaint_steps_remedy (a few index probes),
 * then each (remedy, currency) is one range — no GROUP BY sort over the period's records.
 */
function sumRemedies(db: Database, from: number, to: number): RemedySum[] {
  const where = "step = 4 AND state = 'done' AND outcome = 'accepted' AND deleted_at IS NULL";
  const nextCurrency = stmt<[string, string], { c: string | null }>(
    db,
    `SELECT min(currency) AS c FROM complaint_steps INDEXED BY complaint_steps_remedy WHERE remedy = ? AND currency > ? AND ${where}`,
  );
  const sum = stmt<[string, string, number, number], { n: number; amount: number | null }>(
    db,
    `SELECT count(*) AS n, sum(amount_cents) AS amount FROM complaint_steps INDEXED BY complaint_steps_remedy
     WHERE remedy = ? AND currency = ? AND completed_at >= ? AND completed_at < ? AND ${where}`,
  );
  const sumNoCurrency = stmt<[string, number, number], { n: number; amount: number | null }>(
    db,
    `SELECT count(*) AS n, sum(amount_cents) AS amount FROM complaint_steps INDEXED BY complaint_steps_remedy
     WHERE remedy = ? AND currency IS NULL AND completed_at >= ? AND completed_at < ? AND ${where}`,
  );
  const out: RemedySum[] = [];
  for (const remedy of REMEDIES) {
    const none = sumNoCurrency.get(remedy, from, to)!;
    if (none.n > 0) out.push({ remedy, currency: null, count: none.n, amountCents: none.amount ?? 0 });
    for (let c = nextCurrency.get(remedy, '')?.c ?? null; c !== null; c = nextCurrency.get(remedy, c)?.c ?? null) {
      const r = sum.get(remedy, c, from, to)!;
      if (r.n > 0) out.push({ remedy, currency: c, count: r.n, amountCents: r.amount ?? 0 });
    }
  }
  return out;
}

/** Analyse records completed in the period per root cause: one index range per code (complaint_steps_root); the rest is 'other'. */
function countByRootCause(db: Database, from: number, to: number): ComplaintReport['byRootCause'] {
  const where = "step = 3 AND state = 'done' AND deleted_at IS NULL AND completed_at >= ? AND completed_at < ?";
  const all = stmt<[number, number], { n: number }>(db, `SELECT count(*) AS n FROM complaint_steps INDEXED BY complaint_steps_root WHERE ${where}`).get(from, to)!.n;
  const one = stmt<[string, number, number], { n: number }>(db, `SELECT count(*) AS n FROM complaint_steps WHERE root_cause = ? AND ${where}`);
  const counts = new Map<string, number>();
  let known = 0;
  for (const cause of ROOT_CAUSES) {
    if (cause === 'other') continue;
    const n = one.get(cause, from, to)!.n;
    known += n;
    if (n > 0) counts.set(cause, n);
  }
  if (all > known) counts.set('other', all - known);
  return [...counts].map(([rootCause, count]) => ({ rootCause, count })).sort((a, b) => b.count - a.count || a.rootCause.localeCompare(b.rootCause));
}
const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * The complaint report over [from, to):
 * - opened, byCategory: complaints opened in the period (by category and subcategory);
 * - closed, firstContactResolution: complaints closed in the period, and how many of them were
 *   resolved on first contact;
 * - byRootCause: analyse (step 3) records completed in the period by root cause (an analysis
 *   redone after a refused remedy counts again; a root cause outside ROOT_CAUSES — older free
 *   text — counts as 'other');
 * - stepHours: mean hours from start to completion of done records started in the period;
 * - remedies: accepted solve (step 4) records completed in the period, per remedy and
 *   currency, with their summed amount (minor units);
 * - satisfaction: follow-up (step 5) records completed in the period (each was a reached call):
 *   how many ended satisfied.
 * Every query is a range of one 0040 covering index (the step figures are columns the core
 * copies out of the data JSON on every write).
 */
export function complaintReport(db: Database, from: number, to: number): ComplaintReport {
  const opened = stmt<[number, number], { n: number }>(db, 'SELECT count(*) AS n FROM complaints WHERE opened_at >= ? AND opened_at < ? AND deleted_at IS NULL').get(from, to)!.n;
  const byCategory = countByCategory(db, from, to, opened);
  const closed = stmt<[number, number], { closed: number; resolved: number | null }>(
    db,
    `SELECT count(*) AS closed, sum(first_contact_resolution) AS resolved FROM complaints
     WHERE closed_at >= ? AND closed_at < ? AND deleted_at IS NULL`,
  ).get(from, to)!;

  const byRootCause = countByRootCause(db, from, to);

  const hours = new Map(
    stmt<[number, number], { step: number; mean_ms: number | null; count: number }>(
      db,
      `SELECT step, avg(completed_at - started_at) AS mean_ms, count(*) AS count FROM complaint_steps
       WHERE step IN (1, 2, 3, 4, 5, 6) AND state = 'done' AND deleted_at IS NULL AND started_at >= ? AND started_at < ?
       GROUP BY step`,
    )
      .all(from, to)
      .map((r) => [r.step, r] as const),
  );

  const remedies = sumRemedies(db, from, to);

  const satisfaction = stmt<[number, number], { reached: number; satisfied: number | null }>(
    db,
    `SELECT count(*) AS reached, sum(outcome = 'satisfied') AS satisfied FROM complaint_steps
     WHERE step = 5 AND state = 'done' AND deleted_at IS NULL AND completed_at >= ? AND completed_at < ?
       AND outcome IN ('satisfied', 'unsatisfied')`,
  ).get(from, to)!;

  const resolved = closed.resolved ?? 0;
  const satisfied = satisfaction.satisfied ?? 0;
  return {
    from,
    to,
    opened,
    closed: closed.closed,
    byCategory,
    byRootCause,
    firstContactResolution: { resolved, closed: closed.closed, rate: rate(resolved, closed.closed) },
    stepHours: STEP_NUMBERS.map((step) => {
      const r = hours.get(step);
      return { step, meanHours: r?.mean_ms == null ? null : r.mean_ms / HOUR_MS, count: r?.count ?? 0 };
    }),
    remedies,
    satisfaction: { reached: satisfaction.reached, satisfied, rate: rate(satisfied, satisfaction.reached) },
  };
}
