import { isEscalationDue } from '../../../shared/domain/callback-rules';
import type { ServiceContext } from '../create-core';
import { updateRow } from '../store/change-log';
import { callbacksToEscalate, callbacksToRemind, getCallbackRow, teamOfAgent } from '../store/callbacks-repo';
import { loadSchedulingSettings } from './settings';
import { emitCallbackChanges, toViews } from './views';

// The due-reminder engine. Each scan:
//
// 1. Reminders. A callback is owed a reminder when it is scheduled, its window has opened
//    (window_start ≤ now), any snooze is over (snoozed_until ≤ now) and reminded_at IS NULL.
//    reminded_at is cleared by everything that makes a new due moment (retry reschedule, manual
//    reschedule, snooze, reassign), so "reminded_at IS NULL" means "not yet reminded for this due
//    moment". The scan writes reminded_at = now through updateRow (outbox + audit) and only after
//    that transaction commits emits `callback.due`. So a restart never re-fires (the row says it
//    was reminded), and a crash between the commit and the emit loses at most that one
//    notification, never duplicates it (the badge count still shows the callback as due).
//    Covered: the seat agent's own callbacks, and its team queue's unassigned ones (every seat of
//    the team is reminded of those; the first to write reminded_at wins on this seat's store, other
//    seats only learn of it through sync, so two teammates may both be notified — that is intended).
//
// 2. Escalation. A scheduled callback whose window ended `escalateAfterMinutes` ago
//    (isEscalationDue) and escalated_at IS NULL gets escalated_at = now and goes to the team queue
//    of its assignee: assignee_team_id = the agent's team. assignee_agent_id is KEPT: the agent
//    still owns the promise and keeps seeing it in 'mine', while the team scope and the
//    supervisors' 'all' list show it flagged (`escalated`, counts.escalated). A supervisor reassigns
//    it if someone else should call. Agent seats escalate their own and their team queue's
//    callbacks; supervisor and admin seats escalate everyone's (so an agent who is away does not
//    keep an overdue callback hidden).

const BATCH = 500;

export interface ReminderEngine {
  /** One scan now; returns the number of `callback.due` reminders fired. */
  scanNow(): number;
  stop(): void;
}

export function createReminderEngine(ctx: ServiceContext, options: { intervalMs: number; log: (message: string, err?: unknown) => void }): ReminderEngine {
  let timer: ReturnType<typeof setInterval> | null = null;
  let first: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  function remind(now: number, teamId: string | null): string[] {
    const due = callbacksToRemind(ctx.db, ctx.seat.agentId, teamId, now, BATCH);
    if (due.length === 0) return [];
    ctx.db.transaction(() => {
      for (const cb of due) updateRow(ctx.writes, 'callbacks', cb.id, { reminded_at: now }, 'callback.remind');
    })();
    return due.map((c) => c.id);
  }

  function escalate(now: number, teamId: string | null): string[] {
    const { escalateAfterMinutes } = loadSchedulingSettings(ctx.db);
    const everyone = ctx.seat.role !== 'agent';
    const candidates = callbacksToEscalate(ctx.db, everyone ? null : ctx.seat.agentId, teamId, now - escalateAfterMinutes * 60_000, BATCH).filter((c) =>
      isEscalationDue(c.window_end, now, escalateAfterMinutes),
    );
    if (candidates.length === 0) return [];
    ctx.db.transaction(() => {
      for (const cb of candidates) {
        const team = (cb.assignee_agent_id ? teamOfAgent(ctx.db, cb.assignee_agent_id) : null) ?? cb.assignee_team_id;
        updateRow(ctx.writes, 'callbacks', cb.id, { escalated_at: now, assignee_team_id: team }, 'callback.escalate');
      }
    })();
    return candidates.map((c) => c.id);
  }

  function scanNow(): number {
    if (stopped) return 0;
    const now = ctx.clock.now();
    const teamId = teamOfAgent(ctx.db, ctx.seat.agentId);
    const reminded = remind(now, teamId);
    const escalated = escalate(now, teamId);
    // Written first, shown after: the events go out only once the writes have committed.
    for (const id of reminded) {
      const row = getCallbackRow(ctx.db, id);
      if (row) ctx.emit('callback.due', toViews(ctx, [row])[0]!);
    }
    emitCallbackChanges(ctx, [...new Set([...reminded, ...escalated])]);
    return reminded.length;
  }

  const tick = () => {
    try {
      scanNow();
    } catch (err) {
      options.log('callback reminder scan failed', err);
    }
  };
  if (options.intervalMs > 0) {
    // A first scan right after start: callbacks that fell due while the seat was closed.
    first = setTimeout(tick, 0);
    timer = setInterval(tick, options.intervalMs);
    first.unref?.();
    timer.unref?.();
  }

  return {
    scanNow,
    stop() {
      stopped = true;
      if (first) clearTimeout(first);
      if (timer) clearInterval(timer);
    },
  };
}
