import { History, quantise, Viterbi } from './decode';
import { ContextAggregator } from './docContext';
import {
  analyse,
  BOS,
  C_ALLCAP,
  C_CAP,
  C_LOWER,
  C_PUNCT,
  documentEvidence,
  EOS,
  type Gazetteer,
  markGazetteer,
  normChar,
  NUM_CAP_CLASSES,
  T_BI_M1,
  T_BI_P1,
  T_CAP,
  T_CAPSEQ,
  T_DOC,
  T_GAZ,
  T_GAZ_CAP,
  T_GAZM1,
  T_GAZP1,
  T_HHAS,
  T_HMAJ,
  T_LM1,
  T_LM2,
  T_LP1,
  T_LP2,
  T_SH_0_P1,
  T_SH_M1_0,
  T_XGAZ,
  T_XGAZM1,
  T_XGAZP1,
  TokenTable,
  wordKeysOf,
} from './features';
import { feat1, feat2, feat3, FNV_OFFSET, FNV_PRIME, IntMap } from './hash';
import { KINDS, labelType, NUM_LABELS, type EntityKind } from './labels';
import { deserialiseModel, FeatureTable, type LoadedModel, type ModelData } from './model';

export type { EntityKind } from './labels';

/** Distinct words whose feature weights are cached (then the cache starts again). */
const WORD_CACHE = 1 << 16;

const LN = NUM_LABELS;

/** An entity found by the tagger: tokens [startToken, endToken) of one sentence. */
export interface TaggedSpan {
  startToken: number;
  /** Exclusive. */
  endToken: number;
  type: EntityKind;
}

/**
 * Named-entity tagger for English news text (PER, ORG, LOC, MISC as in CoNLL-2003): an averaged
 * perceptron over hashed features with first-order Viterbi decoding constrained to BILOU.
 * Pure TypeScript; the model is passed in as bytes (see src/node/tagger.ts to read it from disk).
 *
 * Inference computes the same features as training (features.ts) but caches, per distinct word
 * and across documents, everything that depends on the word alone: its hashes and capitalisation,
 * the summed weights of its own features, and the weight rows of the features it contributes to
 * its neighbours (the lower-cased word at ±1 and ±2). Features over a small set of values
 * (capitalisation, document evidence, gazetteer bits, history) have their rows looked up once,
 * at load. Emission scores are integer sums, so the order of the additions does not matter.
 */
export class Tagger {
  private readonly table: FeatureTable;
  private readonly W: Int8Array;
  /** W packed two labels per int32 (see pack), PW words per row. */
  private readonly P: Int32Array;
  private readonly trans: Float32Array;
  private readonly gaz: Gazetteer;
  private readonly xgaz: Gazetteer;
  private readonly clusters: IntMap | null;

  // Rows (-1: no weights) of the features with few values.
  private readonly capRow = new Int32Array(NUM_CAP_CLASSES * 2 * 3);
  private readonly capSeqRow = new Int32Array(8 * NUM_CAP_CLASSES * 8);
  private readonly docRow = new Int32Array(5 * 2 * 3 * NUM_CAP_CLASSES);
  /** 6 gazetteer templates (GAZ, GAZM1, GAZP1, XGAZ, XGAZM1, XGAZP1) × 16 bits. */
  private readonly gazRow = new Int32Array(6 * 16);
  private readonly hhasRow = new Int32Array(5);
  private readonly hmajRow = new Int32Array(5 * 2);
  private readonly bosRow = new Int32Array(2); // LM1, LM2 at the start of a sentence
  private readonly eosRow = new Int32Array(2); // LP1, LP2 at the end

  // Word cache: slot per distinct token string.
  /** Slot of each word, by the hash of the word (as FeatureExtractor's wordHash). */
  private readonly wordIndex = new IntMap(14);
  private nWords = 0;
  private wordCap = 0;
  /**
   * One record of REC int32 per word (one cache line): lower-cased hash, shape hash,
   * capitalisation class | (length > 3) << 4, the rows of the word as the neighbour of a token
   * (LM1, LP1, LM2, LP2), then the packed sum of the weights of its own features (PW words).
   */
  private rec = new Int32Array(0);
  private readonly scratch = new TokenTable(1);
  private readonly keyBuf = new Int32Array(64);
  /** Rows of the features of one token (at most 14 + 6 × 16 + 6). */
  private readonly rowBuf = new Int32Array(128);

  // Per document.
  private readonly D = new TokenTable(1);
  private slot = new Int32Array(0);
  /** Kept across documents, as the training-time extractor keeps its buffer (see docEvidence). */
  private histKey = new Int32Array(0);
  private sentStart = new Int32Array(0);
  private readonly seen = new IntMap(12);
  private readonly hist = new History(12);
  private readonly vit = new Viterbi();
  private em = new Float64Array(0);
  private labels = new Uint8Array(0);
  /** Context aggregation (docContext.ts), when the model was trained with it; the packed weight sum of each group. */
  private readonly agg: ContextAggregator | null;
  private groupSum = new Int32Array(0);

  /** Metadata stored with the model (training settings and dev scores). */
  readonly meta: Readonly<Record<string, unknown>>;

  private constructor(m: LoadedModel) {
    this.table = new FeatureTable(m.ids);
    this.W = m.W;
    this.P = packRows(m.W);
    this.trans = m.trans;
    this.gaz = m.gaz;
    this.xgaz = m.xgaz;
    this.clusters = m.clusters ?? null;
    this.meta = m.meta;
    const window = typeof m.meta.aggregate === 'number' ? m.meta.aggregate : 0;
    const num = (k: string, d: number) => (typeof m.meta[k] === 'number' ? (m.meta[k] as number) : d);
    this.agg = window > 0 ? new ContextAggregator(window, num('aggregateMin', 2), num('aggregateMode', 0), this.clusters) : null;
    const t = this.table;
    for (let c0 = 0; c0 < NUM_CAP_CLASSES; c0++)
      for (let ini = 0; ini < 2; ini++) for (let sc = 0; sc < 3; sc++) this.capRow[(c0 * 2 + ini) * 3 + sc] = t.get(feat3(T_CAP, c0, ini, sc));
    for (let cm1 = 0; cm1 < 8; cm1++)
      for (let c0 = 0; c0 < NUM_CAP_CLASSES; c0++)
        for (let cp1 = 0; cp1 < 8; cp1++) this.capSeqRow[(cm1 * NUM_CAP_CLASSES + c0) * 8 + cp1] = t.get(feat3(T_CAPSEQ, cm1, c0, cp1));
    for (let d = 0; d < 5; d++)
      for (let ini = 0; ini < 2; ini++)
        for (let sc = 0; sc < 3; sc++)
          for (let c0 = 0; c0 < NUM_CAP_CLASSES; c0++)
            this.docRow[((d * 2 + ini) * 3 + sc) * NUM_CAP_CLASSES + c0] = t.get(feat3(T_DOC, d, ini, sc * 8 + c0));
    const gz = [T_GAZ, T_GAZM1, T_GAZP1, T_XGAZ, T_XGAZM1, T_XGAZP1];
    for (let g = 0; g < 6; g++) for (let bit = 0; bit < 16; bit++) this.gazRow[g * 16 + bit] = t.get(feat1(gz[g]!, bit));
    for (let k = 0; k < 5; k++) {
      this.hhasRow[k] = t.get(feat1(T_HHAS, k));
      for (let ini = 0; ini < 2; ini++) this.hmajRow[k * 2 + ini] = t.get(feat2(T_HMAJ, k, ini));
    }
    this.bosRow[0] = t.get(feat1(T_LM1, BOS));
    this.bosRow[1] = t.get(feat1(T_LM2, BOS));
    this.eosRow[0] = t.get(feat1(T_LP1, EOS));
    this.eosRow[1] = t.get(feat1(T_LP2, EOS));
    this.growWords(4096);
    this.histKey = new Int32Array(1024);
    this.reserve(512, 64, 64);
    this.reserve(1024, 128, 128);
  }

  static load(bytes: Uint8Array): Tagger {
    return new Tagger(deserialiseModel(bytes));
  }

  /** @internal Build from an in-memory model (training and evaluation). */
  static fromModel(m: ModelData): Tagger {
    const q = quantise(m.W, m.trans);
    return new Tagger({ ...m, W: q.W, trans: q.trans });
  }

  /**
   * Tag one document, given as sentences of tokens (the whole document at once, so that what is
   * learnt about a word earlier in the document helps later). Returns the spans of each sentence.
   */
  tag(sentences: readonly (readonly string[])[]): TaggedSpan[][] {
    const labels = this.tagLabels(sentences);
    const out: TaggedSpan[][] = [];
    let a = 0;
    for (let si = 0; si < sentences.length; si++) {
      const b = a + sentences[si]!.length;
      out.push(spansOf(labels, a, b));
      a = b;
    }
    return out;
  }

  /** @internal BILOU label ids of every token of the document (see labels.ts). */
  tagLabels(sentences: readonly (readonly string[])[]): Uint8Array {
    let n = 0;
    let longest = 0;
    const S = sentences.length;
    for (let si = 0; si < S; si++) {
      const len = sentences[si]!.length;
      n += len;
      if (len > longest) longest = len;
    }
    // Start the word cache afresh between documents only: the slots of this document stay valid.
    if (this.nWords + n > WORD_CACHE) {
      this.wordIndex.clear();
      this.nWords = 0;
    }
    if (this.nWords + n > this.wordCap) this.growWords(this.nWords + n);
    this.reserve(n, S, longest);
    this.sentStart[0] = 0;
    for (let si = 0; si < S; si++) this.prepareSentence(sentences[si]!, si);
    documentEvidence(this.D, n, this.seen, this.histKey);
    if (this.agg) this.aggregate(n, S);
    this.hist.reset();
    for (let si = 0; si < S; si++) {
      const a = this.sentStart[si]!;
      const b = this.sentStart[si + 1]!;
      if (b > a) this.decodeSentence(a, b);
    }
    return this.labels.subarray(0, n);
  }

  /**
   * Room for a document of n tokens in S sentences of at most m tokens. Everything that can grow
   * grows here (the constructor grows it all once, so that the compiled code never meets a new case).
   */
  private reserve(n: number, S: number, m: number): void {
    // (Sizes computed up front, so that no branch is left without type feedback.)
    const n2 = n * 2;
    const s2 = (S + 1) * 2;
    const m2 = m * 2;
    if (this.sentStart.length < S + 1) this.sentStart = new Int32Array(s2);
    if (this.labels.length < n) this.labels = new Uint8Array(n2);
    if (this.slot.length < n) this.slot = new Int32Array(n2);
    if (this.histKey.length < n) this.histKey = new Int32Array(n2);
    if (this.em.length < m * LN) this.em = new Float64Array(m2 * LN);
    this.vit.reserve(m2);
    this.D.reserve(n);
  }

  private growWords(cap: number): void {
    let c = this.wordCap > 0 ? this.wordCap : 4096;
    while (c < cap) c *= 2;
    const rec = new Int32Array(c * REC);
    rec.set(this.rec.subarray(0, this.nWords * REC));
    this.rec = rec;
    this.wordCap = c;
  }

  /** Record of a word not seen yet: its hashes, its neighbour rows, the sum of the weights of its own features. */
  private addWord(s: string, wh: number): number {
    const base = this.nWords++ * REC;
    this.wordIndex.set(wh, base);
    const T = this.scratch;
    analyse(s, 0, T);
    const lh = T.lH[0]!;
    const rec = this.rec;
    const t = this.table;
    rec[base] = lh;
    rec[base + 1] = T.shH[0]!;
    rec[base + 2] = T.cap[0]! | (T.len[0]! > 3 ? 16 : 0);
    rec[base + 3] = t.get(feat1(T_LM1, lh));
    rec[base + 4] = t.get(feat1(T_LP1, lh));
    rec[base + 5] = t.get(feat1(T_LM2, lh));
    rec[base + 6] = t.get(feat1(T_LP2, lh));
    const nk = wordKeysOf(T, 0, this.keyBuf, 0, this.xgaz, this.clusters);
    const P = this.P;
    const sb = base + 7;
    for (let y = 0; y < PW; y++) rec[sb + y] = 0;
    for (let k = 0; k < nk; k++) {
      const r = t.get(this.keyBuf[k]!);
      if (r < 0) continue;
      const rb = r * PW;
      for (let y = 0; y < PW; y++) rec[sb + y] = (rec[sb + y]! + P[rb + y]!) | 0;
    }
    return base;
  }

  /** Per token of sentence si: word slot, hashes, capitalisation, position; the sentence's case; gazetteer matches. */
  private prepareSentence(s: readonly string[], si: number): void {
    const D = this.D;
    const a = this.sentStart[si]!;
    this.sentStart[si + 1] = a + s.length;
    const index = this.wordIndex;
    const rec = this.rec;
    let seenWord = false;
    let nLower = 0;
    let nCap = 0;
    let nAll = 0;
    let i = a;
    for (let k = 0; k < s.length; k++, i++) {
      const w = s[k]!;
      let wh = FNV_OFFSET;
      for (let q = 0; q < w.length; q++) wh = Math.imul(wh ^ normChar(w.charCodeAt(q)), FNV_PRIME);
      let slot = index.get(wh | 0);
      if (slot < 0) slot = this.addWord(w, wh | 0);
      this.slot[i] = slot;
      D.lH[i] = rec[slot]!;
      D.shH[i] = rec[slot + 1]!;
      const cl = rec[slot + 2]!;
      const c = cl & 15;
      D.cap[i] = c;
      D.initial[i] = seenWord ? 0 : 1;
      if (c !== C_PUNCT) seenWord = true;
      if (c === C_LOWER) {
        if ((cl & 16) !== 0) nLower++;
      } else if (c === C_CAP) nCap++;
      else if (c === C_ALLCAP) nAll++;
      D.gaz[i] = 0;
      D.xgaz[i] = 0;
    }
    // 0 normal, 1 capitals (headline), 2 title case
    const sc = nAll >= 2 && nAll > nCap + nLower ? 1 : nLower === 0 && nCap >= 3 ? 2 : 0;
    for (let j = a; j < i; j++) D.sentCase[j] = sc;
    markGazetteer(D, a, i, this.gaz, D.gaz);
    markGazetteer(D, a, i, this.xgaz, D.xgaz);
  }

  /** Groups of the document's repeated capitalised words, and the packed sum of each group's weights. */
  private aggregate(n: number, S: number): void {
    const agg = this.agg!;
    agg.run(this.D.lH, this.D.cap, this.sentStart, S, n);
    const G = agg.groups;
    if (this.groupSum.length < G * PW) this.groupSum = new Int32Array(G * PW * 2);
    const sum = this.groupSum;
    const P = this.P;
    const t = this.table;
    for (let g = 0; g < G; g++) {
      const o = g * PW;
      for (let y = 0; y < PW; y++) sum[o + y] = 0;
      for (let q = agg.groupStart[g]!; q < agg.groupStart[g + 1]!; q++) {
        const r = t.get(agg.keys[q]!);
        if (r < 0) continue;
        const rb = r * PW;
        for (let y = 0; y < PW; y++) sum[o + y] = (sum[o + y]! + P[rb + y]!) | 0;
      }
    }
  }

  /** Emission scores of tokens [a, b) (static features + history so far), Viterbi, then the history is updated. */
  private decodeSentence(a: number, b: number): void {
    const m = b - a;
    if (this.em.length < m * LN) this.em = new Float64Array(m * LN * 2);
    const em = this.em;
    const D = this.D;
    const lH = D.lH;
    const shH = D.shH;
    const cap = D.cap;
    const slot = this.slot;
    const rec = this.rec;
    const t = this.table;
    const hist = this.hist;
    const R = this.rowBuf;
    const agg = this.agg;
    for (let j = a; j < b; j++) {
      const l0 = lH[j]!;
      const s0 = shH[j]!;
      const c0 = cap[j]!;
      const ini = D.initial[j]!;
      const sc = D.sentCase[j]!;
      let k = 0;
      let lm1 = BOS;
      let sm1 = BOS;
      let cm1 = 7;
      if (j > a) {
        lm1 = lH[j - 1]!;
        sm1 = shH[j - 1]!;
        cm1 = cap[j - 1]!;
        k = pushRow(R, k, rec[slot[j - 1]! + 3]!);
        k = pushRow(R, k, j - 2 >= a ? rec[slot[j - 2]! + 5]! : this.bosRow[1]!);
      } else {
        k = pushRow(R, k, this.bosRow[0]!);
        k = pushRow(R, k, this.bosRow[1]!);
      }
      let lp1 = EOS;
      let sp1 = EOS;
      let cp1 = 7;
      if (j + 1 < b) {
        lp1 = lH[j + 1]!;
        sp1 = shH[j + 1]!;
        cp1 = cap[j + 1]!;
        k = pushRow(R, k, rec[slot[j + 1]! + 4]!);
        k = pushRow(R, k, j + 2 < b ? rec[slot[j + 2]! + 6]! : this.eosRow[1]!);
      } else {
        k = pushRow(R, k, this.eosRow[0]!);
        k = pushRow(R, k, this.eosRow[1]!);
      }
      k = pushRow(R, k, t.get(feat2(T_SH_M1_0, sm1, s0)));
      k = pushRow(R, k, t.get(feat2(T_SH_0_P1, s0, sp1)));
      k = pushRow(R, k, t.get(feat2(T_BI_M1, lm1, l0)));
      k = pushRow(R, k, t.get(feat2(T_BI_P1, l0, lp1)));
      k = pushRow(R, k, this.capRow[(c0 * 2 + ini) * 3 + sc]!);
      k = pushRow(R, k, this.capSeqRow[(cm1 * NUM_CAP_CLASSES + c0) * 8 + cp1]!);
      const d = D.doc[j]!;
      if (d !== 0) k = pushRow(R, k, this.docRow[((d * 2 + ini) * 3 + sc) * NUM_CAP_CLASSES + c0]!);
      const g = D.gaz[j]!;
      if (g !== 0) {
        k = pushRow(R, k, t.get(feat2(T_GAZ_CAP, g, c0)));
        k = this.pushBits(k, g, 0);
      }
      if (j > a) k = this.pushBits(k, D.gaz[j - 1]!, 16);
      if (j + 1 < b) k = this.pushBits(k, D.gaz[j + 1]!, 32);
      k = this.pushBits(k, D.xgaz[j]!, 48);
      if (j > a) k = this.pushBits(k, D.xgaz[j - 1]!, 64);
      if (j + 1 < b) k = this.pushBits(k, D.xgaz[j + 1]!, 80);
      const hkey = this.histKey[j]!;
      if (hkey !== 0) {
        const ho = hist.get(hkey);
        if (ho >= 0) k = this.pushHistory(k, ho, ini);
      }
      this.emit(slot[j]!, k, (j - a) * LN);
      if (agg && agg.group[j]! >= 0) this.addGroup(agg.group[j]!, (j - a) * LN);
    }
    this.vit.run(em, m, cap, a, this.trans, this.labels, a);
    for (let j = a; j < b; j++) {
      const hkey = this.histKey[j]!;
      if (hkey !== 0) hist.add(hkey, this.labels[j]!);
    }
  }

  /**
   * em[off .. off + LN) = the word's own sum + the rows rowBuf[0 .. k), added two labels at a time
   * (packed int32 lanes) and then unpacked.
   */
  private emit(ws: number, k: number, off: number): void {
    const P = this.P;
    const R = this.rowBuf;
    const S = this.rec;
    const w0 = ws + 7;
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
    const em = this.em;
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

  /** em[off .. off + LN) += the packed weight sum of context-aggregation group g (see aggregate). */
  private addGroup(g: number, off: number): void {
    const G = this.groupSum;
    const em = this.em;
    const o = g * PW;
    for (let i = 0; i < PW; i++) {
      const x = G[o + i]!;
      const lo = (x << 16) >> 16;
      em[off + 2 * i] = em[off + 2 * i]! + lo;
      if (2 * i + 1 < LN) em[off + 2 * i + 1] = em[off + 2 * i + 1]! + ((x - lo) >> 16);
    }
  }

  /** Rows of the gazetteer template at gazRow[g0 ...] for each bit set in `bits`. */
  private pushBits(k: number, bits: number, g0: number): number {
    for (let bit = 0; bits !== 0; bit++, bits >>>= 1) if (bits & 1) k = pushRow(this.rowBuf, k, this.gazRow[g0 + bit]!);
    return k;
  }

  /** History features (see historyKeys in features.ts) from the label counts at hist.counts[ho ...]. */
  private pushHistory(k: number, ho: number, ini: number): number {
    const counts = this.hist.counts;
    let best = -1;
    let bestC = 0;
    let total = 0;
    for (let t = 0; t < 5; t++) {
      const c = counts[ho + t]!;
      total += c;
      if (c > bestC) {
        bestC = c;
        best = t;
      }
      if (t > 0 && c > 0) k = pushRow(this.rowBuf, k, this.hhasRow[t]!);
    }
    if (total > 0) k = pushRow(this.rowBuf, k, this.hmajRow[best * 2 + ini]!);
    return k;
  }
}

/** Append row r to R at k, if the feature has weights; returns the new end. */
function pushRow(R: Int32Array, k: number, r: number): number {
  if (r >= 0) R[k++] = r;
  return k;
}

/** Int32 words per packed row: labels 2i (low 16 bits) and 2i + 1 (high), signed. */
const PW = (LN + 1) >> 1;
/** Int32 words per word record (see Tagger.rec). */
const REC = 16;

/**
 * Pack int8 rows of LN weights two per int32 (lo + hi × 65536). Sums of packed words are exact
 * while each lane's sum stays within int16 (a token has far fewer than 256 features).
 */
function packRows(W: Int8Array): Int32Array {
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

/** Spans of labels [from, to), as labelsToSpans in labels.ts. */
function spansOf(labels: Uint8Array, from: number, to: number): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  let start = -1;
  let type = -1;
  for (let i = from; i < to; i++) {
    const y = labels[i]!;
    const t = labelType(y);
    const pos = y === 0 ? -1 : (y - 1) & 3;
    if (start >= 0 && (t !== type || pos === 0 || pos === 3 || y === 0)) {
      out.push({ startToken: start - from, endToken: i - from, type: KINDS[type]! });
      start = -1;
    }
    if (y === 0) continue;
    if (start < 0) {
      start = i;
      type = t;
    }
    if (pos === 2 || pos === 3) {
      out.push({ startToken: start - from, endToken: i + 1 - from, type: KINDS[type]! });
      start = -1;
    }
  }
  if (start >= 0) out.push({ startToken: start - from, endToken: to - from, type: KINDS[type]! });
  return out;
}
