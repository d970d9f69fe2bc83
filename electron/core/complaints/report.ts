import type { Database } from 'better-sqlite3';
import type { ComplaintReport } from '../../../shared/contract/complaint-schemas';
import { REMEDIES, ROOT_CAUSES, STEP_NUMBERS } from '../../../shared/domain/complaint-flow';
import { stmt } from '../store/statements';

const HOUR_MS = 3_600_000;
type CategoryCount = ComplaintReport['byCategory'][number];
type RemedySum = ComplaintReport['remedies'][number];

const DAY_MS = 86_400_000;
const KNOWN_ROOT_CAUSES: ReadonlySet<string> = new Set(ROOT_CAUSES.filter((c) => c !== 'other'));

/**
 * The report's counts over part of a period, added up from whole days (the 0040 summaries) and
 * from the records of the partial days at either end. Codes as the summaries keep them ('' for
 * an absent category, root cause, currency…); `figures` turns them into the report's shape.
 */
class Tally {
  readonly byCategory = new Map<string, { category: string; subcategory: string; n: number }>();
  closed = 0;
  resolved = 0;
  readonly rootCauses = new Map<string, number>();
  readonly remedies = new Map<string, { remedy: string; currency: string; n: number; amount: number }>();
  readonly followUps = new Map<string, number>();
  readonly hours = new Map<number, { n: number; ms: number }>();

  opened(category: string, subcategory: string, n: number): void {
    const key = `${category}\u0000${subcategory}`;
    const t = this.byCategory.get(key);
    if (t) t.n += n;
    else this.byCategory.set(key, { category, subcategory, n });
  }
  rootCause(code: string, n: number): void {
    this.rootCauses.set(code, (this.rootCauses.get(code) ?? 0) + n);
  }
  remedy(remedy: string, currency: string, n: number, amount: number): void {
    const key = `${remedy}\u0000${currency}`;
    const t = this.remedies.get(key);
    if (t) {
      t.n += n;
      t.amount += amount;
    } else this.remedies.set(key, { remedy, currency, n, amount });
  }
  followUp(outcome: string, n: number): void {
    this.followUps.set(outcome, (this.followUps.get(outcome) ?? 0) + n);
  }
  stepHours(step: number, n: number, ms: number): void {
    const t = this.hours.get(step) ?? { n: 0, ms: 0 };
    this.hours.set(step, { n: t.n + n, ms: t.ms + ms });
  }
}

type Row = { a: string; b: string; n: number; x: number | null };

/** Whole UTC days [firstDay, endDay) from the summaries: a few hundred rows for a quarter. */
function addDays(db: Database, t: Tally, firstDay: number, endDay: number): void {
  for (const r of stmt<[number, number], { category: string; subcategory: string; opened: number; closed: number; resolved: number }>(
    db,
    `SELECT category, subcategory, sum(opened) AS opened, sum(closed) AS closed, sum(resolved) AS resolved
     FROM complaint_daily WHERE day >= ? AND day < ? GROUP BY category, subcategory`,
  ).all(firstDay, endDay)) {
    if (r.opened !== 0) t.opened(r.category, r.subcategory, r.opened);
    t.closed += r.closed;
    t.resolved += r.resolved;
  }
  for (const r of stmt<[number, number], { step: number; code: string; currency: string; n: number; amount: number }>(
    db,
    'SELECT step, code, currency, sum(n) AS n, sum(amount) AS amount FROM complaint_step_daily WHERE day >= ? AND day < ? GROUP BY step, code, currency',
  ).all(firstDay, endDay)) {
    if (r.n === 0) continue;
    if (r.step === 3) t.rootCause(r.code, r.n);
    else if (r.step === 4) t.remedy(r.code, r.currency, r.n, r.amount);
    else t.followUp(r.code, r.n);
  }
  for (const r of stmt<[number, number], { step: number; n: number; ms: number }>(
    db,
    'SELECT step, sum(n) AS n, sum(ms) AS ms FROM complaint_step_hours WHERE day >= ? AND day < ? GROUP BY step',
  ).all(firstDay, endDay)) {
    t.stepHours(r.step, r.n, r.ms);
  }
}

/**
 * Accepted remedies completed in [from, to), per remedy (of REMEDIES) and currency: for each
 * remedy the currencies in use are found by seeking along complaint_steps_remedy (a few index
 * probes), then each (remedy, currency) is one range of that covering index.
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

/**
 * [from, to) within a day or two, from the rows themselves (the same conditions the summaries'
 * triggers count by; each query one short range of a 0040 index).
 */
function addRecords(db: Database, t: Tally, from: number, to: number): void {
  if (from >= to) return;
  const live = 'deleted_at IS NULL AND completed_at >= ? AND completed_at < ?';
  for (const r of stmt<[number, number], Row>(
    db,
    `SELECT coalesce(category, '') AS a, coalesce(subcategory, '') AS b, count(*) AS n, NULL AS x FROM complaints
     WHERE opened_at >= ? AND opened_at < ? AND deleted_at IS NULL GROUP BY 1, 2`,
  ).all(from, to)) {
    t.opened(r.a, r.b, r.n);
  }
  // Each count below is answered from a covering index alone (no row lookups: the edge days are the busiest).
  const count = (sql: string) => stmt<[number, number], { n: number }>(db, sql).get(from, to)!.n;
  t.closed += count('SELECT count(*) AS n FROM complaints WHERE closed_at >= ? AND closed_at < ? AND deleted_at IS NULL');
  t.resolved += count(
    'SELECT count(*) AS n FROM complaints INDEXED BY complaints_resolved WHERE first_contact_resolution = 1 AND closed_at >= ? AND closed_at < ? AND deleted_at IS NULL',
  );
  // Root causes: one range of complaint_steps_root per known code; the rest of the analyses
  // (complaint_steps_outcome: an analysis has no outcome) are 'other'.
  const analyses =
    count(`SELECT count(*) AS n FROM complaint_steps INDEXED BY complaint_steps_outcome WHERE step = 3 AND outcome IS NULL AND state = 'done' AND ${live}`) +
    count(`SELECT count(*) AS n FROM complaint_steps WHERE step = 3 AND outcome IS NOT NULL AND state = 'done' AND ${live}`);
  const perCode = stmt<[string, number, number], { n: number }>(
    db,
    `SELECT count(*) AS n FROM complaint_steps INDEXED BY complaint_steps_root WHERE root_cause = ? AND step = 3 AND state = 'done' AND ${live}`,
  );
  let known = 0;
  for (const code of KNOWN_ROOT_CAUSES) {
    const n = perCode.get(code, from, to)!.n;
    known += n;
    if (n > 0) t.rootCause(code, n);
  }
  if (analyses > known) t.rootCause('other', analyses - known);
  for (const r of sumRemedies(db, from, to)) t.remedy(r.remedy, r.currency ?? '', r.count, r.amountCents);
  for (const outcome of ['satisfied', 'unsatisfied'] as const) {
    const n = stmt<[string, number, number], { n: number }>(
      db,
      `SELECT count(*) AS n FROM complaint_steps WHERE step = 5 AND outcome = ? AND state = 'done' AND ${live}`,
    ).get(outcome, from, to)!.n;
    if (n > 0) t.followUp(outcome, n);
  }
  for (const r of stmt<[number, number], { step: number; n: number; ms: number | null }>(
    db,
    `SELECT step, count(*) AS n, sum(completed_at - started_at) AS ms FROM complaint_steps
     WHERE step IN (1, 2, 3, 4, 5, 6) AND state = 'done' AND deleted_at IS NULL AND completed_at IS NOT NULL AND started_at >= ? AND started_at < ?
     GROUP BY step`,
  ).all(from, to)) {
    t.stepHours(r.step, r.n, r.ms ?? 0);
  }
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const orNull = (code: string): string | null => (code === '' ? null : code);

/**
 * The complaint report over [from, to):
 * - opened, byCategory: complaints opened in the period (by category and subcategory);
 * - closed, firstContactResolution: complaints closed in the period, and how many of them were
 *   resolved on first contact;
 * - byRootCause: analyse (step 3) records completed in the period by root cause (an analysis
 *   redone after a refused remedy counts again; a root cause outside ROOT_CAUSES — older free
 *   text — or none counts as 'other');
 * - stepHours: mean hours from start to completion of done records started in the period;
 * - remedies: accepted solve (step 4) records completed in the period, per remedy and
 *   currency, with their summed amount (minor units);
 * - satisfaction: follow-up (step 5) records completed in the period (each was a reached call):
 *   how many ended satisfied.
 * Exact for any [from, to): the whole UTC days inside it are read from the per-day summaries
 * that 0040's triggers keep (complaint_daily, complaint_step_daily, complaint_step_hours), the
 * partial days at either end (a period in the centre's zone starts and ends mid-UTC-day) from
 * the rows themselves. A quarter costs a few hundred summary rows plus two days of records,
 * whatever the volume.
 */
export function complaintReport(db: Database, from: number, to: number): ComplaintReport {
  const t = new Tally();
  const firstDay = Math.ceil(from / DAY_MS);
  const endDay = Math.floor(to / DAY_MS);
  if (firstDay >= endDay) addRecords(db, t, from, to);
  else {
    addRecords(db, t, from, firstDay * DAY_MS);
    addDays(db, t, firstDay, endDay);
    addRecords(db, t, endDay * DAY_MS, to);
  }

  // Values as stored: one outside CATEGORIES / SUBCATEGORIES (an older version's, a pulled row's) is kept as is.
  const byCategory: CategoryCount[] = [];
  let opened = 0;
  for (const r of t.byCategory.values()) {
    if (r.n === 0) continue;
    opened += r.n;
    byCategory.push({
      category: orNull(r.category) as CategoryCount['category'],
      subcategory: orNull(r.subcategory) as CategoryCount['subcategory'],
      count: r.n,
    });
  }
  byCategory.sort(
    (a, b) =>
      b.count - a.count || (a.category ?? '~').localeCompare(b.category ?? '~') || (a.subcategory ?? '~').localeCompare(b.subcategory ?? '~'),
  );

  const roots = new Map<string, number>();
  for (const [code, n] of t.rootCauses) {
    const cause = KNOWN_ROOT_CAUSES.has(code) ? code : 'other';
    if (n !== 0) roots.set(cause, (roots.get(cause) ?? 0) + n);
  }
  const byRootCause = [...roots]
    .filter(([, n]) => n > 0)
    .map(([rootCause, count]) => ({ rootCause, count }))
    .sort((a, b) => b.count - a.count || a.rootCause.localeCompare(b.rootCause));

  // In the form's order (REMEDIES), then by currency (none first); remedies outside REMEDIES are left out.
  const remedies: RemedySum[] = [...t.remedies.values()]
    .filter((r) => r.n > 0 && (REMEDIES as readonly string[]).includes(r.remedy))
    .sort((a, b) => REMEDIES.indexOf(a.remedy as RemedySum['remedy']) - REMEDIES.indexOf(b.remedy as RemedySum['remedy']) || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))
    .map((r) => ({ remedy: r.remedy as RemedySum['remedy'], currency: orNull(r.currency), count: r.n, amountCents: r.amount }));

  const satisfied = t.followUps.get('satisfied') ?? 0;
  const reached = satisfied + (t.followUps.get('unsatisfied') ?? 0);
  return {
    from,
    to,
    opened,
    closed: t.closed,
    byCategory,
    byRootCause,
    firstContactResolution: { resolved: t.resolved, closed: t.closed, rate: rate(t.resolved, t.closed) },
    stepHours: STEP_NUMBERS.map((step) => {
      const r = t.hours.get(step);
      return { step, meanHours: r === undefined || r.n === 0 ? null : r.ms / r.n / HOUR_MS, count: r?.n ?? 0 };
    }),
    remedies,
    satisfaction: { reached, satisfied, rate: rate(satisfied, reached) },
  };
}
