/**
 * Deterministic pseudo-random numbers for the demo-data generator.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 128 bits of state)
 * seeded through cyrb128, rather than mulberry32: mulberry32 has 32 bits of
 * state, so the streams of two seeds are two offsets on one cycle of 2^32 and a
 * run that draws tens of millions of numbers (UUIDs of a million custody events)
 * from several streams could replay one inside another. Every stream is named
 * (`rng.fork('custody')`), so a change in how one part of the data is drawn does
 * not shift the numbers of the others.
 */

/** cyrb128: four 32-bit seeds from a string. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_CODES = Buffer.from('0123456789abcdef', 'latin1');
/** Scratch space of one UUID: written byte by byte and read as one flat string (concatenating 21 pieces makes a rope, ~4× slower). */
const UUID_BYTES = Buffer.alloc(36);

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    for (let i = 0; i < 16; i++) this.u32();
  }

  /** An independent stream for one part of the data. */
  fork(label: string): Rng {
    return new Rng(`${this.seed}/${label}`);
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (both included). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** An integer skewed towards lo: lo + (hi - lo) * u^power. */
  skewed(lo: number, hi: number, power: number): number {
    return lo + Math.floor((hi - lo + 1) * Math.pow(this.next(), power));
  }

  /** k distinct elements (k is capped at the array's length), in random order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const n = xs.length;
    k = Math.min(k, n);
    if (k * 4 < n) {
      const seen = new Set<number>();
      const out: T[] = [];
      while (out.length < k) {
        const i = Math.floor(this.next() * n);
        if (!seen.has(i)) {
          seen.add(i);
          out.push(xs[i]);
        }
      }
      return out;
    }
    return this.shuffle([...xs]).slice(0, k);
  }

  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }

  /** n random bytes as lower-case hex. */
  hex(bytes: number): string {
    let s = '';
    for (let i = 0; i < bytes; i++) s += HEX[this.u32() & 255];
    return s;
  }

  /** A version-4-shaped UUID from this stream (deterministic, unlike crypto.randomUUID). */
  uuid(): string {
    const w0 = this.u32();
    const w1 = (this.u32() & 0xffff0fff) | 0x4000;
    const w2 = ((this.u32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.u32();
    const out = UUID_BYTES;
    let p = 0;
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) out[p++] = 45;
      const w = i < 4 ? w0 : i < 8 ? w1 : i < 12 ? w2 : w3;
      const byte = (w >>> ((3 - (i & 3)) * 8)) & 255;
      out[p++] = HEX_CODES[byte >> 4];
      out[p++] = HEX_CODES[byte & 15];
    }
    return out.toString('latin1', 0, 36);
  }
}

/** A picker over weighted choices, built once and drawn from many times. */
export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): (rng: Rng) => T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of entries) cumulative.push((acc += w / total));
  return (rng) => {
    const u = rng.next();
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < cumulative[mid]) hi = mid;
      else lo = mid + 1;
    }
    return entries[lo][0];
  };
}
