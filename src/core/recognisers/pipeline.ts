import type { CandidateSource } from '../index/api';
import { firstStartingAt } from '../text/firstStartingAt';
import { foldedKeys } from '../text/matcher';
import { BylineRecogniser } from './byline';
import { DateRecogniser } from './dates';
import { DatelineRecogniser } from './dateline';
import { GroupRecogniser, PlaceRecogniser } from './gazetteer';
import { NOT_NAME_START } from './lexicon';
import { OrganizationRecogniser } from './organization';
import { PRIORITY } from './priority';
import { dropQuotedRepeats, MessageRecogniser } from './message';
import { QuantityRecogniser } from './quantities';
import { readSocialText } from './social';
import { TitledNameRecogniser } from './titled';
import { isCap } from './tokens';
import type { Candidate, EntityType, PreparedDocument, Recogniser, RecogniserContext, Span } from '../types';

export { PRIORITY } from './priority';

/** No name found in the text is longer than this (in UTF-16 code units). */
export const MAX_NAME_CHARS = 200;

/**
 * The recogniser pipeline. Every recogniser reads the whole document and proposes candidates; the
 * pipeline then settles conflicts by explicit rules, in this order:
 *
 * 1. A candidate that lies strictly inside a longer one is dropped ("Marc Israel Sellem" holds no
 *    mention of Israel; "Jerusalem Post Annual Conference" holds no separate "Jerusalem Post"),
 *    unless it has the higher priority: then the longer one is dropped (a titled name inside a
 *    tagger's span keeps its place).
 * 2. Of candidates that overlap otherwise, the higher priority wins (PRIORITY: titled names >
 *    bylines > organisations with a head noun > the trained tagger > gazetteer > groups >
 *    quantities > dates > generic capitalised sequences), then the longer, then the earlier.
 * 3. Document-level consistency: a person, organisation, place or group found once is found again
 *    wherever the same name occurs in the document, and a person's surname too ("Netanyahu" after
 *    "Benjamin Netanyahu"), where no other candidate stands.
 *
 * 4. Handles and hashtags are read as such (social.ts): "@BarackObama" is Barack Obama, "#Brexit"
 *    no place; a name in a quoted reply ("> …") that the message names in its own lines is not
 *    counted twice (message.ts).
 *
 * A recogniser may also veto spans (the tagger's misc spans): no lower-priority name stands inside one.
 *
 * The catalog (entities.yaml) is not part of the pipeline: the corpus index overlays curated names
 * on its output, so they win over everything here.
 */
export class Pipeline implements CandidateSource {
  constructor(
    readonly recognisers: readonly Recogniser[],
    /** Rule 3 on or off (off only to measure it). */
    readonly echo = true,
  ) {}

  run(doc: PreparedDocument, ctx: RecogniserContext): Candidate[] {
    const all: Candidate[] = [];
    // A span longer than MAX_NAME_CHARS is no name (a run of capitalised words, a heading in capitals):
    // dropped before the conflicts are settled, so the names inside it can still be found.
    for (const r of this.recognisers) for (const c of r.recognise(doc, ctx)) if (c.end > c.start && c.end - c.start <= MAX_NAME_CHARS) all.push(c);
    const vetoed = this.vetoed(doc);
    const kept = resolveConflicts(vetoed ? all.filter((c) => !vetoed(c)) : all);
    if (!this.echo) return dropQuotedRepeats(doc, readSocialText(doc, kept));
    const more = echoes(doc, kept);
    return dropQuotedRepeats(doc, readSocialText(doc, resolveConflicts(kept.concat(vetoed ? more.filter((c) => !vetoed(c)) : more))));
  }

  /** A test for names inside a higher-priority recogniser's vetoed spans (none: undefined). */
  private vetoed(doc: PreparedDocument): ((c: Candidate) => boolean) | undefined {
    // Per recogniser: its vetoed spans by start (one recogniser's spans never overlap, so only the
    // last one starting at or before a candidate can hold it).
    const groups: { priority: number; spans: Span[] }[] = [];
    for (const r of this.recognisers) {
      const spans = [...(r.vetoes?.(doc) ?? [])].sort((a, b) => a.start - b.start);
      if (spans.length) groups.push({ priority: r.priority, spans });
    }
    if (groups.length === 0) return undefined;
    return (c) => {
      if (!ECHO_TYPES.has(c.type)) return false;
      for (const { priority, spans } of groups) {
        if (c.priority >= priority) continue;
        let lo = 0;
        let hi = spans.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (spans[mid]!.start <= c.start) lo = mid + 1;
          else hi = mid;
        }
        if (lo > 0 && spans[lo - 1]!.end >= c.end) return true;
      }
      return false;
    };
  }
}

/** Rules 1 and 2. Returns the surviving candidates sorted by start. */
export function resolveConflicts(cands: readonly Candidate[]): Candidate[] {
  // Rule 1: of two nested candidates, the inner one goes unless it has the higher priority, in
  // which case the outer one goes (a titled person is not swallowed by a tagger's "organisation"),
  // or the outer one is the tagger's organisation going on past a head-noun rule's (widens).
  const byStart = [...cands].sort((a, b) => a.start - b.start || b.end - a.end);
  const dropped = new Uint8Array(byStart.length);
  for (let i = 0; i < byStart.length; i++) {
    const outerC = byStart[i]!;
    for (let j = i + 1; j < byStart.length && byStart[j]!.start < outerC.end; j++) {
      const inner = byStart[j]!;
      if (inner.end > outerC.end || (inner.start === outerC.start && inner.end === outerC.end)) continue;
      if (inner.priority > outerC.priority && !widens(outerC, inner)) dropped[i] = 1;
      else dropped[j] = 1;
    }
  }
  const outer = byStart.filter((_, i) => !dropped[i]);
  // Rule 2: greedy by priority, then length, then position.
  outer.sort((a, b) => b.priority - a.priority || (b.confidence ?? 0) - (a.confidence ?? 0) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  return greedyIntervals(outer);
}

/**
 * The tagger's organisation around the one a head-noun rule found goes on past it ("Organisation for
 * Security and Cooperation in Europe" around "… and Cooperation"): the tagger read the whole name.
 */
function widens(outer: Candidate, inner: Candidate): boolean {
  return outer.source === 'tagger' && inner.source === 'organization' && outer.type === 'organization';
}

/**
 * Rule 2: accept each candidate, in order of precedence, that overlaps none accepted before; returns
 * them sorted by start. Overlap is tested on the elementary intervals between the candidates'
 * boundaries (each cell marked once taken), so the cost is linear in the candidates and their lengths.
 */
function greedyIntervals(sortedByPrecedence: Candidate[]): Candidate[] {
  const bounds = new Float64Array(sortedByPrecedence.length * 2);
  sortedByPrecedence.forEach((c, i) => {
    bounds[2 * i] = c.start;
    bounds[2 * i + 1] = c.end;
  });
  bounds.sort();
  let n = 0;
  for (let i = 0; i < bounds.length; i++) if (n === 0 || bounds[n - 1] !== bounds[i]) bounds[n++] = bounds[i]!;
  const cell = (x: number) => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const taken = new Uint8Array(n);
  const accepted: Candidate[] = [];
  for (const c of sortedByPrecedence) {
    const a = cell(c.start);
    const b = cell(c.end);
    let free = true;
    for (let k = a; k < b && free; k++) free = taken[k] === 0;
    if (!free) continue;
    taken.fill(1, a, b);
    accepted.push(c);
  }
  return accepted.sort((x, y) => x.start - y.start);
}

const ECHO_TYPES: ReadonlySet<EntityType> = new Set(['person', 'organization', 'place', 'group']);

interface EchoForm {
  readonly keys: readonly string[];
  /** Which tokens of the form are capitalised (they must be in the text too). */
  readonly caps: readonly boolean[];
  readonly type: EntityType;
  readonly attrs?: Candidate['attrs'];
}

/** Rule 3: the names found, found again elsewhere in the same document. */
function echoes(doc: PreparedDocument, kept: readonly Candidate[]): Candidate[] {
  const toks = doc.tokens;
  if (toks.length === 0) return [];
  const keys = foldedKeys(toks);
  // Forms by their first token's key, built from the tokens of the names found (no re-tokenising).
  const forms = new Map<string, EchoForm[]>();
  const seen = new Set<string>();
  const add = (from: number, to: number, type: EntityType, attrs?: Candidate['attrs']) => {
    const ks = keys.slice(from, to);
    const id = `${type}\u0000${ks.join('\u0001')}`;
    if (seen.has(id)) return;
    seen.add(id);
    const f: EchoForm = { keys: ks, caps: toks.slice(from, to).map((t) => isCap(t)), type, ...(attrs ? { attrs } : {}) };
    const list = forms.get(ks[0]!);
    if (list) {
      list.push(f);
      list.sort((x, y) => y.keys.length - x.keys.length);
    } else forms.set(ks[0]!, [f]);
  };
  for (const c of kept) {
    if (!ECHO_TYPES.has(c.type) || c.source === 'catalog') continue;
    const from = firstStartingAt(toks, c.start);
    const to = firstStartingAt(toks, c.end);
    if (from >= to || toks[from]!.start !== c.start) continue;
    const attrs = c.attrs?.canonical || c.attrs?.demonymOf || c.attrs?.longForm ? { canonical: c.attrs.canonical, demonymOf: c.attrs.demonymOf, longForm: c.attrs.longForm } : undefined;
    add(from, to, c.type, attrs);
    if (c.type === 'person' && to - from >= 2) {
      const last = toks[to - 1]!;
      if (last.text.length > 2 && isCap(last) && !NOT_NAME_START.has(keys[to - 1]!)) add(to - 1, to, 'person');
    }
  }
  if (forms.size === 0) return [];
  const out: Candidate[] = [];
  for (let i = 0; i < toks.length; i++) {
    const list = forms.get(keys[i]!);
    if (!list) continue;
    for (const f of list) {
      const n = f.keys.length;
      if (i + n > toks.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) ok = keys[i + k] === f.keys[k] && (!f.caps[k] || isCap(toks[i + k]));
      if (!ok) continue;
      const start = toks[i]!.start;
      const end = toks[i + n - 1]!.end;
      out.push({ start, end, type: f.type, name: doc.text.slice(start, end), source: 'echo', priority: PRIORITY.echo, ...(f.attrs ? { attrs: f.attrs } : {}) });
      i += n - 1;
      break;
    }
  }
  return out;
}

export interface PipelineOptions {
  /** The trained tagger's recogniser (its own module); plugs in at PRIORITY.tagger. */
  tagger?: Recogniser;
}

/** The rule recognisers, plus the tagger when one is given. */
export function createDefaultPipeline(options: PipelineOptions = {}): Pipeline {
  const rs: Recogniser[] = [
    new TitledNameRecogniser(),
    new BylineRecogniser(),
    new DatelineRecogniser(),
    new MessageRecogniser(),
    new PlaceRecogniser(),
    new OrganizationRecogniser(),
    new GroupRecogniser(),
    new QuantityRecogniser(),
    new DateRecogniser(),
  ];
  if (options.tagger) rs.push(options.tagger);
  return new Pipeline(rs);
}
