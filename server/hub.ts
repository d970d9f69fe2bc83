import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import pg from 'pg';
import { z } from 'zod';
import { formatHlc, hlcTick, parseHlc } from '../shared/sync/hlc';
import { HUB_ORIGIN } from '../shared/sync/merge';
import {
  ConflictResolve,
  PROTOCOL_VERSION,
  PULL_DEFAULT_LIMIT,
  PULL_MAX_LIMIT,
  PUSH_MAX_CHANGES,
  PushRequest,
  type Conflict,
  type PullResponse,
  type PulledChange,
} from '../shared/sync/protocol';
import { HubError, isDatabaseUnavailable } from './errors';
import { LiveHub } from './live';
import { migrate } from './migrations';
import { LIVE_CHANNEL, applyPush } from './push';
import { SEAT_HEADER, resolveSeat, type Seat } from './seats';
import { setupWallboard } from './wallboard/routes';

/** Seats older than this store schema (PRAGMA user_version) must update before syncing. */
export const MIN_SEAT_SCHEMA = 30;

export interface HubLimits {
  /** Request body limit in bytes (413 too_large beyond). */
  bodyLimit: number;
  /** Requests per window per token (per address without one); 429 rate_limited beyond. */
  rateMax: number;
  rateWindowMs: number;
  /** WebSocket ping interval; a socket that missed one pong is dropped. */
  pingMs: number;
  /** Pull log retention; undefined keeps every change (pruning is then never run). */
  retentionMs?: number;
}
export const DEFAULT_LIMITS: HubLimits = { bodyLimit: 2 * 1024 * 1024, rateMax: 600, rateWindowMs: 60_000, pingMs: 30_000 };

export interface HubLogOptions {
  level?: string;
  /** Where JSON log lines go (stdout by default). */
  stream?: NodeJS.WritableStream;
}

export interface HubOptions {
  /** An existing pool (the caller closes it), or a URL the hub opens a pool on. */
  pool?: pg.Pool;
  databaseUrl?: string;
  log?: boolean | HubLogOptions;
  now?: () => number;
  limits?: Partial<HubLimits>;
}

export interface Hub {
  app: FastifyInstance;
  pool: pg.Pool;
  live: LiveHub;
  listen(opts?: { port?: number; host?: string }): Promise<string>;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    seat?: Seat;
  }
}

const bearer = (req: FastifyRequest): string | null => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
};
/** The id the seat says it is: the x-kefu-seat header, else the seatId of the body (push, wallboard events). */
const presentedSeat = (req: FastifyRequest): string | undefined => {
  const h = req.headers[SEAT_HEADER];
  if (typeof h === 'string' && h !== '') return h;
  const id = (req.body as { seatId?: unknown } | undefined)?.seatId;
  return typeof id === 'string' ? id : undefined;
};
/** Never let a token reach a log line, even inside a URL (?token= on the live socket). */
const scrubUrl = (url: string): string => url.replace(/([?&]token=)[^&]*/gi, '$1[redacted]');

const PullQuery = z.object({
  after: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
});
const ConflictQuery = z.object({ status: z.enum(['open', 'resolved', 'all']).default('open'), limit: z.coerce.number().int().min(1).max(1000).default(500) });

interface ConflictRow {
  id: string;
  entity: string;
  entity_id: string;
  field: string;
  winner_value: string | number | null;
  winner_hlc: string;
  winner_seat: string;
  loser_value: string | number | null;
  loser_hlc: string;
  loser_seat: string;
  detected_at: string;
  status: 'open' | 'resolved';
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: 'winner' | 'loser' | null;
  /** From the seats table (LEFT JOIN): null for the hub's own writes or a seat not (or no longer) known. */
  winner_seat_name?: string | null;
  winner_branch?: string | null;
  loser_seat_name?: string | null;
  loser_branch?: string | null;
}
/** The conflicts with the name and branch of the seats that wrote each value, so a supervisor sees who. */
const CONFLICTS_WITH_SEATS = `
  SELECT c.*, ws.name AS winner_seat_name, ws.branch AS winner_branch, ls.name AS loser_seat_name, ls.branch AS loser_branch
    FROM conflicts c
    LEFT JOIN seats ws ON ws.id = c.winner_seat
    LEFT JOIN seats ls ON ls.id = c.loser_seat`;
const toConflict = (r: ConflictRow): Conflict => ({
  id: r.id,
  entity: r.entity,
  entityId: r.entity_id,
  field: r.field,
  winnerValue: r.winner_value,
  winnerHlc: r.winner_hlc,
  winnerSeat: r.winner_seat,
  loserValue: r.loser_value,
  loserHlc: r.loser_hlc,
  loserSeat: r.loser_seat,
  detectedAt: Number(r.detected_at),
  status: r.status,
  resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  resolvedBy: r.resolved_by,
  resolution: r.resolution,
  winnerSeatName: r.winner_seat_name ?? null,
  winnerBranch: r.winner_branch ?? null,
  loserSeatName: r.loser_seat_name ?? null,
  loserBranch: r.loser_branch ?? null,
});

export async function buildHub(opts: HubOptions): Promise<Hub> {
  const limits: HubLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const now = opts.now ?? Date.now;
  if (!opts.pool && !opts.databaseUrl) throw new Error('buildHub needs a pool or a databaseUrl');
  const logOpts = opts.log === undefined || opts.log === true ? {} : opts.log;
  const app: FastifyInstance = Fastify({
    bodyLimit: limits.bodyLimit,
    trustProxy: true,
    // On close, drop keep-alive connections too (a seat's idle HTTP agent would otherwise hold
    // the shutdown); a seat retries whatever was cut, and a push is one transaction.
    forceCloseConnections: true,
    logger:
      logOpts === false
        ? false
        : {
            level: logOpts.level ?? 'info',
            ...(logOpts.stream ? { stream: logOpts.stream } : {}),
            redact: {
              paths: ['req.headers.authorization', 'req.headers["sec-websocket-protocol"]', 'headers.authorization', 'token'],
              censor: '[redacted]',
            },
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: scrubUrl(req.url), ip: req.ip }),
            },
          },
  });

  const ownPool = !opts.pool;
  const pool =
    opts.pool ?? new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  if (ownPool) {
    // Without a listener a dropped idle connection (server restart: 57P01) kills the process.
    pool.on('error', (err) => app.log.warn({ err: err.message }, 'database connection lost'));
  }
  try {
    await migrate(pool);
  } catch (err) {
    if (ownPool) await pool.end().catch(() => undefined);
    throw err;
  }

  app.setErrorHandler((err, req, reply) => {
    let e: HubError;
    if (err instanceof HubError) e = err;
    else if (err instanceof z.ZodError) e = new HubError('invalid', err.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    else if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') e = new HubError('too_large', `body over ${limits.bodyLimit} bytes`);
    else if (isDatabaseUnavailable(err)) e = new HubError('unavailable', 'the database is unavailable; retry later');
    else if (typeof (err as { statusCode?: number }).statusCode === 'number' && (err as { statusCode: number }).statusCode < 500) {
      e = new HubError('invalid', (err as Error).message);
    } else {
      req.log.error({ err }, 'unexpected error');
      return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
    }
    if (e.status >= 500) req.log.warn({ code: e.code }, e.message);
    return reply.status(e.status).send(e.body());
  });
  app.setNotFoundHandler((_req, reply) => reply.status(404).send({ error: { code: 'invalid', message: 'no such endpoint' } }));

  // Per-token limits. The counters live in this process's memory: behind a load balancer each
  // instance counts separately (N instances allow N× the rate), an accepted trade-off for
  // abuse protection that needs no shared store; a Redis store can be plugged in later.
  await app.register(rateLimit, {
    global: true,
    max: limits.rateMax,
    timeWindow: limits.rateWindowMs,
    keyGenerator: (req) => {
      const t = bearer(req);
      return t ? 't:' + createHash('sha256').update(t).digest('hex').slice(0, 32) : 'ip:' + req.ip;
    },
    errorResponseBuilder: (_req, ctx) => new HubError('rate_limited', `over ${ctx.max} requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`),
  });

  const authenticate = async (req: FastifyRequest): Promise<Seat> => {
    const seat = await resolveSeat(pool, bearer(req) ?? '', presentedSeat(req), now());
    if (!seat) throw new HubError('unauthorized', 'missing, unknown or revoked seat token');
    req.seat = seat;
    return seat;
  };
  const currentSeq = async (): Promise<number> => {
    const { rows } = await pool.query<{ v: string }>('SELECT v FROM sync_counter WHERE id = 1');
    return Number(rows[0]!.v);
  };

  app.get('/v1/health', async () => ({ ok: true, serverSeq: await currentSeq() }));

  app.post('/v1/push', async (req) => {
    const seat = await authenticate(req);
    const body = req.body as { protocol?: unknown; schema?: unknown } | undefined;
    // Check versions before the full schema, so an old seat with a different body shape still
    // gets "update the app" rather than "invalid".
    if (body && typeof body.protocol === 'number' && body.protocol < PROTOCOL_VERSION) {
      throw new HubError('update_required', `protocol ${body.protocol} is older than ${PROTOCOL_VERSION}: update the app`);
    }
    if (body && typeof body.schema === 'number' && body.schema < MIN_SEAT_SCHEMA) {
      throw new HubError('update_required', `seat schema ${body.schema} is older than ${MIN_SEAT_SCHEMA}: update the app`);
    }
    if (body && Array.isArray((body as { changes?: unknown }).changes) && (body as { changes: unknown[] }).changes.length > PUSH_MAX_CHANGES) {
      throw new HubError('too_large', `at most ${PUSH_MAX_CHANGES} changes per push`);
    }
    const push = PushRequest.parse(body);
    if (push.protocol > PROTOCOL_VERSION) throw new HubError('invalid', `protocol ${push.protocol} is newer than this hub (${PROTOCOL_VERSION})`);
    if (push.seatId !== seat.id) throw new HubError('seat_mismatch', `this token belongs to another seat (${seat.id}) than the push's seatId`);
    for (let i = 1; i < push.changes.length; i++) {
      if (push.changes[i]!.seq !== push.changes[i - 1]!.seq + 1) throw new HubError('invalid', 'change sequences must be consecutive');
    }
    const outcome = await applyPush(pool, seat, push.changes, now(), req.log, push.cursor);
    return outcome.response;
  });

  app.get('/v1/pull', async (req, reply) => {
    const seat = await authenticate(req);
    const q = PullQuery.parse(req.query);
    const counter = await pool.query<{ pruned_through: string }>('SELECT pruned_through FROM sync_counter WHERE id = 1');
    const prunedThrough = Number(counter.rows[0]!.pruned_through);
    if (q.after < prunedThrough) {
      throw new HubError('resync_required', `changes up to ${prunedThrough} are past the retention horizon: resynchronise from a snapshot`);
    }
    // Every change is sent, the reader's own included: the log is the history of every field's
    // value on the hub, and a seat that replays it in order ends with the hub's values. Without
    // its own entries, an older value from another seat logged BEFORE the reader's write (but
    // pulled after it) would overwrite the reader's newer value for good.
    const { rows } = await pool.query<{
      server_seq: string;
      entity: string;
      entity_id: string;
      op: PulledChange['op'];
      /** The stored JSON as text: it goes out as is, never parsed and serialised again row by row. */
      fields: string;
      hlc: string;
      origin_seat: string;
    }>(
      `SELECT server_seq, entity, entity_id, op, fields::text AS fields, hlc, origin_seat
         FROM changes WHERE server_seq > $1 ORDER BY server_seq LIMIT $2`,
      [q.after, q.limit + 1],
    );
    const hasMore = rows.length > q.limit;
    const scanned = hasMore ? rows.slice(0, q.limit) : rows;
    const lastSeq = scanned.length > 0 ? Number(scanned[scanned.length - 1]!.server_seq) : q.after;
    // What this seat has been SENT. Not what it has seen (an answer can be lost, a seat can crash
    // before applying it): the merge takes the cursor the seat reports with each push, capped by this.
    await pool.query('UPDATE seats SET last_pull_seq = $2, last_seen_at = $3 WHERE id = $1', [seat.id, lastSeq, now()]);
    // A PullResponse, written by hand around each row's stored JSON (jsonb's text is JSON).
    const head = { lastSeq, hasMore, serverTime: now() } satisfies Omit<PullResponse, 'changes'>;
    const changes = scanned.map(
      (r) =>
        `{"serverSeq":${Number(r.server_seq)},"entity":${JSON.stringify(r.entity)},"entityId":${JSON.stringify(r.entity_id)},` +
        `"op":${JSON.stringify(r.op)},"fields":${r.fields},"hlc":${JSON.stringify(r.hlc)},"originSeat":${JSON.stringify(r.origin_seat)}}`,
    );
    return reply.type('application/json; charset=utf-8').send(`{"changes":[${changes.join(',')}],${JSON.stringify(head).slice(1)}`);
  });

  app.get('/v1/conflicts', async (req) => {
    const seat = await authenticate(req);
    if (seat.role === 'agent') throw new HubError('forbidden', 'conflicts are for supervisor and admin seats');
    const q = ConflictQuery.parse(req.query);
    const { rows } = await pool.query<ConflictRow>(
      `${CONFLICTS_WITH_SEATS} WHERE ($1 = 'all' OR c.status = $1) ORDER BY c.detected_at, c.id LIMIT $2`,
      [q.status, q.limit],
    );
    return { conflicts: rows.map(toConflict) };
  });

  app.post('/v1/conflicts/:id/resolve', async (req) => {
    const seat = await authenticate(req);
    if (seat.role === 'agent') throw new HubError('forbidden', 'conflicts are for supervisor and admin seats');
    const { keep } = ConflictResolve.parse(req.body);
    const { id } = z.object({ id: z.string().min(1).max(100) }).parse(req.params);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // Same lock order as a push: the counter first.
      const counter = await client.query<{ v: string }>('UPDATE sync_counter SET v = v WHERE id = 1 RETURNING v');
      const found = await client.query<ConflictRow>(`${CONFLICTS_WITH_SEATS} WHERE c.id = $1 FOR UPDATE OF c`, [id]);
      const c = found.rows[0];
      if (!c) throw new HubError('invalid', `no conflict ${id}`);
      if (c.status === 'resolved') {
        await client.query('COMMIT');
        return toConflict(c);
      }
      const at = now();
      if (keep === 'loser') {
        const seq = Number(counter.rows[0]!.v) + 1;
        const rowRes = await client.query<{ fields: Record<string, unknown>; clocks: Record<string, { hlc: string }> }>(
          'SELECT fields, clocks FROM rows WHERE entity = $1 AND id = $2 FOR UPDATE',
          [c.entity, c.entity_id],
        );
        const row = rowRes.rows[0] ?? { fields: {}, clocks: {} };
        // A stamp after the field's current one, so the written-back value wins everywhere.
        const prev = row.clocks[c.field]?.hlc;
        const base = prev ? { ...parseHlc(prev), node: HUB_ORIGIN } : { ms: 0, counter: 0, node: HUB_ORIGIN };
        const hlc = formatHlc(hlcTick(base, at));
        const fields = { ...row.fields, [c.field]: c.loser_value };
        const clocks = { ...row.clocks, [c.field]: { hlc, seat: HUB_ORIGIN, seq } };
        const deletedAt = typeof fields.deleted_at === 'number' ? fields.deleted_at : null;
        await client.query(
          `INSERT INTO rows (entity, id, fields, clocks, deleted_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (entity, id) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks, deleted_at = excluded.deleted_at`,
          [c.entity, c.entity_id, JSON.stringify(fields), JSON.stringify(clocks), deletedAt],
        );
        await client.query(
          `INSERT INTO changes (server_seq, entity, entity_id, op, fields, hlc, origin_seat, at) VALUES ($1, $2, $3, 'update', $4, $5, $6, $7)`,
          [seq, c.entity, c.entity_id, JSON.stringify({ [c.field]: c.loser_value }), hlc, HUB_ORIGIN, at],
        );
        await client.query('UPDATE sync_counter SET v = $1 WHERE id = 1', [seq]);
        await client.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, String(seq)]);
      }
      const done = await client.query<ConflictRow>(
        `UPDATE conflicts SET status = 'resolved', resolved_at = $2, resolved_by = $3, resolution = $4 WHERE id = $1 RETURNING *`,
        [id, at, seat.name, keep],
      );
      await client.query('COMMIT');
      return toConflict({ ...c, ...done.rows[0]! }); // the seat names and branches from the row read above
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  });

  const poolOptions = (pool as unknown as { options: pg.ClientConfig }).options;
  // The supervisor wallboard (issue 7): routes, and a snapshot stream fed by the live connection.
  const wallboard = setupWallboard({ app, pool, now, authenticate, log: app.log });
  const live = new LiveHub({
    ...wallboard.liveOptions,
    server: app.server as Server,
    pool,
    clientConfig: { ...poolOptions },
    log: app.log,
    pingMs: limits.pingMs,
    currentSeq,
  });
  wallboard.attach(live);
  await live.start();

  let pruneTimer: NodeJS.Timeout | null = null;
  if (limits.retentionMs !== undefined) {
    const keep = limits.retentionMs;
    const prune = () => void pruneChanges(pool, now() - keep).catch((err: Error) => app.log.warn({ err: err.message }, 'prune failed'));
    prune();
    pruneTimer = setInterval(prune, 3_600_000);
    pruneTimer.unref();
  }

  return {
    app,
    pool,
    live,
    async listen(o = {}) {
      return app.listen({ port: o.port ?? 0, host: o.host ?? '127.0.0.1' });
    },
    async close() {
      if (pruneTimer) clearInterval(pruneTimer);
      wallboard.close();
      await live.close();
      await app.close();
      if (ownPool) await pool.end();
    },
  };
}

/**
 * Drops pull-log entries older than `before` (never the newest one) and moves the horizon:
 * a seat whose cursor is below it gets 410 resync_required. Rows and their tombstones stay.
 */
export async function pruneChanges(pool: pg.Pool, before: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const counter = await client.query<{ v: string }>('UPDATE sync_counter SET v = v WHERE id = 1 RETURNING v');
    const top = Number(counter.rows[0]!.v);
    const { rows } = await client.query<{ s: string | null }>('SELECT max(server_seq) AS s FROM changes WHERE at < $1 AND server_seq < $2', [before, top]);
    const through = rows[0]?.s === null || rows[0]?.s === undefined ? 0 : Number(rows[0].s);
    if (through > 0) {
      await client.query('DELETE FROM changes WHERE server_seq <= $1', [through]);
      await client.query('UPDATE sync_counter SET pruned_through = GREATEST(pruned_through, $1) WHERE id = 1', [through]);
    }
    await client.query('COMMIT');
    return through;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
