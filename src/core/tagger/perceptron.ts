import type { ConllDocument } from './conll';
import type { IntMap } from './hash';
import { SpanScore } from './conll';
import { addRows, DocDecoder, History, quantise, TRANS_SIZE, Viterbi } from './decode';
import { allHistoryKeys, historyKeys } from './documentEvidence';
import { FeatureExtractor, type DocFeatures } from './extractor';
import { Gazetteer } from './gazetteerFeatures';
import { labelsToSpans, NUM_LABELS, spansToLabels } from './labels';
import type { ModelData } from './model';

const LN = NUM_LABELS;

/**
 * Training: the averaged structured perceptron of Collins (2002). For each sentence the current
 * weights decode a label sequence (Viterbi, BILOU-constrained); where it differs from the gold one,
 * the features of the gold labels gain 1 and those of the predicted labels lose 1. The model kept is
 * the average of the weights over all steps (computed lazily: w_avg = w - u / c), which generalises
 * much better than the last weights. Documents are shuffled with a fixed seed every epoch; the best
 * epoch on the development set is kept. With `bags` > 1, that many perceptrons are trained side by
 * side, each on its own seeded shuffle, and the model is the mean of their averaged weights.
 */

export interface TrainOptions {
  maxEpochs: number;
  /** Stop after this many epochs without improvement on dev. */
  patience: number;
  seed: number;
  /** Keep only features seen at least this often in the training data. */
  minCount: number;
  /** Folds for the training-data gazetteer: a document sees a gazetteer built from the other folds. */
  folds: number;
  log: (line: string) => void;
  /**
   * Development sets as ranges of the dev documents (one per genre). The epoch kept is the one with
   * the best mean of their PER/ORG/LOC micro-F1; without groups, the micro-F1 over all dev documents.
   */
  devGroups?: readonly DevGroup[];
  /**
   * Source of each training document (an index shared by copies of one document: repeats and case
   * variants), so that all copies fall in the same gazetteer fold. Default: each document its own.
   */
  sourceOf?: readonly number[];
  /** Word clusters (see ModelData.clusters). */
  clusters?: IntMap;
  /**
   * Perceptrons trained side by side, each on its own shuffle of the documents; the model is the
   * mean of their averaged weights (default 1).
   */
  bags?: number;
  /** Context aggregation over the neighbours within this window (docContext.ts); 0: none. */
  aggregate?: number;
  /** How often a word must occur in a document for context aggregation (default 2). */
  aggregateMin?: number;
  /** Share of training documents (seeded) learnt without context aggregation, so that single mentions still train the local features. */
  aggregateDrop?: number;
  /** What context aggregation lists of the neighbours (ContextAggregator's mode). */
  aggregateMode?: number;
}

export interface DevGroup {
  name: string;
  start: number;
  end: number;
}

export interface EpochResult {
  epoch: number;
  devF1: number;
  devScore: SpanScore;
  /** Score of each dev group (same order as TrainOptions.devGroups). */
  groupScores: SpanScore[];
  seconds: number;
}

/** Deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gazetteer of the entity strings of some training documents. */
export function gazetteerOf(docs: readonly ConllDocument[], into = new Gazetteer()): Gazetteer {
  for (const d of docs) for (const s of d.sentences) for (const sp of s.spans) into.add(s.tokens.slice(sp.start, sp.end), sp.type);
  return into;
}

interface Prepared {
  df: DocFeatures;
  rows: Int32Array;
  gold: Uint8Array;
  doc: ConllDocument;
}

function goldLabels(doc: ConllDocument, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let a = 0;
  for (const s of doc.sentences) {
    out.set(spansToLabels(s.tokens.length, s.spans), a);
    a += s.tokens.length;
  }
  return out;
}

/** Score a decoder over documents. */
export function scoreDocs(docs: readonly { doc: ConllDocument }[], labelsOf: (i: number) => Uint8Array): SpanScore {
  const sc = new SpanScore();
  docs.forEach((d, i) => {
    const labels = labelsOf(i);
    let a = 0;
    for (const s of d.doc.sentences) {
      sc.add(s.spans, labelsToSpans(labels, a, a + s.tokens.length));
      a += s.tokens.length;
    }
  });
  return sc;
}

export function trainPerceptron(
  trainDocs: readonly ConllDocument[],
  devDocs: readonly ConllDocument[],
  xgaz: Gazetteer,
  opt: TrainOptions,
): { model: ModelData; epochs: EpochResult[]; best: EpochResult } {
  const t0 = Date.now();
  // Gazetteers: the full one (for dev and the model) and one per fold (for training documents).
  const fullGaz = gazetteerOf(trainDocs);
  const foldGaz: Gazetteer[] = [];
  const foldOf = (i: number) => (opt.sourceOf ? opt.sourceOf[i]! : i) % opt.folds;
  for (let f = 0; f < opt.folds; f++) foldGaz.push(gazetteerOf(trainDocs.filter((_, i) => foldOf(i) !== f)));
  opt.log(`gazetteer: ${fullGaz.map.size} entries from training data, ${xgaz.map.size} external`);

  // Static features.
  const extractors = foldGaz.map((g) => new FeatureExtractor(g, xgaz, opt.clusters ?? null, opt.aggregate ?? 0, opt.aggregateMin ?? 2, opt.aggregateMode ?? 0));
  const dropRand = mulberry32(opt.seed ^ 0xa99);
  const trainF = trainDocs.map((doc, i) => extractors[foldOf(i)]!.extract(doc.sentences.map((s) => s.tokens), true, false, dropRand() < (opt.aggregateDrop ?? 0)));
  const devEx = new FeatureExtractor(fullGaz, xgaz, opt.clusters ?? null, opt.aggregate ?? 0, opt.aggregateMin ?? 2, opt.aggregateMode ?? 0);
  const devF = devDocs.map((doc) => devEx.extract(doc.sentences.map((s) => s.tokens), true));

  // Feature vocabulary.
  const counts = new Map<number, number>();
  for (const df of trainF) for (const k of df.keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  const idList: number[] = [];
  const rowOf = new Map<number, number>();
  for (const [k, c] of counts) {
    if (c < opt.minCount) continue;
    rowOf.set(k, idList.length);
    idList.push(k);
  }
  for (const k of allHistoryKeys()) {
    if (!rowOf.has(k)) {
      rowOf.set(k, idList.length);
      idList.push(k);
    }
  }
  opt.log(`features: ${counts.size} distinct, ${idList.length} kept (min count ${opt.minCount}); extraction ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const toRows = (df: DocFeatures) => {
    const r = new Int32Array(df.keys.length);
    for (let k = 0; k < r.length; k++) r[k] = rowOf.get(df.keys[k]!) ?? -1;
    return r;
  };
  const train: Prepared[] = trainDocs.map((doc, i) => ({ doc, df: trainF[i]!, rows: toRows(trainF[i]!), gold: goldLabels(doc, trainF[i]!.n) }));
  const dev: Prepared[] = devDocs.map((doc, i) => ({ doc, df: devF[i]!, rows: toRows(devF[i]!), gold: goldLabels(doc, devF[i]!.n) }));

  const R = idList.length;
  const histRow = (k: number) => rowOf.get(k) ?? -1;
  // One perceptron per bag, each with its own shuffle order (bag 0 uses the seed itself).
  const bags = Math.max(1, opt.bags ?? 1);
  const members: Member[] = [];
  for (let m = 0; m < bags; m++) members.push(new Member(R, train.length, m === 0 ? opt.seed : (opt.seed + m * 0x9e37) | 0));
  const epochs: EpochResult[] = [];
  let best: { res: EpochResult; W: Float32Array; Tr: Float32Array } | null = null;

  for (let epoch = 1; epoch <= opt.maxEpochs; epoch++) {
    const te = Date.now();
    let errors = 0;
    let tokens = 0;
    for (const mb of members) {
      const r = mb.epoch(train, histRow);
      errors += r.errors;
      tokens += r.tokens;
    }
    // Averaged weights (the mean of the bags' averaged weights), scored on dev.
    const Wa = new Float32Array(R * LN);
    const Ta = new Float32Array(TRANS_SIZE);
    for (const mb of members) mb.addAverage(Wa, Ta, 1 / bags);
    const dec = new DocDecoder();
    // Scored as it will be used: quantised to int8.
    const Q = quantise(Wa, Ta);
    const devLabels = dev.map((d) => {
      const out = new Uint8Array(d.df.n);
      dec.decode(d.df, d.rows, { W: Q.W, trans: Q.trans, histRow }, out);
      return out;
    });
    const sc = scoreDocs(dev, (i) => devLabels[i]!);
    const groups = opt.devGroups ?? [];
    const groupScores = groups.map((g) => scoreDocs(dev.slice(g.start, g.end), (i) => devLabels[g.start + i]!));
    const devF1 = groups.length > 0 ? groupScores.reduce((a, g) => a + g.micro().f, 0) / groups.length : sc.micro().f;
    const res: EpochResult = { epoch, devF1, devScore: sc, groupScores, seconds: (Date.now() - te) / 1000 };
    epochs.push(res);
    const pc = (x: number) => (100 * x).toFixed(2);
    opt.log(
      `epoch ${epoch}: train token errors ${errors}/${tokens}${bags > 1 ? ` (${bags} bags)` : ''}; dev F1 PER/ORG/LOC ${pc(res.devF1)} ` +
        (groups.length > 0
          ? `(${groups.map((g, k) => `${g.name} ${pc(groupScores[k]!.micro().f)}`).join(', ')})`
          : `(PER ${pc(sc.type(0).f)}, ORG ${pc(sc.type(1).f)}, LOC ${pc(sc.type(2).f)}, MISC ${pc(sc.type(3).f)})`) +
        `; ${res.seconds.toFixed(1)} s`,
    );
    if (!best || res.devF1 > best.res.devF1) best = { res, W: Wa, Tr: Ta };
    else if (epoch - best.res.epoch >= opt.patience) break;
  }
  if (!best) throw new Error('no epoch trained');
  return {
    model: { ids: Int32Array.from(idList), W: best.W, trans: best.Tr, gaz: fullGaz, xgaz, clusters: opt.clusters, meta: {} },
    epochs,
    best: best.res,
  };
}

/**
 * One averaged perceptron: its weights, their running sums for the average, and its own shuffle of
 * the training documents.
 */
class Member {
  readonly W: Float32Array;
  readonly WU: Float64Array;
  readonly Tr = new Float32Array(TRANS_SIZE);
  readonly TrU = new Float64Array(TRANS_SIZE);
  private c = 1;
  private readonly rand: () => number;
  private readonly order: number[];
  private readonly vit = new Viterbi();
  private readonly hist = new History();
  private readonly hk = new Int32Array(16);
  private em = new Float64Array(LN * 256);
  private pred = new Uint8Array(1024);
  private hrows = new Int32Array(1024 * 8);
  private hcount = new Int32Array(1024);

  constructor(rows: number, docs: number, seed: number) {
    this.W = new Float32Array(rows * LN);
    this.WU = new Float64Array(rows * LN);
    this.rand = mulberry32(seed);
    this.order = Array.from({ length: docs }, (_, i) => i);
  }

  /** Add `share` × the averaged weights (w_avg = w - u / c) into W and Tr. */
  addAverage(W: Float32Array, Tr: Float32Array, share: number): void {
    const c = this.c;
    for (let i = 0; i < W.length; i++) W[i]! += share * (this.W[i]! - this.WU[i]! / c);
    for (let i = 0; i < Tr.length; i++) Tr[i]! += share * (this.Tr[i]! - this.TrU[i]! / c);
  }

  /** One pass over the training documents in a new shuffled order. */
  epoch(train: readonly Prepared[], histRow: (k: number) => number): { errors: number; tokens: number } {
    const { W, WU, Tr, TrU, order, rand, vit, hist, hk } = this;
    const upd = (arr: Float32Array, acc: Float64Array, i: number, d: number) => {
      arr[i]! += d;
      acc[i]! += this.c * d;
    };
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let errors = 0;
    let tokens = 0;
    for (const di of order) {
      const { df, rows, gold } = train[di]!;
      hist.reset();
      if (this.pred.length < df.n) this.pred = new Uint8Array(df.n * 2);
      if (this.hcount.length < df.n) {
        this.hcount = new Int32Array(df.n * 2);
        this.hrows = new Int32Array(df.n * 16);
      }
      const pred = this.pred;
      const hcount = this.hcount;
      const hrows = this.hrows;
      const S = df.sentStart.length - 1;
      for (let s = 0; s < S; s++) {
        const a = df.sentStart[s]!;
        const b = df.sentStart[s + 1]!;
        const m = b - a;
        if (m === 0) continue;
        if (this.em.length < m * LN) this.em = new Float64Array(m * LN * 2);
        const em = this.em;
        em.fill(0, 0, m * LN);
        for (let j = a; j < b; j++) {
          const off = (j - a) * LN;
          addRows(rows, df.keyStart[j]!, df.keyStart[j + 1]!, W, em, off);
          hcount[j] = 0;
          const hkey = df.histKey[j]!;
          if (hkey === 0) continue;
          const ho = hist.get(hkey);
          if (ho < 0) continue;
          const nk = historyKeys(hist.counts, ho, df.initial[j]!, hk);
          for (let q = 0; q < nk; q++) {
            const r = histRow(hk[q]!);
            if (r < 0) continue;
            hrows[j * 8 + hcount[j]!] = r;
            hcount[j]!++;
            const base = r * LN;
            for (let y = 0; y < LN; y++) em[off + y]! += W[base + y]!;
          }
        }
        vit.run(em, m, df.cap, a, Tr, pred, a);
        tokens += m;
        let wrong = false;
        for (let j = a; j < b; j++) if (pred[j] !== gold[j]) wrong = true;
        if (wrong) {
          for (let j = a; j < b; j++) {
            const g = gold[j]!;
            const p = pred[j]!;
            if (g !== p) {
              errors++;
              for (let k = df.keyStart[j]!; k < df.keyStart[j + 1]!; k++) {
                const r = rows[k]!;
                if (r < 0) continue;
                upd(W, WU, r * LN + g, 1);
                upd(W, WU, r * LN + p, -1);
              }
              for (let q = 0; q < hcount[j]!; q++) {
                const r = hrows[j * 8 + q]!;
                upd(W, WU, r * LN + g, 1);
                upd(W, WU, r * LN + p, -1);
              }
            }
            const gp = j === a ? 0 : gold[j - 1]!;
            const pp = j === a ? 0 : pred[j - 1]!;
            if (gp !== pp || g !== p) {
              const tb = df.cap[j]! * LN * LN;
              upd(Tr, TrU, tb + gp * LN + g, 1);
              upd(Tr, TrU, tb + pp * LN + p, -1);
            }
          }
        }
        for (let j = a; j < b; j++) {
          const hkey = df.histKey[j]!;
          if (hkey !== 0) hist.add(hkey, pred[j]!);
        }
        this.c++;
      }
    }
    return { errors, tokens };
  }
}
