/**
 * The analysis pool's messages (analysisPool.ts ↔ analysisWorker.ts). The host sends a batch of
 * tasks as plain objects (a structured clone of a few strings is cheap); the worker answers the
 * batch with one buffer: the per-document replies packed with msgpackr (as the persistent cache packs
 * results, so a result read from either is the same), transferred rather than copied.
 */
import { Packr } from 'msgpackr';
import type { DocumentResult } from '../core/index/analysis';
import type { AnalysisTask } from './analysisPool';

/** A batch of documents to analyse. */
export interface ToWorker {
  readonly seq: number;
  readonly tasks: readonly AnalysisTask[];
}

/** The answer to batch `seq`: `packed` (see packResults), or `error` when the worker has no pipeline. */
export interface FromWorker {
  readonly seq: number;
  readonly packed?: Uint8Array;
  readonly error?: string;
}

/** One document's reply: its result, or why it failed. */
export type Reply = { readonly r: DocumentResult } | { readonly e: string };

const packr = new Packr({ useRecords: true, moreTypes: false, mapsAsObjects: true });

/** Replies of a batch as one buffer of its own (msgpackr reuses its output buffer: this is a copy that can be transferred). */
export function packResults(replies: readonly Reply[]): Uint8Array {
  return packr.pack(replies).slice();
}

export function unpackResults(packed: Uint8Array): Reply[] {
  return packr.unpack(packed) as Reply[];
}
