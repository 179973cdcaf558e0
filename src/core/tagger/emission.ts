import { NUM_LABELS } from './labels';
import type { FeatureTable } from './model';

/**
 * Emission scores at inference, in packed int32 lanes: the int8 weight rows of the model are packed
 * two labels per int32 (packRows), so that a token's emission is the sum of a few packed rows (its
 * word's own sum, the rows of its other features, its context-aggregation group's sum), added two
 * labels at a time and unpacked into float64 scores once per token. Sums of packed words are exact
 * while each lane's sum stays within int16 (a token has far fewer than 256 features); the scores
 * are integer sums, so the order of the additions does not matter.
 */

const LN = NUM_LABELS;

/** Int32 words per packed row: labels 2i (low 16 bits) and 2i + 1 (high), signed. */
export const PW = (LN + 1) >> 1;

/** Pack int8 rows of LN weights two per int32 (lo + hi × 65536). */
export function packRows(W: Int8Array): Int32Array {
  const rows = (W.length / LN) | 0;
  const P = new Int32Array(rows * PW);
  for (let r = 0; r < rows; r++) {
    const s = r * LN;
    const d = r * PW;
    for (let i = 0; i < PW; i++) {
      const lo = W[s + 2 * i]!;
      const hi = 2 * i + 1 < LN ? W[s + 2 * i + 1]! : 0;
      P[d + i] = (hi * 65536 + lo) | 0;
    }
  }
  return P;
}

/** Append row r to R at k, if the feature has weights; returns the new end. */
export function pushRow(R: Int32Array, k: number, r: number): number {
  if (r >= 0) R[k++] = r;
  return k;
}

/**
 * sum[o .. o + PW) = the packed sum of the rows of P of the features keys[from .. to) that have
 * weights in table t.
 */
export function sumRows(sum: Int32Array, o: number, P: Int32Array, t: FeatureTable, keys: Int32Array, from: number, to: number): void {
  for (let y = 0; y < PW; y++) sum[o + y] = 0;
  for (let q = from; q < to; q++) {
    const r = t.get(keys[q]!);
    if (r < 0) continue;
    const rb = r * PW;
    for (let y = 0; y < PW; y++) sum[o + y] = (sum[o + y]! + P[rb + y]!) | 0;
  }
}

/**
 * em[off .. off + LN) = the packed sum S[w0 .. w0 + PW) (the word's own features) + the rows
 * R[0 .. k) of P, added two labels at a time and then unpacked.
 */
export function emit(P: Int32Array, R: Int32Array, k: number, S: Int32Array, w0: number, em: Float64Array, off: number): void {
  let a0 = S[w0]!;
  let a1 = S[w0 + 1]!;
  let a2 = S[w0 + 2]!;
  let a3 = S[w0 + 3]!;
  let a4 = S[w0 + 4]!;
  let a5 = S[w0 + 5]!;
  let a6 = S[w0 + 6]!;
  let a7 = S[w0 + 7]!;
  let a8 = S[w0 + 8]!;
  for (let q = 0; q < k; q++) {
    const r = R[q]! * PW;
    a0 = (a0 + P[r]!) | 0;
    a1 = (a1 + P[r + 1]!) | 0;
    a2 = (a2 + P[r + 2]!) | 0;
    a3 = (a3 + P[r + 3]!) | 0;
    a4 = (a4 + P[r + 4]!) | 0;
    a5 = (a5 + P[r + 5]!) | 0;
    a6 = (a6 + P[r + 6]!) | 0;
    a7 = (a7 + P[r + 7]!) | 0;
    a8 = (a8 + P[r + 8]!) | 0;
  }
  let lo: number;
  lo = (a0 << 16) >> 16;
  em[off] = lo;
  em[off + 1] = (a0 - lo) >> 16;
  lo = (a1 << 16) >> 16;
  em[off + 2] = lo;
  em[off + 3] = (a1 - lo) >> 16;
  lo = (a2 << 16) >> 16;
  em[off + 4] = lo;
  em[off + 5] = (a2 - lo) >> 16;
  lo = (a3 << 16) >> 16;
  em[off + 6] = lo;
  em[off + 7] = (a3 - lo) >> 16;
  lo = (a4 << 16) >> 16;
  em[off + 8] = lo;
  em[off + 9] = (a4 - lo) >> 16;
  lo = (a5 << 16) >> 16;
  em[off + 10] = lo;
  em[off + 11] = (a5 - lo) >> 16;
  lo = (a6 << 16) >> 16;
  em[off + 12] = lo;
  em[off + 13] = (a6 - lo) >> 16;
  lo = (a7 << 16) >> 16;
  em[off + 14] = lo;
  em[off + 15] = (a7 - lo) >> 16;
  em[off + 16] = (a8 << 16) >> 16;
}

/** em[off .. off + LN) += the packed sum G[g × PW .. (g + 1) × PW) (a context-aggregation group's, see sumRows). */
export function addPacked(G: Int32Array, g: number, em: Float64Array, off: number): void {
  const o = g * PW;
  for (let i = 0; i < PW; i++) {
    const x = G[o + i]!;
    const lo = (x << 16) >> 16;
    em[off + 2 * i] = em[off + 2 * i]! + lo;
    if (2 * i + 1 < LN) em[off + 2 * i + 1] = em[off + 2 * i + 1]! + ((x - lo) >> 16);
  }
}
