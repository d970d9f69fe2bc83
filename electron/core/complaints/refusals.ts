import { CoreError, type ErrorCode } from '../../../shared/contract/result';
import type { RefusalReason } from '../../../shared/domain/complaint-flow';

/**
 * The flow's typed refusals as coded errors with i18n keys. invalid_data carries the
 * validators' field → key map (keys like 'complaint.listen.errors.customerWordsRequired').
 */
export const REFUSALS: Readonly<Record<RefusalReason, { code: ErrorCode; message: string }>> = Object.freeze({
  not_started: { code: 'not_found', message: 'errors.complaintNotFound' },
  already_started: { code: 'conflict', message: 'errors.complaintAlreadyStarted' },
  closed: { code: 'conflict', message: 'errors.complaintClosed' },
  not_closed: { code: 'conflict', message: 'errors.complaintNotClosed' },
  not_current_step: { code: 'conflict', message: 'errors.complaintNotCurrentStep' },
  invalid_data: { code: 'invalid_input', message: 'errors.invalidInput' },
  customer_not_accepted: { code: 'conflict', message: 'errors.complaintCustomerNotAccepted' },
  not_authorised: { code: 'forbidden', message: 'errors.complaintApproverOnly' },
  approval_not_needed: { code: 'conflict', message: 'errors.approvalNotNeeded' },
  step_not_done: { code: 'conflict', message: 'errors.complaintStepNotDone' },
  step_done: { code: 'conflict', message: 'errors.complaintStepDone' },
  invalid_event: { code: 'invalid_input', message: 'errors.invalidInput' },
});

export function refusalError(reason: RefusalReason, errors?: Record<string, string>): CoreError {
  const r = REFUSALS[reason];
  return new CoreError(r.code, r.message, reason === 'invalid_data' && errors ? { ...errors } : undefined);
}
