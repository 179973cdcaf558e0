/**
 * The core's shared vocabulary. Everything in src/core speaks in these terms; the editor features
 * convert offsets to vscode.Range in exactly one place (src/features/ranges.ts).
 *
 * Offsets are UTF-16 code units into the document text as VS Code shows it (BOM removed, line
 * endings kept as they are in the file), `end` exclusive.
 */

export type EntityType = 'person' | 'organization' | 'place' | 'group' | 'date' | 'quantity';

export const ENTITY_TYPES: readonly EntityType[] = ['person', 'organization', 'place', 'group', 'date', 'quantity'];

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A token of running text (see tokenize.ts). */
export interface Token extends Span {
  readonly text: string;
  /** 'word' (letters/digits, with inner apostrophes, hyphens and dots as in U.S.), 'number', 'punct', 'space' is never emitted. */
  readonly kind: 'word' | 'number' | 'punct';
}

export interface Sentence extends Span {
  /** Index of the paragraph that holds the sentence. */
  readonly paragraph: number;
}

/** Metadata of a source document, from sources.yaml. All fields optional. */
export interface SourceMeta {
  readonly title?: string;
  readonly authors?: readonly string[];
  readonly publisher?: string;
  /** ISO date as written in sources.yaml (YYYY, YYYY-MM or YYYY-MM-DD). */
  readonly date?: string;
  readonly url?: string;
  readonly kind?: string;
  readonly note?: string;
  /**
   * The date the file's own metadata gives (PDF CreationDate, the e-mail Date header, an HTML
   * page's published time, DOCX core properties), ISO 8601; never written in sources.yaml. Relative
   * dates are read against it when neither `date` nor a dateline gives the document's date.
   */
  readonly fileDate?: string;
}

/** A document ready for recognition: text, where prose is, and its segmentation. */
export interface PreparedDocument {
  /** Stable id of the document: its path relative to the corpus root, with forward slashes. */
  readonly id: string;
  readonly text: string;
  readonly format: 'text' | 'markdown';
  /** Spans where entities may be found (for markdown: prose, headings and lists; not code, link URLs or front matter). Sorted, disjoint. */
  readonly prose: readonly Span[];
  readonly paragraphs: readonly Span[];
  readonly sentences: readonly Sentence[];
  /** Tokens of the prose spans, in order. */
  readonly tokens: readonly Token[];
  /** Index into `sentences` of the sentence holding token i. Same length as tokens. */
  readonly tokenSentence: Int32Array;
  readonly meta?: SourceMeta;
}

/** Attributes a recogniser may attach to a mention. */
export interface MentionAttrs {
  /** A title that preceded a person's name ("President", "Prime minister of Israel"). Not part of the name. */
  title?: string;
  /** For dates: ISO-like normalised value (e.g. "2023-06-05", "1997", "2023-01"). For quantities: a normalised value ("50%", "1000 specialists"). */
  value?: string;
  /** For dates: which parts were written in the text (others implied from the document date). */
  written?: { day: boolean; month: boolean; year: boolean };
  /** For dates: a relative date ("Friday", "yesterday") the document's date could not resolve; it never joins another document's. */
  relative?: boolean;
  /** For groups that are demonyms: the place name they derive from ("Azerbaijani" -> "Azerbaijan"). */
  demonymOf?: string;
  /** An acronym introduced for this name in parentheses ("Trans-Anatolian (TANAP)" -> "TANAP"), or the long form an acronym stands for. */
  acronym?: string;
  longForm?: string;
  /** The canonical name a gazetteer knows this form by ("U.S." -> "United States", "Türkiye" -> "Turkey"). */
  canonical?: string;
  /** Catalog entity name this mention was matched to (catalog recogniser). */
  catalogName?: string;
}

/** What a recogniser emits: a typed span of text. */
export interface Candidate extends Span {
  readonly type: EntityType;
  /** The name as it should be resolved: title and possessive stripped, whitespace collapsed. */
  readonly name: string;
  /** Id of the recogniser that produced it. */
  readonly source: string;
  /** Precedence in conflicts; higher wins (see pipeline.ts PRIORITY). */
  readonly priority: number;
  /** Optional confidence in [0,1]; tie-breaker after priority. */
  readonly confidence?: number;
  readonly attrs?: MentionAttrs;
}

/** Read-only context a recogniser gets besides the document. */
export interface RecogniserContext {
  /** Parsed document date from sources.yaml, when known (reference for relative dates). */
  readonly referenceDate?: Date;
}

/** One recogniser: a small unit behind one interface. */
export interface Recogniser {
  readonly id: string;
  /** Default priority of its candidates. */
  readonly priority: number;
  recognise(doc: PreparedDocument, ctx: RecogniserContext): Candidate[];
  /**
   * Spans, known after recognise(), that hold no name of a lower-priority recogniser: the tagger's
   * misc spans ("U.S. Open", "Tour de France" hold no place).
   */
  vetoes?(doc: PreparedDocument): readonly Span[];
}

/** A resolved mention of an entity in a document. */
export interface Mention extends Span {
  readonly docId: string;
  readonly entityId: string;
  /** Exact text of the document between start and end. */
  readonly text: string;
  readonly type: EntityType;
  /** The sentence that holds the mention. */
  readonly passage: Span;
  readonly attrs?: MentionAttrs;
}

export interface Entity {
  /** Stable id: `${type}:${key}` with key the folded canonical name. */
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
  /** Other forms it is known by (curated aliases and the forms found in the text), without the name itself. */
  readonly aliases: readonly string[];
  /** A note from the catalog, if any. */
  readonly note?: string;
  /** True when the entity comes from entities.yaml. */
  readonly curated: boolean;
}

export interface EntitySummary extends Entity {
  readonly mentionCount: number;
  readonly documentCount: number;
  /**
   * Set when the evidence for the type is mixed: the share (0..1) of the votes and context cues
   * that the type shown has, below 0.7 ("Blair" read as a person and as an organisation).
   */
  readonly typeConfidence?: number;
}

/** A problem found in a YAML file, with a 0-based position. */
export interface Problem {
  readonly file: string;
  readonly message: string;
  readonly line: number;
  readonly character: number;
  readonly endLine?: number;
  readonly endCharacter?: number;
  readonly severity: 'error' | 'warning';
}
