/**
 * What a draft check reads of the draft itself (its quotations and the names the recognisers find),
 * kept while the draft's text is the same: a change to the sources re-checks every open draft, and
 * reading a long draft again each time blocked the editor for seconds.
 *
 * The reading is done here (the CLI, the tests) or, given a DraftAnalyser, elsewhere: the
 * extension reads a draft in its worker pool, so that a draft of a megabyte never runs the
 * recognisers on the editor's thread.
 */
import type { CandidateSource } from '../index/api';
import { extractQuotes } from '../quotes/extract';
import type { QuoteSpan } from '../quotes/types';
import { formatOf, prepareDocument, type DocumentFormat } from '../text/document';
import type { Candidate } from '../types';

/** What per-document work gives for a draft (a DocumentResult has both). */
export interface DraftAnalysis {
  readonly candidates: readonly Candidate[];
  readonly quotes: readonly QuoteSpan[];
}

/** Reads a draft elsewhere with the corpus's own pipeline (the extension: a worker thread). */
export type DraftAnalyser = (draftId: string, text: string) => Promise<DraftAnalysis>;

export interface DraftReading {
  readonly text: string;
  readonly format: DocumentFormat | undefined;
  readonly quotes: readonly QuoteSpan[];
  /** The prepared draft, when it was read on this thread (its names are found from it, not from the text again). */
  doc?: ReturnType<typeof prepareDocument>;
  /** The names the pipeline found, and the pipeline that found them (read on demand on this thread). */
  candidates?: readonly Candidate[];
  pipeline?: CandidateSource;
}

/** Drafts kept at once (the open ones, in practice). */
const KEPT = 16;

export class DraftReadings {
  private readonly drafts = new Map<string, DraftReading>();

  constructor(
    /** The recognisers that find the names of a draft (the corpus's own, so that drafts and sources read alike). */
    private readonly pipeline?: () => CandidateSource,
    private readonly analyser?: DraftAnalyser,
  ) {}

  /** The draft's reading, if one is kept for this text and format. */
  private kept(draftId: string, text: string, format: DocumentFormat | undefined): DraftReading | undefined {
    const r = this.drafts.get(draftId);
    return r && r.text === text && r.format === format ? r : undefined;
  }

  private keep(draftId: string, reading: DraftReading): DraftReading {
    this.drafts.delete(draftId);
    if (this.drafts.size >= KEPT) this.drafts.delete(this.drafts.keys().next().value!);
    this.drafts.set(draftId, reading);
    return reading;
  }

  /**
   * Read the draft with the analyser, if there is one and the reading is not kept already (the
   * analyser reads the format from the path, as sources are read: a draft whose editor says
   * otherwise is read here when checked).
   */
  async readElsewhere(draftId: string, text: string, format: DocumentFormat | undefined): Promise<void> {
    if (!this.analyser || !this.pipeline || (format !== undefined && format !== formatOf(draftId))) return;
    const pipeline = this.pipeline();
    const k = this.kept(draftId, text, format);
    if (k && k.candidates && k.pipeline === pipeline) return;
    let a: DraftAnalysis;
    try {
      a = await this.analyser(draftId, text);
    } catch {
      return; // (a worker failed: the check reads the draft here)
    }
    // The pipeline may have changed meanwhile (a model loaded): its names are read again then.
    if (this.pipeline() !== pipeline) return;
    this.keep(draftId, { text, format, quotes: a.quotes, candidates: a.candidates, pipeline });
  }

  /** The draft's quotations (read now unless kept). */
  read(draftId: string, text: string, format: DocumentFormat | undefined): DraftReading {
    const k = this.kept(draftId, text, format);
    if (k) return k;
    const doc = prepareDocument(draftId, text, format);
    return this.keep(draftId, { text, format, doc, quotes: extractQuotes(doc) });
  }

  /** The names the pipeline finds in the draft (found now unless kept); none without a pipeline. */
  recognised(draftId: string, reading: DraftReading): readonly Candidate[] {
    if (!this.pipeline) return [];
    const pipeline = this.pipeline();
    if (reading.candidates && reading.pipeline === pipeline) return reading.candidates;
    const candidates = pipeline.run(reading.doc ?? prepareDocument(draftId, reading.text, reading.format), {});
    reading.doc = undefined;
    reading.candidates = candidates;
    reading.pipeline = pipeline;
    return candidates;
  }
}
