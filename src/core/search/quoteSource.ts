/**
 * What search (`by:`) and the dossier ("quotes with speakers") need from the quotes index. The
 * quotes engine implements it when it lands; until then both work without quotes.
 */
import type { Span } from '../types';

/** A quote: the span of the quoted words in a document. */
export interface QuoteSpan extends Span {
  readonly docId: string;
  /** The speaker's entity id, when attributed. */
  readonly speakerId?: string;
}

export interface QuoteSource {
  /** Quotes attributed to an entity (by entity id), any order. */
  quotesBy(speakerId: string): readonly QuoteSpan[];
}
