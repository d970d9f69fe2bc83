import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardCustomer } from '../../../shared/contract/call-schemas';
import type { BookingView } from '../../../shared/contract/customer-schemas';
import { useFormat } from '../../i18n/use-format';
import { isKnownPreferenceCategory } from '../customer-profile/preference-categories';
import { complaintStepKey } from './complaint-steps';
import { isDisposition } from '../../ui/disposition';

const LAST_CONTACTS = 5;
const CALLBACK_REASONS = ['complaint_follow_up', 'missed_call', 'sales_lead', 'service_promise', 'other'] as const;
type CallbackReason = (typeof CALLBACK_REASONS)[number];
const isCallbackReason = (r: string): r is CallbackReason => (CALLBACK_REASONS as readonly string[]).includes(r);

/** The card's figures carry no currency of their own: they are in the customer's booking or credit currency. */
const currencyOf = (c: CardCustomer) => c.credit?.currency ?? c.travellingNow[0]?.currency ?? c.arrivingSoon[0]?.currency ?? 'CNY';

function Section({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  return (
    <div className={`call-section${className ? ` ${className}` : ''}`}>
      <h3 className="call-section-title">{title}</h3>
      {children}
    </div>
  );
}

/** Value figures (tier and VIP are in the card's title) and the warnings an agent must see before saying a word. */
export function CallCustomerFacts({ customer: c }: { customer: CardCustomer }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <dl className="call-facts">
        <div className="fact-inline">
          <dt>{t('call.customer.language')}</dt>
          <dd>{t(`enum.language.${c.language}`)}</dd>
        </div>
        <div className="fact-inline">
          <dt>{t('call.customer.lifecycle')}</dt>
          <dd>
            <span className={`badge lifecycle lifecycle-${c.lifecycle}`}>{t(`enum.lifecycle.${c.lifecycle}`)}</span>
          </dd>
        </div>
        <div className="fact-inline">
          <dt>{t('call.customer.clv')}</dt>
          <dd>{fmt.money(c.clvCents, currencyOf(c))}</dd>
        </div>
        {c.memberNo && (
          <div className="fact-inline">
            <dt className="visually-hidden">{t('profile.memberNo')}</dt>
            <dd>{t('call.customer.memberNo', { no: c.memberNo })}</dd>
          </div>
        )}
      </dl>
      {(c.doNotContact || !c.marketingConsent || c.credit?.warning) && (
        <div className="call-warnings">
          {c.doNotContact && (
            <p className="message message-warning call-warning" role="note">
              <span aria-hidden="true">⚠ </span>
              {t('call.customer.doNotContact')}
            </p>
          )}
          {!c.doNotContact && !c.marketingConsent && <p className="call-hint-line">{t('call.customer.noMarketing')}</p>}
          {c.credit?.warning && (
            <p className="message message-error call-warning" role="note">
              <span aria-hidden="true">⚠ </span>
              {t('call.customer.credit', {
                overdue: fmt.money(c.credit.overdueCents, c.credit.currency),
                limit: fmt.money(c.credit.limitCents, c.credit.currency),
                rating: c.credit.rating,
              })}
            </p>
          )}
        </div>
      )}
    </>
  );
}

function Trips({ title, trips }: { title: string; trips: BookingView[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Section title={title}>
      <ul className="call-list">
        {trips.map((b) => (
          <li key={b.id}>
            <span className="call-item-main">{b.product}</span> <span className="badge badge-quiet">{t(`enum.bookingKind.${b.kind}`)}</span>
            <div className="muted small">{t('call.customer.tripDates', { start: fmt.date(b.startsAt), end: fmt.date(b.endsAt) })}</div>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** What is going on with this customer: trips, complaints, what we owe them, recent contacts, preferences. */
export function CallCustomerDetails({ customer: c }: { customer: CardCustomer }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const contacts = c.lastContacts.slice(0, LAST_CONTACTS);
  const hasDue = c.callbacksDue.length > 0 || c.promisesDue.length > 0;
  return (
    <div className="call-sections">
      {c.travellingNow.length > 0 && <Trips title={t('call.customer.travellingNow')} trips={c.travellingNow} />}
      {c.arrivingSoon.length > 0 && <Trips title={t('call.customer.arrivingSoon')} trips={c.arrivingSoon} />}
      {c.openComplaints.length > 0 && (
        <Section title={t('call.customer.complaints')} className="call-section-alert">
          <ul className="call-list">
            {c.openComplaints.map((k) => (
              <li key={k.id} className={`sla-${k.slaState}`}>
                <span className="call-item-main">{t('call.customer.complaintStep', { n: k.step, step: t(`enum.complaintStep.${complaintStepKey(k.step)}`) })}</span>{' '}
                <span className={`badge sla sla-badge-${k.slaState}`}>{t(`enum.slaState.${k.slaState}`)}</span>
                {k.slaDueAt !== null && <div className="muted small">{t('call.customer.slaDue', { time: fmt.dateTime(k.slaDueAt) })}</div>}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {hasDue && (
        <Section title={t('call.customer.due')}>
          <ul className="call-list">
            {c.callbacksDue.map((cb) => (
              <li key={cb.id} className={cb.overdue ? 'is-overdue' : undefined}>
                <span className="call-item-main">{isCallbackReason(cb.reason) ? t(`call.callbackReason.${cb.reason}`) : cb.reason}</span>
                {cb.overdue && <span className="badge badge-overdue">{t('call.customer.overdue')}</span>}
                <div className="small">{t('call.customer.callbackWindow', { start: fmt.dateTime(cb.windowStart), end: fmt.dateTime(cb.windowEnd) })}</div>
              </li>
            ))}
            {c.promisesDue.map((p) => (
              <li key={p.id} className={p.overdue ? 'is-overdue' : undefined}>
                <span className="call-item-main">{p.description}</span>
                {p.overdue && <span className="badge badge-overdue">{t('call.customer.overdue')}</span>}
                <div className="small">{t('call.customer.promiseDue', { time: fmt.dateTime(p.dueAt) })}</div>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={t('call.customer.lastContacts')}>
        {contacts.length === 0 ? (
          <p className="muted">{t('call.customer.none')}</p>
        ) : (
          <ol className="call-list call-contacts">
            {contacts.map((i) => (
              <li key={i.id}>
                <time dateTime={new Date(i.startedAt).toISOString()}>{fmt.date(i.startedAt)}</time>{' '}
                <span className={`badge channel channel-${i.channel}`}>{t(`enum.channel.${i.channel}`)}</span>{' '}
                <span className="muted">{t(`enum.direction.${i.direction}`)}</span>
                {i.disposition && <span className="muted"> · {isDisposition(i.disposition) ? t(`enum.disposition.${i.disposition}`) : i.disposition}</span>}
                {i.summary && <div className="call-contact-summary">{i.summary}</div>}
              </li>
            ))}
          </ol>
        )}
      </Section>
      {c.preferences.length > 0 && (
        <Section title={t('call.customer.preferences')}>
          <ul className="tag-list">
            {c.preferences.map((p, i) => (
              <li key={`${p.category}-${i}`} className="tag">
                {t('call.customer.preference', {
                  category: isKnownPreferenceCategory(p.category) ? t(`enum.preferenceCategory.${p.category}`) : p.category,
                  value: p.value,
                })}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
