/**
 * Seeded randomness for the demo generator: sfc32 (Small Fast Counting, 128-bit state, passes
 * PractRand) — a few integer ops per draw and no allocation, which matters at ~100M draws for a
 * million customers. A 32-bit-state PRNG (mulberry32) would repeat whole customers by the
 * birthday bound at this size, so it is not used.
 */

const TWO_POW_32 = 4294967296;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box–Muller makes normals in pairs; the second is kept for the next call. */
  private spare = Number.NaN;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9;
    this.b = seed >>> 0;
    this.c = Math.floor(seed / TWO_POW_32) >>> 0;
    this.d = (stream ^ 0x85ebca6b) >>> 0;
    // Warm-up decorrelates streams whose seeds differ in a few bits.
    for (let i = 0; i < 15; i++) this.u32();
  }

  /** Uniform unsigned 32-bit integer. */
  u32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / TWO_POW_32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi). */
  real(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    const u = 1 - this.next(); // (0, 1]: log(0) is -Infinity
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** exp(N(mu, sigma)): money, durations and other right-skewed quantities. */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Exponential with the given mean (gaps of a Poisson process). */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A string of `n` random decimal digits. */
  digits(n: number): string {
    if (n <= 9) return String(this.int(10 ** n)).padStart(n, '0');
    let s = '';
    for (let i = 0; i < n; i++) s += DIGIT[this.int(10)];
    return s;
  }

  /** UUIDv7 for `msecs`, random bits from this stream; see uuid7. */
  uuid7(msecs: number): string {
    return uuid7(msecs, this.u32(), this.u32(), this.u32());
  }
}

const DIGIT = '0123456789';

/** Weighted choice by binary search over cumulative weights; built once per table. */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('Weighted needs at least one entry');
    this.items = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      if (!(w >= 0)) throw new Error(`Weighted: bad weight ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  index(rng: Rng): number {
    const x = rng.next() * this.total;
    const cum = this.cumulative;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  pick(rng: Rng): T {
    return this.items[this.index(rng)]!;
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * UUIDv7 text, byte-identical to `uuid`'s `v7({ msecs, random })` where `random` bytes 6–9 are
 * r1 (big-endian), 10–13 are r2 and 14–15 the top two bytes of r3 (see `uuid7RandomBytes`).
 * Formatted directly because the generator makes ~10M ids: the library allocates a buffer and
 * an options object per call. The demo test checks the equivalence.
 */
export function uuid7(msecs: number, r1: number, r2: number, r3: number): string {
  const hi = Math.floor(msecs / TWO_POW_32); // top 16 of the 48 timestamp bits
  const lo = msecs >>> 0;
  // uuid's v7Bytes: seq = 31 bits from random bytes 6–9, spread over bytes 6–10.
  const seq = r1 & 0x7fffffff;
  const b6 = 0x70 | ((seq >>> 28) & 0x0f);
  const b7 = (seq >>> 20) & 0xff;
  const b8 = 0x80 | ((seq >>> 14) & 0x3f);
  const b9 = (seq >>> 6) & 0xff;
  const b10 = ((seq << 2) & 0xff) | ((r2 >>> 24) & 0x03);
  return (
    HEX[(hi >>> 8) & 0xff]! +
    HEX[hi & 0xff]! +
    HEX[lo >>> 24]! +
    HEX[(lo >>> 16) & 0xff]! +
    '-' +
    HEX[(lo >>> 8) & 0xff]! +
    HEX[lo & 0xff]! +
    '-' +
    HEX[b6]! +
    HEX[b7]! +
    '-' +
    HEX[b8]! +
    HEX[b9]! +
    '-' +
    HEX[b10]! +
    HEX[(r2 >>> 16) & 0xff]! +
    HEX[(r2 >>> 8) & 0xff]! +
    HEX[r2 & 0xff]! +
    HEX[r3 >>> 24]! +
    HEX[(r3 >>> 16) & 0xff]!
  );
}

/** The 16 `random` bytes for which `uuid`'s v7 gives the same id as `uuid7(msecs, r1, r2, r3)`. */
export function uuid7RandomBytes(r1: number, r2: number, r3: number): Uint8Array {
  const bytes = new Uint8Array(16);
  const put = (at: number, v: number) => {
    bytes[at] = v >>> 24;
    bytes[at + 1] = (v >>> 16) & 0xff;
    bytes[at + 2] = (v >>> 8) & 0xff;
    bytes[at + 3] = v & 0xff;
  };
  put(6, r1);
  put(10, r2);
  bytes[14] = r3 >>> 24;
  bytes[15] = (r3 >>> 16) & 0xff;
  return bytes;
}
