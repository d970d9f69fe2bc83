import type { CallbackView } from '../../../shared/contract/callback-schemas';
import { CoreError } from '../../../shared/contract/result';
import { snoozeUntil } from '../../../shared/domain/callback-rules';
import { normalizePhone } from '../../../shared/domain/phone';
import { assigneeColumns, checkedWindow, createCallback, customerDoNotContact } from '../callbacks/create-callback';
import { recordAttempt } from '../callbacks/record-attempt';
import { loadSchedulingSettings, saveSchedulingSettings } from '../callbacks/settings';
import { emitCallbackChanges, mineScope, seatCounts, seatTeam, toViews } from '../callbacks/views';
import type { ServiceContext } from '../create-core';
import type { Handlers } from '../dispatch';
import { auditRead, updateRow, type Row } from '../store/change-log';
import { countCallbacks, getCallbackRow, listCallbackRows, type CallbackListRow, type CallbackScope } from '../store/callbacks-repo';
import { stmt } from '../store/statements';

/** Click-to-dial where the CTI source can (AMI Originate). */
export interface Dialer {
  canDial(): boolean;
  dial(number: string): Promise<void>;
}

/**
 * The digits a PBX dials: Chinese numbers as dialled domestically (mobiles as is, landlines with
 * the trunk '0'), foreign numbers with the international prefix '00'.
 */
export function dialString(phone: string): string {
  const p = normalizePhone(phone);
  if (!p) return phone.replace(/[^\d]/g, '');
  if (p.e164.startsWith('+86')) return p.kind === 'mobile' || p.national.startsWith('1') ? p.national : `0${p.national}`;
  return `00${p.e164.slice(1)}`;
}

export function callbackHandlers(
  ctx: ServiceContext,
  dialer: Dialer | null,
): Pick<
  Handlers,
  | 'callbacks.create'
  | 'callbacks.list'
  | 'callbacks.get'
  | 'callbacks.dial'
  | 'callbacks.recordAttempt'
  | 'callbacks.reschedule'
  | 'callbacks.snooze'
  | 'callbacks.cancel'
  | 'callbacks.reassign'
  | 'callbacks.counts'
  | 'callbacks.getSettings'
  | 'callbacks.setSettings'
> {
  const supervisor = () => ctx.seat.role !== 'agent';

  /** An agent works their own callbacks, their team queue's and their teammates'; supervisors any. */
  function visible(row: CallbackListRow): boolean {
    if (supervisor() || row.assignee_agent_id === ctx.seat.agentId) return true;
    const team = seatTeam(ctx);
    if (!team) return false;
    if (row.assignee_team_id === team) return true;
    return row.assignee_agent_id !== null && stmt(ctx.db, 'SELECT 1 FROM agents WHERE id = ? AND team_id = ?').get(row.assignee_agent_id, team) !== undefined;
  }

  function load(id: string): CallbackListRow {
    const row = getCallbackRow(ctx.db, id);
    if (!row) throw new CoreError('not_found', 'errors.callbackNotFound');
    if (!visible(row)) throw new CoreError('forbidden', 'errors.forbidden');
    return row;
  }

  function loadOpen(id: string): CallbackListRow {
    const row = load(id);
    if (row.status !== 'scheduled') throw new CoreError('invalid_input', 'errors.callbackClosed');
    return row;
  }

  const view = (id: string): CallbackView => toViews(ctx, [load(id)])[0]!;

  function changed(id: string): CallbackView {
    emitCallbackChanges(ctx, [id]);
    return view(id);
  }

  function scopeOf(scope: 'mine' | 'team' | 'all', agentId: string | undefined): CallbackScope {
    if (scope === 'all') {
      if (!supervisor()) throw new CoreError('forbidden', 'errors.forbidden');
      return { kind: 'all', agentId };
    }
    if (scope === 'team') {
      const teamId = seatTeam(ctx);
      return teamId ? { kind: 'team', teamId, agentId } : mineScope(ctx);
    }
    return mineScope(ctx);
  }

  return {
    'callbacks.create': ({ callback }) => {
      const id = createCallback(ctx, callback);
      emitCallbackChanges(ctx, [id]);
      // The creator sees what they made, even when it went to another team's queue.
      return toViews(ctx, [getCallbackRow(ctx.db, id)!])[0]!;
    },
    'callbacks.list': ({ scope, status, from, to, agentId, limit }) => {
      const s = scopeOf(scope, agentId);
      const rows = listCallbackRows(ctx.db, s, { status, from, to, limit });
      return { items: toViews(ctx, rows), counts: countCallbacks(ctx.db, s, ctx.clock.now()) };
    },
    'callbacks.get': ({ id }) => view(id),
    'callbacks.dial': async ({ id }) => {
      const row = loadOpen(id);
      // The full number leaves the core (to the PBX or the clipboard): an audited read of personal data.
      auditRead(ctx.writes, 'callbacks', id, 'dial number');
      if (dialer?.canDial()) {
        const number = dialString(row.phone);
        try {
          await dialer.dial(number);
          return { dialed: true, number };
        } catch {
          // The PBX refused or timed out: the agent dials by hand.
        }
      }
      const p = normalizePhone(row.phone);
      return { dialed: false, number: p ? (p.e164.startsWith('+86') ? dialString(row.phone) : p.e164) : row.phone };
    },
    'callbacks.recordAttempt': ({ id, outcome, note, satisfied }) => {
      recordAttempt(ctx, loadOpen(id), outcome, note, outcome === 'reached' ? satisfied : null);
      return changed(id);
    },
    'callbacks.reschedule': ({ id, windowStart, windowEnd, timeZone }) => {
      const row = loadOpen(id);
      const zone = timeZone ?? row.time_zone;
      const settings = loadSchedulingSettings(ctx.db);
      const w = checkedWindow(
        { start: windowStart, end: windowEnd, zone, doNotContact: customerDoNotContact(ctx, row.customer_id) },
        ctx.clock.now(),
        settings.quietHours,
      );
      // An agreed new time restarts the give-up clock (first_due_at); attempts are kept.
      updateRow(
        ctx.writes,
        'callbacks',
        id,
        { window_start: w.start, window_end: w.end, time_zone: zone, first_due_at: w.start, reminded_at: null, snoozed_until: null, escalated_at: null },
        'callback.reschedule',
      );
      return changed(id);
    },
    'callbacks.snooze': ({ id, minutes }) => {
      loadOpen(id);
      updateRow(ctx.writes, 'callbacks', id, { snoozed_until: snoozeUntil(ctx.clock.now(), minutes), reminded_at: null }, 'callback.snooze');
      return changed(id);
    },
    'callbacks.cancel': ({ id }) => {
      loadOpen(id);
      updateRow(ctx.writes, 'callbacks', id, { status: 'cancelled' }, 'callback.cancel');
      return changed(id);
    },
    'callbacks.reassign': ({ ids, assignee }) => {
      const unique = [...new Set(ids)];
      const cols = assigneeColumns(ctx, assignee);
      // The new assignee is reminded (again) of what is already due; escalated_at stays (the flag
      // is history the supervisor acted on, and the window has not moved).
      const patch: Row = { ...cols, reminded_at: null };
      let updated = 0;
      ctx.db.transaction(() => {
        for (const id of unique) {
          const row = getCallbackRow(ctx.db, id);
          if (!row) throw new CoreError('not_found', 'errors.callbackNotFound');
          if (row.status !== 'scheduled') throw new CoreError('invalid_input', 'errors.callbackClosed');
          if (Object.keys(updateRow(ctx.writes, 'callbacks', id, patch, 'callback.reassign')).length > 0) updated++;
        }
      })();
      emitCallbackChanges(ctx, unique);
      return { updated };
    },
    'callbacks.counts': () => seatCounts(ctx),
    'callbacks.getSettings': () => loadSchedulingSettings(ctx.db),
    'callbacks.setSettings': ({ settings }) => {
      saveSchedulingSettings(ctx.db, settings);
      return loadSchedulingSettings(ctx.db);
    },
  };
}
