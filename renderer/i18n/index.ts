import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { UiLocale } from '../../shared/contract/channels';
import en from './en';
import zhCN from './zh-CN';
import zhTW from './zh-TW';

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const satisfies readonly UiLocale[];
export const DEFAULT_LOCALE: UiLocale = 'zh-CN';

/** Each language names itself, so these are the same in every catalogue. */
export const LOCALE_NAMES: Record<UiLocale, string> = {
  'zh-CN': '简体中文',
  'zh-TW': '繁體中文',
  en: 'English',
};

export const catalogues = { 'zh-CN': zhCN, 'zh-TW': zhTW, en } as const;

export const isUiLocale = (value: unknown): value is UiLocale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/**
 * Best guess before the session says which language the seat uses (e.g. for the
 * connection error screen): zh-TW/zh-HK/zh-Hant → zh-TW, other Chinese → zh-CN, English → en.
 */
export function pickLocale(preferred: readonly string[]): UiLocale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (/^zh-(tw|hk|mo)\b|^zh-hant\b/.test(lower)) return 'zh-TW';
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

/**
 * A fresh i18next instance per app (and per test), with every catalogue bundled: there is no
 * network to load from and the CSP forbids it anyway, so init and language switches are synchronous.
 */
export function createI18n(locale: UiLocale = DEFAULT_LOCALE): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: zhCN },
      'zh-TW': { translation: zhTW },
      en: { translation: en },
    },
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    // zh-CN and zh-TW are distinct catalogues; never collapse them to 'zh'.
    load: 'currentOnly',
    initAsync: false,
    returnNull: false,
    // React escapes text already.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}
