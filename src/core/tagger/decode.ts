import { IntMap } from './hash';
import { historyKeys } from './documentEvidence';
import type { DocFeatures } from './extractor';
import { NUM_CAP_CLASSES } from './templates';
import { allowed, allowedEnd, labelType, NUM_LABELS } from './labels';

/**
 * Decoding: emission scores per token (sums of int8 feature weights) and first-order Viterbi
 * constrained to well-formed BILOU sequences. The inner loops are unrolled for the 17 labels of
 * BILOU over four types; the weights of a token are summed in locals, not in memory.
 */

const LN = NUM_LABELS;

export const START_OK: Uint8Array = Uint8Array.from({ length: LN }, (_, y) => (allowed(-1, y) ? 1 : 0));
export const END_OK: Uint8Array = Uint8Array.from({ length: LN }, (_, y) => (allowedEnd(y) ? 1 : 0));
/** Labels that may follow O, L-x or U-x (or start a sentence): O, B-x, U-x. */
const OPENERS = Int8Array.from([0, 1, 4, 5, 8, 9, 12, 13, 16]);

/** Quantise weights to int8 with one scale: w ≈ q × scale. Transitions are rescaled, not rounded. */
export function quantise(W: Float32Array, trans: Float32Array): { W: Int8Array; trans: Float32Array; scale: number } {
  let maxAbs = 0;
  for (let i = 0; i < W.length; i++) maxAbs = Math.max(maxAbs, Math.abs(W[i]!));
  const scale = maxAbs > 0 ? maxAbs / 127 : 1;
  const q = new Int8Array(W.length);
  for (let i = 0; i < W.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(W[i]! / scale)));
  const t = new Float32Array(trans.length);
  for (let i = 0; i < trans.length; i++) t[i] = trans[i]! / scale;
  return { W: q, trans: t, scale };
}

/** Add the weight rows of features [k0, k1) of `rows` into em[off .. off + LN) (float weights, training). */
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

  /** Make room for sentences of m tokens. */
  reserve(m: number): void {
    if (this.delta.length >= m * LN) return;
    this.delta = new Float64Array(m * LN);
    this.back = new Int8Array(m * LN);
  }

  run(em: Float64Array, m: number, cap: Uint8Array, capOff: number, trans: Float32Array, out: Uint8Array, outOff: number): void {
    if (m === 0) return;
    if (LN !== 17) throw new Error('Viterbi is specialised to BILOU over 4 types');
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
    // Labels that close an entity (O, L-x, U-x) may be followed by O, B-x or U-x; B-x and I-x
    // only by I-x or L-x of the same type.
    for (let j = 1; j < m; j++) {
      const tb = cap[capOff + j]! * LN * LN;
      const o = j * LN;
      const po = o - LN;
      const d0 = D[po + 0]!;
      const d3 = D[po + 3]!;
      const d4 = D[po + 4]!;
      const d7 = D[po + 7]!;
      const d8 = D[po + 8]!;
      const d11 = D[po + 11]!;
      const d12 = D[po + 12]!;
      const d15 = D[po + 15]!;
      const d16 = D[po + 16]!;
      for (let q = 0; q < 9; q++) {
        const y = OPENERS[q]!;
        const c = tb + y;
        let best = d0 + trans[c]!;
        let arg = 0;
        let v: number;
        v = d3 + trans[c + 51]!;
        if (v > best) {
          best = v;
          arg = 3;
        }
        v = d4 + trans[c + 68]!;
        if (v > best) {
          best = v;
          arg = 4;
        }
        v = d7 + trans[c + 119]!;
        if (v > best) {
          best = v;
          arg = 7;
        }
        v = d8 + trans[c + 136]!;
        if (v > best) {
          best = v;
          arg = 8;
        }
        v = d11 + trans[c + 187]!;
        if (v > best) {
          best = v;
          arg = 11;
        }
        v = d12 + trans[c + 204]!;
        if (v > best) {
          best = v;
          arg = 12;
        }
        v = d15 + trans[c + 255]!;
        if (v > best) {
          best = v;
          arg = 15;
        }
        v = d16 + trans[c + 272]!;
        if (v > best) {
          best = v;
          arg = 16;
        }
        D[o + y] = best + em[o + y]!;
        Bk[o + y] = arg;
      }
      for (let t = 0; t < 4; t++) {
        const bl = 1 + 4 * t; // B-t; I-t = bl + 1, L-t = bl + 2
        const db = D[po + bl]!;
        const di = D[po + bl + 1]!;
        for (let y = bl + 1; y <= bl + 2; y++) {
          const vb = db + trans[tb + bl * LN + y]!;
          const vi = di + trans[tb + (bl + 1) * LN + y]!;
          if (vb >= vi) {
            D[o + y] = vb + em[o + y]!;
            Bk[o + y] = bl;
          } else {
            D[o + y] = vi + em[o + y]!;
            Bk[o + y] = bl + 1;
          }
        }
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
  private index: IntMap;
  counts: Int32Array;
  private used = 0;

  /** Room for 2^bits / 2 words before anything grows. */
  constructor(bits = 8) {
    this.index = new IntMap(bits);
    this.counts = new Int32Array(5 << bits);
  }

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
  /** rows × NUM_LABELS weights (quantised). */
  W: Int8Array;
  /** NUM_CAP_CLASSES × LN × LN, in the same units as W. */
  trans: Float32Array;
  /** Rows of the history feature ids (few; reserved at training). */
  histRow: (key: number) => number;
  /**
   * Optional per-word sums of the weights of the features of the word alone (slot × LN), and the
   * slot of each token; the document's keys then leave those features out.
   */
  wordSum?: Int16Array;
  wordSlot?: Int32Array;
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
    if (LN !== 17) throw new Error('decoder is unrolled for 17 labels');
    const hist = this.hist;
    hist.reset();
    const S = df.sentStart.length - 1;
    const W = P.W;
    const keyStart = df.keyStart;
    const ws = P.wordSum;
    const wslot = P.wordSlot ?? df.keyStart;
    for (let s = 0; s < S; s++) {
      const a = df.sentStart[s]!;
      const b = df.sentStart[s + 1]!;
      const m = b - a;
      if (m === 0) continue;
      if (this.em.length < m * LN) this.em = new Float64Array(m * LN * 2);
      const em = this.em;
      for (let j = a; j < b; j++) {
        const off = (j - a) * LN;
        // One local per label: the sums stay in registers instead of read-modify-write on memory.
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0, s16 = 0;
        if (ws !== undefined) {
          const w0 = wslot[j]! * LN;
          s0 = ws[w0 + 0]!;
          s1 = ws[w0 + 1]!;
          s2 = ws[w0 + 2]!;
          s3 = ws[w0 + 3]!;
          s4 = ws[w0 + 4]!;
          s5 = ws[w0 + 5]!;
          s6 = ws[w0 + 6]!;
          s7 = ws[w0 + 7]!;
          s8 = ws[w0 + 8]!;
          s9 = ws[w0 + 9]!;
          s10 = ws[w0 + 10]!;
          s11 = ws[w0 + 11]!;
          s12 = ws[w0 + 12]!;
          s13 = ws[w0 + 13]!;
          s14 = ws[w0 + 14]!;
          s15 = ws[w0 + 15]!;
          s16 = ws[w0 + 16]!;
        }
        const k1 = keyStart[j + 1]!;
        for (let k = keyStart[j]!; k < k1; k++) {
          const r = rows[k]!;
          if (r < 0) continue;
          const b0 = r * LN;
          s0 += W[b0 + 0]!;
          s1 += W[b0 + 1]!;
          s2 += W[b0 + 2]!;
          s3 += W[b0 + 3]!;
          s4 += W[b0 + 4]!;
          s5 += W[b0 + 5]!;
          s6 += W[b0 + 6]!;
          s7 += W[b0 + 7]!;
          s8 += W[b0 + 8]!;
          s9 += W[b0 + 9]!;
          s10 += W[b0 + 10]!;
          s11 += W[b0 + 11]!;
          s12 += W[b0 + 12]!;
          s13 += W[b0 + 13]!;
          s14 += W[b0 + 14]!;
          s15 += W[b0 + 15]!;
          s16 += W[b0 + 16]!;
        }
        const hkey = df.histKey[j]!;
        if (hkey !== 0) {
          const ho = hist.get(hkey);
          if (ho >= 0) {
            const nk = historyKeys(hist.counts, ho, df.initial[j]!, this.hk);
            for (let h = 0; h < nk; h++) {
              const r = P.histRow(this.hk[h]!);
              if (r < 0) continue;
              const b0 = r * LN;
              s0 += W[b0 + 0]!;
              s1 += W[b0 + 1]!;
              s2 += W[b0 + 2]!;
              s3 += W[b0 + 3]!;
              s4 += W[b0 + 4]!;
              s5 += W[b0 + 5]!;
              s6 += W[b0 + 6]!;
              s7 += W[b0 + 7]!;
              s8 += W[b0 + 8]!;
              s9 += W[b0 + 9]!;
              s10 += W[b0 + 10]!;
              s11 += W[b0 + 11]!;
              s12 += W[b0 + 12]!;
              s13 += W[b0 + 13]!;
              s14 += W[b0 + 14]!;
              s15 += W[b0 + 15]!;
              s16 += W[b0 + 16]!;
            }
          }
        }
        em[off + 0] = s0;
        em[off + 1] = s1;
        em[off + 2] = s2;
        em[off + 3] = s3;
        em[off + 4] = s4;
        em[off + 5] = s5;
        em[off + 6] = s6;
        em[off + 7] = s7;
        em[off + 8] = s8;
        em[off + 9] = s9;
        em[off + 10] = s10;
        em[off + 11] = s11;
        em[off + 12] = s12;
        em[off + 13] = s13;
        em[off + 14] = s14;
        em[off + 15] = s15;
        em[off + 16] = s16;
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
