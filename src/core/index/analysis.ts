/**
 * Per-document work: everything about one document that does not depend on the rest of the corpus
 * (layout, sentences, the recogniser pipeline). Its result is plain data (structured-clone and
 * msgpack safe): worker threads produce it, the persistent cache stores it, the document store
 * takes it in.
 */
import type { CandidateSource } from './api';
import { referenceDateOf } from '../resolution/documentDate';
import { prepareDocument } from '../text/document';
import type { Candidate, PreparedDocument, SourceMeta, Span, Sentence } from '../types';
import { documentSpeech, type DocumentSpeech } from '../quotes/speech';

/** Bump when anything that changes a DocumentResult for the same text changes (layout, segmentation, recognisers). */
export const ANALYSIS_VERSION = 2;

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

/** Prepare a document and run the pipeline on it. `meta` is its sources.yaml entry (its date changes how dates are read). */
export function analyseDocument(docId: string, text: string, meta: SourceMeta | undefined, pipeline: CandidateSource): DocumentResult {
  const prepared = prepareDocument(docId, text, undefined, meta);
  const candidates = pipeline.run(prepared, { referenceDate: referenceDateOf(text, meta) });
  return { format: prepared.format, prose: prepared.prose, paragraphs: prepared.paragraphs, sentences: prepared.sentences, candidates, speech: documentSpeech(prepared) };
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
