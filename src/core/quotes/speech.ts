/**
 * Who said what in one document, and its figures: per-document work (plain, serialisable data) done
 * with the rest of a document's analysis (analysis.ts) and kept by the index beside its candidates.
 */
import { extractClaims, type ClaimSpan } from '../claims/extract';
import type { PreparedDocument, Span } from '../types';
import { extractQuotes } from './extract';
import type { QuoteSpan } from './types';

export interface DocumentSpeech {
  readonly quotes: readonly QuoteSpan[];
  readonly claims: readonly ClaimSpan[];
}

export function documentSpeech(doc: Pick<PreparedDocument, 'text' | 'paragraphs' | 'sentences'>): DocumentSpeech {
  return { quotes: extractQuotes(doc), claims: extractClaims(doc) };
}

/**
 * The speech of a part of a document (a section of a very large file) as offsets into the whole:
 * spans moved by `delta`, and chain links (`continues`) by `quoteBase`, the quotes before the part.
 */
export function offsetSpeech(sp: DocumentSpeech, delta: number, quoteBase: number): DocumentSpeech {
  const at = (s: Span): Span => ({ start: s.start + delta, end: s.end + delta });
  return {
    quotes: sp.quotes.map((q) => ({
      ...q,
      content: at(q.content),
      outer: at(q.outer),
      cue: at(q.cue),
      ...(q.speaker ? { speaker: at(q.speaker) } : {}),
      ...(q.continues !== undefined ? { continues: q.continues + quoteBase } : {}),
    })),
    claims: sp.claims.map((c) => ({ ...c, start: c.start + delta, end: c.end + delta, passage: at(c.passage) })),
  };
}

/** A corpus that keeps each document's speech (CorpusIndex does). */
export interface SpeechSource {
  speechOf?(docId: string): DocumentSpeech | undefined;
  /** A stamp of what a document's mentions depend on (CorpusIndex has them): what is derived from them is kept while it holds. */
  mentionStamp?(docId: string): unknown;
  mentionsUnchanged?(docId: string, since: unknown): boolean;
}
