import { CoreError } from '../../../shared/contract/result';
import type { ServiceContext } from '../create-core';
import type { Handlers } from '../dispatch';

type WallboardChannels = Extract<keyof Handlers, `wallboard.${string}` | `presence.${string}` | `reports.${string}`>;

/** Placeholder until the wallboard lands (issue 7). */
export function wallboardHandlers(_ctx: ServiceContext): Pick<Handlers, WallboardChannels> {
  const todo = () => {
    throw new CoreError('unavailable', 'errors.notYet');
  };
  return {
    'presence.get': todo,
    'presence.set': todo,
    'wallboard.get': todo,
    'wallboard.getSettings': todo,
    'wallboard.setSettings': todo,
    'wallboard.setAgentState': todo,
    'reports.centre': todo,
  };
}
