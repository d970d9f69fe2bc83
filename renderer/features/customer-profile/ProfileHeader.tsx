import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../../shared/contract/customer-schemas';
import { DEFAULT_TIME_ZONE } from '../../i18n/format';
import { useAppStore } from '../../state/store-context';
import { TierBadge } from '../../ui/TierBadge';

interface Props {
  profile: CustomerProfile;
  headingRef?: Ref<HTMLHeadingElement>;
  editButtonRef?: Ref<HTMLButtonElement>;
  editing: boolean;
  onEdit(): void;
}

export function ProfileHeader({ profile, headingRef, editButtonRef, editing, onEdit }: Props) {
  const { t } = useTranslation();
  const c = profile.customer;
  const m = profile.metrics;
  const callbackFormOpened = useAppStore((s) => s.callbackFormOpened);
  const promiseFormOpened = useAppStore((s) => s.promiseFormOpened);
  const complaintStartRequested = useAppStore((s) => s.complaintStartRequested);
  // A call with this customer on the seat: the complaint belongs to that contact.
  const callInteraction = useAppStore((s) => {
    const card = s.focusedCallId ? s.calls[s.focusedCallId] : undefined;
    return card?.match.kind === 'customer' && card.match.customer.id === profile.customer.id ? card.interactionId : null;
  });
  return (
    <header className="profile-header">
      <div className="profile-title-row">
        <h2 id="profile-title" className="profile-name" tabIndex={-1} ref={headingRef}>
          {c.name}
        </h2>
        <TierBadge tier={m.tier} />
        <span className={`badge lifecycle lifecycle-${m.lifecycle}`}>{t(`enum.lifecycle.${m.lifecycle}`)}</span>
        <span className={`badge status status-${c.status}`}>{t(`enum.status.${c.status}`)}</span>
        {!editing && (
          <button
            type="button"
            className="button button-primary profile-edit"
            ref={editButtonRef}
            onClick={onEdit}
            aria-keyshortcuts="E"
            title={t('profile.editHint')}
          >
            {t('profile.edit')}
          </button>
        )}
        {!editing && (
          <>
            <button
              type="button"
              className="button"
              onClick={() =>
                callbackFormOpened({ customerId: c.id, customerName: c.name, numbers: profile.phones.map((p) => p.display) })
              }
            >
              {t('profile.scheduleCallback')}
            </button>
            <button type="button" className="button" onClick={() => promiseFormOpened({ id: c.id, name: c.name }, DEFAULT_TIME_ZONE, Date.now())}>
              {t('profile.addPromise')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void complaintStartRequested({ customerId: c.id, source: 'profile', interactionId: callInteraction, firstContact: callInteraction !== null })}
            >
              {t('complaint.start.fromProfile')}
            </button>
          </>
        )}
      </div>
      <dl className="profile-facts">
        <div className="fact-inline">
          <dt>{t('profile.memberNo')}</dt>
          <dd>{c.memberNo ?? t('profile.notMember')}</dd>
        </div>
        <div className="fact-inline">
          <dt>{t('profile.lifecycle')}</dt>
          <dd>{t(`enum.lifecycle.${m.lifecycle}`)}</dd>
        </div>
        <div className="fact-inline">
          <dt>{t('profile.status')}</dt>
          <dd>{t(`enum.status.${c.status}`)}</dd>
        </div>
        <div className="fact-inline">
          <dt>{t('profile.personal.kind')}</dt>
          <dd>{t(`enum.kind.${c.kind}`)}</dd>
        </div>
      </dl>
      {c.status === 'churned' && c.churnReason && (
        <p className="profile-note">{t('profile.churnReason', { reason: t(`enum.churnReason.${c.churnReason}`) })}</p>
      )}
      {(profile.openComplaints > 0 || profile.openCallbacks > 0) && (
        <p className="profile-chips">
          {profile.openComplaints > 0 && <span className="chip chip-alert">{t('profile.openComplaints', { n: profile.openComplaints })}</span>}
          {profile.openCallbacks > 0 && <span className="chip">{t('profile.openCallbacks', { n: profile.openCallbacks })}</span>}
        </p>
      )}
      {c.doNotContact && (
        <p className="message message-warning dnc" role="note">
          <span aria-hidden="true">⚠ </span>
          {t('profile.doNotContact')}
        </p>
      )}
    </header>
  );
}
