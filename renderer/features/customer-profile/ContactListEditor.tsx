import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditSession } from '../../state/profile-slice';
import { useAppStore } from '../../state/store-context';
import { useErrorText } from '../../ui/messages';
import { describedBy, FieldError, FieldHint, inputIdOf } from './fields';

interface Props {
  list: 'phones' | 'emails';
  edit: EditSession;
  errors: Record<string, string>;
}

/** Phones or emails as a list of inputs; the full values are loaded (audited) when editing starts. */
export function ContactListEditor({ list, edit, errors }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const draftEdited = useAppStore((s) => s.draftEdited);
  const listEntryAdded = useAppStore((s) => s.listEntryAdded);
  const listEntryRemoved = useAppStore((s) => s.listEntryRemoved);
  const values = edit.draft[list];
  const focusIndex = useRef<number | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const isPhones = list === 'phones';

  useEffect(() => {
    if (focusIndex.current === null) return;
    const index = Math.min(focusIndex.current, values.length - 1);
    focusIndex.current = null;
    if (index < 0) addRef.current?.focus();
    else document.getElementById(inputIdOf(`${list}.${index}`))?.focus();
  }, [values.length, list]);

  const groupError = errors[list];
  const legendId = `${inputIdOf(list)}-legend`;

  return (
    <fieldset className="list-field" aria-describedby={describedBy(list, { hint: isPhones, error: !!groupError })}>
      <legend id={legendId}>{t(isPhones ? 'edit.fields.phones' : 'edit.fields.emails')}</legend>
      {isPhones && <FieldHint path={list}>{t('edit.phoneHint')}</FieldHint>}
      {edit.contacts === 'loading' && <p className="muted">{t('edit.loadingContacts')}</p>}
      {edit.contacts === 'unavailable' && (
        <p className="message message-warning" role="alert">
          {t('edit.contactsUnavailable', { message: edit.contactsError ? errorText(edit.contactsError) : '' })}
        </p>
      )}
      {edit.contacts === 'ready' && (
        <>
          {values.length === 0 && <p className="muted">{t(isPhones ? 'edit.noPhones' : 'edit.noEmails')}</p>}
          {values.map((value, index) => {
            const path = `${list}.${index}`;
            const error = errors[path];
            const n = index + 1;
            return (
              <div className="list-row" key={index}>
                <label htmlFor={inputIdOf(path)} className="visually-hidden">
                  {t(isPhones ? 'edit.phoneN' : 'edit.emailN', { index: n })}
                </label>
                <input
                  id={inputIdOf(path)}
                  type={isPhones ? 'tel' : 'email'}
                  value={value}
                  autoComplete="off"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(path, { error: !!error })}
                  onChange={(e) => draftEdited({ [list]: values.map((v, i) => (i === index ? e.target.value : v)) })}
                />
                <button
                  type="button"
                  className="button button-quiet"
                  aria-label={t(isPhones ? 'edit.removePhone' : 'edit.removeEmail', { index: n })}
                  onClick={() => {
                    focusIndex.current = index;
                    listEntryRemoved(list, index);
                  }}
                >
                  {t('edit.remove')}
                </button>
                <FieldError path={path} error={error} />
              </div>
            );
          })}
          <button
            type="button"
            className="button"
            ref={addRef}
            onClick={() => {
              focusIndex.current = values.length;
              listEntryAdded(list);
            }}
          >
            {t(isPhones ? 'edit.addPhone' : 'edit.addEmail')}
          </button>
        </>
      )}
      <FieldError path={list} error={groupError} />
    </fieldset>
  );
}
