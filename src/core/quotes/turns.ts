/**
 * Attributions given by layout rather than by a verb: the turns of a transcript ("WALLACE: …") and a
 * headline naming its speaker before a colon ("Pence: Flowers Won’t Be at Debate").
 */
import type { Span } from '../types';
import type { Quotation } from './marks';
import type { QuoteSpan } from './types';
import { wordCount } from './words';

/**
 * A headline that gives its speaker before a colon ("Pence: Gennifer Flowers Won’t Be at Debate").
 * "Brexit: what happens next" has a topic there, not a speaker, so the name must speak elsewhere in
 * the document too (be the speaker of one of its quotes, or that speaker's surname).
 */
export function headlineAttribution(text: string, first: Span | undefined, quotes: readonly QuoteSpan[]): QuoteSpan | undefined {
  if (!first || first.end - first.start > 300) return undefined;
  const m = /^(\s*["“]?)(\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3}):[ \t]+(?=\S)/u.exec(text.slice(first.start, first.end));
  if (!m) return undefined;
  const label = m[2]!;
  const last = label.split(' ').pop()!.toLowerCase();
  const speaks = quotes.some((q) => {
    if (!q.speaker) return false;
    const ws = text.slice(q.speaker.start, q.speaker.end).toLowerCase().split(/\s+/);
    return ws[ws.length - 1] === last;
  });
  if (!speaks) return undefined;
  const speaker = { start: first.start + m[1]!.length, end: first.start + m[1]!.length + label.length };
  let e = first.end;
  while (e > speaker.end && /[\s"”]/.test(text[e - 1]!)) e--;
  const content = { start: first.start + m[0].length, end: e };
  if (wordCount(text, content) < 3) return undefined;
  return { kind: 'indirect', mixed: false, content, outer: content, cue: { start: speaker.end, end: speaker.end + 1 }, speaker, speakerForm: 'name' };
}

/** A transcript: paragraphs opening with a speaker's name in capitals and a colon ("WALLACE: Governor, …"), two speakers at least. */
export function transcriptLines(text: string, paragraphs: readonly Span[], quotations: readonly Quotation[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (const p of paragraphs) {
    // (A quoted excerpt opens each of its paragraphs with a quote mark: "WALLACE: …)
    const m = /^(\s*["“]?)((?:[A-Z][A-Z.'’-]+)(?: [A-Z][A-Z.'’-]+){0,3}):[ \t]+(?=\S)/.exec(text.slice(p.start, Math.min(p.end, p.start + 60)));
    if (!m || m[2]!.length < 2) continue;
    // A turn inside a longer quotation is that quotation's, unless the mark opening the turn is the excerpt's.
    const excerpt = /["“]/.test(m[1]!);
    if (!excerpt && quotations.some((q) => q.start < p.end && q.end > p.start && q.inner.end - q.inner.start > (p.end - p.start) / 2)) continue;
    const speaker = { start: p.start + m[1]!.length, end: p.start + m[1]!.length + m[2]!.length };
    const cue = { start: speaker.end, end: speaker.end + 1 };
    let e = p.end;
    while (e > cue.end && /\s/.test(text[e - 1]!)) e--;
    const content = { start: p.start + m[0].length, end: e };
    if (content.end - content.start < 8) continue;
    out.push({ kind: 'direct', mixed: false, content, outer: content, cue, speaker, speakerForm: 'name' });
  }
  // A conversation: two speakers at least. One label line alone is a heading ("EXCLUSIVE: …", "VIDEO: …", "BYLINE: …").
  return new Set(out.map((q) => text.slice(q.speaker!.start, q.speaker!.end))).size >= 2 ? out : [];
}

