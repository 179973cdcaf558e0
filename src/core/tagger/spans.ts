import { KINDS, labelType, type EntityKind } from './labels';

/**
 * The tagger's output: BILOU label ids (labels.ts) of a sentence's tokens turned into entity spans.
 */

/** An entity found by the tagger: tokens [startToken, endToken) of one sentence. */
export interface TaggedSpan {
  startToken: number;
  /** Exclusive. */
  endToken: number;
  type: EntityKind;
}

/** Spans of labels [from, to), as labelsToSpans in labels.ts. */
export function spansOf(labels: Uint8Array, from: number, to: number): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  let start = -1;
  let type = -1;
  for (let i = from; i < to; i++) {
    const y = labels[i]!;
    const t = labelType(y);
    const pos = y === 0 ? -1 : (y - 1) & 3;
    if (start >= 0 && (t !== type || pos === 0 || pos === 3 || y === 0)) {
      out.push({ startToken: start - from, endToken: i - from, type: KINDS[type]! });
      start = -1;
    }
    if (y === 0) continue;
    if (start < 0) {
      start = i;
      type = t;
    }
    if (pos === 2 || pos === 3) {
      out.push({ startToken: start - from, endToken: i + 1 - from, type: KINDS[type]! });
      start = -1;
    }
  }
  if (start >= 0) out.push({ startToken: start - from, endToken: to - from, type: KINDS[type]! });
  return out;
}
