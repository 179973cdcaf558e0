/**
 * What the formats know about each indexed document: format, file metadata, page map, OCR spans,
 * parent, and the reading problems of each file. Fed by the hosts next to the corpus index (the index
 * only sees the text); read by the views, hovers, citations and the CLI.
 */
import type { Span } from '../types';
import { pageAt, isOcr } from './builder';
import type { CachedEntry } from './cache';
import { textFormatOf } from './registry';
import type { DocumentFormat, DocumentMeta, ExtractionProblem, PageSpan } from './types';
import type { Problem } from '../types';

export interface DocumentFormatInfo {
  /** Document id: the file's path, or `${path}#${key}` for an attachment or a message of an mbox. */
  readonly id: string;
  /** The file it was read from (its own id for a file). */
  readonly file: string;
  readonly format: DocumentFormat;
  readonly meta: DocumentMeta;
  readonly pages?: readonly PageSpan[];
  readonly ocr?: readonly Span[];
  /** Characters of text (what was indexed). */
  readonly chars: number;
}

export class FormatStore {
  private readonly docs = new Map<string, DocumentFormatInfo>();
  private readonly byFile = new Map<string, string[]>();
  private readonly problems = new Map<string, { id: string; problem: ExtractionProblem }[]>();

  /** A plain text or Markdown source. */
  addText(id: string, chars = 0): void {
    this.removeFile(id);
    this.docs.set(id, { id, file: id, format: textFormatOf(id), meta: {}, chars });
    this.byFile.set(id, [id]);
  }

  /** The documents read from a file; returns those to index (id and text), skipped and container entries left out. */
  addExtracted(file: string, entries: readonly CachedEntry[]): { id: string; text: string }[] {
    this.removeFile(file);
    const out: { id: string; text: string }[] = [];
    const ids: string[] = [];
    const problems: { id: string; problem: ExtractionProblem }[] = [];
    for (const { key, doc } of entries) {
      const id = file + key;
      for (const problem of doc.problems) problems.push({ id, problem });
      if (doc.skipped || doc.container) continue;
      const cut = key.lastIndexOf('#');
      // An attachment's parent is the message it came from; an mbox's messages have the mbox as parent.
      const parent = key ? file + key.slice(0, cut) : undefined;
      const meta: DocumentMeta = parent ? { ...doc.meta, parent } : doc.meta;
      this.docs.set(id, { id, file, format: doc.format, meta, pages: doc.pages, ocr: doc.ocr, chars: doc.text.length });
      ids.push(id);
      out.push({ id, text: doc.text });
    }
    this.byFile.set(file, ids);
    this.problems.set(file, problems);
    return out;
  }

  /** Forget a file and what was read from it; returns the document ids it had. */
  removeFile(file: string): string[] {
    const ids = this.byFile.get(file) ?? [];
    for (const id of ids) this.docs.delete(id);
    this.byFile.delete(file);
    this.problems.delete(file);
    return ids;
  }

  get(id: string): DocumentFormatInfo | undefined {
    return this.docs.get(id);
  }

  /** Document ids read from a file. */
  idsOf(file: string): readonly string[] {
    return this.byFile.get(file) ?? [];
  }

  /** The 1-based page of an offset in a paged document. */
  pageAt(id: string, offset: number): number | undefined {
    return pageAt(this.docs.get(id)?.pages, offset);
  }

  /** True when a span of a document came from OCR. */
  isOcr(id: string, start: number, end: number): boolean {
    return isOcr(this.docs.get(id)?.ocr, start, end);
  }

  /** How a passage is located beyond its file: "p. 12", "p. 3 · OCR", "OCR"; undefined for plain text. */
  passageNote(id: string, start: number, end: number): string | undefined {
    const page = this.pageAt(id, start);
    const ocr = this.isOcr(id, start, end);
    const parts = [page ? `p. ${page}` : '', ocr ? 'OCR' : ''].filter(Boolean);
    return parts.length ? parts.join(' · ') : undefined;
  }

  /** Reading problems of a file as Problems (file = the document id they concern, position 0:0). */
  problemsOf(file: string): Problem[] {
    return (this.problems.get(file) ?? []).map(({ id, problem }) => ({
      file: id,
      message: problem.message,
      line: 0,
      character: 0,
      severity: problem.severity === 'error' ? 'error' : 'warning',
    }));
  }

  /** The raw reading problems of a file (with page numbers). */
  extractionProblems(file: string): readonly { id: string; problem: ExtractionProblem }[] {
    return this.problems.get(file) ?? [];
  }
}
