/**
 * How the agent greets a caller (称呼): 王先生, 李女士 (李小姐 in Taiwan and Hong Kong usage),
 * Mr Smith / Ms Smith, an organisation by its name, and a person of unknown gender by the full
 * name — guessing a gender wrong on the phone is worse than not using an honorific at all.
 *
 * - Chinese names: the surname is the first character, or the first two for a compound surname
 *   (欧阳, 司马, 诸葛 …, simplified and traditional). Names written with a separating dot
 *   (阿依古丽·买买提) have no surname to split off; they keep the whole name.
 * - Names in Latin script: the surname is the last word with any lowercase particle before it
 *   (van der Berg, de la Cruz), or the part before a comma ("Smith, John").
 * - `locale` picks the honorific style, not the script: 'en' → Mr/Ms; 'zh-TW' and 'yue' → 先生/小姐;
 *   anything else → 先生/女士. A Chinese name keeps the Chinese form in every locale (there is no
 *   romanisation to build "Mr Wang" from); a Latin name in a Chinese locale reads "Smith 先生".
 */

export type SalutationGender = 'male' | 'female' | 'unknown';
export type SalutationKind = 'person' | 'organisation';

/** Two-character surnames (复姓), simplified and traditional. Longest match first is not needed: all are two characters. */
const COMPOUND_SURNAMES = new Set(
  [
    '欧阳 歐陽 司马 司馬 上官 诸葛 諸葛 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 慕容 长孙 長孫 宇文 司徒 令狐',
    '夏侯 轩辕 軒轅 端木 独孤 獨孤 南宫 南宮 西门 西門 百里 呼延 澹台 澹臺 公冶 太史 申屠 钟离 鍾離 闻人',
    '聞人 赫连 赫連 万俟 萬俟 濮阳 濮陽 淳于 单于 單于 仲孙 仲孫 宗政 东郭 東郭 拓跋 第五 梁丘 左丘 谷梁',
    '穀梁 段干 司空 司寇 亓官 巫马 巫馬 公西 漆雕 壤驷 壤駟 乐正 樂正 公良 微生 羊舌 鲜于 鮮于 闾丘 閭丘',
    '东门 東門 子车 子車 颛孙 顓孫 公羊 呼衍 贺兰 賀蘭 纳兰 納蘭 完颜 完顏 爱新 愛新',
  ]
    .join(' ')
    .split(' '),
);

/** Han characters (incl. extension A and compatibility ideographs). */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** Dots people use between the parts of a transcribed name. */
const NAME_DOTS = /[·•・‧.]/;
/** Lowercase particles that belong to the surname: van der Berg, de la Cruz, bin Hassan. */
const LATIN_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'da', 'di', 'du', 'la', 'le', 'dos', 'das', 'do', 'ter', 'ten', 'bin', 'binti', 'al', 'el']);

type Style = 'zh-CN' | 'zh-TW' | 'en';

function styleOf(locale: string): Style {
  const l = locale.toLowerCase();
  if (l === 'en' || l.startsWith('en-')) return 'en';
  if (l === 'yue' || l.startsWith('yue-') || /^zh-(tw|hk|mo|hant)\b/.test(l)) return 'zh-TW';
  return 'zh-CN';
}

/** The surname of a Chinese name: compound when the name is long enough to have a given name after it. */
export function chineseSurname(name: string): string {
  const chars = [...name];
  const two = chars.slice(0, 2).join('');
  if (chars.length >= 3 && COMPOUND_SURNAMES.has(two)) return two;
  return chars[0] ?? '';
}

function latinSurname(name: string): string {
  const comma = name.indexOf(',');
  if (comma > 0) return name.slice(0, comma).trim();
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length <= 1) return words[0] ?? '';
  let start = words.length - 1;
  while (start > 1 && LATIN_PARTICLES.has(words[start - 1]!.toLowerCase()) && words[start - 1] === words[start - 1]!.toLowerCase()) start--;
  return words.slice(start).join(' ');
}

export function salutation(name: string, gender: SalutationGender, kind: SalutationKind, locale: string): string {
  const full = name.trim().replace(/\s+/g, ' ');
  if (full === '' || kind === 'organisation' || gender === 'unknown') return full;
  const style = styleOf(locale);

  if (HAN.test(full)) {
    const honorific = gender === 'male' ? '先生' : style === 'zh-TW' ? '小姐' : '女士';
    // 阿依古丽·买买提, or a Chinese name mixed with Latin letters: no safe surname to split off.
    if (NAME_DOTS.test(full) || /[A-Za-z]/.test(full)) return `${full}${honorific}`;
    // '王 伟' as some systems store it.
    return `${chineseSurname(full.replace(/\s/g, ''))}${honorific}`;
  }

  const surname = latinSurname(full);
  if (style === 'en') return `${gender === 'male' ? 'Mr' : 'Ms'} ${surname}`;
  return `${surname} ${gender === 'male' ? '先生' : style === 'zh-TW' ? '小姐' : '女士'}`;
}
