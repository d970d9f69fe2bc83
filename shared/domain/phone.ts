/**
 * Phone number normalisation for caller matching and display.
 *
 * Uses the "max" metadata of libphonenumber-js: only it can tell mobile from fixed-line numbers
 * (getType()), which the desk needs to decide whether a number can take SMS. Its metadata is
 * ~157 kB (~40 kB gzipped) against ~83 kB (~19 kB gzipped) for the default set; acceptable for a
 * desktop app that loads the renderer from disk.
 */
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';

export type PhoneKind = 'mobile' | 'landline' | 'other';

export interface NormalizedPhone {
  /** '+8613812345678' */
  e164: string;
  /** National significant number, digits only: '13812345678', '2161234567' (no trunk '0'). */
  national: string;
  /** ISO 3166 region, undefined for non-geographic numbers (e.g. +800). */
  region: string | undefined;
  kind: PhoneKind;
}

/** Only what people actually type around a phone number; letters or extensions mean "not a plain number". */
const PHONE_CHARS = /^[+\d\s()./-]+$/;
const NON_DIGITS = /\D/g;
/** Longer input is never a phone number; the cap keeps parsing cheap on pasted garbage. */
const MAX_RAW_LENGTH = 64;

/** NFKC folds full-width digits and punctuation ('１３８', '（０２１）') to ASCII. */
function toHalfWidth(raw: string): string {
  return raw.normalize('NFKC').trim();
}

function supportedRegion(region: string): CountryCode | undefined {
  return isSupportedCountry(region) ? region : undefined;
}

function parse(raw: string, defaultRegion: string): PhoneNumber | undefined {
  const text = toHalfWidth(raw);
  if (text.length === 0 || text.length > MAX_RAW_LENGTH || !PHONE_CHARS.test(text)) return undefined;
  const country = supportedRegion(defaultRegion);
  return country ? parsePhoneNumberFromString(text, country) : parsePhoneNumberFromString(text);
}

function kindOf(phone: PhoneNumber): PhoneKind {
  switch (phone.getType()) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'landline';
    // FIXED_LINE_OR_MOBILE (e.g. all of NANP) is genuinely ambiguous: claiming 'mobile' would
    // send SMS to landlines, so it stays 'other' together with toll-free, VoIP, etc.
    default:
      return 'other';
  }
}

export function normalizePhone(raw: string, defaultRegion = 'CN'): NormalizedPhone | null {
  const phone = parse(raw, defaultRegion);
  if (!phone || !phone.isValid()) return null;
  return {
    e164: phone.number,
    national: phone.nationalNumber,
    region: phone.country,
    kind: kindOf(phone),
  };
}

/**
 * Best-effort national digits for numbers libphonenumber rejects (short codes like 95588,
 * PBX-mangled caller ids), so such callers can still be matched on what the store saved.
 */
function fallbackNationalDigits(raw: string, defaultRegion: string): string {
  const text = toHalfWidth(raw);
  let digits = text.replace(NON_DIGITS, '');
  const country = supportedRegion(defaultRegion);
  const callingCode = country ? getCountryCallingCode(country) : undefined;

  const international = text.startsWith('+') || digits.startsWith('00');
  if (international) {
    if (!text.startsWith('+')) digits = digits.slice(2);
    // A foreign calling code stays in: stripping it would need that country's metadata.
    if (callingCode && digits.startsWith(callingCode)) digits = digits.slice(callingCode.length);
    else return digits;
  } else if (callingCode === '86' && digits.length === 13 && digits.startsWith('86')) {
    // '86' + an 11-digit mobile, as some carriers present caller ids without '+'.
    digits = digits.slice(2);
  }
  // Remaining leading zeros are trunk prefixes ('0' in CN, or a PBX's extra '0').
  return digits.replace(/^0+/, '');
}

/**
 * Keys to match an incoming caller number: match on `e164` first; `national` is the fallback for
 * records saved without a country or numbers that do not validate. `national` may be '' when the
 * input holds no digits — callers must not match on an empty key.
 */
export function phoneLookupKeys(
  raw: string,
  defaultRegion = 'CN',
): { e164: string | null; national: string } {
  const phone = normalizePhone(raw, defaultRegion);
  if (phone) return { e164: phone.e164, national: phone.national };
  return { e164: null, national: fallbackNationalDigits(raw, defaultRegion) };
}

/**
 * Showing 3 + 4 digits of anything shorter than 10 would hide 2 digits or fewer (an 8-digit Hong
 * Kong mobile would be nearly readable), so shorter numbers only keep their last 2 digits.
 */
const MIN_LENGTH_FOR_HEAD_TAIL_MASK = 10;

function maskDigits(digits: string): string {
  if (digits.length >= MIN_LENGTH_FOR_HEAD_TAIL_MASK) {
    return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
  }
  const visible = Math.min(2, digits.length);
  return '*'.repeat(digits.length - visible) + digits.slice(digits.length - visible);
}

/**
 * Privacy mask for lists and logs: '+86 138****5678', national input → '138****5678',
 * numbers under 10 digits keep only their last 2 digits ('***88', '+852 ******67').
 */
export function maskPhone(e164OrNational: string): string {
  const text = toHalfWidth(e164OrNational);
  if (text.startsWith('+')) {
    const phone = PHONE_CHARS.test(text) ? parsePhoneNumberFromString(text) : undefined;
    if (phone) return `+${phone.countryCallingCode} ${maskDigits(phone.nationalNumber)}`;
  }
  return maskDigits(text.replace(NON_DIGITS, ''));
}

/**
 * Display format: Chinese numbers the way agents dial them domestically ('138 1234 5678',
 * '021 6123 4567'), foreign numbers internationally ('+1 415 555 2671'). Input without '+' is
 * read as Chinese (legacy records). Unparsable input is returned unchanged so nothing the
 * customer gave us is lost on screen.
 */
export function formatPhone(e164: string): string {
  const phone = parse(e164, 'CN');
  if (!phone) return e164;
  return phone.country === 'CN' ? phone.formatNational() : phone.formatInternational();
}
