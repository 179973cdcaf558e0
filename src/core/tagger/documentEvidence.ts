import { feat1, feat2, IntMap } from './hash';
import { C_ALLCAP, C_CAP, C_LOWER, C_MIXED, T_HHAS, T_HMAJ } from './templates';
import type { TokenTable } from './tokenTable';

/**
 * Features that need the whole document, shared by training and tagging: the document evidence of
 * each token (how the document writes the same word elsewhere) with the history key of each
 * capitalised token, and the ids of the history features (the labels given earlier in the document
 * to tokens of the same history key).
 */

/**
 * Document-level evidence, shared by training and tagging: per lower-cased form, whether the
 * document writes it in lower case and how often capitalised inside a sentence (`T.doc`), and the
 * history key of each capitalised token (0 for the others, so that nothing of an earlier document
 * leaks into this one: a document is tagged the same whatever came before).
 */
export function documentEvidence(T: TokenTable, n: number, seen: IntMap, histKey: Int32Array): void {
  // Per lower-cased form: bit 0 = seen in lower case; count of capitalised uses inside a sentence << 1.
  seen.clear();
  for (let j = 0; j < n; j++) {
    const c = T.cap[j]!;
    if (T.sentCase[j] !== 0) continue;
    if (c === C_LOWER) seen.set(T.lH[j]!, seen.get(T.lH[j]!, 0) | 1);
    else if ((c === C_CAP || c === C_ALLCAP) && T.initial[j] === 0) seen.set(T.lH[j]!, seen.get(T.lH[j]!, 0) + 2);
  }
  for (let j = 0; j < n; j++) {
    const c = T.cap[j]!;
    if (c === C_CAP || c === C_ALLCAP || c === C_MIXED) {
      const h = T.lH[j]!;
      histKey[j] = h === 0 ? 1 : h;
      const v = seen.get(h, 0);
      const mid = (v >> 1) - (T.sentCase[j] === 0 && T.initial[j] === 0 && c !== C_MIXED ? 1 : 0);
      T.doc[j] = 1 + (v & 1) + (mid > 0 ? 2 : 0);
    } else {
      histKey[j] = 0;
      T.doc[j] = 0;
    }
  }
}

/** Ids of the history features of a token, given label counts [O, PER, ORG, LOC, MISC] of earlier uses. */
export function historyKeys(counts: Int32Array, off: number, initial: number, out: Int32Array): number {
  let k = 0;
  let best = -1;
  let bestC = 0;
  let total = 0;
  for (let t = 0; t < 5; t++) {
    const c = counts[off + t]!;
    total += c;
    if (c > bestC) {
      bestC = c;
      best = t;
    }
    if (t > 0 && c > 0) out[k++] = feat1(T_HHAS, t);
  }
  if (total > 0) out[k++] = feat2(T_HMAJ, best, initial);
  return k;
}

/** Every id the history features can take (to reserve their rows before training). */
export function allHistoryKeys(): number[] {
  const out: number[] = [];
  for (let t = 0; t < 5; t++) {
    out.push(feat1(T_HHAS, t));
    out.push(feat2(T_HMAJ, t, 0), feat2(T_HMAJ, t, 1));
  }
  return out;
}
