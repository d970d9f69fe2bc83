import { describe, expect, it } from 'vitest';
import {
  normalizeSearchQuery,
  rankMatch,
  SEARCH_FIELD_RANK,
  searchTermsFor,
  type SearchField,
  type SearchTermSource,
} from '../../../../shared/domain/search-terms';

const source = (over: Partial<SearchTermSource>): SearchTermSource => ({
  name: '',
  memberNo: null,
  phonesNational: [],
  emails: [],
  ...over,
});
/** Terms as sorted 'field:term' strings, for exact comparisons independent of order. */
const termsOf = (over: Partial<SearchTermSource>) =>
  searchTermsFor(source(over))
    .map((t) => `${t.field}:${t.term}`)
    .sort();
const sorted = (xs: string[]) => [...xs].sort();

/** What the store does: lowercase terms and query, then prefix-match. */
function finds(c: Partial<SearchTermSource>, rawQuery: string): boolean {
  const q = normalizeSearchQuery(rawQuery);
  if (q.kind === 'empty') return false;
  const query = q.term.toLowerCase();
  return searchTermsFor(source(c)).some((t) => t.term.toLowerCase().startsWith(query));
}

describe('SEARCH_FIELD_RANK', () => {
  it('orders member, phone, name, pinyin, initials, email', () => {
    const order = (Object.keys(SEARCH_FIELD_RANK) as SearchField[]).sort((a, b) => SEARCH_FIELD_RANK[a] - SEARCH_FIELD_RANK[b]);
    expect(order).toEqual(['member', 'phone', 'name', 'pinyin', 'initials', 'email']);
    expect(SEARCH_FIELD_RANK.member).toBe(0);
    expect(SEARCH_FIELD_RANK.email).toBe(5);
  });
});

describe('searchTermsFor: Chinese person names', () => {
  it('indexes full name, given name, their pinyin and the initials', () => {
    expect(termsOf({ name: '王伟' })).toEqual(
      sorted(['name:王伟', 'name:伟', 'pinyin:wangwei', 'pinyin:wei', 'initials:ww']),
    );
  });

  it.each([
    ['单伟', 'shanwei', 'sw'],
    ['曾国藩', 'zengguofan', 'zgf'],
    ['解晓东', 'xiexiaodong', 'xxd'],
    ['区志强', 'ouzhiqiang', 'ozq'],
    ['查理', 'zhali', 'zl'],
  ])('reads the polyphonic surname of %s as a surname', (name, py, initials) => {
    const terms = termsOf({ name });
    expect(terms).toContain(`pinyin:${py}`);
    expect(terms).toContain(`initials:${initials}`);
  });

  it.each([
    ['欧阳娜娜', '娜娜', 'nana'],
    ['司马光', '光', 'guang'],
    ['诸葛亮', '亮', 'liang'],
    ['上官婉儿', '婉儿', 'waner'],
    ['长孙无忌', '无忌', 'wuji'],
    ['尉迟恭', '恭', 'gong'],
    ['夏侯惇', '惇', 'dun'],
  ])('strips the compound surname of %s', (name, given, givenPinyin) => {
    const terms = termsOf({ name });
    expect(terms).toContain(`name:${given}`);
    expect(terms).toContain(`pinyin:${givenPinyin}`);
    // Not split after the first character only.
    expect(terms).not.toContain(`name:${Array.from(name).slice(1).join('')}`);
  });

  it('reads 长孙 as zhangsun and 尉迟 as yuchi', () => {
    expect(termsOf({ name: '长孙无忌' })).toContain('pinyin:zhangsunwuji');
    expect(termsOf({ name: '尉迟恭' })).toContain('pinyin:yuchigong');
  });

  it('writes ü as v, the way it is typed', () => {
    expect(termsOf({ name: '吕布' })).toContain('pinyin:lvbu');
  });

  it('ignores spaces and full-width forms in the name', () => {
    expect(termsOf({ name: ' 王 伟 ' })).toEqual(termsOf({ name: '王伟' }));
  });

  it('adds no given-name terms for a single-character name', () => {
    expect(termsOf({ name: '王' })).toEqual(sorted(['name:王', 'pinyin:wang', 'initials:w']));
  });

  it('splits transliterated names at the middle dot', () => {
    expect(termsOf({ name: '约翰·史密斯' })).toEqual(
      sorted([
        'name:约翰·史密斯',
        'name:约翰史密斯',
        'pinyin:yuehanshimisi',
        'initials:yhsms',
        'name:约翰',
        'pinyin:yuehan',
        'name:史密斯',
        'pinyin:shimisi',
      ]),
    );
  });
});

describe('searchTermsFor: organisations', () => {
  it('indexes the full name, its pinyin and initials but never a "given name"', () => {
    expect(termsOf({ name: '锦江之星', kind: 'organisation' })).toEqual(
      sorted(['name:锦江之星', 'pinyin:jinjiangzhixing', 'initials:jjzx']),
    );
  });

  it('does not read the first character as a surname', () => {
    // As a person 单 would be the surname Shan; in a company name it is dan.
    expect(termsOf({ name: '单车之家', kind: 'organisation' })).toContain('pinyin:danchezhijia');
  });

  it('treats long Han names as organisations when the kind is not given', () => {
    expect(termsOf({ name: '上海锦江国际酒店集团' })).toEqual(
      sorted(['name:上海锦江国际酒店集团', 'pinyin:shanghaijinjiangguojijiudianjituan', 'initials:shjjgjjdjt']),
    );
  });

  it('lets an explicit person kind override the length heuristic', () => {
    expect(termsOf({ name: '爱新觉罗溥仪', kind: 'person' })).toContain('name:新觉罗溥仪');
  });
});

describe('searchTermsFor: Latin names', () => {
  it('indexes the whole name and every word, lowercased', () => {
    expect(termsOf({ name: 'John Smith' })).toEqual(sorted(['name:johnsmith', 'name:john', 'name:smith']));
  });

  it('adds accent-free forms', () => {
    expect(termsOf({ name: 'José García' })).toEqual(
      sorted(['name:joségarcía', 'name:josegarcia', 'name:josé', 'name:jose', 'name:garcía', 'name:garcia']),
    );
  });

  it('adds punctuation-free forms and hyphenated parts', () => {
    expect(termsOf({ name: 'Jean-Luc Picard' })).toEqual(
      sorted(['name:jean-lucpicard', 'name:jeanlucpicard', 'name:jean', 'name:luc', 'name:picard']),
    );
  });

  it('folds full-width letters', () => {
    expect(termsOf({ name: 'ＪＯＨＮ' })).toEqual(['name:john']);
  });

  it('produces no terms for a blank name', () => {
    expect(termsOf({ name: '   ' })).toEqual([]);
  });
});

describe('searchTermsFor: phones, emails, member numbers', () => {
  it('indexes every suffix of 4+ digits and the trunk-prefixed number', () => {
    const phones = searchTermsFor(source({ phonesNational: ['13812345678'] }))
      .filter((t) => t.field === 'phone')
      .map((t) => t.term);
    expect(sorted(phones)).toEqual(
      sorted(['13812345678', '3812345678', '812345678', '12345678', '2345678', '345678', '45678', '5678', '013812345678']),
    );
  });

  it('indexes only digits of a national number', () => {
    expect(termsOf({ phonesNational: ['21-6123-4567'] })).toContain('phone:2161234567');
  });

  it('skips phone numbers shorter than 4 digits', () => {
    expect(termsOf({ phonesNational: ['123'] })).toEqual([]);
  });

  it('does not add a second trunk 0 to numbers that already start with 0', () => {
    expect(termsOf({ phonesNational: ['0612345678'] })).not.toContain('phone:00612345678');
  });

  it('lowercases and trims email addresses', () => {
    expect(termsOf({ emails: [' John.Smith@Example.COM '] })).toEqual(['email:john.smith@example.com']);
  });

  it('indexes the member number uppercased and its digits', () => {
    expect(termsOf({ memberNo: 'hy-000123' })).toEqual(sorted(['member:HY-000123', 'member:000123']));
    expect(termsOf({ memberNo: 'VIP 8821' })).toEqual(sorted(['member:VIP8821', 'member:8821']));
    expect(termsOf({ memberNo: '123456' })).toEqual(['member:123456']);
  });

  it('de-duplicates terms, keeping the better-ranked field', () => {
    const terms = termsOf({ memberNo: '5678', phonesNational: ['13812345678', '13912345678'] });
    expect(terms.filter((t) => t.endsWith(':5678'))).toEqual(['member:5678']);
    expect(terms.filter((t) => t.endsWith(':12345678'))).toEqual(['phone:12345678']);
  });

  it('de-duplicates case-insensitively, as the store lowercases', () => {
    const terms = searchTermsFor(source({ name: 'Abc', memberNo: 'ABC' }));
    expect(terms.filter((t) => t.term.toLowerCase() === 'abc')).toEqual([{ term: 'ABC', field: 'member' }]);
  });

  it('never returns the same term twice', () => {
    const terms = searchTermsFor(
      source({ name: '王伟', memberNo: '13812345678', phonesNational: ['13812345678', '13812345678'], emails: ['a@b.cn', 'A@B.cn'] }),
    );
    const keys = terms.map((t) => t.term.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('normalizeSearchQuery', () => {
  it.each(['', '   ', '\u3000'])('is empty for %j', (q) => {
    expect(normalizeSearchQuery(q)).toEqual({ kind: 'empty', term: '' });
  });

  it.each([
    [' 王 伟 ', '王伟'],
    ['Wang Wei', 'wangwei'],
    ['ＷＡＮＧ', 'wang'],
    ['John.Smith@Example.com', 'john.smith@example.com'],
    ['hy-000123', 'hy-000123'],
    ['1381234 5678x', '13812345678x'],
  ])('normalises text %j → %j', (q, term) => {
    expect(normalizeSearchQuery(q)).toEqual({ kind: 'text', term });
  });

  it.each([
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['013812345678', '13812345678'],
    ['021-61234567', '2161234567'],
    ['(021) 6123 4567', '2161234567'],
    ['（０２１）６１２３４５６７', '2161234567'],
    ['+86 21 6123 4567', '2161234567'],
    ['+1 415 555 2671', '4155552671'],
    ['+86 1381', '1381'],
  ])('strips country and trunk prefixes from %j', (q, term) => {
    expect(normalizeSearchQuery(q)).toEqual({ kind: 'digits', term });
  });

  it.each([
    ['861381234', '861381234'], // 86 is only a country code in front of a full 11-digit mobile
    ['0216123', '0216123'], // the trunk 0 is kept until the number has 11 digits
    ['0123', '0123'], // member numbers may start with zeros
    ['12', '12'], // short digit queries stay digits; the caller restricts them to member numbers
    ['0014155552671', '0014155552671'], // another country's international prefix is not a trunk 0
    ['+1415', '1415'], // partial foreign number
  ])('keeps %j as %j', (q, term) => {
    expect(normalizeSearchQuery(q)).toEqual({ kind: 'digits', term });
  });

  it('treats a bare international prefix as nothing typed yet', () => {
    expect(normalizeSearchQuery('0086')).toEqual({ kind: 'empty', term: '' });
  });
});

describe('query meets terms', () => {
  const wangWei = {
    name: '王伟',
    memberNo: 'HY-000123',
    phonesNational: ['13812345678', '2161234567'],
    emails: ['wang.wei@example.cn'],
  };

  it.each([
    '王',
    '王伟',
    '伟',
    'wang',
    'WangWei',
    'wei',
    'ww',
    '5678',
    '1234 5678',
    '138 1234',
    '+86 138 1234 5678',
    '0086 138 1234 5678',
    '021-6123',
    '021-6123 4567',
    '6123 4567',
    'wang.wei@',
    'hy-000',
    'HY-000123',
    '000123',
  ])('finds 王伟 by %j', (q) => {
    expect(finds(wangWei, q)).toBe(true);
  });

  it.each(['李', 'li', 'weiw', '9999', '139', 'hy-001'])('does not find 王伟 by %j', (q) => {
    expect(finds(wangWei, q)).toBe(false);
  });

  it('finds Latin names by any word and without accents', () => {
    const jose = { name: 'José García' };
    expect(['jose', 'garc', 'josé gar', 'GARCIA'].map((q) => finds(jose, q))).toEqual([true, true, true, true]);
  });
});

describe('rankMatch', () => {
  it('scores exact matches by field rank', () => {
    expect(rankMatch('HY-000123', 'hy-000123', 'member')).toBe(0);
    expect(rankMatch('5678', '5678', 'phone')).toBe(1);
    expect(rankMatch('王伟', '王伟', 'name')).toBe(2);
    expect(rankMatch('ww', 'ww', 'initials')).toBe(4);
  });

  it('ranks any exact match above any prefix match', () => {
    expect(rankMatch('ww', 'ww', 'initials')).toBeLessThan(rankMatch('wwf-123', 'ww', 'member'));
  });

  it('breaks prefix ties by field', () => {
    const ranked = (
      [
        ['wangwei', 'pinyin'],
        ['wang.wei@example.cn', 'email'],
        ['wangtony', 'name'],
      ] as const
    )
      .map(([term, field]) => ({ field, rank: rankMatch(term, 'wang', field) }))
      .sort((a, b) => a.rank - b.rank)
      .map((r) => r.field);
    expect(ranked).toEqual(['name', 'pinyin', 'email']);
  });

  it('is not a match when the term does not start with the query', () => {
    expect(rankMatch('wangwei', 'wei', 'pinyin')).toBe(Number.POSITIVE_INFINITY);
    expect(rankMatch('wang', 'wangwei', 'pinyin')).toBe(Number.POSITIVE_INFINITY);
    expect(rankMatch('wang', '', 'pinyin')).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('searchTermsFor performance', () => {
  it('handles 100k customers with realistic repeated names in under 3 s', () => {
    const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '欧阳', '司马', '单', '曾'];
    const given = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '志强', '晓东', '婷婷', '浩然', '子涵', '一诺'];
    const latin = ['John Smith', 'Maria García', 'Tanaka Hiroshi', 'Anna Müller', 'Kim Min-jun'];
    const names: string[] = [];
    for (const s of surnames) for (const g of given) names.push(s + g);
    names.push(...latin);

    const started = performance.now();
    let total = 0;
    for (let i = 0; i < 100_000; i++) {
      const n = 10_000_000 + i * 7919;
      total += searchTermsFor({
        name: names[i % names.length] ?? '',
        memberNo: `HY-${String(i).padStart(8, '0')}`,
        phonesNational: [`139${n}`, `21${n}`],
        emails: [`user${i}@example.cn`],
      }).length;
    }
    const elapsed = performance.now() - started;
    expect(total).toBeGreaterThan(100_000 * 20);
    expect(elapsed).toBeLessThan(3000);
  });
});
