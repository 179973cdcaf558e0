/**
 * The curated names of entities.yaml laid over a document's recognised names: curated names win
 * over every recogniser, except that a curated name strictly inside a longer recognised name is
 * not a mention ("Marc Israel Sellem" holds no Israel). As a generator that yields every SLICE
 * names, so that a large document (millions of names) is overlaid a slice per turn of the host's
 * event loop: both lists are sorted by start, so one pass over each does it.
 */
import { SpanWindow } from '../quotes/spanWindow';
import { firstStartingAt } from '../text/firstStartingAt';
import type { Candidate } from '../types';
import { SLICE } from './documentChange';

const sortedByStart = (xs: readonly Candidate[]): boolean => xs.every((x, i) => i === 0 || xs[i - 1]!.start <= x.start);

/** `base` and `curated` merged: sorted by start, a recognised name before a curated one at the same start. */
export function* overlayCurated(base: readonly Candidate[], curated: readonly Candidate[]): Generator<void, readonly Candidate[]> {
  if (curated.length === 0) return base;
  if (!sortedByStart(base) || !sortedByStart(curated)) return overlayAtOnce(base, curated);
  let longest = 0;
  for (let i = 0; i < base.length; i++) {
    if (i % SLICE === SLICE - 1) yield;
    longest = Math.max(longest, base[i]!.end - base[i]!.start);
  }
  // A recognised name that holds the curated one starts at or before it, and no further back than the longest name.
  const inLonger = (c: Candidate): boolean => {
    for (let j = firstStartingAt(base, c.start + 1) - 1; j >= 0 && base[j]!.start >= c.end - longest; j--) {
      const b = base[j]!;
      if (b.end >= c.end && b.end - b.start > c.end - c.start) return true;
    }
    return false;
  };
  const cur = curated.filter((c) => !inLonger(c));
  const taken = new SpanWindow(cur, (c) => c.start, (c) => c.end);
  const merged: Candidate[] = [];
  let j = 0;
  for (let i = 0; i < base.length; i++) {
    if (i % SLICE === SLICE - 1) yield;
    const b = base[i]!;
    if (taken.overlapping(b.start, b.end).length > 0) continue;
    while (j < cur.length && cur[j]!.start < b.start) merged.push(cur[j++]!);
    merged.push(b);
  }
  while (j < cur.length) merged.push(cur[j++]!);
  return merged;
}

/** The same at once, for lists that are not sorted (none the pipeline makes): by position, then one sort. */
export function overlayAtOnce(base: readonly Candidate[], curated: readonly Candidate[]): readonly Candidate[] {
  const around = new SpanWindow(base, (b) => b.start, (b) => b.end);
  const cur = curated.filter((c) => !around.overlapping(c.start, c.end).some((b) => b.start <= c.start && b.end >= c.end && b.end - b.start > c.end - c.start));
  const taken = new SpanWindow(cur, (c) => c.start, (c) => c.end);
  const keep = base.filter((b) => taken.overlapping(b.start, b.end).length === 0);
  return keep.concat(cur).sort((a, b) => a.start - b.start);
}
