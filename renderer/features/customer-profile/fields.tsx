import { useTranslation } from 'react-i18next';
import type { Ref } from 'react';
import { validationKeyOf } from '../../ui/messages';

// Form controls that carry their own label, hint and error wiring: the error sits right after
// the control, is announced (role="alert"), and the control points at it with aria-describedby.
// Forms other than the profile editor (screen pop, settings) pass their own idPrefix so ids never collide.

export const inputIdOf = (path: string, idPrefix = 'edit') => `${idPrefix}-${path.replace(/\./g, '-')}`;
const errorIdOf = (path: string, idPrefix?: string) => `${inputIdOf(path, idPrefix)}-error`;
const hintIdOf = (path: string, idPrefix?: string) => `${inputIdOf(path, idPrefix)}-hint`;

export function describedBy(path: string, opts: { hint?: boolean; error?: boolean }, idPrefix?: string): string | undefined {
  const ids = [opts.hint ? hintIdOf(path, idPrefix) : null, opts.error ? errorIdOf(path, idPrefix) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldError({ path, error, idPrefix }: { path: string; error: string | undefined; idPrefix?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p id={errorIdOf(path, idPrefix)} className="field-error" role="alert">
      {t(validationKeyOf(error))}
    </p>
  );
}

export function FieldHint({ path, children, idPrefix }: { path: string; children: string; idPrefix?: string }) {
  return (
    <p id={hintIdOf(path, idPrefix)} className="field-hint">
      {children}
    </p>
  );
}

interface TextFieldProps {
  path: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'password';
  multiline?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
  inputMode?: 'numeric' | 'text';
  placeholder?: string;
  required?: boolean;
  idPrefix?: string;
  maxLength?: number;
}

export function TextField(props: TextFieldProps) {
  const { path, label, value, error, onChange, hint, type = 'text', multiline, inputRef, className, inputMode, placeholder, required, idPrefix, maxLength } =
    props;
  const common = {
    id: inputIdOf(path, idPrefix),
    value,
    maxLength,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(path, { hint: !!hint, error: !!error }, idPrefix),
    'aria-required': required || undefined,
  } as const;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={inputIdOf(path, idPrefix)}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          ref={inputRef}
          type={type}
          inputMode={inputMode}
          placeholder={placeholder}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint && (
        <FieldHint path={path} idPrefix={idPrefix}>
          {hint}
        </FieldHint>
      )}
      <FieldError path={path} error={error} idPrefix={idPrefix} />
    </div>
  );
}

interface SelectFieldProps<T extends string> {
  path: string;
  label: string;
  value: T | '';
  options: readonly T[];
  labelOf(value: T): string;
  /** Label of an empty choice; absent means a value is required. */
  noneLabel?: string;
  error: string | undefined;
  onChange(value: T | ''): void;
  idPrefix?: string;
}

export function SelectField<T extends string>({ path, label, value, options, labelOf, noneLabel, error, onChange, idPrefix }: SelectFieldProps<T>) {
  return (
    <div className="field">
      <label htmlFor={inputIdOf(path, idPrefix)}>{label}</label>
      <select
        id={inputIdOf(path, idPrefix)}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, { error: !!error }, idPrefix)}
        onChange={(e) => onChange(e.target.value as T | '')}
      >
        {noneLabel !== undefined && <option value="">{noneLabel}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {labelOf(o)}
          </option>
        ))}
      </select>
      <FieldError path={path} error={error} idPrefix={idPrefix} />
    </div>
  );
}

export function CheckboxField({
  path,
  label,
  checked,
  error,
  onChange,
}: {
  path: string;
  label: string;
  checked: boolean;
  error: string | undefined;
  onChange(checked: boolean): void;
}) {
  return (
    <div className="field field-check">
      <input
        id={inputIdOf(path)}
        type="checkbox"
        checked={checked}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, { error: !!error })}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={inputIdOf(path)}>{label}</label>
      <FieldError path={path} error={error} />
    </div>
  );
}
