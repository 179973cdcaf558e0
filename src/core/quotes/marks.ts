/**
 * Quotation marks: where the top-level quotations of a text are. Handles curly and straight double
 * quotes, single quotes (told apart from apostrophes), nesting (‘…’ inside “…”), and a quotation that
 * runs over several paragraphs, each opening with a quote mark (the convention of news writing: the
 * closing mark is left off every paragraph but the last).
 */
import type { Span } from '../types';
import { firstAtOrAfter } from '../text/firstStartingAt';

export interface Quotation extends Span {
  /** The words inside the marks (the marks excluded). */
  readonly inner: Span;
  /** The opening mark: '“', '"', '‘', "'", '«'. */
  readonly mark: string;
  /** Index of the paragraph the quotation opens in, and of the one it closes in. */
  readonly paragraph: number;
  readonly lastParagraph: number;
}

const MARKS = /[“”"«»„‘’']/g;
const DOUBLE_OPEN = new Set(['“', '"', '«', '„']);
const CLOSE_OF: Record<string, string> = { '“': '”', '"': '"', '«': '»', '„': '“', '‘': '’', "'": "'" };

const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

/** Can the character at i open a quotation? */
function opens(text: string, i: number, start: number): boolean {
  const c = text[i]!;
  const prev = i > start ? text[i - 1] : undefined;
  const next = text[i + 1];
  if (c === '“' || c === '«' || c === '„') return true;
  if (c === '"') return !isLetter(prev) && !isSpace(next);
  if (c === '‘' || c === "'") return (prev === undefined || /[\s([{—–“"/-]/.test(prev)) && !isSpace(next);
  return false;
}

/** Does the character at i close a quotation opened with `mark`? Apostrophes (it’s, Clintons’ aide) do not. */
function closes(text: string, i: number, mark: string, end: number): boolean {
  const c = text[i]!;
  if (c !== CLOSE_OF[mark] && !(mark === '“' && c === '"') && !(mark === '"' && c === '”')) return false;
  if (mark === '‘' || mark === "'") {
    const next = i + 1 < end ? text[i + 1] : undefined;
    const prev = text[i - 1];
    if (isLetter(next)) return false;
    // "the Clintons’ aides": a plural possessive, when a word follows after one space and the quote is still short.
    if (prev === 's' && next === ' ' && /^\s\p{Ll}/u.test(text.slice(i + 1, i + 3))) return false;
  }
  return true;
}

function firstNonSpace(text: string, p: Span): number {
  let i = p.start;
  while (i < p.end && /\s/.test(text[i]!)) i++;
  return i;
}

/**
 * The top-level quotations of a text, in order. A quotation left open at the end of a paragraph goes
 * on into the next paragraph when that paragraph opens with a quote mark, else ends with its paragraph.
 */
export function findQuotations(text: string, paragraphs: readonly Span[]): Quotation[] {
  const out: Quotation[] = [];
  const marks: number[] = [];
  MARKS.lastIndex = 0;
  for (let m = MARKS.exec(text); m; m = MARKS.exec(text)) marks.push(m.index);
  let open: { at: number; mark: string; paragraph: number } | undefined;
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const p = paragraphs[pi]!;
    let i = p.start;
    if (open) {
      // Continuation: the paragraph must open with the same kind of mark.
      const f = firstNonSpace(text, p);
      if (f < p.end && (text[f] === open.mark || (DOUBLE_OPEN.has(open.mark) && DOUBLE_OPEN.has(text[f]!)))) i = f + 1;
      else {
        const prev = paragraphs[pi - 1]!;
        let e = prev.end;
        while (e > open.at && /\s/.test(text[e - 1]!)) e--;
        out.push({ start: open.at, end: e, inner: { start: open.at + 1, end: e }, mark: open.mark, paragraph: open.paragraph, lastParagraph: pi - 1 });
        open = undefined;
      }
    }
    const nested: string[] = [];
    // Only quote marks matter: jump from one to the next (found once for the whole text: a paragraph
    // without any must not search the rest of the document for the next one).
    for (let k = firstAtOrAfter(marks, i); k < marks.length && marks[k]! < p.end; k++) {
      i = marks[k]!;
      const c = text[i]!;
      if (!open) {
        if ((DOUBLE_OPEN.has(c) || c === '‘' || c === "'") && opens(text, i, p.start)) open = { at: i, mark: c, paragraph: pi };
        continue;
      }
      const top = nested[nested.length - 1];
      if (top !== undefined && closes(text, i, top, p.end)) {
        nested.pop();
        continue;
      }
      if (closes(text, i, open.mark, p.end)) {
        out.push({ start: open.at, end: i + 1, inner: { start: open.at + 1, end: i }, mark: open.mark, paragraph: open.paragraph, lastParagraph: pi });
        open = undefined;
        nested.length = 0;
        continue;
      }
      // A nested quotation of the other kind (‘…’ inside “…”, “…” inside ‘…’).
      const single = open.mark === '‘' || open.mark === "'";
      if (((single && DOUBLE_OPEN.has(c)) || (!single && (c === '‘' || c === "'"))) && opens(text, i, p.start)) nested.push(c);
    }
    if (open && pi === paragraphs.length - 1) {
      let e = p.end;
      while (e > open.at && /\s/.test(text[e - 1]!)) e--;
      out.push({ start: open.at, end: e, inner: { start: open.at + 1, end: e }, mark: open.mark, paragraph: open.paragraph, lastParagraph: pi });
      open = undefined;
    }
  }
  return out.filter((q) => q.inner.end > q.inner.start);
}

/** Trim whitespace and closing punctuation from a span. */
export function trimSpan(text: string, s: Span, punct = /[\s]/): Span {
  let a = s.start;
  let b = s.end;
  while (a < b && punct.test(text[a]!)) a++;
  while (b > a && punct.test(text[b - 1]!)) b--;
  return { start: a, end: b };
}
