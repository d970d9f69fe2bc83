import { useTranslation } from 'react-i18next';
import { isUiLocale, LOCALE_NAMES, LOCALES } from '../i18n';
import { useAppStore } from '../state/store-context';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const locale = useAppStore((s) => s.locale);
  const localeChosen = useAppStore((s) => s.localeChosen);
  return (
    <div className="language-switch">
      <label htmlFor="ui-language" className="visually-hidden">
        {t('app.languageLabel')}
      </label>
      <select
        id="ui-language"
        value={locale}
        title={t('app.languageLabel')}
        onChange={(e) => {
          if (isUiLocale(e.target.value)) void localeChosen(e.target.value);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
