/**
 * Quote extraction over a prepared document: direct quotations (found by their marks, see marks.ts)
 * with the frame that attributes them ("…,” X said", "X said: “…”", "…,” said X", "…,” he stated",
 * "according to X"), chains (the second half of a split quote, the next paragraph of a speech), and
 * reported speech ("X said that…", "…, a source said", "according to X, …", ", adding that…").
 * Speakers are spans of text here; resolve.ts ties them to entities.
 */
import type { PreparedDocument, Span } from '../types';
import { isParticiple, NP_FORWARD_STOPS } from './lexicon';
import { findQuotations, type Quotation } from './marks';
import { SpanWindow } from './spanWindow';
import type { QuoteSpan } from './types';
import { isTitle, trimEnd, wordCount, words, type Word } from './words';
import { headlineAttribution, transcriptLines } from './turns';
import { cueAt, npAfter, plausible, PREPOSITIONS, speakerForm, subjectBefore, type Cue } from './phrases';
import { inPollAt, nominalAt } from './nominal';
import { attribution, clauseSubject, nextSpeakerAt, type Unit } from './reported';

/** Sentences of the document, merged where a sentence boundary falls inside a quotation. */
function units(doc: Pick<PreparedDocument, 'sentences'>, quotes: readonly Quotation[]): Unit[] {
  const out: Unit[] = [];
  let qi = 0;
  for (const s of doc.sentences) {
    const last = out[out.length - 1];
    while (qi < quotes.length && quotes[qi]!.end <= s.start) qi++;
    const q = quotes[qi];
    const inside = q !== undefined && q.start < s.start && q.end > s.start && q.paragraph === q.lastParagraph;
    if (last && last.paragraph === s.paragraph && inside) out[out.length - 1] = { start: last.start, end: s.end, paragraph: s.paragraph };
    else out.push({ start: s.start, end: s.end, paragraph: s.paragraph });
  }
  return out;
}

interface Frame {
  cue: Span;
  speaker?: Span;
}

/** "…,” X said" / "…,” said X" / "…,” he stated" / "…,” according to X": the frame after a quotation. */
function frameAfter(text: string, q: Quotation, limit: number): Frame | undefined {
  const ws = words(text, q.end, limit);
  // "“…” ― Pamela Padilla": a dash and a name closing the paragraph.
  if (ws.length >= 2 && /^[―—–]$/.test(ws[0]!.text) && ws[1]!.cap) {
    const np = npAfter(ws, 1, ws.length);
    if (np && (np.last + 1 >= ws.length || ws[np.last + 1]!.punct)) return { cue: { start: ws[0]!.start, end: ws[0]!.end }, speaker: np.span };
  }
  let i = 0;
  while (i < ws.length && ws[i]!.punct && /[,—–-]/.test(ws[i]!.text)) i++;
  const endsClause = /[,!?—–-]\s*$/.test(text.slice(q.inner.start, q.inner.end)) || i > 0;
  // Find the first cue within the next words, with nothing but a subject before it.
  for (let k = i; k < Math.min(ws.length, i + 30); k++) {
    const w = ws[k]!;
    if (w.punct && !/^[,()-]$/.test(w.text)) return undefined;
    if (w.punct) continue;
    const cue = cueAt(ws, k);
    if (!cue || cue.stance || (!cue.speech && cue.lemma !== 'learn')) continue;
    if (cue.lemma === 'according to') {
      if (k !== i) return undefined;
      const np = npAfter(ws, cue.kEnd + 1, ws.length);
      return np ? { cue: { start: w.start, end: ws[cue.kEnd]!.end }, speaker: np.span } : undefined;
    }
    if (!endsClause && !isTail(ws, cue, k === i)) return undefined;
    const cueSpan = { start: w.start, end: ws[cue.kEnd]!.end };
    if (k === i) {
      const np = npAfter(ws, cue.kEnd + 1, ws.length);
      if (np && plausible(text.slice(np.span.start, np.span.end))) return { cue: cueSpan, speaker: np.span };
      return undefined;
    }
    const s = subjectBefore(ws, k, i);
    if (!s || ws[i]!.start !== s.start && !(ws.slice(i, k).some((x) => x.text === ','))) {
      if (!s) return undefined;
    }
    if (s && plausible(text.slice(s.start, s.end))) return { cue: cueSpan, speaker: s };
    return undefined;
  }
  return undefined;
}

/** After a quotation ending in a full stop, a frame must be the whole sentence ("He said."). */
function isTail(ws: readonly Word[], cue: Cue, first: boolean): boolean {
  const after = ws[cue.kEnd + 1];
  return !first && (after === undefined || after.text === '.' || after.text === ',');
}

/** "X said: “…”" / "X said, “…”" / "X stressed that “…”" / "According to X, “…”": the frame before a quotation. */
function frameBefore(text: string, q: Quotation, from: number): Frame | undefined {
  const ws = words(text, from, q.start);
  if (ws.length === 0) return undefined;
  const lastWord = ws[ws.length - 1]!;
  const gap = text.slice(lastWord.end, q.start);
  if (/\S/.test(gap)) return undefined;
  const endsWithLink = lastWord.text === ':' || lastWord.text === ',' || lastWord.lower === 'that' || lastWord.lower === 'as' || lastWord.text === '—';
  for (let k = ws.length - 1; k >= Math.max(0, ws.length - 14); k--) {
    const cue = cueAt(ws, k);
    if (!cue || (cue.stance && lastWord.lower !== 'that' && lastWord.text !== ':' && !/^(call|describe|label|dub|brand|refer)/.test(cue.lemma))) continue;
    const between = ws.slice(cue.kEnd + 1);
    const directly = between.length === 0 || (between.length <= 2 && between.every((w) => w.punct || w.lower === 'that'));
    if (!directly && !endsWithLink) return undefined;
    if (!cue.speech && lastWord.lower !== 'that' && lastWord.text !== ':') return undefined;
    const cueSpan = { start: ws[k]!.start, end: ws[cue.kEnd]!.end };
    if (cue.lemma === 'according to') {
      const np = npAfter(ws, cue.kEnd + 1, ws.length);
      return np ? { cue: cueSpan, speaker: np.span } : undefined;
    }
    const s = subjectBefore(ws, k, 0);
    if (s && plausible(text.slice(s.start, s.end))) return { cue: cueSpan, speaker: s };
    // "…, saying “…”": the subject is that of the clause, found by the caller.
    return isParticiple(ws[k]!.text) ? { cue: cueSpan } : undefined;
  }
  // "President Obama is rolling out a new message: “It’s about me.”"
  if (lastWord.text === ':') {
    const s = clauseSubject(text, from, lastWord.start);
    if (s && ws.length > 3 && speakerForm(text.slice(s.start, s.end)) === 'name' && !PREPOSITIONS.has(ws[0]!.lower)) return { cue: { start: lastWord.start, end: lastWord.end }, speaker: s };
  }
  // A headline or a caption: "Azerbaijan’s US Ambassador on Relations With Israel: ‘…’".
  if (lastWord.text === ':' && ws.length <= 12 && ws[0]!.cap) {
    let e = 0;
    while (e < ws.length - 1 && !(NP_FORWARD_STOPS.has(ws[e]!.lower) && !ws[e]!.cap) && !ws[e]!.punct) e++;
    if (e > 0) return { cue: { start: lastWord.start, end: lastWord.end }, speaker: { start: ws[0]!.start, end: ws[e - 1]!.end } };
  }
  return undefined;
}


function innerContent(text: string, q: Quotation): Span {
  let a = q.inner.start;
  let b = q.inner.end;
  while (a < b && /[\s\u200b']/.test(text[a]!)) a++;
  while (b > a && /[\s,']/.test(text[b - 1]!)) b--;
  return { start: a, end: b };
}

/** Every quotation and piece of reported speech of a document, in document order. */
export function extractQuotes(doc: Pick<PreparedDocument, 'text' | 'paragraphs' | 'sentences'>): QuoteSpan[] {
  const text = doc.text;
  // Two apostrophes stand for a double quote mark in some wire copy (''It's anti-reform'').
  const marked = text.includes("''") ? text.replace(/''/g, '"\u200b') : text;
  const quotations = findQuotations(marked, doc.paragraphs).map((q) => (marked[q.end] === '\u200b' ? { ...q, end: q.end + 1 } : q));
  const us = units(doc, quotations);
  const unitOf = (offset: number) => {
    let lo = 0;
    let hi = us.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (us[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return us[lo];
  };
  const direct: QuoteSpan[] = [];
  const consumed: Span[] = [];
  let prevAttributed: { q: QuoteSpan; root: number; lastParagraph: number; frameEnd: number } | undefined;
  for (let qi = 0; qi < quotations.length; qi++) {
    const q = quotations[qi]!;
    const u = unitOf(q.start);
    const uEnd = q.lastParagraph === q.paragraph ? Math.max(u?.end ?? q.end, q.end) : doc.paragraphs[q.lastParagraph]!.end;
    const next = quotations[qi + 1];
    const limitAfter = Math.min(next && next.start > q.end ? next.start : Infinity, doc.paragraphs[q.lastParagraph]!.end);
    const prev = quotations[qi - 1];
    const fromBefore = Math.max(u?.start ?? 0, prev && prev.end <= q.start ? prev.end : 0, doc.paragraphs[q.paragraph]!.start);
    const words_ = wordCount(text, q.inner);
    // "“…,” he said, “…”": only a comma (or a dash) between the frame and the next half, on one line.
    const splitHalf = prevAttributed !== undefined && prevAttributed.frameEnd > 0 && /^[ \t]*[,;:—–-][ \t]*$/.test(text.slice(prevAttributed.frameEnd, q.start));
    let frame = splitHalf ? undefined : (frameBefore(text, q, fromBefore) ?? frameAfter(text, q, Math.max(limitAfter, q.end)));
    // "Cruz continued:" ending the paragraph before the one the quotation opens.
    if (!frame && !splitHalf && q.paragraph > 0 && /^\s*$/.test(text.slice(doc.paragraphs[q.paragraph]!.start, q.start))) {
      const pp = doc.paragraphs[q.paragraph - 1]!;
      if (/:\s*$/.test(text.slice(Math.max(pp.start, pp.end - 4), pp.end))) frame = frameBefore(text, q, Math.max(pp.start, prev && prev.end <= q.start ? prev.end : 0));
    }
    const content = innerContent(text, q);
    if (frame && !frame.speaker) {
      // A participle ("…, saying “…”"): the speaker of the clause, or the subject opening the sentence.
      const before = direct[direct.length - 1];
      if (before && before.speaker && before.outer.start >= (u?.start ?? 0)) frame = { cue: frame.cue, speaker: before.speaker };
      else {
        const s = clauseSubject(text, u?.start ?? fromBefore, frame.cue.start);
        frame = s ? { cue: frame.cue, speaker: s } : undefined;
      }
    }
    if (frame && words_ < 5 && !opensSentence(text, q, doc.paragraphs[q.paragraph]!.start)) {
      // A short fragment ("called it “the gold standard”") is a quotation only when its cue frames it
      // directly ("said “…”", "“…,” she said"); else it is part of the reported speech around it.
      const gapBefore = frame.cue.end <= q.start ? text.slice(frame.cue.end, q.start) : '';
      const direct_ = frame.cue.end <= q.start ? /^\s*(that\s*)?[,:]?\s*$/.test(gapBefore) : /[,!?]\s*$/.test(text.slice(q.inner.start, q.inner.end));
      if (!direct_) frame = undefined;
    }
    // A title ("told “Fox News Sunday,”", ‘Coal Isn’t the Villain.’) is not a quotation.
    if (frame && isTitle(text.slice(content.start, content.end))) frame = undefined;
    if (frame) {
      const spanForm = frame.speaker ? speakerForm(text.slice(frame.speaker.start, frame.speaker.end)) : undefined;
      // Mixed: the quoted words are part of a longer clause ("said that, “Of course …” against what …",
      // "With thousands of systems, “there is no single point of failure,” he said").
      const unitStart = u?.start ?? q.start;
      const unitEnd = u?.end ?? q.end;
      let mixedContent: Span | undefined;
      if (frame.cue.end <= q.start && q.paragraph === q.lastParagraph) {
        const rest = text.slice(q.end, unitEnd);
        if (wordCount(text, { start: q.end, end: unitEnd }) >= 3 && !/^[\s,]*[—–-]/.test(rest)) mixedContent = { start: q.start, end: trimEnd(text, unitEnd, q.end) };
      } else if (frame.cue.start >= q.end && q.paragraph === q.lastParagraph) {
        const lead = text.slice(unitStart, q.start);
        if (wordCount(text, { start: unitStart, end: q.start }) >= 2 && !/[.!?:][”"’']?\s*$/.test(lead)) mixedContent = { start: unitStart, end: q.end };
      }
      const quote: QuoteSpan = mixedContent
        ? { kind: 'indirect', mixed: true, content: mixedContent, outer: mixedContent, cue: frame.cue, speaker: frame.speaker, speakerForm: spanForm }
        : { kind: 'direct', mixed: false, content, outer: { start: q.start, end: q.end }, cue: frame.cue, speaker: frame.speaker, speakerForm: spanForm };
      direct.push(quote);
      consumed.push(frame.cue);
      const frameEnd = Math.max(frame.cue.end, frame.speaker?.end ?? 0);
      prevAttributed = { q: quote, root: quote.outer.start, lastParagraph: q.lastParagraph, frameEnd: frameEnd > q.end ? frameEnd : -1 };
      continue;
    }
    // A chain: a quotation opening its sentence right after an attributed one, or the second half of a
    // quotation split by its cue ("“…,” he said, “…”").
    if (prevAttributed && (splitHalf || (opensSentence(text, q, doc.paragraphs[q.paragraph]!.start) && words_ >= 2 && q.paragraph - prevAttributed.lastParagraph <= 1))) {
      const p = prevAttributed.q;
      const quote: QuoteSpan = { kind: 'direct', mixed: false, content, outer: { start: q.start, end: q.end }, cue: p.cue, speaker: p.speaker, speakerForm: 'chain', continues: prevAttributed.root };
      direct.push(quote);
      prevAttributed = { q: quote, root: prevAttributed.root, lastParagraph: q.lastParagraph, frameEnd: -1 };
      continue;
    }
    void uEnd;
  }
  direct.push(...transcriptLines(text, doc.paragraphs, quotations));
  // Reported speech is read outside quotations: the attributed ones, and any other of a sentence or more.
  const quotedSpans = [...direct.map((d) => d.outer), ...quotations.filter((q) => wordCount(text, q.inner) >= 8).map((q) => ({ start: q.start, end: q.end }))];
  const indirect = reportedSpeech(text, us, quotedSpans, consumed, quotations, direct);
  const all = [...direct, ...indirect];
  const headline = headlineAttribution(text, doc.paragraphs[0], all);
  if (headline) all.push(headline);
  return all.sort((a, b) => a.content.start - b.content.start);
}

/** Does a quotation open its sentence (after a full stop, a closing quote mark, or at the paragraph start)? */
function opensSentence(text: string, q: Quotation, paragraphStart: number): boolean {
  const before = text.slice(Math.max(paragraphStart, q.start - 40), q.start).replace(/\s+$/, '');
  return before.length === 0 || q.start - 40 < paragraphStart && before.length === 0 || /[.!?…][”"’']*$/.test(before);
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const inside = (s: Span, spans: readonly Span[]) => spans.some((x) => s.start >= x.start && s.end <= x.end);

/** The index of the first word from i on that starts at or after an offset (ws.length if none). */
function wordFrom(ws: readonly Word[], i: number, offset: number): number {
  let j = Math.max(0, i);
  while (j < ws.length && ws[j]!.start < offset) j++;
  return j;
}

/** Reported speech, sentence by sentence, outside the direct quotations already attributed. */
function reportedSpeech(text: string, us: readonly Unit[], quoted: readonly Span[], consumed: readonly Span[], quotations: readonly Quotation[], direct: readonly QuoteSpan[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  // Looked up by position: a long document has as many quotations as sentences.
  const quotedAt = new SpanWindow(quoted, (x) => x.start, (x) => x.end);
  const consumedAt = new SpanWindow(consumed, (x) => x.start, (x) => x.end);
  const directAt = new SpanWindow(direct, (d) => d.cue.start, (d) => d.cue.end);
  const quotationsAt = new SpanWindow(quotations, (q) => q.start, (q) => q.end);
  for (const u of us) {
    const ws = words(text, u.start, u.end);
    // Only the quotations, cues and frames of this sentence matter in it.
    const quotedHere = quotedAt.overlapping(u.start, u.end);
    const consumedHere = consumedAt.overlapping(u.start, u.end);
    const directHere = directAt.startingIn(u.start, u.end).filter((d) => d.speaker && d.cue.start >= u.start && d.cue.end <= u.end);
    let lastSpeaker: Span | undefined;
    let lastEnd = -1;
    for (let k = 0; k < ws.length; k++) {
      if (k <= lastEnd) continue;
      const w = ws[k]!;
      if (inside(w, quotedHere) || consumedHere.some((c) => overlaps(c, w))) continue;
      const cue = cueAt(ws, k);
      if (!cue) {
        // "his insistence that …", "Mr. Lee's promise to …": a noun of saying carries the words.
        const n = nominalAt(text, ws, k, u.end) ?? inPollAt(text, ws, k, u.end);
        if (!n || quotedAt.overlapping(n.content.start, n.content.end).some((qs) => n.content.start >= qs.start && n.content.end <= qs.end + 2)) continue;
        const mixed = quotationsAt.startingIn(n.content.start, n.content.end + 1).some((q) => q.start >= n.content.start && q.end <= n.content.end + 1);
        out.push({ kind: 'indirect', mixed, content: n.content, outer: n.content, cue: n.cue, speaker: n.speaker, speakerForm: n.speaker ? speakerForm(text.slice(n.speaker.start, n.speaker.end)) : undefined });
        // Past the words it carries, as for a verb (a sentence is read once, whatever its length).
        lastEnd = wordFrom(ws, k + 1, n.content.end) - 1;
        continue;
      }
      const cueSpan = { start: w.start, end: ws[cue.kEnd]!.end };
      // A participle after a quotation ("“…,” he said after estimating that …") speaks for the quotation's speaker.
      const framed = directHere.filter((d) => d.cue.end <= w.start).pop();
      const found = attribution(text, ws, cue, u, lastSpeaker ?? framed?.speaker);
      if (!found) continue;
      let { content } = found;
      // "some friends say A - …, others say B": the words end where a second speaker takes over.
      if (content.start > w.start) {
        const from = wordFrom(ws, k, content.start);
        const p = nextSpeakerAt(text, ws, from, wordFrom(ws, from, content.end));
        if (p !== undefined) content = { start: content.start, end: trimEnd(text, ws[p]!.start, content.start) };
      }
      // No subject of its own ("…, who later said that …"): the subject opening the sentence speaks.
      const speaker = found.speaker ?? clauseSubject(text, u.start, w.start);
      if (content.end - content.start < (cue.stance ? 4 : 12) || quotedAt.overlapping(content.start, content.end).some((qs) => content.start >= qs.start && content.end <= qs.end + 2)) continue;
      const mixed = quotationsAt.startingIn(content.start, content.end + 1).some((q) => q.start >= content.start && q.end <= content.end + 1);
      const spanText = speaker ? text.slice(speaker.start, speaker.end) : '';
      out.push({ kind: 'indirect', mixed, content, outer: content, cue: cueSpan, speaker, speakerForm: speaker ? speakerForm(spanText) : undefined });
      if (speaker) lastSpeaker = speaker;
      lastEnd = content.end > cueSpan.end ? wordFrom(ws, k, content.end) - 1 : cue.kEnd;
      if (lastEnd < cue.kEnd) lastEnd = cue.kEnd;
    }
  }
  return out;
}
