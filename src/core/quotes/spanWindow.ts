/**
 * The spans of a list that fall near a stretch of text, found by binary search: what a
 * sentence-by-sentence pass over a long document asks of the quotations, cues and frames of the
 * whole document, without going through all of them for each sentence. Results come in the list's
 * own order, as a filter would give them.
 *
 * The list need not be in document order, and one long span (a quotation of many paragraphs) does
 * not widen every search: spans are kept by length, in classes of powers of two, each sorted by
 * start, so a search looks back in each class only as far as that class's longest span reaches.
 */
import { firstAtOrAfter } from '../text/firstStartingAt';

interface LengthClass {
  /** Starts, ascending, and the index in the list of the span at each. */
  readonly starts: number[];
  readonly index: number[];
  readonly maxLength: number;
}

export class SpanWindow<T> {
  private readonly classes: LengthClass[] = [];

  constructor(
    private readonly items: readonly T[],
    private readonly startOf: (x: T) => number,
    private readonly endOf: (x: T) => number,
  ) {
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < items.length; i++) {
      const length = Math.max(1, endOf(items[i]!) - startOf(items[i]!));
      const c = 31 - Math.clz32(length);
      let list = byClass.get(c);
      if (!list) byClass.set(c, (list = []));
      list.push(i);
    }
    for (const list of byClass.values()) {
      const index = list.sort((a, b) => startOf(items[a]!) - startOf(items[b]!) || a - b);
      let maxLength = 0;
      for (const i of index) maxLength = Math.max(maxLength, endOf(items[i]!) - startOf(items[i]!));
      this.classes.push({ starts: index.map((i) => startOf(items[i]!)), index, maxLength });
    }
  }

  /** The items overlapping [from, to): start < to and end > from. */
  overlapping(from: number, to: number): T[] {
    const hits: number[] = [];
    for (const c of this.classes) {
      for (let i = firstAtOrAfter(c.starts, from - c.maxLength); i < c.starts.length && c.starts[i]! < to; i++) {
        if (this.endOf(this.items[c.index[i]!]!) > from) hits.push(c.index[i]!);
      }
    }
    return this.inOrder(hits);
  }

  /** The items starting in [from, to]. */
  startingIn(from: number, to: number): T[] {
    const hits: number[] = [];
    for (const c of this.classes) {
      for (let i = firstAtOrAfter(c.starts, from); i < c.starts.length && c.starts[i]! <= to; i++) hits.push(c.index[i]!);
    }
    return this.inOrder(hits);
  }

  private inOrder(hits: number[]): T[] {
    if (hits.length > 1) hits.sort((a, b) => a - b);
    return hits.map((i) => this.items[i]!);
  }
}
