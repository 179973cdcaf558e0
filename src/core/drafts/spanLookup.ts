import type { Span } from '../types';

/**
 * The spans (sorted by start) that overlap a given span, found by binary search: checking each of a
 * long draft's names against every name found in it was quadratic (seconds for a 1 MB draft).
 */
export class SpanLookup<T extends Span> {
  private readonly sorted: readonly T[];
  /** The largest end among sorted[0 .. i]. */
  private readonly maxEnd: Float64Array;

  constructor(spans: readonly T[]) {
    this.sorted = [...spans].sort((a, b) => a.start - b.start);
    this.maxEnd = new Float64Array(this.sorted.length);
    let m = -Infinity;
    this.sorted.forEach((s, i) => (this.maxEnd[i] = m = Math.max(m, s.end)));
  }

  /** The spans overlapping s, in order of start. */
  overlapping(s: Span): T[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.start < s.end) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let i = lo - 1; i >= 0 && this.maxEnd[i]! > s.start; i--) if (this.sorted[i]!.end > s.start) out.push(this.sorted[i]!);
    return out.reverse();
  }

  any(s: Span): boolean {
    return this.overlapping(s).length > 0;
  }
}
