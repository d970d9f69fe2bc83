import type { ServiceContext } from '../create-core';
import type { Handlers } from '../dispatch';
import { withRecordLabel } from '../sync/conflict-labels';
import type { SyncEngine } from '../sync/sync-engine';

type SyncChannels = Extract<keyof Handlers, `sync.${string}`>;

/** The seat's sync channels over the engine (electron/core/sync/); roles are checked by the dispatcher. */
export function syncHandlers(ctx: ServiceContext, engine: SyncEngine): Pick<Handlers, SyncChannels> {
  return {
    'sync.status': () => engine.status(),
    'sync.getSettings': () => engine.settings(),
    'sync.configure': ({ settings }) => engine.configure(settings),
    'sync.now': () => engine.syncNow(),
    'sync.parked': () => ({ items: engine.parked() }),
    'sync.conflicts': async ({ status }) => ({ conflicts: (await engine.conflicts(status)).map((c) => withRecordLabel(ctx.db, c)) }),
    'sync.resolveConflict': async ({ id, keep }) => withRecordLabel(ctx.db, await engine.resolveConflict(id, keep)),
  };
}
