/**
 * A large per-document result crosses from a worker to the host in parts: its long arrays
 * (candidates, sentences, paragraphs, quotes, claims) a slice at a time, each sent when the host
 * has taken the previous one in, then the rest. Structured clone is done when a message is
 * received, so one message of a large document's result would block the host for as long as
 * building all its objects takes; a part of PART_ITEMS items takes a few milliseconds.
 */
import type { DocumentResult } from '../core/index/analysis';

export const PART_ITEMS = 8000;

type Field = 'candidates' | 'sentences' | 'paragraphs' | 'quotes' | 'claims';

/** One slice of one of a result's arrays. */
export interface ResultPart {
  readonly field: Field;
  readonly items: readonly unknown[];
}

type Arrays = Partial<Record<Field, readonly unknown[]>>;

function arraysOf(r: DocumentResult): Arrays {
  return { candidates: r.candidates, sentences: r.sentences, paragraphs: r.paragraphs, quotes: r.speech?.quotes, claims: r.speech?.claims };
}

function withArrays(r: DocumentResult, a: Arrays): DocumentResult {
  const out = { ...r } as Record<string, unknown>;
  for (const f of ['candidates', 'sentences', 'paragraphs'] as const) if (a[f]) out[f] = a[f];
  if (r.speech) out.speech = { ...r.speech, quotes: a.quotes ?? r.speech.quotes, claims: a.claims ?? r.speech.claims };
  return out as unknown as DocumentResult;
}

/** Splits a result: the parts to send first (in order), and what is left to send last. */
export function splitResult(r: DocumentResult): { parts: ResultPart[]; rest: DocumentResult } {
  const parts: ResultPart[] = [];
  const emptied: Arrays = {};
  for (const [field, items] of Object.entries(arraysOf(r)) as [Field, readonly unknown[] | undefined][]) {
    if (!items || items.length <= PART_ITEMS) continue;
    for (let i = 0; i < items.length; i += PART_ITEMS) parts.push({ field, items: items.slice(i, i + PART_ITEMS) });
    emptied[field] = [];
  }
  return { parts, rest: parts.length ? withArrays(r, emptied) : r };
}

/** Puts a result together again from its parts, as they arrive. */
export class ResultAssembler {
  private readonly arrays: Partial<Record<Field, unknown[]>> = {};

  add(part: ResultPart): void {
    const list = (this.arrays[part.field] ??= []);
    for (const x of part.items) list.push(x);
  }

  finish(rest: DocumentResult): DocumentResult {
    return withArrays(rest, this.arrays);
  }
}
