import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../../shared/contract/customer-schemas';
import { useFormat } from '../../i18n/use-format';
import { TierBadge } from '../../ui/TierBadge';
import { Fact, Panel } from './ui';

/** Metrics carry no currency of their own: they are in the customer's booking currency. */
export const metricsCurrency = (p: CustomerProfile) => p.bookings[0]?.currency ?? p.credit?.currency ?? 'CNY';

export function ValuePanel({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const m = profile.metrics;
  const currency = metricsCurrency(profile);
  return (
    <Panel id="panel-value" title={t('profile.sections.value')}>
      <dl className="facts">
        <Fact label={t('profile.value.tier')}>
          <TierBadge tier={m.tier} />
        </Fact>
        <Fact label={t('profile.value.rfm')}>
          <span title={t('profile.value.rfmExplain')}>{t('profile.value.rfmScores', { r: m.rfm.r, f: m.rfm.f, m: m.rfm.m })}</span>{' '}
          <span className="muted">{t('profile.value.rfmCode', { code: m.rfm.code })}</span>
        </Fact>
        <Fact label={t('profile.value.clv')}>{fmt.money(m.clvCents, currency)}</Fact>
        <Fact label={t('profile.lifecycle')}>{t(`enum.lifecycle.${m.lifecycle}`)}</Fact>
        <Fact label={t('profile.value.profit12m')}>{fmt.money(m.profit12mCents, currency)}</Fact>
        <Fact label={t('profile.value.revenue12m')}>{fmt.money(m.revenue12mCents, currency)}</Fact>
        <Fact label={t('profile.value.bookings12m')}>{t('profile.value.bookingsCount', { n: fmt.number(m.bookings12m) })}</Fact>
        <Fact label={t('profile.value.lastBooking')}>
          {m.lastBookingAt !== null ? fmt.date(m.lastBookingAt) : t('profile.value.neverBooked')}
        </Fact>
      </dl>
    </Panel>
  );
}
