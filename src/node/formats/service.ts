/**
 * Extraction for the hosts: cache lookup by content hash, then the file is read in the extraction
 * worker (one worker thread, jobs in turn), with progress, cancel and a time limit (a file that hangs
 * a reader terminates the worker, which is started again for the next file).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CachedEntry, ExtractionCache } from '../../core/formats/cache';
import { DEFAULT_LIMITS, EXTRACTION_VERSION, type FormatLimits } from '../../core/formats/types';
import { distAsset } from './assets';
import { formatOfName } from '../../core/formats/registry';
import type { ExtractedEntry, ReadAllOptions } from './extract';

export interface ExtractOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number, message: string) => void;
}

export interface ExtractResult {
  readonly entries: readonly ExtractedEntry[];
  readonly hash: string;
  /** True when the result came from the cache (the file was not parsed). */
  readonly cached: boolean;
  readonly ms: number;
}

export interface ExtractionServiceOptions {
  readonly cache?: ExtractionCache;
  readonly limits?: FormatLimits;
  /** OCR scanned pages and images (default true). */
  readonly ocr?: boolean;
  /** Longest a file may take (default 10 minutes; OCR of a long scan is slow). */
  readonly timeoutMs?: number;
  /**
   * Read in this thread with this function (tests pass extract.ts's readAll) instead of the worker.
   * Not imported here, so that the extension and CLI bundles stay free of the readers' libraries.
   */
  readonly inProcess?: (name: string, bytes: Uint8Array, options: ReadAllOptions) => Promise<ExtractedEntry[]>;
  /** With inProcess: extract.ts's embeddedBytes, for embeddedFile. */
  readonly inProcessEmbedded?: (name: string, bytes: Uint8Array, key: string, options: ReadAllOptions) => Promise<Uint8Array | undefined>;
  /** OCR engine for inProcess reads. */
  readonly ocrEngine?: ReadAllOptions['ocr'];
}

interface Pending {
  resolve(entries: ExtractedEntry[]): void;
  resolveFile?(file: Uint8Array | undefined): void;
  reject(e: Error): void;
  onProgress?: (fraction: number, message: string) => void;
}

export class ExtractionService {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly limits: FormatLimits;

  constructor(private readonly options: ExtractionServiceOptions = {}) {
    this.limits = options.limits ?? DEFAULT_LIMITS;
  }

  static hash(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Read a file (name: its path or file name, for the format). */
  async extract(name: string, bytes: Uint8Array, o: ExtractOptions = {}): Promise<ExtractResult> {
    const t0 = Date.now();
    const hash = `${ExtractionService.hash(bytes)}-v${EXTRACTION_VERSION}${this.options.ocr === false ? '-noocr' : ''}`;
    const hit = await this.options.cache?.get(hash).catch(() => undefined);
    if (hit) return { entries: hit, hash, cached: true, ms: Date.now() - t0 };
    const run = this.queue.then(() => this.run(name, bytes, o));
    this.queue = run.catch(() => undefined);
    let entries: ExtractedEntry[];
    try {
      entries = await run;
    } catch (e) {
      if (o.signal?.aborted) throw e;
      // The reader crashed, hung or ran out of memory: the file is skipped, the rest goes on. Not cached (tried again next time).
      const message = `cannot be read: ${e instanceof Error ? e.message : String(e)}`;
      return { entries: [{ key: '', doc: { format: formatOfName(name), text: '', meta: {}, problems: [{ severity: 'error', message }], skipped: true } }], hash, cached: false, ms: Date.now() - t0 };
    }
    await this.options.cache?.set(hash, entries).catch(() => undefined);
    return { entries, hash, cached: false, ms: Date.now() - t0 };
  }

  /**
   * The bytes of a file embedded in this one (`key` as the documents have it: '#report.pdf',
   * '#message-2#a.pdf'), read in the worker like the rest; undefined when it is not there.
   */
  async embeddedFile(name: string, bytes: Uint8Array, key: string): Promise<Uint8Array | undefined> {
    if (this.options.inProcess) {
      if (!this.options.inProcessEmbedded) throw new Error('embedded files are not available in this host');
      return this.options.inProcessEmbedded(name, bytes, key, { limits: this.limits });
    }
    const workerFile = distAsset('extract-worker.js');
    if (!existsSync(workerFile)) throw new Error(`the extraction worker is missing (${workerFile}): reinstall the extension`);
    const run = this.queue.then(
      () =>
        new Promise<Uint8Array | undefined>((resolve, reject) => {
          const worker = this.ensureWorker(workerFile);
          const id = this.nextId++;
          const timer = setTimeout(() => {
            this.pending.get(id)?.reject(new Error('reading the attachment took more than a minute and was stopped'));
            void this.restart();
          }, 60_000);
          const done = () => (clearTimeout(timer), this.pending.delete(id));
          this.pending.set(id, {
            resolve: () => (done(), resolve(undefined)),
            resolveFile: (f) => (done(), resolve(f)),
            reject: (e) => (done(), reject(e)),
          });
          const copy = new Uint8Array(bytes);
          worker.postMessage({ id, name, bytes: copy, limits: this.limits, embedded: key }, [copy.buffer]);
        }),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(name: string, bytes: Uint8Array, o: ExtractOptions): Promise<ExtractedEntry[]> {
    if (o.signal?.aborted) throw new Error('cancelled');
    const workerFile = distAsset('extract-worker.js');
    if (this.options.inProcess) {
      return this.options.inProcess(name, bytes, { limits: this.limits, ocr: this.options.ocr === false ? undefined : this.options.ocrEngine, signal: o.signal, onProgress: o.onProgress });
    }
    if (!existsSync(workerFile)) throw new Error(`the extraction worker is missing (${workerFile}): reinstall the extension`);
    const worker = this.ensureWorker(workerFile);
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? 10 * 60_000;
    return new Promise<ExtractedEntry[]>((resolve, reject) => {
      const timer: { id?: ReturnType<typeof setTimeout> } = {};
      const onAbort = () => worker.postMessage({ cancel: id });
      const done = () => {
        if (timer.id) clearTimeout(timer.id);
        o.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
      };
      this.pending.set(id, {
        resolve: (e) => (done(), resolve(e)),
        reject: (e) => (done(), reject(e)),
        onProgress: o.onProgress,
      });
      o.signal?.addEventListener('abort', onAbort, { once: true });
      timer.id = setTimeout(() => {
        this.pending.get(id)?.reject(new Error(`reading took more than ${Math.round(timeoutMs / 1000)} s and was stopped`));
        void this.restart();
      }, timeoutMs);
      const copy = new Uint8Array(bytes); // transferred to the worker
      worker.postMessage({ id, name, bytes: copy, limits: this.limits, ocr: this.options.ocr !== false }, [copy.buffer]);
    });
  }

  private ensureWorker(file: string): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    w.unref();
    w.on('message', (m: { id: number; progress?: number; message?: string; entries?: ExtractedEntry[]; file?: Uint8Array | null; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.file !== undefined) p.resolveFile?.(m.file ?? undefined);
      else if (m.entries) p.resolve(m.entries);
      else if (m.error !== undefined) p.reject(new Error(m.error));
      else if (m.progress !== undefined) p.onProgress?.(m.progress, m.message ?? '');
    });
    const fail = (e: Error) => {
      if (this.worker === w) this.worker = undefined;
      for (const p of [...this.pending.values()]) p.reject(new Error(`the reader stopped (${e.message})`));
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    this.worker = w;
    return w;
  }

  private async restart(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  async dispose(): Promise<void> {
    await this.restart();
  }
}

/** A cache of JSON files in a folder (the CLI's --cache DIR, the extension's global storage). */
export class DirectoryCache implements ExtractionCache {
  constructor(private readonly dir: string) {}

  private file(hash: string): string {
    return path.join(this.dir, hash.slice(0, 2), `${hash}.json`);
  }

  async get(hash: string): Promise<readonly CachedEntry[] | undefined> {
    try {
      const v = JSON.parse(await readFile(this.file(hash), 'utf8')) as { entries?: CachedEntry[] };
      return Array.isArray(v.entries) ? v.entries : undefined;
    } catch {
      return undefined;
    }
  }

  async set(hash: string, entries: readonly CachedEntry[]): Promise<void> {
    const f = this.file(hash);
    await mkdir(path.dirname(f), { recursive: true });
    const tmp = `${f}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ entries }));
    await rename(tmp, f);
  }
}
