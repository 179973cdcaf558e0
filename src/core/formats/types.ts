/**
 * Formats: every source file (PDF, web page, Word file, e-mail, image, text) becomes one text with
 * UTF-16 offsets, a page map and metadata. Readers implement FormatReader; the hosts (extension, CLI)
 * index `ExtractedDocument.text` exactly as `source-research text <file>` prints it.
 *
 * Pure types: no Node or vscode imports.
 */
import type { Span } from '../types';

/** The format of a document as `scan --json` reports it. */
export type DocumentFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'email' | 'image';

export const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['text', 'markdown', 'html', 'pdf', 'docx', 'email', 'image'];

/**
 * Metadata a file carries about itself (PDF info, HTML <meta>, DOCX core properties, e-mail headers).
 * All fields optional; sources.yaml (SourceMeta) overrides these field by field.
 */
export interface DocumentMeta {
  readonly title?: string;
  readonly authors?: readonly string[];
  readonly publisher?: string;
  /** ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD or a full date-time (e-mail Date header) in UTC with `Z`. */
  readonly date?: string;
  /** Canonical URL (HTML canonical link / og:url). */
  readonly url?: string;
  /** Number of pages of a paged format (PDF, multi-page TIFF). */
  readonly pages?: number;
  /** For an attachment or a message of an mbox: the document id (path) of the file it came from. */
  readonly parent?: string;
  /** E-mail: recipients as written ("Name <addr>"). */
  readonly to?: readonly string[];
  readonly cc?: readonly string[];
  /** Free-form description (HTML excerpt, DOCX description, PDF subject). */
  readonly description?: string;
  /** Language as the file declares it (html lang, DOCX language), when given. */
  readonly language?: string;
}

/** One page of a paged document: its 1-based number and the span of the text it produced. */
export interface PageSpan extends Span {
  readonly page: number;
}

/** Something a reader skipped, limited or could not read (shown in Problems and the log). */
export interface ExtractionProblem {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** 1-based page, when the problem concerns one page. */
  readonly page?: number;
}

/** A nested document a container (an e-mail) carries: read by the host as a document of its own. */
export interface EmbeddedFile {
  /** Name within the container (attachment file name, or "message-3" for an mbox). */
  readonly name: string;
  /** Document id suffix: the host's id is `${parentId}#${key}`. Unique within the container. */
  readonly key: string;
  readonly bytes: Uint8Array;
  /** Metadata the container knows about it (an mbox message's headers are read by the e-mail reader itself). */
  readonly meta?: DocumentMeta;
}

/** What a reader produces from a file's bytes. */
export interface ExtractedDocument {
  readonly format: DocumentFormat;
  /** The text as indexed: offsets of mentions index into it. */
  readonly text: string;
  /** Pages in order, covering the text (paged formats only; empty or absent otherwise). */
  readonly pages?: readonly PageSpan[];
  readonly meta: DocumentMeta;
  /** Spans of the text that came from OCR (scanned PDF pages, images); hovers mark them. Sorted, disjoint. */
  readonly ocr?: readonly Span[];
  readonly problems: readonly ExtractionProblem[];
  /** Nested files to read as documents of their own (with meta.parent set to this document's id). */
  readonly embedded?: readonly EmbeddedFile[];
  /**
   * True when the file's body was not read at all (encrypted, corrupt, over a limit): the document is
   * reported in Problems but not indexed.
   */
  readonly skipped?: boolean;
  /** True for a file that is only a container (an mbox): its embedded documents are indexed, not it. */
  readonly container?: boolean;
}

/** Limits that keep hostile or huge files from hurting the host. */
export interface FormatLimits {
  /** Largest file read at all, in bytes (default 200 MB). */
  readonly maxFileBytes: number;
  /** Largest HTML read (default 10 MB): bigger pages are skipped with a problem. */
  readonly maxHtmlBytes: number;
  /** Largest uncompressed size of a DOCX's parts (default 100 MB): zip bombs are refused. */
  readonly maxUncompressedBytes: number;
  /** Largest e-mail attachment read as a document (default 25 MB); bigger ones are listed and skipped. */
  readonly maxAttachmentBytes: number;
  /** Largest text kept from one document, in UTF-16 code units (default 20 M). */
  readonly maxTextChars: number;
  /** Most pages read from one PDF (default 2000). */
  readonly maxPages: number;
  /** Most pages OCR'd per PDF (default 50); OCR is slow. */
  readonly maxOcrPages: number;
}

export const DEFAULT_LIMITS: FormatLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxHtmlBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxAttachmentBytes: 25 * 1024 * 1024,
  maxTextChars: 20_000_000,
  maxPages: 2000,
  maxOcrPages: 50,
};

/** OCR of one image (PNG, JPEG, TIFF, or a rendered PDF page). Implemented on Node with tesseract.js. */
export interface OcrEngine {
  /** Recognised text in reading order, lines separated by "\n", paragraphs by a blank line. */
  recognize(image: Uint8Array, options: { signal?: AbortSignal; onProgress?: (fraction: number) => void }): Promise<OcrResult>;
}

export interface OcrResult {
  readonly text: string;
  /** Mean word confidence, 0–100. */
  readonly confidence: number;
  /** Pages of a multi-page image (TIFF): one text per page. */
  readonly pages?: readonly string[];
}

/** What a reader gets besides the bytes. */
export interface ReadContext {
  /** File name (with extension), for messages and format sniffing. */
  readonly name: string;
  readonly limits: FormatLimits;
  readonly signal?: AbortSignal;
  /** Progress in [0,1] with a short message ("page 3 of 12", "OCR page 2"). */
  readonly onProgress?: (fraction: number, message: string) => void;
  /** OCR for scanned pages and images; absent: images are skipped with a problem. */
  readonly ocr?: OcrEngine;
  /** Read another document's bytes through the registry (the e-mail reader sends its HTML body to the HTML reader). */
  readonly readNested?: (name: string, bytes: Uint8Array) => Promise<ExtractedDocument>;
}

/** One format reader: bytes in, text with page map and metadata out. Never throws for bad input: returns problems. */
export interface FormatReader {
  readonly format: DocumentFormat;
  /** Lower-case extensions with the dot (".pdf"). */
  readonly extensions: readonly string[];
  read(bytes: Uint8Array, ctx: ReadContext): Promise<ExtractedDocument>;
}

/** Bumped when any reader's output changes, so cached extractions are redone. */
export const EXTRACTION_VERSION = 1;
