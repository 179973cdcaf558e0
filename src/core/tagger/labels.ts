/**
 * BILOU labels over the four CoNLL types. Label 0 is O; type t (0..3) has labels
 * 1 + 4t + {0: B, 1: I, 2: L, 3: U}. Decoding is constrained to well-formed sequences.
 */

export type EntityKind = 'PER' | 'ORG' | 'LOC' | 'MISC';
export const KINDS: readonly EntityKind[] = ['PER', 'ORG', 'LOC', 'MISC'];
export const NUM_LABELS = 17;

export const B = 0;
export const I = 1;
export const L = 2;
export const U = 3;

export function label(type: number, pos: number): number {
  return 1 + type * 4 + pos;
}
export function labelType(y: number): number {
  return y === 0 ? -1 : (y - 1) >> 2;
}
export function labelPos(y: number): number {
  return y === 0 ? -1 : (y - 1) & 3;
}

/** A span of tokens [start, end) with a type index into KINDS. */
export interface LabelSpan {
  start: number;
  end: number;
  type: number;
}

/** True when label `y` may follow label `p` (p = -1: sentence start). */
export function allowed(p: number, y: number): boolean {
  const open = p >= 0 && p !== 0 && (labelPos(p) === B || labelPos(p) === I);
  if (open) return y !== 0 && labelType(y) === labelType(p) && (labelPos(y) === I || labelPos(y) === L);
  return y === 0 || labelPos(y) === B || labelPos(y) === U;
}

/** True when a sentence may end on label `y`. */
export function allowedEnd(y: number): boolean {
  return y === 0 || labelPos(y) === L || labelPos(y) === U;
}

export function spansToLabels(n: number, spans: readonly LabelSpan[], out: Uint8Array = new Uint8Array(n)): Uint8Array {
  out.fill(0, 0, n);
  for (const s of spans) {
    if (s.end - s.start === 1) out[s.start] = label(s.type, U);
    else {
      out[s.start] = label(s.type, B);
      for (let i = s.start + 1; i < s.end - 1; i++) out[i] = label(s.type, I);
      out[s.end - 1] = label(s.type, L);
    }
  }
  return out;
}

/** Spans of a (well-formed or not) BILOU sequence; an unclosed entity ends where its type changes. */
export function labelsToSpans(labels: ArrayLike<number>, from = 0, to = labels.length): LabelSpan[] {
  const out: LabelSpan[] = [];
  let start = -1;
  let type = -1;
  for (let i = from; i < to; i++) {
    const y = labels[i]!;
    const t = labelType(y);
    const pos = labelPos(y);
    if (start >= 0 && (t !== type || pos === B || pos === U || y === 0)) {
      out.push({ start: start - from, end: i - from, type });
      start = -1;
    }
    if (y === 0) continue;
    if (start < 0) {
      start = i;
      type = t;
    }
    if (pos === L || pos === U) {
      out.push({ start: start - from, end: i + 1 - from, type });
      start = -1;
    }
  }
  if (start >= 0) out.push({ start: start - from, end: to - from, type });
  return out;
}
