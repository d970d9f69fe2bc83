import { type ReactNode, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { validationKeyOf } from '../../ui/messages';

/** The ids of a field of the wizard's form, its hint and its error. */
export const fieldId = (name: string) => `complaint-field-${name}`;
export const errorId = (name: string) => `complaint-field-${name}-error`;
const hintId = (name: string) => `complaint-field-${name}-hint`;

/** Any message key the flow or the core sends for a field → words; unknown keys read as "not valid". */
export function useFieldMessage(): (key: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback((key: string) => (i18n.exists(key) ? i18n.t(key as 'validation.invalid') : t(validationKeyOf(key))), [t, i18n]);
}

/** aria-* of a control: invalid and described by its hint and error. */
export function a11y(name: string, error: string | undefined, hint = false) {
  const describedBy = [hint ? hintId(name) : null, error ? errorId(name) : null].filter(Boolean).join(' ');
  return {
    id: fieldId(name),
    name,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': describedBy || undefined,
  };
}

interface FieldProps {
  name: string;
  label: string;
  error: string | undefined;
  hint?: string;
  children: ReactNode;
}

/** A labelled control with its hint and, next to it, what is wrong. */
export function Field({ name, label, error, hint, children }: FieldProps) {
  const message = useFieldMessage();
  return (
    <div className={`form-field${error ? ' has-error' : ''}`}>
      <label htmlFor={fieldId(name)}>{label}</label>
      {children}
      {hint && (
        <p id={hintId(name)} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId(name)} className="field-error">
          {message(error)}
        </p>
      )}
    </div>
  );
}

interface ChoiceProps {
  name: string;
  legend: string;
  value: boolean | null;
  error: string | undefined;
  yes: string;
  no: string;
  disabled?: boolean;
  onChange(value: boolean): void;
}

/** Yes / no as two radios in a fieldset (arrow keys move between them). */
export function YesNo({ name, legend, value, error, yes, no, disabled, onChange }: ChoiceProps) {
  const message = useFieldMessage();
  return (
    <fieldset className={`form-field yes-no${error ? ' has-error' : ''}`} aria-describedby={error ? errorId(name) : undefined} disabled={disabled}>
      <legend>{legend}</legend>
      {([true, false] as const).map((v, i) => (
        <label key={String(v)} className="radio">
          <input
            type="radio"
            name={name}
            id={i === 0 ? fieldId(name) : undefined}
            checked={value === v}
            aria-invalid={error ? true : undefined}
            onChange={() => onChange(v)}
          />
          {v ? yes : no}
        </label>
      ))}
      {error && (
        <p id={errorId(name)} className="field-error">
          {message(error)}
        </p>
      )}
    </fieldset>
  );
}
