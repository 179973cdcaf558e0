import { DocDecoder, quantise, type DecodeParams } from './decode';
import { FeatureExtractor } from './features';
import { IntMap } from './hash';
import { KINDS, labelsToSpans, NUM_LABELS, type EntityKind } from './labels';
import { deserialiseModel, FeatureTable, type LoadedModel, type ModelData } from './model';

export type { EntityKind } from './labels';

/** Distinct words whose feature weights are cached (then the cache starts again). */
const WORD_CACHE = 1 << 16;

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
 */
export class Tagger {
  private readonly table: FeatureTable;
  private readonly params: DecodeParams;
  private readonly extractor: FeatureExtractor;
  private readonly decoder = new DocDecoder();
  private rows = new Int32Array(1 << 16);
  private labels = new Uint8Array(1 << 12);
  private readonly wordIndex = new IntMap(12);
  private wordSum = new Int16Array(4096 * NUM_LABELS);
  private wordSlot = new Int32Array(1 << 12);
  private readonly wordKeyBuf = new Int32Array(64);
  /** Metadata stored with the model (training settings and dev scores). */
  readonly meta: Readonly<Record<string, unknown>>;

  private constructor(m: LoadedModel) {
    this.table = new FeatureTable(m.ids);
    const table = this.table;
    this.params = { W: m.W, trans: m.trans, histRow: (k) => table.get(k) };
    this.extractor = new FeatureExtractor(m.gaz, m.xgaz);
    this.meta = m.meta;
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
    for (const s of sentences) {
      const spans: TaggedSpan[] = [];
      for (const sp of labelsToSpans(labels, a, a + s.length)) spans.push({ startToken: sp.start, endToken: sp.end, type: KINDS[sp.type]! });
      out.push(spans);
      a += s.length;
    }
    return out;
  }

  /**
   * Sum, once per distinct word, the weights of the features of the word alone (they are the
   * same wherever it occurs). The cache holds about WORD_CACHE words and is then started afresh.
   */
  private cacheWords(wordHash: Int32Array, n: number): void {
    const W = this.params.W;
    // Start afresh between documents only: the slots of this document must stay valid.
    if (this.wordIndex.size + n > WORD_CACHE) this.wordIndex.clear();
    for (let j = 0; j < n; j++) {
      const h = wordHash[j]!;
      let slot = this.wordIndex.get(h);
      if (slot < 0) {
        slot = this.wordIndex.size;
        this.wordIndex.set(h, slot);
        if (this.wordSum.length < (slot + 1) * NUM_LABELS) {
          const bigger = new Int16Array((slot + 1) * 2 * NUM_LABELS);
          bigger.set(this.wordSum);
          this.wordSum = bigger;
        }
        const nk = this.extractor.wordKeys(j, this.wordKeyBuf, 0);
        const base = slot * NUM_LABELS;
        this.wordSum.fill(0, base, base + NUM_LABELS);
        for (let k = 0; k < nk; k++) {
          const r = this.table.get(this.wordKeyBuf[k]!);
          if (r < 0) continue;
          for (let y = 0; y < NUM_LABELS; y++) this.wordSum[base + y]! += W[r * NUM_LABELS + y]!;
        }
      }
      this.wordSlot[j] = slot;
    }
  }

  /** @internal BILOU label ids of every token of the document (see labels.ts). */
  tagLabels(sentences: readonly (readonly string[])[]): Uint8Array {
    const df = this.extractor.extract(sentences, false, true);
    const nk = df.keys.length;
    if (this.rows.length < nk) this.rows = new Int32Array(nk * 2);
    this.table.lookup(df.keys, nk, this.rows);
    if (this.labels.length < df.n) this.labels = new Uint8Array(df.n * 2);
    if (this.wordSlot.length < df.n) this.wordSlot = new Int32Array(df.n * 2);
    this.cacheWords(df.wordHash, df.n);
    this.decoder.decode(df, this.rows, { ...this.params, wordSum: this.wordSum, wordSlot: this.wordSlot }, this.labels);
    return this.labels.subarray(0, df.n);
  }
}
