import type { ChannelName, ChannelOutput, ChannelParsedInput, SessionInfo } from '../../shared/contract/channels';
import { CoreError } from '../../shared/contract/result';
import type { Conflict, ParkedChange, SyncSettings, SyncStatus } from '../../shared/contract/sync-schemas';

// The sync.* channels of the fake core: a status object tests set (and announce with
// sync.statusChanged), a parked list, and conflicts a supervisor resolves. Refusals answer with
// the keys electron/core/sync/sync-engine.ts sends.

type Handler<C extends ChannelName> = (input: ChannelParsedInput<C>) => ChannelOutput<C>;
type SyncChannel = 'sync.status' | 'sync.getSettings' | 'sync.configure' | 'sync.now' | 'sync.parked' | 'sync.conflicts' | 'sync.resolveConflict';

export interface FakeSync {
  /** What sync.status answers now. */
  readonly status: SyncStatus;
  /** Changes the status and announces it (`sync.statusChanged`), as the engine does. */
  setStatus(changes: Partial<SyncStatus>): SyncStatus;
  /** The refused changes sync.parked lists (the status's parked count follows it on setStatus/push). */
  readonly parked: ParkedChange[];
  /** A refused change is parked: listed, counted, announced. */
  park(change: Partial<ParkedChange> & Pick<ParkedChange, 'entity' | 'fields' | 'code' | 'reason'>): ParkedChange;
  /** Conflicts by id, open and resolved. */
  readonly conflicts: Map<string, Conflict>;
  addConflict(fields: Partial<Conflict> & Pick<Conflict, 'entity' | 'field' | 'winnerValue' | 'loserValue'>): Conflict;
  settings: SyncSettings | null;
}

export interface FakeSyncDeps {
  session: SessionInfo;
  newId(): string;
  emit(event: 'sync.statusChanged', payload: SyncStatus): void;
}

export const offStatus = (): SyncStatus => ({
  state: 'off',
  hubUrl: null,
  pending: 0,
  parked: 0,
  lastSyncAt: null,
  nextRetryAt: null,
  lastError: null,
  clockOffsetMs: null,
});

const hlcAt = (ms: number, node: string) => `${String(ms).padStart(15, '0')}-000000-${node}`;

export function createFakeSync(deps: FakeSyncDeps): { handlers: { [C in SyncChannel]: Handler<C> }; control: FakeSync } {
  let status = offStatus();
  let settings: SyncSettings | null = null;
  const parked: ParkedChange[] = [];
  const conflicts = new Map<string, Conflict>();
  let parkedSeq = 0;

  const managerOnly = () => {
    if (deps.session.agent.role === 'agent') throw new CoreError('forbidden', 'errors.forbidden');
  };
  const setStatus = (changes: Partial<SyncStatus>) => {
    status = { ...status, ...changes };
    deps.emit('sync.statusChanged', { ...status });
    return { ...status };
  };

  const control: FakeSync = {
    get status() {
      return { ...status };
    },
    setStatus,
    parked,
    park(fields) {
      const item: ParkedChange = { seq: ++parkedSeq, entityId: deps.newId(), op: 'update', at: Date.now(), ...fields };
      parked.push(item);
      setStatus({ parked: parked.length });
      return structuredClone(item);
    },
    conflicts,
    addConflict(fields) {
      const at = fields.detectedAt ?? Date.now();
      const c: Conflict = {
        id: deps.newId(),
        entityId: deps.newId(),
        winnerHlc: hlcAt(at - 60_000, 'seat-hq'),
        winnerSeat: 'seat-hq',
        loserHlc: hlcAt(at - 120_000, 'seat-branch'),
        loserSeat: 'seat-branch',
        detectedAt: at,
        status: 'open',
        resolvedAt: null,
        resolvedBy: null,
        resolution: null,
        // No seat names or record label unless given: as from an older hub, about a record not on this seat.
        ...fields,
      };
      conflicts.set(c.id, c);
      return structuredClone(c);
    },
    get settings() {
      return settings;
    },
    set settings(s) {
      settings = s;
    },
  };

  const handlers: { [C in SyncChannel]: Handler<C> } = {
    'sync.status': () => ({ ...status }),
    'sync.getSettings': () => ({ hubUrl: settings?.hubUrl ?? null, hasToken: settings !== null }),
    'sync.configure': ({ settings: next }) => {
      managerOnly();
      settings = next;
      return next
        ? setStatus({ state: 'online', hubUrl: next.hubUrl, lastError: null, nextRetryAt: null })
        : setStatus({ state: 'off', hubUrl: null, lastError: null, nextRetryAt: null });
    },
    'sync.now': () => {
      if (status.state === 'off') throw new CoreError('unavailable', 'sync.errors.off');
      return setStatus({ state: 'online', pending: 0, lastSyncAt: Date.now(), nextRetryAt: null, lastError: null });
    },
    'sync.parked': () => ({ items: structuredClone(parked) }),
    'sync.conflicts': ({ status: wanted }) => {
      managerOnly();
      return { conflicts: [...conflicts.values()].filter((c) => c.status === wanted).map((c) => structuredClone(c)) };
    },
    'sync.resolveConflict': ({ id, keep }) => {
      managerOnly();
      const c = conflicts.get(id);
      if (!c || c.status !== 'open') throw new CoreError('not_found', 'sync.errors.conflictNotFound');
      const done: Conflict = { ...c, status: 'resolved', resolvedAt: Date.now(), resolvedBy: deps.session.agent.id, resolution: keep };
      conflicts.set(id, done);
      return structuredClone(done);
    },
  };
  return { handlers, control };
}
