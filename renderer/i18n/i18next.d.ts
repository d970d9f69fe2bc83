import 'i18next';
import type { Catalogue } from './zh-CN';

// Makes t('…') keys type-checked against the zh-CN catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}
