/**
 * The document store: the per-document results of the corpus (text, lean layout, the pipeline's
 * candidates), the catalog overlay with the keys each candidate resolves through, and the per-key
 * statistics (counts, documents, type votes, surface forms) kept up to date as documents come and go.
 * It knows nothing of entities: resolution (resolver.ts) reads the statistics and the dirty keys.
 */
import { cleanSurface, indexByLastWord, nameKey, personFit, valueKey } from '../resolution/aliases';
import type { CatalogRecogniser } from '../recognisers/catalogNames';
import { sections } from '../text/sections';
import { tokenize } from '../text/tokenize';
import { ENTITY_TYPES, type Candidate, type PreparedDocument, type Span, type Token } from '../types';
import { addTo, Codes, lastWord, removeFrom } from './multimap';
import { overlayCurated } from './curatedOverlay';
import { difference, keyAt, LARGE_CHANGE, nameCue, runToEnd, SLICE, tallying, type PendingPut, type Tally } from './documentChange';

export type { PendingPut } from './documentChange';


export interface DocState {
  readonly id: string;
  readonly text: string;
  /** The lean prepared document (no tokens). */
  readonly prepared: PreparedDocument;
  /** Candidates from the pipeline, before the catalog overlay. */
  readonly base: readonly Candidate[];
  /**
   * Final candidates, sorted by start. The typed arrays below go with it, index for index: no
   * object per name, and nothing for the garbage collector to walk (a large document has millions;
   * an array of two million values took a loaded host 60–70 ms just to allocate, a typed array nothing).
   */
  cands: readonly Candidate[];
  /** The key each resolves through (keyAt), after the rules that depend only on this document (rule 3 within the document, long forms): an index into keyTable. */
  keyIds: Uint32Array;
  /** The document's distinct keys. */
  keyTable: readonly string[];
  /** Its context cue once computed (0: not yet); see nameCue. */
  cues: Uint8Array;
  /** Candidate indices by key, in document order; the keys in the order they first occur. */
  byKey: Map<string, Uint32Array>;
}

export interface KeyStat {
  count: number;
  readonly docs: Map<string, number>;
  readonly types: number[];
  /** Votes per type from the context of the mentions (resolution/typeEvidence.ts). */
  readonly cues: number[];
  readonly forms: Map<string, number>;
  /** The cleaned long form a recogniser stated for this key, if any. */
  longForm?: string;
}

/** Characters tokenised between two looks at the clock (catalog overlay of a large document). */
const TOKENIZE_CHARS = 65_536;
const WHITE = /\s/u;

export const TYPE_INDEX = new Map(ENTITY_TYPES.map((t, i) => [t, i] as const));

/** Above this many characters the catalog is overlaid on a document a section at a time. */
const OVERLAY_SECTION_CHARS = 100_000;

export class DocumentStore {
  private readonly docs = new Map<string, DocState>();
  private readonly stats = new Map<string, KeyStat>();
  /** Every key by its last word (to find the short forms a new full name may claim). */
  private readonly keysByLast = new Map<string, string[]>();
  private dirty = new Set<string>();
  /** Bumped when the catalog overlay changes (a prepared put made before is done again). */
  private epoch = 0;

  constructor(private catalogRecogniser: CatalogRecogniser) {}

  get size(): number {
    return this.docs.size;
  }

  get(docId: string): DocState | undefined {
    return this.docs.get(docId);
  }

  values(): IterableIterator<DocState> {
    return this.docs.values();
  }

  ids(): IterableIterator<string> {
    return this.docs.keys();
  }

  stat(key: string): KeyStat | undefined {
    return this.stats.get(key);
  }

  hasKey(key: string): boolean {
    return this.stats.has(key);
  }

  keys(): IterableIterator<string> {
    return this.stats.keys();
  }

  keysEndingWith(last: string): readonly string[] {
    return this.keysByLast.get(last) ?? [];
  }

  /** The keys whose statistics changed since the last call. */
  takeDirty(): Set<string> {
    const d = this.dirty;
    this.dirty = new Set();
    return d;
  }

  /**
   * Add or replace a document from its per-document result. `full` is the prepared document with
   * its tokens when the caller has it (saves tokenising again for the catalog overlay).
   */
  put(prepared: PreparedDocument, base: readonly Candidate[], full?: PreparedDocument): void {
    this.commit(runToEnd(this.preparing(prepared, base, full)));
  }

  /**
   * The work of put() for a large document, spread over several turns of the event loop (`pause`
   * is awaited whenever a slice has taken `sliceMs`): the new state and its difference from the
   * old one are computed while queries keep reading the old one; commit() then swaps them in at
   * once. The same steps as put(), so the same result.
   */
  async prepare(prepared: PreparedDocument, base: readonly Candidate[], pause: () => Promise<void>, sliceMs = 8): Promise<PendingPut> {
    const steps = this.preparing(prepared, base);
    let t0 = Date.now();
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (Date.now() - t0 >= sliceMs) {
        await pause();
        t0 = Date.now();
      }
    }
  }

  /** Swap in a prepared document (prepared again at once if the catalog changed meanwhile, compared again if the document did). */
  commit(p: PendingPut): void {
    if (p.epoch !== this.epoch) return this.commit(runToEnd(this.preparing(p.state.prepared, p.state.base)));
    const old = this.docs.get(p.state.id);
    const diff = old === p.old ? p.diff : old ? runToEnd(difference(old, p.state)) : undefined;
    this.docs.set(p.state.id, p.state);
    if (!old) this.accountTally(p.state, p.tally ?? runToEnd(tallying(p.state)));
    else if (diff && old === p.old && p.diffTally) {
      this.unaccountTally(old, p.diffTally.removed);
      this.accountTally(p.state, p.diffTally.added);
    } else if (diff) {
      for (const i of diff.removed) this.unaccountOne(old, i);
      for (const i of diff.added) this.accountOne(p.state, i);
    }
  }

  private *preparing(prepared: PreparedDocument, base: readonly Candidate[], full?: PreparedDocument): Generator<void, PendingPut> {
    const epoch = this.epoch;
    const old = this.docs.get(prepared.id);
    const state: DocState = { id: prepared.id, text: prepared.text, prepared, base, cands: [], keyIds: new Uint32Array(0), keyTable: [], cues: new Uint8Array(0), byKey: new Map() };
    yield* this.overlaying(state, full);
    const diff = old ? yield* difference(old, state) : undefined;
    const tally = old ? undefined : yield* tallying(state);
    // A large change (a file read again after it was read half-written) is counted by key, here, a slice at a time.
    const diffTally = old && diff && diff.added.length + diff.removed.length > LARGE_CHANGE ? { removed: yield* tallying(old, diff.removed), added: yield* tallying(state, diff.added) } : undefined;
    return { old, state, diff, tally, diffTally, epoch };
  }

  /** Count a new document in from its tally: the same statistics, in the same order, as accountOne() for each of its names. */
  private accountTally(d: DocState, tally: ReadonlyMap<string, Tally>): void {
    for (const [key, t] of tally) {
      let s = this.stats.get(key);
      if (!s) {
        s = { count: 0, docs: new Map(), types: new Array<number>(ENTITY_TYPES.length).fill(0), cues: new Array<number>(ENTITY_TYPES.length).fill(0), forms: new Map() };
        this.stats.set(key, s);
        addTo(this.keysByLast, lastWord(key), key);
      }
      this.dirty.add(key);
      s.count += t.count;
      s.docs.set(d.id, (s.docs.get(d.id) ?? 0) + t.count);
      for (let i = 0; i < t.types.length; i++) s.types[i]! += t.types[i]!;
      for (let i = 0; i < t.cues.length; i++) s.cues[i]! += t.cues[i]!;
      for (const [form, n] of t.forms) s.forms.set(form, (s.forms.get(form) ?? 0) + n);
      if (t.longForm !== undefined) s.longForm = t.longForm;
    }
  }

  /** Count names of a document out from their tally: the same statistics as unaccountOne() for each. */
  private unaccountTally(d: DocState, tally: ReadonlyMap<string, Tally>): void {
    for (const [key, t] of tally) {
      const s = this.stats.get(key);
      if (!s) continue;
      this.dirty.add(key);
      s.count -= t.count;
      const n = (s.docs.get(d.id) ?? 0) - t.count;
      if (n > 0) s.docs.set(d.id, n);
      else s.docs.delete(d.id);
      for (let i = 0; i < t.types.length; i++) s.types[i]! -= t.types[i]!;
      for (let i = 0; i < t.cues.length; i++) s.cues[i]! -= t.cues[i]!;
      for (const [form, k] of t.forms) {
        const f = (s.forms.get(form) ?? 0) - k;
        if (f > 0) s.forms.set(form, f);
        else s.forms.delete(form);
      }
      if (s.count <= 0) {
        this.stats.delete(key);
        removeFrom(this.keysByLast, lastWord(key), key);
      }
    }
  }

  remove(docId: string): boolean {
    const old = this.docs.get(docId);
    if (!old) return false;
    this.unaccount(old);
    this.docs.delete(docId);
    return true;
  }

  /** Overlay another catalog on every document (no recogniser re-runs). */
  setCatalogRecogniser(r: CatalogRecogniser): void {
    this.catalogRecogniser = r;
    this.epoch++;
    for (const d of this.docs.values()) {
      this.unaccount(d);
      runToEnd(this.overlaying(d));
      this.account(d);
    }
  }

  /**
   * The catalog overlay. Curated names win over every recogniser, except that a curated name
   * strictly inside a longer recognised name is not a mention ("Marc Israel Sellem" holds no Israel).
   * Then the rules that depend on this document alone assign each candidate its key.
   */
  private *overlaying(state: DocState, full?: PreparedDocument): Generator<void, void> {
    const curated = this.catalogRecogniser.empty ? [] : yield* this.curatedIn(state.prepared, full);
    const merged = yield* overlayCurated(state.base, curated);
    // One string per key (a large document names the same few thousand things a million times), each name's as its index.
    const codes = new Codes<string>();
    const table = codes.values;
    const code = (key: string): number => codes.code(key, key);
    let cands: readonly Candidate[] = merged;
    let ids = new Uint32Array(merged.length);
    for (let i = 0; i < merged.length; i++) {
      if (i % SLICE === SLICE - 1) yield;
      const c = merged[i]!;
      let key: string;
      if (c.type === 'date' || c.type === 'quantity') key = valueKey(c.type, c.name, c.attrs?.value) + (c.attrs?.relative ? `@${state.id}` : '');
      else if (c.attrs?.catalogName) key = nameKey(c.attrs.catalogName);
      else if (c.attrs?.longForm) key = nameKey(c.attrs.longForm);
      else if (c.attrs?.canonical) key = nameKey(c.attrs.canonical);
      else key = nameKey(c.name);
      ids[i] = code(key);
    }
    // A name with no key is no name; the merged list is kept as it is unless one drops out.
    const none = codes.get('');
    if (none !== undefined) {
      cands = merged.filter((_, i) => ids[i] !== none);
      ids = ids.filter((k) => k !== none);
    }
    // Rule 3 within the document: a short person name joins the one longer name here that ends with it.
    const persons = new Set<string>();
    for (let i = 0; i < ids.length; i++) {
      if (i % SLICE === SLICE - 1) yield;
      const key = table[ids[i]!]!;
      if (cands[i]!.type === 'person' && key.includes(' ')) persons.add(key);
    }
    if (persons.size > 0) {
      const byLast = indexByLastWord(persons);
      for (let i = 0; i < cands.length; i++) {
        if (i % SLICE === SLICE - 1) yield;
        if (cands[i]!.type !== 'person') continue;
        const fit = personFit(table[ids[i]!]!, byLast);
        if (fit) ids[i] = code(fit);
      }
    }
    // Scoped aliases (entities.yaml `documents:`): in this document, their names mean their entity.
    const scoped = this.catalogRecogniser.scopedKeys(state.id);
    if (scoped) {
      for (let i = 0; i < cands.length; i++) {
        if (i % SLICE === SLICE - 1) yield;
        const c = cands[i]!;
        if (c.type === 'date' || c.type === 'quantity') continue;
        const to = scoped.get(table[ids[i]!]!) ?? scoped.get(nameKey(c.name));
        if (to !== undefined) ids[i] = code(to);
      }
    }
    state.byKey = yield* namesByKey(ids, table);
    state.cands = cands;
    state.keyIds = ids;
    state.keyTable = table;
    state.cues = new Uint8Array(cands.length);
  }

  /** Curated names in a document; a very large one is tokenised a section at a time. */
  private *curatedIn(prepared: PreparedDocument, full?: PreparedDocument): Generator<void, Candidate[]> {
    if (full) return this.catalogRecogniser.recognise(full);
    if (prepared.text.length <= OVERLAY_SECTION_CHARS) return this.catalogRecogniser.recognise({ ...prepared, tokens: yield* tokensOf(prepared.text, prepared.prose) });
    // A large document a section at a time, cut at blank lines: the catalog's names of a 1 M-character
    // section took the host thread most of a second in one go.
    const out: Candidate[] = [];
    for (const sec of sections(prepared.text, OVERLAY_SECTION_CHARS)) {
      const spans = prepared.prose.filter((p) => p.end > sec.start && p.start < sec.end).map((p) => ({ start: Math.max(p.start, sec.start), end: Math.min(p.end, sec.end) }));
      for (const c of this.catalogRecogniser.recognise({ ...prepared, tokens: yield* tokensOf(prepared.text, spans) })) out.push(c);
      yield;
    }
    return out;
  }

  private account(d: DocState): void {
    for (let i = 0; i < d.cands.length; i++) this.accountOne(d, i);
  }

  private unaccount(d: DocState): void {
    for (let i = 0; i < d.cands.length; i++) this.unaccountOne(d, i);
  }

  /** Count candidate `i` of a document in. */
  private accountOne(d: DocState, i: number): void {
    const key = keyAt(d, i);
    const c = d.cands[i]!;
    let s = this.stats.get(key);
    if (!s) {
      s = { count: 0, docs: new Map(), types: new Array<number>(ENTITY_TYPES.length).fill(0), cues: new Array<number>(ENTITY_TYPES.length).fill(0), forms: new Map() };
      this.stats.set(key, s);
      addTo(this.keysByLast, lastWord(key), key);
    }
    this.dirty.add(key);
    s.count++;
    s.docs.set(d.id, (s.docs.get(d.id) ?? 0) + 1);
    s.types[TYPE_INDEX.get(c.type)!]! += c.priority;
    const cue = nameCue(d, i);
    if (cue) s.cues[TYPE_INDEX.get(cue.type)!]! += cue.weight;
    const form = cleanSurface(c.name);
    s.forms.set(form, (s.forms.get(form) ?? 0) + 1);
    const lf = c.attrs?.longForm ?? c.attrs?.canonical;
    if (lf) s.longForm = cleanSurface(lf);
  }

  /** Count candidate `i` of a document out. */
  private unaccountOne(d: DocState, i: number): void {
    const key = keyAt(d, i);
    const c = d.cands[i]!;
    const s = this.stats.get(key);
    if (!s) return;
    s.count--;
    const n = (s.docs.get(d.id) ?? 0) - 1;
    if (n > 0) s.docs.set(d.id, n);
    else s.docs.delete(d.id);
    s.types[TYPE_INDEX.get(c.type)!]! -= c.priority;
    const cue = nameCue(d, i);
    if (cue) s.cues[TYPE_INDEX.get(cue.type)!]! -= cue.weight;
    const form = cleanSurface(c.name);
    const f = (s.forms.get(form) ?? 0) - 1;
    if (f > 0) s.forms.set(form, f);
    else s.forms.delete(form);
    this.dirty.add(key);
    if (s.count <= 0) {
      this.stats.delete(key);
      removeFrom(this.keysByLast, lastWord(key), key);
    }
  }
}

/**
 * The names of each key, in document order, as views of one typed array (a key's names counted
 * first, then placed); the keys in the order they first occur.
 */
function* namesByKey(ids: Uint32Array, table: readonly string[]): Generator<void, Map<string, Uint32Array>> {
  const counts = new Uint32Array(table.length);
  for (let i = 0; i < ids.length; i++) {
    if (i % SLICE === SLICE - 1) yield;
    counts[ids[i]!]!++;
  }
  const starts = new Uint32Array(table.length + 1);
  for (let k = 0; k < table.length; k++) starts[k + 1] = starts[k]! + counts[k]!;
  const next = starts.slice(0, table.length);
  const order = new Uint32Array(ids.length);
  const first: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i % SLICE === SLICE - 1) yield;
    const k = ids[i]!;
    if (next[k] === starts[k]) first.push(k);
    order[next[k]!++] = i;
  }
  const byKey = new Map<string, Uint32Array>();
  for (const k of first) byKey.set(table[k]!, order.subarray(starts[k]!, starts[k + 1]!));
  return byKey;
}

/** The tokens of some spans (tokenizeSpans), a stretch at a time, cut at white space (no token holds any): the same tokens as at once. */
function* tokensOf(text: string, spans: readonly Span[]): Generator<void, Token[]> {
  const tokens: Token[] = [];
  for (const p of spans) {
    for (let s = p.start; s < p.end; ) {
      let e = Math.min(p.end, s + TOKENIZE_CHARS);
      while (e < p.end && !WHITE.test(text[e]!)) e++;
      tokenize(text, s, e, tokens);
      s = e;
      yield;
    }
  }
  return tokens;
}
