/**
 * A draft checked against the sources. Every quotation of the draft is looked up in the sources:
 *   - found word for word (typographic quotes, whitespace and case ignored) → no diagnostic; the
 *     lookup gives the source passage and its speaker (for the hover);
 *   - found with differences → a warning showing both wordings, with the source's words as a fix;
 *   - not found anywhere → a warning.
 * Where the draft names the speaker ("Blair said “…”") and the source attributes the words to
 * someone else → a warning naming the source's speaker. Names in the draft that no source
 * mentions → an information diagnostic.
 */
import type { CandidateSource, Corpus, NameHit } from '../index/api';
import { PRONOUNS } from '../quotes/lexicon';
import type { QuoteIndex } from '../quotes/quoteIndex';
import { SpanWindow } from '../quotes/spanWindow';
import type { Quote } from '../quotes/types';
import type { DocumentFormat } from '../text/document';
import type { Span } from '../types';
import { fold, foldInSlices, quoteKey, quoteWords, type Folded } from './normalize';
import { DraftReadings, type DraftAnalyser, type DraftReading } from './reading';

export type DraftSeverity = 'warning' | 'information';

export interface SourceMatch {
  readonly docId: string;
  /** The source's words (the matched stretch of the source text). */
  readonly span: Span;
  readonly text: string;
  /** The source quote holding the words, when the sources attribute them. */
  readonly quote?: Quote;
}

export interface DraftQuote {
  /** The draft's quoted words (inside the marks). */
  readonly span: Span;
  readonly text: string;
  readonly status: 'exact' | 'differs' | 'not-found';
  readonly match?: SourceMatch;
  /** The speaker the draft names, if any, and the entity it resolves to. */
  readonly speakerText?: string;
  readonly speakerEntityId?: string;
}

export interface DraftDiagnostic extends Span {
  readonly severity: DraftSeverity;
  readonly code: 'quote-differs' | 'quote-not-found' | 'wrong-speaker' | 'unknown-name';
  readonly message: string;
  /** A fix: replace the span with the source's words. */
  readonly fix?: { readonly span: Span; readonly newText: string; readonly title: string };
  readonly match?: SourceMatch;
}

export interface DraftCheck {
  readonly quotes: DraftQuote[];
  readonly diagnostics: DraftDiagnostic[];
}

/** Below this share of words in common, a draft quotation is not the source's words altered but not found. */
export const SIMILARITY_THRESHOLD = 0.6;

/** Texts longer than this are folded a slice at a time by SourceTexts.prepare (and shorter ones this much at a time). */
const SLICED_FROM = 1 << 18;

/** Source texts folded for lookup, cached while their text is unchanged. */
export class SourceTexts {
  private readonly cache = new Map<string, { text: string; folded: Folded }>();
  constructor(private readonly corpus: Corpus) {}

  folded(docId: string): Folded | undefined {
    const text = this.corpus.text(docId);
    if (text === undefined) return undefined;
    const c = this.cache.get(docId);
    if (c && c.text === text) return c.folded;
    const folded = fold(text);
    this.cache.set(docId, { text, folded });
    return folded;
  }

  /**
   * Fold every source not folded yet (or changed since), a slice per turn of `yieldNow`, and forget
   * the sources that are gone: after this, a check reads only folded texts (a 60 MB source took the
   * editor's thread seconds to fold in one go).
   */
  async prepare(skip: (docId: string) => boolean, yieldNow: () => Promise<void>): Promise<void> {
    const ids = new Set<string>();
    // Many small sources are folded a slice's worth at a time too.
    let sinceYield = 0;
    for (const d of this.corpus.documents()) {
      if (skip(d.id)) continue;
      ids.add(d.id);
      const text = this.corpus.text(d.id);
      if (text === undefined || this.cache.get(d.id)?.text === text) continue;
      if (sinceYield + text.length > SLICED_FROM) {
        await yieldNow();
        sinceYield = 0;
      }
      const folded = text.length > SLICED_FROM ? await foldInSlices(text, yieldNow) : fold(text);
      sinceYield += text.length;
      // (The text may have changed meanwhile: the check then folds it again, at once.)
      this.cache.set(d.id, { text, folded });
    }
    for (const id of [...this.cache.keys()]) if (!ids.has(id)) this.cache.delete(id);
  }
}

function clip(s: string, max = 160): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/** Word-level edit distance similarity of a and b (1 = same words). */
function similarity(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const m = b.length;
  if (!n || !m) return 0;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    [prev, cur] = [cur, prev];
  }
  return 1 - prev[m]! / Math.max(n, m);
}

interface WordPos extends Span {
  readonly w: string;
}

function wordSpans(text: string, span: Span): WordPos[] {
  const out: WordPos[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}’'\-.,]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;
  const s = text.slice(span.start, span.end);
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const w = quoteWords(m[0])[0];
    if (w) out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length, w: w.replace(/[.,]+$/, '') });
  }
  return out;
}

export class DraftChecker {
  private readonly texts: SourceTexts;
  /** What the check reads of each draft itself, kept while its text is the same. */
  private readonly readings: DraftReadings;
  constructor(
    private readonly corpus: Corpus,
    private readonly quotes: QuoteIndex,
    /** The recognisers that find the names of a draft (the corpus's own, so that drafts and sources read alike). */
    pipeline?: () => CandidateSource,
    /** Where checkInSlices reads a draft (a worker thread); without it, on this thread. */
    analyser?: DraftAnalyser,
  ) {
    this.texts = new SourceTexts(corpus);
    this.readings = new DraftReadings(pipeline, analyser);
  }

  /** Where the sources hold the draft's words exactly, else the closest source quotation. */
  lookup(words: string, skip: (docId: string) => boolean = () => false): { status: DraftQuote['status']; match?: SourceMatch } {
    const key = quoteKey(words);
    if (key.length === 0) return { status: 'not-found' };
    for (const d of this.corpus.documents()) {
      if (skip(d.id)) continue;
      const f = this.texts.folded(d.id);
      if (!f) continue;
      const at = f.indexOf(key);
      if (at < 0) continue;
      const span = { start: f.offsetAt(at), end: f.offsetAt(at + key.length - 1) + 1 };
      const text = this.corpus.text(d.id)!;
      return { status: 'exact', match: { docId: d.id, span, text: text.slice(span.start, span.end), quote: this.quoteHolding(d.id, span) } };
    }
    // Not word for word: the source quotation (or reported speech) closest to the draft's words.
    const dw = quoteWords(words);
    if (dw.length < 2) return { status: 'not-found' };
    let best: { score: number; match: SourceMatch } | undefined;
    for (const q of this.quotes.all()) {
      if (skip(q.docId)) continue;
      const text = this.corpus.text(q.docId);
      if (!text) continue;
      const ws = wordSpans(text, q.content);
      const sw = ws.map((w) => w.w);
      // Windows of the source quote about as long as the draft's words; a window that opens and
      // closes with the draft's first and last words is preferred (it holds all that was altered).
      const n = dw.length;
      const consider = (i: number, j: number, bonus: number) => {
        const score = similarity(dw, sw.slice(i, j + 1));
        if (score >= SIMILARITY_THRESHOLD && (!best || score + bonus > best.score)) {
          const span = { start: ws[i]!.start, end: ws[j]!.end };
          best = { score: score + bonus, match: { docId: q.docId, span, text: text.slice(span.start, span.end), quote: q } };
        }
      };
      const maxLen = Math.ceil(n * 1.5) + 2;
      for (let i = 0; i < sw.length; i++) {
        for (const len of [n - 1, n, n + 1]) if (len > 0 && i + len <= sw.length) consider(i, i + len - 1, 0);
        if (sw[i] !== dw[0]) continue;
        for (let j = i + 1; j < sw.length && j - i < maxLen; j++) if (sw[j] === dw[n - 1]) consider(i, j, 0.1);
      }
      if (sw.length < n) consider(0, sw.length - 1, 0);
    }
    return best ? { status: 'differs', match: best.match } : { status: 'not-found' };
  }

  private quoteHolding(docId: string, span: Span): Quote | undefined {
    return this.quotes.quotesIn(docId).find((q) => q.content.start <= span.start && span.end <= q.content.end + 1) ?? this.quotes.quotesIn(docId).find((q) => q.outer.start <= span.start && span.end <= q.outer.end);
  }

  private sourceLabel(docId: string): string {
    return this.corpus.documentInfo(docId)?.title ?? docId;
  }

  private speakerName(q: Quote | undefined): string | undefined {
    if (!q) return undefined;
    if (q.entityId) return this.corpus.entity(q.entityId)?.name ?? q.speakerText;
    return q.speakerText;
  }

  /** Documents a draft is never checked against: itself, and the other drafts and notes. */
  private skip: (docId: string) => boolean = () => false;

  private static skipFor(draftId: string): (docId: string) => boolean {
    return (docId) => docId === draftId || /(^|\/)(drafts|notes)\//.test(docId);
  }

  /**
   * check(), with the sources folded first a slice at a time, the draft read by the analyser and
   * its known names looked up a slice at a time (the editor's thread stays free).
   */
  async checkInSlices(draftId: string, text: string, format: DocumentFormat | undefined, yieldNow: () => Promise<void>): Promise<DraftCheck> {
    await Promise.all([this.texts.prepare(DraftChecker.skipFor(draftId), yieldNow), this.readings.readElsewhere(draftId, text, format)]);
    return this.checkWith(draftId, text, format, await this.namesInSlices(text, yieldNow));
  }

  check(draftId: string, text: string, format?: DocumentFormat): DraftCheck {
    return this.checkWith(draftId, text, format, this.corpus.findNames(text));
  }

  /** The known names of a long draft, looked up a slice of lines at a time. */
  private async namesInSlices(text: string, yieldNow: () => Promise<void>): Promise<NameHit[]> {
    await this.corpus.namesSettled?.();
    if (text.length <= NAMES_SLICE) return this.corpus.findNames(text);
    const out: NameHit[] = [];
    for (let a = 0; a < text.length; ) {
      const b = sliceEnd(text, a + NAMES_SLICE);
      for (const h of this.corpus.findNames(text.slice(a, b))) out.push({ ...h, start: h.start + a, end: h.end + a });
      a = b;
      if (a < text.length) await yieldNow();
    }
    return out;
  }

  private checkWith(draftId: string, text: string, format: DocumentFormat | undefined, found: readonly NameHit[]): DraftCheck {
    this.skip = DraftChecker.skipFor(draftId);
    const read = this.readings.read(draftId, text, format);
    const quotes: DraftQuote[] = [];
    const diagnostics: DraftDiagnostic[] = [];
    // Looked up by position (in order of start): a long draft names thousands.
    const names = new SpanWindow([...found].sort((a, b) => a.start - b.start), (h) => h.start, (h) => h.end);
    const entityIn = (s: Span) => names.overlapping(s.start, s.end).map((h) => h.entityId).find((id) => /^(person|organization):/.test(id));
    for (const q of read.quotes) {
      if (q.kind !== 'direct' || !/^[“"‘'«]/.test(text[q.outer.start] ?? '')) continue;
      this.checkQuote(text, q.content, q.speaker, entityIn, quotes, diagnostics);
    }
    // Quotations the extractor did not attribute (no cue): looked up all the same.
    const seen = new Set(quotes.map((q) => q.span.start));
    for (const span of draftQuotations(text)) {
      if (seen.has(span.start)) continue;
      this.checkQuote(text, span, undefined, entityIn, quotes, diagnostics);
    }
    diagnostics.push(...this.unknownNames(draftId, read, names));
    quotes.sort((a, b) => a.span.start - b.span.start);
    diagnostics.sort((a, b) => a.start - b.start);
    return { quotes, diagnostics };
  }

  private checkQuote(
    text: string,
    span: Span,
    speaker: Span | undefined,
    entityIn: (s: Span) => string | undefined,
    quotes: DraftQuote[],
    diagnostics: DraftDiagnostic[],
  ): void {
    const words = text.slice(span.start, span.end);
    if (quoteWords(words).length < 2) return;
    const { status, match } = this.lookup(words, this.skip);
    const speakerText = speaker ? text.slice(speaker.start, speaker.end) : undefined;
    const speakerEntityId = speaker ? entityIn(speaker) : undefined;
    quotes.push({ span, text: words, status, match, speakerText, speakerEntityId });
    if (status === 'not-found') {
      diagnostics.push({ ...span, severity: 'warning', code: 'quote-not-found', message: `Quotation not found in any source: “${clip(words, 100)}”` });
      return;
    }
    const src = match!;
    if (status === 'differs') {
      const who = this.speakerName(src.quote);
      diagnostics.push({
        ...span,
        severity: 'warning',
        code: 'quote-differs',
        message: `Quotation differs from the source: draft “${clip(words)}”, source “${clip(src.text)}” (${who ? `${who}, ` : ''}${this.sourceLabel(src.docId)})`,
        fix: { span: trimPunct(text, span), newText: src.text.replace(/[\s.,;:!?]+$/, ''), title: `Restore the source's words: “${clip(src.text, 60)}”` },
        match: src,
      });
    }
    const sourceEntity = src.quote?.entityId;
    if (speaker && sourceEntity && (speakerEntityId ? speakerEntityId !== sourceEntity : this.namesOther(speakerText!, sourceEntity))) {
      const said = this.corpus.entity(sourceEntity)?.name ?? src.quote?.speakerText ?? 'someone else';
      diagnostics.push({
        start: speaker!.start,
        end: speaker!.end,
        severity: 'warning',
        code: 'wrong-speaker',
        message: `The source attributes these words to ${said}, not ${speakerEntityId ? (this.corpus.entity(speakerEntityId)?.name ?? speakerText) : speakerText} (${this.sourceLabel(src.docId)})`,
        match: src,
      });
    }
  }

  /** Does a name the draft gives a speaker ("Blair") fit none of the names of the source's speaker? */
  private namesOther(speakerText: string, entityId: string): boolean {
    const words = speakerText.replace(/^(the|a|an)\s+/i, '').split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
    if (words.length === 0 || PRONOUNS.has(speakerText.trim().toLowerCase())) return false;
    const e = this.corpus.entity(entityId);
    if (!e) return false;
    const names = [e.name, ...e.aliases].join(' ').toLowerCase();
    return !words.some((w) => names.includes(w.toLowerCase().replace(/[’']s$/, '')));
  }

  /** People and organisations the draft names that no source mentions. */
  private unknownNames(draftId: string, read: DraftReading, known: SpanWindow<NameHit>): DraftDiagnostic[] {
    const out: DraftDiagnostic[] = [];
    const inCorpus = new Map<string, boolean>();
    for (const c of this.readings.recognised(draftId, read)) {
      if (c.type !== 'person' && c.type !== 'organization') continue;
      if (known.overlapping(c.start, c.end).length > 0) continue;
      const lower = c.name.toLowerCase();
      let found = inCorpus.get(lower);
      if (found === undefined) inCorpus.set(lower, (found = this.corpus.search(c.name, 1).some((e) => e.name.toLowerCase() === lower)));
      if (found) continue;
      const kind = c.type === 'person' ? 'person' : 'organisation';
      out.push({ start: c.start, end: c.end, severity: 'information', code: 'unknown-name', message: `No source mentions ${c.name} (${kind})` });
    }
    return out;
  }
}

/** Known names of a draft are looked up this many characters at a time (then to the end of the line): about 10 ms of work, 40 ms for 64 K in a heap of gigabytes. */
const NAMES_SLICE = 1 << 14;

/**
 * Where a slice that should end at `at` ends: after the next line break, else after the next space,
 * within NAMES_SLICE characters (a name never spans either); failing both, NAMES_SLICE further on.
 */
function sliceEnd(text: string, at: number): number {
  const limit = Math.min(text.length, at + NAMES_SLICE);
  for (const code of [10, 32]) {
    for (let i = at; i < limit; i++) if (text.charCodeAt(i) === code) return i + 1;
  }
  return limit;
}

/** Every double-quoted stretch of a draft (inner spans), attributed or not. */
function draftQuotations(text: string): Span[] {
  const out: Span[] = [];
  const re = /[“"]([^“”"\n]{3,}?)[”"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let a = m.index + 1;
    let b = m.index + 1 + m[1]!.length;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /[\s,]/.test(text[b - 1]!)) b--;
    out.push({ start: a, end: b });
  }
  return out;
}

function trimPunct(text: string, s: Span): Span {
  let e = s.end;
  while (e > s.start && /[\s.,;:!?]/.test(text[e - 1]!)) e--;
  return { start: s.start, end: e };
}
