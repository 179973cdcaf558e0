/**
 * The spans of a list that fall near a stretch of text, found by binary search when the list is in
 * document order (else by a scan): what a sentence-by-sentence pass over a long document asks of
 * the quotations, cues and frames of the whole document, without going through all of them for
 * each sentence. Results come in the list's own order, as a filter would give them.
 */
export class SpanWindow<T> {
  private readonly starts: number[];
  private readonly sorted: boolean;
  private readonly maxLength: number;

  constructor(
    private readonly items: readonly T[],
    private readonly startOf: (x: T) => number,
    private readonly endOf: (x: T) => number,
  ) {
    this.starts = items.map(startOf);
    let sorted = true;
    let maxLength = 0;
    for (let i = 0; i < items.length; i++) {
      if (i > 0 && this.starts[i]! < this.starts[i - 1]!) sorted = false;
      maxLength = Math.max(maxLength, endOf(items[i]!) - this.starts[i]!);
    }
    this.sorted = sorted;
    this.maxLength = maxLength;
  }

  /** The items overlapping [from, to): start < to and end > from. */
  overlapping(from: number, to: number): T[] {
    if (!this.sorted) return this.items.filter((x) => this.startOf(x) < to && this.endOf(x) > from);
    const out: T[] = [];
    for (let i = this.firstAtOrAfter(from - this.maxLength); i < this.items.length && this.starts[i]! < to; i++) {
      if (this.endOf(this.items[i]!) > from) out.push(this.items[i]!);
    }
    return out;
  }

  /** The items starting in [from, to]. */
  startingIn(from: number, to: number): T[] {
    if (!this.sorted) return this.items.filter((x) => this.startOf(x) >= from && this.startOf(x) <= to);
    const out: T[] = [];
    for (let i = this.firstAtOrAfter(from); i < this.items.length && this.starts[i]! <= to; i++) out.push(this.items[i]!);
    return out;
  }

  private firstAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
