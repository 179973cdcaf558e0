import type { Span } from '../types';

/** How a speaker was named where the words are attributed. */
export type SpeakerForm = 'name' | 'pronoun' | 'role' | 'unnamed' | 'chain';

/** A quotation or reported speech found in one document, before speakers are tied to entities. */
export interface QuoteSpan {
  /** direct: the words are inside quote marks; indirect: reported speech ("said that…", "according to…"). */
  readonly kind: 'direct' | 'indirect';
  /** Reported speech holding quoted fragments ("said the move was not about “the destruction of records”"). */
  readonly mixed: boolean;
  /** The words attributed (for a direct quote: inside the marks). */
  readonly content: Span;
  /** The whole quotation with its marks (direct), else the content. */
  readonly outer: Span;
  /** The cue ("said", "according to", ":"). A quote continuing a chain shares the cue of the quote it continues. */
  readonly cue: Span;
  /** Where the speaker is named in the text ("Ambassador Ibrahim", "he", "the ambassador", "a source"). */
  readonly speaker?: Span;
  readonly speakerForm?: SpeakerForm;
  /** For a quote continuing a chain (the second half of a split quote): the index of the quote it continues. */
  readonly continues?: number;
}

/** A quote with its speaker resolved against the document's entity mentions. */
export interface Quote extends QuoteSpan {
  readonly docId: string;
  readonly id: string;
  readonly text: string;
  readonly cueText: string;
  readonly speakerText?: string;
  /** The entity the speaker refers to (a person or an organisation); undefined for an unnamed source. */
  readonly entityId?: string;
}
