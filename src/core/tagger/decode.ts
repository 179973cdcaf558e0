import { allowed, allowedEnd, NUM_LABELS } from './labels';
import { historyKeys, NUM_CAP_CLASSES, type DocFeatures } from './features';
import { labelType } from './labels';
import { IntMap } from './hash';

const LN = NUM_LABELS;

/** Predecessors allowed for each label (BILOU constraints), and labels allowed at the start / end. */
export const PREDS: readonly Int8Array[] = Array.from({ length: LN }, (_, y) => {
  const ps: number[] = [];
  for (let p = 0; p < LN; p++) if (allowed(p, y)) ps.push(p);
  return Int8Array.from(ps);
});
export const START_OK: Uint8Array = Uint8Array.from({ length: LN }, (_, y) => (allowed(-1, y) ? 1 : 0));
export const END_OK: Uint8Array = Uint8Array.from({ length: LN }, (_, y) => (allowedEnd(y) ? 1 : 0));

/** Weights stored by row, only the non-zero ones (compressed sparse rows). */
export interface SparseWeights {
  /** Row r has entries rowPtr[r] .. rowPtr[r + 1]. */
  rowPtr: Int32Array;
  lab: Uint8Array;
  val: Float32Array;
}

/** Sparse copy of dense rows × LN weights. */
export function sparsify(W: Float32Array): SparseWeights {
  const R = W.length / LN;
  let nnz = 0;
  for (let i = 0; i < W.length; i++) if (W[i] !== 0) nnz++;
  const rowPtr = new Int32Array(R + 1);
  const lab = new Uint8Array(nnz);
  const val = new Float32Array(nnz);
  let q = 0;
  for (let r = 0; r < R; r++) {
    rowPtr[r] = q;
    for (let y = 0; y < LN; y++) {
      const w = W[r * LN + y]!;
      if (w !== 0) {
        lab[q] = y;
        val[q++] = w;
      }
    }
  }
  rowPtr[R] = q;
  return { rowPtr, lab, val };
}

/** Add the weight rows of features [k0, k1) of `rows` into em[off .. off + LN) (dense weights). */
export function addRows(rows: Int32Array, k0: number, k1: number, W: Float32Array, em: Float64Array, off: number): void {
  for (let k = k0; k < k1; k++) {
    const r = rows[k]!;
    if (r < 0) continue;
    const base = r * LN;
    for (let y = 0; y < LN; y++) em[off + y]! += W[base + y]!;
  }
}

/**
 * Viterbi over one sentence: em holds m × LN emission scores, trans holds NUM_CAP_CLASSES × LN × LN
 * transition scores (chosen by the capitalisation class of the current token).
 */
export class Viterbi {
  private delta = new Float64Array(LN * 64);
  private back = new Int8Array(LN * 64);

  run(em: Float64Array, m: number, cap: Uint8Array, capOff: number, trans: Float32Array, out: Uint8Array, outOff: number): void {
    if (m === 0) return;
    if (this.delta.length < m * LN) {
      this.delta = new Float64Array(m * LN * 2);
      this.back = new Int8Array(m * LN * 2);
    }
    const D = this.delta;
    const Bk = this.back;
    const NEG = -1e300;
    {
      const tb = cap[capOff]! * LN * LN;
      // Start: transition from O.
      for (let y = 0; y < LN; y++) D[y] = START_OK[y] ? em[y]! + trans[tb + y]! : NEG;
    }
    for (let j = 1; j < m; j++) {
      const tb = cap[capOff + j]! * LN * LN;
      const o = j * LN;
      const po = o - LN;
      for (let y = 0; y < LN; y++) {
        const ps = PREDS[y]!;
        let best = NEG;
        let arg = 0;
        for (let q = 0; q < ps.length; q++) {
          const p = ps[q]!;
          const v = D[po + p]! + trans[tb + p * LN + y]!;
          if (v > best) {
            best = v;
            arg = p;
          }
        }
        D[o + y] = best + em[o + y]!;
        Bk[o + y] = arg;
      }
    }
    const o = (m - 1) * LN;
    let best = NEG;
    let arg = 0;
    for (let y = 0; y < LN; y++) {
      if (!END_OK[y]) continue;
      if (D[o + y]! > best) {
        best = D[o + y]!;
        arg = y;
      }
    }
    for (let j = m - 1; j >= 0; j--) {
      out[outOff + j] = arg;
      arg = Bk[j * LN + arg]!;
    }
  }
}

/** Running per-document label counts [O, PER, ORG, LOC, MISC] for capitalised words. */
export class History {
  private index = new IntMap(8);
  counts = new Int32Array(5 * 256);
  private used = 0;

  reset(): void {
    this.index.clear();
    this.used = 0;
  }

  /** Offset of the counts of `key`, or -1 if the word has not been labelled yet. */
  get(key: number): number {
    const i = this.index.get(key);
    return i < 0 ? -1 : i * 5;
  }

  add(key: number, labelOfToken: number): void {
    let i = this.index.get(key);
    if (i < 0) {
      i = this.used++;
      this.index.set(key, i);
      if (this.used * 5 > this.counts.length) {
        const c = new Int32Array(this.counts.length * 2);
        c.set(this.counts);
        this.counts = c;
      }
      this.counts.fill(0, i * 5, i * 5 + 5);
    }
    this.counts[i * 5 + labelType(labelOfToken) + 1]!++;
  }
}

/** Parameters needed to decode. */
export interface DecodeParams {
  W: SparseWeights;
  /** NUM_CAP_CLASSES × LN × LN. */
  trans: Float32Array;
  /** Rows of the history feature ids (few; reserved at training). */
  histRow: (key: number) => number;
}

/**
 * Decode a document: per sentence, emission scores (static features + history features from the
 * labels given so far in the document), Viterbi, then the history is updated with the result.
 */
export class DocDecoder {
  private em = new Float64Array(LN * 64);
  private vit = new Viterbi();
  private hist = new History();
  private hk = new Int32Array(16);

  decode(df: DocFeatures, rows: Int32Array, P: DecodeParams, out: Uint8Array): void {
    const hist = this.hist;
    hist.reset();
    const S = df.sentStart.length - 1;
    const { rowPtr, lab, val } = P.W;
    for (let s = 0; s < S; s++) {
      const a = df.sentStart[s]!;
      const b = df.sentStart[s + 1]!;
      const m = b - a;
      if (m === 0) continue;
      if (this.em.length < m * LN) this.em = new Float64Array(m * LN * 2);
      const em = this.em;
      em.fill(0, 0, m * LN);
      for (let j = a; j < b; j++) {
        const off = (j - a) * LN;
        const k1 = df.keyStart[j + 1]!;
        for (let k = df.keyStart[j]!; k < k1; k++) {
          const r = rows[k]!;
          if (r < 0) continue;
          const e = rowPtr[r + 1]!;
          for (let q = rowPtr[r]!; q < e; q++) em[off + lab[q]!]! += val[q]!;
        }
        const hkey = df.histKey[j]!;
        if (hkey !== 0) {
          const ho = hist.get(hkey);
          if (ho >= 0) {
            const nk = historyKeys(hist.counts, ho, df.initial[j]!, this.hk);
            for (let h = 0; h < nk; h++) {
              const r = P.histRow(this.hk[h]!);
              if (r < 0) continue;
              const e = rowPtr[r + 1]!;
              for (let q = rowPtr[r]!; q < e; q++) em[off + lab[q]!]! += val[q]!;
            }
          }
        }
      }
      this.vit.run(em, m, df.cap, a, P.trans, out, a);
      for (let j = a; j < b; j++) {
        const hkey = df.histKey[j]!;
        if (hkey !== 0) hist.add(hkey, out[j]!);
      }
    }
  }
}

export const TRANS_SIZE = NUM_CAP_CLASSES * LN * LN;
