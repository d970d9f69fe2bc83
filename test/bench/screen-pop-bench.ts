import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CallCard } from '../../shared/contract/call-schemas';
import { createCore, type Core } from '../../electron/core/create-core';
import { percentile, round } from './stats';
import { seededRandom } from '../support/seeded-random';

// Screen pop in-process: from handing a `ringing` CtiCallEvent to the core's call centre until
// the card payload is ready (the synchronous emit of call.changed), for random existing
// customers' numbers in the shapes PBXs present them, and ~10% unknown numbers. Each call is
// then ended and dismissed so the active map stays small; the interaction writes (after the
// emit) are outside the measured span by design.
//
// From bench.ts: `await benchScreenPop(core)`. Standalone:
//   npx tsx test/bench/screen-pop-bench.ts --data-dir /tmp/kefu-sp-bench [--samples 2000]

const UNKNOWN_SHARE = 0.1;
const WARMUP = 200;

interface PhoneSample {
  e164: string;
  national: string;
  kind: string;
}

/** Random live phones by rowid probes (O(log n) each, no full scan of a 1M-row table). */
function samplePhones(core: Core, n: number, random: () => number): PhoneSample[] {
  const max = (core.db.prepare('SELECT max(rowid) AS m FROM customer_phones').get() as { m: number | null }).m ?? 0;
  if (max === 0) return [];
  const probe = core.db.prepare<[number], PhoneSample>(
    'SELECT e164, national, kind FROM customer_phones WHERE rowid >= ? AND deleted_at IS NULL ORDER BY rowid LIMIT 1',
  );
  const out: PhoneSample[] = [];
  for (let i = 0; i < n * 2 && out.length < n; i++) {
    const row = probe.get(1 + Math.floor(random() * max));
    if (row) out.push(row);
  }
  return out;
}

/** The caller id as a PBX might present it: E.164, national digits, or with a trunk '0'. */
function presented(p: PhoneSample, random: () => number): string {
  const r = random();
  if (!p.e164.startsWith('+86') || r < 0.4) return p.e164;
  if (r < 0.7) return p.kind === 'mobile' ? p.national : `0${p.national}`;
  return `0${p.national}`; // '013812345678': PBX trunk prefix in front of a mobile too
}

function unknownNumber(random: () => number): string {
  return `+86170${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
}

const rng = seededRandom;

export interface ScreenPopBenchDetail {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  byKind: Record<CallCard['match']['kind'], { n: number; p50: number; p99: number }>;
}

export async function benchScreenPop(core: Core, samples = 2000): Promise<{ p50: number; p99: number }> {
  const { p50, p99 } = await benchScreenPopDetail(core, samples);
  return { p50, p99 };
}

export async function benchScreenPopDetail(core: Core, samples = 2000, seed = 1): Promise<ScreenPopBenchDetail> {
  const random = rng(seed);
  const phones = samplePhones(core, samples + WARMUP, random);
  // The dialled line as the PBX presents it, when the store knows the group's lines.
  const lines = (core.db.prepare('SELECT number FROM phone_lines WHERE deleted_at IS NULL').all() as { number: string }[]).map((r) => r.number);
  // Set by the listener, synchronously inside the inject() call being timed.
  const ready = { callId: null as string | null, at: 0, kind: 'unknown' as CallCard['match']['kind'] };
  const unsubscribe = core.subscribe((event, payload) => {
    if (event !== 'call.changed') return;
    const card = payload as CallCard;
    if (card.callId === ready.callId && card.state === 'ringing') {
      ready.at = performance.now();
      ready.kind = card.match.kind;
      ready.callId = null;
    }
  });
  const times: number[] = [];
  const byKind = new Map<CallCard['match']['kind'], number[]>();
  try {
    for (let i = 0; i < samples + WARMUP; i++) {
      const known = phones.length > 0 && random() >= UNKNOWN_SHARE;
      const from = known ? presented(phones[i % phones.length]!, random) : unknownNumber(random);
      const callId = `bench-${Date.now()}-${i}`;
      ready.callId = callId;
      ready.at = 0;
      const dnis = lines.length > 0 ? lines[Math.floor(random() * lines.length)]! : null;
      const t0 = performance.now();
      core.cti.inject({ type: 'ringing', callId, from, dnis, queue: null, waitS: null, at: Date.now(), source: 'simulator' });
      if (ready.at === 0) throw new Error(`no card for ${callId}`);
      const dt = ready.at - t0;
      if (i >= WARMUP) {
        times.push(dt);
        const list = byKind.get(ready.kind);
        if (list) list.push(dt);
        else byKind.set(ready.kind, [dt]);
      }
      core.cti.inject({ type: 'ended', callId, at: Date.now(), cause: 'bench' });
      const dismissed = await core.invoke('calls.dismiss', { callId });
      if (!dismissed.ok) throw new Error(`dismiss failed: ${JSON.stringify(dismissed.error)}`);
    }
  } finally {
    unsubscribe();
  }
  const stats = (ts: number[]) => ({ n: ts.length, p50: round(percentile(ts, 50), 3), p99: round(percentile(ts, 99), 3) });
  return {
    p50: round(percentile(times, 50), 3),
    p99: round(percentile(times, 99), 3),
    max: round(Math.max(...times), 3),
    samples: times.length,
    byKind: Object.fromEntries([...byKind].map(([k, ts]) => [k, stats(ts)])) as ScreenPopBenchDetail['byKind'],
  };
}

// Standalone run.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, samples: { type: 'string', default: '2000' } } });
  if (!values['data-dir']) throw new Error('--data-dir DIR is required (a COPY of a demo store: the bench writes interactions)');
  const core = createCore({ dataDir: resolve(values['data-dir']), log: () => {} });
  const counts = core.db.prepare('SELECT (SELECT count(*) FROM customers) AS customers, (SELECT max(rowid) FROM interactions) AS interactions').get();
  const detail = await benchScreenPopDetail(core, Number(values.samples));
  await core.close();
  console.log(JSON.stringify({ store: counts, ...detail }, null, 2));
}
