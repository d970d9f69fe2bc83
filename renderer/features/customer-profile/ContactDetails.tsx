import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../../shared/contract/customer-schemas';
import { useAppStore } from '../../state/store-context';
import { useErrorText } from '../../ui/messages';
import { Panel } from './ui';

/**
 * Phones and emails as the core sent them (masked for agents). "Show" fetches the full ones
 * through customers.revealContacts, which the core records as an audited read.
 */
export function ContactDetails({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const revealed = useAppStore((s) => s.revealed);
  const revealStatus = useAppStore((s) => s.revealStatus);
  const revealError = useAppStore((s) => s.revealError);
  const contactsRevealRequested = useAppStore((s) => s.contactsRevealRequested);
  const contactsHidden = useAppStore((s) => s.contactsHidden);
  const masked = profile.phones.some((p) => p.masked) || profile.emails.some((e) => e.masked);

  // The core lists full contacts in the same order as the masked ones.
  const phones = profile.phones.map((p, i) => ({
    ...p,
    text: revealed && revealed.phones.length === profile.phones.length ? (revealed.phones[i] ?? p.display) : p.display,
  }));
  const emails = profile.emails.map((e, i) => ({
    ...e,
    text: revealed && revealed.emails.length === profile.emails.length ? (revealed.emails[i] ?? e.display) : e.display,
  }));

  return (
    <Panel id="panel-contacts" title={t('profile.sections.contacts')}>
      <dl className="facts">
        <div className="fact">
          <dt>{t('profile.contacts.phones')}</dt>
          <dd>
            {phones.length === 0 ? (
              <span className="muted">{t('profile.contacts.none')}</span>
            ) : (
              <ul className="plain-list">
                {phones.map((p) => (
                  <li key={p.id}>
                    <span className="contact-value">{p.text}</span> <span className="muted">{t(`enum.phoneKind.${p.kind}`)}</span>
                    {p.isPrimary && <span className="badge badge-quiet">{t('profile.contacts.primary')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>{t('profile.contacts.emails')}</dt>
          <dd>
            {emails.length === 0 ? (
              <span className="muted">{t('profile.contacts.none')}</span>
            ) : (
              <ul className="plain-list">
                {emails.map((e) => (
                  <li key={e.id}>
                    <span className="contact-value">{e.text}</span>
                    {e.isPrimary && <span className="badge badge-quiet">{t('profile.contacts.primary')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      {masked && (
        <div className="reveal">
          {revealed ? (
            <button type="button" className="button" onClick={contactsHidden}>
              {t('profile.contacts.hide')}
            </button>
          ) : (
            <button
              type="button"
              className="button"
              onClick={() => void contactsRevealRequested()}
              disabled={revealStatus === 'loading'}
              aria-describedby="reveal-note"
              title={t('profile.contacts.revealLabel')}
            >
              {revealStatus === 'loading' ? t('profile.contacts.revealing') : t('profile.contacts.reveal')}
            </button>
          )}
          <span id="reveal-note" className="muted small">
            {t('profile.contacts.revealNote')}
          </span>
          {revealStatus === 'error' && revealError && (
            <p className="message message-error" role="alert">
              {t('profile.contacts.revealFailed', { message: errorText(revealError) })}
            </p>
          )}
        </div>
      )}
    </Panel>
  );
}
