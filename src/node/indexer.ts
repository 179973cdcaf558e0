/**
 * The extension's per-document work: a worker pool (created on first use, one worker per core),
 * the persistent cache of per-document results, and the pipeline the workers run. The host thread
 * only merges results into the index (putAnalysed), so reading a folder or a large edited source
 * never runs the recognisers on it.
 */
import type { DocumentResult } from '../core/index/analysis';
import type { CorpusIndex } from '../core/index/corpus';
import type { DraftAnalysis } from '../core/drafts/reading';
import { AnalysisPool, BACKGROUND_NICE, defaultJobs, type PipelineSpec } from './analysisPool';
import { DiskCache, type KeyValueCache } from './cache';
import { analyseAll, type Analysed, type Analyser, type IngestStats } from './ingest';

/** Results with more candidates than this are merged over several turns (prepare). */
const PREPARE_ABOVE = 2000;

export interface IndexerOptions {
  readonly workerFile: string;
  /** Worker threads (default: the cores). */
  readonly jobs?: number;
  /** Directory of the persistent cache (undefined: no cache). */
  readonly cacheDir?: string;
  /** Run the workers below the host's priority (the editor: typing and hovers come first). */
  readonly background?: boolean;
}

export class DocumentIndexer {
  private pool: AnalysisPool | undefined;
  private spec: PipelineSpec = {};
  private pipelineId = 'rules';
  private readonly cache: KeyValueCache<DocumentResult> | undefined;
  /** What the last analyse() call did (for the log). */
  lastStats: IngestStats | undefined;

  constructor(
    private readonly index: CorpusIndex,
    private readonly options: IndexerOptions,
  ) {
    this.cache = options.cacheDir ? new DiskCache<DocumentResult>(options.cacheDir, 'documents') : undefined;
  }

  /** Run this pipeline from now on (the workers are started again with it). */
  usePipeline(spec: PipelineSpec, pipelineId: string): void {
    if (spec.modelPath === this.spec.modelPath && pipelineId === this.pipelineId) return;
    this.spec = spec;
    this.pipelineId = pipelineId;
    const old = this.pool;
    this.pool = undefined;
    void old?.close();
  }

  /** Per-document results of the documents (from the cache or the workers), in the order given. */
  async analyse(
    docs: readonly (readonly [string, string])[],
    opts: { onProgress?: (done: number, total: number) => void; isCancelled?: () => boolean; useCache?: boolean } = {},
  ): Promise<Analysed[]> {
    const cache = opts.useCache === false ? undefined : this.cache;
    const { results, stats, writeCache } = await analyseAll(this.index, docs, {
      // The workers start at the first document the cache does not have: a cache-warm start runs
      // none (starting them, each building the pipeline, took both cores from the host's merge).
      analyser: this.lazyPool,
      cache,
      pipelineId: this.pipelineId,
      onProgress: opts.onProgress,
      isCancelled: opts.isCancelled,
      deferCacheWrites: true,
    });
    this.lastStats = stats;
    // The new results go to the cache once the caller has merged them (after this turn), one write after another.
    const prev = this.writes;
    this.writes = new Promise<void>((r) => setImmediate(r)).then(() => prev).then(writeCache);
    return results;
  }

  private readonly lazyPool: Analyser = { analyse: (task) => this.poolOf().analyse(task) };

  private poolOf(): AnalysisPool {
    return (this.pool ??= new AnalysisPool(this.options.workerFile, this.spec, this.options.jobs ?? defaultJobs(), this.options.background ? BACKGROUND_NICE : 0));
  }

  /** A draft read in a worker with the pipeline of the sources (not cached, not put in the index). */
  async readDraft(draftId: string, text: string): Promise<DraftAnalysis> {
    const r = await this.poolOf().analyse({ docId: draftId, text });
    return { candidates: r.candidates, quotes: r.speech?.quotes ?? [] };
  }

  private writes: Promise<void> = Promise.resolve();

  /** Resolves when the results analysed so far are in the persistent cache. */
  flush(): Promise<void> {
    return this.writes;
  }

  /** Merge a large result into the index ahead of its put(), a slice per turn of the event loop, so no turn blocks the host. */
  async prepare(a: Analysed): Promise<void> {
    if (a.result.candidates.length < PREPARE_ABOVE) return;
    await this.index.preparePut(a.id, a.text, a.result, () => new Promise((r) => setImmediate(r)));
  }

  /** Put one analysed document into the index (`replace`: even when its text is unchanged). */
  put(a: Analysed, replace = false): void {
    this.index.putAnalysed(a.id, a.text, a.result, replace);
  }

  private warmTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Start the workers, if no document needed them yet, once the host has had `delayMs` to itself
   * (after a cache-warm start): the first edit of a source then finds them ready.
   */
  warmUp(delayMs = 2000): void {
    if (this.pool || this.warmTimer) return;
    this.warmTimer = setTimeout(() => {
      this.warmTimer = undefined;
      this.poolOf();
    }, delayMs);
    this.warmTimer.unref?.();
  }

  dispose(): void {
    clearTimeout(this.warmTimer);
    this.warmTimer = undefined;
    void this.pool?.close();
    this.pool = undefined;
  }
}
