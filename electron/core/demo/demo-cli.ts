/**
 * `npm run demo -- --data-dir DIR --customers N [--seed S] [--now ISO-8601|epoch-ms]`
 *
 * Fills an empty store with the deterministic demo data set (generate-demo.ts). Progress goes to
 * stderr — one updating line on a terminal, a line every ~10% otherwise — and the summary to
 * stdout. Exit codes: 0 done, 1 generation failed (e.g. the store already has customers),
 * 2 bad arguments.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DATABASE_FILE, openDatabase } from '../store/open-database';
import { generateDemo, MAX_DEMO_CUSTOMERS, repairInterruptedDemo, type DemoProgress, type DemoSummary } from './generate-demo';

export { ensureDemoData } from './generate-demo';

const USAGE = 'usage: npm run demo -- --data-dir DIR --customers N [--seed S] [--now ISO-8601|epoch-ms]';
/** V8 young generation for the generator: its per-customer garbage is scavenged far less often. */
const SEMI_SPACE_FLAG = '--max-semi-space-size=64';

export interface DemoCliArgs {
  dataDir: string;
  customers: number;
  seed: number;
  now: number;
}

/** Parses and validates the command line; throws an Error with a one-line message. */
export function parseDemoArgs(argv: readonly string[], defaultNow: number): DemoCliArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      customers: { type: 'string' },
      seed: { type: 'string', default: '1' },
      now: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir DIR is required (the folder that holds the customer store)');
  const rawCustomers = values.customers;
  if (rawCustomers === undefined) throw new Error('--customers N is required');
  // 1000000, 1_000_000 and 1,000,000 all mean a million.
  const digits = rawCustomers.replace(/[_,]/g, '');
  const customers = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(customers) || customers < 1 || customers > MAX_DEMO_CUSTOMERS)
    throw new Error(`--customers must be a whole number from 1 to ${MAX_DEMO_CUSTOMERS.toLocaleString('en-US')}, got ${rawCustomers}`);
  const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : Number.NaN;
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a non-negative whole number, got ${values.seed}`);
  let now = defaultNow;
  if (values.now !== undefined) {
    now = /^\d+$/.test(values.now) ? Number(values.now) : Date.parse(values.now);
    if (!Number.isSafeInteger(now) || now <= 0) throw new Error(`--now must be an ISO-8601 time or epoch milliseconds, got ${values.now}`);
  }
  return { dataDir: resolve(dataDir), customers, seed, now };
}

const fmt = (n: number) => n.toLocaleString('en-US');

function progressReporter(started: number): (p: DemoProgress) => void {
  const tty = process.stderr.isTTY === true;
  let lastDraw = 0;
  let lastPhase = '';
  let lastTenth = -1;
  return (p) => {
    const secs = ((performance.now() - started) / 1000).toFixed(0);
    const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
    const line = `${p.phase} ${fmt(p.done)}/${fmt(p.total)} (${pct}%) ${secs}s`;
    if (tty) {
      const t = performance.now();
      if (p.phase === lastPhase && p.done < p.total && t - lastDraw < 100) return;
      lastDraw = t;
      lastPhase = p.phase;
      process.stderr.write(`\r\x1b[Kkefu demo: ${line}`);
      if (p.phase === 'finish' && p.done === p.total) process.stderr.write('\n');
      return;
    }
    const tenth = Math.floor(pct / 10);
    if (p.phase === lastPhase && (tenth === lastTenth || p.phase !== 'customers')) return;
    lastPhase = p.phase;
    lastTenth = tenth;
    process.stderr.write(`kefu demo: ${line}\n`);
  };
}

function summaryText(s: DemoSummary, dataDir: string): string {
  const file = join(dataDir, DATABASE_FILE);
  const bytes = existsSync(file) ? statSync(file).size : 0;
  const secs = s.ms / 1000;
  return [
    `Kefu Desk demo data in ${dataDir}`,
    `  customers      ${fmt(s.customers)} (${fmt(s.organisations)} organisations)`,
    `  phones         ${fmt(s.phones)}`,
    `  bookings       ${fmt(s.bookings)}`,
    `  interactions   ${fmt(s.interactions)}`,
    `  complaints     ${fmt(s.complaints)}`,
    `  callbacks      ${fmt(s.callbacks)}`,
    `  promises       ${fmt(s.promises)}`,
    `  surveys        ${fmt(s.surveys)}`,
    `  search terms   ${fmt(s.searchTerms)}`,
    `  ${fmt(s.rows)} rows in ${secs.toFixed(1)} s (${fmt(Math.round(s.rows / Math.max(secs, 0.001)))} rows/s), store ${(bytes / 1024 ** 3).toFixed(2)} GB`,
  ].join('\n');
}

function main(): void {
  let args: DemoCliArgs;
  try {
    args = parseDemoArgs(process.argv.slice(2), Date.now());
  } catch (err) {
    process.stderr.write(`kefu demo: ${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }

  // Run the generator in a child with a bigger V8 young generation (cuts its GC time by half or
  // more); flags cannot be changed for a heap that already exists. The child gets a fixed --now
  // so "now" is the moment the command was typed.
  if (!process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        SEMI_SPACE_FLAG,
        process.argv[1]!,
        ...['--data-dir', args.dataDir, '--customers', String(args.customers), '--seed', String(args.seed), '--now', String(args.now)],
      ],
      { stdio: 'inherit' },
    );
    process.exit(child.status ?? 1);
  }

  const started = performance.now();
  let db;
  try {
    db = openDatabase(args.dataDir);
  } catch (err) {
    process.stderr.write(`kefu demo: cannot open the store in ${args.dataDir}: ${(err as Error).message}\n`);
    process.exit(1);
  }
  try {
    repairInterruptedDemo(db);
    const summary = generateDemo(db, { customers: args.customers, seed: args.seed, now: args.now, onProgress: progressReporter(started) });
    db.close();
    process.stdout.write(`${summaryText(summary, args.dataDir)}\n`);
  } catch (err) {
    if (db.open) db.close();
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stderr.write(`kefu demo: ${(err as Error).message.replace(/^demo: /, '')}\n`);
    process.exit(1);
  }
}

// Run only as a program, not when imported (the browser host imports ensureDemoData).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
