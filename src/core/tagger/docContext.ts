import { combine, feat2, IntMap } from './hash';

/**
 * Context aggregation (Ratinov & Roth 2009, §5): a capitalised word that occurs more than once in
 * a document also gets the words seen beside it at every one of its occurrences ("joined Google",
 * "Google , Inc.", "at Google", "google is"), so that what one mention's context says about a name
 * reaches all its mentions. Static (no labels needed), shared by training and tagging: each such
 * word is a group of the document; a group's feature ids are listed once, and every capitalised
 * token of the group fires them all.
 */

/** Template of the aggregated neighbour features (templates.ts numbers the others below 40). */
export const T_AGG = 45;
/** Cap classes (templates.ts) of the tokens that get a group: capitalised, all capitals, mixed. */
const CAP = 2;
const ALLCAP = 3;
const MIXED = 4;
const NUM = 0;
const PUNCT = 5;
const LOWER = 1;
/** At most this many aggregated features per group. */
export const MAX_AGG = 24;

export class ContextAggregator {
  /** Per token: its group, or -1. */
  group = new Int32Array(1024);
  /** Feature ids of group g: keys[groupStart[g] .. groupStart[g + 1]). */
  keys = new Int32Array(4096);
  groupStart = new Int32Array(256);
  groups = 0;
  private readonly count = new IntMap(10);
  private readonly gid = new IntMap(8);
  private readonly pairs = new IntMap(10);
  private pg: Int32Array<ArrayBuffer> = new Int32Array(4096);
  private pf: Int32Array<ArrayBuffer> = new Int32Array(4096);
  private fill = new Int32Array(256);

  /**
   * `window`: the neighbours at -window .. -1 and 1 .. window of each occurrence; `minCount`: how
   * often a word must occur in the document to get a group.
   */
  constructor(
    readonly window = 1,
    readonly minCount = 2,
    /**
     * 0: the neighbour words; 1: their fine word clusters, 2: their coarse ones (the word where it
     * has none); 3: the neighbour words that are lower-case words or punctuation (not other names).
     */
    readonly mode = 0,
    readonly clusters: IntMap | null = null,
  ) {}

  /** Groups of a document: lower-cased hash, cap class of each token, sentence starts (S + 1). */
  run(lH: Int32Array, cap: Uint8Array, sentStart: Int32Array, S: number, n: number): void {
    const { count, gid, pairs } = this;
    count.clear();
    gid.clear();
    pairs.clear();
    if (this.group.length < n) this.group = new Int32Array(n * 2);
    const group = this.group;
    for (let j = 0; j < n; j++) {
      const c = cap[j]!;
      if (c !== PUNCT && c !== NUM) count.set(lH[j]!, count.get(lH[j]!, 0) + 1);
    }
    let G = 0;
    for (let j = 0; j < n; j++) {
      const c = cap[j]!;
      group[j] = -1;
      if ((c === CAP || c === ALLCAP || c === MIXED) && count.get(lH[j]!, 0) >= this.minCount) {
        let g = gid.get(lH[j]!);
        if (g < 0) gid.set(lH[j]!, (g = G++));
        group[j] = g;
      }
    }
    this.groups = G;
    if (this.groupStart.length < G + 1) {
      this.groupStart = new Int32Array(G * 2 + 2);
      this.fill = new Int32Array(G * 2 + 2);
    }
    // Distinct (group, neighbour) pairs over every occurrence of the group's word, whatever its case.
    let np = 0;
    if (G > 0) {
      for (let s = 0; s < S; s++) {
        const a = sentStart[s]!;
        const b = sentStart[s + 1]!;
        for (let j = a; j < b; j++) {
          const g = gid.get(lH[j]!);
          if (g < 0) continue;
          for (let d = -this.window; d <= this.window; d++) {
            const k = j + d;
            if (d === 0 || k < a || k >= b) continue;
            if (this.mode === 3 && cap[k] !== LOWER && cap[k] !== PUNCT) continue;
            const f = feat2(T_AGG + this.mode, d < 0 ? d + 1 : d, this.value(lH[k]!));
            const pk = combine(f, g);
            if (pairs.get(pk, 0) !== 0) continue;
            pairs.set(pk, 1);
            if (np === this.pg.length) {
              this.pg = grow(this.pg);
              this.pf = grow(this.pf);
            }
            this.pg[np] = g;
            this.pf[np++] = f;
          }
        }
      }
    }
    // Bucket the pairs by group, in order of first sight, at most MAX_AGG a group.
    const gs = this.groupStart;
    const fill = this.fill;
    for (let g = 0; g <= G; g++) fill[g] = 0;
    for (let q = 0; q < np; q++) if (fill[this.pg[q]!]! < MAX_AGG) fill[this.pg[q]!]!++;
    let at = 0;
    for (let g = 0; g < G; g++) {
      gs[g] = at;
      at += fill[g]!;
      fill[g] = gs[g]!;
    }
    gs[G] = at;
    if (this.keys.length < at) this.keys = new Int32Array(at * 2);
    for (let q = 0; q < np; q++) {
      const g = this.pg[q]!;
      if (fill[g]! < gs[g + 1]!) this.keys[fill[g]!++] = this.pf[q]!;
    }
  }

  private value(h: number): number {
    if (this.mode === 0 || this.mode === 3 || !this.clusters) return h;
    const v = this.clusters.get(h, 0);
    if (v === 0) return h;
    return this.mode === 1 ? (v & 0xffff) : 0x10000 + (v >>> 16);
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
