/**
 * Text folded for quote lookup: typographic quotes and dashes made plain, whitespace collapsed,
 * case folded; with a map from each folded character back to its offset in the original text.
 *
 * A source of 60 MB is folded too (a draft's quotation is looked up in every source), so folding is
 * one pass over character codes into a growing buffer, and the map is kept as runs (a folded
 * character's offset is its index plus the delta of its run; a new run begins only where the text
 * loses or gains characters: a run of several spaces, an ellipsis), a few entries per paragraph
 * instead of four bytes per character. `Folder` does the same pass a slice at a time.
 *
 * The folded text is kept in chunks of at most CHUNK characters, never as one string: in the
 * editor's heap of a few gigabytes, allocating one string of 60 MB took from a fifth of a second
 * to over a second (a string that size is a large object, and making room for it set off the
 * collector), while chunks of this size are ordinary allocations.
 */
export interface Folded {
  /** Length of the folded text. */
  readonly length: number;
  /** Where `key` (folded) first occurs in the folded text, or -1. */
  indexOf(key: string): number;
  /** Original offset of folded character i (i = length: the end of the folded stretch). */
  offsetAt(i: number): number;
  /** The folded text as one string (for short texts; a long one is best left in its chunks). */
  toString(): string;
}

/** Characters per chunk of a folded text (a one-byte string of this length stays an ordinary heap object). */
export const CHUNK = 1 << 15;

/** Typographic marks made plain; every other character is lower-cased. */
const PLAIN: ReadonlyMap<number, string> = new Map(
  Object.entries({ '’': "'", '‘': "'", '“': '"', '”': '"', '„': '"', '«': '"', '»': '"', '—': '-', '–': '-', '―': '-', '…': '...', '\u00a0': ' ' }).map(([k, v]) => [k.charCodeAt(0), v]),
);

/** JavaScript's \s, by character code. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

class FoldedText implements Folded {
  /** Folded offset of each chunk's first character. */
  private readonly starts: number[] = [];
  readonly length: number;

  constructor(
    private readonly chunks: readonly string[],
    private readonly runStart: Int32Array,
    private readonly runDelta: Int32Array,
  ) {
    let n = 0;
    for (const c of chunks) {
      this.starts.push(n);
      n += c.length;
    }
    this.length = n;
  }

  toString(): string {
    return this.chunks.join('');
  }

  indexOf(key: string): number {
    const k = key.length;
    const cs = this.chunks;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      // Within the chunk first: a match there begins before any that runs on into the next.
      const at = c.indexOf(key);
      if (at >= 0) return this.starts[i]! + at;
      if (k < 2 || i + 1 === cs.length) continue;
      // A match that begins in this chunk's last k-1 characters and ends in the chunks after it.
      const tail = c.slice(Math.max(0, c.length - (k - 1)));
      let head = '';
      for (let j = i + 1; j < cs.length && head.length < k - 1; j++) head += cs[j]!.slice(0, k - 1 - head.length);
      const across = (tail + head).indexOf(key);
      if (across >= 0) return this.starts[i]! + c.length - tail.length + across;
    }
    return -1;
  }

  offsetAt(i: number): number {
    const starts = this.runStart;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return i + this.runDelta[lo]!;
  }
}

/** Folds a text a stretch at a time (feed the stretches in order, then finish). */
export class Folder {
  /** Folded text of the stretches fed so far, in chunks (see CHUNK), the last one maybe short. */
  private readonly chunks: string[] = [];
  private base = 0;
  private buf: Uint16Array = new Uint16Array(1024);
  private space = true;
  private readonly runStart: number[] = [];
  private readonly runDelta: number[] = [];
  /** The run's delta, plus base (compared with offset minus buffer length in the loop). */
  private shift = NaN;
  /** Lower-case forms of non-ASCII characters seen so far. */
  private static readonly lowerCache = new Map<number, string>();

  feed(text: string, from: number, to: number): void {
    if (this.buf.length < to - from + 8) this.grow(0, to - from + 8);
    let buf = this.buf;
    let len = 0;
    let space = this.space;
    let shift = this.shift;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && c > 32) {
        if (i - len !== shift) this.newRun(len, (shift = i - len));
        buf[len++] = c >= 65 && c <= 90 ? c + 32 : c;
        space = false;
        continue;
      }
      if (isSpace(c)) {
        if (!space) {
          if (i - len !== shift) this.newRun(len, (shift = i - len));
          buf[len++] = 32;
        }
        space = true;
        continue;
      }
      space = false;
      if (c < 128) {
        if (i - len !== shift) this.newRun(len, (shift = i - len));
        buf[len++] = c;
        continue;
      }
      let p = PLAIN.get(c);
      if (p === undefined) {
        p = Folder.lowerCache.get(c);
        if (p === undefined) Folder.lowerCache.set(c, (p = String.fromCharCode(c).toLowerCase()));
      }
      if (len + p.length + (to - i) > buf.length) buf = this.grow(len, len + p.length + (to - i) + 8);
      for (let q = 0; q < p.length; q++) {
        if (i - len !== shift) this.newRun(len, (shift = i - len));
        buf[len++] = p.charCodeAt(q);
      }
    }
    this.space = space;
    for (let i = 0; i < len; ) {
      // The last chunk is filled up first; a piece is at most 8 K characters (fromCharCode's arguments).
      const last = this.chunks.length - 1;
      const room = last >= 0 && this.chunks[last]!.length < CHUNK ? CHUNK - this.chunks[last]!.length : CHUNK;
      const n = Math.min(len - i, room, 8192);
      const piece = String.fromCharCode.apply(null, buf.subarray(i, i + n) as unknown as number[]);
      if (room < CHUNK) this.chunks[last] += piece;
      else this.chunks.push(piece);
      // A full chunk is made flat now (appended pieces are a rope until read), within this slice's work.
      if (n === room) flat(this.chunks[this.chunks.length - 1]!);
      i += n;
    }
    this.base += len;
    // Offsets in the next stretch are compared with its own buffer, which starts empty.
    this.shift = shift + len;
  }

  /** The folded text of everything fed, the stretch ending at `end` in the original text. */
  finish(end: number): Folded {
    let len = this.base;
    const chunks = this.chunks;
    // A trailing space is left off, and the runs that began there with it.
    const last = chunks[chunks.length - 1];
    if (last !== undefined && last.charCodeAt(last.length - 1) === 32) {
      len--;
      if (last.length === 1) chunks.pop();
      else chunks[chunks.length - 1] = last.slice(0, -1);
    }
    while (this.runStart.length > 0 && this.runStart[this.runStart.length - 1]! >= len) {
      this.runStart.pop();
      this.runDelta.pop();
    }
    // The end of the folded text maps to the end of the stretch.
    if (this.runDelta.length === 0 || this.runDelta[this.runDelta.length - 1] !== end - len) {
      this.runStart.push(len);
      this.runDelta.push(end - len);
    }
    if (chunks.length) flat(chunks[chunks.length - 1]!);
    return new FoldedText(chunks, Int32Array.from(this.runStart), Int32Array.from(this.runDelta));
  }

  /** A run begins at buffer index `at` of this stretch; `shift` is its offset minus that index. */
  private newRun(at: number, shift: number): void {
    this.runStart.push(this.base + at);
    this.runDelta.push(shift - this.base);
  }

  private grow(keep: number, min: number): Uint16Array {
    let n = Math.max(1024, this.buf.length);
    while (n < min) n = Math.ceil(n * 1.5);
    const b = new Uint16Array(n);
    b.set(this.buf.subarray(0, keep));
    this.buf = b;
    return b;
  }
}

/** Make a string flat (appended pieces are a rope until it is first read character by character). */
function flat(s: string): void {
  s.charCodeAt(0);
}

export function fold(text: string, start = 0, end = text.length): Folded {
  const f = new Folder();
  f.feed(text, start, end);
  return f.finish(end);
}

/** Characters folded per slice by foldInSlices (a few milliseconds of work; about 10 ms in a heap of gigabytes). */
const SLICE = 1 << 17;

/** fold() of a whole text, a slice per turn of `yieldNow` (a long source must not hold the editor). */
export async function foldInSlices(text: string, yieldNow: () => Promise<void>): Promise<Folded> {
  const f = new Folder();
  for (let i = 0; i < text.length; i += SLICE) {
    f.feed(text, i, Math.min(text.length, i + SLICE));
    if (i + SLICE < text.length) await yieldNow();
  }
  return f.finish(text.length);
}

/** The words of a quotation for comparison: folded, quote marks and punctuation at the edges left out. */
export function quoteWords(text: string): string[] {
  return fold(text)
    .toString()
    .split(' ')
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0);
}

/** Folded text with quote marks removed and punctuation at the edges trimmed: what must match exactly. */
export function quoteKey(text: string): string {
  return fold(text)
    .toString()
    .replace(/["']/g, (m, i: number, s: string) => (m === "'" && /\p{L}/u.test(s[i - 1] ?? '') && /\p{L}/u.test(s[i + 1] ?? '') ? m : ''))
    .replace(/^[\s.,;:!?-]+|[\s.,;:!?-]+$/g, '')
    .replace(/\s+/g, ' ');
}
