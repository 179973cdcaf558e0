/**
 * A pool of worker threads for per-document work (analysis.ts): each worker runs the same pipeline
 * (rules, plus the trained tagger loaded from `modelPath`) and turns (document id, text, metadata)
 * into a DocumentResult. Tasks are queued and handed to the first idle worker; a worker that dies
 * fails its task and is replaced. Used by the CLI (`--jobs N`) and the extension.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentResult } from '../core/index/analysis';
import type { SourceMeta } from '../core/types';
import { ResultAssembler, type ResultPart } from './resultParts';

/** How workers build their pipeline. */
export interface PipelineSpec {
  /** The tagger model file; undefined: the rule recognisers only. */
  readonly modelPath?: string;
}

export interface AnalysisTask {
  readonly docId: string;
  readonly text: string;
  readonly meta?: SourceMeta;
}

/** Messages between the pool and a worker. */
export type ToWorker = ({ readonly seq: number } & AnalysisTask) | { readonly seq: number; readonly ack: true };
/** A large result comes in parts (resultParts.ts): each `part` is acknowledged, then the result carries the rest. */
export type FromWorker = { readonly seq: number; readonly result?: DocumentResult; readonly error?: string; readonly part?: ResultPart };

interface Pending {
  readonly task: { readonly seq: number } & AnalysisTask;
  parts?: ResultAssembler;
  readonly resolve: (r: DocumentResult) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
}

/** The number of cores (at least 1). */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private seq = 0;
  private closed = false;

  constructor(
    private readonly workerFile: string,
    private readonly spec: PipelineSpec,
    readonly size: number = defaultJobs(),
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  /** Analyse one document in a worker. */
  analyse(task: AnalysisTask): Promise<DocumentResult> {
    if (this.closed) return Promise.reject(new Error('the analysis pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { seq: ++this.seq, docId: task.docId, text: task.text, meta: task.meta }, resolve, reject });
      this.pump();
    });
  }

  /** Tasks waiting or running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.busy).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the analysis pool was closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerFile, { workerData: this.spec });
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (m: FromWorker) => {
      const p = slot.busy;
      if (!p || p.task.seq !== m.seq) return;
      if (m.part) {
        (p.parts ??= new ResultAssembler()).add(m.part);
        // The next part once this turn is over: each part is taken in on a turn of its own.
        setImmediate(() => slot.busy === p && worker.postMessage({ seq: m.seq, ack: true } satisfies ToWorker));
        return;
      }
      slot.busy = undefined;
      if (m.result) p.resolve(p.parts ? p.parts.finish(m.result) : m.result);
      else p.reject(new Error(m.error ?? 'analysis failed'));
      this.pump();
    });
    const fail = (e: Error) => {
      const p = slot.busy;
      slot.busy = undefined;
      p?.reject(e);
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

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const p = this.queue.shift()!;
      slot.busy = p;
      slot.worker.postMessage(p.task);
    }
  }
}
