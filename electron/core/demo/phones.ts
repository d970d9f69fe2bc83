/**
 * Phone numbers for demo customers, stored as the app stores them: E.164 plus the national
 * significant number (what normalizePhone returns). Mainland numbers are built directly — real
 * mobile prefixes, local numbers of the right length after the city's area code — because
 * libphonenumber costs ~10 µs a number and the generator makes over a million of them; the demo
 * test checks a sample against normalizePhone. The few numbers from Hong Kong, Taiwan and abroad
 * go through normalizePhone itself, retrying until the random digits form a valid number.
 */
import { normalizePhone, type PhoneKind } from '../../../shared/domain/phone';
import { CN_MOBILE_PREFIXES, type CnCity, type ForeignPlace } from './places';
import type { Rng } from './random';

export interface DemoPhone {
  e164: string;
  national: string;
  kind: PhoneKind;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function cnMobile(rng: Rng): DemoPhone {
  const national = CN_MOBILE_PREFIXES.pick(rng) + pad(rng.int(100_000_000), 8);
  return { e164: `+86${national}`, national, kind: 'mobile' };
}

/**
 * Local numbers start with 2–8 (0 is the trunk prefix, 1 service codes, 9 mostly paging/special);
 * '8000…' blocks are toll-free in some cities, so an 8 is never followed by 000.
 */
export function cnLandline(rng: Rng, city: CnCity): DemoPhone {
  const rest = city.localLength - 2;
  const first = 2 + rng.int(7);
  const second = first === 8 ? 1 + rng.int(9) : rng.int(10);
  const national = `${city.areaCode}${first}${second}${pad(rng.int(10 ** rest), rest)}`;
  return { e164: `+86${national}`, national, kind: 'landline' };
}

function validated(rng: Rng, countryCode: string, pattern: string): DemoPhone {
  for (let attempt = 0; attempt < 50; attempt++) {
    let digits = '';
    for (const ch of pattern) digits += ch === 'x' ? String(rng.int(10)) : ch === 'N' ? String(2 + rng.int(8)) : ch;
    const n = normalizePhone(`+${countryCode}${digits}`);
    if (n) return { e164: n.e164, national: n.national, kind: n.kind };
  }
  throw new Error(`demo: no valid phone number for +${countryCode} ${pattern}`);
}

/** Hong Kong: mobiles 5/6/9xxx xxxx, fixed lines 2/3xxx xxxx. */
export const hkPhone = (rng: Rng, mobile: boolean): DemoPhone =>
  validated(rng, '852', mobile ? `${rng.pick(['5', '6', '9'])}xxxxxxx` : `${rng.pick(['2', '3'])}xxxxxxx`);

/** Taiwan: mobiles 09xx xxx xxx, Taipei fixed lines (02) xxxx xxxx. */
export const twPhone = (rng: Rng, mobile: boolean): DemoPhone =>
  validated(rng, '886', mobile ? `9${rng.range(0, 8)}xxxxxxx` : `2${rng.range(2, 8)}xxxxxxx`);

export const foreignPhone = (rng: Rng, place: ForeignPlace, mobile: boolean): DemoPhone =>
  validated(rng, place.countryCode, rng.pick(mobile ? place.mobile : place.landline));
