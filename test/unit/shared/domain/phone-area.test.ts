import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../../shared/domain/phone';
import { CN_AREA_CODES, cnAreaCode, phoneArea, phoneTimeZone } from '../../../../shared/domain/phone-area';

describe('phoneArea', () => {
  it.each([
    ['010 8765 4321', '北京'],
    ['021-6123 4567', '上海'],
    ['+86 22 2345 6789', '天津'],
    ['(023)63456789', '重庆'],
    ['020 8765 4321', '广州'],
    ['0755 8612 3456', '深圳'],
    ['0571-87654321', '杭州'],
    ['025 8456 7890', '南京'],
    ['028 8765 4321', '成都'],
    ['0871 6512 3456', '昆明'],
    ['0898 6612 3456', '海口/海南'],
    ['0599 5123456', '武夷山/南平'],
    ['0888 5123456', '丽江'],
    ['0991 2345678', '乌鲁木齐'],
    ['0574 8765 4321', '宁波'],
    ['0769 2234 5678', '东莞'],
    ['（０５１２）６５１２３４５６', '苏州'], // full-width from a Chinese IME
  ])('reads %j as a landline in %s', (raw, city) => {
    expect(phoneArea(raw)).toEqual({ country: 'CN', area: city });
  });

  it('says mobile for mobiles, whatever the prefix or country', () => {
    expect(phoneArea('138 1234 5678')).toEqual({ country: 'CN', area: 'mobile' });
    expect(phoneArea('+8619912345678')).toEqual({ country: 'CN', area: 'mobile' });
    expect(phoneArea('013812345678')).toEqual({ country: 'CN', area: 'mobile' });
    expect(phoneArea('+852 9123 4567')).toEqual({ country: 'HK', area: 'mobile' });
  });

  it('gives only the country for foreign landlines, service numbers and unlisted area codes', () => {
    expect(phoneArea('+852 2123 4567')).toEqual({ country: 'HK', area: null });
    expect(phoneArea('+886 2 2712 3456')).toEqual({ country: 'TW', area: null });
    // NANP cannot tell mobile from landline.
    expect(phoneArea('+1 415 555 2671')).toEqual({ country: 'US', area: null });
    expect(phoneArea('400 800 1234')).toEqual({ country: 'CN', area: null });
    expect(phoneArea('0349 1234567').country).toBe('CN');
  });

  it('returns nulls for what is not a phone number', () => {
    for (const raw of ['', 'anonymous', '12', '+999 123', '95588', 'x'.repeat(100)]) {
      expect(phoneArea(raw), raw).toEqual({ country: null, area: null });
    }
  });

  it('splits area codes: two digits for 10 and 2x, three for the rest', () => {
    expect(cnAreaCode('1087654321')).toBe('010');
    expect(cnAreaCode('2161234567')).toBe('021');
    expect(cnAreaCode('57187654321')).toBe('0571');
    expect(cnAreaCode('89866123456')).toBe('0898');
    for (const code of Object.keys(CN_AREA_CODES)) {
      expect(code, code).toMatch(code.startsWith('01') || code.startsWith('02') ? /^0\d{2}$/ : /^0\d{3}$/);
    }
  });
});

describe('phoneTimeZone', () => {
  const zone = (raw: string) => phoneTimeZone(normalizePhone(raw));
  it('plans callbacks in the caller country’s zone', () => {
    expect(zone('13812345678')).toBe('Asia/Shanghai');
    expect(zone('0991 2345678')).toBe('Asia/Shanghai');
    expect(zone('+852 9123 4567')).toBe('Asia/Hong_Kong');
    expect(zone('+886 912 345 678')).toBe('Asia/Taipei');
    expect(zone('+44 20 7946 0958')).toBe('Europe/London');
  });
  it('defaults North America to New York and refines by known area codes', () => {
    expect(zone('+1 212 555 0100')).toBe('America/New_York');
    expect(zone('+1 415 555 2671')).toBe('America/Los_Angeles');
    expect(zone('+1 604 555 0100')).toBe('America/Vancouver');
    expect(zone('+1 312 555 0100')).toBe('America/Chicago');
  });
  it('is null when the country is unknown', () => {
    expect(phoneTimeZone(null)).toBeNull();
    expect(zone('+800 1234 5678')).toBeNull();
  });
});
