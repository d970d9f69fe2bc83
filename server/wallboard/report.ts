import type pg from 'pg';
import type { z } from 'zod';
import type { CentreReport, ReportRequest } from '../../shared/contract/wallboard-schemas';
import { intervalReport, wallboardConfigOf } from '../../shared/domain/wallboard';
import { LEG_COLUMNS, distinctLegs, interactionLegs, legFromRow, readCentreSettings } from './aggregate';

type Count = { key: string | null; count: number };

// The centre report for a period [from, to), from the hub's synced rows and tracker legs.
// Which rows count where:
// - contacts: interactions STARTED in the period, by channel and by disposition (null = none set);
// - service level and abandon by interval: tracker legs offered in the period, plus legs built
//   from the seats' call interactions (interactionsToLegs) for queues with no tracker leg in the
//   period; intervals by offer time in `zone` (the centre's zone by default);
// - complaints: OPENED in the period, by category; by root cause = the analysis (step 3) of each
//   such complaint, its latest round: the root_cause column, else rootCause in the step's data JSON;
// - first-contact resolution: complaints CLOSED in the period, first_contact_resolution = 1 of them;
// - callbacks on time: callbacks 'done' whose closing moment falls in the period — the first
//   'reached' attempt, or (done without one) the row's updated_at; on time when before window_end;
// - CSAT (1–5) mean and NPS over surveys answered in the period;
// - churn reasons: customers with status 'churned' whose row was last updated in the period
//   (there is no churned_at column), by churn_reason.
export async function centreReport(db: pg.Pool, req: z.infer<typeof ReportRequest>): Promise<CentreReport> {
  const { from, to } = req;
  const { settings, zone: centreZone } = await readCentreSettings(db);
  const zone = req.zone ?? centreZone;
  const inPeriod = (field: string, alias = '') => `kefu_num(${alias}fields->'${field}') >= $1 AND kefu_num(${alias}fields->'${field}') < $2`;
  const counts = async (sql: string): Promise<Count[]> => {
    const { rows } = await db.query<{ key: string | null; count: number }>(sql, [from, to]);
    return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
  };
  const live = "deleted_at IS NULL";

  const [byChannel, byDisposition, byCategory, legRows, steps, fcr, callbacks, surveys, churn] = await Promise.all([
    counts(`SELECT fields->>'channel' AS key, count(*)::int AS count FROM rows WHERE entity = 'interactions' AND ${live} AND ${inPeriod('started_at')} GROUP BY 1 ORDER BY 2 DESC, 1`),
    counts(`SELECT fields->>'disposition' AS key, count(*)::int AS count FROM rows WHERE entity = 'interactions' AND ${live} AND ${inPeriod('started_at')} GROUP BY 1 ORDER BY 2 DESC, 1`),
    counts(`SELECT fields->>'category' AS key, count(*)::int AS count FROM rows WHERE entity = 'complaints' AND ${live} AND ${inPeriod('opened_at')} GROUP BY 1 ORDER BY 2 DESC, 1`),
    db.query<Parameters<typeof legFromRow>[0]>(`SELECT ${LEG_COLUMNS} FROM queue_legs WHERE offered_at >= $1 AND offered_at < $2`, [from, to]),
    db.query<{ complaint_id: string; round: number | null; at: number | null; root_cause: string | null; data: string | null }>(
      `SELECT s.fields->>'complaint_id' AS complaint_id, kefu_num(s.fields->'round')::int AS round,
              kefu_num(coalesce(s.fields->'completed_at', s.fields->'started_at'))::float8 AS at,
              s.fields->>'root_cause' AS root_cause, s.fields->>'data' AS data
         FROM rows s JOIN rows c ON c.entity = 'complaints' AND c.id = s.fields->>'complaint_id' AND c.deleted_at IS NULL
        WHERE s.entity = 'complaint_steps' AND s.deleted_at IS NULL AND kefu_num(s.fields->'step') = 3 AND ${inPeriod('opened_at', 'c.')}`,
      [from, to],
    ),
    db.query<{ resolved: number; closed: number }>(
      `SELECT count(*) FILTER (WHERE kefu_num(fields->'first_contact_resolution') = 1)::int AS resolved, count(*)::int AS closed
         FROM rows WHERE entity = 'complaints' AND ${live} AND fields->>'status' = 'closed' AND ${inPeriod('closed_at')}`,
      [from, to],
    ),
    db.query<{ on_time: number; late: number }>(
      `WITH done AS (
         SELECT kefu_num(c.fields->'window_end') AS window_end,
                coalesce((SELECT min(kefu_num(a.fields->'at')) FROM rows a
                           WHERE a.entity = 'callback_attempts' AND a.fields->>'callback_id' = c.id AND a.deleted_at IS NULL
                             AND a.fields->>'outcome' = 'reached'),
                         kefu_num(c.fields->'updated_at')) AS closed_at
           FROM rows c
          WHERE c.entity = 'callbacks' AND c.deleted_at IS NULL AND c.fields->>'status' = 'done' AND kefu_num(c.fields->'updated_at') >= $1)
       SELECT count(*) FILTER (WHERE closed_at < window_end)::int AS on_time, count(*) FILTER (WHERE NOT (closed_at < window_end))::int AS late
         FROM done WHERE closed_at >= $1 AND closed_at < $2`,
      [from, to],
    ),
    db.query<{ csat_n: number; csat_mean: number | null; nps_n: number; promoters: number; detractors: number }>(
      `SELECT count(fields->'csat') FILTER (WHERE kefu_num(fields->'csat') IS NOT NULL)::int AS csat_n,
              avg(kefu_num(fields->'csat'))::float8 AS csat_mean,
              count(*) FILTER (WHERE kefu_num(fields->'nps') IS NOT NULL)::int AS nps_n,
              count(*) FILTER (WHERE kefu_num(fields->'nps') >= 9)::int AS promoters,
              count(*) FILTER (WHERE kefu_num(fields->'nps') <= 6)::int AS detractors
         FROM rows WHERE entity = 'surveys' AND ${live} AND ${inPeriod('answered_at')}`,
      [from, to],
    ),
    counts(
      `SELECT fields->>'churn_reason' AS key, count(*)::int AS count FROM rows
        WHERE entity = 'customers' AND ${live} AND fields->>'status' = 'churned' AND ${inPeriod('updated_at')} GROUP BY 1 ORDER BY 2 DESC, 1`,
    ),
  ]);

  const tracker = distinctLegs(legRows.rows).map(legFromRow);
  const seatLegs = await interactionLegs(db, from, to, [...new Set(tracker.map((l) => l.queue))]);
  const intervals = intervalReport(tracker.concat(seatLegs), { zone, intervalMinutes: req.intervalMinutes, from, to, config: wallboardConfigOf(settings) });

  // Root cause: the latest round of each complaint's analysis.
  const latest = new Map<string, (typeof steps.rows)[number]>();
  for (const s of steps.rows) {
    const prior = latest.get(s.complaint_id);
    if (!prior || (s.round ?? 0) > (prior.round ?? 0) || ((s.round ?? 0) === (prior.round ?? 0) && (s.at ?? 0) > (prior.at ?? 0))) latest.set(s.complaint_id, s);
  }
  const causes = new Map<string | null, number>();
  for (const s of latest.values()) {
    const cause = s.root_cause ?? rootCauseFromData(s.data);
    causes.set(cause, (causes.get(cause) ?? 0) + 1);
  }

  const f = fcr.rows[0]!;
  const cb = callbacks.rows[0]!;
  const sv = surveys.rows[0]!;
  const rate = (n: number, d: number) => (d > 0 ? (100 * n) / d : null);
  return {
    from,
    to,
    source: 'hub',
    contactsByChannel: byChannel,
    contactsByDisposition: byDisposition,
    intervals: intervals.map((i) => ({
      start: i.start,
      end: i.end,
      label: i.label,
      offered: i.figures.offered,
      answered: i.figures.answered,
      abandoned: i.figures.abandoned,
      serviceLevelPct: i.figures.serviceLevelPct,
      abandonRatePct: i.figures.abandonRatePct,
    })),
    complaintsByCategory: byCategory,
    complaintsByRootCause: [...causes].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key))),
    firstContactResolution: { resolved: f.resolved, closed: f.closed, rate: rate(f.resolved, f.closed) },
    callbacksOnTime: { onTime: cb.on_time, late: cb.late, rate: rate(cb.on_time, cb.on_time + cb.late) },
    csat: { responses: sv.csat_n, mean: sv.csat_n > 0 ? sv.csat_mean : null },
    nps: { responses: sv.nps_n, score: sv.nps_n > 0 ? rate(sv.promoters, sv.nps_n)! - rate(sv.detractors, sv.nps_n)! : null },
    churnReasons: churn,
  };
}

function rootCauseFromData(data: string | null): string | null {
  if (!data) return null;
  try {
    const v = (JSON.parse(data) as { rootCause?: unknown }).rootCause;
    return typeof v === 'string' && v ? v : null;
  } catch {
    return null;
  }
}
