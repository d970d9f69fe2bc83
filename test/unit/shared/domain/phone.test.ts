import { describe, expect, it } from 'vitest';
import { formatPhone, maskPhone, normalizePhone, phoneLookupKeys } from '../../../../shared/domain/phone';

const CN_MOBILE = { e164: '+8613812345678', national: '13812345678', region: 'CN', kind: 'mobile' };
const SHANGHAI_LANDLINE = { e164: '+862161234567', national: '2161234567', region: 'CN', kind: 'landline' };

describe('normalizePhone', () => {
  it.each([
    '+86 138 1234 5678',
    '13812345678',
    '008613812345678',
    '8613812345678',
    '013812345678', // PBX trunk '0' in front of a mobile
    '138-1234-5678',
    '１３８１２３４５６７８', // full-width digits from a Chinese IME
    '  13812345678\t',
  ])('reads %j as the same CN mobile', (raw) => {
    expect(normalizePhone(raw)).toEqual(CN_MOBILE);
  });

  it.each(['021-6123 4567', '(021)61234567', '（０２１）６１２３４５６７', '+86 21 6123 4567', '02161234567'])(
    'reads %j as a Shanghai landline without the trunk 0',
    (raw) => {
      expect(normalizePhone(raw)).toEqual(SHANGHAI_LANDLINE);
    },
  );

  it('keeps foreign numbers in their own region regardless of the default region', () => {
    expect(normalizePhone('+1 415 555 2671')).toEqual({
      e164: '+14155552671',
      national: '4155552671',
      region: 'US',
      // NANP numbers cannot be told apart: never claim 'mobile' (SMS) for them.
      kind: 'other',
    });
    expect(normalizePhone('+852 9123 4567')).toMatchObject({ e164: '+85291234567', region: 'HK', kind: 'mobile' });
  });

  it('uses the default region for national-format input', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toEqual({
      e164: '+442079460958',
      national: '2079460958',
      region: 'GB',
      kind: 'landline',
    });
    // The same digits under the CN default are a Guangzhou landline.
    expect(normalizePhone('020 7946 0958')?.e164).toBe('+862079460958');
  });

  it('classifies CN service numbers as other', () => {
    expect(normalizePhone('400 820 8820')).toMatchObject({ e164: '+864008208820', kind: 'other' });
  });

  it('gives non-geographic numbers an undefined region', () => {
    expect(normalizePhone('+800 1234 5678')).toMatchObject({ e164: '+80012345678', region: undefined });
  });

  it('does not throw on an unknown default region; only international input then parses', () => {
    expect(normalizePhone('+8613812345678', 'XX')).toEqual(CN_MOBILE);
    expect(normalizePhone('13812345678', 'XX')).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['too short', '123'],
    ['one digit short of a mobile', '1381234567'],
    ['one digit too many', '138123456789'],
    ['letters', 'abc'],
    ['letters inside digits', '138abcd5678'],
    ['an extension', '021 6123 4567 ext 12'],
    ['a bank short code', '95588'],
    ['a very long digit string', '1'.repeat(100)],
  ])('rejects %s', (_label, raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe('phoneLookupKeys', () => {
  it('returns E.164 and national number for valid numbers', () => {
    expect(phoneLookupKeys('+86 138 1234 5678')).toEqual({ e164: '+8613812345678', national: '13812345678' });
    expect(phoneLookupKeys('013812345678')).toEqual({ e164: '+8613812345678', national: '13812345678' });
    expect(phoneLookupKeys('(021)61234567')).toEqual({ e164: '+862161234567', national: '2161234567' });
  });

  it.each([
    ['a short code', '95588', '95588'],
    ['a short code behind 0086', '0086 95588', '95588'],
    ['a short code behind 00', '0095588', '95588'],
    ['a short code with +86', '+86 95588', '95588'],
    ['an invalid number behind a trunk 0', '0 1381234567', '1381234567'],
    ['an invalid number with 86 and no +', '8610012345678', '10012345678'],
  ])('falls back to national digits for %s', (_label, raw, national) => {
    expect(phoneLookupKeys(raw)).toEqual({ e164: null, national });
  });

  it('keeps a foreign calling code it cannot strip reliably', () => {
    expect(phoneLookupKeys('+1 999')).toEqual({ e164: null, national: '1999' });
  });

  it('returns an empty national key when there are no digits', () => {
    expect(phoneLookupKeys('')).toEqual({ e164: null, national: '' });
    expect(phoneLookupKeys('unknown')).toEqual({ e164: null, national: '' });
  });
});

describe('maskPhone', () => {
  it.each([
    ['+8613812345678', '+86 138****5678'],
    ['13812345678', '138****5678'],
    ['１３８１２３４５６７８', '138****5678'],
    ['+862161234567', '+86 216***4567'],
    ['2161234567', '216***4567'],
    ['+14155552671', '+1 415***2671'],
  ])('keeps country code, first 3 and last 4 digits of %j', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it.each([
    ['95588', '***88'],
    ['+85291234567', '+852 ******67'],
    ['123456789', '*******89'],
    ['12', '12'],
    ['', ''],
  ])('masks all but the last 2 digits of the short number %j', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it('never reveals the hidden middle digits', () => {
    expect(maskPhone('+8613899997777')).not.toContain('9999');
  });
});

describe('formatPhone', () => {
  it.each([
    ['+8613812345678', '138 1234 5678'],
    ['+862161234567', '021 6123 4567'],
    ['+14155552671', '+1 415 555 2671'],
    ['+442079460958', '+44 20 7946 0958'],
    ['+85291234567', '+852 9123 4567'],
    ['13812345678', '138 1234 5678'],
  ])('formats %j as %j', (input, formatted) => {
    expect(formatPhone(input)).toBe(formatted);
  });

  it('returns unparsable input unchanged', () => {
    expect(formatPhone('n/a')).toBe('n/a');
    expect(formatPhone('')).toBe('');
  });
});
