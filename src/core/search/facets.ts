/**
 * The facets of a search query that are read from the index at query time (so always current):
 * the passages that mention an entity, the words of a speaker's quotes, and the source filters.
 */
import type { Corpus } from '../index/api';
import type { Span } from '../types';
import { foldText } from './match';
import { dateInterval, type ParsedQuery } from './query';
import type { QuoteSource } from './quoteSource';
import { resolveEntity } from './resolve';

/**
 * For each entity asked for (`entity:NAME`), the starts of the passages mentioning it, by document;
 * and every mention of them, by document (highlighted in the results). Undefined, with the problem
 * said, when a name is no entity.
 */
export function entityFacets(corpus: Corpus, names: readonly string[], problems: string[]): { mentionSets: Map<string, Set<number>>[]; facetMentions: Map<string, Span[]> } | undefined {
  const mentionSets: Map<string, Set<number>>[] = [];
  const facetMentions = new Map<string, Span[]>();
  for (const name of names) {
    const e = resolveEntity(corpus, name);
    if (!e) {
      problems.push(`no entity named '${name}'`);
      return undefined;
    }
    const set = new Map<string, Set<number>>();
    for (const m of corpus.mentionsOf(e.id)) {
      let s = set.get(m.docId);
      if (!s) set.set(m.docId, (s = new Set()));
      s.add(m.passage.start);
      let fm = facetMentions.get(m.docId);
      if (!fm) facetMentions.set(m.docId, (fm = []));
      fm.push(m);
    }
    mentionSets.push(set);
  }
  return { mentionSets, facetMentions };
}

/** The words of the quotes of the speakers asked for (`by:NAME`), by document; a name that is no speaker is a problem. */
export function speakerSpans(corpus: Corpus, quotes: QuoteSource, names: readonly string[], problems: string[]): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const name of names) {
    const e = resolveEntity(corpus, name, 'person');
    if (!e) {
      problems.push(`no speaker named '${name}'`);
      continue;
    }
    for (const qs of quotes.quotesBy(e.id)) {
      let l = out.get(qs.docId);
      if (!l) out.set(qs.docId, (l = []));
      l.push(qs);
    }
  }
  return out;
}

/** The source filters (source, kind, date range) as a test on document ids, or undefined for all. */
export function docFilter(corpus: Corpus, q: ParsedQuery): ((docId: string) => boolean) | undefined {
  const sources = (q.sources ?? []).map((s) => foldText(s));
  const kinds = (q.kinds ?? []).map((s) => foldText(s));
  if (!sources.length && !kinds.length && !q.from && !q.to) return undefined;
  const cache = new Map<string, boolean>();
  return (docId) => {
    let ok = cache.get(docId);
    if (ok !== undefined) return ok;
    const info = corpus.documentInfo(docId);
    ok = true;
    if (sources.length) {
      const hay = foldText(`${docId}\n${info?.title ?? ''}`);
      ok = sources.some((s) => hay.includes(s));
    }
    if (ok && kinds.length) ok = kinds.includes(foldText(info?.meta?.kind ?? ''));
    if (ok && (q.from || q.to)) {
      const iv = info?.meta?.date ? dateInterval(info.meta.date) : undefined;
      ok = !!iv && (!q.from || iv[1] >= q.from) && (!q.to || iv[0] <= q.to);
    }
    cache.set(docId, ok);
    return ok;
  };
}
