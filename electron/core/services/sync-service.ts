import { CoreError } from '../../../shared/contract/result';
import type { ServiceContext } from '../create-core';
import type { Handlers } from '../dispatch';

type SyncChannels = Extract<keyof Handlers, `sync.${string}`>;

/** Placeholder until the seat's sync client lands (issue 6). */
export function syncHandlers(_ctx: ServiceContext): Pick<Handlers, SyncChannels> {
  const todo = () => {
    throw new CoreError('unavailable', 'errors.notYet');
  };
  return {
    'sync.status': todo,
    'sync.getSettings': todo,
    'sync.configure': todo,
    'sync.now': todo,
    'sync.parked': todo,
    'sync.conflicts': todo,
    'sync.resolveConflict': todo,
  };
}
