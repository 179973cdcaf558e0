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
  // Or a name of two words or more that the article names again ("Roger Stone: Don’t Trust …"), or a
  // source that is no name ("Poll: Trump and Clinton hold narrow leads", "Report: …").
  const named = !speaks && /^\p{Lu}\p{Ll}+(?: \p{Lu}[\p{L}.'’-]*){1,3}$/u.test(label) && !/[’']s\b/.test(label) && !/\b(The|A|An|Over|Of|On|In|At|For|With|And|To|Latest|Update|Breaking|New|News|Live|Watch|Video|Exclusive|Daily|Morning|Evening|Week|Guide|Email|Poll|Report|Editorial|Health|Stealth)\b/.test(label) && new RegExp(`\\b${last.replace(/[^\p{L}]/gu, '')}\\b`, 'iu').test(text.slice(first.end, first.end + 5000));
  const source = /^(poll|survey|report|study|analysis)$/i.test(label);
  if (!speaks && !named && !source) return undefined;
  const speaker = { start: first.start + m[1]!.length, end: first.start + m[1]!.length + label.length };
  let e = first.end;
  while (e > speaker.end && /[\s"”]/.test(text[e - 1]!)) e--;
  const content = { start: first.start + m[0].length, end: e };
  // (A transcript's first turn is read already: "Q: …".)
  if (wordCount(text, content) < 3 || quotes.some((q) => q.content.start === content.start)) return undefined;
  return { kind: 'indirect', mixed: false, content, outer: content, cue: { start: speaker.end, end: speaker.end + 1 }, speaker, speakerForm: 'name' };
}

/** A transcript: paragraphs opening with a speaker's name in capitals and a colon ("WALLACE: Governor, …"), two speakers at least. */
export function transcriptLines(text: string, paragraphs: readonly Span[], quotations: readonly Quotation[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (const p of paragraphs) {
    // (A quoted excerpt opens each of its paragraphs with a quote mark: "WALLACE: …)
    const m = /^(\s*["“]?)((?:[A-Z][A-Z.'’-]*)(?: [A-Z][A-Z.'’-]+){0,3}):[ \t]+(?=\S)/.exec(text.slice(p.start, Math.min(p.end, p.start + 60)));
    // (An interview printed as questions and answers: "Q: …", "A: …".)
    if (!m || (m[2]!.length < 2 && m[2] !== 'Q' && m[2] !== 'A')) continue;
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

