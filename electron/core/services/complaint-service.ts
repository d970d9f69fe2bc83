import { CoreError } from '../../../shared/contract/result';
import type { ServiceContext } from '../create-core';
import type { Handlers } from '../dispatch';

type ComplaintChannels = Extract<keyof Handlers, `complaints.${string}`>;

/** Placeholder until the complaint service lands (issue 5). */
export function complaintHandlers(_ctx: ServiceContext): Pick<Handlers, ComplaintChannels> {
  const todo = () => {
    throw new CoreError('unavailable', 'errors.notYet');
  };
  return {
    'complaints.start': todo,
    'complaints.get': todo,
    'complaints.saveDraft': todo,
    'complaints.completeStep': todo,
    'complaints.rejectRemedy': todo,
    'complaints.approveRemedy': todo,
    'complaints.recordFollowUp': todo,
    'complaints.close': todo,
    'complaints.reopen': todo,
    'complaints.list': todo,
    'complaints.counts': todo,
    'complaints.reassign': todo,
    'complaints.report': todo,
    'complaints.getSettings': todo,
    'complaints.setSettings': todo,
  };
}
