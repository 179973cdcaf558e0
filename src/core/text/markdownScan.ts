/**
 * The character-level pieces of the markdown scanner (markdown.ts, markdownInline.ts): the lines of
 * a text (without their line breaks; CRLF, CR and LF all end a line), blanks, sticky regexes.
 */

export interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
}

/** The lines of a text. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const n = text.length;
  let ls = 0;
  for (;;) {
    let le = ls;
    while (le < n) {
      const c = text.charCodeAt(le);
      if (c === 10 || c === 13) break;
      le++;
    }
    lines.push({ start: ls, end: le });
    if (le >= n) break;
    ls = le + (text.charCodeAt(le) === 13 && text.charCodeAt(le + 1) === 10 ? 2 : 1);
  }
  return lines;
}

/** A space or a tab. */
export const isWs = (c: number): boolean => c === 32 || c === 9;

/** A sticky regex's match at `i`. */
export function stickyAt(re: RegExp, text: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(text);
}
