import { useEffect, useRef } from 'react';
import type { CustomerProfile } from '../../../shared/contract/customer-schemas';
import { useAppStore } from '../../state/store-context';
import { BookingsTable } from './BookingsTable';
import { ContactDetails } from './ContactDetails';
import { InteractionTimeline } from './InteractionTimeline';
import { CreditPanel, OrgContactsPanel } from './OrganisationPanels';
import { PersonalDetails, PreferencesPanel } from './PersonalDetails';
import { ProfileEditForm } from './ProfileEditForm';
import { ProfileHeader } from './ProfileHeader';
import { ValuePanel } from './ValuePanel';

export function ProfileView({ profile }: { profile: CustomerProfile }) {
  const edit = useAppStore((s) => s.edit);
  const openSeq = useAppStore((s) => s.openSeq);
  const editStarted = useAppStore((s) => s.editStarted);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const editing = edit !== null && edit.customerId === profile.customer.id;
  const wasEditing = useRef(editing);

  // A customer the agent just opened gets the focus, so E (edit) works straight away.
  useEffect(() => {
    headingRef.current?.focus();
  }, [openSeq, profile.customer.id]);

  // Back from the form (saved or cancelled): focus returns to the edit button.
  useEffect(() => {
    if (wasEditing.current && !editing) editButtonRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    <article className="profile" aria-labelledby="profile-title">
      <ProfileHeader
        profile={profile}
        headingRef={headingRef}
        editButtonRef={editButtonRef}
        editing={editing}
        onEdit={() => void editStarted()}
      />
      {editing ? (
        <ProfileEditForm edit={edit} />
      ) : (
        <div className="profile-grid">
          <ValuePanel profile={profile} />
          <ContactDetails profile={profile} />
          <PersonalDetails profile={profile} />
          <PreferencesPanel profile={profile} />
          {profile.credit && <CreditPanel credit={profile.credit} />}
          {profile.customer.kind === 'organisation' && <OrgContactsPanel contacts={profile.contacts} />}
          <BookingsTable bookings={profile.bookings} />
          <InteractionTimeline interactions={profile.interactions} />
        </div>
      )}
    </article>
  );
}
