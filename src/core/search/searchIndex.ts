/**
 * Full-text search over the passages (sentences) of the corpus, with MiniSearch (BM25+ ranking):
 * the query side. The passages themselves, their MiniSearch index and its syncing with the corpus
 * are in passageStore.ts; entity, speaker and source facets in facets.ts.
 *
 * Incremental: it listens to the index and, before the next query, re-reads only the documents
 * whose text changed (a catalog or sources.yaml change needs no re-indexing: entity, speaker and
 * source facets are read from the index at query time, so they are always current).
 */
import type { Corpus } from '../index/api';
import type { EntityType, Span } from '../types';
import { foldText, matches, matchSpans, mergeSpans, patternOf, searchable, type TextPattern } from './match';
import { isEmptyQuery, parseQuery, words, type ParsedQuery, type SearchFilters } from './query';
import type { QuoteSource } from './quoteSource';
import { topHits, type TopHits } from './topHits';
import { docFilter, entityFacets, speakerSpans } from './facets';
import { PassageStore, type PassageRec } from './passageStore';

export type { QuoteSource, QuoteSpan } from './quoteSource';

export interface PassageHit extends Span {
  readonly docId: string;
  /** The passage's text (a sentence of the source). */
  readonly text: string;
  /** BM25+ score (higher is better); 1 for facet-only queries. */
  readonly score: number;
  /** What matched, as offsets into the document (sorted, disjoint). */
  readonly highlights: readonly Span[];
  /** Page of the passage, for paged sources. */
  readonly page?: number;
}

export interface SearchResponse {
  readonly query: ParsedQuery;
  /** Best first, at most `limit`. */
  readonly results: PassageHit[];
  /** How many passages matched in all. */
  readonly total: number;
  /** Problems with the query, in words for the user. */
  readonly problems: readonly string[];
}

export interface SearchOptions {
  /** Most results returned (default 200). */
  readonly limit?: number;
  /** Filters besides those written in the query. */
  readonly filters?: SearchFilters;
}

export interface SearchIndexOptions {
  readonly quotes?: QuoteSource;
  /** Page of an offset of a paged source. */
  readonly pageOf?: (docId: string, offset: number) => number | undefined;
  /** Most passages per MiniSearch index (passageStore.ts; the default suits every corpus). */
  readonly shardSize?: number;
}

export class SearchIndex {
  /** The best passages of very common words and short prefixes alone, until the passages change. */
  private readonly topCache = new Map<string, TopHits>();
  private readonly store: PassageStore;
  private readonly listeners = new Set<() => void>();
  private readonly sub: { dispose(): void };
  private quotes: QuoteSource | undefined;

  constructor(
    private readonly corpus: Corpus,
    private readonly options: SearchIndexOptions = {},
  ) {
    this.quotes = options.quotes;
    this.store = new PassageStore(corpus, () => this.topCache.clear(), options.shardSize);
    this.sub = corpus.onDidChange(() => {
      this.store.markDirty();
      for (const l of [...this.listeners]) l();
    });
  }

  /** Plug in the quotes (for `by:`) when they become available. */
  setQuoteSource(quotes: QuoteSource | undefined): void {
    this.quotes = quotes;
    for (const l of [...this.listeners]) l();
  }

  /** Called when the index changed (results of a query may differ): views run their query again. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Number of passages indexed. */
  get size(): number {
    this.sync();
    return this.store.size;
  }

  /** Number of MiniSearch indexes the passages are spread over (passageStore.ts). */
  get shards(): number {
    this.sync();
    return this.store.indexes().length;
  }

  /** Bring the passages in step with the index: only documents whose text changed are read again. */
  sync(): void {
    this.store.sync();
  }

  /**
   * The same as sync(), a slice of about `sliceMs` at a time (`pause` yields to the event loop), so
   * that a large changed document is re-read without blocking the host; a query meanwhile finishes it.
   */
  syncInSlices(pause: () => Promise<void>, sliceMs = 8): Promise<void> {
    return this.store.syncInSlices(pause, sliceMs);
  }

  search(q: string, options: SearchOptions = {}): SearchResponse {
    this.sync();
    const query = parseQuery(q, options.filters);
    const limit = options.limit ?? 200;
    const problems = [...query.problems];
    if (isEmptyQuery(query)) return { query, results: [], total: 0, problems };

    // Facets from the index.
    const facets = entityFacets(this.corpus, query.entities ?? [], problems);
    if (!facets) return { query, results: [], total: 0, problems };
    const { mentionSets, facetMentions } = facets;
    let quoteSpans: Map<string, Span[]> | undefined;
    if (query.speakers?.length) {
      if (!this.quotes) {
        problems.push('quotes are not indexed yet: by: finds nothing');
        return { query, results: [], total: 0, problems };
      }
      quoteSpans = speakerSpans(this.corpus, this.quotes, query.speakers, problems);
    }
    const typeCache = new Map<string, Map<number, Set<EntityType>>>();
    const typesAt = (docId: string, start: number): Set<EntityType> | undefined => {
      let m = typeCache.get(docId);
      if (!m) {
        typeCache.set(docId, (m = new Map()));
        for (const x of this.corpus.mentionsIn(docId)) {
          let s = m.get(x.passage.start);
          if (!s) m.set(x.passage.start, (s = new Set()));
          s.add(x.type);
        }
      }
      return m.get(start);
    };
    const docOk = docFilter(this.corpus, query);
    const passageOk = (p: PassageRec): boolean => {
      if (docOk && !docOk(p.docId)) return false;
      for (const set of mentionSets) if (!set.get(p.docId)?.has(p.start)) return false;
      if (quoteSpans && !quoteSpans.get(p.docId)?.some((s) => s.start < p.end && p.start < s.end)) return false;
      if (query.types?.length) {
        const ts = typesAt(p.docId, p.start);
        if (!ts || !query.types.every((t) => ts.has(t))) return false;
      }
      return true;
    };

    const patterns: TextPattern[] = [
      ...query.words.map((w) => patternOf('word', w)),
      ...query.prefixes.map((w) => patternOf('prefix', w)),
      ...query.phrases.map((w) => patternOf('phrase', w)),
    ];
    const excluded = query.excluded.map((w) => patternOf('word', w));
    for (const p of query.prefixes) if (foldText(p).length < 2) problems.push(`'${p}*': a prefix needs at least two letters`);
    const prefixes = query.prefixes.filter((p) => foldText(p).length >= 2);

    // The plan: MiniSearch ranks on the rarer words; very common words ("the", "said") and the order
    // of a phrase's words are then checked in the text of each candidate.
    const terms = [...new Set([...query.words, ...query.phrases.flatMap((p) => words(p))].map(foldText))];
    const checks: TextPattern[] = patterns.filter((p) => p.kind === 'phrase');
    let candidates: { id: number; score: number }[];
    /** Matching passages left out of `candidates` (beyond the limit), counted in the total. */
    let skipped = 0;
    const facet = this.facetCandidates(mentionSets, passageOk);
    if (query.prefixes.length && !prefixes.length && !terms.length) return { query, results: [], total: 0, problems };
    if (facet && (terms.length || prefixes.length)) {
      // Few passages mention the entities: check the words in each and rank them with BM25 here.
      const wordPatterns = terms.map((t) => ({ p: patternOf('word', t), df: this.store.df(t) ?? 1 }));
      const prefixPatterns = prefixes.map((t) => patternOf('prefix', t));
      candidates = [];
      for (const id of facet) {
        const p = this.store.passage(id)!;
        const folded = searchable(this.store.textOf(p.docId)!.slice(p.start, p.end));
        const len = words(folded).length;
        let score = 0;
        let ok = true;
        for (const { p: pat, df } of wordPatterns) {
          const tf = matchSpans(folded, pat).length;
          if (!tf) {
            ok = false;
            break;
          }
          score += this.store.bm25(tf, len, df);
        }
        for (const pat of prefixPatterns) {
          const tf = ok ? matchSpans(folded, pat).length : 0;
          if (!tf) ok = false;
          else score += this.store.bm25(tf, len, Math.max(1, this.store.size * 0.01));
        }
        if (ok) candidates.push({ id, score });
      }
      candidates.sort((a, b) => b.score - a.score || this.store.order(a.id, b.id));
    } else if (facet) {
      candidates = facet.map((id) => ({ id, score: 1 }));
    } else if (terms.length || prefixes.length) {
      const dfs = new Map(terms.map((t) => [t, this.store.df(t)] as const));
      if (terms.some((t) => !dfs.get(t))) return { query, results: [], total: 0, problems };
      const byDf = [...terms].sort((a, b) => dfs.get(a)! - dfs.get(b)!);
      const common = Math.max(500, this.store.size * 0.03);
      const ranked = byDf.filter((t, i) => i === 0 || dfs.get(t)! <= common);
      for (const t of byDf) if (!ranked.includes(t)) checks.push(patternOf('word', t));
      const prefixed: string[] = [];
      if (ranked.length && dfs.get(ranked[0]!)! <= common) for (const p of prefixes) checks.push(patternOf('prefix', p));
      else prefixed.push(...prefixes.map(foldText));
      // One flat query (MiniSearch is fastest so): the ranked words, then the prefixes.
      const filtered = mentionSets.length || quoteSpans || query.types?.length || docOk;
      if (!filtered && !checks.length && !excluded.length && ranked.length + prefixed.length === 1) {
        // One term or one prefix alone, maybe matching most passages: the best `limit` from the postings.
        const term = ranked[0] ?? prefixed[0]!;
        const key = `${ranked.length ? 'w' : 'p'}:${limit}:${term}`;
        let top = this.topCache.get(key);
        if (!top) {
          top = topHits(this.store.indexes(), term, !ranked.length, limit);
          // Only the costly ones (a word in thousands of passages) are kept, until the index changes.
          if (top.total > 2000) {
            if (this.topCache.size >= 64) this.topCache.delete(this.topCache.keys().next().value!);
            this.topCache.set(key, top);
          }
        }
        candidates = top.hits;
        skipped = top.total - top.hits.length;
      } else {
      const found = this.store.search([...ranked, ...prefixed].join(' '), {
        combineWith: 'AND',
        prefix: (_t: string, i: number) => i >= ranked.length,
        ...(filtered ? { filter: (r: { id: unknown }) => passageOk(this.store.passage(r.id as number)!) } : {}),
      });
      candidates = new Array(found.length);
      for (let i = 0; i < found.length; i++) candidates[i] = { id: found[i]!.id as number, score: found[i]!.score };
      }
    } else {
      candidates = [];
      for (const [id, p] of this.store.entries()) if (passageOk(p)) candidates.push({ id, score: 1 });
      candidates.sort((a, b) => this.store.order(a.id, b.id));
    }

    const results: PassageHit[] = [];
    let total = skipped;
    const textOf = (docId: string) => this.store.textOf(docId) ?? '';
    for (const c of candidates) {
      const p = this.store.passage(c.id)!;
      const text = textOf(p.docId).slice(p.start, p.end);
      if (checks.length || excluded.length || results.length < limit) {
        const folded = searchable(text);
        if (!checks.every((pp) => matches(folded, pp))) continue;
        if (excluded.some((pp) => matches(folded, pp))) continue;
        total++;
        if (results.length >= limit) continue;
        const hl: Span[] = patterns.flatMap((pp) => matchSpans(folded, pp)).map((s) => ({ start: s.start + p.start, end: s.end + p.start }));
        for (const m of facetMentions.get(p.docId) ?? []) if (m.start >= p.start && m.end <= p.end) hl.push({ start: m.start, end: m.end });
        const page = this.options.pageOf?.(p.docId, p.start);
        results.push({ docId: p.docId, start: p.start, end: p.end, text, score: c.score, highlights: mergeSpans(hl), ...(page !== undefined ? { page } : {}) });
      } else total++;
    }
    return { query, results, total, problems };
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

  dispose(): void {
    this.sub.dispose();
    this.listeners.clear();
  }
}
