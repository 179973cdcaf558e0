/**
 * 32-bit hashing used for feature ids. Everything is integer arithmetic (Math.imul), so feature
 * extraction needs no string concatenation: a feature id is the hash of a template number and one
 * or two value hashes (each value hash is computed once per token, FNV-1a over its characters).
 */

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** murmur3 finaliser: a good avalanche on 32 bits. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Combine a running hash with one more 32-bit value. */
export function combine(h: number, v: number): number {
  return fmix(Math.imul(h, 0x9e3779b1) ^ v);
}

/**
 * Feature ids. The values are already well-mixed hashes, so one finaliser per id is enough: the
 * template picks a salt, each value position its own multiplier.
 */
function salt(t: number): number {
  return Math.imul(t + 1, 0x27d4eb2f) ^ 0x165667b1;
}

/** Feature id of template `t` with one value. Never 0 (0 marks an empty slot in the tables). */
export function feat1(t: number, a: number): number {
  const h = fmix(salt(t) + Math.imul(a, 0x9e3779b1));
  return h === 0 ? 1 : h;
}

/** Feature id of template `t` with two values. Never 0. */
export function feat2(t: number, a: number, b: number): number {
  const h = fmix(salt(t) + Math.imul(a, 0x9e3779b1) + Math.imul(b ^ 0x5bd1e995, 0x85ebca77));
  return h === 0 ? 1 : h;
}

/** Feature id of template `t` with three values. Never 0. */
export function feat3(t: number, a: number, b: number, c: number): number {
  const h = fmix(salt(t) + Math.imul(a, 0x9e3779b1) + Math.imul(b ^ 0x5bd1e995, 0x85ebca77) + Math.imul(c ^ 0x3c6ef372, 0xc2b2ae3d));
  return h === 0 ? 1 : h;
}

/**
 * Open-addressing map from non-zero int32 keys to int32 values, with typed arrays (no boxing of
 * keys that do not fit a small integer, no garbage). Key 0 is remapped to 1.
 */
export class IntMap {
  private table: Int32Array; // [key, value] pairs
  private bits: number;
  private used: Int32Array; // slots in use, for clear() and iteration
  size = 0;

  constructor(bits = 8) {
    this.bits = bits;
    this.table = new Int32Array(2 << bits);
    this.used = new Int32Array(1 << bits);
  }

  private slot(k: number): number {
    const t = this.table;
    const mask = (1 << this.bits) - 1;
    let i = Math.imul(k, 0x9e3779b1) >>> (32 - this.bits);
    for (;;) {
      const x = t[i << 1]!;
      if (x === k || x === 0) return i;
      i = (i + 1) & mask;
    }
  }

  /** Value of `k`, or `missing`. */
  get(k: number, missing = -1): number {
    if (k === 0) k = 1;
    const i = this.slot(k);
    return this.table[i << 1] === k ? this.table[(i << 1) + 1]! : missing;
  }

  set(k: number, v: number): void {
    if (k === 0) k = 1;
    let i = this.slot(k);
    if (this.table[i << 1] !== k) {
      if ((this.size + 1) * 2 > 1 << this.bits) {
        this.grow();
        i = this.slot(k);
      }
      this.table[i << 1] = k;
      this.used[this.size++] = i;
    }
    this.table[(i << 1) + 1] = v;
  }

  clear(): void {
    const t = this.table;
    for (let q = 0; q < this.size; q++) t[this.used[q]! << 1] = 0;
    this.size = 0;
  }

  /** Calls f for every entry, in insertion order. */
  forEach(f: (key: number, value: number) => void): void {
    for (let q = 0; q < this.size; q++) {
      const i = this.used[q]!;
      f(this.table[i << 1]!, this.table[(i << 1) + 1]!);
    }
  }

  private grow(): void {
    const old = this.table;
    const oldUsed = this.used;
    const n = this.size;
    this.bits++;
    this.table = new Int32Array(2 << this.bits);
    this.used = new Int32Array(1 << this.bits);
    this.size = 0;
    for (let q = 0; q < n; q++) {
      const i = oldUsed[q]!;
      const k = old[i << 1]!;
      const s = this.slot(k);
      this.table[s << 1] = k;
      this.table[(s << 1) + 1] = old[(i << 1) + 1]!;
      this.used[this.size++] = s;
    }
  }
}
