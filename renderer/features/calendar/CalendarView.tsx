import { useEffect, useMemo, useState, type CSSProperties, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackView } from '../../../shared/contract/callback-schemas';
import { useFormat } from '../../i18n/use-format';
import { daysOf, placeOf, SEAT_ZONE, SLOT_COUNT, slotStart, spanOf } from '../../state/calendar-rules';
import type { CalendarScope } from '../../state/calendar-slice';
import { refusalKeyOf, utcToWall } from '../../state/callback-rules';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { useErrorText } from '../../ui/messages';
import { customerTime } from '../callbacks/callback-text';

export const blockIdOf = (id: string) => `calendar-block-${id}`;
const HINT_ID = 'calendar-keys-hint';
const DAY_MINUTES = 24 * 60;
const clock = (at: number) => utcToWall(at, SEAT_ZONE).slice(11, 16);

/** A column's day as the seat reads it ('6月4日周三'); `day` is 'YYYY-MM-DD'. */
export function dayLabel(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

interface Column {
  key: string;
  label: string;
  day: string;
  holds(cb: CallbackView): boolean;
}

function useColumns(): Column[] {
  const { t, i18n } = useTranslation();
  const range = useAppStore((s) => s.calendarRange);
  const anchor = useAppStore((s) => s.calendarAnchor);
  const scope = useAppStore((s) => s.calendarScope);
  const me = useAppStore((s) => s.session?.agent ?? null);
  const directory = useAppStore((s) => s.agentDirectory);
  const items = useAppStore((s) => s.calendarItems);
  return useMemo(() => {
    if (range === 'week') {
      return daysOf('week', anchor).map((day) => ({ key: day, day, label: dayLabel(day, i18n.language), holds: () => true }));
    }
    // Today per agent: me alone for "mine", otherwise the directory's agents (and anyone listed but not in it).
    const agents = new Map<string, string>();
    if (me) agents.set(me.id, me.name);
    if (scope !== 'mine') for (const a of directory?.agents ?? []) agents.set(a.id, a.name);
    for (const cb of items) if (cb.assigneeAgentId && !agents.has(cb.assigneeAgentId)) agents.set(cb.assigneeAgentId, cb.assigneeAgentName ?? '');
    const columns: Column[] = [...agents].map(([id, name]) => ({ key: id, day: anchor, label: name, holds: (cb) => cb.assigneeAgentId === id }));
    if (items.some((cb) => !cb.assigneeAgentId)) columns.push({ key: 'queue', day: anchor, label: t('calendar.teamQueue'), holds: (cb) => !cb.assigneeAgentId });
    return columns;
  }, [range, anchor, scope, me, directory, items, i18n.language, t]);
}

function Block({ cb, start, span, focusable, order }: { cb: CallbackView; start: number; span: number; focusable: boolean; order: string[] }) {
  const { t, i18n } = useTranslation();
  const store = useAppStoreApi();
  const move = useAppStore((s) => (s.calendarMove?.id === cb.id ? s.calendarMove : null));
  const length = cb.windowEnd - cb.windowStart;
  const local = cb.timeZone !== SEAT_ZONE ? customerTime(start, cb.timeZone, i18n.language) : '';
  const overdue = cb.dueState === 'overdue' && !move;

  const focusBlock = (id: string | undefined) => id && document.getElementById(blockIdOf(id))?.focus();

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.nativeEvent.isComposing || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const s = store.getState();
    const nudge = (minutes: number) => {
      e.preventDefault();
      if (s.calendarMove?.id !== cb.id) s.calendarMoveStarted(cb.id);
      store.getState().calendarMoveNudged(minutes);
    };
    if (e.altKey) {
      if (e.key === 'ArrowUp') return nudge(-30);
      if (e.key === 'ArrowDown') return nudge(30);
      if (e.key === 'ArrowLeft') return nudge(-DAY_MINUTES);
      if (e.key === 'ArrowRight') return nudge(DAY_MINUTES);
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      if (move) void s.calendarMoveConfirmed();
      return;
    }
    if (e.key === 'Escape' && move) {
      e.preventDefault();
      e.stopPropagation();
      s.calendarMoveCancelled();
      return;
    }
    // Roving focus: the arrows go from block to block in time order.
    const at = order.indexOf(cb.id);
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') {
      e.preventDefault();
      focusBlock(order[Math.min(order.length - 1, at + 1)]);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') {
      e.preventDefault();
      focusBlock(order[Math.max(0, at - 1)]);
    } else if (e.key === 'Home') {
      e.preventDefault();
      focusBlock(order[0]);
    } else if (e.key === 'End') {
      e.preventDefault();
      focusBlock(order.at(-1));
    }
  };

  const onDragStart = (e: DragEvent<HTMLButtonElement>) => {
    e.dataTransfer?.setData('text/plain', cb.id);
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
    store.getState().calendarMoveStarted(cb.id);
  };
  const onDragEnd = () => {
    const m = store.getState().calendarMove;
    if (m?.id === cb.id && !m.pending) store.getState().calendarMoveCancelled();
  };

  const name = cb.customerName ?? t('callbacks.noCustomer');
  return (
    <button
      type="button"
      id={blockIdOf(cb.id)}
      className={`calendar-block priority-${cb.priority}${overdue ? ' is-overdue' : ''}${move ? ' is-moving' : ''}`}
      style={{ '--span': span } as CSSProperties}
      tabIndex={focusable ? 0 : -1}
      draggable
      aria-describedby={HINT_ID}
      aria-busy={move?.pending || undefined}
      onKeyDown={onKeyDown}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      data-callback-id={cb.id}
    >
      <strong className="calendar-block-name">{name}</strong>
      <span>
        {clock(start)}–{clock(start + length)}
      </span>
      <span>{t(`call.callbackReason.${cb.reason}`)}</span>
      <span>{t('calendar.priority', { priority: t(`callbacks.priority.${String(cb.priority) as '1' | '2' | '3'}`) })}</span>
      {local && <span className="muted">{t('callbacks.customerLocal', { time: local })}</span>}
      {overdue && <span className="badge calendar-overdue">{t('enum.dueState.overdue')}</span>}
    </button>
  );
}

function Announcer() {
  const { t, i18n } = useTranslation();
  const f = useFormat(SEAT_ZONE);
  const move = useAppStore((s) => s.calendarMove);
  const moved = useAppStore((s) => s.calendarMoved);
  const items = useAppStore((s) => s.calendarItems);
  const nameOf = (cb: CallbackView | undefined) => cb?.customerName ?? t('callbacks.noCustomer');
  let text = '';
  if (move) {
    const cb = items.find((i) => i.id === move.id);
    const local = cb && cb.timeZone !== SEAT_ZONE ? customerTime(move.start, cb.timeZone, i18n.language) : '';
    const time = t('callbacks.window', { start: f.dateTime(move.start), end: clock(move.start + move.length) });
    text = move.pending
      ? t('calendar.saving', { name: nameOf(cb) })
      : t('calendar.pending', { name: nameOf(cb), time: local ? `${time} · ${t('callbacks.customerLocal', { time: local })}` : time });
  } else if (moved) {
    text = t('calendar.moved', { name: nameOf(moved.callback), time: f.dateTime(moved.callback.windowStart) });
  }
  return (
    <p role="status" className="calendar-announcer">
      {text}
    </p>
  );
}

function Refusal() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const refusal = useAppStore((s) => s.calendarRefusal);
  const items = useAppStore((s) => s.calendarItems);
  const dismissed = useAppStore((s) => s.calendarRefusalDismissed);
  if (!refusal) return null;
  const cb = items.find((i) => i.id === refusal.id);
  const key = refusalKeyOf(refusal.error.message);
  const reason = key ? t(key) : errorText(refusal.error);
  return (
    <div className="notice notice-error calendar-refusal" role="alert">
      <span>{t('calendar.refused', { name: cb?.customerName ?? t('callbacks.noCustomer'), reason })}</span>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => {
          dismissed();
          if (cb) document.getElementById(blockIdOf(cb.id))?.focus();
        }}
      >
        {t('calendar.dismiss')}
      </button>
    </div>
  );
}

export function CalendarView() {
  const { t, i18n } = useTranslation();
  const store = useAppStoreApi();
  const range = useAppStore((s) => s.calendarRange);
  const anchor = useAppStore((s) => s.calendarAnchor);
  const scope = useAppStore((s) => s.calendarScope);
  const role = useAppStore((s) => s.session?.agent.role ?? 'agent');
  const items = useAppStore((s) => s.calendarItems);
  const status = useAppStore((s) => s.calendarStatus);
  const error = useAppStore((s) => s.calendarError);
  const move = useAppStore((s) => s.calendarMove);
  const movedSeq = useAppStore((s) => s.calendarMoved?.seq ?? 0);
  const refusalSeq = useAppStore((s) => s.calendarRefusal?.seq ?? 0);
  const rangeChanged = useAppStore((s) => s.calendarRangeChanged);
  const scopeChosen = useAppStore((s) => s.calendarScopeChosen);
  const requested = useAppStore((s) => s.calendarRequested);
  const errorText = useErrorText();
  const columns = useColumns();
  const [focusedId, setFocusedId] = useState<string | null>(null);

  // Time order is the roving order; the first block holds the tab stop until another is focused.
  const order = useMemo(() => [...items].sort((a, b) => a.windowStart - b.windowStart || a.priority - b.priority).map((i) => i.id), [items]);
  const tabStop = focusedId && order.includes(focusedId) ? focusedId : order[0];

  // A moved block is drawn in its new slot (a new element): the focus follows it, and back on refusal.
  const followId = move?.id ?? null;
  const followStart = move?.start ?? null;
  useEffect(() => {
    const id = followId ?? focusedId;
    if (!id) return;
    const el = document.getElementById(blockIdOf(id));
    if (el && document.activeElement !== el && (document.activeElement === document.body || document.activeElement?.classList.contains('calendar-block') || !document.activeElement)) el.focus();
  }, [followId, followStart, movedSeq, refusalSeq, focusedId]);

  const days = daysOf(range, anchor);
  const title = range === 'day' ? dayLabel(anchor, i18n.language) : `${dayLabel(days[0]!, i18n.language)} – ${dayLabel(days.at(-1)!, i18n.language)}`;
  const scopes: CalendarScope[] = role === 'agent' ? ['mine', 'team'] : ['all'];

  const placed = (cb: CallbackView) => {
    const moving = move?.id === cb.id ? move.start : null;
    const wanted = moving !== null ? placeOf(moving) : null;
    // A pending start outside what is shown (another day in the day view) leaves the block where it is.
    const start = wanted && days.includes(wanted.day) ? moving! : cb.windowStart;
    const place = placeOf(start);
    return { start, ...place, span: spanOf(start, start + (cb.windowEnd - cb.windowStart), place.slot) };
  };

  const onDrop = (e: DragEvent<HTMLElement>, start: number) => {
    e.preventDefault();
    const s = store.getState();
    const id = e.dataTransfer?.getData('text/plain') || s.calendarMove?.id;
    if (!id) return;
    if (s.calendarMove?.id !== id) s.calendarMoveStarted(id);
    store.getState().calendarMoveDropped(start);
  };

  return (
    <section className="view-pane calendar-view" aria-labelledby="calendar-title" onFocus={(e) => {
      const id = (e.target as HTMLElement).dataset?.callbackId;
      if (id) setFocusedId(id);
    }}>
      <header className="view-head calendar-head">
        <h2 id="calendar-title">
          {t('calendar.title')} <span className="muted">{title}</span>
        </h2>
        <div className="calendar-controls">
          <div role="group" aria-label={t('calendar.rangeLabel')}>
            {(['day', 'week'] as const).map((r) => (
              <button key={r} type="button" className="button button-quiet" aria-pressed={range === r} onClick={() => rangeChanged({ range: r })}>
                {t(`calendar.range.${r}`)}
              </button>
            ))}
          </div>
          <button type="button" className="button button-quiet" onClick={() => rangeChanged({ step: -1 })}>
            {t(range === 'day' ? 'calendar.previousDay' : 'calendar.previousWeek')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => rangeChanged({ today: true })}>
            {t('calendar.today')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => rangeChanged({ step: 1 })}>
            {t(range === 'day' ? 'calendar.nextDay' : 'calendar.nextWeek')}
          </button>
          {scopes.length > 1 && (
            <div role="group" aria-label={t('callbacks.scopeLabel')}>
              {scopes.map((sc) => (
                <button key={sc} type="button" className="button button-quiet" aria-pressed={scope === sc} onClick={() => scopeChosen(sc)}>
                  {t(`callbacks.scope.${sc}`)}
                </button>
              ))}
            </div>
          )}
        </div>
      </header>
      <p id={HINT_ID} className="field-hint">
        {t('calendar.keysHint')}
      </p>
      <Refusal />
      <Announcer />
      {status === 'error' && error && (
        <div className="notice notice-error" role="alert">
          {t('calendar.loadFailed', { message: errorText(error) })}{' '}
          <button type="button" className="button button-quiet" onClick={() => void requested()}>
            {t('callbacks.retry')}
          </button>
        </div>
      )}
      {status === 'ready' && items.length === 0 && <p className="muted">{t('calendar.empty')}</p>}
      <div className="calendar-grid" aria-busy={status === 'loading'} style={{ '--columns': columns.length } as CSSProperties}>
        <ol className="calendar-gutter" aria-hidden="true">
          <li className="calendar-column-head" />
          {Array.from({ length: SLOT_COUNT }, (_, slot) => (
            <li key={slot} className="calendar-slot-time">
              {slot % 2 === 0 ? clock(slotStart(anchor, slot)) : ''}
            </li>
          ))}
        </ol>
        {columns.map((col) => {
          const headId = `calendar-col-${col.key}`;
          const mine = items.filter((cb) => col.holds(cb)).map((cb) => ({ cb, ...placed(cb) })).filter((p) => p.day === col.day);
          return (
            <section key={col.key} className="calendar-column" aria-labelledby={headId}>
              <h3 id={headId} className="calendar-column-head">
                {col.label}
              </h3>
              <ol className="calendar-slots">
                {Array.from({ length: SLOT_COUNT }, (_, slot) => {
                  const start = slotStart(col.day, slot);
                  return (
                    <li
                      key={slot}
                      className="calendar-slot"
                      aria-label={clock(start)}
                      onDragOver={(e) => {
                        e.preventDefault();
                        if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
                      }}
                      onDrop={(e) => onDrop(e, start)}
                    >
                      {mine
                        .filter((p) => p.slot === slot)
                        .map((p) => (
                          <Block key={p.cb.id} cb={p.cb} start={p.start} span={p.span} focusable={p.cb.id === tabStop} order={order} />
                        ))}
                    </li>
                  );
                })}
              </ol>
            </section>
          );
        })}
      </div>
    </section>
  );
}
