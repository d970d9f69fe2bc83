import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  CHURN_REASONS,
  CUSTOMER_STATUSES,
  GENDERS,
  LANGUAGES,
} from '../../../shared/contract/customer-schemas';
import { DRAFT_FIELDS, type DraftField, type ProfileDraft } from '../../state/profile-draft';
import { fieldErrorsOf, type EditSession } from '../../state/profile-slice';
import { useAppStore } from '../../state/store-context';
import { hasModKey, modKeyLabel } from '../../ui/keys';
import { useErrorText, validationKeyOf } from '../../ui/messages';
import { ContactListEditor } from './ContactListEditor';
import { CheckboxField, SelectField, TextField } from './fields';

/** Error paths no control on the form shows (e.g. 'phones.7' after rows were removed, or 'id'). */
function unplacedErrors(errors: Record<string, string>, draft: ProfileDraft): Array<[string, string]> {
  return Object.entries(errors).filter(([path]) => {
    const [root, index, ...rest] = path.split('.');
    if (!DRAFT_FIELDS.includes(root as DraftField)) return true;
    if (root === 'phones' || root === 'emails') {
      if (index === undefined) return false;
      return rest.length > 0 || !(Number(index) < draft[root].length);
    }
    return index !== undefined;
  });
}

export function ProfileEditForm({ edit }: { edit: EditSession }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const draftEdited = useAppStore((s) => s.draftEdited);
  const saveRequested = useAppStore((s) => s.saveRequested);
  const editCancelRequested = useAppStore((s) => s.editCancelRequested);
  const editCancelled = useAppStore((s) => s.editCancelled);
  const discardDeclined = useAppStore((s) => s.discardDeclined);
  const profileReloadRequested = useAppStore((s) => s.profileReloadRequested);

  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const keepEditingRef = useRef<HTMLButtonElement>(null);
  const reloadRef = useRef<HTMLButtonElement>(null);
  /** After a save attempt, focus goes to what needs attention once the outcome is known. */
  const focusOutcome = useRef(false);

  const d = edit.draft;
  const errors = fieldErrorsOf(edit);
  const errorCount = Object.keys(errors).length;
  const unplaced = unplacedErrors(errors, d);
  const saving = edit.status === 'saving';
  const set = (changes: Partial<ProfileDraft>) => draftEdited(changes);

  useEffect(() => {
    nameRef.current?.focus();
  }, []);

  useEffect(() => {
    if (edit.confirmingDiscard) keepEditingRef.current?.focus();
  }, [edit.confirmingDiscard]);

  useEffect(() => {
    if (!focusOutcome.current || edit.status === 'saving') return;
    focusOutcome.current = false;
    if (edit.conflict) reloadRef.current?.focus();
    else formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [edit.status, edit.clientErrors, edit.serverErrors, edit.conflict]);

  const save = () => {
    focusOutcome.current = true;
    void saveRequested();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      editCancelRequested();
    } else if (e.key === 'Enter' && hasModKey(e)) {
      e.preventDefault();
      save();
    }
  };

  return (
    <form
      ref={formRef}
      className="edit-form"
      noValidate
      aria-labelledby="edit-title"
      aria-busy={saving}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={onKeyDown}
    >
      <div className="edit-toolbar">
        <h3 id="edit-title">{t('edit.title')}</h3>
        <span className="muted small">{t('edit.keysHint', { save: modKeyLabel('Enter') })}</span>
      </div>

      {edit.changedElsewhere && !edit.conflict && <p className="message message-warning">{t('edit.changedElsewhere')}</p>}
      {edit.conflict && (
        <div className="message message-error" role="alert">
          <p>{t('edit.conflict')}</p>
          <button type="button" className="button" ref={reloadRef} onClick={() => void profileReloadRequested()}>
            {t('edit.reload')}
          </button>
        </div>
      )}
      {edit.failure && (
        <p className="message message-error" role="alert">
          {t('edit.saveFailed', { message: errorText(edit.failure) })}
        </p>
      )}
      {errorCount > 0 && (
        <div className="message message-error form-summary">
          <p>{t('edit.fixErrors', { n: errorCount })}</p>
          {unplaced.length > 0 && (
            <ul aria-label={t('edit.otherErrors')}>
              {unplaced.map(([path, key]) => (
                <li key={path} role="alert">
                  {t(validationKeyOf(key))}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {edit.confirmingDiscard && (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-discard-text">
          <p id="confirm-discard-text">{t('edit.confirmDiscard')}</p>
          <button type="button" className="button button-danger" onClick={editCancelled}>
            {t('edit.discard')}
          </button>
          <button type="button" className="button" ref={keepEditingRef} onClick={discardDeclined}>
            {t('edit.keepEditing')}
          </button>
        </div>
      )}

      <div className="form-grid">
        <TextField
          path="name"
          label={t('edit.fields.name')}
          value={d.name}
          error={errors.name}
          onChange={(name) => set({ name })}
          inputRef={nameRef}
          className="span-2"
          required
        />
        <SelectField
          path="status"
          label={t('edit.fields.status')}
          value={d.status}
          options={CUSTOMER_STATUSES}
          labelOf={(v) => t(`enum.status.${v}`)}
          error={errors.status}
          onChange={(status) => status && set({ status })}
        />
        {(d.status === 'churned' || d.churnReason !== '') && (
          <SelectField
            path="churnReason"
            label={t('edit.fields.churnReason')}
            value={d.churnReason}
            options={CHURN_REASONS}
            labelOf={(v) => t(`enum.churnReason.${v}`)}
            noneLabel={t('edit.chooseNone')}
            error={errors.churnReason}
            onChange={(churnReason) => set({ churnReason })}
          />
        )}
        <SelectField
          path="gender"
          label={t('edit.fields.gender')}
          value={d.gender}
          options={GENDERS}
          labelOf={(v) => t(`enum.gender.${v}`)}
          error={errors.gender}
          onChange={(gender) => gender && set({ gender })}
        />
        <TextField
          path="birthDate"
          label={t('edit.fields.birthDate')}
          value={d.birthDate}
          error={errors.birthDate}
          hint={t('edit.birthDateHint')}
          placeholder="1985-07-21"
          inputMode="numeric"
          onChange={(birthDate) => set({ birthDate })}
        />
        <TextField path="occupation" label={t('edit.fields.occupation')} value={d.occupation} error={errors.occupation} onChange={(occupation) => set({ occupation })} />
        <TextField path="company" label={t('edit.fields.company')} value={d.company} error={errors.company} onChange={(company) => set({ company })} />
        <TextField path="province" label={t('edit.fields.province')} value={d.province} error={errors.province} onChange={(province) => set({ province })} />
        <TextField path="city" label={t('edit.fields.city')} value={d.city} error={errors.city} onChange={(city) => set({ city })} />
        <TextField
          path="addressLine"
          label={t('edit.fields.addressLine')}
          value={d.addressLine}
          error={errors.addressLine}
          onChange={(addressLine) => set({ addressLine })}
          className="span-2"
        />
        <SelectField
          path="language"
          label={t('edit.fields.language')}
          value={d.language}
          options={LANGUAGES}
          labelOf={(v) => t(`enum.language.${v}`)}
          error={errors.language}
          onChange={(language) => language && set({ language })}
        />
        <SelectField
          path="preferredChannel"
          label={t('edit.fields.preferredChannel')}
          value={d.preferredChannel}
          options={CHANNELS}
          labelOf={(v) => t(`enum.channel.${v}`)}
          error={errors.preferredChannel}
          onChange={(preferredChannel) => preferredChannel && set({ preferredChannel })}
        />
        <CheckboxField
          path="doNotContact"
          label={t('edit.fields.doNotContact')}
          checked={d.doNotContact}
          error={errors.doNotContact}
          onChange={(doNotContact) => set({ doNotContact })}
        />
        <CheckboxField
          path="marketingConsent"
          label={t('edit.fields.marketingConsent')}
          checked={d.marketingConsent}
          error={errors.marketingConsent}
          onChange={(marketingConsent) => set({ marketingConsent })}
        />
        <TextField
          path="notes"
          label={t('edit.fields.notes')}
          value={d.notes}
          error={errors.notes}
          onChange={(notes) => set({ notes })}
          multiline
          className="span-2"
        />
      </div>

      <div className="form-grid">
        <ContactListEditor list="phones" edit={edit} errors={errors} />
        <ContactListEditor list="emails" edit={edit} errors={errors} />
      </div>

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving} aria-keyshortcuts="Control+Enter Meta+Enter">
          {saving ? t('edit.saving') : t('edit.save')}
        </button>
        <button type="button" className="button" onClick={editCancelRequested} disabled={saving} aria-keyshortcuts="Escape">
          {t('edit.cancel')}
        </button>
      </div>
    </form>
  );
}
