import { sumRows } from './emission';
import type { Gazetteer } from './gazetteerFeatures';
import { feat1, IntMap } from './hash';
import type { FeatureTable } from './model';
import { T_LM1, T_LM2, T_LP1, T_LP2 } from './templates';
import { analyse, TokenTable } from './tokenTable';
import { wordKeysOf } from './wordKeys';

/**
 * The tagger's per-word cache, kept across documents: for each distinct token string, one record
 * of everything that depends on the word alone (its hashes and capitalisation, the rows of the
 * features it contributes to its neighbours, the packed sum of the weights of its own features),
 * so that a word is analysed and its own features are summed once, not at every use.
 */

/** Distinct words whose records are cached (then the cache starts again). */
const WORD_CACHE = 1 << 16;

/**
 * Layout of a word record: REC int32 (one cache line). A const enum: esbuild inlines the numbers,
 * so the tagger's hot loops index records with constants.
 */
export const enum Rec {
  /** Hash of the lower-cased word (TokenTable.lH). */
  LH = 0,
  /** Hash of its shape (TokenTable.shH). */
  SH = 1,
  /** Capitalisation class | (length > 3) << 4. */
  CAP = 2,
  /** Rows of the word as the neighbour of a token: at -1 (T_LM1), +1, -2, +2. */
  LM1 = 3,
  LP1 = 4,
  LM2 = 5,
  LP2 = 6,
  /** PW (emission.ts) words: the packed sum of the weights of the word's own features (wordKeysOf). */
  SUM = 7,
  /** Int32 words per record. */
  SIZE = 16,
}

export class WordRecords {
  /** Offset in `rec` of each word's record, by the hash of the word (as FeatureExtractor's wordHash). */
  readonly index = new IntMap(14);
  private n = 0;
  private cap = 0;
  /** The records, Rec.SIZE int32 each (replaced when it grows, see reserve). */
  rec = new Int32Array(0);
  private readonly scratch = new TokenTable(1);
  private readonly keyBuf = new Int32Array(64);

  constructor(
    private readonly table: FeatureTable,
    /** The model's packed weight rows (emission.ts). */
    private readonly P: Int32Array,
    private readonly xgaz: Gazetteer,
    private readonly clusters: IntMap | null,
  ) {
    this.grow(4096);
  }

  /**
   * Room for n more words (a document of n tokens). Start the cache afresh between documents only,
   * so that the records of the document being tagged stay valid; `rec` does not change until the
   * next reserve.
   */
  reserve(n: number): void {
    if (this.n + n > WORD_CACHE) {
      this.index.clear();
      this.n = 0;
    }
    if (this.n + n > this.cap) this.grow(this.n + n);
  }

  private grow(cap: number): void {
    let c = this.cap > 0 ? this.cap : 4096;
    while (c < cap) c *= 2;
    const rec = new Int32Array(c * Rec.SIZE);
    rec.set(this.rec.subarray(0, this.n * Rec.SIZE));
    this.rec = rec;
    this.cap = c;
  }

  /** Record of a word not seen yet (`wh`: the hash of the word): returns its offset in `rec`. */
  add(s: string, wh: number): number {
    const base = this.n++ * Rec.SIZE;
    this.index.set(wh, base);
    const T = this.scratch;
    analyse(s, 0, T);
    const lh = T.lH[0]!;
    const rec = this.rec;
    const t = this.table;
    rec[base + Rec.LH] = lh;
    rec[base + Rec.SH] = T.shH[0]!;
    rec[base + Rec.CAP] = T.cap[0]! | (T.len[0]! > 3 ? 16 : 0);
    rec[base + Rec.LM1] = t.get(feat1(T_LM1, lh));
    rec[base + Rec.LP1] = t.get(feat1(T_LP1, lh));
    rec[base + Rec.LM2] = t.get(feat1(T_LM2, lh));
    rec[base + Rec.LP2] = t.get(feat1(T_LP2, lh));
    const nk = wordKeysOf(T, 0, this.keyBuf, 0, this.xgaz, this.clusters);
    sumRows(rec, base + Rec.SUM, this.P, t, this.keyBuf, 0, nk);
    return base;
  }
}
