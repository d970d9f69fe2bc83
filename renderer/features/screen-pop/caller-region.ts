import type { TFunction } from 'i18next';
import type { CallerNumber } from '../../../shared/contract/call-schemas';
import type { Language } from '../../../shared/contract/customer-schemas';
import { formatRegionName } from '../../i18n/format';

/** Regions agents name their own way ('中国大陆', '香港'), not as Intl would ('中国香港特别行政区'). */
const NAMED_REGIONS = ['CN', 'HK', 'MO', 'TW'] as const;
type NamedRegion = (typeof NAMED_REGIONS)[number];
const isNamedRegion = (code: string): code is NamedRegion => (NAMED_REGIONS as readonly string[]).includes(code);

/** '中国大陆 · 手机', '上海 固话', '香港', 'United States' … from what the core sent (country + area). */
export function callerRegionText(t: TFunction, caller: CallerNumber, locale: string): string {
  const { country, area } = caller;
  const region = country ? (isNamedRegion(country) ? t(`call.region.${country}`) : formatRegionName(country, locale)) : null;
  if (area === 'mobile') {
    const mobile = t('call.region.mobile');
    return region ? t('call.region.withArea', { region, area: mobile }) : mobile;
  }
  if (area) {
    const landline = t('call.region.landline', { city: area });
    return region && country !== 'CN' ? t('call.region.withArea', { region, area: landline }) : landline;
  }
  return region ?? t('call.region.unknown');
}

/**
 * The honorific style follows the language the agent will speak with the caller: the
 * customer's own when it is one the salutation rules know, else the UI language.
 */
export function salutationLocaleOf(language: Language, uiLocale: string): string {
  return language === 'zh-CN' || language === 'zh-TW' || language === 'yue' || language === 'en' ? language : uiLocale;
}
