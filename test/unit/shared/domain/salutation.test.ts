import { describe, expect, it } from 'vitest';
import { chineseSurname, salutation } from '../../../../shared/domain/salutation';

describe('salutation', () => {
  it('greets Chinese names by surname with 先生 / 女士 in zh-CN', () => {
    expect(salutation('王伟', 'male', 'person', 'zh-CN')).toBe('王先生');
    expect(salutation('李娜', 'female', 'person', 'zh-CN')).toBe('李女士');
    expect(salutation('张小红', 'female', 'person', 'zh-CN')).toBe('张女士');
  });

  it('uses 小姐 in Taiwan and Hong Kong usage (zh-TW, Cantonese)', () => {
    expect(salutation('王偉', 'male', 'person', 'zh-TW')).toBe('王先生');
    expect(salutation('李娜', 'female', 'person', 'zh-TW')).toBe('李小姐');
    expect(salutation('陳美玲', 'female', 'person', 'yue')).toBe('陳小姐');
    expect(salutation('陳美玲', 'female', 'person', 'zh-HK')).toBe('陳小姐');
  });

  it('keeps the full name when the gender is unknown', () => {
    expect(salutation('王伟', 'unknown', 'person', 'zh-CN')).toBe('王伟');
    expect(salutation('John Smith', 'unknown', 'person', 'en')).toBe('John Smith');
  });

  it('handles compound surnames (复姓), simplified and traditional', () => {
    expect(salutation('欧阳娜娜', 'female', 'person', 'zh-CN')).toBe('欧阳女士');
    expect(salutation('欧阳明', 'male', 'person', 'zh-CN')).toBe('欧阳先生');
    expect(salutation('司马光', 'male', 'person', 'zh-CN')).toBe('司马先生');
    expect(salutation('諸葛亮', 'male', 'person', 'zh-TW')).toBe('諸葛先生');
    expect(salutation('上官婉儿', 'female', 'person', 'zh-TW')).toBe('上官小姐');
    expect(chineseSurname('欧阳')).toBe('欧'); // too short to hold a given name after a compound surname
    expect(chineseSurname('欧文')).toBe('欧'); // 欧 alone is a surname too
  });

  it('greets Latin-script names with Mr / Ms and the surname in English', () => {
    expect(salutation('John Smith', 'male', 'person', 'en')).toBe('Mr Smith');
    expect(salutation('Jane Smith', 'female', 'person', 'en')).toBe('Ms Smith');
    expect(salutation('Smith, Jane', 'female', 'person', 'en')).toBe('Ms Smith');
    expect(salutation('Ludwig van Beethoven', 'male', 'person', 'en')).toBe('Mr van Beethoven');
    expect(salutation('Maria de la Cruz', 'female', 'person', 'en')).toBe('Ms de la Cruz');
    expect(salutation('Madonna', 'female', 'person', 'en')).toBe('Ms Madonna');
    expect(salutation('  John   Smith ', 'male', 'person', 'en-GB')).toBe('Mr Smith');
  });

  it('uses the Chinese honorific after a Latin surname in a Chinese locale', () => {
    expect(salutation('John Smith', 'male', 'person', 'zh-CN')).toBe('Smith 先生');
    expect(salutation('Jane Smith', 'female', 'person', 'zh-TW')).toBe('Smith 小姐');
  });

  it('keeps the Chinese form for a Chinese name in English (there is no romanisation to use)', () => {
    expect(salutation('王伟', 'male', 'person', 'en')).toBe('王先生');
  });

  it('names an organisation as it is, whatever the gender field says', () => {
    expect(salutation('上海锦程商旅有限公司', 'unknown', 'organisation', 'zh-CN')).toBe('上海锦程商旅有限公司');
    expect(salutation('上海锦程商旅有限公司', 'male', 'organisation', 'en')).toBe('上海锦程商旅有限公司');
  });

  it('does not split names without a surname to take', () => {
    expect(salutation('阿依古丽·买买提', 'female', 'person', 'zh-CN')).toBe('阿依古丽·买买提女士');
    expect(salutation('王 伟', 'male', 'person', 'zh-CN')).toBe('王先生');
    expect(salutation('', 'male', 'person', 'zh-CN')).toBe('');
    expect(salutation('   ', 'female', 'person', 'en')).toBe('');
  });
});
