import { quantise, TRANS_SIZE } from './decode';
import { Gazetteer, tableBits } from './gazetteerFeatures';
import { NUM_CAP_CLASSES } from './templates';
import { IntMap } from './hash';
import { NUM_LABELS } from './labels';

const LN = NUM_LABELS;

/** Open-addressing hash table from feature id (non-zero int32) to row index; [id, row] pairs interleaved. */
export class FeatureTable {
  private readonly t: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  constructor(ids: ArrayLike<number>) {
    let bits = 4;
    while (1 << bits < ids.length * 2) bits++;
    this.t = new Int32Array(2 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
    for (let r = 0; r < ids.length; r++) {
      const k = ids[r]!;
      let i = Math.imul(k, 0x9e3779b1) >>> this.shift;
      while (this.t[i << 1] !== 0) i = (i + 1) & this.mask;
      this.t[i << 1] = k;
      this.t[(i << 1) + 1] = r;
    }
  }

  get(k: number): number {
    const t = this.t;
    let i = Math.imul(k, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const x = t[i << 1]!;
      if (x === k) return t[(i << 1) + 1]!;
      if (x === 0) return -1;
      i = (i + 1) & this.mask;
    }
  }

  /** Map feature ids to rows (-1 when unknown), in place into `out`. */
  lookup(ids: Int32Array, n: number, out: Int32Array): void {
    const t = this.t;
    const mask = this.mask;
    const shift = this.shift;
    for (let q = 0; q < n; q++) {
      const k = ids[q]!;
      let i = Math.imul(k, 0x9e3779b1) >>> shift;
      let r = -1;
      for (;;) {
        const x = t[i << 1]!;
        if (x === k) {
          r = t[(i << 1) + 1]!;
          break;
        }
        if (x === 0) break;
        i = (i + 1) & mask;
      }
      out[q] = r;
    }
  }
}

/** A trained model in memory (float weights). */
export interface ModelData {
  /** Feature id of each row. */
  ids: Int32Array;
  /** rows × NUM_LABELS weights. */
  W: Float32Array;
  /** NUM_CAP_CLASSES × L × L transition weights. */
  trans: Float32Array;
  gaz: Gazetteer;
  xgaz: Gazetteer;
  /** Word clusters: lower-cased word hash → fine id + 1 | (coarse id + 1) << 16 (absent in version 1 models). */
  clusters?: IntMap;
  meta: Record<string, unknown>;
}

const MAGIC = 0x52454e53; // "SNER" little-endian-ish tag
const VERSION = 2;

class Writer {
  buf = new Uint8Array(1 << 20);
  view = new DataView(this.buf.buffer);
  pos = 0;
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let c = this.buf.length;
    while (c < this.pos + n) c *= 2;
    const b = new Uint8Array(c);
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
    this.view = new DataView(b.buffer);
  }
  u8(x: number): void {
    this.ensure(1);
    this.buf[this.pos++] = x;
  }
  i8(x: number): void {
    this.ensure(1);
    this.view.setInt8(this.pos++, x);
  }
  i16(x: number): void {
    this.ensure(2);
    this.view.setInt16(this.pos, x, true);
    this.pos += 2;
  }
  u32(x: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, x >>> 0, true);
    this.pos += 4;
  }
  i32(x: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, x, true);
    this.pos += 4;
  }
  f32(x: number): void {
    this.ensure(4);
    this.view.setFloat32(this.pos, x, true);
    this.pos += 4;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
}

/**
 * Serialise a model. Weights are quantised to int8 with one scale (w ≈ q × scale) and stored
 * sparsely: per row, a 17-bit mask of the labels with a non-zero weight, then those weights.
 * Rows whose weights all quantise to zero are dropped.
 *
 * Layout (little endian): magic u32, version u32, labels u32, capClasses u32, meta length u32 +
 * UTF-8 JSON, scale f32, transitions f32 × TRANS_SIZE, rows u32, ids i32 × rows, masks u32 × rows,
 * values i8 × Σ popcount, then two gazetteers (maxLen u32, count u32, hashes i32 × count,
 * masks u8 × count), then (version 2) word clusters (count u32, hashes i32 × count, values i32 × count).
 */
export function serialiseModel(m: ModelData): Uint8Array {
  const { W: Q, trans, scale } = quantise(m.W, m.trans);
  const ids: number[] = [];
  const masks: number[] = [];
  const vals: number[] = [];
  const rows = m.ids.length;
  for (let r = 0; r < rows; r++) {
    let mask = 0;
    const rv: number[] = [];
    for (let y = 0; y < LN; y++) {
      const q = Q[r * LN + y]!;
      if (q !== 0) {
        mask |= 1 << y;
        rv.push(q);
      }
    }
    if (mask === 0) continue;
    ids.push(m.ids[r]!);
    masks.push(mask);
    vals.push(...rv);
  }
  const w = new Writer();
  w.u32(MAGIC);
  w.u32(VERSION);
  w.u32(LN);
  w.u32(NUM_CAP_CLASSES);
  const meta = new TextEncoder().encode(JSON.stringify(m.meta));
  w.u32(meta.length);
  w.bytes(meta);
  w.f32(scale);
  for (let i = 0; i < TRANS_SIZE; i++) w.f32(trans[i]!);
  w.u32(ids.length);
  for (const x of ids) w.i32(x);
  for (const x of masks) w.u32(x);
  w.u32(vals.length);
  for (const x of vals) w.i8(x);
  for (const g of [m.gaz, m.xgaz]) {
    w.u32(g.maxLen);
    w.u32(g.map.size);
    g.map.forEach((k) => w.i32(k));
    g.map.forEach((_, v) => w.u8(v));
  }
  const cl = m.clusters;
  w.u32(cl ? cl.size : 0);
  if (cl) {
    cl.forEach((k) => w.i32(k));
    cl.forEach((_, v) => w.i32(v));
  }
  return w.buf.slice(0, w.pos);
}

/** A model as loaded for tagging: int8 weights, rows × NUM_LABELS. */
export interface LoadedModel {
  ids: Int32Array;
  W: Int8Array;
  trans: Float32Array;
  gaz: Gazetteer;
  xgaz: Gazetteer;
  /** Word clusters: lower-cased word hash → fine id + 1 | (coarse id + 1) << 16 (absent in version 1 models). */
  clusters?: IntMap;
  meta: Record<string, unknown>;
}

/** Load a serialised model; weights come back in units of the quantisation step. */
export function deserialiseModel(bytes: Uint8Array): LoadedModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const u32 = () => {
    const x = view.getUint32(pos, true);
    pos += 4;
    return x;
  };
  if (u32() !== MAGIC) throw new Error('not a tagger model (bad magic number)');
  const version = u32();
  if (version !== VERSION && version !== 1) throw new Error(`unsupported tagger model version ${version}`);
  if (u32() !== LN || u32() !== NUM_CAP_CLASSES) throw new Error('tagger model does not match this code (labels / classes)');
  const metaLen = u32();
  const meta = JSON.parse(new TextDecoder().decode(bytes.subarray(pos, pos + metaLen))) as Record<string, unknown>;
  pos += metaLen;
  pos += 4; // scale: weights stay in quantisation units, which only rescales every score.
  const trans = new Float32Array(TRANS_SIZE);
  for (let i = 0; i < TRANS_SIZE; i++, pos += 4) trans[i] = view.getFloat32(pos, true);
  const rows = u32();
  const ids = new Int32Array(rows);
  for (let r = 0; r < rows; r++, pos += 4) ids[r] = view.getInt32(pos, true);
  const masks = new Uint32Array(rows);
  for (let r = 0; r < rows; r++, pos += 4) masks[r] = view.getUint32(pos, true);
  const nVals = u32();
  const vals = new Int8Array(bytes.buffer, bytes.byteOffset + pos, nVals);
  pos += nVals;
  const W = new Int8Array(rows * LN);
  let v = 0;
  for (let r = 0; r < rows; r++) {
    let mask = masks[r]!;
    const base = r * LN;
    for (let y = 0; mask !== 0; y++, mask >>>= 1) if (mask & 1) W[base + y] = vals[v++]!;
  }
  const gz: Gazetteer[] = [];
  for (let g = 0; g < 2; g++) {
    const maxLen = u32();
    const count = u32();
    const gazetteer = new Gazetteer(count);
    gazetteer.maxLen = maxLen;
    const hs = new Int32Array(count);
    for (let i = 0; i < count; i++, pos += 4) hs[i] = view.getInt32(pos, true);
    for (let i = 0; i < count; i++) gazetteer.map.set(hs[i]!, bytes[pos + i]!);
    pos += count;
    gz.push(gazetteer);
  }
  let clusters: IntMap | undefined;
  if (version >= 2) {
    const count = u32();
    clusters = new IntMap(tableBits(count));
    const base = pos;
    pos += count * 4;
    for (let i = 0; i < count; i++) clusters.set(view.getInt32(base + i * 4, true), view.getInt32(pos + i * 4, true));
    pos += count * 4;
  }
  return { ids, W, trans, gaz: gz[0]!, xgaz: gz[1]!, clusters, meta };
}
