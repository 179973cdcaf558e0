/**
 * The analysis pool's messages (analysisPool.ts ↔ analysisWorker.ts). The host sends a batch of
 * tasks as plain objects (a structured clone of a few strings is cheap); the worker answers the
 * batch with buffers, transferred rather than copied: the replies packed with msgpackr, and the
 * large columns of their arrays as they are.
 *
 * A result's arrays (candidates, sentences, paragraphs, quotes, claims) travel as columns
 * (columns.ts): the host builds one object per item, sharing the strings and attributes that
 * repeat, and a large array at most SLICE_ITEMS items (or SLICE_MS) per turn of its event loop, so that taking in a
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

/** The answer to batch `seq`: `packed` (the replies, then the large columns: see packReplies), or `error` when the worker has no pipeline. */
export interface FromWorker {
  readonly seq: number;
  readonly packed?: readonly Uint8Array[];
  readonly error?: string;
}

/** One document's reply: its result, or why it failed. */
export type Reply = { readonly r: DocumentResult } | { readonly e: string };

/** Items built between two turns of the host's event loop, at most; fewer when SLICE_MS pass first (a loaded host built 8,000 in 50–80 ms). */
export const SLICE_ITEMS = 8000;
const SLICE_MS = 8;
/** Items built between two looks at the clock. */
const CHUNK_ITEMS = 500;

type Field = 'candidates' | 'sentences' | 'paragraphs' | 'quotes' | 'claims';
const FIELDS: readonly Field[] = ['candidates', 'sentences', 'paragraphs', 'quotes', 'claims'];
/** The integer fields of the items (offsets and indices); the rest go in the shared table. */
const INT_KEYS = ['start', 'end', 'paragraph', 'sentence', 'index'];

/** A reply as packed: a result's arrays empty, and beside it their columns. */
type WireReply = { readonly r: DocumentResult; readonly c: Partial<Record<Field, OnWire>> } | { readonly e: string };

/** Columns as sent: a large one (over ASIDE_BYTES) goes as a buffer of its own after the replies, here its index among the buffers. */
type OnWire = Omit<PackedColumns, 'shape' | 'intCols' | 'spanCols' | 'refs'> & { readonly shape: Bytes; readonly intCols: readonly Bytes[]; readonly spanCols: readonly Bytes[]; readonly refs: Bytes };
type Bytes = Uint8Array | number;
const ASIDE_BYTES = 1 << 16;

/** Move the large columns out to `aside` (transferred as they are: no copy on either side, and aligned for a typed array's view). */
function toWire(p: PackedColumns, aside: Uint8Array[]): OnWire {
  const out = (b: Uint8Array): Bytes => (b.byteLength <= ASIDE_BYTES || b.byteOffset !== 0 || b.byteLength !== b.buffer.byteLength ? b : aside.push(b) - 1);
  return { ...p, shape: out(p.shape), intCols: p.intCols.map(out), spanCols: p.spanCols.map(out), refs: out(p.refs) };
}

function fromWire(w: OnWire, packed: readonly Uint8Array[]): PackedColumns {
  const back = (b: Bytes): Uint8Array => (typeof b === 'number' ? packed[b]! : b);
  return { ...w, shape: back(w.shape), intCols: w.intCols.map(back), spanCols: w.spanCols.map(back), refs: back(w.refs) };
}

const packr = new Packr({ useRecords: true, moreTypes: false, mapsAsObjects: true });

/**
 * msgpackr packs into a buffer it reuses (and Buffer#slice is a view of it): a copy in a buffer of
 * its own, that can be transferred.
 */
const pack = (x: unknown): Uint8Array => new Uint8Array(packr.pack(x));

function arrayOf(r: DocumentResult, f: Field): readonly object[] | undefined {
  return f === 'quotes' || f === 'claims' ? r.speech?.[f] : r[f];
}

/** Put an array in a freshly unpacked result. */
function setArray(r: DocumentResult, f: Field, items: unknown[]): void {
  if (f === 'quotes' || f === 'claims') (r.speech as unknown as Record<Field, unknown[]>)[f] = items;
  else (r as unknown as Record<Field, unknown[]>)[f] = items;
}

/** The buffers of a batch's replies (transfer them all). */
export function packReplies(replies: readonly Reply[]): Uint8Array[] {
  // packed[0] is the replies; the large columns follow (numbered from 1).
  const aside: Uint8Array[] = [new Uint8Array(0)];
  const wire = replies.map((reply): WireReply => {
    if (!('r' in reply)) return reply;
    const r = reply.r;
    const c: Partial<Record<Field, OnWire>> = {};
    for (const f of FIELDS) {
      const items = arrayOf(r, f);
      if (items) c[f] = toWire(packColumns(items, INT_KEYS), aside);
    }
    const head = { ...r, candidates: [], sentences: [], paragraphs: [], ...(r.speech ? { speech: { ...r.speech, quotes: [], claims: [] } } : {}) };
    return { r: head, c };
  });
  aside[0] = pack(wire);
  return aside;
}

/** The replies of a batch; their items are built a slice at a time (SLICE_ITEMS or SLICE_MS), with a `turn` (e.g. setImmediate) between. */
export async function unpackReplies(packed: readonly Uint8Array[], turn: () => Promise<void>): Promise<Reply[]> {
  const wire = packr.unpack(packed[0]!) as WireReply[];
  const out: Reply[] = [];
  let built = 0;
  let t0 = Date.now();
  for (const w of wire) {
    if (!('r' in w)) {
      out.push(w);
      continue;
    }
    const r = w.r;
    for (const f of FIELDS) {
      const cols = w.c[f];
      if (!cols) continue;
      const reader = new ColumnReader(fromWire(cols, packed));
      // Made at full length (a large array grown item by item was copied a million items at a time).
      const list = new Array<unknown>(reader.length);
      setArray(r, f, list);
      while (!reader.done) {
        if (built >= SLICE_ITEMS || Date.now() - t0 >= SLICE_MS) {
          await turn();
          built = 0;
          t0 = Date.now();
        }
        built += reader.read(Math.min(CHUNK_ITEMS, SLICE_ITEMS - built), list);
      }
    }
    out.push({ r });
  }
  return out;
}
