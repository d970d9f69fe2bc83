import type { SyncErrorCode } from '../shared/sync/protocol';

export const STATUS: Record<SyncErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  invalid: 400,
  sequence_gap: 409,
  seat_mismatch: 409,
  seat_taken: 409,
  update_required: 426,
  resync_required: 410,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/** An answer with one of the protocol's error codes. */
export class HubError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly extra: { expectedSeq?: number } = {},
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
  body() {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

// node-postgres / PostgreSQL errors meaning the database cannot be reached right now.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  const msg = typeof e.message === 'string' ? e.message : '';
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error/i.test(msg);
}
