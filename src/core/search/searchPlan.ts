/**
 * The index side of a search: the query parsed, its facets (entities, speakers, types, sources)
 * read from the index at query time (so always current) into plain lists for the passages
 * (passageQuery.ts, maybe in a worker), and what comes back made into the results the views show
 * (the mentions of the entities asked for marked, the page of paged sources).
 */
import type { Corpus } from '../index/api';
import type { EntityType, Span } from '../types';
import { docFilter, entityFacets, speakerSpans } from './facets';
import { foldText, mergeSpans } from './match';
import type { PassageMatches, PassageQuery } from './passageQuery';
import { isEmptyQuery, parseQuery, type ParsedQuery, type SearchFilters } from './query';
import type { QuoteSource } from './quoteSource';

export interface PassageHit extends Span {
  readonly docId: string;
  /** The passage's text (a sentence of the source). */
  readonly text: string;
  /** BM25+ score (higher is better); 1 for facet-only queries. */
  readonly score: number;
  /** What matched, as offsets into the document (sorted, disjoint). */
  readonly highlights: readonly Span[];
  /** Page of the passage, for paged sources. */
  readonly page?: number;
}

export interface SearchResponse {
  readonly query: ParsedQuery;
  /** Best first, at most `limit`. */
  readonly results: PassageHit[];
  /** How many passages matched in all. */
  readonly total: number;
  /** Problems with the query, in words for the user. */
  readonly problems: readonly string[];
}

export interface SearchOptions {
  /** Most results returned (default 200). */
  readonly limit?: number;
  /** Filters besides those written in the query. */
  readonly filters?: SearchFilters;
}

/** What the editor's features search with (the CLI's SearchIndex, or the search worker's client). */
export interface PassageSearch {
  /** Bring the passages in step with the index in the background (resolves when they are). */
  catchUp(): Promise<void>;
  /** A query, once the passages are in step. */
  query(q: string, options?: SearchOptions): Promise<SearchResponse>;
  /** Called when the index changed (results of a query may differ): views run their query again. */
  onDidChange(listener: () => void): { dispose(): void };
}

/** A query planned: its passage query (undefined: nothing can match), and the mentions to mark. */
export interface SearchPlan {
  readonly query: ParsedQuery;
  readonly problems: string[];
  readonly passages?: PassageQuery;
  readonly facetMentions: ReadonlyMap<string, readonly Span[]>;
}

const pairs = <T>(m: Map<string, Iterable<T>>): [string, T[]][] => [...m].map(([k, v]) => [k, [...v]]);

export function planSearch(corpus: Corpus, quotes: QuoteSource | undefined, q: string, options: SearchOptions = {}): SearchPlan {
  const query = parseQuery(q, options.filters);
  const problems = [...query.problems];
  const none = (): SearchPlan => ({ query, problems, facetMentions: new Map() });
  if (isEmptyQuery(query)) return none();
  const facets = entityFacets(corpus, query.entities ?? [], problems);
  if (!facets) return none();
  let quoteSpans: [string, Span[]][] | undefined;
  if (query.speakers?.length) {
    if (!quotes) {
      problems.push('quotes are not indexed yet: by: finds nothing');
      return none();
    }
    quoteSpans = pairs(speakerSpans(corpus, quotes, query.speakers, problems));
  }
  for (const p of query.prefixes) if (foldText(p).length < 2) problems.push(`'${p}*': a prefix needs at least two letters`);
  const prefixes = query.prefixes.filter((p) => foldText(p).length >= 2);
  const docOk = docFilter(corpus, query);
  const passages: PassageQuery = {
    words: query.words,
    prefixes,
    phrases: query.phrases,
    excluded: query.excluded,
    limit: options.limit ?? 200,
    ...(query.prefixes.length && !prefixes.length ? { shortPrefixesOnly: true } : {}),
    ...(docOk ? { docs: corpus.documents().map((d) => d.id).filter(docOk) } : {}),
    mentionSets: facets.mentionSets.map(pairs),
    ...(quoteSpans ? { quoteSpans } : {}),
    ...(query.types?.length ? { typeStarts: typeStarts(corpus, query.types) } : {}),
  };
  return { query, problems, passages, facetMentions: facets.facetMentions };
}

/** The starts of the passages that mention an entity of every type asked for, by document. */
function typeStarts(corpus: Corpus, types: readonly EntityType[]): [string, number[]][] {
  const out: [string, number[]][] = [];
  for (const d of corpus.documents()) {
    const at = new Map<number, Set<EntityType>>();
    for (const x of corpus.mentionsIn(d.id)) {
      let s = at.get(x.passage.start);
      if (!s) at.set(x.passage.start, (s = new Set()));
      s.add(x.type);
    }
    const starts = [...at].filter(([, ts]) => types.every((t) => ts.has(t))).map(([st]) => st);
    if (starts.length) out.push([d.id, starts]);
  }
  return out;
}

/** The passages found, as results: the entities asked for marked, pages of paged sources. */
export function searchResults(plan: SearchPlan, found: PassageMatches | undefined, pageOf?: (docId: string, offset: number) => number | undefined): SearchResponse {
  const { query, problems } = plan;
  if (!found) return { query, results: [], total: 0, problems };
  const results = found.hits.map((h): PassageHit => {
    const hl: Span[] = [...h.highlights];
    for (const m of plan.facetMentions.get(h.docId) ?? []) if (m.start >= h.start && m.end <= h.end) hl.push({ start: m.start, end: m.end });
    const page = pageOf?.(h.docId, h.start);
    return { docId: h.docId, start: h.start, end: h.end, text: h.text, score: h.score, highlights: mergeSpans(hl), ...(page !== undefined ? { page } : {}) };
  });
  return { query, results, total: found.total, problems };
}
