import { useTranslation } from 'react-i18next';
import type { Ref } from 'react';
import { validationKeyOf } from '../../ui/messages';

// Form controls that carry their own label, hint and error wiring: the error sits right after
// the control, is announced (role="alert"), and the control points at it with aria-describedby.

export const inputIdOf = (path: string) => `edit-${path.replace(/\./g, '-')}`;
const errorIdOf = (path: string) => `${inputIdOf(path)}-error`;
const hintIdOf = (path: string) => `${inputIdOf(path)}-hint`;

export function describedBy(path: string, opts: { hint?: boolean; error?: boolean }): string | undefined {
  const ids = [opts.hint ? hintIdOf(path) : null, opts.error ? errorIdOf(path) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldError({ path, error }: { path: string; error: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p id={errorIdOf(path)} className="field-error" role="alert">
      {t(validationKeyOf(error))}
    </p>
  );
}

export function FieldHint({ path, children }: { path: string; children: string }) {
  return (
    <p id={hintIdOf(path)} className="field-hint">
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
  type?: 'text' | 'email' | 'tel';
  multiline?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
  inputMode?: 'numeric' | 'text';
  placeholder?: string;
  required?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { path, label, value, error, onChange, hint, type = 'text', multiline, inputRef, className, inputMode, placeholder, required } = props;
  const common = {
    id: inputIdOf(path),
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(path, { hint: !!hint, error: !!error }),
    'aria-required': required || undefined,
  } as const;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={inputIdOf(path)}>{label}</label>
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
      {hint && <FieldHint path={path}>{hint}</FieldHint>}
      <FieldError path={path} error={error} />
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
}

export function SelectField<T extends string>({ path, label, value, options, labelOf, noneLabel, error, onChange }: SelectFieldProps<T>) {
  return (
    <div className="field">
      <label htmlFor={inputIdOf(path)}>{label}</label>
      <select
        id={inputIdOf(path)}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, { error: !!error })}
        onChange={(e) => onChange(e.target.value as T | '')}
      >
        {noneLabel !== undefined && <option value="">{noneLabel}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {labelOf(o)}
          </option>
        ))}
      </select>
      <FieldError path={path} error={error} />
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
