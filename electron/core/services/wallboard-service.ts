import type { Handlers } from '../dispatch';
import type { Wallboard, WallboardChannels } from '../wallboard/wallboard';

/** Presence and the supervisor's wallboard (electron/core/wallboard/); roles are checked by the dispatcher. */
export function wallboardHandlers(wallboard: Wallboard): Pick<Handlers, WallboardChannels> {
  return wallboard.handlers;
}
