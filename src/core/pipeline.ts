import type { CandidateSource } from './corpus';
import { NameMatcher } from './matcher';
import { BylineRecogniser } from './recognisers/byline';
import { DateRecogniser } from './recognisers/dates';
import { GroupRecogniser, PlaceRecogniser } from './recognisers/gazetteer';
import { NOT_NAME_START } from './recognisers/lexicon';
import { OrganizationRecogniser } from './recognisers/organization';
import { PRIORITY } from './recognisers/priority';
import { QuantityRecogniser } from './recognisers/quantities';
import { TitledNameRecogniser } from './recognisers/titled';
import type { Candidate, EntityType, PreparedDocument, Recogniser, RecogniserContext } from './types';

export { PRIORITY } from './recognisers/priority';

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
 * The catalog (entities.yaml) is not part of the pipeline: the corpus index overlays curated names
 * on its output, so they win over everything here.
 */
export class Pipeline implements CandidateSource {
  constructor(readonly recognisers: readonly Recogniser[]) {}

  run(doc: PreparedDocument, ctx: RecogniserContext): Candidate[] {
    const all: Candidate[] = [];
    for (const r of this.recognisers) for (const c of r.recognise(doc, ctx)) if (c.end > c.start) all.push(c);
    const kept = resolveConflicts(all);
    return resolveConflicts(kept.concat(echoes(doc, kept)));
  }
}

/** Rules 1 and 2. Returns the surviving candidates sorted by start. */
export function resolveConflicts(cands: readonly Candidate[]): Candidate[] {
  // Rule 1: of two nested candidates, the inner one goes unless it has the higher priority, in
  // which case the outer one goes (a titled person is not swallowed by a tagger's "organisation").
  const byStart = [...cands].sort((a, b) => a.start - b.start || b.end - a.end);
  const dropped = new Uint8Array(byStart.length);
  for (let i = 0; i < byStart.length; i++) {
    const outerC = byStart[i]!;
    for (let j = i + 1; j < byStart.length && byStart[j]!.start < outerC.end; j++) {
      const inner = byStart[j]!;
      if (inner.end > outerC.end || (inner.start === outerC.start && inner.end === outerC.end)) continue;
      if (inner.priority > outerC.priority) dropped[i] = 1;
      else dropped[j] = 1;
    }
  }
  const outer = byStart.filter((_, i) => !dropped[i]);
  // Rule 2: greedy by priority, then length, then position.
  outer.sort((a, b) => b.priority - a.priority || (b.confidence ?? 0) - (a.confidence ?? 0) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Candidate[] = [];
  const overlaps = (c: Candidate) => {
    // `taken` is small per document region; a sorted structure would be faster for huge documents.
    for (const t of taken) if (t.start < c.end && c.start < t.end) return true;
    return false;
  };
  if (outer.length > 64) return greedyIntervals(outer);
  for (const c of outer) if (!overlaps(c)) taken.push(c);
  return taken.sort((a, b) => a.start - b.start);
}

/** Rule 2 for many candidates: an occupancy check over a sorted array of accepted intervals. */
function greedyIntervals(sortedByPrecedence: Candidate[]): Candidate[] {
  const starts: number[] = [];
  const accepted: Candidate[] = [];
  for (const c of sortedByPrecedence) {
    // Binary search the first accepted interval with start >= c.start.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < c.start) lo = mid + 1;
      else hi = mid;
    }
    const prev = accepted[lo - 1];
    const next = accepted[lo];
    if ((prev && prev.end > c.start) || (next && next.start < c.end)) continue;
    starts.splice(lo, 0, c.start);
    accepted.splice(lo, 0, c);
  }
  return accepted;
}

const ECHO_TYPES: ReadonlySet<EntityType> = new Set(['person', 'organization', 'place', 'group']);

/** Rule 3: the names found, found again elsewhere in the same document. */
function echoes(doc: PreparedDocument, kept: readonly Candidate[]): Candidate[] {
  const m = new NameMatcher<{ type: EntityType; attrs?: Candidate['attrs'] }>();
  const seen = new Set<string>();
  const add = (form: string, type: EntityType, attrs?: Candidate['attrs']) => {
    const k = `${type}\u0000${form}`;
    if (seen.has(k)) return;
    seen.add(k);
    m.add(form, { type, attrs });
  };
  for (const c of kept) {
    if (!ECHO_TYPES.has(c.type) || c.source === 'catalog') continue;
    const surface = doc.text.slice(c.start, c.end);
    const attrs = c.attrs?.canonical || c.attrs?.demonymOf || c.attrs?.longForm ? { canonical: c.attrs.canonical, demonymOf: c.attrs.demonymOf, longForm: c.attrs.longForm } : undefined;
    add(surface, c.type, attrs);
    if (c.type === 'person') {
      const words = surface.split(/\s+/);
      const last = words[words.length - 1]!;
      if (words.length >= 2 && last.length > 2 && !NOT_NAME_START.has(last.toLowerCase()) && /^\p{Lu}/u.test(last)) add(last, 'person');
    }
  }
  if (m.size === 0) return [];
  return m.matchTokens(doc.tokens).map((h) => ({
    start: h.start,
    end: h.end,
    type: h.value.type,
    name: doc.text.slice(h.start, h.end),
    source: 'echo',
    priority: PRIORITY.echo,
    ...(h.value.attrs ? { attrs: h.value.attrs } : {}),
  }));
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
    new PlaceRecogniser(),
    new OrganizationRecogniser(),
    new GroupRecogniser(),
    new QuantityRecogniser(),
    new DateRecogniser(),
  ];
  if (options.tagger) rs.push(options.tagger);
  return new Pipeline(rs);
}
