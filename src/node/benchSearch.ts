/**
 * The search part of `npm run bench`: builds the passage index over an indexed corpus, then times
 * queries of each kind (words, phrases, prefixes, entity facets, filters) and prints p50/p99.
 */
import type { Corpus } from '../core/index/api';
import { words } from '../core/search/query';
import { SearchIndex } from '../core/search/searchIndex';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

const FUNCTION_WORDS = new Set(
  'the a an and or but of to in on at for with by from as is are was were be been has have had it its this that these those he she they we you i his her their our not no said says will would can could also more than which who what when there after over into about up out new'.split(' '),
);

export function benchSearch(corpus: Corpus, rand: () => number, print: (s: string) => void = console.log): void {
  const t0 = performance.now();
  const search = new SearchIndex(corpus);
  const passages = search.size;
  const buildMs = performance.now() - t0;
  const docs = corpus.documents();
  const entities = corpus.entities().filter((e) => e.mentionCount >= 2);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // Queries as a user types them: from a random place of a random document, starting at a word that
  // is not a function word ("the", "of", …); a phrase goes on with whatever words follow.
  const sample = (): string[] => {
    for (;;) {
      const d = pick(docs);
      const ws = words(corpus.text(d.id) ?? '');
      const i = Math.floor(rand() * Math.max(1, ws.length - 4));
      const w = ws[i];
      if (w && w.length > 2 && !FUNCTION_WORDS.has(w.toLowerCase()) && !/^\d+$/.test(w)) return ws.slice(i, i + 4);
    }
  };
  const kinds: { label: string; make: () => string }[] = [
    { label: 'one word', make: () => sample()[0] ?? 'the' },
    { label: 'two words', make: () => sample().slice(0, 2).join(' ') },
    { label: '"phrase" (3 words)', make: () => `"${sample().slice(0, 3).join(' ')}"` },
    { label: 'prefix*', make: () => `${(sample()[1] ?? 'gov').slice(0, 3)}*` },
    { label: 'entity facet + word', make: () => `entity:"${pick(entities).name}" ${sample()[0] ?? ''}` },
    { label: 'a function word alone ("the", "said": the worst case)', make: () => pick(['the', 'said', 'and', 'of']) },
    { label: 'two entity facets', make: () => `entity:"${pick(entities).name}" entity:"${pick(entities).name}"` },
  ];
  const all: number[] = [];
  const lines: string[] = [];
  const typical: number[] = [];
  for (const k of kinds) {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const q = k.make();
      const t = performance.now();
      search.search(q, { limit: 200 });
      times.push(performance.now() - t);
    }
    all.push(...times);
    if (!k.label.startsWith('a function word')) typical.push(...times);
    lines.push(`  ${k.label}: p50 ${pct(times, 50).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms`);
  }
  // Incremental: one document edited, then the next query.
  const updates: number[] = [];
  const writer = corpus as Corpus & { upsertDocument?(id: string, text: string): void };
  if (writer.upsertDocument) {
    for (let k = 0; k < 10; k++) {
      const d = pick(docs);
      writer.upsertDocument(d.id, `${corpus.text(d.id) ?? ''}\nSearch edit ${k}: the committee met in Lisbon.\n`);
      corpus.entities();
      const t = performance.now();
      search.search('committee Lisbon');
      updates.push(performance.now() - t);
    }
  }
  print(`search: ${passages} passages indexed in ${(buildMs / 1000).toFixed(2)} s`);
  print(`search query (words, phrases, prefixes, facets; ${typical.length} queries): p50 ${pct(typical, 50).toFixed(2)} ms, p99 ${pct(typical, 99).toFixed(2)} ms`);
  print(`search query (all kinds with function words alone, ${all.length} queries): p50 ${pct(all, 50).toFixed(2)} ms, p99 ${pct(all, 99).toFixed(2)} ms`);
  for (const l of lines) print(l);
  if (updates.length) print(`search after one edited document (re-index it + query): p50 ${pct(updates, 50).toFixed(2)} ms, max ${Math.max(...updates).toFixed(2)} ms`);
  search.dispose();
}
