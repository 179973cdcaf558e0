/**
 * The analysis pool's messages (analysisPool.ts ↔ analysisWorker.ts). The host sends a batch of
 * tasks as plain objects (a structured clone of a few strings is cheap); the worker answers the
 * batch with one buffer, packed with msgpackr and transferred rather than copied.
 *
 * A result's arrays (candidates, sentences, paragraphs, quotes, claims) travel as columns
 * (columns.ts): the host builds one object per item, sharing the strings and attributes that
 * repeat, and a large array SLICE_ITEMS items per turn of its event loop, so that taking in a
 * 60 MB file's result never blocks it for long and leaves far fewer objects for its garbage
 * collector than one decoded object per value did.
 */
import { Packr } from 'msgpackr';
import type { DocumentResult } from '../core/index/analysis';
import { ColumnReader, packColumns, type PackedColumns } from './columns';
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

/** The answer to batch `seq`: `packed` (one buffer: the replies, see packReplies), or `error` when the worker has no pipeline. */
export interface FromWorker {
  readonly seq: number;
  readonly packed?: readonly Uint8Array[];
  readonly error?: string;
}

/** One document's reply: its result, or why it failed. */
export type Reply = { readonly r: DocumentResult } | { readonly e: string };

/** Items built between two turns of the host's event loop. */
export const SLICE_ITEMS = 8000;

type Field = 'candidates' | 'sentences' | 'paragraphs' | 'quotes' | 'claims';
const FIELDS: readonly Field[] = ['candidates', 'sentences', 'paragraphs', 'quotes', 'claims'];
/** The integer fields of the items (offsets and indices); the rest go in the shared table. */
const INT_KEYS = ['start', 'end', 'paragraph', 'sentence', 'index'];

/** A reply as packed: a result's arrays empty, and beside it their columns. */
type WireReply = { readonly r: DocumentResult; readonly c: Partial<Record<Field, PackedColumns>> } | { readonly e: string };

const packr = new Packr({ useRecords: true, moreTypes: false, mapsAsObjects: true });

/**
 * msgpackr packs into a buffer it reuses (and Buffer#slice is a view of it): a copy in a buffer of
 * its own, that can be transferred.
 */
const pack = (x: unknown): Uint8Array => new Uint8Array(packr.pack(x));

function arrayOf(r: DocumentResult, f: Field): readonly object[] | undefined {
  return f === 'quotes' || f === 'claims' ? r.speech?.[f] : r[f];
}

/** The buffers of a batch's replies (transfer them all). */
export function packReplies(replies: readonly Reply[]): Uint8Array[] {
  const wire = replies.map((reply): WireReply => {
    if (!('r' in reply)) return reply;
    const r = reply.r;
    const c: Partial<Record<Field, PackedColumns>> = {};
    for (const f of FIELDS) {
      const items = arrayOf(r, f);
      if (items) c[f] = packColumns(items, INT_KEYS);
    }
    const head = { ...r, candidates: [], sentences: [], paragraphs: [], ...(r.speech ? { speech: { ...r.speech, quotes: [], claims: [] } } : {}) };
    return { r: head, c };
  });
  return [pack(wire)];
}

/** The replies of a batch; their items are built SLICE_ITEMS at a time, with a `turn` (e.g. setImmediate) between. */
export async function unpackReplies(packed: readonly Uint8Array[], turn: () => Promise<void>): Promise<Reply[]> {
  const wire = packr.unpack(packed[0]!) as WireReply[];
  const out: Reply[] = [];
  let built = 0;
  for (const w of wire) {
    if (!('r' in w)) {
      out.push(w);
      continue;
    }
    const r = w.r;
    for (const f of FIELDS) {
      const cols = w.c[f];
      if (!cols) continue;
      const list = arrayOf(r, f) as unknown[];
      const reader = new ColumnReader(cols);
      while (!reader.done) {
        if (built >= SLICE_ITEMS) {
          await turn();
          built = 0;
        }
        const before = list.length;
        reader.read(SLICE_ITEMS - built, list);
        built += list.length - before;
      }
    }
    out.push({ r });
  }
  return out;
}
