import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { UiLocale } from '../../shared/contract/channels';
import type { Role } from '../../shared/contract/customer-schemas';
import type { Clock } from './clock';
import { insertRow } from './store/change-log';
import { createWriteContext } from './store/write-context';

export interface SeatIdentity {
  seatId: string;
  agentId: string;
  agentName: string;
  role: Role;
}

const getMeta = (db: Database, key: string) =>
  db.prepare<[string], { value: string }>('SELECT value FROM seat_meta WHERE key = ?').get(key)?.value;
export const setMeta = (db: Database, key: string, value: string) =>
  db.prepare('INSERT INTO seat_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);

/**
 * The seat's identity is made once, on first start, and kept in the store: the seat id
 * prefixes nothing but orders sync changes, and the signed-in agent is a synced row.
 */
export function ensureSeat(db: Database, clock: Clock, wanted: { agentName?: string; role?: Role }): SeatIdentity {
  return db.transaction(() => {
    let seatId = getMeta(db, 'seat_id');
    if (!seatId) {
      seatId = uuidv7();
      setMeta(db, 'seat_id', seatId);
    }
    let agentId = getMeta(db, 'agent_id');
    const ctx = createWriteContext(db, seatId, null, clock);
    if (!agentId) {
      agentId = uuidv7();
      insertRow(ctx, 'agents', {
        id: agentId,
        name: wanted.agentName ?? 'Seat agent',
        role: wanted.role ?? 'agent',
        presence: 'offline',
        updated_at: clock.now(),
      }, 'agent.create');
      setMeta(db, 'agent_id', agentId);
    }
    const agent = db.prepare<[string], { name: string; role: Role }>('SELECT name, role FROM agents WHERE id = ?').get(agentId)!;
    // A role given on the command line (demo, tests) wins for this run but is not synced.
    return { seatId, agentId, agentName: wanted.agentName ?? agent.name, role: wanted.role ?? agent.role };
  })();
}

export const getLocale = (db: Database): UiLocale => (getMeta(db, 'locale') as UiLocale | undefined) ?? 'zh-CN';
