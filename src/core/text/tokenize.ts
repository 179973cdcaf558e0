import type { Span, Token } from '../types';

/**
 * Tokenizer for real text, with UTF-16 offsets into the source.
 *
 * - Dotted abbreviations stay whole: "U.S.", "U.N.", "e.g.".
 * - Numbers keep their inner separators: "1,000", "3.5".
 * - Words keep inner apostrophes and hyphens: "Shi'a", "O'Brien", "Israel-Azerbaijan", "Trans-Anatolian".
 * - A possessive is its own token: "Netanyahu's" -> "Netanyahu" + "'s" (straight or curly apostrophe).
 * - Every other non-space character is a punctuation token (quotes, dashes, brackets, emoji).
 */
const TOKEN_RE =
  /(\p{L}\.(?:\p{L}\.)+)|(\p{N}+(?:[.,]\p{N}+)*(?![\p{L}\p{N}]))|([\p{L}\p{M}\p{N}]+(?:['’](?![sS](?![\p{L}\p{M}\p{N}]))[\p{L}\p{M}\p{N}]+|-[\p{L}\p{M}\p{N}]+)*)|(['’][sS](?![\p{L}\p{M}\p{N}]))|(\S)/gu;

export function tokenize(text: string, start = 0, end = text.length, out: Token[] = []): Token[] {
  const re = TOKEN_RE;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const s = m.index;
    if (s >= end) break;
    let t = m[0];
    let e = s + t.length;
    if (e > end) {
      t = t.slice(0, end - s);
      e = end;
    }
    const kind: Token['kind'] = m[2] !== undefined ? 'number' : m[5] !== undefined ? 'punct' : 'word';
    out.push({ start: s, end: e, text: t, kind });
  }
  return out;
}

/** Tokens of several spans (e.g. the prose spans of a markdown document), in order. */
export function tokenizeSpans(text: string, spans: readonly Span[]): Token[] {
  const out: Token[] = [];
  for (const s of spans) tokenize(text, s.start, s.end, out);
  return out;
}

/** True when the token starts with an upper-case letter. */
export function isCapitalised(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = t[0]!;
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
