import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import { ReportRequest } from '../../shared/contract/wallboard-schemas';
import { AgentCommand, WallboardEvents, WallboardSettings } from '../../shared/sync/wallboard-protocol';
import { HubError } from '../errors';
import { LIVE_CHANNEL } from '../push';
import type { Seat } from '../seats';
import { SEAT_SILENT_MS, WallboardAggregator, readCentreSettings } from './aggregate';
import { WALLBOARD_CHANNEL, writeWallboardEvents } from './events';
import { centreReport } from './report';
import { WallboardStream, isSupervisor, type LiveSockets } from './stream';

export const COMMAND_CHANNEL = 'kefu_commands';

interface Logger {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
}

export interface WallboardDeps {
  app: FastifyInstance;
  pool: pg.Pool;
  now: () => number;
  authenticate: (req: FastifyRequest) => Promise<Seat>;
  log: Logger;
  /** Coalescing gap between two computations of one process (ms). */
  minGapMs?: number;
}

/** The NOTIFY payload of a command: who it is for, and the seats to deliver it to (found once, by the instance that took the POST). */
interface CommandNotice {
  agentId: string;
  state: 'available' | 'break' | 'offline';
  by: string;
  seats: string[];
}

const AgentParams = z.object({ agentId: z.string().min(1).max(100) });

/**
 * The wallboard on the hub (issue 7): routes, the per-process snapshot stream, and the hooks the
 * live socket hub calls (extra LISTEN channels on its one connection; new sockets).
 */
export function setupWallboard(d: WallboardDeps) {
  const { app, pool, now, authenticate } = d;
  const aggregator = new WallboardAggregator(pool, now);
  const stream = new WallboardStream(aggregator, d.log, d.minGapMs ?? 250);
  let live: LiveSockets | null = null;

  const supervisor = async (req: FastifyRequest): Promise<Seat> => {
    const seat = await authenticate(req);
    if (!isSupervisor(seat)) throw new HubError('forbidden', 'the wallboard and reports are for supervisor and admin seats');
    return seat;
  };

  app.post('/v1/wallboard/events', async (req) => {
    const seat = await authenticate(req);
    const body = WallboardEvents.parse(req.body);
    if (body.seatId !== seat.id) throw new HubError('seat_mismatch', `this token belongs to seat ${seat.id}`);
    await writeWallboardEvents(pool, seat, body.events, now());
    return { accepted: body.events.length };
  });

  app.get('/v1/wallboard', async (req) => {
    await supervisor(req);
    return aggregator.compute();
  });

  app.get('/v1/wallboard/settings', async (req) => {
    await supervisor(req);
    return (await readCentreSettings(pool)).settings;
  });

  app.put('/v1/wallboard/settings', async (req) => {
    const seat = await supervisor(req);
    const settings = WallboardSettings.parse(req.body);
    await pool.query(
      `UPDATE wallboard_settings SET settings = $1, updated_at = $2, updated_by = $3 WHERE id = 1;`,
      [JSON.stringify(settings), now(), seat.name],
    );
    await pool.query(`SELECT pg_notify('${WALLBOARD_CHANNEL}', '')`);
    return settings;
  });

  // Force an agent's state. Every instance delivers it to its sockets of the seat that last
  // reported the agent's presence. `delivered` approximates "some instance has that socket" by
  // "that seat was heard from in the last 2 minutes" (wallboard posts, pushes and pulls): the
  // instances do not share their socket lists, and a seat that posts presence keeps its socket.
  app.post('/v1/agents/:agentId/state', async (req) => {
    const seat = await supervisor(req);
    const { agentId } = AgentParams.parse(req.params);
    const { state } = AgentCommand.parse(req.body);
    const { rows } = await pool.query<{ seat_id: string; heard: string }>(
      `SELECT p.seat_id, GREATEST(p.updated_at, coalesce(s.last_seen_at, 0)) AS heard
         FROM presence p LEFT JOIN seats s ON s.id = p.seat_id AND s.revoked_at IS NULL WHERE p.agent_id = $1`,
      [agentId],
    );
    const notice: CommandNotice = { agentId, state, by: seat.name, seats: rows.map((r) => r.seat_id) };
    if (notice.seats.length > 0) await pool.query('SELECT pg_notify($1, $2)', [COMMAND_CHANNEL, JSON.stringify(notice)]);
    const delivered = rows.some((r) => now() - Number(r.heard) <= SEAT_SILENT_MS);
    req.log.info({ agentId, state, delivered }, 'wallboard: agent state command');
    return { delivered };
  });

  app.get('/v1/reports/centre', async (req) => {
    await supervisor(req);
    const q = req.query as Record<string, string | undefined>;
    const parsed = ReportRequest.parse({
      from: q.from === undefined ? undefined : Number(q.from),
      to: q.to === undefined ? undefined : Number(q.to),
      ...(q.intervalMinutes !== undefined ? { intervalMinutes: Number(q.intervalMinutes) } : {}),
      ...(q.zone !== undefined ? { zone: q.zone } : {}),
    });
    if (parsed.to <= parsed.from) throw new HubError('invalid', 'from must be before to');
    try {
      return await centreReport(pool, parsed);
    } catch (err) {
      if (err instanceof RangeError) throw new HubError('invalid', err.message);
      throw err;
    }
  });

  const onNotification = (channel: string, payload: string) => {
    if (channel === WALLBOARD_CHANNEL || channel === LIVE_CHANNEL) {
      stream.poke();
      return;
    }
    if (channel === COMMAND_CHANNEL && live) {
      let n: CommandNotice;
      try {
        n = JSON.parse(payload) as CommandNotice;
      } catch {
        return;
      }
      const targets = new Set(n.seats);
      live.sendWhere((s) => targets.has(s.id), { type: 'command', agentId: n.agentId, state: n.state, by: n.by });
    }
  };

  return {
    aggregator,
    stream,
    /** Options for the LiveHub: its LISTEN connection also listens here. */
    liveOptions: {
      channels: [WALLBOARD_CHANNEL, COMMAND_CHANNEL],
      onNotification,
      onSocket: (seat: Seat) => {
        if (isSupervisor(seat)) stream.poke();
      },
      onListening: () => stream.poke(),
    },
    attach(l: LiveSockets) {
      live = l;
      stream.attach(l);
    },
    close() {
      stream.close();
    },
  };
}
