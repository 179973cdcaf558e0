import { combine, feat1, feat2, feat3, FNV_OFFSET, FNV_PRIME, IntMap } from './hash';
import { ContextAggregator } from './docContext';

/**
 * Feature extraction (after Ratinov & Roth 2009): the word, its lower-cased form, its shape,
 * prefixes and suffixes up to 4, the neighbours at ±2, capitalisation at the start of a sentence
 * versus inside it, the case of the whole sentence (headline in capitals or title case), matches
 * against gazetteers, and document-level evidence (the same word written in lower case elsewhere
 * in the document, or capitalised inside a sentence elsewhere).
 *
 * Features are 32-bit ids built by hashing: each token's strings are hashed once (FNV-1a, one
 * pass over its characters), and a feature id is a hash of its template number and one to three
 * of those values. Curly quotes, dashes and the like are normalised to the ASCII forms of the
 * CoNLL-2003 text inside the hash, so the model sees "’s" and "'s" as the same token.
 */

// Static templates.
export const T_BIAS = 0;
export const T_W = 1;
export const T_L = 2;
export const T_LM1 = 3;
export const T_LP1 = 4;
export const T_LM2 = 5;
export const T_LP2 = 6;
export const T_SH = 7;
export const T_SH_M1_0 = 10;
export const T_SH_0_P1 = 11;
export const T_BI_M1 = 12;
export const T_BI_P1 = 13;
export const T_PRE = 14;
export const T_SUF = 15;
export const T_CAP = 16;
export const T_FLAGS = 17;
export const T_LEN = 18;
export const T_GAZ = 19;
export const T_GAZM1 = 20;
export const T_GAZP1 = 21;
export const T_XGAZ = 22;
export const T_XGAZM1 = 23;
export const T_XGAZP1 = 24;
export const T_DOC = 25;
export const T_CAPSEQ = 30;
export const T_GAZ_CAP = 31;
/** The lower-cased word alone is an entry of the external gazetteer (whatever its case). */
export const T_WGAZ = 32;
/** Word clusters of the lower-cased word (fine, coarse), learned from unlabelled text (scripts/clusters.ts). */
export const T_CLU = 33;
// Dynamic templates (need the labels given earlier in the document).
export const T_HMAJ = 40;
export const T_HHAS = 41;

/** Capitalisation classes. */
export const C_NUM = 0;
export const C_LOWER = 1;
export const C_CAP = 2;
export const C_ALLCAP = 3;
export const C_MIXED = 4;
export const C_PUNCT = 5;
export const NUM_CAP_CLASSES = 6;

export const BOS = 0x5b0a;
export const EOS = 0x5e0a;

/** Map typographic characters to the ASCII the CoNLL-2003 text uses. */
export function normChar(c: number): number {
  if (c < 128) return c;
  switch (c) {
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: case 0x02bc:
      return 39; // '
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033: case 0xab: case 0xbb:
      return 34; // "
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return 45; // -
    case 0x2026:
      return 46; // .
    case 0xa0:
      return 32;
    default:
      return c;
  }
}

/** Lower-case form of a code unit, digits mapped to '0'; -1 in `kind` slot via return of class. */
function lowerCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return 48;
  if (c < 128) return c;
  const ch = String.fromCharCode(c);
  const l = ch.toLowerCase();
  return l.length === 1 ? l.charCodeAt(0) : c;
}

/** Per-token values, struct of arrays. */
export class TokenTable {
  n = 0;
  wH: Int32Array;
  lH: Int32Array;
  shH: Int32Array;
  pre: Int32Array; // 4 per token
  suf: Int32Array; // 4 per token
  len: Uint16Array;
  cap: Uint8Array;
  flags: Uint8Array;
  initial: Uint8Array;
  sentCase: Uint8Array;
  gaz: Uint16Array;
  xgaz: Uint16Array;
  doc: Uint8Array;
  constructor(cap = 1024) {
    this.wH = new Int32Array(cap);
    this.lH = new Int32Array(cap);
    this.shH = new Int32Array(cap);
    this.pre = new Int32Array(cap * 4);
    this.suf = new Int32Array(cap * 4);
    this.len = new Uint16Array(cap);
    this.cap = new Uint8Array(cap);
    this.flags = new Uint8Array(cap);
    this.initial = new Uint8Array(cap);
    this.sentCase = new Uint8Array(cap);
    this.gaz = new Uint16Array(cap);
    this.xgaz = new Uint16Array(cap);
    this.doc = new Uint8Array(cap);
  }
  reserve(n: number): void {
    if (n <= this.wH.length) return;
    let c = this.wH.length;
    while (c < n) c *= 2;
    const t = new TokenTable(c);
    Object.assign(this, t);
  }
}

const F_DIGIT = 1;
const F_HYPHEN = 2;
const F_DOT = 4;
const F_APOS = 8;
const F_AMP = 16;

/** Hash one token into row i of the table. */
export function analyse(s: string, i: number, T: TokenTable): void {
  let wh = FNV_OFFSET;
  let lh = FNV_OFFSET;
  let sh = FNV_OFFSET;
  let lastShape = -1;
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let flags = 0;
  let firstLetterUpper = -1;
  const len = s.length;
  const p4 = i * 4;
  for (let j = 0; j < len; j++) {
    const c = normChar(s.charCodeAt(j));
    wh = Math.imul(wh ^ c, FNV_PRIME);
    let lc = c;
    let sc: number;
    if (c >= 65 && c <= 90) {
      lc = c + 32;
      sc = 88;
      upper++;
      if (firstLetterUpper < 0) firstLetterUpper = 1;
    } else if (c >= 97 && c <= 122) {
      sc = 120;
      lower++;
      if (firstLetterUpper < 0) firstLetterUpper = 0;
    } else if (c >= 48 && c <= 57) {
      lc = 48;
      sc = 100;
      digit++;
      flags |= F_DIGIT;
    } else if (c < 128) {
      sc = c;
      if (c === 45) flags |= F_HYPHEN;
      else if (c === 46) flags |= F_DOT;
      else if (c === 39) flags |= F_APOS;
      else if (c === 38) flags |= F_AMP;
    } else {
      const ch = String.fromCharCode(c);
      const l = ch.toLowerCase();
      const u = ch.toUpperCase();
      if (l !== u) {
        if (ch === u) {
          lc = l.length === 1 ? l.charCodeAt(0) : c;
          sc = 88;
          upper++;
          if (firstLetterUpper < 0) firstLetterUpper = 1;
        } else {
          sc = 120;
          lower++;
          if (firstLetterUpper < 0) firstLetterUpper = 0;
        }
      } else sc = c;
    }
    lh = Math.imul(lh ^ lc, FNV_PRIME);
    if (j < 4) T.pre[p4 + j] = lh;
    if (sc !== lastShape) {
      sh = Math.imul(sh ^ sc, FNV_PRIME);
      lastShape = sc;
    }
  }
  for (let j = len; j < 4; j++) T.pre[p4 + j] = 0;
  // Suffixes, hashed from the end.
  let rh = FNV_OFFSET ^ 0x5f;
  for (let k = 0; k < 4; k++) {
    const j = len - 1 - k;
    if (j < 0) {
      T.suf[p4 + k] = 0;
      continue;
    }
    rh = Math.imul(rh ^ lowerCode(normChar(s.charCodeAt(j))), FNV_PRIME);
    T.suf[p4 + k] = rh;
  }
  const letters = upper + lower;
  const c0 = s.charCodeAt(0);
  let cap: number;
  if (letters === 0) cap = digit > 0 ? C_NUM : C_PUNCT;
  else if (c0 >= 48 && c0 <= 57) cap = C_NUM; // "1860s", "3M"
  else if (firstLetterUpper === 1) cap = upper === letters && letters > 1 ? C_ALLCAP : C_CAP;
  else cap = upper > 0 ? C_MIXED : C_LOWER;
  T.wH[i] = wh | 0;
  T.lH[i] = lh | 0;
  T.shH[i] = sh | 0;
  T.len[i] = len > 65535 ? 65535 : len;
  T.cap[i] = cap;
  T.flags[i] = flags;
}

/**
 * A gazetteer: token sequences (hashed over their lower-cased forms) to a bit mask of types
 * (bit t = KINDS[t]). Only the hashes are stored.
 */
export class Gazetteer {
  readonly map: IntMap;
  maxLen = 0;

  /** `entries`: how many entries to make room for at once (a model being loaded knows). */
  constructor(entries = 0) {
    this.map = new IntMap(tableBits(entries));
  }
  static seqSeed = 0x2f1b3c4d;

  add(tokens: readonly string[], type: number): void {
    if (tokens.length === 0) return;
    let h = Gazetteer.seqSeed;
    const T = new TokenTable(Math.max(1, tokens.length));
    for (let k = 0; k < tokens.length; k++) {
      analyse(tokens[k]!, k, T);
      h = combine(h, T.lH[k]!);
      const bit = k === tokens.length - 1 ? 1 << type : GAZ_PREFIX;
      this.map.set(h, this.map.get(h, 0) | bit);
    }
    if (tokens.length > this.maxLen) this.maxLen = tokens.length;
  }
}

/** Bits of an IntMap that holds `entries` without growing (at least 12). */
export function tableBits(entries: number): number {
  let b = 12;
  while (1 << b < entries * 2 + 2) b++;
  return b;
}

/** Mask bit of a gazetteer entry that is the start of a longer entry. */
export const GAZ_PREFIX = 16;

function nameEdge(cap: number): boolean {
  return cap === C_CAP || cap === C_ALLCAP || cap === C_MIXED || cap === C_NUM;
}

/** Mark gazetteer matches of sentence [a, b) into `out` (per token: bit 4*type + BILU position). */
export function markGazetteer(T: TokenTable, a: number, b: number, g: Gazetteer, out: Uint16Array): void {
  const maxLen = g.maxLen;
  const map = g.map;
  for (let i = a; i < b; i++) {
    if (!nameEdge(T.cap[i]!)) continue;
    let h = Gazetteer.seqSeed;
    for (let k = 0; k < maxLen && i + k < b; k++) {
      const j = i + k;
      h = combine(h, T.lH[j]!);
      const m = map.get(h, 0);
      if (m === 0) break;
      if ((m & 15) !== 0 && nameEdge(T.cap[j]!)) markMatch(m, i, j, out);
      if ((m & GAZ_PREFIX) === 0) break;
    }
  }
}

function markMatch(m: number, i: number, j: number, out: Uint16Array): void {
  for (let t = 0; t < 4; t++) {
    if ((m & (1 << t)) === 0) continue;
    if (i === j) out[i]! |= 1 << (4 * t + 3);
    else {
      out[i]! |= 1 << (4 * t);
      for (let q = i + 1; q < j; q++) out[q]! |= 1 << (4 * t + 1);
      out[j]! |= 1 << (4 * t + 2);
    }
  }
}

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
