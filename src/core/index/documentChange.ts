/**
 * What a new version of a document changes in the document store's statistics, computed as
 * resumable steps (generators that yield every SLICE candidates): run to the end at once for a
 * small document, or a slice per turn of the event loop for a large one (DocumentStore.prepare).
 */
import { cleanSurface } from '../resolution/aliases';
import { contextCue, type TypeCue } from '../resolution/typeEvidence';
import { ENTITY_TYPES, type Candidate } from '../types';
import type { DocState } from './documentStore';
import { Codes } from './multimap';

const NAME_TYPES = new Set(['person', 'organization', 'place']);

/** The key of name `i` of a document. */
export function keyAt(d: DocState, i: number): string {
  return d.keyTable[d.keyIds[i]!]!;
}

/** The cues kept in DocState.cues, a byte each: 0 not computed yet, 1 none, then 2 + the cue's code here. */
const CUES = new Codes<TypeCue>(253, 'context cues');

const cueCode = (cue: TypeCue | undefined): number => (cue ? 2 + CUES.code(`${cue.type}:${cue.weight}`, cue) : 1);

/**
 * The context cue of name `i` of a document (none for dates, quantities, curated names), kept
 * with the document: the sliced steps compute it, and the commit that swaps a large document in reuses it.
 */
export function nameCue(d: DocState, i: number): TypeCue | undefined {
  const known = d.cues[i]!;
  if (known !== 0) return known === 1 ? undefined : CUES.values[known - 2];
  const c = d.cands[i]!;
  const cue = NAME_TYPES.has(c.type) && !c.attrs?.catalogName ? contextCue(d.text, c.start, c.end) : undefined;
  d.cues[i] = cueCode(cue);
  return cue;
}

const TYPE_INDEX = new Map(ENTITY_TYPES.map((t, i) => [t, i] as const));

/**
 * Candidates between two looks at the clock while a large document is prepared. Small: a step of
 * 2,048 took 17–70 ms now and then on a loaded host (a step costs its generator's resumption, ~0.1 µs).
 */
export const SLICE = 256;
/** A difference of more names than this is counted by key (a file read again after it was read half-written). */
export const LARGE_CHANGE = 2048;

/** What a new version of a document changes in the statistics: the candidates counted out (indices in the old version) and in (in the new one). */
export interface Difference {
  readonly removed: readonly number[];
  readonly added: readonly number[];
}

/** One key's share of a document's names. */
export interface Tally {
  count: number;
  readonly types: number[];
  readonly cues: number[];
  readonly forms: Map<string, number>;
  longForm?: string;
}

/** A document ready to be swapped in (DocumentStore.prepare, then commit). */
export interface PendingPut {
  readonly old: DocState | undefined;
  readonly state: DocState;
  readonly diff: Difference | undefined;
  /** For a document new to the store: what it adds to the statistics. */
  readonly tally?: ReadonlyMap<string, Tally>;
  /** For a new version: what its difference takes out of the statistics and puts in, by key (commit() then touches each key once). */
  readonly diffTally?: { readonly removed: ReadonlyMap<string, Tally>; readonly added: ReadonlyMap<string, Tally> };
  readonly epoch: number;
}

export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * A new version of a document: only the names that differ are counted out and in (an edit moves
 * offsets but leaves most names as they were), so only their keys are resolved again.
 * Undefined: nothing to count. The names before the first and after the last that differ are
 * paired off in order, one comparison each (an edit touches one place); those between are
 * compared as multisets of their signatures. Either way the names counted out and in are the
 * multiset difference of the two versions' signatures.
 */
export function* difference(old: DocState, next: DocState): Generator<void, Difference | undefined> {
  const n = old.cands.length;
  const m = next.cands.length;
  let head = 0;
  for (; head < n && head < m && sameName(old, head, next, head); head++) if (head % SLICE === SLICE - 1) yield;
  let tail = 0;
  for (; tail < n - head && tail < m - head && sameName(old, n - 1 - tail, next, m - 1 - tail); tail++) if (tail % SLICE === SLICE - 1) yield;
  // Between them: how many names of each signature the old version has.
  const sig = (d: DocState, i: number) => {
    const c = d.cands[i]!;
    const cue = nameCue(d, i);
    return `${keyAt(d, i)}\u0000${c.type}\u0000${c.priority}\u0000${c.name}\u0000${longFormOf(c)}\u0000${cue ? `${cue.type}:${cue.weight}` : ''}`;
  };
  const before = new Map<string, number>();
  for (let i = head; i < n - tail; i++) {
    if (i % SLICE === SLICE - 1) yield;
    const k = sig(old, i);
    before.set(k, (before.get(k) ?? 0) + 1);
  }
  const added: number[] = [];
  for (let i = head; i < m - tail; i++) {
    if (i % SLICE === SLICE - 1) yield;
    const k = sig(next, i);
    const c = before.get(k) ?? 0;
    if (c > 0) before.set(k, c - 1);
    else added.push(i);
  }
  if (added.length === 0 && [...before.values()].every((c) => c === 0)) return undefined;
  const removed: number[] = [];
  for (let i = head; i < n - tail; i++) {
    if (i % SLICE === SLICE - 1) yield;
    const k = sig(old, i);
    const c = before.get(k) ?? 0;
    if (c > 0) {
      before.set(k, c - 1);
      removed.push(i);
    }
  }
  return { removed, added };
}

const longFormOf = (c: Candidate): string => c.attrs?.longForm ?? c.attrs?.canonical ?? '';

/** Whether name `i` of one version and name `j` of another have the same signature (all the statistics count of a name). */
function sameName(a: DocState, i: number, b: DocState, j: number): boolean {
  const x = a.cands[i]!;
  const y = b.cands[j]!;
  if (keyAt(a, i) !== keyAt(b, j) || x.type !== y.type || x.priority !== y.priority || x.name !== y.name || longFormOf(x) !== longFormOf(y)) return false;
  const cx = nameCue(a, i);
  const cy = nameCue(b, j);
  return cx === cy || (cx !== undefined && cy !== undefined && cx.type === cy.type && cx.weight === cy.weight);
}

/**
 * What a new document (or some of its names) adds to the statistics, by key in the order its names
 * first occur (all sums of integers: the same as counting them in one by one).
 */
export function* tallying(d: DocState, which?: readonly number[]): Generator<void, Map<string, Tally>> {
  const out = new Map<string, Tally>();
  const n = which ? which.length : d.cands.length;
  for (let j = 0; j < n; j++) {
    if (j % SLICE === SLICE - 1) yield;
    const i = which ? which[j]! : j;
    const c = d.cands[i]!;
    const key = keyAt(d, i);
    let t = out.get(key);
    if (!t) out.set(key, (t = { count: 0, types: new Array<number>(ENTITY_TYPES.length).fill(0), cues: new Array<number>(ENTITY_TYPES.length).fill(0), forms: new Map() }));
    t.count++;
    t.types[TYPE_INDEX.get(c.type)!]! += c.priority;
    const cue = nameCue(d, i);
    if (cue) t.cues[TYPE_INDEX.get(cue.type)!]! += cue.weight;
    const form = cleanSurface(c.name);
    t.forms.set(form, (t.forms.get(form) ?? 0) + 1);
    const lf = c.attrs?.longForm ?? c.attrs?.canonical;
    if (lf) t.longForm = cleanSurface(lf);
  }
  return out;
}
