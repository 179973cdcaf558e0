/**
 * The passages (sentences) of the corpus in MiniSearch indexes, for the search (searchIndex.ts):
 * each passage's document and span, the text it was read from, the words per passage and the
 * passages per word (BM25 statistics for ranking outside MiniSearch).
 *
 * The passages are spread over several MiniSearch indexes (shards) of at most SHARD passages each:
 * MiniSearch keeps a Map per very common word and per passage field, and a Map of hundreds of
 * thousands of entries (a 60 MB source has 600,000 passages) is rehashed whole each time it
 * doubles, a pause of up to a second on the editor's thread. A query asks every shard; a corpus of
 * fewer passages than SHARD (most) has one, and ranks exactly as one MiniSearch index would.
 *
 * Synced with its source (the corpus, or the documents sent to the search worker) on demand: only
 * the documents whose text changed are read again, at once (sync()) or a slice at a time without
 * blocking the thread (syncInSlices()); a sync() meanwhile finishes a sliced one.
 */
import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import { runToEnd } from '../index/documentChange';
import type { Corpus } from '../index/api';
import type { Span } from '../types';
import { IdTable } from './idTable';
import { foldText } from './match';
import { words } from './query';

export interface PassageRec extends Span {
  readonly docId: string;
}

/** Where the passages are read from: the documents, their text and their sentences (offsets into the text). */
export interface PassageSource {
  documentIds(): Iterable<string>;
  text(docId: string): string | undefined;
  sentences(docId: string): Iterable<Span> | undefined;
}

/** The corpus as a source of passages (its lean layout's sentences where it keeps one). */
export function corpusPassages(corpus: Corpus): PassageSource {
  return {
    documentIds: () => corpus.documents().map((d) => d.id),
    text: (docId) => corpus.text(docId),
    sentences: (docId) => (corpus.layout ? corpus.layout(docId) : corpus.prepared(docId))?.sentences,
  };
}

/** A passage as MiniSearch indexes it. */
export interface PassageDoc {
  id: number;
  text: string;
}

const tokenize = (text: string): string[] => words(text);
const processTerm = (term: string): string => foldText(term);
/** Passages between two looks at the clock while a large document is (re-)indexed in slices (256 took up to 60 ms in a heap of gigabytes). */
const SLICE = 64;
/** Most passages per MiniSearch index (see above). */
export const SHARD = 1 << 16;

interface Shard {
  readonly index: MiniSearch<PassageDoc>;
  size: number;
}

/** MiniSearch's term index (as topHits.ts reads it): term → field → passage → frequency. */
interface Postings {
  readonly _index: { get(term: string): Map<number, Map<number, number>> | undefined };
}

interface StoredPassage extends PassageRec {
  readonly shard: Shard;
}

/** A document's passages: its text, and the ids and start offsets of its passages (in text order). */
interface DocPassages {
  readonly text: string;
  readonly ids: number[];
  readonly starts: number[];
}

export class PassageStore {
  private readonly shards: Shard[] = [];
  private readonly passages = new IdTable<StoredPassage>();
  private readonly byDoc = new Map<string, DocPassages>();
  /** Words of all passages (counted as MiniSearch tokenizes them: see create()). */
  private totalWords = 0;
  /** +1 while passages are added to MiniSearch, -1 while removed: how its tokenizing counts. */
  private sign = 0;
  private nextId = 1;
  private dirty = true;
  private running: Generator<void, void> | undefined;

  constructor(
    private readonly source: PassageSource,
    /** Called when passages are added or removed (caches of query results go stale). */
    private readonly onChange: () => void = () => undefined,
    /** Most passages per MiniSearch index. */
    private readonly shardSize = SHARD,
  ) {}

  private create(): MiniSearch<PassageDoc> {
    // Passages are removed with their text (remove(), a cost in their own words), never discarded: a
    // discard leaves a vacuum to MiniSearch, which walks every term of the index in the background
    // (seconds at a time after a 60 MB source changed) and fails when passages are added meanwhile.
    // The words of a passage are counted as MiniSearch reads them in (and out), not read a second time.
    const counting = (text: string): string[] => {
      const ws = words(text);
      this.totalWords += this.sign * ws.length;
      return ws;
    };
    return new MiniSearch<PassageDoc>({ fields: ['text'], storeFields: [], tokenize: counting, processTerm, searchOptions: { tokenize, processTerm }, autoVacuum: false });
  }

  /** The MiniSearch indexes of the passages (see above); at least one. */
  indexes(): MiniSearch<PassageDoc>[] {
    if (this.shards.length === 0) this.shards.push({ index: this.create(), size: 0 });
    return this.shards.map((s) => s.index);
  }

  /** MiniSearch's search in every shard: the results best first (equal scores in shard order). */
  search(query: string, options: SearchOptions): SearchResult[] {
    const [first, ...rest] = this.indexes();
    const found = first!.search(query, options);
    if (rest.length === 0) return found;
    for (const ms of rest) for (const r of ms.search(query, options)) found.push(r);
    return found.sort((a, b) => b.score - a.score);
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

  /** The id of a document's passage that starts at `start`. */
  idAt(docId: string, start: number): number | undefined {
    const d = this.byDoc.get(docId);
    if (!d) return undefined;
    const starts = d.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = starts[mid]!;
      if (v === start) return d.ids[mid];
      if (v < start) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The text a document's passages were read from. */
  textOf(docId: string): string | undefined {
    return this.byDoc.get(docId)?.text;
  }

  /** Has the store read this document's passages? */
  has(docId: string): boolean {
    return this.byDoc.has(docId);
  }

  /** In how many passages a (folded) term occurs. */
  df(term: string): number | undefined {
    // MiniSearch's postings of the term: its terms are the folded words, as the query's.
    let df = 0;
    for (const ms of this.indexes()) df += (ms as unknown as Postings)._index.get(term)?.get(0)?.size ?? 0;
    return df || undefined;
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
      for (const id of this.source.documentIds()) {
        seen.add(id);
        const text = this.source.text(id);
        if (text === undefined) continue;
        const prev = this.byDoc.get(id);
        if (prev && prev.text === text) continue;
        if (prev) yield* this.drop(id);
        yield* this.addDoc(id, text);
      }
      for (const id of [...this.byDoc.keys()]) if (!seen.has(id)) yield* this.drop(id);
    } finally {
      this.running = undefined;
    }
  }

  /** A shard with room for a batch of passages (the first that has, else a new one). */
  private shardWithRoom(): Shard {
    for (const s of this.shards) if (s.size < this.shardSize) return s;
    const s = { index: this.create(), size: 0 };
    this.shards.push(s);
    return s;
  }

  private *addDoc(docId: string, text: string): Generator<void, void> {
    this.onChange();
    const ids: number[] = [];
    const starts: number[] = [];
    // Registered first: a document half added is dropped whole if it changes meanwhile.
    this.byDoc.set(docId, { text, ids, starts });
    let batch: PassageDoc[] = [];
    let shard = this.shardWithRoom();
    const flush = () => {
      this.sign = 1;
      shard.index.addAll(batch);
      shard.size += batch.length;
      batch = [];
    };
    for (const s of this.source.sentences(docId) ?? []) {
      const t = text.slice(s.start, s.end);
      if (!/[\p{L}\p{N}]/u.test(t)) continue;
      const id = this.nextId++;
      this.passages.set(id, { docId, start: s.start, end: s.end, shard });
      starts.push(s.start);
      ids.push(id);
      batch.push({ id, text: t });
      if (batch.length === SLICE || shard.size + batch.length >= this.shardSize) {
        flush();
        yield;
        if (shard.size >= this.shardSize) shard = this.shardWithRoom();
      }
    }
    flush();
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
      this.sign = -1;
      p.shard.index.remove({ id, text });
      p.shard.size--;
      this.passages.delete(id);
      // An emptied shard goes (its MiniSearch index, with the Maps it grew, is let go).
      if (p.shard.size === 0) this.shards.splice(this.shards.indexOf(p.shard), 1);
      if (++n % SLICE === 0) yield;
    }
  }
}
