/**
 * Matching query words and phrases in a passage's text, for checking phrases and highlighting.
 * Folding keeps the length of the text (one code unit for one), so offsets into the folded text are
 * offsets into the original.
 */
import type { Span } from '../types';
import { words } from './query';

const foldCache = new Map<string, string>();

function foldChar(c: string): string {
  let f = foldCache.get(c);
  if (f === undefined) {
    const lower = c.toLowerCase();
    const base = lower.normalize('NFD')[0] ?? lower;
    f = base.length === 1 ? base : c;
    if (c === '’' || c === '‘' || c === 'ʼ') f = "'";
    foldCache.set(c, f);
  }
  return f;
}

/** Lower case, accents removed, curly apostrophes straightened; same length as the input. */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    out += code < 128 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c) : foldChar(c);
  }
  return out;
}

/** A term as the index stores it: folded like foldText. */
export function foldTerm(term: string): string {
  return foldText(term);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

/** What a query looks for in the text of a passage. */
export interface TextPattern {
  readonly kind: 'word' | 'prefix' | 'phrase';
  readonly re: RegExp;
}

export function patternOf(kind: TextPattern['kind'], value: string): TextPattern {
  const ws = words(foldText(value)).map(escape);
  const body = kind === 'phrase' ? ws.join('[^\\p{L}\\p{N}]+') : (ws[0] ?? '');
  const src = kind === 'prefix' ? `${B}${body}[\\p{L}\\p{N}]*` : `${B}${body}${E}`;
  return { kind, re: new RegExp(src, 'giu') };
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The text patterns are tested on: the text itself when it is ASCII (the patterns ignore case), else
 * its folded form (same length, so offsets hold).
 */
export function searchable(text: string): string {
  return NON_ASCII.test(text) ? foldText(text) : text;
}

/** The spans of a text (as made by searchable) that a pattern matches. */
export function matchSpans(folded: string, p: TextPattern): Span[] {
  const out: Span[] = [];
  p.re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = p.re.exec(folded))) {
    if (m[0].length === 0) {
      p.re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function matches(folded: string, p: TextPattern): boolean {
  p.re.lastIndex = 0;
  return p.re.test(folded);
}

/** Sorted, merged spans. */
export function mergeSpans(spans: Span[]): Span[] {
  const s = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, x.end) };
    else out.push({ start: x.start, end: x.end });
  }
  return out;
}
