/**
 * Quotes of a corpus: extracted per document (cached while the document's text is unchanged) and
 * tied to entities once per corpus version (cheap: mentions are looked up, never recomputed).
 */
import type { Corpus } from '../index/api';
import { extractQuotes } from './extract';
import { resolveSpeakers } from './resolve';
import type { SpeechSource } from './speech';
import type { QuoteSource, QuoteSpan as SearchQuoteSpan } from '../search/quoteSource';
import type { Quote, QuoteSpan } from './types';

export class QuoteIndex implements QuoteSource {
  private readonly spans = new Map<string, { text: string; spans: readonly QuoteSpan[] }>();
  private resolvedVersion = -1;
  private byDoc = new Map<string, Quote[]>();
  private byEntity = new Map<string, Quote[]>();
  private all_: Quote[] = [];
  /** Each document's quotes as last tied to speakers, and what they were tied from. */
  private readonly tied = new Map<string, { text: string; spans: readonly QuoteSpan[]; stamp: unknown; quotes: Quote[] }>();

  constructor(private readonly corpus: Corpus & SpeechSource) {}

  /** The quote spans of one document (extraction only, no entities): the index's, else extracted here. */
  spansOf(docId: string): readonly QuoteSpan[] {
    const kept = this.corpus.speechOf?.(docId);
    if (kept) return kept.quotes;
    const text = this.corpus.text(docId);
    if (text === undefined) return [];
    const cached = this.spans.get(docId);
    if (cached && cached.text === text) return cached.spans;
    const doc = this.corpus.prepared(docId);
    const spans = doc ? extractQuotes(doc) : [];
    this.spans.set(docId, { text, spans });
    return spans;
  }

  private resolve(): void {
    if (this.resolvedVersion === this.corpus.version) return;
    const byDoc = new Map<string, Quote[]>();
    const byEntity = new Map<string, Quote[]>();
    const all: Quote[] = [];
    const names = new Map<string, string[]>();
    const facts = {
      names: (id: string) => {
        let n = names.get(id);
        if (!n) {
          const e = this.corpus.entity(id);
          n = e ? [e.name, ...e.aliases].map((s) => s.toLowerCase()) : [];
          names.set(id, n);
        }
        return n;
      },
    };
    const live = new Set<string>();
    for (const d of this.corpus.documents()) {
      live.add(d.id);
      const text = this.corpus.text(d.id) ?? '';
      const spans = this.spansOf(d.id);
      // A document whose text, quotes and mentions (with their entities' names) are as before keeps its quotes.
      const prev = this.tied.get(d.id);
      let qs: Quote[];
      if (!spans.length) qs = [];
      else if (prev && prev.text === text && prev.spans === spans && this.corpus.mentionsUnchanged?.(d.id, prev.stamp)) qs = prev.quotes;
      else {
        qs = resolveSpeakers(d.id, text, spans, this.corpus.mentionsIn(d.id), facts);
        this.tied.set(d.id, { text, spans, stamp: this.corpus.mentionStamp?.(d.id), quotes: qs });
      }
      byDoc.set(d.id, qs);
      for (const q of qs) {
        all.push(q);
        if (!q.entityId) continue;
        const list = byEntity.get(q.entityId);
        if (list) list.push(q);
        else byEntity.set(q.entityId, [q]);
      }
    }
    for (const id of [...this.spans.keys()]) if (!live.has(id)) this.spans.delete(id);
    for (const id of [...this.tied.keys()]) if (!live.has(id)) this.tied.delete(id);
    this.byDoc = byDoc;
    this.byEntity = byEntity;
    this.all_ = all;
    this.resolvedVersion = this.corpus.version;
  }

  /** Every quote of the corpus, by document then position. */
  all(): Quote[] {
    this.resolve();
    return this.all_;
  }

  quotesIn(docId: string): Quote[] {
    this.resolve();
    return this.byDoc.get(docId) ?? [];
  }

  /** The quotes attributed to an entity, in document order. */
  quotesOf(entityId: string): Quote[] {
    this.resolve();
    return this.byEntity.get(entityId) ?? [];
  }

  /** The words of the quotes attributed to an entity (what search's `by:` and the dossier read). */
  quotesBy(speakerId: string): readonly SearchQuoteSpan[] {
    return this.quotesOf(speakerId).map((q) => ({ docId: q.docId, start: q.content.start, end: q.content.end, speakerId }));
  }

  /** The quote whose words (or whose marks) hold an offset of a corpus document. */
  quoteAt(docId: string, offset: number): Quote | undefined {
    return this.quotesIn(docId).find((q) => q.outer.start <= offset && offset <= q.outer.end);
  }

  /** Speakers with their quote counts, most quoted first. */
  speakers(): { entityId: string; count: number }[] {
    this.resolve();
    return [...this.byEntity.entries()].map(([entityId, qs]) => ({ entityId, count: qs.length })).sort((a, b) => b.count - a.count);
  }
}
