/**
 * The best passages for one term or one prefix, straight from MiniSearch's postings, with a bounded
 * heap: a common word ("the") or a short prefix ("pro*") matches tens of thousands of passages, and
 * MiniSearch would build, score and sort a result object for each. Scores are MiniSearch's own (BM25+
 * with its defaults, prefix completions weighted as MiniSearch weights them), so the ranking is the same.
 */
import type MiniSearch from 'minisearch';

type Postings = Map<number, Map<number, number>>;
interface Internals {
  _index: { get(term: string): Postings | undefined; atPrefix(prefix: string): Iterable<[string, Postings]> };
  _documentIds: Map<number, unknown>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
}

const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;

export interface TopHits {
  /** Best first, at most `limit`. */
  readonly hits: { id: number; score: number }[];
  /** How many passages match in all. */
  readonly total: number;
}

/**
 * The `limit` best passages containing `term` (or, with `prefix`, a word starting with it), in one
 * MiniSearch index or several holding disjoint passages (shards): scored with the statistics of
 * all of them together (passage count, average length, passages per term), so as one index would.
 */
export function topHits<T>(index: MiniSearch<T> | readonly MiniSearch<T>[], term: string, prefix: boolean, limit: number): TopHits {
  const shards = (Array.isArray(index) ? index : [index]) as unknown as Internals[];
  let n = 0;
  let words = 0;
  for (const m of shards) {
    n += m._documentCount;
    words += (m._avgFieldLength[0] ?? 0) * m._documentCount;
  }
  const avg = n ? words / n : 1;
  // The postings of each matching term in each shard, with their weight.
  const lists: { m: Internals; tfs: Map<number, number>; t: string; weight: number }[] = [];
  for (const m of shards) {
    const take = (t: string, postings: Postings | undefined, weight: number) => {
      const tfs = postings?.get(0);
      if (tfs) lists.push({ m, tfs, t, weight });
    };
    if (prefix) {
      for (const [t, postings] of m._index.atPrefix(term)) {
        const distance = t.length - term.length;
        take(t, postings, distance ? (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * distance) : 1);
      }
    } else take(term, m._index.get(term), 1);
  }
  // Passages per term over all shards (discarded ones, not yet vacuumed, left out).
  const dfs = new Map<string, number>();
  for (const { m, tfs, t } of lists) {
    let df = 0;
    for (const doc of tfs.keys()) if (m._documentIds.has(doc)) df++;
    dfs.set(t, (dfs.get(t) ?? 0) + df);
  }
  // Scores by shard and MiniSearch's short id (dense integers): a typed array is much faster than a Map here.
  const scores = new Map<Internals, Float64Array>(shards.map((m) => [m, new Float64Array(m._nextId + 1)]));
  const seen: { m: Internals; doc: number }[] = [];
  for (const { m, tfs, t, weight } of lists) {
    const df = dfs.get(t)!;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const sc = scores.get(m)!;
    for (const [doc, tf] of tfs) {
      if (!m._documentIds.has(doc)) continue; // discarded, not yet vacuumed
      const len = m._fieldLength.get(doc)?.[0] ?? avg;
      const s = weight * idf * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * len) / avg)));
      if (sc[doc] === 0) seen.push({ m, doc });
      sc[doc]! += s;
    }
  }
  // A min-heap of the best `limit` (score, then the earlier passage first).
  const heap: { id: number; score: number }[] = [];
  const worse = (a: { id: number; score: number }, b: { id: number; score: number }) => a.score < b.score || (a.score === b.score && a.id > b.id);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(heap[l]!, heap[w]!)) w = l;
      if (r < heap.length && worse(heap[r]!, heap[w]!)) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w]!, heap[i]!];
      i = w;
    }
  };
  for (const { m, doc } of seen) {
    const score = scores.get(m)![doc]!;
    const x = { id: m._documentIds.get(doc) as number, score };
    if (heap.length < limit) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (limit > 0 && worse(heap[0]!, x)) {
      heap[0] = x;
      down(0);
    }
  }
  heap.sort((a, b) => b.score - a.score || a.id - b.id);
  return { hits: heap, total: seen.length };
}
