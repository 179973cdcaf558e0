/**
 * Full-text search over the passages (sentences) of the corpus, with MiniSearch (BM25+ ranking).
 *
 * Incremental: it listens to the index and, before the next query, re-reads only the documents
 * whose text changed (a catalog or sources.yaml change needs no re-indexing: entity, speaker and
 * source facets are read from the index at query time, so they are always current).
 */
import MiniSearch from 'minisearch';
import { runToEnd } from '../index/documentChange';
import type { Corpus } from '../index/api';
import type { EntityType, Span } from '../types';
import { foldText, matches, matchSpans, mergeSpans, patternOf, searchable, type TextPattern } from './match';
import { isEmptyQuery, parseQuery, words, type ParsedQuery, type SearchFilters } from './query';
import type { QuoteSource } from './quoteSource';
import { topHits, type TopHits } from './topHits';
import { docFilter, entityFacets, speakerSpans } from './facets';

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
}

interface PassageRec extends Span {
  readonly docId: string;
}

const tokenize = (text: string): string[] => words(text);
/** Passages between two looks at the clock while a large document is (re-)indexed in slices. */
const SLICE = 256;

const processTerm = (term: string): string => foldText(term);

export class SearchIndex {
  private ms = this.create();
  private readonly passages = new Map<number, PassageRec>();
  private readonly byDoc = new Map<string, { text: string; ids: number[]; at: Map<number, number> }>();
  private totalWords = 0;
  private nextId = 1;
  /** Passages per term (folded), for planning queries. */
  private readonly df = new Map<string, number>();
  private dirty = true;
  /** The best passages of very common words and short prefixes alone, until the passages change. */
  private readonly topCache = new Map<string, TopHits>();
  private readonly listeners = new Set<() => void>();
  private readonly sub: { dispose(): void };
  private quotes: QuoteSource | undefined;

  constructor(
    private readonly corpus: Corpus,
    private readonly options: SearchIndexOptions = {},
  ) {
    this.quotes = options.quotes;
    this.sub = corpus.onDidChange(() => {
      this.dirty = true;
      for (const l of [...this.listeners]) l();
    });
  }

  private create(): MiniSearch<{ id: number; text: string }> {
    // Passages are removed with their text (remove(), a cost in their own words), never discarded: a
    // discard leaves a vacuum to MiniSearch, which walks every term of the index in the background
    // (seconds at a time after a 60 MB source changed) and fails when passages are added meanwhile.
    return new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [], tokenize, processTerm, searchOptions: { tokenize, processTerm }, autoVacuum: false });
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
    return this.passages.size;
  }

  /** Bring the passages in step with the index: only documents whose text changed are read again. */
  sync(): void {
    // A sync going on in slices is finished at once (a query needs the passages now).
    if (this.running) runToEnd(this.running);
    if (!this.dirty) return;
    this.dirty = false;
    runToEnd(this.syncing());
  }

  /**
   * The same as sync(), a slice of about `sliceMs` at a time (`pause` yields to the event loop), so
   * that a large changed document is re-read without blocking the host; a query meanwhile finishes it.
   */
  async syncInSlices(pause: () => Promise<void>, sliceMs = 8): Promise<void> {
    while (this.dirty || this.running) {
      if (this.running) {
        // Another caller is slicing: wait for it.
        await pause();
        continue;
      }
      this.dirty = false;
      const steps = (this.running = this.syncing());
      let t0 = Date.now();
      while (this.running === steps) {
        if (steps.next().done) break;
        if (Date.now() - t0 >= sliceMs) {
          await pause();
          t0 = Date.now();
        }
      }
    }
  }

  private running: Generator<void, void> | undefined;

  private *syncing(): Generator<void, void> {
    try {
      const seen = new Set<string>();
      for (const d of this.corpus.documents()) {
        seen.add(d.id);
        const text = this.corpus.text(d.id);
        if (text === undefined) continue;
        const prev = this.byDoc.get(d.id);
        if (prev && prev.text === text) continue;
        if (prev) yield* this.drop(d.id);
        yield* this.addDoc(d.id, text);
      }
      for (const id of [...this.byDoc.keys()]) if (!seen.has(id)) yield* this.drop(id);
    } finally {
      this.running = undefined;
    }
  }

  private *addDoc(docId: string, text: string): Generator<void, void> {
    this.topCache.clear();
    const prepared = this.corpus.layout ? this.corpus.layout(docId) : this.corpus.prepared(docId);
    const ids: number[] = [];
    const at = new Map<number, number>();
    // Registered first: a document half added is dropped whole if it changes meanwhile.
    this.byDoc.set(docId, { text, ids, at });
    let batch: { id: number; text: string }[] = [];
    for (const s of prepared?.sentences ?? []) {
      const t = text.slice(s.start, s.end);
      if (!/[\p{L}\p{N}]/u.test(t)) continue;
      const id = this.nextId++;
      this.passages.set(id, { docId, start: s.start, end: s.end });
      at.set(s.start, id);
      const ws = words(t);
      this.totalWords += ws.length;
      for (const w of new Set(ws.map(foldText))) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      ids.push(id);
      batch.push({ id, text: t });
      if (batch.length === SLICE) {
        this.ms.addAll(batch);
        batch = [];
        yield;
      }
    }
    this.ms.addAll(batch);
  }

  private *drop(docId: string): Generator<void, void> {
    const rec = this.byDoc.get(docId);
    if (!rec) return;
    this.topCache.clear();
    this.byDoc.delete(docId);
    let n = 0;
    for (const id of rec.ids) {
      const p = this.passages.get(id)!;
      const text = rec.text.slice(p.start, p.end);
      const ws = words(text);
      this.totalWords -= ws.length;
      for (const w of new Set(ws.map(foldText))) {
        const k = (this.df.get(w) ?? 1) - 1;
        if (k > 0) this.df.set(w, k);
        else this.df.delete(w);
      }
      this.ms.remove({ id, text });
      this.passages.delete(id);
      if (++n % SLICE === 0) yield;
    }
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
      const wordPatterns = terms.map((t) => ({ t, p: patternOf('word', t) }));
      const prefixPatterns = prefixes.map((t) => patternOf('prefix', t));
      candidates = [];
      for (const id of facet) {
        const p = this.passages.get(id)!;
        const folded = searchable(this.byDoc.get(p.docId)!.text.slice(p.start, p.end));
        const len = words(folded).length;
        let score = 0;
        let ok = true;
        for (const { t, p: pat } of wordPatterns) {
          const tf = matchSpans(folded, pat).length;
          if (!tf) {
            ok = false;
            break;
          }
          score += this.bm25(tf, len, this.df.get(t) ?? 1);
        }
        for (const pat of prefixPatterns) {
          const tf = ok ? matchSpans(folded, pat).length : 0;
          if (!tf) ok = false;
          else score += this.bm25(tf, len, Math.max(1, this.passages.size * 0.01));
        }
        if (ok) candidates.push({ id, score });
      }
      candidates.sort((a, b) => b.score - a.score || this.order(a.id, b.id));
    } else if (facet) {
      candidates = facet.map((id) => ({ id, score: 1 }));
    } else if (terms.length || prefixes.length) {
      if (terms.some((t) => !this.df.get(t))) return { query, results: [], total: 0, problems };
      const byDf = [...terms].sort((a, b) => this.df.get(a)! - this.df.get(b)!);
      const common = Math.max(500, this.passages.size * 0.03);
      const ranked = byDf.filter((t, i) => i === 0 || this.df.get(t)! <= common);
      for (const t of byDf) if (!ranked.includes(t)) checks.push(patternOf('word', t));
      const prefixed: string[] = [];
      if (ranked.length && this.df.get(ranked[0]!)! <= common) for (const p of prefixes) checks.push(patternOf('prefix', p));
      else prefixed.push(...prefixes.map(foldText));
      // One flat query (MiniSearch is fastest so): the ranked words, then the prefixes.
      const filtered = mentionSets.length || quoteSpans || query.types?.length || docOk;
      if (!filtered && !checks.length && !excluded.length && ranked.length + prefixed.length === 1) {
        // One term or one prefix alone, maybe matching most passages: the best `limit` from the postings.
        const term = ranked[0] ?? prefixed[0]!;
        const key = `${ranked.length ? 'w' : 'p'}:${limit}:${term}`;
        let top = this.topCache.get(key);
        if (!top) {
          top = topHits(this.ms, term, !ranked.length, limit);
          // Only the costly ones (a word in thousands of passages) are kept, until the index changes.
          if (top.total > 2000) {
            if (this.topCache.size >= 64) this.topCache.delete(this.topCache.keys().next().value!);
            this.topCache.set(key, top);
          }
        }
        candidates = top.hits;
        skipped = top.total - top.hits.length;
      } else {
      const found = this.ms.search([...ranked, ...prefixed].join(' '), {
        combineWith: 'AND',
        prefix: (_t: string, i: number) => i >= ranked.length,
        ...(filtered ? { filter: (r: { id: unknown }) => passageOk(this.passages.get(r.id as number)!) } : {}),
      });
      candidates = new Array(found.length);
      for (let i = 0; i < found.length; i++) candidates[i] = { id: found[i]!.id as number, score: found[i]!.score };
      }
    } else {
      candidates = [];
      for (const [id, p] of this.passages) if (passageOk(p)) candidates.push({ id, score: 1 });
      candidates.sort((a, b) => this.order(a.id, b.id));
    }

    const results: PassageHit[] = [];
    let total = skipped;
    const textOf = (docId: string) => this.byDoc.get(docId)?.text ?? '';
    for (const c of candidates) {
      const p = this.passages.get(c.id)!;
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

  /** BM25 (k1 1.2, b 0.7, as MiniSearch) of one term in one passage. */
  private bm25(tf: number, len: number, df: number): number {
    const n = this.passages.size;
    const avg = n ? this.totalWords / n : 1;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return (idf * (tf * 2.2)) / (tf + 1.2 * (1 - 0.7 + (0.7 * len) / avg));
  }

  /** When entities are asked for and few passages mention them: those passages (that pass the filters), in document order. */
  private facetCandidates(sets: Map<string, Set<number>>[], ok: (p: PassageRec) => boolean): number[] | undefined {
    if (!sets.length) return undefined;
    const size = (m: Map<string, Set<number>>) => [...m.values()].reduce((n, s) => n + s.size, 0);
    const smallest = sets.reduce((a, b) => (size(b) < size(a) ? b : a));
    if (size(smallest) > 5000) return undefined;
    const ids: number[] = [];
    for (const [docId, starts] of smallest) {
      const at = this.byDoc.get(docId)?.at;
      if (!at) continue;
      for (const st of starts) {
        const id = at.get(st);
        if (id !== undefined && ok(this.passages.get(id)!)) ids.push(id);
      }
    }
    return ids.sort((a, b) => this.order(a, b));
  }

  private order(a: number, b: number): number {
    const pa = this.passages.get(a)!;
    const pb = this.passages.get(b)!;
    return pa.docId < pb.docId ? -1 : pa.docId > pb.docId ? 1 : pa.start - pb.start;
  }

  dispose(): void {
    this.sub.dispose();
    this.listeners.clear();
  }
}
