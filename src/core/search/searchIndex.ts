/**
 * Full-text search over the passages (sentences) of the corpus, with MiniSearch (BM25+ ranking),
 * beside the index on one thread (the CLI, the benchmarks): the query planned against the index
 * (searchPlan.ts), run over the passages (passageQuery.ts, passageStore.ts). The editor runs the
 * passage side in a worker thread instead (src/node/searchClient.ts).
 *
 * Incremental: it listens to the index and, before the next query, re-reads only the documents
 * whose text changed (a catalog or sources.yaml change needs no re-indexing: entity, speaker and
 * source facets are read from the index at query time, so they are always current).
 */
import type { Corpus } from '../index/api';
import { PassageQueries } from './passageQuery';
import { corpusPassages, PassageStore } from './passageStore';
import type { QuoteSource } from './quoteSource';
import { planSearch, searchResults, type PassageSearch, type SearchOptions, type SearchResponse } from './searchPlan';

export type { QuoteSource, QuoteSpan } from './quoteSource';
export type { PassageHit, PassageSearch, SearchOptions, SearchResponse } from './searchPlan';

export interface SearchIndexOptions {
  readonly quotes?: QuoteSource;
  /** Page of an offset of a paged source. */
  readonly pageOf?: (docId: string, offset: number) => number | undefined;
  /** Most passages per MiniSearch index (passageStore.ts; the default suits every corpus). */
  readonly shardSize?: number;
}

const pause = () => new Promise<void>((r) => setImmediate(r));

export class SearchIndex implements PassageSearch {
  private readonly store: PassageStore;
  private readonly queries: PassageQueries;
  private readonly listeners = new Set<() => void>();
  private readonly sub: { dispose(): void };
  private quotes: QuoteSource | undefined;

  constructor(
    private readonly corpus: Corpus,
    private readonly options: SearchIndexOptions = {},
  ) {
    this.quotes = options.quotes;
    this.store = new PassageStore(corpusPassages(corpus), () => this.queries.changed(), options.shardSize);
    this.queries = new PassageQueries(this.store);
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
   * that a large changed document is re-read without blocking the thread; a query meanwhile finishes it.
   */
  syncInSlices(pause: () => Promise<void>, sliceMs = 8): Promise<void> {
    return this.store.syncInSlices(pause, sliceMs);
  }

  search(q: string, options: SearchOptions = {}): SearchResponse {
    const plan = planSearch(this.corpus, this.quotes, q, options);
    if (!plan.passages) return searchResults(plan, undefined);
    this.sync();
    return searchResults(plan, this.queries.run(plan.passages), this.options.pageOf);
  }

  catchUp(): Promise<void> {
    return this.syncInSlices(pause);
  }

  async query(q: string, options: SearchOptions = {}): Promise<SearchResponse> {
    await this.syncInSlices(pause);
    return this.search(q, options);
  }

  dispose(): void {
    this.sub.dispose();
    this.listeners.clear();
  }
}
