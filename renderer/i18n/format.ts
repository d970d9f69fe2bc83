// Numbers, money and dates for the screen, always through Intl with the UI locale.
// Times are UTC epoch ms in the data and are shown in the seat's zone (Asia/Shanghai unless told).

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** 123456 cents, 'CNY' → '¥1,234.56' (zh-CN) / 'CN¥1,234.56' (en). An unknown currency code still shows the amount. */
export function formatMoney(cents: number, currency: string, locale: string): string {
  const amount = cents / 100;
  try {
    return numberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 3): string {
  return numberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A calendar date of an instant, in the seat's zone: 2024/7/21, 2024年7月21日 … depending on locale. */
export function formatDate(epochMs: number, locale: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return dateFormat(locale, { dateStyle: 'medium', timeZone }).format(epochMs);
}

/** Date and time of an instant, in the seat's zone. */
export function formatDateTime(epochMs: number, locale: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(epochMs);
}

/** A date without a time ('1985-07-21', e.g. a birth date): no zone shift, it is the same day everywhere. */
export function formatCalendarDate(isoDate: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms)) return isoDate;
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

/** Seconds → { minutes, seconds } for a "3 min 12 s" style label. */
export function splitDuration(totalSeconds: number): { minutes: number; seconds: number } {
  const s = Math.max(0, Math.round(totalSeconds));
  return { minutes: Math.floor(s / 60), seconds: s % 60 };
}

/** Seconds → a call clock: '0:45', '12:03', '1:02:03' (same in every language). */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

const regionNames = new Map<string, Intl.DisplayNames | null>();

/** A country's name in the UI language ('US' → '美国' / 'United States'); the code itself when Intl cannot tell. */
export function formatRegionName(code: string, locale: string): string {
  let names = regionNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      names = null;
    }
    regionNames.set(locale, names);
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}
