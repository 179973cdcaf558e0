/**
 * The analysis pool's messages (analysisPool.ts ↔ analysisWorker.ts). The host sends a batch of
 * tasks as plain objects (a structured clone of a few strings is cheap); the worker answers the
 * batch with buffers: the per-document replies packed with msgpackr (as the persistent cache packs
 * results, so a result read from either is the same), transferred rather than copied.
 *
 * A large result (a batch holds it alone) also has its long arrays packed a slice at a time, each
 * slice in a buffer of its own after the first: the host unpacks one slice per turn of its event
 * loop (a transferred buffer costs nothing to receive), so taking in a 60 MB file's result never
 * blocks it for long.
 */
import { Packr } from 'msgpackr';
import type { DocumentResult } from '../core/index/analysis';
import type { AnalysisTask } from './analysisPool';

/** A task as sent: a long text goes ahead of it in parts (`inParts`, its `text` left empty). */
export interface WireTask extends AnalysisTask {
  readonly inParts?: true;
}

/**
 * A batch of documents to analyse, or a part of the next long text: each part is a copy of about a
 * millisecond, sent a turn of the host's event loop apart (one copy of a 60 MB text paused it for
 * a sixth of a second).
 */
export type ToWorker = { readonly seq: number; readonly tasks: readonly WireTask[] } | { readonly part: string };

/**
 * The answer to batch `seq`: `packed` (packed[0]: the replies, see packReplies; then the slices of
 * a large result's arrays, see Slice), or `error` when the worker has no pipeline.
 */
export interface FromWorker {
  readonly seq: number;
  readonly packed?: readonly Uint8Array[];
  readonly error?: string;
}

/** One document's reply: its result, or why it failed. */
export type Reply = { readonly r: DocumentResult } | { readonly e: string };

/** Items of one array per slice. */
export const SLICE_ITEMS = 8000;

type Field = 'candidates' | 'sentences' | 'paragraphs' | 'quotes' | 'claims';

/** A slice of one of the arrays of the batch's first result, to append to it. */
interface Slice {
  readonly f: Field;
  readonly items: readonly unknown[];
}

const packr = new Packr({ useRecords: true, moreTypes: false, mapsAsObjects: true });

/**
 * msgpackr packs into a buffer it reuses (and Buffer#slice is a view of it): a copy in a buffer of
 * its own, that can be transferred.
 */
const pack = (x: unknown): Uint8Array => new Uint8Array(packr.pack(x));

function arraysOf(r: DocumentResult): [Field, readonly unknown[] | undefined][] {
  return [
    ['candidates', r.candidates],
    ['sentences', r.sentences],
    ['paragraphs', r.paragraphs],
    ['quotes', r.speech?.quotes],
    ['claims', r.speech?.claims],
  ];
}

/** The buffers of a batch's replies (transfer them all). */
export function packReplies(replies: readonly Reply[]): Uint8Array[] {
  const first = replies.length === 1 ? replies[0] : undefined;
  if (!first || !('r' in first) || arraysOf(first.r).every(([, a]) => !a || a.length <= SLICE_ITEMS)) return [pack(replies)];
  const r = first.r;
  const slices: Uint8Array[] = [];
  const head = { ...r } as Record<string, unknown>;
  const speech = r.speech ? ({ ...r.speech } as Record<string, unknown>) : undefined;
  for (const [f, items] of arraysOf(r)) {
    if (!items || items.length <= SLICE_ITEMS) continue;
    for (let i = 0; i < items.length; i += SLICE_ITEMS) slices.push(pack({ f, items: items.slice(i, i + SLICE_ITEMS) } satisfies Slice));
    if (f === 'quotes' || f === 'claims') speech![f] = [];
    else head[f] = [];
  }
  if (speech) head.speech = speech;
  return [pack([{ r: head }]), ...slices];
}

/** The replies of a batch; a large result's slices are unpacked one per `turn` (e.g. setImmediate). */
export async function unpackReplies(packed: readonly Uint8Array[], turn: () => Promise<void>): Promise<Reply[]> {
  const replies = packr.unpack(packed[0]!) as Reply[];
  if (packed.length === 1) return replies;
  const r = (replies[0] as unknown as { r: Record<string, unknown> }).r;
  const speech = r.speech as Record<string, unknown[]> | undefined;
  for (let i = 1; i < packed.length; i++) {
    await turn();
    const s = packr.unpack(packed[i]!) as Slice;
    const list = s.f === 'quotes' || s.f === 'claims' ? speech![s.f]! : (r[s.f] as unknown[]);
    for (const x of s.items) list.push(x);
  }
  return replies;
}
