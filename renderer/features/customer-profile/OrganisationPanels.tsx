import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../../shared/contract/customer-schemas';
import { useFormat } from '../../i18n/use-format';
import { Fact, Panel } from './ui';

/** 资信: credit limit, rating and what is overdue. */
export function CreditPanel({ credit }: { credit: NonNullable<CustomerProfile['credit']> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Panel id="panel-credit" title={t('profile.sections.credit')}>
      <dl className="facts">
        <Fact label={t('profile.credit.limit')}>{fmt.money(credit.limitCents, credit.currency)}</Fact>
        <Fact label={t('profile.credit.rating')}>{credit.rating}</Fact>
        <Fact label={t('profile.credit.overdue')}>
          <span className={credit.overdueCents > 0 ? 'text-danger' : undefined}>{fmt.money(credit.overdueCents, credit.currency)}</span>
        </Fact>
      </dl>
    </Panel>
  );
}

export function OrgContactsPanel({ contacts }: { contacts: CustomerProfile['contacts'] }) {
  const { t } = useTranslation();
  return (
    <Panel id="panel-org-contacts" title={t('profile.sections.orgContacts')}>
      {contacts.length === 0 ? (
        <p className="muted">{t('profile.orgContacts.none')}</p>
      ) : (
        <ul className="plain-list">
          {contacts.map((c) => (
            <li key={c.id}>
              {c.name}
              {c.title && <span className="muted"> · {c.title}</span>}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
