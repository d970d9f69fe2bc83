// Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, so stamps
// stay monotonic on one seat even when its clock steps back, and order causally across seats.
// The text form sorts the same way the stamps compare (fixed-width fields), ties broken by node.

export interface Hlc {
  ms: number;
  counter: number;
  node: string;
}

const MS_WIDTH = 15;
const COUNTER_WIDTH = 6;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;

export const HLC_ZERO = (node: string): Hlc => ({ ms: 0, counter: 0, node });

/** The stamp for a local event at wall time `wallMs`, after `last`. */
export function hlcTick(last: Hlc, wallMs: number): Hlc {
  if (wallMs > last.ms) return { ms: wallMs, counter: 0, node: last.node };
  if (last.counter >= MAX_COUNTER) return { ms: last.ms + 1, counter: 0, node: last.node };
  return { ms: last.ms, counter: last.counter + 1, node: last.node };
}

/** Merges a stamp received from elsewhere, so our next stamps come after it. */
export function hlcReceive(last: Hlc, remote: Hlc, wallMs: number): Hlc {
  const ms = Math.max(last.ms, remote.ms, wallMs);
  let counter = 0;
  if (ms === last.ms && ms === remote.ms) counter = Math.max(last.counter, remote.counter) + 1;
  else if (ms === last.ms) counter = last.counter + 1;
  else if (ms === remote.ms) counter = remote.counter + 1;
  if (counter > MAX_COUNTER) return { ms: ms + 1, counter: 0, node: last.node };
  return { ms, counter, node: last.node };
}

export function formatHlc(h: Hlc): string {
  return `${String(h.ms).padStart(MS_WIDTH, '0')}-${h.counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${h.node}`;
}

export function parseHlc(text: string): Hlc {
  const m = /^(\d{15})-([0-9a-z]{6})-(.+)$/.exec(text);
  if (!m) throw new Error(`Not a hybrid logical clock stamp: ${text}`);
  return { ms: Number(m[1]), counter: parseInt(m[2]!, 36), node: m[3]! };
}

export function compareHlc(a: Hlc, b: Hlc): number {
  return a.ms - b.ms || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
}
