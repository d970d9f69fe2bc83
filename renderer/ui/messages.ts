import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallError, ErrorCode } from '../../shared/contract/result';
import zhCN, { type Catalogue } from '../i18n/zh-CN';

export type ErrorKey = `errors.${keyof Catalogue['errors'] & string}`;
export type ValidationKey = `validation.${keyof Catalogue['validation'] & string}`;
export type MessageKey = ErrorKey | ValidationKey;

/** The catalogue key for a message the core or the transport sent, if it is one we translate. */
export function messageKeyOf(message: string): MessageKey | null {
  const [group, name, ...rest] = message.split('.');
  if (rest.length > 0 || !name) return null;
  if (group === 'errors' && Object.hasOwn(zhCN.errors, name)) return message as ErrorKey;
  if (group === 'validation' && Object.hasOwn(zhCN.validation, name)) return message as ValidationKey;
  return null;
}

const BY_CODE: Record<ErrorCode, ErrorKey> = {
  invalid_input: 'errors.invalidInput',
  not_found: 'errors.customerNotFound',
  conflict: 'errors.editedMeanwhile',
  forbidden: 'errors.forbidden',
  unavailable: 'errors.hostUnavailable',
  internal: 'errors.internal',
};

/** Key to show for an error: its own message when translatable, else one that fits its code. */
export function errorKeyOf(error: CallError | string): MessageKey {
  const message = typeof error === 'string' ? error : error.message;
  return messageKeyOf(message) ?? (typeof error === 'string' ? 'errors.unknown' : BY_CODE[error.code] ?? 'errors.unknown');
}

/** Validation message for a field error; anything unknown reads as "this value is not valid". */
export function validationKeyOf(key: string): ValidationKey {
  const k = messageKeyOf(key);
  return k && k.startsWith('validation.') ? (k as ValidationKey) : 'validation.invalid';
}

/** Translates core errors into words a person can act on. */
export function useErrorText(): (error: CallError | string) => string {
  const { t } = useTranslation();
  return useCallback((error) => t(errorKeyOf(error)), [t]);
}
