/**
 * Text folded for quote lookup: typographic quotes and dashes made plain, whitespace collapsed,
 * case folded; with a map from each folded character back to its offset in the original text.
 */
export interface Folded {
  readonly text: string;
  /** Original offset of folded character i (length text.length + 1: the last entry is the end). */
  readonly map: Int32Array;
}

const PLAIN: Record<string, string> = { '’': "'", '‘': "'", '“': '"', '”': '"', '„': '"', '«': '"', '»': '"', '—': '-', '–': '-', '―': '-', '…': '...', '\u00a0': ' ' };

export function fold(text: string, start = 0, end = text.length): Folded {
  let out = '';
  const map: number[] = [];
  let space = true;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (!space) {
        out += ' ';
        map.push(i);
      }
      space = true;
      continue;
    }
    space = false;
    const p = PLAIN[c] ?? c.toLowerCase();
    for (const ch of p) {
      out += ch;
      map.push(i);
    }
  }
  if (out.endsWith(' ')) {
    out = out.slice(0, -1);
    map.pop();
  }
  map.push(end);
  return { text: out, map: Int32Array.from(map) };
}

/** The words of a quotation for comparison: folded, quote marks and punctuation at the edges left out. */
export function quoteWords(text: string): string[] {
  return fold(text)
    .text.split(' ')
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0);
}

/** Folded text with quote marks removed and punctuation at the edges trimmed: what must match exactly. */
export function quoteKey(text: string): string {
  return fold(text)
    .text.replace(/["']/g, (m, i: number, s: string) => (m === "'" && /\p{L}/u.test(s[i - 1] ?? '') && /\p{L}/u.test(s[i + 1] ?? '') ? m : ''))
    .replace(/^[\s.,;:!?-]+|[\s.,;:!?-]+$/g, '')
    .replace(/\s+/g, ' ');
}
