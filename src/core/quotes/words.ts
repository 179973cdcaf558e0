/** Words of a stretch of text with their offsets, for reading attribution frames. */
import type { Span } from '../types';
import { ABBREVIATIONS } from './lexicon';

export interface Word extends Span {
  readonly text: string;
  /** Lower-cased text. */
  readonly lower: string;
  readonly punct: boolean;
  readonly cap: boolean;
}

const WORD = /([\p{L}\p{N}](?:[\p{L}\p{N}’'&\-.]*[\p{L}\p{N}])?\.?)|[^\s\p{L}\p{N}]/gu;

/** Split text[start, end) into words and punctuation marks. A final full stop stays on abbreviations only. */
export function words(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  const slice = text.slice(start, end);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) {
    let t = m[0];
    let s = start + m.index;
    if (m[1] === undefined) {
      out.push({ start: s, end: s + 1, text: t, lower: t, punct: true, cap: false });
      continue;
    }
    if (t.length > 1 && t.endsWith('.')) {
      const base = t.slice(0, -1).toLowerCase();
      // "(D-Wis.)", "R-Ky., said": a full stop before a comma or a parenthesis ends an abbreviation.
      const after = text[s + t.length];
      if (after !== ',' && after !== ')' && !ABBREVIATIONS.has(base) && !/^\p{L}$/u.test(base) && !/\.\p{L}$/u.test(base)) {
        t = t.slice(0, -1);
        push(out, t, s);
        push(out, '.', s + t.length);
        continue;
      }
    }
    push(out, t, s);
    s += t.length;
  }
  return out;
}

function push(out: Word[], t: string, s: number): void {
  if (t === '.') {
    out.push({ start: s, end: s + 1, text: t, lower: t, punct: true, cap: false });
    return;
  }
  const lower = t.toLowerCase();
  const c = t[0]!;
  out.push({ start: s, end: s + t.length, text: t, lower, punct: false, cap: c !== lower[0] });
}

/** Is the word a possessive ending ("Clinton’s")? */
export const possessive = (w: Word) => /[’']s$/.test(w.lower);

/** The number of words (runs of letters and digits) in text[s.start, s.end). */
export const wordCount = (text: string, s: Span) => (text.slice(s.start, s.end).match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** Title Case words (a show, a book, a headline): “Face the Nation”, ‘Coal Isn’t the Villain.’ */
export function isTitle(words: string): boolean {
  const ws = words.replace(/[.,!?]+$/, '').split(/\s+/).filter(Boolean);
  if (ws.length < 2 || ws.length > 8) return false;
  const small = /^(a|an|the|of|in|on|at|to|for|and|or|but|is|by|with|from|as)$/;
  return ws.every((w) => /^[\p{Lu}\d]/u.test(w) || small.test(w)) && ws.some((w, i) => i > 0 && /^\p{Lu}/u.test(w));
}

/** The end of a span with trailing white space and punctuation left off (not before min). */
export function trimEnd(text: string, end: number, min: number): number {
  let e = end;
  while (e > min && /[\s.,;:!?]/.test(text[e - 1]!)) e--;
  return e;
}
