import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type Figures = Record<string, number | string>;

/** bench/results.json is one flat object that every feature's bench extends; keep others' keys. */
export function mergeResults(file: string, figures: Figures): Figures {
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Figures) : {};
  const merged = { ...previous, ...figures };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(merged, Object.keys(merged).sort(), 2)}\n`);
  return merged;
}

export function printTable(figures: Figures, notes: Record<string, string> = {}): void {
  const rows = Object.entries(figures).map(([k, v]) => [k, String(v), notes[k] ?? '']);
  const w0 = Math.max(...rows.map((r) => r[0]!.length), 6);
  const w1 = Math.max(...rows.map((r) => r[1]!.length), 5);
  const line = (a: string, b: string, c: string) => `| ${a.padEnd(w0)} | ${b.padStart(w1)} | ${c}`;
  console.log(line('figure', 'value', 'what'));
  console.log(`|${'-'.repeat(w0 + 2)}|${'-'.repeat(w1 + 2)}|------`);
  for (const [a, b, c] of rows) console.log(line(a!, b!, c!));
}
