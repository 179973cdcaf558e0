import type { Candidate, EntitySummary, EntityType, Mention, PreparedDocument, RecogniserContext, SourceMeta, Span } from '../types';

/** Anything that turns a prepared document into candidates (the recogniser pipeline, pipeline.ts). */
export interface CandidateSource {
  run(doc: PreparedDocument, ctx: RecogniserContext): Candidate[];
}

/** A document of the corpus as the views show it. */
export interface DocumentInfo {
  /** Path relative to the corpus root, forward slashes. */
  readonly id: string;
  /** Title from sources.yaml, else the file's own metadata, else a text file's headline, else the file name (sources/titles.ts). */
  readonly title: string;
  /** The title, with the folder that tells it apart when another document has the same title ("001.txt · politics"). */
  readonly label?: string;
  /** Where the title came from. */
  readonly titleFrom?: import('../sources/titles').TitleOrigin;
  readonly chars: number;
  readonly meta?: SourceMeta;
}

/** A known name found in some text (a source, or any other document such as the user's draft). */
export interface NameHit extends Span {
  readonly entityId: string;
  /** The text matched. */
  readonly text: string;
}

/** A passage supporting an entity: one mention and its sentence. */
export interface Passage {
  readonly mention: Mention;
  /** The sentence holding the mention (same as mention.passage). */
  readonly span: Span;
  /** The sentence's text. */
  readonly text: string;
}

/** An entity one document mentions (Corpus.entitiesIn). */
export interface DocumentEntity {
  readonly entityId: string;
  /** Its first mention in the document. */
  readonly first: Span;
  readonly count: number;
}

/** The entities of a document from its mentions or name hits in document order (for indexes that keep no better way). */
export function entitiesOfMentions(mentions: readonly (Span & { readonly entityId: string })[]): DocumentEntity[] {
  const by = new Map<string, { entityId: string; first: Span; count: number }>();
  for (const m of mentions) {
    const e = by.get(m.entityId);
    if (e) e.count++;
    else by.set(m.entityId, { entityId: m.entityId, first: { start: m.start, end: m.end }, count: 1 });
  }
  return [...by.values()];
}

export interface TypeCount {
  readonly type: EntityType;
  readonly entities: number;
  readonly mentions: number;
}

/**
 * What the editor features ask of the corpus index. Implemented by CorpusIndex (corpus.ts).
 * All methods are synchronous and cheap (lookups well under a millisecond); indexing is incremental.
 */
export interface Corpus {
  /** Increases on every change of documents, catalog or metadata. */
  readonly version: number;
  /** Called after every change (document added, updated, removed; catalog or metadata replaced). */
  onDidChange(listener: () => void): { dispose(): void };

  documents(): DocumentInfo[];
  documentInfo(docId: string): DocumentInfo | undefined;
  /** The text of a document as indexed (cheap: no re-reading, no re-tokenising). */
  text(docId: string): string | undefined;
  /**
   * The names the recognisers find in a text that is not in the index (a draft), without the
   * catalog; nothing is stored or counted. `docId` is its path (the format follows its extension).
   * Optional: an index that cannot (a shared database) leaves drafts without "not found" hovers.
   */
  recognise?(docId: string, text: string): Candidate[];
  /** The document's paragraphs, sentences and tokens (the tokens are made again on each call: prefer text()). */
  prepared(docId: string): PreparedDocument | undefined;
  /** The document's paragraphs and sentences, without tokens (nothing is made again: a 60 MB source's tokens take seconds). */
  layout?(docId: string): Pick<PreparedDocument, 'text' | 'paragraphs' | 'sentences'> | undefined;

  /** All entities (ignored names excluded), with mention and document counts. */
  entities(): EntitySummary[];
  entity(entityId: string): EntitySummary | undefined;
  typeCounts(): TypeCount[];

  /** Mentions of an entity, ranked: the full-name passage first, then a spread across sources, then document order. */
  mentionsOf(entityId: string): Mention[];
  /** Passages of an entity in the same order as mentionsOf. */
  passagesOf(entityId: string): Passage[];
  /** The mentions in one document, in document order; only those lying wholly within `within` when given (a passage, the visible part of a large source). */
  mentionsIn(docId: string, within?: Span): Mention[];
  /** The entities one document mentions, each with its first mention and how many (in order of the first; no object per mention). */
  entitiesIn(docId: string): DocumentEntity[];

  /** The mention at an offset of a corpus document, if any. */
  mentionAt(docId: string, offset: number): Mention | undefined;
  /** Every known name or alias in arbitrary text (e.g. a draft outside the corpus), longest match first, non-overlapping. */
  findNames(text: string): NameHit[];
  /** The known name at an offset of arbitrary text. */
  nameAt(text: string, offset: number): NameHit | undefined;
  /**
   * Resolves when findNames and nameAt will answer at once. Callers that can wait (hovers, the draft
   * check) ask first: after a change, a large corpus's names are then made ready without pausing the host.
   */
  namesSettled?(): Promise<void>;
  /** Entities whose name or an alias starts with (or fuzzily contains) the query, best first. */
  search(query: string, limit?: number): EntitySummary[];
}

/**
 * How a host (the extension, the CLI) feeds the index. Document ids are paths relative to the
 * corpus root with forward slashes (in the extension: relative to the workspace folder, e.g.
 * "sources/press-release.txt"; in the CLI: relative to the scanned folder).
 */
export interface CorpusWriter {
  /** Add or replace one document (incremental: only this document is re-read). */
  upsertDocument(docId: string, text: string): void;
  removeDocument(docId: string): void;
  /**
   * Replace the catalog with the text of an entities.yaml (`file` is its id, e.g. "sources/entities.yaml";
   * undefined text removes it). Returns the problems found; on a parse error the last good catalog stays in force.
   */
  loadCatalog(file: string, text: string | undefined): import('../types').Problem[];
  /** Same for sources.yaml; its keys are paths relative to the folder of `file`. */
  loadSources(file: string, text: string | undefined): import('../types').Problem[];
  /** Run several changes with a single onDidChange at the end. */
  batch(fn: () => void): void;
  /** Use another recogniser pipeline (e.g. with the trained tagger): every document is read again. */
  setPipeline(pipeline: CandidateSource): void;
}
