// The answer shape of every renderer→core call, whatever the transport.
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unavailable'
  | 'internal';

export interface CallError {
  code: ErrorCode;
  /** An i18n key or plain English for logs; the renderer translates known keys. */
  message: string;
  /** Field path → i18n message key, for validation errors a person can act on. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CallError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: CallError): Result<never> => ({ ok: false, error });

/** Thrown by core services; transports turn it into `{ ok: false, error }`. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}
