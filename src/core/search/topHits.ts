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

/** The `limit` best passages containing `term` (or, with `prefix`, a word starting with it). */
export function topHits<T>(ms: MiniSearch<T>, term: string, prefix: boolean, limit: number): TopHits {
  const m = ms as unknown as Internals;
  const n = m._documentCount;
  const avg = m._avgFieldLength[0] ?? 1;
  // Scores by MiniSearch's short id (dense integers): a typed array is much faster than a Map here.
  const scores = new Float64Array(m._nextId + 1);
  const seen: number[] = [];
  const add = (postings: Postings | undefined, weight: number) => {
    const tfs = postings?.get(0);
    if (!tfs) return;
    let df = 0;
    for (const doc of tfs.keys()) if (m._documentIds.has(doc)) df++;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (const [doc, tf] of tfs) {
      if (!m._documentIds.has(doc)) continue; // discarded, not yet vacuumed
      const len = m._fieldLength.get(doc)?.[0] ?? avg;
      const s = weight * idf * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * len) / avg)));
      if (scores[doc] === 0) seen.push(doc);
      scores[doc]! += s;
    }
  };
  if (prefix) {
    for (const [t, postings] of m._index.atPrefix(term)) {
      const distance = t.length - term.length;
      add(postings, distance ? (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * distance) : 1);
    }
  } else add(m._index.get(term), 1);
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
  for (const doc of seen) {
    const score = scores[doc]!;
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
