import type { ServiceContext } from '../create-core';
import type { Handlers } from '../dispatch';
import type { SyncEngine } from '../sync/sync-engine';

type SyncChannels = Extract<keyof Handlers, `sync.${string}`>;

/** The seat's sync channels over the engine (electron/core/sync/); roles are checked by the dispatcher. */
export function syncHandlers(_ctx: ServiceContext, engine: SyncEngine): Pick<Handlers, SyncChannels> {
  return {
    'sync.status': () => engine.status(),
    'sync.getSettings': () => engine.settings(),
    'sync.configure': ({ settings }) => engine.configure(settings),
    'sync.now': () => engine.syncNow(),
    'sync.parked': () => ({ items: engine.parked() }),
    'sync.conflicts': async ({ status }) => ({ conflicts: await engine.conflicts(status) }),
    'sync.resolveConflict': ({ id, keep }) => engine.resolveConflict(id, keep),
  };
}
