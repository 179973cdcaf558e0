import { combine, feat1, feat2, feat3, IntMap } from './hash';
import { Gazetteer } from './gazetteerFeatures';
import { C_LOWER, C_NUM, C_PUNCT, T_BIAS, T_CLU, T_FLAGS, T_L, T_LEN, T_PRE, T_SH, T_SUF, T_W, T_WGAZ } from './templates';
import type { TokenTable } from './tokenTable';

/**
 * The features of a token that depend on the token alone (no neighbours, no document): shared by
 * the training-time extractor and the tagger's per-word cache (wordRecords.ts), which sums their
 * weights once per distinct word.
 */

/**
 * Ids of the features of row j of `T` that depend on the token alone: the word, its lower-cased
 * form, shape, prefixes, suffixes, flags, length (and the bias). Written to out[kp...]; returns the
 * new end.
 */
export function wordKeysOf(T: TokenTable, j: number, out: Int32Array, kp: number, xgaz: Gazetteer | null, clusters: IntMap | null): number {
  const c0 = T.cap[j]!;
  const ln = T.len[j]!;
  out[kp++] = feat1(T_BIAS, 0);
  out[kp++] = feat1(T_W, T.wH[j]!);
  out[kp++] = feat1(T_L, T.lH[j]!);
  out[kp++] = feat1(T_SH, T.shH[j]!);
  if (c0 !== C_PUNCT) {
    for (let k = 0; k < 4 && k < ln; k++) {
      out[kp++] = feat2(T_PRE, k, T.pre[j * 4 + k]!);
      out[kp++] = feat2(T_SUF, k, T.suf[j * 4 + k]!);
    }
  }
  out[kp++] = feat2(T_FLAGS, T.flags[j]!, c0);
  out[kp++] = feat2(T_LEN, ln > 10 ? 10 : ln, c0);
  if (xgaz && c0 !== C_PUNCT && c0 !== C_NUM) {
    const m = xgaz.map.get(combine(Gazetteer.seqSeed, T.lH[j]!), 0) & 31;
    if (m !== 0) out[kp++] = feat2(T_WGAZ, m, c0 === C_LOWER ? 0 : 1);
  }
  if (clusters && c0 !== C_PUNCT) {
    const v = clusters.get(T.lH[j]!, 0);
    if (v !== 0) {
      out[kp++] = feat2(T_CLU, 0, v & 0xffff);
      out[kp++] = feat2(T_CLU, 1, v >>> 16);
      out[kp++] = feat3(T_CLU, 2, v >>> 16, c0);
    }
  }
  return kp;
}
