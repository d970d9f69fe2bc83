/**
 * Search-as-you-type keys. The store keeps (term, customer) rows and finds candidates by prefix
 * range scan on an index; this module decides which terms a customer gets and how a typed query
 * is normalised so that both sides meet. Terms are lowercase except member numbers (uppercase,
 * as printed on cards; the store lowercases all terms and queries before indexing/matching).
 *
 * Runs for every customer when the demo generator indexes ~1M records, so the per-name pinyin
 * work is memoised and all regexes are compiled once.
 */
import { pinyin } from 'pinyin-pro';
import { normalizePhone } from './phone';

export type SearchField = 'name' | 'pinyin' | 'initials' | 'phone' | 'email' | 'member';

/**
 * Tie-break between fields, lower is better: an identifier typed in full beats a name.
 * E-mail comes last: Chinese addresses usually start with the owner's pinyin (wangwei88@163.com),
 * so an agent typing pinyin would otherwise see address matches above the name matches.
 */
export const SEARCH_FIELD_RANK: Record<SearchField, number> = Object.freeze({
  member: 0,
  phone: 1,
  name: 2,
  pinyin: 3,
  initials: 4,
  email: 5,
});

export interface SearchTerm {
  term: string;
  field: SearchField;
}

export interface SearchTermSource {
  name: string;
  memberNo: string | null;
  phonesNational: readonly string[];
  emails: readonly string[];
  /**
   * Organisations are not split into surname + given name. When omitted, a name with at least
   * ORG_NAME_MIN_HAN_CHARS Han characters is taken for an organisation (personal names have 2–4).
   */
  kind?: 'person' | 'organisation';
}

/** Shortest phone fragment worth indexing; shorter digit runs match too many customers. */
export const MIN_PHONE_TERM_LENGTH = 4;
export const ORG_NAME_MIN_HAN_CHARS = 5;

/** Two-character surnames; every other Han name is split after its first character. */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯',
]);

const HAN = /\p{Script=Han}/u;
const HAN_GLOBAL = /\p{Script=Han}/gu;
const WHITESPACE = /\s+/g;
const NON_DIGITS = /\D/g;
const NON_ALNUM = /[^\p{L}\p{N}]/gu;
const COMBINING_MARKS = /\p{M}/gu;
/** Word separators in Latin names, including the middle dot of transliterated names (约翰·史密斯). */
const WORD_SEPARATORS = /[\s·・•‧.-]+/;
const NAME_DOT = /[·・•‧]/;

const NAME_CACHE_MAX = 50_000;
/** Name terms per distinct (kind, name); cleared wholesale when full — cheap and good enough for repeated names. */
const nameTermCache = new Map<string, readonly SearchTerm[]>();

function foldDiacritics(s: string): string {
  return s.normalize('NFD').replace(COMBINING_MARKS, '');
}

function hanPinyin(text: string, surnameMode: 'head' | 'off'): string[] {
  // 'head' surname mode reads polyphonic surnames correctly (单 shan, 曾 zeng, 解 xie, 区 ou);
  // 'consecutive' keeps one array element per Han character so the surname can be sliced off.
  return pinyin(text, {
    toneType: 'none',
    type: 'array',
    surname: surnameMode,
    nonZh: 'consecutive',
    v: true, // 'lv' for 吕: ü cannot be typed on a keyboard
  }).map((s) => s.toLowerCase().replace(NON_ALNUM, ''));
}

/**
 * Transliterated foreign names (约翰·史密斯) have no Chinese surname: every dot-separated part is
 * searchable on its own, and the whole name also without the dot, which IMEs make awkward to type.
 */
function transliteratedNameTerms(compact: string): SearchTerm[] {
  const syllables = hanPinyin(compact, 'off');
  const terms: SearchTerm[] = [
    { term: compact, field: 'name' },
    { term: compact.replace(NON_ALNUM, ''), field: 'name' },
    { term: syllables.join(''), field: 'pinyin' },
    { term: syllables.map((s) => s.charAt(0)).join(''), field: 'initials' },
  ];
  for (const part of compact.split(WORD_SEPARATORS)) {
    if (part.length === 0) continue;
    terms.push({ term: part, field: 'name' });
    terms.push({ term: hanPinyin(part, 'off').join(''), field: 'pinyin' });
  }
  return terms;
}

function hanNameTerms(compact: string, isOrganisation: boolean): SearchTerm[] {
  const syllables = hanPinyin(compact, isOrganisation ? 'off' : 'head');
  const terms: SearchTerm[] = [{ term: compact, field: 'name' }];
  terms.push({ term: syllables.join(''), field: 'pinyin' });
  terms.push({ term: syllables.map((s) => s.charAt(0)).join(''), field: 'initials' });
  if (isOrganisation) return terms;

  const chars = Array.from(compact);
  if (!HAN.test(chars[0] ?? '')) return terms;
  const surnameLength = COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  const given = chars.slice(surnameLength).join('');
  if (given.length > 0) {
    terms.push({ term: given, field: 'name' });
    terms.push({ term: syllables.slice(surnameLength).join(''), field: 'pinyin' });
  }
  return terms;
}

function latinNameTerms(normalized: string, compact: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const add = (t: string) => {
    terms.push({ term: t, field: 'name' });
    // 'josé' is typed as 'jose' more often than not.
    const folded = foldDiacritics(t);
    if (folded !== t) terms.push({ term: folded, field: 'name' });
  };
  add(compact);
  // 'jean-lucpicard' / "o'brien" are also typed without the punctuation.
  const alnum = compact.replace(NON_ALNUM, '');
  if (alnum !== compact) add(alnum);
  for (const word of normalized.split(WORD_SEPARATORS)) if (word.length > 0) add(word);
  return terms;
}

function computeNameTerms(name: string, kind: SearchTermSource['kind']): readonly SearchTerm[] {
  const normalized = name.normalize('NFKC').trim().toLowerCase();
  const compact = normalized.replace(WHITESPACE, '');
  if (compact.length === 0) return [];
  if (!HAN.test(compact)) return latinNameTerms(normalized, compact);
  if (kind !== 'organisation' && NAME_DOT.test(compact)) return transliteratedNameTerms(compact);
  const hanCount = compact.match(HAN_GLOBAL)?.length ?? 0;
  const isOrganisation = kind === 'organisation' || (kind === undefined && hanCount >= ORG_NAME_MIN_HAN_CHARS);
  return hanNameTerms(compact, isOrganisation);
}

function nameTerms(name: string, kind: SearchTermSource['kind']): readonly SearchTerm[] {
  const key = `${kind ?? ''}\u0000${name}`;
  let terms = nameTermCache.get(key);
  if (terms === undefined) {
    terms = computeNameTerms(name, kind);
    if (nameTermCache.size >= NAME_CACHE_MAX) nameTermCache.clear();
    nameTermCache.set(key, terms);
  }
  return terms;
}

/**
 * Every term a customer is findable by, de-duplicated case-insensitively (the store lowercases;
 * the better-ranked field wins):
 * - name: NFKC, lowercased, spaces removed ('王伟', 'johnsmith'); Han person names also the given
 *   name ('伟'), full and given-name pinyin ('wangwei', 'wei') and initials ('ww'); Han
 *   organisations the full name, pinyin and initials; Latin names also every word and
 *   punctuation-/accent-free forms ('jose', 'jeanlucpicard');
 * - phone: every suffix of ≥ 4 digits of each national number, plus the number with trunk '0';
 * - email: the lowercased address;
 * - member: uppercased without spaces, plus its digits if different ('HY-000123', '000123').
 */
export function searchTermsFor(c: SearchTermSource): SearchTerm[] {
  const best = new Map<string, SearchTerm>();
  const add = (term: string, field: SearchField) => {
    if (term.length === 0) return;
    const key = term.toLowerCase();
    const prev = best.get(key);
    if (prev === undefined || SEARCH_FIELD_RANK[field] < SEARCH_FIELD_RANK[prev.field]) best.set(key, { term, field });
  };

  for (const t of nameTerms(c.name, c.kind)) add(t.term, t.field);

  for (const phone of c.phonesNational) {
    const digits = phone.replace(NON_DIGITS, '');
    if (digits.length < MIN_PHONE_TERM_LENGTH) continue;
    // Every suffix of length ≥ 4, so any typed run of 4+ consecutive digits is a prefix of one.
    for (let i = 0; i <= digits.length - MIN_PHONE_TERM_LENGTH; i++) add(digits.slice(i), 'phone');
    // Agents type landlines in domestic format ('021-6123…'); the query keeps that trunk '0'
    // until the number is complete, so the trunk-prefixed form must be a term too.
    if (!digits.startsWith('0')) add(`0${digits}`, 'phone');
  }

  for (const email of c.emails) add(email.normalize('NFKC').trim().toLowerCase(), 'email');

  if (c.memberNo !== null) {
    const member = c.memberNo.normalize('NFKC').replace(WHITESPACE, '').toUpperCase();
    add(member, 'member');
    // 'HY-000123' is read out over the phone as digits.
    const digits = member.replace(NON_DIGITS, '');
    if (digits !== member) add(digits, 'member');
  }

  return [...best.values()];
}

export interface NormalizedSearchQuery {
  kind: 'digits' | 'text' | 'empty';
  term: string;
}

/** Punctuation people type inside phone numbers: '138-1234 5678', '(021)6123…'. */
const PHONE_PUNCTUATION = /[\s\-()]/g;
const ALL_DIGITS = /^\d+$/;
/** CN mobile with the country code but without '+' or '00': '86' + 11 digits. */
const CN_CC_MOBILE_LENGTH = 13;
/** From 11 digits a leading '0' is a trunk prefix ('021…', PBX '0138…'), not part of the number. */
const TRUNK_PREFIX_MIN_LENGTH = 11;

function stripPhonePrefixes(digits: string, hadPlus: boolean): string {
  if (hadPlus) {
    // An explicit '+' is unambiguous international format: let libphonenumber split off the
    // calling code; partial input it cannot parse only has a CN code stripped.
    const phone = normalizePhone(`+${digits}`);
    if (phone) return phone.national;
    return digits.startsWith('86') ? digits.slice(2) : digits;
  }
  let d = digits;
  if (d.startsWith('0086')) d = d.slice(4);
  else if (d.length === CN_CC_MOBILE_LENGTH && d.startsWith('86')) d = d.slice(2);
  // '00…' is an international prefix for another country; dropping one '0' would only garble it.
  if (d.length >= TRUNK_PREFIX_MIN_LENGTH && d.startsWith('0') && !d.startsWith('00')) d = d.slice(1);
  return d;
}

/**
 * Query normalisation mirroring searchTermsFor: NFKC (full-width → half-width), trimmed,
 * lowercased. Digits-only input (ignoring spaces, dashes, parentheses and a leading '+') is a
 * 'digits' query with country/trunk prefixes removed so it meets the national-number suffixes;
 * short digit queries stay 'digits' (the caller then matches member numbers only).
 */
export function normalizeSearchQuery(q: string): NormalizedSearchQuery {
  const s = q.normalize('NFKC').trim().toLowerCase();
  if (s.length === 0) return { kind: 'empty', term: '' };
  const stripped = s.replace(PHONE_PUNCTUATION, '');
  const hadPlus = stripped.startsWith('+');
  const digits = hadPlus ? stripped.slice(1) : stripped;
  if (ALL_DIGITS.test(digits)) {
    const term = stripPhonePrefixes(digits, hadPlus);
    // '0086' alone strips to nothing: nothing meaningful was typed yet.
    return term.length > 0 ? { kind: 'digits', term } : { kind: 'empty', term: '' };
  }
  return { kind: 'text', term: s.replace(WHITESPACE, '') };
}

const PREFIX_MATCH_PENALTY = 10;

/**
 * Lower is better: an exact term match beats any prefix match, then SEARCH_FIELD_RANK breaks ties
 * (exact: 0–5, prefix: 10–15). Case-insensitive. A term that does not start with the query is
 * not a match: +Infinity.
 */
export function rankMatch(term: string, query: string, field: SearchField): number {
  const t = term.toLowerCase();
  const q = query.toLowerCase();
  if (q.length === 0 || !t.startsWith(q)) return Number.POSITIVE_INFINITY;
  return (t.length === q.length ? 0 : PREFIX_MATCH_PENALTY) + SEARCH_FIELD_RANK[field];
}
