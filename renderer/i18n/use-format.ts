import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_TIME_ZONE,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
} from './format';

/** The formatters bound to the current UI language (re-render on switch comes from useTranslation). */
export function useFormat(timeZone: string = DEFAULT_TIME_ZONE) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(
    () => ({
      locale,
      money: (cents: number, currency: string) => formatMoney(cents, currency, locale),
      number: (value: number, maximumFractionDigits?: number) => formatNumber(value, locale, maximumFractionDigits),
      date: (ms: number) => formatDate(ms, locale, timeZone),
      dateTime: (ms: number) => formatDateTime(ms, locale, timeZone),
      calendarDate: (iso: string) => formatCalendarDate(iso, locale),
    }),
    [locale, timeZone],
  );
}
