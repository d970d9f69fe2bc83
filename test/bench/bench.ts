import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../../electron/core/create-core';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { openDatabase } from '../../electron/core/store/open-database';
import { buildCoreBundle } from './core-bundle';
import { benchCallbacks } from './callbacks-bench';
import { benchComplaints } from './complaints-bench';
import { benchPaint } from './paint-bench';
import { mergeResults, printTable, type Figures } from './results-file';
import { benchScreenPop } from './screen-pop-bench';
import { sampleQueries } from './search-queries';
import { percentile, round } from './stats';
import { runSyncBench } from './sync-bench';
import { runWallboardBench } from './wallboard-bench';

// `npm run bench [-- --customers N] [--data-dir DIR] [--queries Q]`
// Builds (or reuses) the demo data set, then measures the figures bench/results.json carries.

const root = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    'data-dir': { type: 'string' },
    queries: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '1' },
    'cold-starts': { type: 'string', default: '5' },
    'pop-samples': { type: 'string', default: '2000' },
    rings: { type: 'string', default: '200' },
    callbacks: { type: 'string', default: '500000' },
    complaints: { type: 'string', default: '200000' },
    'wallboard-seconds': { type: 'string', default: '60' },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
const dataDir = resolve(values['data-dir'] ?? join(root, '.tmp', `bench-${customers}-seed${seed}`));
const summaryFile = join(dataDir, 'demo-summary.json');

// 1. The data set: generated once per size and seed, its generation rate kept beside it.
interface DemoRecord { rows: number; ms: number; customers: number; interactions: number; at: string }
let demo: DemoRecord;
if (existsSync(summaryFile)) {
  demo = JSON.parse(readFileSync(summaryFile, 'utf8')) as DemoRecord;
  console.error(`reusing the data set in ${dataDir} (generated ${demo.at}; delete the folder to regenerate)`);
  // A reused data set may have left the page cache (a freshly generated one is in it): read the
  // store once, so both measure a seat in use and not a cold disk.
  warmPageCache(join(dataDir, 'kefu.sqlite'));
} else {
  console.error(`generating ${customers.toLocaleString('en')} customers into ${dataDir}…`);
  const db = openDatabase(dataDir);
  let lastPhase = '';
  const summary = generateDemo(db, {
    customers,
    seed,
    now: Date.now(),
    onProgress: ({ phase, done, total }) => {
      if (phase !== lastPhase || done === total) console.error(`  ${phase} ${done}/${total}`);
      lastPhase = phase;
    },
  });
  db.close();
  demo = { rows: summary.rows, ms: summary.ms, customers: summary.customers, interactions: summary.interactions, at: new Date().toISOString() };
  writeFileSync(summaryFile, JSON.stringify(demo, null, 2));
}

// 2. Cold start and memory, each in a fresh process.
const bundle = await buildCoreBundle();
const coldRuns: { coldStartMs: number; rssMb: number }[] = [];
for (let i = 0; i < Number(values['cold-starts']); i++) {
  const out = execFileSync(process.execPath, [join(import.meta.dirname, 'cold-start-child.mjs'), dataDir, bundle], { encoding: 'utf8' });
  coldRuns.push(JSON.parse(out.trim().split('\n').at(-1)!) as { coldStartMs: number; rssMb: number });
}

// 3. Search as you type, through the same validated entry point the transports use.
const core = createCore({ dataDir, log: () => {} });
const queries = sampleQueries(core.db, Number(values.queries), seed);
for (const q of queries.slice(0, 200)) await core.invoke('customers.search', { query: q.query });
const times: number[] = [];
const byKind = new Map<string, number[]>();
let empty = 0;
for (const q of queries) {
  const t0 = performance.now();
  const r = await core.invoke('customers.search', { query: q.query });
  const dt = performance.now() - t0;
  if (!r.ok) throw new Error(`search failed for ${q.query}`);
  if ((r.value as { items: unknown[] }).items.length === 0) empty++;
  times.push(dt);
  byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), dt]);
}

// 4. Screen pop in the core: CTI ring handed over → card payload ready.
const pop = await benchScreenPop(core, Number(values['pop-samples']));

// 5. Callbacks: the agent's due queue and the reminder scan with 500k callbacks in the store
// (topped up once per data set; bench data, not seat edits).
const cb = await benchCallbacks(core, Number(values.callbacks));
await core.close();

// 6. Screen pop on screen: ring → card painted in Chromium, through the browser host.
if (!existsSync(join(root, 'out/renderer/index.html'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
const paint = await benchPaint(dataDir, Number(values.rings));

// 7. Complaint lists and report at 200k complaints (their own store, built once per run).
const complaints = await benchComplaints(Number(values.complaints));

// 8. Sync against a hub on a real PostgreSQL (DATABASE_URL, else embedded): push, pull, 50 seats.
const sync = await runSyncBench({ log: (m) => console.error(`  sync: ${m}`) });

// 9. The wallboard under 500 seats' events for a minute: update latency, hub CPU and memory.
const wallboard = await runWallboardBench({ seconds: Number(values['wallboard-seconds']), log: (m) => console.error(`  wallboard: ${m}`) });

const figures: Figures = {
  'dataset.customers': demo.customers,
  'dataset.interactions': demo.interactions,
  'demo.rows_per_s': Math.round(demo.rows / (demo.ms / 1000)),
  'demo.total_s': round(demo.ms / 1000, 1),
  'core.cold_start_ms': round(percentile(coldRuns.map((r) => r.coldStartMs), 50), 1),
  'core.rss_mb': round(percentile(coldRuns.map((r) => r.rssMb), 50), 1),
  'search.queries': queries.length,
  'search.p50_ms': round(percentile(times, 50), 3),
  'search.p95_ms': round(percentile(times, 95), 3),
  'search.p99_ms': round(percentile(times, 99), 3),
  'search.max_ms': round(Math.max(...times), 3),
  'screen_pop.core_p50_ms': round(pop.p50, 3),
  'screen_pop.core_p99_ms': round(pop.p99, 3),
  'screen_pop.painted_p50_ms': paint.p50,
  'screen_pop.painted_p95_ms': paint.p95,
  'callbacks.due_queue_p95_ms': round(cb.dueQueueP95, 3),
  'callbacks.reminder_scan_p95_ms': round(cb.reminderScanP95, 3),
  'complaints.list_p95_ms': round(complaints.listP95, 3),
  'complaints.report_p95_ms': round(complaints.reportP95, 3),
  ...sync.figures,
  ...wallboard.figures,
};
const notes: Record<string, string> = {
  'demo.rows_per_s': 'rows written per second by npm run demo (all tables, indexes included)',
  'core.cold_start_ms': `median of ${coldRuns.length} fresh Node processes: load the bundled core, open the store, first session.get + search`,
  'core.rss_mb': 'median resident memory of those processes after a burst of searches',
  'search.p95_ms': `through core.invoke (validation + ranking); ${empty} of ${queries.length} queries found nothing`,
  'screen_pop.core_p99_ms': `${values['pop-samples']} rings (~10% unknown numbers): CTI event in → card payload emitted`,
  'callbacks.due_queue_p95_ms': `callbacks.list (mine, open, 200 rows + counts) with ${values.callbacks} callbacks in the store`,
  'callbacks.reminder_scan_p95_ms': 'the reminder engine\'s scan (due reminders and escalations) in steady state',
  'screen_pop.painted_p95_ms': `${values.rings} simulated rings in Chromium: ring sent → card painted (two frames after it is in the DOM)`,
  'complaints.list_p95_ms': `complaints.list through core.invoke, 12 filter mixes, ${values.complaints} complaints`,
  'complaints.report_p95_ms': 'complaints.report for 7, 30 and 90 days',
  ...sync.notes,
  ...wallboard.notes,
};
console.log(`\nKefu Desk bench — ${demo.customers.toLocaleString('en')} customers, ${new Date().toISOString()}\n`);
printTable(figures, notes);
console.log('\nsearch by kind of query (ms):');
for (const [kind, ts] of byKind) console.log(`  ${kind.padEnd(14)} n=${String(ts.length).padStart(5)}  p50=${round(percentile(ts, 50), 3)}  p95=${round(percentile(ts, 95), 3)}`);
mergeResults(join(root, 'bench/results.json'), figures);
console.log('\nwritten to bench/results.json');

function warmPageCache(file: string): void {
  const started = performance.now();
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(8 << 20);
  let total = 0;
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) total += n;
  } finally {
    closeSync(fd);
  }
  console.error(`  read ${(total / 2 ** 30).toFixed(1)} GiB of the store into the page cache in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
