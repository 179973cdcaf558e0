import { ContextAggregator } from './docContext';
import { documentEvidence } from './documentEvidence';
import { type Gazetteer, markGazetteer } from './gazetteerFeatures';
import { feat1, feat2, feat3, IntMap } from './hash';
import {
  BOS,
  C_ALLCAP,
  C_CAP,
  C_LOWER,
  C_PUNCT,
  EOS,
  T_BI_M1,
  T_BI_P1,
  T_CAP,
  T_CAPSEQ,
  T_DOC,
  T_GAZ,
  T_GAZ_CAP,
  T_GAZM1,
  T_GAZP1,
  T_LM1,
  T_LM2,
  T_LP1,
  T_LP2,
  T_SH_0_P1,
  T_SH_M1_0,
  T_XGAZ,
  T_XGAZM1,
  T_XGAZP1,
} from './templates';
import { analyse, TokenTable } from './tokenTable';
import { wordKeysOf } from './wordKeys';

/**
 * The training-time feature extractor: every feature id of every token of a document (the word
 * alone, its neighbours at ±2, capitalisation in the sentence, gazetteer matches, document
 * evidence, context aggregation), as flat arrays. The tagger computes the same features at
 * inference without this class (index.ts, wordRecords.ts), caching what depends on the word alone.
 */

/** Static features of a document, plus what the dynamic (history) features need. */
export interface DocFeatures {
  n: number;
  /** Token index where each sentence starts; length = sentences + 1. */
  sentStart: Int32Array;
  keys: Int32Array;
  /** Offsets into keys; length n + 1. */
  keyStart: Int32Array;
  /** Per token: its lower-cased hash when capitalised (the history key), else 0. */
  histKey: Int32Array;
  /** Per token: hash of the (normalised) word. */
  wordHash: Int32Array;
  initial: Uint8Array;
  cap: Uint8Array;
}

/** Reusable extractor (holds scratch buffers). */
export class FeatureExtractor {
  private T = new TokenTable();
  private keys = new Int32Array(1 << 16);
  private histKey = new Int32Array(1024);
  private seen = new IntMap(10);

  constructor(
    public gaz: Gazetteer | null,
    public xgaz: Gazetteer | null,
    public clusters: IntMap | null = null,
    /** Context aggregation over the neighbours within this window (docContext.ts); 0: none. */
    aggregate = 0,
    aggregateMin = 2,
    aggregateMode = 0,
  ) {
    this.agg = aggregate > 0 ? new ContextAggregator(aggregate, aggregateMin, aggregateMode, clusters) : null;
  }
  private readonly agg: ContextAggregator | null;

  /**
   * Ids of the features of token j (of the last document extracted) that depend on the token
   * alone: the word, its lower-cased form, shape, prefixes, suffixes, flags, length (and the bias).
   * Written to out[kp...]; returns the new end.
   */
  wordKeys(j: number, out: Int32Array, kp: number): number {
    return wordKeysOf(this.T, j, out, kp, this.xgaz, this.clusters);
  }

  /**
   * Features of a document. The arrays returned are views of buffers the extractor reuses, unless
   * `copy` is set. With `split`, the features of the token alone (wordKeys) are left out, for a
   * caller that caches their weights per word (`wordHash` identifies the word).
   */
  extract(sentences: readonly (readonly string[])[], copy = false, split = false, noAggregate = false): DocFeatures {
    let n = 0;
    for (const s of sentences) n += s.length;
    const T = this.T;
    T.reserve(n);
    const sentStart = new Int32Array(sentences.length + 1);
    // Pass 1: per-token hashes, sentence-level case.
    let i = 0;
    for (let si = 0; si < sentences.length; si++) {
      const s = sentences[si]!;
      sentStart[si] = i;
      const a = i;
      let seenWord = false;
      let nLower = 0;
      let nCap = 0;
      let nAll = 0;
      for (let k = 0; k < s.length; k++, i++) {
        analyse(s[k]!, i, T);
        const c = T.cap[i]!;
        T.initial[i] = seenWord ? 0 : 1;
        if (c !== C_PUNCT) seenWord = true;
        if (c === C_LOWER && T.len[i]! > 3) nLower++;
        else if (c === C_CAP) nCap++;
        else if (c === C_ALLCAP) nAll++;
        T.gaz[i] = 0;
        T.xgaz[i] = 0;
      }
      // 0 normal, 1 capitals (headline), 2 title case
      const sc = nAll >= 2 && nAll > nCap + nLower ? 1 : nLower === 0 && nCap >= 3 ? 2 : 0;
      for (let j = a; j < i; j++) T.sentCase[j] = sc;
      if (this.gaz) markGazetteer(T, a, i, this.gaz, T.gaz);
      if (this.xgaz) markGazetteer(T, a, i, this.xgaz, T.xgaz);
    }
    sentStart[sentences.length] = n;
    // Pass 2: document-level evidence per lower-cased form, and the history keys.
    if (this.histKey.length < n) this.histKey = new Int32Array(n * 2);
    documentEvidence(T, n, this.seen, this.histKey);
    const agg = noAggregate ? null : this.agg;
    if (agg) agg.run(T.lH, T.cap, sentStart, sentences.length, n);
    // Pass 3: feature ids.
    const keyStart = new Int32Array(n + 1);
    let kp = 0;
    const maxPer = 256; // more than any token can have
    if (this.keys.length < n * 16 + maxPer) {
      let c = this.keys.length;
      while (c < n * 16 + maxPer) c *= 2;
      this.keys = new Int32Array(c);
    }
    let K = this.keys;
    const { lH, shH, cap, initial, sentCase, gaz, xgaz, doc } = T;
    for (let si = 0; si < sentences.length; si++) {
      const a = sentStart[si]!;
      const b = sentStart[si + 1]!;
      for (let j = a; j < b; j++) {
        keyStart[j] = kp;
        const l0 = lH[j]!;
        const lm1 = j - 1 >= a ? lH[j - 1]! : BOS;
        const lm2 = j - 2 >= a ? lH[j - 2]! : BOS;
        const lp1 = j + 1 < b ? lH[j + 1]! : EOS;
        const lp2 = j + 2 < b ? lH[j + 2]! : EOS;
        const s0 = shH[j]!;
        const sm1 = j - 1 >= a ? shH[j - 1]! : BOS;
        const sp1 = j + 1 < b ? shH[j + 1]! : EOS;
        const c0 = cap[j]!;
        const cm1 = j - 1 >= a ? cap[j - 1]! : 7;
        const cp1 = j + 1 < b ? cap[j + 1]! : 7;
        const sc = sentCase[j]!;
        const ini = initial[j]!;
        if (!split) kp = this.wordKeys(j, K, kp);
        K[kp++] = feat1(T_LM1, lm1);
        K[kp++] = feat1(T_LP1, lp1);
        K[kp++] = feat1(T_LM2, lm2);
        K[kp++] = feat1(T_LP2, lp2);
        K[kp++] = feat2(T_SH_M1_0, sm1, s0);
        K[kp++] = feat2(T_SH_0_P1, s0, sp1);
        K[kp++] = feat2(T_BI_M1, lm1, l0);
        K[kp++] = feat2(T_BI_P1, l0, lp1);
        K[kp++] = feat3(T_CAP, c0, ini, sc);
        K[kp++] = feat3(T_CAPSEQ, cm1, c0, cp1);
        const d = doc[j]!;
        if (d !== 0) K[kp++] = feat3(T_DOC, d, ini, sc * 8 + c0);
        let g = gaz[j]!;
        if (g !== 0) {
          K[kp++] = feat2(T_GAZ_CAP, g, c0);
          for (let bit = 0; g !== 0; bit++, g >>>= 1) if (g & 1) K[kp++] = feat1(T_GAZ, bit);
        }
        g = j - 1 >= a ? gaz[j - 1]! : 0;
        for (let bit = 0; g !== 0; bit++, g >>>= 1) if (g & 1) K[kp++] = feat1(T_GAZM1, bit);
        g = j + 1 < b ? gaz[j + 1]! : 0;
        for (let bit = 0; g !== 0; bit++, g >>>= 1) if (g & 1) K[kp++] = feat1(T_GAZP1, bit);
        g = xgaz[j]!;
        for (let bit = 0; g !== 0; bit++, g >>>= 1) if (g & 1) K[kp++] = feat1(T_XGAZ, bit);
        g = j - 1 >= a ? xgaz[j - 1]! : 0;
        for (let bit = 0; g !== 0; bit++, g >>>= 1) if (g & 1) K[kp++] = feat1(T_XGAZM1, bit);
        g = j + 1 < b ? xgaz[j + 1]! : 0;
        for (let bit = 0; g !== 0; bit++, g >>>= 1) if (g & 1) K[kp++] = feat1(T_XGAZP1, bit);
        if (agg && agg.group[j]! >= 0) {
          const grp = agg.group[j]!;
          for (let q = agg.groupStart[grp]!; q < agg.groupStart[grp + 1]!; q++) K[kp++] = agg.keys[q]!;
        }
        if (kp > K.length - maxPer) {
          const bigger = new Int32Array(K.length * 2);
          bigger.set(K);
          K = this.keys = bigger;
        }
      }
    }
    keyStart[n] = kp;
    const view = <A extends Int32Array | Uint8Array>(x: A, len: number): A => (copy ? x.slice(0, len) : x.subarray(0, len)) as A;
    return {
      n,
      sentStart,
      keys: view(K, kp),
      keyStart,
      histKey: view(this.histKey, n),
      wordHash: view(T.wH, n),
      initial: view(initial, n),
      cap: view(cap, n),
    };
  }
}
