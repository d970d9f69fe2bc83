import { useTranslation } from 'react-i18next';
import type { BookingView } from '../../../shared/contract/customer-schemas';
import { useFormat } from '../../i18n/use-format';
import { Panel } from './ui';

export function BookingsTable({ bookings }: { bookings: BookingView[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Panel id="panel-bookings" title={t('profile.sections.bookings')} className="panel-wide">
      {bookings.length === 0 ? (
        <p className="muted">{t('profile.bookings.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="panel-bookings">
            <thead>
              <tr>
                <th scope="col">{t('profile.bookings.product')}</th>
                <th scope="col">{t('profile.bookings.kind')}</th>
                <th scope="col">{t('profile.bookings.dates')}</th>
                <th scope="col" className="num">
                  {t('profile.bookings.amount')}
                </th>
                <th scope="col" className="num">
                  {t('profile.bookings.margin')}
                </th>
                <th scope="col">{t('profile.bookings.status')}</th>
              </tr>
            </thead>
            <tbody>
              {bookings.map((b) => (
                <tr key={b.id} className={b.status === 'cancelled' ? 'is-cancelled' : undefined}>
                  <td>
                    <div>{b.product}</div>
                    <div className="muted small">{t('profile.bookings.reference', { ref: b.reference })}</div>
                  </td>
                  <td>{t(`enum.bookingKind.${b.kind}`)}</td>
                  <td>{t('profile.bookings.dateRange', { start: fmt.date(b.startsAt), end: fmt.date(b.endsAt) })}</td>
                  <td className="num">{fmt.money(b.amountCents, b.currency)}</td>
                  <td className="num">{fmt.money(b.marginCents, b.currency)}</td>
                  <td>{t(`enum.bookingStatus.${b.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
