import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../../shared/contract/customer-schemas';
import { useFormat } from '../../i18n/use-format';
import { isKnownPreferenceCategory } from './preference-categories';
import { Fact, Panel } from './ui';

export function PersonalDetails({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const c = profile.customer;
  const notSet = <span className="muted">{t('profile.notSet')}</span>;
  const address = [c.province, c.city, c.addressLine].filter((s): s is string => !!s && s.trim() !== '').join(' ');
  return (
    <Panel id="panel-personal" title={t('profile.sections.personal')}>
      <dl className="facts">
        {c.kind === 'person' && (
          <>
            <Fact label={t('profile.personal.gender')}>{t(`enum.gender.${c.gender}`)}</Fact>
            <Fact label={t('profile.personal.birthDate')}>{c.birthDate ? fmt.calendarDate(c.birthDate) : notSet}</Fact>
            <Fact label={t('profile.personal.occupation')}>{c.occupation || notSet}</Fact>
          </>
        )}
        <Fact label={t('profile.personal.company')}>{c.company || notSet}</Fact>
        <Fact label={t('profile.personal.language')}>{t(`enum.language.${c.language}`)}</Fact>
        <Fact label={t('profile.personal.preferredChannel')}>{t(`enum.channel.${c.preferredChannel}`)}</Fact>
        <Fact label={t('profile.personal.address')}>{address || notSet}</Fact>
        <Fact label={t('profile.personal.marketingConsent')}>
          {t(c.marketingConsent ? 'profile.personal.consentYes' : 'profile.personal.consentNo')}
        </Fact>
        <Fact label={t('profile.personal.notes')}>{c.notes ? <span className="pre-wrap">{c.notes}</span> : notSet}</Fact>
      </dl>
    </Panel>
  );
}

export function PreferencesPanel({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const byCategory = new Map<string, string[]>();
  for (const p of profile.preferences) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p.value]);
  return (
    <Panel id="panel-preferences" title={t('profile.sections.preferences')}>
      {byCategory.size === 0 ? (
        <p className="muted">{t('profile.preferences.none')}</p>
      ) : (
        <dl className="facts">
          {[...byCategory].map(([category, values]) => (
            <Fact key={category} label={isKnownPreferenceCategory(category) ? t(`enum.preferenceCategory.${category}`) : category}>
              <ul className="tag-list">
                {values.map((v, i) => (
                  <li key={`${v}-${i}`} className="tag">
                    {v}
                  </li>
                ))}
              </ul>
            </Fact>
          ))}
        </dl>
      )}
    </Panel>
  );
}
