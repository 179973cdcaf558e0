/**
 * The corpus index: documents in, entities and their passages out. A facade over three parts with
 * one job each: the document store (per-document results and per-name statistics, documentStore.ts),
 * entity resolution (resolver.ts) and the query side (queries.ts). Documents are added, updated and
 * removed one at a time; only the changed document is re-read. Entities are resolved lazily, on the
 * first query after a change, and incrementally after a document change.
 */
import type { CandidateSource, Corpus, CorpusWriter, DocumentEntity, DocumentInfo, NameHit, Passage, TypeCount } from './api';
import { analyseDocument, analysisMetaChanged, preparedOf, SECTIONED_ABOVE, type DocumentResult } from './analysis';
import { documentSpeech, type DocumentSpeech } from '../quotes/speech';
import { DocumentStore, TYPE_INDEX, type DocState, type PendingPut } from './documentStore';
import { CorpusQueries } from './queries';
import { sameStamp, stampOf, type MentionStamp } from './mentionStamp';
import { summary } from './entityNaming';
import { EntityResolver } from './resolver';
import { EMPTY_CATALOG, parseCatalog, scopeToDocumentIds, type Catalog } from '../catalog/catalog';
import { CatalogRecogniser } from '../recognisers/catalogNames';
import { createDefaultPipeline } from '../recognisers/pipeline';
import { leanDocument, prepareDocument, withTokens } from '../text/document';
import { parseSources } from '../catalog/sources';
import { referenceDateOf } from '../resolution/documentDate';
import { SourceNames } from '../sources/names';
import { ENTITY_TYPES, type Candidate, type EntitySummary, type Mention, type PreparedDocument, type Problem, type SourceMeta, type Span } from '../types';

export type { CandidateSource } from './api';
export { rankMentions } from './queries';

export interface CorpusIndexOptions {
  /** The recogniser pipeline, without the catalog (the index overlays curated names itself). */
  pipeline?: CandidateSource;
  /**
   * When set, the index never runs the pipeline itself for a pipeline or metadata change: it keeps
   * each document's last results (so queries keep answering) and hands the ids whose per-document
   * work must be done again to this hook (the host re-analyses them in its worker pool and puts the
   * results back with putAnalysed).
   */
  analyseElsewhere?: (docIds: string[]) => void;
  /**
   * Lets the host's event loop run (e.g. setImmediate): when set, namesSettled() makes a large
   * corpus's name matcher a slice per turn (see KnownNames).
   */
  yieldToHost?: () => Promise<void>;
  /** Milliseconds of such work between two yields (default 8; 0 yields at every step). */
  sliceMs?: number;
}

export class CorpusIndex implements Corpus, CorpusWriter {
  private pipeline: CandidateSource;
  private catalog: Catalog = { entities: [], ignore: [], types: {} };
  private readonly store = new DocumentStore(new CatalogRecogniser(this.catalog));
  private readonly speech = new Map<string, DocumentSpeech>();
  private readonly resolver = new EntityResolver(this.store);
  private readonly queries: CorpusQueries;
  private readonly meta = new Map<string, SourceMeta>();
  private fileTitle: (docId: string) => string | undefined = () => undefined;
  private fileDate: (docId: string) => string | undefined = () => undefined;
  private readonly names = new SourceNames(() => [...this.store.values()].map((d) => ({ id: d.id, text: d.text, meta: this.meta.get(normalisePath(d.id)), fileTitle: this.fileTitle(d.id) })));
  private listeners = new Set<() => void>();
  private version_ = 0;
  private resolvedVersion = -1;
  private batchDepth = 0;
  private batchDirty = false;

  private readonly analyseElsewhere: ((docIds: string[]) => void) | undefined;
  /** Documents prepared ahead of their putAnalysed() (preparePut). */
  private readonly prepared_ = new Map<string, { result: DocumentResult; pending: PendingPut }>();

  constructor(options: CorpusIndexOptions = {}) {
    this.pipeline = options.pipeline ?? createDefaultPipeline();
    this.analyseElsewhere = options.analyseElsewhere;
    this.queries = new CorpusQueries(this.store, this.resolver, options.yieldToHost, options.sliceMs);
  }

  get version(): number {
    return this.version_;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    this.version_++;
    this.queries.clear();
    if (this.batchDepth > 0) {
      this.batchDirty = true;
      return;
    }
    for (const l of [...this.listeners]) l();
  }

  batch(fn: () => void): void {
    this.batchDepth++;
    try {
      fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.batchDirty) {
        this.batchDirty = false;
        for (const l of [...this.listeners]) l();
      }
    }
  }

  // ---------------------------------------------------------------- writing

  upsertDocument(docId: string, text: string): void {
    const old = this.store.get(docId);
    if (old && old.text === text) return;
    this.readDocument(docId, text);
    this.changed();
  }

  /**
   * Add or replace a document from a per-document result made elsewhere (a worker thread, the
   * persistent cache) for this text and this document's current metadata (see metaOf). The same
   * text again is ignored unless `replace` (the result of a changed pipeline or metadata).
   */
  putAnalysed(docId: string, text: string, result: DocumentResult, replace = false): void {
    const ready = this.prepared_.get(docId);
    this.prepared_.delete(docId);
    const old = this.store.get(docId);
    if (old && old.text === text && !replace) return;
    const meta = this.meta.get(normalisePath(docId));
    if (ready && ready.result === result && ready.pending.state.text === text && ready.pending.state.prepared.meta === meta) this.store.commit(ready.pending);
    else this.store.put(preparedOf(docId, text, result, meta), result.candidates);
    this.speech.set(docId, result.speech ?? documentSpeech(this.store.get(docId)!.prepared));
    this.changed();
  }

  /**
   * Do the work of putAnalysed() for a large document ahead, a slice per turn of the event loop
   * (`pause` yields to it), while queries keep answering from the index as it is; the putAnalysed()
   * of the same result that follows then only swaps the document in.
   */
  async preparePut(docId: string, text: string, result: DocumentResult, pause: () => Promise<void>): Promise<void> {
    const pending = await this.store.prepare(preparedOf(docId, text, result, this.meta.get(normalisePath(docId))), result.candidates, pause);
    this.prepared_.set(docId, { result, pending });
  }

  /** The metadata per-document work needs for a document (its sources.yaml entry, and the date in the file's own metadata). */
  metaOf(docId: string): SourceMeta | undefined {
    const meta = this.meta.get(normalisePath(docId));
    const fileDate = this.fileDate(docId);
    return fileDate ? { ...meta, fileDate } : meta;
  }

  /** The pipeline in use (workers must run an equivalent one). */
  currentPipeline(): CandidateSource {
    return this.pipeline;
  }

  setPipeline(pipeline: CandidateSource): void {
    this.pipeline = pipeline;
    if (this.store.size === 0) return;
    if (this.analyseElsewhere) {
      this.analyseElsewhere([...this.store.ids()]);
      return;
    }
    this.batch(() => {
      for (const d of [...this.store.values()]) this.reprepare(d);
      this.changed();
    });
  }

  removeDocument(docId: string): void {
    this.prepared_.delete(docId);
    if (!this.store.remove(docId)) return;
    this.speech.delete(docId);
    this.changed();
  }

  loadCatalog(file: string, text: string | undefined): Problem[] {
    if (text === undefined) {
      this.setCatalog(EMPTY_CATALOG);
      return [];
    }
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    const knownDocument = this.store.size > 0 ? (p: string) => this.store.get(normalisePath(dir + p)) !== undefined : undefined;
    const { catalog, problems } = parseCatalog(text, file, { knownDocument });
    if (catalog) this.setCatalog(scopeToDocumentIds(catalog, file));
    return problems;
  }

  /** Replace the catalog: curated names are overlaid on every document again (no recogniser re-runs). */
  setCatalog(catalog: Catalog): void {
    // The same catalog again (the file saved unchanged, a reload after a deletion) changes nothing:
    // overlaying it on every document again took seconds with a large source.
    if (JSON.stringify(catalog) === JSON.stringify(this.catalog)) return;
    this.catalog = catalog;
    this.resolver.setCatalog(catalog);
    this.store.setCatalogRecogniser(new CatalogRecogniser(catalog));
    this.changed();
  }

  loadSources(file: string, text: string | undefined): Problem[] {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    const next = new Map<string, SourceMeta>();
    let problems: Problem[] = [];
    if (text !== undefined) {
      const parsed = parseSources(text, file);
      problems = parsed.problems;
      if (!parsed.sources) return problems;
      for (const [k, v] of parsed.sources) next.set(normalisePath(dir + k), v);
    }
    // The same metadata again changes nothing (re-putting every document, and resolving them all).
    const same = (a: SourceMeta | undefined, b: SourceMeta | undefined) => JSON.stringify(a) === JSON.stringify(b);
    if (next.size === this.meta.size && [...next].every(([k, v]) => same(this.meta.get(k), v))) return problems;
    this.batch(() => {
      const ids = new Set([...this.meta.keys(), ...next.keys()]);
      const old = new Map(this.meta);
      this.meta.clear();
      for (const [k, v] of next) this.meta.set(k, v);
      const stale: string[] = [];
      for (const d of [...this.store.values()]) {
        const key = normalisePath(d.id);
        if (!ids.has(key)) continue;
        if (!this.analyseElsewhere) this.reprepare(d);
        else {
          // The new metadata now; the per-document work again only where its inputs changed.
          this.resolver.invalidate();
          this.store.put({ ...d.prepared, meta: this.meta.get(key) }, d.base);
          if (analysisMetaChanged(old.get(key), this.meta.get(key))) stale.push(d.id);
        }
      }
      this.changed();
      if (stale.length) this.analyseElsewhere?.(stale);
    });
    return problems;
  }

  private reprepare(d: DocState): void {
    this.resolver.invalidate();
    // Re-run fully: the document date changes how dates are read.
    this.readDocument(d.id, d.text);
  }

  /** Prepare a document, run the pipeline, overlay the catalog, and count its names in. */
  private readDocument(docId: string, text: string): void {
    const meta = this.metaOf(docId);
    if (text.length > SECTIONED_ABOVE) {
      const r = analyseDocument(docId, text, meta, this.pipeline);
      this.store.put(preparedOf(docId, text, r, meta), r.candidates);
      if (r.speech) this.speech.set(docId, r.speech);
      return;
    }
    const full = prepareDocument(docId, text, undefined, meta);
    const base = this.pipeline.run(full, { referenceDate: referenceDateOf(text, meta) });
    this.store.put(leanDocument(full), base, full);
    this.speech.set(docId, documentSpeech(full));
  }

  /** A stamp of what a document's mentions depend on (mentionStamp.ts), for mentionsUnchanged(). */
  mentionStamp(docId: string): unknown {
    this.resolve();
    const d = this.store.get(docId);
    return d ? stampOf(d, this.resolver) : undefined;
  }

  /** Are a document's mentions, and the names of their entities, as they were when the stamp was taken? */
  mentionsUnchanged(docId: string, since: unknown): boolean {
    const now = this.mentionStamp(docId) as MentionStamp | undefined;
    return now !== undefined && since !== undefined && sameStamp(since as MentionStamp, now);
  }

  /** The quotes and figures of a document (per-document work, kept with its candidates). */
  speechOf(docId: string): DocumentSpeech | undefined {
    return this.speech.get(docId);
  }

  // ---------------------------------------------------------------- queries

  private resolve(): void {
    if (this.resolvedVersion === this.version_) return;
    this.resolver.update();
    this.resolvedVersion = this.version_;
  }

  documents(): DocumentInfo[] {
    return [...this.store.values()].map((d) => this.info(d)).sort((a, b) => a.id.localeCompare(b.id));
  }

  documentInfo(docId: string): DocumentInfo | undefined {
    const d = this.store.get(docId);
    return d ? this.info(d) : undefined;
  }

  private info(d: DocState): DocumentInfo {
    const meta = this.meta.get(normalisePath(d.id));
    const n = this.names.get(d.id, this.version_)!;
    return { id: d.id, title: n.title, label: n.label, titleFrom: n.from, chars: d.text.length, meta };
  }

  text(docId: string): string | undefined {
    return this.store.get(docId)?.text;
  }

  /** Where document titles from the files' own metadata come from (the format readers); read at the next change. */
  useFileTitles(fn: (docId: string) => string | undefined): void {
    this.fileTitle = fn;
  }

  /** Where the dates in the files' own metadata come from (the format readers): read when a document is analysed. */
  useFileDates(fn: (docId: string) => string | undefined): void {
    this.fileDate = fn;
  }

  recognise(docId: string, text: string): Candidate[] {
    return this.pipeline.run(prepareDocument(docId, text), {});
  }

  prepared(docId: string): PreparedDocument | undefined {
    const d = this.store.get(docId);
    return d ? withTokens(d.prepared) : undefined;
  }

  layout(docId: string): Pick<PreparedDocument, 'text' | 'paragraphs' | 'sentences'> | undefined {
    return this.store.get(docId)?.prepared;
  }

  entities(): EntitySummary[] {
    this.resolve();
    return [...this.resolver.sortedSummaries()];
  }

  entity(entityId: string): EntitySummary | undefined {
    this.resolve();
    const e = this.resolver.entityById(entityId);
    return e ? summary(e) : undefined;
  }

  typeCounts(): TypeCount[] {
    const out = ENTITY_TYPES.map((type) => ({ type, entities: 0, mentions: 0 }));
    for (const e of this.entities()) {
      const tc = out[TYPE_INDEX.get(e.type)!]!;
      tc.entities++;
      tc.mentions += e.mentionCount;
    }
    return out;
  }

  mentionsOf(entityId: string): Mention[] {
    this.resolve();
    return this.queries.mentionsOf(entityId);
  }

  passagesOf(entityId: string): Passage[] {
    this.resolve();
    return this.queries.passagesOf(entityId);
  }

  mentionsIn(docId: string, within?: Span): Mention[] {
    this.resolve();
    return this.queries.mentionsIn(docId, within);
  }

  entitiesIn(docId: string): DocumentEntity[] {
    this.resolve();
    return this.queries.entitiesIn(docId);
  }

  mentionAt(docId: string, offset: number): Mention | undefined {
    this.resolve();
    return this.queries.mentionAt(docId, offset);
  }

  findNames(text: string): NameHit[] {
    this.resolve();
    return this.queries.findNames(text);
  }

  /** Resolves when findNames and nameAt answer at once: after a change, a large corpus's name matcher is made again in slices meanwhile. */
  async namesSettled(): Promise<void> {
    do this.resolve();
    while (!(await this.queries.namesSettled()));
  }

  nameAt(text: string, offset: number): NameHit | undefined {
    this.resolve();
    return this.queries.nameAt(text, offset);
  }

  search(query: string, limit = 50): EntitySummary[] {
    this.resolve();
    return this.queries.search(query, this.resolver.sortedSummaries(), limit);
  }

  /** The catalog in force (the last good one). */
  currentCatalog(): Catalog {
    return this.catalog;
  }
}

/** A sources.yaml key or document id as a lookup key: forward slashes, no "." or "..", Unicode NFC (so NFD names match too). */
function normalisePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/').normalize('NFC');
}
