/**
 * The passages (sentences) of the corpus in a MiniSearch index, for the search (searchIndex.ts):
 * each passage's document and span, the text it was read from, the words per passage and the
 * passages per word (BM25 statistics for ranking outside MiniSearch).
 *
 * Synced with the corpus on demand: only the documents whose text changed are read again, at once
 * (sync()) or a slice at a time without blocking the host (syncInSlices()); a sync() meanwhile
 * finishes a sliced one.
 */
import MiniSearch from 'minisearch';
import { runToEnd } from '../index/documentChange';
import type { Corpus } from '../index/api';
import type { Span } from '../types';
import { foldText } from './match';
import { words } from './query';

export interface PassageRec extends Span {
  readonly docId: string;
}

/** A passage as MiniSearch indexes it. */
export interface PassageDoc {
  id: number;
  text: string;
}

const tokenize = (text: string): string[] => words(text);
const processTerm = (term: string): string => foldText(term);
/** Passages between two looks at the clock while a large document is (re-)indexed in slices. */
const SLICE = 256;

export class PassageStore {
  /** The full-text index of the passages (by passage id). */
  readonly index = PassageStore.create();
  private readonly passages = new Map<number, PassageRec>();
  private readonly byDoc = new Map<string, { text: string; ids: number[]; at: Map<number, number> }>();
  private totalWords = 0;
  private nextId = 1;
  /** Passages per term (folded), for planning queries. */
  private readonly dfs = new Map<string, number>();
  private dirty = true;
  private running: Generator<void, void> | undefined;

  constructor(
    private readonly corpus: Corpus,
    /** Called when passages are added or removed (caches of query results go stale). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  private static create(): MiniSearch<PassageDoc> {
    // Passages are removed with their text (remove(), a cost in their own words), never discarded: a
    // discard leaves a vacuum to MiniSearch, which walks every term of the index in the background
    // (seconds at a time after a 60 MB source changed) and fails when passages are added meanwhile.
    return new MiniSearch<PassageDoc>({ fields: ['text'], storeFields: [], tokenize, processTerm, searchOptions: { tokenize, processTerm }, autoVacuum: false });
  }

  /** The corpus changed: the next sync reads the changed documents. */
  markDirty(): void {
    this.dirty = true;
  }

  /** Number of passages (as of the last sync). */
  get size(): number {
    return this.passages.size;
  }

  /** A passage by id (ids come from this store's index). */
  passage(id: number): PassageRec | undefined {
    return this.passages.get(id);
  }

  /** Every passage, by id. */
  entries(): IterableIterator<[number, PassageRec]> {
    return this.passages.entries();
  }

  /** The text a document's passages were read from. */
  textOf(docId: string): string | undefined {
    return this.byDoc.get(docId)?.text;
  }

  /** A document's passage ids by start offset. */
  startsOf(docId: string): ReadonlyMap<number, number> | undefined {
    return this.byDoc.get(docId)?.at;
  }

  /** In how many passages a (folded) term occurs. */
  df(term: string): number | undefined {
    return this.dfs.get(term);
  }

  /** BM25 (k1 1.2, b 0.7, as MiniSearch) of one term in one passage. */
  bm25(tf: number, len: number, df: number): number {
    const n = this.passages.size;
    const avg = n ? this.totalWords / n : 1;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return (idf * (tf * 2.2)) / (tf + 1.2 * (1 - 0.7 + (0.7 * len) / avg));
  }

  /** Document order of two passages. */
  order(a: number, b: number): number {
    const pa = this.passages.get(a)!;
    const pb = this.passages.get(b)!;
    return pa.docId < pb.docId ? -1 : pa.docId > pb.docId ? 1 : pa.start - pb.start;
  }

  /** Bring the passages in step with the index: only documents whose text changed are read again. */
  sync(): void {
    // A sync going on in slices is finished at once (a query needs the passages now).
    if (this.running) runToEnd(this.running);
    if (!this.dirty) return;
    this.dirty = false;
    runToEnd(this.syncing());
  }

  /**
   * The same as sync(), a slice of about `sliceMs` at a time (`pause` yields to the event loop), so
   * that a large changed document is re-read without blocking the host; a query meanwhile finishes it.
   */
  async syncInSlices(pause: () => Promise<void>, sliceMs = 8): Promise<void> {
    while (this.dirty || this.running) {
      if (this.running) {
        // Another caller is slicing: wait for it.
        await pause();
        continue;
      }
      this.dirty = false;
      const steps = (this.running = this.syncing());
      let t0 = Date.now();
      while (this.running === steps) {
        if (steps.next().done) break;
        if (Date.now() - t0 >= sliceMs) {
          await pause();
          t0 = Date.now();
        }
      }
    }
  }

  private *syncing(): Generator<void, void> {
    try {
      const seen = new Set<string>();
      for (const d of this.corpus.documents()) {
        seen.add(d.id);
        const text = this.corpus.text(d.id);
        if (text === undefined) continue;
        const prev = this.byDoc.get(d.id);
        if (prev && prev.text === text) continue;
        if (prev) yield* this.drop(d.id);
        yield* this.addDoc(d.id, text);
      }
      for (const id of [...this.byDoc.keys()]) if (!seen.has(id)) yield* this.drop(id);
    } finally {
      this.running = undefined;
    }
  }

  private *addDoc(docId: string, text: string): Generator<void, void> {
    this.onChange();
    const prepared = this.corpus.layout ? this.corpus.layout(docId) : this.corpus.prepared(docId);
    const ids: number[] = [];
    const at = new Map<number, number>();
    // Registered first: a document half added is dropped whole if it changes meanwhile.
    this.byDoc.set(docId, { text, ids, at });
    let batch: PassageDoc[] = [];
    for (const s of prepared?.sentences ?? []) {
      const t = text.slice(s.start, s.end);
      if (!/[\p{L}\p{N}]/u.test(t)) continue;
      const id = this.nextId++;
      this.passages.set(id, { docId, start: s.start, end: s.end });
      at.set(s.start, id);
      const ws = words(t);
      this.totalWords += ws.length;
      for (const w of new Set(ws.map(foldText))) this.dfs.set(w, (this.dfs.get(w) ?? 0) + 1);
      ids.push(id);
      batch.push({ id, text: t });
      if (batch.length === SLICE) {
        this.index.addAll(batch);
        batch = [];
        yield;
      }
    }
    this.index.addAll(batch);
  }

  private *drop(docId: string): Generator<void, void> {
    const rec = this.byDoc.get(docId);
    if (!rec) return;
    this.onChange();
    this.byDoc.delete(docId);
    let n = 0;
    for (const id of rec.ids) {
      const p = this.passages.get(id)!;
      const text = rec.text.slice(p.start, p.end);
      const ws = words(text);
      this.totalWords -= ws.length;
      for (const w of new Set(ws.map(foldText))) {
        const k = (this.dfs.get(w) ?? 1) - 1;
        if (k > 0) this.dfs.set(w, k);
        else this.dfs.delete(w);
      }
      this.index.remove({ id, text });
      this.passages.delete(id);
      if (++n % SLICE === 0) yield;
    }
  }
}
