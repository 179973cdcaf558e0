import { DocDecoder, sparsify, type DecodeParams } from './decode';
import { FeatureExtractor } from './features';
import { KINDS, labelsToSpans, type EntityKind } from './labels';
import { deserialiseModel, FeatureTable, type LoadedModel, type ModelData } from './model';

export type { EntityKind } from './labels';

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
    return new Tagger({ ...m, W: sparsify(m.W) });
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

  /** @internal BILOU label ids of every token of the document (see labels.ts). */
  tagLabels(sentences: readonly (readonly string[])[]): Uint8Array {
    const df = this.extractor.extract(sentences);
    const nk = df.keys.length;
    if (this.rows.length < nk) this.rows = new Int32Array(nk * 2);
    this.table.lookup(df.keys, nk, this.rows);
    if (this.labels.length < df.n) this.labels = new Uint8Array(df.n * 2);
    this.decoder.decode(df, this.rows, this.params, this.labels);
    return this.labels.subarray(0, df.n);
  }
}
