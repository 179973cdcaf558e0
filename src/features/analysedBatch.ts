/**
 * The workers' results for the documents of one indexing pass of the workspace corpus
 * (workspaceCorpus.ts), on their way into the index: analysed with the very large documents kept
 * out of the cache, the large results merged ahead a slice at a time (the index keeps answering
 * meanwhile), then put in inside one corpus batch, which then only swaps them in.
 */
import type { Corpus, CorpusWriter } from '../core/index/api';
import type { Analysed } from '../node/ingest';
import { NO_CACHE_ABOVE, type DocumentAnalyser } from './sourceFiles';

type AnalyseOptions = NonNullable<Parameters<DocumentAnalyser['analyse']>[1]>;

export class AnalysedBatch {
  /** Per-document results for the batch being applied (put() reads them). */
  private results = new Map<string, Analysed>();

  constructor(
    private readonly corpus: Pick<Corpus & CorpusWriter, 'batch' | 'upsertDocument'>,
    private readonly analyser: DocumentAnalyser,
  ) {}

  /**
   * analyse(), with the very large documents kept out of the cache: hashing the text, packing the
   * result and unpacking a hit would each block the host for seconds (they are analysed in a worker).
   */
  async analyse(docs: readonly (readonly [string, string])[], opts: Omit<AnalyseOptions, 'useCache'> = {}): Promise<readonly Analysed[]> {
    const large = docs.filter(([, t]) => t.length > NO_CACHE_ABOVE);
    if (large.length === 0) return this.analyser.analyse(docs, opts);
    const small = docs.filter(([, t]) => t.length <= NO_CACHE_ABOVE);
    const [a, b] = await Promise.all([this.analyser.analyse(small, opts), this.analyser.analyse(large, { ...opts, useCache: false })]);
    return [...a, ...b];
  }

  /** Hold the results for the batch ahead, and merge the large ones a slice at a time (see DocumentAnalyser.prepare). */
  async prepare(results: Iterable<Analysed>): Promise<void> {
    this.results = new Map([...results].map((r) => [r.id, r] as const));
    for (const a of this.results.values()) await this.analyser.prepare?.(a);
  }

  /** Run `fn` in one corpus batch (its put() calls use the results held), then let the results go. */
  apply(fn: () => void): void {
    try {
      this.corpus.batch(fn);
    } finally {
      this.results = new Map();
    }
  }

  /** Put a document into the index: its result from the workers when it is for this text, else analysed here. */
  put(id: string, text: string): void {
    const a = this.results.get(id);
    if (a && a.text === text) this.analyser.put(a);
    else this.corpus.upsertDocument(id, text);
  }
}
