/**
 * The passage side of a search: a query whose facets were already read from the index
 * (searchPlan.ts) run over the passages and their MiniSearch indexes (passageStore.ts). Plain data
 * in and out, so that it runs as well in a worker thread (the editor's search, searchWorker.ts)
 * as beside the index (the CLI, SearchIndex).
 */
import type { Span } from '../types';
import { foldText, matches, matchSpans, mergeSpans, patternOf, searchable, type TextPattern } from './match';
import { words } from './query';
import { topHits, type TopHits } from './topHits';
import type { PassageRec, PassageStore } from './passageStore';

/** A query for the passages: its words, and its facets as lists (what may cross to a worker). */
export interface PassageQuery {
  readonly words: readonly string[];
  /** Prefixes of at least two letters. */
  readonly prefixes: readonly string[];
  readonly phrases: readonly string[];
  readonly excluded: readonly string[];
  /** Most hits returned. */
  readonly limit: number;
  /** Prefixes were asked for, all shorter than two letters (nothing matches then without words). */
  readonly shortPrefixesOnly?: boolean;
  /** The documents that pass the source filters; undefined: all. */
  readonly docs?: readonly string[];
  /** For each entity asked for, the starts of the passages that mention it, by document. */
  readonly mentionSets: readonly (readonly [string, readonly number[]])[][];
  /** The quotes of the speakers asked for, by document (a passage must overlap one). */
  readonly quoteSpans?: readonly (readonly [string, readonly Span[]])[];
  /** The starts of the passages that mention every type asked for, by document. */
  readonly typeStarts?: readonly (readonly [string, readonly number[]])[];
}

/** A passage found: its span and text, its score, and what matched (offsets into the document). */
export interface PassageMatch extends Span {
  readonly docId: string;
  readonly text: string;
  readonly score: number;
  readonly highlights: Span[];
}

export interface PassageMatches {
  /** Best first, at most the query's limit. */
  readonly hits: PassageMatch[];
  /** How many passages matched in all. */
  readonly total: number;
}

const byDoc = (list: readonly (readonly [string, readonly number[]])[]): Map<string, Set<number>> => new Map(list.map(([d, starts]) => [d, new Set(starts)]));

export class PassageQueries {
  /** The best passages of very common words and short prefixes alone, until the passages change. */
  private readonly topCache = new Map<string, TopHits>();

  constructor(private readonly store: PassageStore) {}

  /** The passages changed: cached results go. */
  changed(): void {
    this.topCache.clear();
  }

  run(q: PassageQuery): PassageMatches {
    const store = this.store;
    const limit = q.limit;
    const mentionSets = q.mentionSets.map(byDoc);
    const quoteSpans = q.quoteSpans && new Map(q.quoteSpans);
    const typeStarts = q.typeStarts && byDoc(q.typeStarts);
    const docs = q.docs && new Set(q.docs);
    const passageOk = (p: PassageRec): boolean => {
      if (docs && !docs.has(p.docId)) return false;
      for (const set of mentionSets) if (!set.get(p.docId)?.has(p.start)) return false;
      if (quoteSpans && !quoteSpans.get(p.docId)?.some((s) => s.start < p.end && p.start < s.end)) return false;
      if (typeStarts && !typeStarts.get(p.docId)?.has(p.start)) return false;
      return true;
    };

    const patterns: TextPattern[] = [
      ...q.words.map((w) => patternOf('word', w)),
      ...q.prefixes.map((w) => patternOf('prefix', w)),
      ...q.phrases.map((w) => patternOf('phrase', w)),
    ];
    const excluded = q.excluded.map((w) => patternOf('word', w));
    const prefixes = q.prefixes;

    // The plan: MiniSearch ranks on the rarer words; very common words ("the", "said") and the order
    // of a phrase's words are then checked in the text of each candidate.
    const terms = [...new Set([...q.words, ...q.phrases.flatMap((p) => words(p))].map(foldText))];
    const checks: TextPattern[] = patterns.filter((p) => p.kind === 'phrase');
    let candidates: { id: number; score: number }[];
    /** Matching passages left out of `candidates` (beyond the limit), counted in the total. */
    let skipped = 0;
    const facet = this.facetCandidates(mentionSets, passageOk);
    if (q.shortPrefixesOnly && !terms.length) return { hits: [], total: 0 };
    if (facet && (terms.length || prefixes.length)) {
      // Few passages mention the entities: check the words in each and rank them with BM25 here.
      const wordPatterns = terms.map((t) => ({ p: patternOf('word', t), df: store.df(t) ?? 1 }));
      const prefixPatterns = prefixes.map((t) => patternOf('prefix', t));
      candidates = [];
      for (const id of facet) {
        const p = store.passage(id)!;
        const folded = searchable(store.textOf(p.docId)!.slice(p.start, p.end));
        const len = words(folded).length;
        let score = 0;
        let ok = true;
        for (const { p: pat, df } of wordPatterns) {
          const tf = matchSpans(folded, pat).length;
          if (!tf) {
            ok = false;
            break;
          }
          score += store.bm25(tf, len, df);
        }
        for (const pat of prefixPatterns) {
          const tf = ok ? matchSpans(folded, pat).length : 0;
          if (!tf) ok = false;
          else score += store.bm25(tf, len, Math.max(1, store.size * 0.01));
        }
        if (ok) candidates.push({ id, score });
      }
      candidates.sort((a, b) => b.score - a.score || store.order(a.id, b.id));
    } else if (facet) {
      candidates = facet.map((id) => ({ id, score: 1 }));
    } else if (terms.length || prefixes.length) {
      const dfs = new Map(terms.map((t) => [t, store.df(t)] as const));
      if (terms.some((t) => !dfs.get(t))) return { hits: [], total: 0 };
      const byDf = [...terms].sort((a, b) => dfs.get(a)! - dfs.get(b)!);
      const common = Math.max(500, store.size * 0.03);
      const ranked = byDf.filter((t, i) => i === 0 || dfs.get(t)! <= common);
      for (const t of byDf) if (!ranked.includes(t)) checks.push(patternOf('word', t));
      const prefixed: string[] = [];
      if (ranked.length && dfs.get(ranked[0]!)! <= common) for (const p of prefixes) checks.push(patternOf('prefix', p));
      else prefixed.push(...prefixes.map(foldText));
      // One flat query (MiniSearch is fastest so): the ranked words, then the prefixes.
      const filtered = mentionSets.length || quoteSpans || typeStarts || docs;
      if (!filtered && !checks.length && !excluded.length && ranked.length + prefixed.length === 1) {
        // One term or one prefix alone, maybe matching most passages: the best `limit` from the postings.
        const term = ranked[0] ?? prefixed[0]!;
        const key = `${ranked.length ? 'w' : 'p'}:${limit}:${term}`;
        let top = this.topCache.get(key);
        if (!top) {
          top = topHits(store.indexes(), term, !ranked.length, limit);
          // Only the costly ones (a word in thousands of passages) are kept, until the index changes.
          if (top.total > 2000) {
            if (this.topCache.size >= 64) this.topCache.delete(this.topCache.keys().next().value!);
            this.topCache.set(key, top);
          }
        }
        candidates = top.hits;
        skipped = top.total - top.hits.length;
      } else {
        const found = store.search([...ranked, ...prefixed].join(' '), {
          combineWith: 'AND',
          prefix: (_t: string, i: number) => i >= ranked.length,
          ...(filtered ? { filter: (r: { id: unknown }) => passageOk(store.passage(r.id as number)!) } : {}),
        });
        candidates = new Array(found.length);
        for (let i = 0; i < found.length; i++) candidates[i] = { id: found[i]!.id as number, score: found[i]!.score };
      }
    } else {
      candidates = [];
      for (const [id, p] of store.entries()) if (passageOk(p)) candidates.push({ id, score: 1 });
      candidates.sort((a, b) => store.order(a.id, b.id));
    }

    const hits: PassageMatch[] = [];
    let total = skipped;
    for (const c of candidates) {
      const p = store.passage(c.id)!;
      const text = (store.textOf(p.docId) ?? '').slice(p.start, p.end);
      if (checks.length || excluded.length || hits.length < limit) {
        const folded = searchable(text);
        if (!checks.every((pp) => matches(folded, pp))) continue;
        if (excluded.some((pp) => matches(folded, pp))) continue;
        total++;
        if (hits.length >= limit) continue;
        const hl = patterns.flatMap((pp) => matchSpans(folded, pp)).map((s) => ({ start: s.start + p.start, end: s.end + p.start }));
        hits.push({ docId: p.docId, start: p.start, end: p.end, text, score: c.score, highlights: mergeSpans(hl) });
      } else total++;
    }
    return { hits, total };
  }

  /** When entities are asked for and few passages mention them: those passages (that pass the filters), in document order. */
  private facetCandidates(sets: Map<string, Set<number>>[], ok: (p: PassageRec) => boolean): number[] | undefined {
    if (!sets.length) return undefined;
    const size = (m: Map<string, Set<number>>) => [...m.values()].reduce((n, s) => n + s.size, 0);
    const smallest = sets.reduce((a, b) => (size(b) < size(a) ? b : a));
    if (size(smallest) > 5000) return undefined;
    const ids: number[] = [];
    for (const [docId, starts] of smallest) {
      if (!this.store.has(docId)) continue;
      for (const st of starts) {
        const id = this.store.idAt(docId, st);
        if (id !== undefined && ok(this.store.passage(id)!)) ids.push(id);
      }
    }
    return ids.sort((a, b) => this.store.order(a, b));
  }
}
