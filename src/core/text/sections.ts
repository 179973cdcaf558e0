/**
 * Sections of a long text: consecutive spans of at most about `size` characters that cover it,
 * cut at a blank line when there is one in the second half of the span, else at a line break,
 * else anywhere (never inside a CRLF pair or a surrogate pair). Per-document work on a very large
 * file goes section by section, so its memory is bounded by the section, not the file.
 */
import type { Span } from '../types';

export function sections(text: string, size: number): Span[] {
  const out: Span[] = [];
  const n = text.length;
  let s = 0;
  while (s < n) {
    if (n - s <= size) {
      out.push({ start: s, end: n });
      break;
    }
    const limit = s + size;
    const half = s + (size >> 1);
    let e = -1;
    const blank = text.lastIndexOf('\n\n', limit - 2);
    if (blank >= half) e = blank + 2;
    else {
      const crlf = text.lastIndexOf('\n\r\n', limit - 3);
      if (crlf >= half) e = crlf + 3;
      else {
        const lf = text.lastIndexOf('\n', limit - 1);
        if (lf >= half) e = lf + 1;
      }
    }
    if (e < 0) {
      // One long line: cut after the last space of the second half, else at the limit.
      e = limit;
      for (let k = limit - 1; k > half; k--) {
        if (text.charCodeAt(k) === 32) {
          e = k + 1;
          break;
        }
      }
      const c = text.charCodeAt(e - 1);
      if (c >= 0xd800 && c <= 0xdbff) e--;
    }
    out.push({ start: s, end: e });
    s = e;
  }
  return out;
}
