/**
 * The messages between the editor's search (searchClient.ts) and its worker thread
 * (searchWorker.ts). A document's text crosses in parts (each a short copy, never one long pause
 * on the editor's thread), then its sentences as a transferred array of offsets, which completes it.
 */
import type { PassageMatches, PassageQuery } from '../core/search/passageQuery';

export type ToSearchWorker =
  /** A part of a document's text (`first`: the first part of a new version). */
  | { readonly t: 'part'; readonly id: string; readonly text: string; readonly first: boolean }
  /** The parts sent make the document's text; its sentences as [start, end] pairs. */
  | { readonly t: 'doc'; readonly id: string; readonly sentences: Int32Array }
  | { readonly t: 'drop'; readonly id: string }
  /** Answer once the passages are in step, reading them at background pace. */
  | { readonly t: 'sync'; readonly n: number }
  /** Answer a query (the passages brought in step first, at full pace). */
  | { readonly t: 'query'; readonly n: number; readonly query: PassageQuery };

export type FromSearchWorker =
  | { readonly t: 'synced'; readonly n: number }
  | { readonly t: 'found'; readonly n: number; readonly found: PassageMatches }
  | { readonly t: 'failed'; readonly n: number; readonly message: string };

/** The worker's start data. */
export interface SearchWorkerData {
  /** Its thread's nice value (0: as the host's). */
  readonly nice?: number;
}
