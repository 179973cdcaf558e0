/** Text helpers: decoding, line index, name keys. */
import { decodeBytes } from './decode';

export { decodeBytes, describeEncoding, type DecodedText } from './decode';

/** Decode file bytes as text (see decodeBytes: BOM, UTF-8, UTF-16, detected legacy encodings); line endings untouched. */
export function decodeText(bytes: Uint8Array): string {
  return decodeBytes(bytes).text;
}

/**
 * Does a file look binary rather than text (a PDF or a Word file saved as .txt)? NUL bytes that no
 * text encoding explains, or mostly control characters. Such files are skipped, not indexed.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  return decodeBytes(bytes).binary !== undefined;
}

export interface Position {
  readonly line: number;
  readonly character: number;
}

/** Maps UTF-16 offsets to 0-based line/character and back, for \n, \r\n and \r line endings. */
export class LineIndex {
  private readonly starts: number[];
  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[pos.line]!;
    const lineEnd = this.lineEnd(pos.line);
    return Math.min(lineStart + Math.max(0, pos.character), lineEnd);
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    let e = next;
    if (e > this.starts[line]! && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > this.starts[line]! && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }
}

const COMBINING = /[\u0300-\u036f]/g;
const ASCII_WORD = /^[!-~]+$/;

/** Fold a name to a comparison key: diacritics removed, case folded, curly quotes straightened, whitespace collapsed. */
export function foldKey(name: string): string {
  // Fast path: one printable ASCII word (most tokens) only needs lower-casing.
  if (ASCII_WORD.test(name)) return name.toLowerCase();
  return name
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
