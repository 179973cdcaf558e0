/**
 * Who said what in one document, and its figures: per-document work (plain, serialisable data) done
 * with the rest of a document's analysis (analysis.ts) and kept by the index beside its candidates.
 */
import { extractClaims, type ClaimSpan } from '../claims/extract';
import type { PreparedDocument } from '../types';
import { extractQuotes } from './extract';
import type { QuoteSpan } from './types';

export interface DocumentSpeech {
  readonly quotes: readonly QuoteSpan[];
  readonly claims: readonly ClaimSpan[];
}

export function documentSpeech(doc: Pick<PreparedDocument, 'text' | 'paragraphs' | 'sentences'>): DocumentSpeech {
  return { quotes: extractQuotes(doc), claims: extractClaims(doc) };
}

/** A corpus that keeps each document's speech (CorpusIndex does). */
export interface SpeechSource {
  speechOf?(docId: string): DocumentSpeech | undefined;
  /** A stamp of what a document's mentions depend on (CorpusIndex has them): what is derived from them is kept while it holds. */
  mentionStamp?(docId: string): unknown;
  mentionsUnchanged?(docId: string, since: unknown): boolean;
}
