import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallError } from '../../../shared/contract/result';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../../i18n/format';
import zhCN from '../../i18n/zh-CN';
import { useErrorText } from '../../ui/messages';

// Words for what synchronisation reports: table and column names, the core's sync.errors.* keys,
// "刚刚 / 5 分钟前", a retry time as HH:mm.

type SyncCatalogue = typeof zhCN.sync;
type EntityName = keyof SyncCatalogue['entity'];
type FieldName = keyof SyncCatalogue['field'];
type SyncErrorName = keyof SyncCatalogue['errors'];

const isEntity = (name: string): name is EntityName => Object.hasOwn(zhCN.sync.entity, name);
const isField = (name: string): name is FieldName => Object.hasOwn(zhCN.sync.field, name);
const isSyncError = (name: string): name is SyncErrorName => Object.hasOwn(zhCN.sync.errors, name);

/** A synced table and its columns in the UI language; a name we do not translate is shown as it is. */
export function useSyncNames() {
  const { t } = useTranslation();
  return {
    entity: useCallback((name: string) => (isEntity(name) ? t(`sync.entity.${name}`) : name), [t]),
    field: useCallback((name: string) => (isField(name) ? t(`sync.field.${name}`) : name), [t]),
  };
}

/** The core's sync messages ('sync.errors.offline'); any other message like every other core error. */
export function useSyncErrorText(): (error: CallError | string) => string {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return useCallback(
    (error) => {
      const message = typeof error === 'string' ? error : error.message;
      const m = /^sync\.errors\.([A-Za-z]+)$/.exec(message);
      if (m && isSyncError(m[1]!)) return t(`sync.errors.${m[1]! as SyncErrorName}`);
      return errorText(error);
    },
    [t, errorText],
  );
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** 14:05 in the seat's zone (the same zone every other time on screen uses). */
export function formatTimeOfDay(epochMs: number, locale: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const key = `${locale}|${timeZone}`;
  let f = timeFormats.get(key);
  if (!f) timeFormats.set(key, (f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })));
  return f.format(epochMs);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type Ago = { key: 'justNow' } | { key: 'minutes' | 'hours'; n: number } | { key: 'at' };

/** How long ago, in the words the status line uses; a day or more is said as a date and time. */
export function agoOf(at: number, now: number): Ago {
  const diff = Math.max(0, now - at);
  if (diff < MINUTE) return { key: 'justNow' };
  if (diff < HOUR) return { key: 'minutes', n: Math.floor(diff / MINUTE) };
  if (diff < 24 * HOUR) return { key: 'hours', n: Math.floor(diff / HOUR) };
  return { key: 'at' };
}

/** The current time, moving on every `everyMs` so "5 分钟前" stays true while the screen is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Hides the clock warning for small drifts; the core warns past two minutes too. */
export const CLOCK_WARN_MS = 2 * MINUTE;

/** "刚刚", "5 分钟前", "2 小时前", or the date and time. */
export function useAgoText(): (at: number, now: number) => string {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useCallback(
    (at, now) => {
      const ago = agoOf(at, now);
      if (ago.key === 'justNow') return t('sync.ago.justNow');
      if (ago.key === 'minutes') return t('sync.ago.minutes', { n: ago.n });
      if (ago.key === 'hours') return t('sync.ago.hours', { n: ago.n });
      return formatDateTime(at, locale);
    },
    [t, locale],
  );
}
