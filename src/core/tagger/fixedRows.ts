import { pushRow } from './emission';
import { feat1, feat2, feat3 } from './hash';
import type { FeatureTable } from './model';
import {
  BOS,
  EOS,
  NUM_CAP_CLASSES,
  T_CAP,
  T_CAPSEQ,
  T_DOC,
  T_GAZ,
  T_GAZM1,
  T_GAZP1,
  T_HHAS,
  T_HMAJ,
  T_LM1,
  T_LM2,
  T_LP1,
  T_LP2,
  T_XGAZ,
  T_XGAZM1,
  T_XGAZP1,
} from './templates';

/**
 * The weight rows (-1: no weights) of the features over a small set of values: capitalisation,
 * the capitalisation sequence, document evidence, gazetteer bits, history, and the neighbours
 * beyond the ends of a sentence. Looked up once, when the model is loaded, so that the tagger
 * indexes an array where training hashes a feature id (extractor.ts, documentEvidence.ts).
 */
export class FixedRows {
  /** T_CAP by (cap class × 2 + initial) × 3 + sentence case. */
  readonly capRow = new Int32Array(NUM_CAP_CLASSES * 2 * 3);
  /** T_CAPSEQ by (cap class at -1 × NUM_CAP_CLASSES + cap class) × 8 + cap class at +1 (7 beyond the sentence). */
  readonly capSeqRow = new Int32Array(8 * NUM_CAP_CLASSES * 8);
  /** T_DOC by ((evidence × 2 + initial) × 3 + sentence case) × NUM_CAP_CLASSES + cap class. */
  readonly docRow = new Int32Array(5 * 2 * 3 * NUM_CAP_CLASSES);
  /** 6 gazetteer templates (GAZ, GAZM1, GAZP1, XGAZ, XGAZM1, XGAZP1) × 16 bits. */
  readonly gazRow = new Int32Array(6 * 16);
  readonly hhasRow = new Int32Array(5);
  readonly hmajRow = new Int32Array(5 * 2);
  /** LM1, LM2 at the start of a sentence. */
  readonly bosRow = new Int32Array(2);
  /** LP1, LP2 at the end. */
  readonly eosRow = new Int32Array(2);

  constructor(t: FeatureTable) {
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
  }

  /** Append to R at k the rows of the gazetteer template at gazRow[g0 ...] for each bit set in `bits`; returns the new end. */
  pushBits(R: Int32Array, k: number, bits: number, g0: number): number {
    for (let bit = 0; bits !== 0; bit++, bits >>>= 1) if (bits & 1) k = pushRow(R, k, this.gazRow[g0 + bit]!);
    return k;
  }

  /**
   * Append to R at k the rows of the history features (see historyKeys in documentEvidence.ts) from
   * the label counts at counts[ho ...]; returns the new end.
   */
  pushHistory(R: Int32Array, k: number, counts: Int32Array, ho: number, ini: number): number {
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
      if (t > 0 && c > 0) k = pushRow(R, k, this.hhasRow[t]!);
    }
    if (total > 0) k = pushRow(R, k, this.hmajRow[best * 2 + ini]!);
    return k;
  }
}
