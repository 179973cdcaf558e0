/**
 * A pool of worker threads for per-document work (analysis.ts): each worker runs the same pipeline
 * (rules, plus the trained tagger loaded from `modelPath`) and turns (document id, text, metadata)
 * into a DocumentResult. A worker that dies fails its tasks and is replaced.
 *
 * Tasks are sent in batches (many small documents in one message, a large one alone) and each worker
 * has up to IN_FLIGHT batches queued, so it never waits for the host thread between documents. A
 * batch's results come back packed with msgpackr into transferred buffers (wireFormat.ts): the
 * structured clone of tens of thousands of small objects cost the workers a third of their time,
 * and a large result's slices are unpacked over several turns of the host's event loop.
 * Used by the CLI (`--jobs N`) and the extension.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentResult } from '../core/index/analysis';
import type { SourceMeta } from '../core/types';
import { unpackReplies, type FromWorker, type ToWorker } from './wireFormat';

export type { FromWorker, ToWorker } from './wireFormat';

/** How workers build their pipeline. */
export interface PipelineSpec {
  /** The tagger model file; undefined: the rule recognisers only. */
  readonly modelPath?: string;
}

/**
 * What a worker is started with: the pipeline, and the scheduling priority of its thread (a nice
 * value; the extension's workers run below the host's, so that indexing on every core never delays
 * a keystroke or a hover).
 */
export interface WorkerSpec extends PipelineSpec {
  readonly nice?: number;
}

export interface AnalysisTask {
  readonly docId: string;
  readonly text: string;
  readonly meta?: SourceMeta;
}

interface Pending {
  readonly task: AnalysisTask;
  readonly resolve: (r: DocumentResult) => void;
  readonly reject: (e: Error) => void;
}

interface Batch {
  readonly seq: number;
  readonly items: Pending[];
}

interface Slot {
  worker: Worker;
  readonly inFlight: Map<number, Batch>;
  /** A long text being sent in parts: what is sent to this worker meanwhile waits its turn. */
  sending?: Promise<void>;
}

/** Batches a worker may have queued (one running, the next waiting in its port). */
const IN_FLIGHT = 2;
/** At most this much text in one batch (a larger document goes alone). */
const MAX_BATCH_CHARS = 128 * 1024;
/** At most this many documents in one batch. */
const MAX_BATCH_DOCS = 64;
/** Characters per part of a long text (wireFormat.ts). */
const TEXT_PART = 1 << 20;

/** Nice value of background indexing: with the cores busy, the host thread still gets about nine tenths of one. */
export const BACKGROUND_NICE = 10;

/** The number of cores (at least 1). */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private queuedChars = 0;
  private seq = 0;
  private closed = false;
  private pumpScheduled = false;

  constructor(
    private readonly workerFile: string,
    private readonly spec: PipelineSpec,
    readonly size: number = defaultJobs(),
    /** The workers' nice value (0: as the host; the extension passes BACKGROUND_NICE). */
    private readonly nice = 0,
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  /** Analyse one document in a worker. */
  analyse(task: AnalysisTask): Promise<DocumentResult> {
    if (this.closed) return Promise.reject(new Error('the analysis pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { docId: task.docId, text: task.text, meta: task.meta }, resolve, reject });
      this.queuedChars += task.text.length;
      // Dispatched once the caller's synchronous loop has queued the rest (batches of many documents).
      if (!this.pumpScheduled) {
        this.pumpScheduled = true;
        queueMicrotask(() => {
          this.pumpScheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Tasks waiting or running. */
  get pending(): number {
    let n = this.queue.length;
    for (const s of this.slots) for (const b of s.inFlight.values()) n += b.items.length;
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the analysis pool was closed'));
    this.queuedChars = 0;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerFile, { workerData: { ...this.spec, nice: this.nice } satisfies WorkerSpec });
    worker.unref();
    const slot: Slot = { worker, inFlight: new Map() };
    worker.on('message', (m: FromWorker) => {
      const batch = slot.inFlight.get(m.seq);
      if (!batch) return;
      slot.inFlight.delete(m.seq);
      this.pump();
      if (m.error !== undefined || !m.packed) {
        for (const p of batch.items) p.reject(new Error(m.error ?? 'analysis failed'));
        return;
      }
      // A large result's slices are taken in one per turn of the event loop (wireFormat.ts).
      unpackReplies(m.packed, () => new Promise((r) => setImmediate(r))).then(
        (replies) =>
          batch.items.forEach((p, i) => {
            const r = replies[i];
            if (r && 'r' in r) p.resolve(r.r);
            else p.reject(new Error(r?.e ?? 'analysis failed'));
          }),
        (e: unknown) => {
          for (const p of batch.items) p.reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
    const fail = (e: Error) => {
      const lost = [...slot.inFlight.values()];
      slot.inFlight.clear();
      for (const b of lost) for (const p of b.items) p.reject(e);
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`analysis worker stopped (exit code ${code})`));
    });
    return slot;
  }

  /** The next batch off the queue: enough documents that every worker gets several batches, never more than the limits. */
  private takeBatch(): Pending[] {
    const target = Math.min(MAX_BATCH_CHARS, Math.ceil(this.queuedChars / (this.slots.length * 4)));
    const items: Pending[] = [];
    let chars = 0;
    while (this.queue.length && items.length < MAX_BATCH_DOCS) {
      const next = this.queue[0]!;
      if (items.length && chars + next.task.text.length > target) break;
      this.queue.shift();
      items.push(next);
      chars += next.task.text.length;
    }
    this.queuedChars -= chars;
    return items;
  }

  private pump(): void {
    if (this.closed) return;
    for (let depth = 0; depth < IN_FLIGHT; depth++) {
      for (const slot of this.slots) {
        if (this.queue.length === 0) return;
        if (slot.inFlight.size > depth) continue;
        const items = this.takeBatch();
        const seq = ++this.seq;
        slot.inFlight.set(seq, { seq, items });
        this.post(slot, seq, items.map((p) => p.task));
      }
    }
  }

  /** Send a batch; a long text (alone in its batch) goes ahead in parts, a turn of the event loop apart. */
  private post(slot: Slot, seq: number, tasks: AnalysisTask[]): void {
    const worker = slot.worker;
    const long = tasks.length === 1 && tasks[0]!.text.length > TEXT_PART;
    if (!long && !slot.sending) {
      worker.postMessage({ seq, tasks } satisfies ToWorker);
      return;
    }
    const send = async () => {
      if (long) {
        const text = tasks[0]!.text;
        for (let i = 0; i < text.length; i += TEXT_PART) {
          worker.postMessage({ part: text.slice(i, i + TEXT_PART) } satisfies ToWorker);
          await new Promise<void>((r) => setImmediate(r));
        }
        worker.postMessage({ seq, tasks: [{ ...tasks[0]!, text: '', inParts: true }] } satisfies ToWorker);
      } else worker.postMessage({ seq, tasks } satisfies ToWorker);
    };
    // A worker that stops meanwhile fails its batches itself (spawn()): nothing more to do here.
    const sent: Promise<void> = (slot.sending ?? Promise.resolve()).then(send).catch(() => undefined).finally(() => {
      if (slot.sending === sent) slot.sending = undefined;
    });
    slot.sending = sent;
  }
}
