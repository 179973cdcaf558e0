/**
 * The editor's search: queries planned against the index on this thread (searchPlan.ts), the
 * passages and their MiniSearch indexes in a worker thread (searchWorker.ts). The host keeps none
 * of the passages (most of the memory a large corpus takes, and tens of seconds of work to read a
 * large changed source); it sends the worker each new version of a document's text, in parts of
 * PART characters a slice of the event loop at a time, and its sentences in one transferred array.
 *
 * The worker starts on first use (the Search view shown, Search Passages…); a worker that stops is
 * started again on the next query, and is sent every document again.
 */
import { Worker } from 'node:worker_threads';
import type { Corpus } from '../core/index/api';
import type { QuoteSource } from '../core/search/quoteSource';
import { planSearch, searchResults, type PassageSearch, type SearchOptions, type SearchResponse } from '../core/search/searchPlan';
import type { PassageMatches } from '../core/search/passageQuery';
import type { FromSearchWorker, SearchWorkerData, ToSearchWorker } from './searchProtocol';

export interface WorkerSearchOptions {
  /** dist/searchWorker.js. */
  readonly workerFile: string;
  readonly quotes?: QuoteSource;
  /** Page of an offset of a paged source. */
  readonly pageOf?: (docId: string, offset: number) => number | undefined;
  /** The worker thread's nice value (the extension: BACKGROUND_NICE). */
  readonly nice?: number;
  /** Where a failure of the worker is told. */
  readonly log?: (message: string) => void;
}

/** Characters of text per message (a copy of about a millisecond). */
const PART = 1 << 20;
/** Sentences packed between two looks at the clock. */
const SENTENCES = 1 << 15;
/** Longest run of work on this thread before the event loop gets a turn. */
const SLICE_MS = 8;

const pause = () => new Promise<void>((r) => setImmediate(r));

interface Request {
  readonly resolve: (v: PassageMatches | undefined) => void;
  readonly reject: (e: Error) => void;
}

export class WorkerSearch implements PassageSearch {
  private worker: Worker | undefined;
  /** Each document's version the worker has: its layout (held weakly: an old version is let go), or its text. */
  private readonly sent = new Map<string, WeakRef<object> | string>();
  private dirty = true;
  private feeding: Promise<void> | undefined;
  private readonly requests = new Map<number, Request>();
  private seq = 0;
  private readonly listeners = new Set<() => void>();
  private readonly sub: { dispose(): void };
  private disposed = false;

  constructor(
    private readonly corpus: Corpus,
    private readonly options: WorkerSearchOptions,
  ) {
    this.sub = corpus.onDidChange(() => {
      this.dirty = true;
      for (const l of [...this.listeners]) l();
    });
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async catchUp(): Promise<void> {
    await this.feed();
    await this.request({ t: 'sync', n: ++this.seq });
  }

  async query(q: string, options: SearchOptions = {}): Promise<SearchResponse> {
    await this.feed();
    const plan = planSearch(this.corpus, this.options.quotes, q, options);
    if (!plan.passages) return searchResults(plan, undefined);
    const found = await this.request({ t: 'query', n: ++this.seq, query: plan.passages });
    return searchResults(plan, found, this.options.pageOf);
  }

  private request(m: Extract<ToSearchWorker, { n: number }>): Promise<PassageMatches | undefined> {
    const w = this.start();
    return new Promise((resolve, reject) => {
      this.requests.set(m.n, { resolve, reject });
      w.postMessage(m);
    });
  }

  private start(): Worker {
    if (this.disposed) throw new Error('the search has been closed');
    if (this.worker) return this.worker;
    const w = new Worker(this.options.workerFile, {
      workerData: { nice: this.options.nice } satisfies SearchWorkerData,
      // The passages of a large corpus: room for several 60 MB sources.
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    w.on('message', (m: FromSearchWorker) => this.answer(m));
    w.on('error', (e) => this.stopped(w, e.message));
    w.on('exit', (code) => this.stopped(w, `it exited (code ${code})`));
    this.worker = w;
    this.sent.clear();
    this.dirty = true;
    return w;
  }

  private answer(m: FromSearchWorker): void {
    const r = this.requests.get(m.n);
    if (m.t === 'failed') this.options.log?.(`Search: ${m.message}`);
    if (!r) return;
    this.requests.delete(m.n);
    if (m.t === 'failed') r.reject(new Error(`the search failed: ${m.message.split('\n')[0]}`));
    else r.resolve(m.t === 'found' ? m.found : undefined);
  }

  private stopped(w: Worker, why: string): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    if (!this.disposed) this.options.log?.(`Search: the search worker stopped: ${why}; it starts again on the next query`);
    const waiting = [...this.requests.values()];
    this.requests.clear();
    for (const r of waiting) r.reject(new Error(`the search worker stopped: ${why}`));
  }

  /** Send the worker what changed since the last feed (one feed at a time; later callers wait for it). */
  private feed(): Promise<void> {
    // A worker started now (first use, or the last one stopped) is sent every document.
    this.start();
    if (!this.feeding) this.feeding = this.feeding_().finally(() => (this.feeding = undefined));
    return this.feeding;
  }

  private async feeding_(): Promise<void> {
    let t0 = performance.now();
    const breathe = async () => {
      if (performance.now() - t0 < SLICE_MS) return;
      await pause();
      t0 = performance.now();
    };
    while (this.dirty) {
      this.dirty = false;
      const w = this.start();
      const seen = new Set<string>();
      for (const d of this.corpus.documents()) {
        seen.add(d.id);
        const text = this.corpus.text(d.id);
        if (text === undefined) continue;
        const layout = this.corpus.layout ? this.corpus.layout(d.id) : this.corpus.prepared(d.id);
        const had = this.sent.get(d.id);
        if (had !== undefined && (typeof had === 'string' ? had === text : had.deref() === layout)) continue;
        for (let i = 0; i === 0 || i < text.length; i += PART) {
          w.postMessage({ t: 'part', id: d.id, text: text.slice(i, i + PART), first: i === 0 } satisfies ToSearchWorker);
          await breathe();
        }
        const sentences = layout?.sentences ?? [];
        const pairs = new Int32Array(sentences.length * 2);
        for (let k = 0; k < sentences.length; k++) {
          pairs[2 * k] = sentences[k]!.start;
          pairs[2 * k + 1] = sentences[k]!.end;
          if (k % SENTENCES === SENTENCES - 1) await breathe();
        }
        w.postMessage({ t: 'doc', id: d.id, sentences: pairs } satisfies ToSearchWorker, [pairs.buffer]);
        this.sent.set(d.id, layout ? new WeakRef(layout) : text);
        await breathe();
        // The worker stopped meanwhile: a new one is sent everything on the next use.
        if (this.worker !== w) return;
      }
      for (const id of [...this.sent.keys()]) {
        if (seen.has(id)) continue;
        w.postMessage({ t: 'drop', id } satisfies ToSearchWorker);
        this.sent.delete(id);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.sub.dispose();
    this.listeners.clear();
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
