import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { complaintReport } from '../../../../electron/core/complaints/report';
import type { ComplaintView } from '../../../../shared/contract/complaint-schemas';
import { CATEGORIES, REMEDIES, ROOT_CAUSES, SEVERITIES, SUBCATEGORIES_BY_CATEGORY } from '../../../../shared/domain/complaint-flow';
import { manualClock, useTempDirs } from '../../../support/temp-dir';
import { complaintSeat, DAY, HOUR, MIN, T0 } from './support';
import { seededRandom } from '../../../support/seeded-random';

const tempDir = useTempDirs();

const rng = seededRandom;

const rows = (db: Database, sql: string) => db.prepare(sql).all();

/** The three per-day summaries, and the same figures counted afresh from the rows (zero rows left out). */
function summaries(db: Database) {
  return {
    daily: rows(db, 'SELECT day, category, subcategory, opened, closed, resolved FROM complaint_daily WHERE opened <> 0 OR closed <> 0 OR resolved <> 0 ORDER BY 1, 2, 3'),
    stepDaily: rows(db, 'SELECT day, step, code, currency, n, amount FROM complaint_step_daily WHERE n <> 0 OR amount <> 0 ORDER BY 1, 2, 3, 4'),
    hours: rows(db, 'SELECT day, step, n, ms FROM complaint_step_hours WHERE n <> 0 OR ms <> 0 ORDER BY 1, 2'),
  };
}
function recount(db: Database) {
  return {
    daily: rows(
      db,
      `SELECT day, category, subcategory, sum(opened) AS opened, sum(closed) AS closed, sum(resolved) AS resolved FROM (
         SELECT opened_at / 86400000 AS day, coalesce(category, '') AS category, coalesce(subcategory, '') AS subcategory, 1 AS opened, 0 AS closed, 0 AS resolved
           FROM complaints WHERE deleted_at IS NULL
         UNION ALL
         SELECT closed_at / 86400000, coalesce(category, ''), coalesce(subcategory, ''), 0, 1, first_contact_resolution = 1
           FROM complaints WHERE deleted_at IS NULL AND closed_at IS NOT NULL)
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ),
    stepDaily: rows(
      db,
      `SELECT completed_at / 86400000 AS day, step,
              CASE step WHEN 3 THEN coalesce(root_cause, '') WHEN 4 THEN coalesce(remedy, '') ELSE outcome END AS code,
              CASE step WHEN 4 THEN coalesce(currency, '') ELSE '' END AS currency,
              count(*) AS n, sum(CASE step WHEN 4 THEN coalesce(amount_cents, 0) ELSE 0 END) AS amount
       FROM complaint_steps WHERE state = 'done' AND deleted_at IS NULL AND completed_at IS NOT NULL
         AND (step = 3 OR (step = 4 AND outcome = 'accepted') OR (step = 5 AND outcome IN ('satisfied', 'unsatisfied')))
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    ),
    hours: rows(
      db,
      `SELECT started_at / 86400000 AS day, step, count(*) AS n, sum(completed_at - started_at) AS ms FROM complaint_steps
       WHERE state = 'done' AND deleted_at IS NULL AND completed_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  };
}

/** The report's headline figures counted straight from the rows over [from, to). */
function rawFigures(db: Database, from: number, to: number) {
  const n = (sql: string) => (db.prepare(sql).pluck().get(from, to) as number | null) ?? 0;
  const live = "state = 'done' AND deleted_at IS NULL AND completed_at >= ? AND completed_at < ?";
  return {
    opened: n('SELECT count(*) FROM complaints WHERE opened_at >= ? AND opened_at < ? AND deleted_at IS NULL'),
    closed: n('SELECT count(*) FROM complaints WHERE closed_at >= ? AND closed_at < ? AND deleted_at IS NULL'),
    resolved: n('SELECT count(*) FROM complaints WHERE first_contact_resolution = 1 AND closed_at >= ? AND closed_at < ? AND deleted_at IS NULL'),
    analyses: n(`SELECT count(*) FROM complaint_steps WHERE step = 3 AND ${live}`),
    accepted: n(`SELECT count(*) FROM complaint_steps WHERE step = 4 AND outcome = 'accepted' AND ${live}`),
    amount: n(`SELECT sum(amount_cents) FROM complaint_steps WHERE step = 4 AND outcome = 'accepted' AND ${live}`),
    reached: n(`SELECT count(*) FROM complaint_steps WHERE step = 5 AND outcome IN ('satisfied', 'unsatisfied') AND ${live}`),
    satisfied: n(`SELECT count(*) FROM complaint_steps WHERE step = 5 AND outcome = 'satisfied' AND ${live}`),
    timed: n("SELECT count(*) FROM complaint_steps WHERE state = 'done' AND deleted_at IS NULL AND started_at >= ? AND started_at < ?"),
  };
}

describe('complaints: per-day report summaries', () => {
  it('equal a recount from the rows after a random run of flow events (rejected remedies, escalations, unreached and unsatisfied follow-ups, reopens, tombstones)', async () => {
    const clock = manualClock();
    const s = complaintSeat(tempDir(), clock, 'supervisor');
    const random = rng(20_260_501);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const customers = [
      await s.customer({ name: '王芳', phones: ['13812345678'] }),
      await s.customer({ name: '李雷', phones: ['13900001111'] }),
      await s.customer({ name: '陈晓', phones: ['13700002222'] }),
    ];
    const views = new Map<string, ComplaintView>();
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      // Jumps of minutes to a day and a half: events land on many UTC days, records span midnights.
      clock.advance(Math.floor(random() * 36 * HOUR) + MIN);
      const open = [...views.values()];
      let v: ComplaintView;
      if (open.length < 4 || random() < 0.08) {
        const customerId = pick(customers);
        const call = random() < 0.5;
        v = await s.start(customerId, call ? { source: 'call', interactionId: s.ring(customerId) } : {});
      } else {
        const c = pick(open);
        const id = c.id;
        if (c.status === 'closed') {
          v = random() < 0.5 ? await s.call('complaints.reopen', { id, reason: '客户再次来电，对处理结果不满意' }) : c;
          if (v === c) views.delete(id);
        } else if (c.currentStep === 1) {
          const category = pick(CATEGORIES);
          v = await s.complete(id, 1, { category, subcategory: pick(SUBCATEGORIES_BY_CATEGORY[category]), severity: pick(SEVERITIES) });
        } else if (c.currentStep === 3) {
          v = await s.complete(id, 3, { rootCause: pick(ROOT_CAUSES) });
        } else if (c.currentStep === 4) {
          const remedy = pick(REMEDIES);
          const money = remedy === 'refund' || remedy === 'compensation' || remedy === 'voucher';
          const data = money
            ? { remedy, amountCents: 100 * Math.floor(random() * 400), currency: random() < 0.8 ? 'CNY' : 'USD' }
            : { remedy, amountCents: null, currency: null };
          const r = random();
          if (r < 0.2) v = await s.call('complaints.rejectRemedy', { id, then: 'analyse', data });
          else if (r < 0.28) v = await s.call('complaints.rejectRemedy', { id, then: 'escalate', data });
          else v = await s.complete(id, 4, data);
        } else if (c.currentStep === 5) {
          const r = random();
          v = await s.call('complaints.recordFollowUp', r < 0.25 ? { id, reached: false } : { id, reached: true, satisfied: r < 0.75 });
        } else if (c.currentStep === 6) {
          v = c.steps.some((x) => x.step === 6 && x.round === c.round && x.state === 'done')
            ? await s.call('complaints.close', { id })
            : await s.complete(id, 6);
        } else {
          v = await s.complete(id, c.currentStep as 2);
        }
      }
      views.set(v.id, v);
      seen.add(v.id);
      if (i % 50 === 49) expect(summaries(s.db)).toEqual(recount(s.db));
    }
    const db = s.db;
    // Something of everything happened.
    const n = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(n("SELECT count(*) FROM complaint_steps WHERE step = 4 AND outcome = 'rejected'")).toBeGreaterThan(0);
    expect(n('SELECT count(*) FROM complaints WHERE reopen_count > 0')).toBeGreaterThan(0);
    expect(n("SELECT count(*) FROM complaint_steps WHERE step = 5 AND outcome = 'unsatisfied'")).toBeGreaterThan(0);
    expect(n("SELECT count(*) FROM complaints WHERE status = 'closed'")).toBeGreaterThan(0);
    expect(n('SELECT count(*) FROM complaints WHERE first_contact_resolution = 1') + n("SELECT count(*) FROM complaint_steps WHERE step = 5 AND json_extract(data, '$.attempts') > 0")).toBeGreaterThan(0);
    expect(summaries(db)).toEqual(recount(db));

    // Writes that bypass the flow (sync pulls, repairs): edits, tombstones, hard deletes.
    const ids = [...seen];
    db.prepare('UPDATE complaints SET deleted_at = ? WHERE id = ?').run(clock.now(), ids[0]);
    db.prepare("UPDATE complaints SET category = 'staff', subcategory = 'guide', closed_at = closed_at + 3600000 WHERE id = ?").run(ids[1]);
    db.prepare("UPDATE complaint_steps SET deleted_at = ? WHERE rowid = (SELECT min(rowid) FROM complaint_steps WHERE step = 4 AND outcome = 'accepted')").run(clock.now());
    db.prepare("UPDATE complaint_steps SET remedy = 'voucher', currency = 'EUR', amount_cents = 999, completed_at = completed_at + 86400000 WHERE rowid = (SELECT max(rowid) FROM complaint_steps WHERE step = 4 AND outcome = 'accepted')").run();
    db.prepare("UPDATE complaint_steps SET root_cause = '前台失误' WHERE rowid = (SELECT max(rowid) FROM complaint_steps WHERE step = 3 AND state = 'done')").run();
    db.prepare("DELETE FROM complaint_steps WHERE rowid = (SELECT max(rowid) FROM complaint_steps WHERE step = 5 AND state = 'done')").run();
    const gone = db
      .prepare("SELECT id FROM complaints c WHERE NOT EXISTS (SELECT 1 FROM callbacks WHERE complaint_id = c.id) AND EXISTS (SELECT 1 FROM complaint_steps WHERE complaint_id = c.id AND step = 3 AND state = 'done')")
      .pluck()
      .get() as string;
    db.prepare('DELETE FROM complaint_steps WHERE complaint_id = ?').run(gone);
    db.prepare('DELETE FROM complaints WHERE id = ?').run(gone);
    expect(summaries(db)).toEqual(recount(db));

    // The report, whole days from the summaries and the edges from the rows, equals the rows' own count for any period.
    const end = clock.now() + DAY;
    for (let k = 0; k < 60; k++) {
      const from = T0 - DAY + Math.floor(random() * (end - T0));
      const to = k % 3 === 0 ? from + Math.floor(random() * 6 * HOUR) : from + Math.floor(random() * (end - from));
      const r = complaintReport(db, from, to);
      const raw = rawFigures(db, from, to);
      expect({
        opened: r.opened,
        byCategory: r.byCategory.reduce((a, c) => a + c.count, 0),
        closed: r.closed,
        resolved: r.firstContactResolution.resolved,
        analyses: r.byRootCause.reduce((a, c) => a + c.count, 0),
        accepted: r.remedies.reduce((a, c) => a + c.count, 0),
        amount: r.remedies.reduce((a, c) => a + c.amountCents, 0),
        reached: r.satisfaction.reached,
        satisfied: r.satisfaction.satisfied,
        timed: r.stepHours.reduce((a, c) => a + c.count, 0),
      }).toEqual({ ...raw, byCategory: raw.opened });
    }
    await s.core.close();
  });
});
