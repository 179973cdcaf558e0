/**
 * Per-document work: everything about one document that does not depend on the rest of the corpus
 * (layout, sentences, the recogniser pipeline). Its result is plain data (structured-clone and
 * msgpack safe): worker threads produce it, the persistent cache stores it, the document store
 * takes it in.
 */
import type { CandidateSource } from './api';
import { referenceDateOf } from '../resolution/documentDate';
import { formatOf, prepareDocument } from '../text/document';
import { sections } from '../text/sections';
import type { Candidate, PreparedDocument, RecogniserContext, SourceMeta, Span, Sentence } from '../types';
import { documentSpeech, offsetSpeech, type DocumentSpeech } from '../quotes/speech';
import type { QuoteSpan } from '../quotes/types';
import type { ClaimSpan } from '../claims/extract';

/** Bump when anything that changes a DocumentResult for the same text changes (layout, segmentation, recognisers). */
export const ANALYSIS_VERSION = 6;

/** What per-document work produces (the text itself is not part of it: the host has it). */
export interface DocumentResult {
  readonly format: PreparedDocument['format'];
  readonly prose: readonly Span[];
  readonly paragraphs: readonly Span[];
  readonly sentences: readonly Sentence[];
  /** Candidates of the recogniser pipeline (before the catalog overlay), sorted by start. */
  readonly candidates: readonly Candidate[];
  /** Quotes and figures of the document (speakers are tied to entities at query time). */
  readonly speech?: DocumentSpeech;
}

/**
 * A plain-text document longer than this is read in sections of SECTION_CHARS (sections.ts), so that
 * the tokens and the recognisers' working data of a very large file never exist all at once. Then
 * the document-level rules (the tagger's document evidence, "a name found once is found again") work
 * within each section of about a million characters rather than across the whole file.
 */
export const SECTIONED_ABOVE = 2_000_000;
export const SECTION_CHARS = 1_000_000;

/** Prepare a document and run the pipeline on it. `meta` is its sources.yaml entry (its date changes how dates are read). */
export function analyseDocument(docId: string, text: string, meta: SourceMeta | undefined, pipeline: CandidateSource): DocumentResult {
  const ctx = { referenceDate: referenceDateOf(text, meta) };
  if (text.length > SECTIONED_ABOVE && formatOf(docId) === 'text') return analyseSections(docId, text, meta, pipeline, ctx);
  const prepared = prepareDocument(docId, text, undefined, meta);
  const candidates = pipeline.run(prepared, ctx);
  return { format: prepared.format, prose: prepared.prose, paragraphs: prepared.paragraphs, sentences: prepared.sentences, candidates, speech: documentSpeech(prepared) };
}

function analyseSections(docId: string, text: string, meta: SourceMeta | undefined, pipeline: CandidateSource, ctx: RecogniserContext): DocumentResult {
  const paragraphs: Span[] = [];
  const sentences: Sentence[] = [];
  const candidates: Candidate[] = [];
  const quotes: QuoteSpan[] = [];
  const claims: ClaimSpan[] = [];
  for (const sec of sections(text, SECTION_CHARS)) {
    const d = sec.start;
    const part = prepareDocument(docId, text.slice(sec.start, sec.end), 'text', meta);
    const p0 = paragraphs.length;
    for (const p of part.paragraphs) paragraphs.push({ start: p.start + d, end: p.end + d });
    for (const s of part.sentences) sentences.push({ start: s.start + d, end: s.end + d, paragraph: s.paragraph + p0 });
    for (const c of pipeline.run(part, ctx)) candidates.push({ ...c, start: c.start + d, end: c.end + d });
    // Quotes and figures too, a section at a time (never on the host thread, never the whole file at once).
    const sp = offsetSpeech(documentSpeech(part), d, quotes.length);
    for (const q of sp.quotes) quotes.push(q);
    for (const c of sp.claims) claims.push(c);
  }
  return { format: 'text', prose: text.length > 0 ? [{ start: 0, end: text.length }] : [], paragraphs, sentences, candidates, speech: { quotes, claims } };
}

/** The part of a document's metadata per-document work reads (the date for dates, the authors for bylines). */
export function analysisMeta(meta: SourceMeta | undefined): { date?: string; authors?: readonly string[]; fileDate?: string } {
  return { date: meta?.date, authors: meta?.authors, ...(meta?.fileDate ? { fileDate: meta.fileDate } : {}) };
}

/** Does a metadata change call for analysing the document again? */
export function analysisMetaChanged(a: SourceMeta | undefined, b: SourceMeta | undefined): boolean {
  return JSON.stringify(analysisMeta(a)) !== JSON.stringify(analysisMeta(b));
}

/** The lean prepared document (no tokens) of a result. */
export function preparedOf(docId: string, text: string, result: DocumentResult, meta: SourceMeta | undefined): PreparedDocument {
  return {
    id: docId,
    text,
    format: result.format,
    prose: result.prose,
    paragraphs: result.paragraphs,
    sentences: result.sentences,
    tokens: [],
    tokenSentence: new Int32Array(0),
    meta,
  };
}
