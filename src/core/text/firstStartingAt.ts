/** The index of the first item starting at or after an offset, in a list sorted by start (binary search; the list's length when none does). */
export function firstStartingAt(items: readonly { readonly start: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The items of a list sorted by start that lie wholly within a span (a binary search, then the run of them). */
export function lyingWithin<T extends { readonly start: number; readonly end: number }>(items: readonly T[], span: { readonly start: number; readonly end: number }): T[] {
  const out: T[] = [];
  for (let i = firstStartingAt(items, span.start); i < items.length && items[i]!.start < span.end; i++) if (items[i]!.end <= span.end) out.push(items[i]!);
  return out;
}

/** The index of the first number at or after an offset, in an ascending list (its length when none is). */
export function firstAtOrAfter(positions: readonly number[], offset: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
