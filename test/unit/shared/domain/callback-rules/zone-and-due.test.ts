import { describe, expect, it } from 'vitest';
import {
  defaultZoneForCountry,
  dueState,
  isEscalationDue,
  isValidZone,
  localTimeLabel,
  snoozeUntil,
  zoneOffsetMinutes,
} from '../../../../../shared/domain/callback-rules';

const Z = (y: number, mo: number, d: number, h: number, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);
const MIN = 60_000;

describe('zones', () => {
  it('validates zone names through Intl', () => {
    expect(isValidZone('Asia/Shanghai')).toBe(true);
    expect(isValidZone('America/New_York')).toBe(true);
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(isValidZone('')).toBe(false);
  });

  it('reports offsets in minutes east of UTC, DST-aware', () => {
    expect(zoneOffsetMinutes(Z(2026, 1, 15, 12), 'Asia/Shanghai')).toBe(480);
    expect(zoneOffsetMinutes(Z(2026, 1, 15, 12), 'America/New_York')).toBe(-300);
    expect(zoneOffsetMinutes(Z(2026, 7, 15, 12), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(Z(2026, 3, 8, 6, 59), 'America/New_York')).toBe(-300);
    expect(zoneOffsetMinutes(Z(2026, 3, 8, 7), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(Z(2026, 11, 1, 5, 59), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(Z(2026, 11, 1, 6), 'America/New_York')).toBe(-300);
    expect(zoneOffsetMinutes(Z(2026, 3, 29, 1), 'Europe/London')).toBe(60);
    expect(zoneOffsetMinutes(Z(2026, 10, 25, 1), 'Europe/London')).toBe(0);
    expect(zoneOffsetMinutes(Z(2026, 1, 15, 12), 'Australia/Sydney')).toBe(660);
    expect(zoneOffsetMinutes(Z(2026, 7, 15, 12), 'Australia/Sydney')).toBe(600);
    expect(zoneOffsetMinutes(Z(2026, 7, 15, 12), 'Asia/Kolkata')).toBe(330);
    expect(() => zoneOffsetMinutes(0, 'Mars/Olympus')).toThrow(RangeError);
  });

  it('labels the customer local time with the offset (and a real abbreviation when Intl has one)', () => {
    const at = Z(2026, 1, 5, 19, 30);
    expect(localTimeLabel(at, 'America/New_York', 'en')).toMatch(/^14:30 (EST )?\(UTC-05:00\)$/);
    expect(localTimeLabel(at, 'America/New_York', 'zh-CN')).toMatch(/^14:30 (\S+ )?\(UTC-05:00\)$/);
    expect(localTimeLabel(Z(2026, 7, 5, 18, 30), 'America/New_York', 'en')).toMatch(/^14:30 (EDT )?\(UTC-04:00\)$/);
    expect(localTimeLabel(Z(2026, 1, 5, 6, 5), 'Asia/Shanghai', 'zh-CN')).toBe('14:05 (UTC+08:00)');
    expect(localTimeLabel(Z(2026, 1, 5, 6, 5), 'Asia/Shanghai', 'zh-TW')).toBe('14:05 (UTC+08:00)');
    expect(localTimeLabel(Z(2026, 1, 5, 18, 0), 'Asia/Kolkata', 'en')).toMatch(/^23:30 (\S+ )?\(UTC\+05:30\)$/);
    expect(localTimeLabel(Z(2026, 1, 5, 16, 0), 'Asia/Shanghai', 'en')).toBe('00:00 (UTC+08:00)');
  });

  it('maps countries to their default (most populous) zone, with a fallback', () => {
    const expected: Record<string, string> = {
      CN: 'Asia/Shanghai', HK: 'Asia/Hong_Kong', MO: 'Asia/Macau', TW: 'Asia/Taipei', SG: 'Asia/Singapore',
      JP: 'Asia/Tokyo', KR: 'Asia/Seoul', TH: 'Asia/Bangkok', MY: 'Asia/Kuala_Lumpur', GB: 'Europe/London',
      FR: 'Europe/Paris', DE: 'Europe/Berlin', AU: 'Australia/Sydney', NZ: 'Pacific/Auckland',
      US: 'America/New_York', CA: 'America/Toronto',
    };
    for (const [country, zone] of Object.entries(expected)) {
      expect(defaultZoneForCountry(country)).toBe(zone);
      expect(isValidZone(zone)).toBe(true);
    }
    expect(defaultZoneForCountry(' us ')).toBe('America/New_York');
    expect(defaultZoneForCountry(null)).toBe('Asia/Shanghai');
    expect(defaultZoneForCountry('ZZ')).toBe('Asia/Shanghai');
    expect(defaultZoneForCountry('ZZ', 'Asia/Tokyo')).toBe('Asia/Tokyo');
  });
});

describe('due state, escalation, snooze', () => {
  const start = Z(2026, 6, 1, 2);
  const end = start + 60 * MIN;

  it('upcoming before the window, due inside it, overdue from its end', () => {
    expect(dueState(start, end, start - 1)).toBe('upcoming');
    expect(dueState(start, end, start)).toBe('due');
    expect(dueState(start, end, end - 1)).toBe('due');
    expect(dueState(start, end, end)).toBe('overdue');
  });

  it('escalates once overdue by the threshold', () => {
    expect(isEscalationDue(end, end + 29 * MIN, 30)).toBe(false);
    expect(isEscalationDue(end, end + 30 * MIN, 30)).toBe(true);
    expect(isEscalationDue(end, end - MIN, 0)).toBe(false);
    expect(isEscalationDue(end, end, -5)).toBe(true);
  });

  it('clamps snooze to 1 minute .. 24 hours', () => {
    expect(snoozeUntil(start, 15)).toBe(start + 15 * MIN);
    expect(snoozeUntil(start, 0)).toBe(start + MIN);
    expect(snoozeUntil(start, -10)).toBe(start + MIN);
    expect(snoozeUntil(start, 5000)).toBe(start + 1440 * MIN);
    expect(snoozeUntil(start, Number.NaN)).toBe(start + MIN);
    expect(snoozeUntil(start, Number.POSITIVE_INFINITY)).toBe(start + 1440 * MIN);
  });
});
