import type pg from 'pg';
import { bulkWrite, type BulkWriteResult } from './import/bulk-write';

// Branches (门店) are maintained at headquarters: seats never write them (push.ts checkScope), so
// the hub's admin command is where one is named. Written as the hub, through the bulk writer, so
// every seat pulls it like any other row and shows the name wherever it showed the code.

export interface BranchInput {
  id: string;
  name: string;
  city?: string | null;
  /** IANA zone of the branch (its day boundaries, callback windows); default Asia/Shanghai. */
  timeZone?: string;
}

const BRANCH_ID = /^[A-Za-z0-9][\w.-]{0,63}$/;

/** Creates the branch, or renames / moves it when it exists (only what changed is written). */
export async function saveBranch(pool: pg.Pool, input: BranchInput, now = Date.now()): Promise<BulkWriteResult> {
  if (!BRANCH_ID.test(input.id)) throw new Error(`branch id must be letters, digits, '.', '_' or '-' (at most 64), got ${JSON.stringify(input.id)}`);
  const name = input.name.trim();
  if (!name) throw new Error('branch needs a --name');
  const timeZone = input.timeZone ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`not a time zone this hub knows: ${timeZone} (use an IANA name such as Asia/Shanghai)`);
  }
  const fields = { id: input.id, name, city: input.city?.trim() || null, time_zone: timeZone, updated_at: now, deleted_at: null };
  return bulkWrite(pool, [{ entity: 'branches', id: input.id, fields }], 1, { now: () => now });
}

export interface BranchRow {
  id: string;
  name: string;
  city: string | null;
  timeZone: string | null;
}

export async function listBranches(pool: pg.Pool): Promise<BranchRow[]> {
  const { rows } = await pool.query<{ id: string; fields: { name?: string; city?: string | null; time_zone?: string | null } }>(
    "SELECT id, fields FROM rows WHERE entity = 'branches' AND deleted_at IS NULL ORDER BY id",
  );
  return rows.map((r) => ({ id: r.id, name: r.fields.name ?? r.id, city: r.fields.city ?? null, timeZone: r.fields.time_zone ?? null }));
}
