import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatClock, formatDate, formatDateTime, formatMoney, formatRegionName, splitDuration } from '../../renderer/i18n/format';
import { pickLocale } from '../../renderer/i18n';

describe('format helpers', () => {
  it('formats cents as money in the UI locale with the currency from the data', () => {
    expect(formatMoney(123_400, 'CNY', 'zh-CN')).toBe('¥1,234.00');
    expect(formatMoney(123_400, 'CNY', 'en')).toBe('CN¥1,234.00');
    expect(formatMoney(-5_050, 'CNY', 'zh-CN')).toBe('-¥50.50');
    expect(formatMoney(123_400, 'HKD', 'zh-TW')).toBe('HK$1,234.00');
    expect(formatMoney(123_400, 'not a code', 'zh-CN')).toBe('1,234.00 not a code');
  });

  it('shows instants in Asia/Shanghai unless told otherwise', () => {
    const lateUtc = Date.UTC(2024, 0, 1, 16, 30); // 2024-01-02 00:30 in Shanghai
    expect(formatDate(lateUtc, 'zh-CN')).toBe('2024年1月2日');
    expect(formatDate(lateUtc, 'en')).toBe('Jan 2, 2024');
    expect(formatDate(lateUtc, 'en', 'UTC')).toBe('Jan 1, 2024');
    expect(formatDateTime(lateUtc, 'zh-CN')).toBe('2024年1月2日 00:30');
  });

  it('shows a calendar date (birth date) without shifting the day', () => {
    expect(formatCalendarDate('1985-07-21', 'zh-CN')).toBe('1985年7月21日');
    expect(formatCalendarDate('1985-07-21', 'zh-TW')).toBe('1985年7月21日');
    expect(formatCalendarDate('garbage', 'en')).toBe('garbage');
  });

  it('splits durations and picks a starting locale from the system', () => {
    expect(splitDuration(192)).toEqual({ minutes: 3, seconds: 12 });
    expect(pickLocale(['zh-HK', 'en'])).toBe('zh-TW');
    expect(pickLocale(['zh-Hant-TW'])).toBe('zh-TW');
    expect(pickLocale(['zh'])).toBe('zh-CN');
    expect(pickLocale(['en-GB'])).toBe('en');
    expect(pickLocale(['de-DE'])).toBe('zh-CN');
  });

  it('shows call clocks as m:ss or h:mm:ss, and names countries in the UI language', () => {
    expect([0, 5, 45, 65, 600, 3599, 3600, 3723, -3, 12.9].map(formatClock)).toEqual([
      '0:00',
      '0:05',
      '0:45',
      '1:05',
      '10:00',
      '59:59',
      '1:00:00',
      '1:02:03',
      '0:00',
      '0:12',
    ]);
    expect(formatRegionName('US', 'zh-CN')).toBe('美国');
    expect(formatRegionName('US', 'en')).toBe('United States');
    expect(formatRegionName('JP', 'zh-TW')).toBe('日本');
  });
});
