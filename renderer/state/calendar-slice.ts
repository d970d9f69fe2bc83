import type { CallbackView } from '../../shared/contract/callback-schemas';
import type { CallError } from '../../shared/contract/result';
import { callCore } from './call';
import { rangeBounds, shiftStart, todayIn, weekStart, addDays, type CalendarRange } from './calendar-rules';
import type { SliceCreator } from './types';

export type CalendarScope = 'mine' | 'team' | 'all';

/** A block being moved (keyboard or drag): where it was and where it would go; the window's length is kept. */
export interface CalendarMove {
  id: string;
  originStart: number;
  start: number;
  length: number;
  pending: boolean;
}

export interface CalendarSlice {
  calendarRange: CalendarRange;
  /** The shown day ('day') or any day of the shown week, 'YYYY-MM-DD' in the seat's zone. */
  calendarAnchor: string;
  calendarScope: CalendarScope;
  calendarItems: CallbackView[];
  calendarStatus: 'idle' | 'loading' | 'ready' | 'error';
  calendarError: CallError | null;
  calendarMove: CalendarMove | null;
  /** The core refused a move: said once, the block is back where it was. */
  calendarRefusal: { id: string; error: CallError; seq: number } | null;
  /** A move the core accepted. */
  calendarMoved: { callback: CallbackView; seq: number } | null;

  /** The calendar view opened: today, supervisors see everyone's. */
  calendarOpened(): Promise<void>;
  /** Day/week toggle, previous/next, or back to today. */
  calendarRangeChanged(change: { range?: CalendarRange; step?: -1 | 1; today?: boolean }): void;
  calendarScopeChosen(scope: CalendarScope): void;
  calendarRequested(): Promise<void>;
  /** The core's `callbacks.changed`: reload if one of ours (or unknown) changed. */
  calendarCallbacksChanged(ids: string[]): void;
  calendarMoveStarted(id: string): void;
  /** Alt+Arrow: the pending start moved by wall-clock minutes. */
  calendarMoveNudged(minutes: number): void;
  /** A drag let go over a slot: the pending start is that slot. */
  calendarMoveDropped(start: number): void;
  calendarMoveConfirmed(): Promise<void>;
  calendarMoveCancelled(): void;
  calendarRefusalDismissed(): void;
}

export const createCalendarSlice: SliceCreator<CalendarSlice> = (set, get, { api }) => {
  let seq = 0;
  let listSeq = 0;
  return {
    calendarRange: 'day',
    calendarAnchor: todayIn(Date.now()),
    calendarScope: 'mine',
    calendarItems: [],
    calendarStatus: 'idle',
    calendarError: null,
    calendarMove: null,
    calendarRefusal: null,
    calendarMoved: null,

    async calendarOpened() {
      const role = get().session?.agent.role;
      const scope: CalendarScope = role && role !== 'agent' ? 'all' : get().calendarScope === 'all' ? 'mine' : get().calendarScope;
      set({ calendarScope: scope, calendarMove: null });
      void get().agentsRequested();
      await get().calendarRequested();
    },

    calendarRangeChanged({ range, step, today }) {
      const nextRange = range ?? get().calendarRange;
      let anchor = today ? todayIn(Date.now()) : get().calendarAnchor;
      if (step) anchor = nextRange === 'week' ? addDays(weekStart(anchor), 7 * step) : addDays(anchor, step);
      if (nextRange === get().calendarRange && anchor === get().calendarAnchor) return;
      set({ calendarRange: nextRange, calendarAnchor: anchor, calendarMove: null, calendarRefusal: null });
      void get().calendarRequested();
    },

    calendarScopeChosen(scope) {
      if (scope === get().calendarScope) return;
      set({ calendarScope: scope, calendarMove: null });
      void get().calendarRequested();
    },

    async calendarRequested() {
      const mySeq = ++listSeq;
      set({ calendarStatus: 'loading', calendarError: null });
      const { from, to } = rangeBounds(get().calendarRange, get().calendarAnchor);
      const r = await callCore(api, 'callbacks.list', { scope: get().calendarScope, status: 'open', from, to, limit: 1000 });
      if (mySeq !== listSeq) return;
      if (!r.ok) {
        set({ calendarStatus: 'error', calendarError: r.error });
        return;
      }
      // The core filters by window; the range is checked again so a looser answer still lands right.
      const items = r.value.items.filter((c) => c.status === 'scheduled' && c.windowStart < to && c.windowEnd > from);
      const move = get().calendarMove;
      set({ calendarItems: items, calendarStatus: 'ready', calendarMove: move && items.some((i) => i.id === move.id) ? move : null });
    },

    calendarCallbacksChanged(ids) {
      if (get().calendarStatus === 'idle' || get().view !== 'calendar' || get().calendarMove?.pending) return;
      if (ids.length === 0 || get().calendarItems.some((i) => ids.includes(i.id)) || get().calendarStatus === 'ready') void get().calendarRequested();
    },

    calendarMoveStarted(id) {
      const cb = get().calendarItems.find((i) => i.id === id);
      if (!cb || get().calendarMove?.pending) return;
      set({
        calendarMove: { id, originStart: cb.windowStart, start: cb.windowStart, length: cb.windowEnd - cb.windowStart, pending: false },
        calendarRefusal: null,
      });
    },

    calendarMoveNudged(minutes) {
      const move = get().calendarMove;
      if (!move || move.pending) return;
      const start = shiftStart(move.start, minutes);
      if (start !== null) set({ calendarMove: { ...move, start } });
    },

    calendarMoveDropped(start) {
      const move = get().calendarMove;
      if (!move || move.pending) return;
      set({ calendarMove: { ...move, start } });
      void get().calendarMoveConfirmed();
    },

    async calendarMoveConfirmed() {
      const move = get().calendarMove;
      if (!move || move.pending) return;
      if (move.start === move.originStart) {
        set({ calendarMove: null });
        return;
      }
      set({ calendarMove: { ...move, pending: true } });
      const r = await callCore(api, 'callbacks.reschedule', { id: move.id, windowStart: move.start, windowEnd: move.start + move.length });
      if (!r.ok) {
        // The block goes back where it was; the refusal says why and what to do.
        set({ calendarMove: null, calendarRefusal: { id: move.id, error: r.error, seq: ++seq } });
        return;
      }
      set({
        calendarMove: null,
        calendarItems: get().calendarItems.map((i) => (i.id === r.value.id ? r.value : i)),
        calendarMoved: { callback: r.value, seq: ++seq },
      });
      if (get().callbackStatus !== 'idle') void get().callbacksRequested();
    },

    calendarMoveCancelled() {
      const move = get().calendarMove;
      if (!move || move.pending) return;
      set({ calendarMove: null });
    },

    calendarRefusalDismissed() {
      set({ calendarRefusal: null });
    },
  };
};
