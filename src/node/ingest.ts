/**
 * Many documents into the index: per-document results come from the persistent cache when it has
 * them, else from an analyser (the worker pool, or this thread), and go into the index in the
 * order given, in one batch — so the result does not depend on which worker finished first, and
 * the index (its entities, the views) changes once, not per document or per worker batch.
 */
import type { CandidateSource } from '../core/index/api';
import { ANALYSIS_VERSION, analyseDocument, analysisMeta, type DocumentResult } from '../core/index/analysis';
import type { CorpusIndex } from '../core/index/corpus';
import { formatOf } from '../core/text/document';
import type { SourceMeta } from '../core/types';
import type { AnalysisTask } from './analysisPool';
import { sha256, type KeyValueCache } from './cache';

export interface Analyser {
  analyse(task: AnalysisTask): Promise<DocumentResult>;
}

/** Per-document work on this thread (`--jobs 1`). */
export class LocalAnalyser implements Analyser {
  constructor(private readonly pipeline: CandidateSource) {}
  analyse(task: AnalysisTask): Promise<DocumentResult> {
    try {
      return Promise.resolve(analyseDocument(task.docId, task.text, task.meta, this.pipeline));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}

/**
 * The cache key of a document's result: everything the result depends on — the analysis code's
 * version, the pipeline (rules, or rules + a tagger model by its hash), the format (from the file
 * extension), the document's date and authors in sources.yaml, and the text's hash. Not the path: a moved file hits.
 */
export function analysisKey(docId: string, text: string, meta: SourceMeta | undefined, pipelineId: string): string {
  return `analysis/${ANALYSIS_VERSION}/${pipelineId}/${formatOf(docId)}/${JSON.stringify(analysisMeta(meta))}/${sha256(text)}`;
}

export interface IngestOptions {
  readonly analyser: Analyser;
  readonly cache?: KeyValueCache<DocumentResult>;
  /** Identifies the pipeline in cache keys (see analysisKey). */
  readonly pipelineId: string;
  readonly onProgress?: (done: number, total: number) => void;
  readonly isCancelled?: () => boolean;
  /**
   * Each result in the order given, as soon as it and every one before it are done (failed ones
   * skipped): the host merges while the workers still analyse, in the same order as applyAll.
   */
  readonly onInOrder?: (a: Analysed) => void;
  /**
   * Leave the cache writes to the caller (`writeCache` in the result): the editor fills its tree
   * first and packs and writes the new results afterwards, a few at a time, off the path to the tree.
   */
  readonly deferCacheWrites?: boolean;
}

export interface Analysed {
  readonly id: string;
  readonly text: string;
  readonly result: DocumentResult;
}

export interface IngestStats {
  readonly documents: number;
  readonly fromCache: number;
  readonly failed: { id: string; error: string }[];
}

/** Per-document results for the documents, in the order given (failed ones left out, listed in stats). */
export async function analyseAll(
  index: CorpusIndex,
  docs: readonly (readonly [string, string])[],
  opts: IngestOptions,
): Promise<{ results: Analysed[]; stats: IngestStats; writeCache: () => Promise<void> }> {
  let done = 0;
  let fromCache = 0;
  const failed: { id: string; error: string }[] = [];
  const toWrite: [string, DocumentResult][] = [];
  const finished: (Analysed | null | undefined)[] = new Array(docs.length);
  let next = 0;
  const inOrder = (i: number, a: Analysed | undefined) => {
    if (!opts.onInOrder) return;
    finished[i] = a ?? null;
    for (; next < docs.length && finished[next] !== undefined; next++) {
      const r = finished[next];
      finished[next] = null;
      if (r) opts.onInOrder(r);
    }
  };
  const one = async (i: number, id: string, text: string): Promise<Analysed | undefined> => {
    const a = await oneDoc(id, text);
    inOrder(i, a);
    return a;
  };
  const oneDoc = async (id: string, text: string): Promise<Analysed | undefined> => {
    if (opts.isCancelled?.()) return undefined;
    const meta = index.metaOf(id);
    const key = opts.cache ? analysisKey(id, text, meta, opts.pipelineId) : '';
    try {
      let result = opts.cache ? await opts.cache.get(key) : undefined;
      if (result) fromCache++;
      else {
        result = await opts.analyser.analyse({ docId: id, text, meta });
        if (opts.cache) toWrite.push([key, result]);
      }
      return { id, text, result };
    } catch (e) {
      failed.push({ id, error: e instanceof Error ? e.message : String(e) });
      return undefined;
    } finally {
      opts.onProgress?.(++done, docs.length);
    }
  };
  const all = await Promise.all(docs.map(([id, text], i) => one(i, id, text)));
  const cache = opts.cache;
  let writeCache = () => (cache ? writeAll(cache, toWrite) : Promise.resolve());
  if (!opts.deferCacheWrites) {
    await writeCache();
    writeCache = () => Promise.resolve();
  }
  return { results: all.filter((r): r is Analysed => r !== undefined), stats: { documents: docs.length, fromCache, failed }, writeCache };
}

/** Write cache entries a few at a time (each is packed on this thread: all at once would hold it for the whole batch). Failed writes are misses next time. */
async function writeAll(cache: KeyValueCache<DocumentResult>, entries: readonly [string, DocumentResult][], parallel = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const [key, value] = entries[next++]!;
      await cache.set(key, value).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, entries.length) }, worker));
}

/** Put analysed documents into the index, in order, as one change. */
export function applyAll(index: CorpusIndex, results: readonly Analysed[]): void {
  index.batch(() => {
    for (const r of results) index.putAnalysed(r.id, r.text, r.result);
  });
}
