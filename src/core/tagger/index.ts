import { History, quantise, Viterbi } from './decode';
import { ContextAggregator } from './docContext';
import { documentEvidence } from './documentEvidence';
import { addPacked, emit, packRows, PW, pushRow, sumRows } from './emission';
import { FixedRows } from './fixedRows';
import { type Gazetteer, markGazetteer } from './gazetteerFeatures';
import { feat2, FNV_OFFSET, FNV_PRIME, IntMap } from './hash';
import { NUM_LABELS } from './labels';
import { deserialiseModel, FeatureTable, type LoadedModel, type ModelData } from './model';
import { spansOf, type TaggedSpan } from './spans';
import { BOS, C_ALLCAP, C_CAP, C_LOWER, C_PUNCT, EOS, NUM_CAP_CLASSES, T_BI_M1, T_BI_P1, T_GAZ_CAP, T_SH_0_P1, T_SH_M1_0 } from './templates';
import { normChar, TokenTable } from './tokenTable';
import { Rec, WordRecords } from './wordRecords';

export type { EntityKind } from './labels';
export type { TaggedSpan } from './spans';

const LN = NUM_LABELS;

/**
 * Named-entity tagger for English news text (PER, ORG, LOC, MISC as in CoNLL-2003): an averaged
 * perceptron over hashed features with first-order Viterbi decoding constrained to BILOU.
 * Pure TypeScript; the model is passed in as bytes (see src/node/tagger.ts to read it from disk).
 * This module is the tagger's public entry.
 *
 * Inference computes the same features as training (extractor.ts) but caches, per distinct word
 * and across documents, everything that depends on the word alone (wordRecords.ts): its hashes and
 * capitalisation, the summed weights of its own features, and the weight rows of the features it
 * contributes to its neighbours (the lower-cased word at ±1 and ±2). Features over a small set of
 * values (capitalisation, document evidence, gazetteer bits, history) have their rows looked up
 * once, at load (fixedRows.ts). Emission scores are integer sums in packed lanes (emission.ts), so
 * the order of the additions does not matter. The Tagger holds the per-document state: it prepares
 * each sentence from the word records, gathers each token's feature rows, and decodes.
 */
export class Tagger {
  private readonly table: FeatureTable;
  /** W packed two labels per int32 (see packRows), PW words per row. */
  private readonly P: Int32Array;
  private readonly trans: Float32Array;
  private readonly gaz: Gazetteer;
  private readonly xgaz: Gazetteer;
  private readonly clusters: IntMap | null;
  private readonly fixed: FixedRows;
  private readonly words: WordRecords;
  /** Rows of the features of one token (at most 14 + 6 × 16 + 6). */
  private readonly rowBuf = new Int32Array(128);

  // Per document.
  private readonly D = new TokenTable(1);
  /** Per token: the offset of its word's record (wordRecords.ts). */
  private slot = new Int32Array(0);
  /** Kept across documents, as the training-time extractor keeps its buffer (see documentEvidence). */
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
    this.P = packRows(m.W);
    this.trans = m.trans;
    this.gaz = m.gaz;
    this.xgaz = m.xgaz;
    this.clusters = m.clusters ?? null;
    this.meta = m.meta;
    const window = typeof m.meta.aggregate === 'number' ? m.meta.aggregate : 0;
    const num = (k: string, d: number) => (typeof m.meta[k] === 'number' ? (m.meta[k] as number) : d);
    this.agg = window > 0 ? new ContextAggregator(window, num('aggregateMin', 2), num('aggregateMode', 0), this.clusters) : null;
    this.fixed = new FixedRows(this.table);
    this.words = new WordRecords(this.table, this.P, this.xgaz, this.clusters);
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
    this.words.reserve(n);
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

  /** Per token of sentence si: word record, hashes, capitalisation, position; the sentence's case; gazetteer matches. */
  private prepareSentence(s: readonly string[], si: number): void {
    const D = this.D;
    const a = this.sentStart[si]!;
    this.sentStart[si + 1] = a + s.length;
    const words = this.words;
    const index = words.index;
    const rec = words.rec;
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
      if (slot < 0) slot = words.add(w, wh | 0);
      this.slot[i] = slot;
      D.lH[i] = rec[slot + Rec.LH]!;
      D.shH[i] = rec[slot + Rec.SH]!;
      const cl = rec[slot + Rec.CAP]!;
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
    for (let g = 0; g < G; g++) sumRows(sum, g * PW, P, t, agg.keys, agg.groupStart[g]!, agg.groupStart[g + 1]!);
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
    const rec = this.words.rec;
    const P = this.P;
    const t = this.table;
    const F = this.fixed;
    const bosRow = F.bosRow;
    const eosRow = F.eosRow;
    const hist = this.hist;
    const R = this.rowBuf;
    const agg = this.agg;
    const groupSum = this.groupSum;
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
        k = pushRow(R, k, rec[slot[j - 1]! + Rec.LM1]!);
        k = pushRow(R, k, j - 2 >= a ? rec[slot[j - 2]! + Rec.LM2]! : bosRow[1]!);
      } else {
        k = pushRow(R, k, bosRow[0]!);
        k = pushRow(R, k, bosRow[1]!);
      }
      let lp1 = EOS;
      let sp1 = EOS;
      let cp1 = 7;
      if (j + 1 < b) {
        lp1 = lH[j + 1]!;
        sp1 = shH[j + 1]!;
        cp1 = cap[j + 1]!;
        k = pushRow(R, k, rec[slot[j + 1]! + Rec.LP1]!);
        k = pushRow(R, k, j + 2 < b ? rec[slot[j + 2]! + Rec.LP2]! : eosRow[1]!);
      } else {
        k = pushRow(R, k, eosRow[0]!);
        k = pushRow(R, k, eosRow[1]!);
      }
      k = pushRow(R, k, t.get(feat2(T_SH_M1_0, sm1, s0)));
      k = pushRow(R, k, t.get(feat2(T_SH_0_P1, s0, sp1)));
      k = pushRow(R, k, t.get(feat2(T_BI_M1, lm1, l0)));
      k = pushRow(R, k, t.get(feat2(T_BI_P1, l0, lp1)));
      k = pushRow(R, k, F.capRow[(c0 * 2 + ini) * 3 + sc]!);
      k = pushRow(R, k, F.capSeqRow[(cm1 * NUM_CAP_CLASSES + c0) * 8 + cp1]!);
      const d = D.doc[j]!;
      if (d !== 0) k = pushRow(R, k, F.docRow[((d * 2 + ini) * 3 + sc) * NUM_CAP_CLASSES + c0]!);
      const g = D.gaz[j]!;
      if (g !== 0) {
        k = pushRow(R, k, t.get(feat2(T_GAZ_CAP, g, c0)));
        k = F.pushBits(R, k, g, 0);
      }
      if (j > a) k = F.pushBits(R, k, D.gaz[j - 1]!, 16);
      if (j + 1 < b) k = F.pushBits(R, k, D.gaz[j + 1]!, 32);
      k = F.pushBits(R, k, D.xgaz[j]!, 48);
      if (j > a) k = F.pushBits(R, k, D.xgaz[j - 1]!, 64);
      if (j + 1 < b) k = F.pushBits(R, k, D.xgaz[j + 1]!, 80);
      const hkey = this.histKey[j]!;
      if (hkey !== 0) {
        const ho = hist.get(hkey);
        if (ho >= 0) k = F.pushHistory(R, k, hist.counts, ho, ini);
      }
      emit(P, R, k, rec, slot[j]! + Rec.SUM, em, (j - a) * LN);
      if (agg && agg.group[j]! >= 0) addPacked(groupSum, agg.group[j]!, em, (j - a) * LN);
    }
    this.vit.run(em, m, cap, a, this.trans, this.labels, a);
    for (let j = a; j < b; j++) {
      const hkey = this.histKey[j]!;
      if (hkey !== 0) hist.add(hkey, this.labels[j]!);
    }
  }
}
