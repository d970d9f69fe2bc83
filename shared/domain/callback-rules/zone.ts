import { tzOffset } from '@date-fns/tz';

const knownZones = new Set<string>();

/** Whether `zone` is an IANA time-zone name this runtime knows (checked through Intl, cached when valid). */
export function isValidZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  if (typeof zone !== 'string' || zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    knownZones.add(zone);
    return true;
  } catch {
    return false;
  }
}

/** Throws a RangeError for an unknown zone; the scheduling functions need a real zone to be correct. */
export function assertValidZone(zone: string): void {
  if (!isValidZone(zone)) throw new RangeError(`Unknown time zone: ${String(zone)}`);
}

/** The zone's UTC offset at the instant `at`, in minutes east of UTC (Asia/Shanghai → 480, New York in winter → -300). */
export function zoneOffsetMinutes(at: number, zone: string): number {
  assertValidZone(zone);
  return tzOffset(zone, new Date(at));
}

/** The local wall-clock fields of `at` in `zone`. */
export interface LocalClock {
  year: number;
  /** 0-based, like Date. */
  month: number;
  day: number;
  /** Minutes since local midnight, with a fraction for seconds and milliseconds. */
  minuteOfDay: number;
}

export function localClock(at: number, zone: string): LocalClock {
  const wall = new Date(at + zoneOffsetMinutes(at, zone) * 60_000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth(),
    day: wall.getUTCDate(),
    minuteOfDay:
      wall.getUTCHours() * 60 + wall.getUTCMinutes() + wall.getUTCSeconds() / 60 + wall.getUTCMilliseconds() / 60_000,
  };
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.round(Math.abs(minutes));
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

/**
 * The customer's local time for the agent, e.g. '14:30 EST (UTC-05:00)' or '20:00 (UTC+08:00)'.
 * The zone's short name is included only when Intl has a real abbreviation for it in `locale`
 * (not a 'GMT+8' placeholder, which would just repeat the offset); the offset is always shown.
 */
export function localTimeLabel(at: number, zone: string, locale: 'zh-CN' | 'zh-TW' | 'en'): string {
  assertValidZone(zone);
  const parts = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(at));
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  const offset = formatOffset(zoneOffsetMinutes(at, zone));
  const showName = name !== '' && !/^(GMT|UTC)([+-]|$)/.test(name) && !/\d/.test(name);
  return showName ? `${hour}:${minute} ${name} (${offset})` : `${hour}:${minute} (${offset})`;
}

/**
 * Default customer zone per ISO 3166-1 alpha-2 country code. Countries spanning several zones
 * (US, CA, AU) get their most populous zone; the agent can always edit the zone on the callback.
 */
const COUNTRY_ZONES: Readonly<Record<string, string>> = Object.freeze({
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  MO: 'Asia/Macau',
  TW: 'Asia/Taipei',
  SG: 'Asia/Singapore',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  TH: 'Asia/Bangkok',
  MY: 'Asia/Kuala_Lumpur',
  GB: 'Europe/London',
  UK: 'Europe/London',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  US: 'America/New_York',
  CA: 'America/Toronto',
});

export function defaultZoneForCountry(country: string | null, fallback = 'Asia/Shanghai'): string {
  if (country == null) return fallback;
  return COUNTRY_ZONES[country.trim().toUpperCase()] ?? fallback;
}
