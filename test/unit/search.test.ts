import * as assert from 'node:assert/strict';
import path from 'node:path';
import { CorpusIndex } from '../../src/core/index/corpus';
import { parseQuery } from '../../src/core/search/query';
import MiniSearch from 'minisearch';
import { SearchIndex, type QuoteSource } from '../../src/core/search/searchIndex';
import { topHits } from '../../src/core/search/topHits';
import { loadFolder } from '../../src/node/folder';

const root = path.resolve(__dirname, '../../..');
const PRESS = 'ambassador-ibrahim-press-release.txt';
const OPED = 'azerbaijan-israel-op-ed.txt';

describe('the search query', () => {
  it('reads words, phrases, prefixes, exclusions and facets', () => {
    const q = parseQuery('cyber* "learning from the best" embassy -iran entity:"Khazar Ibrahim" type:people source:press kind:"press release" from:2023 to:2023-06');
    assert.deepEqual(q.words, ['embassy']);
    assert.deepEqual(q.prefixes, ['cyber']);
    assert.deepEqual(q.phrases, ['learning from the best']);
    assert.deepEqual(q.excluded, ['iran']);
    assert.deepEqual(q.entities, ['Khazar Ibrahim']);
    assert.deepEqual(q.types, ['person']);
    assert.deepEqual(q.sources, ['press']);
    assert.deepEqual(q.kinds, ['press release']);
    assert.equal(q.from, '2023-01-01');
    assert.equal(q.to, '2023-06-31');
    assert.deepEqual(q.problems, []);
  });

  it('reports what it cannot read instead of failing', () => {
    const q = parseQuery('type:persn from:yesterday "unclosed');
    assert.equal(q.problems.length, 2);
    assert.deepEqual(q.words, ['unclosed']);
  });

  it('keeps a hyphenated word together as a phrase and an unknown key as text', () => {
    const q = parseQuery('Israel-Azerbaijan e.g:this');
    assert.deepEqual(q.phrases, ['Israel-Azerbaijan']);
    assert.deepEqual(q.words, ['e', 'g', 'this']);
  });
});

describe('search over the sample corpus', function () {
  this.timeout(20000);
  let index: CorpusIndex;
  let search: SearchIndex;
  before(async () => {
    index = (await loadFolder(path.join(root, 'sources'))).index;
    search = new SearchIndex(index);
  });
  const textAt = (docId: string, s: { start: number; end: number }) => index.text(docId)!.slice(s.start, s.end);

  it('finds an exact phrase and only the passage that has it, highlighted', () => {
    const r = search.search('"learning from the best"');
    assert.equal(r.results.length, 1);
    const hit = r.results[0]!;
    assert.equal(hit.docId, PRESS);
    assert.equal(hit.text, textAt(PRESS, hit));
    assert.match(hit.text, /we are learning from the best, and Israel is the best/);
    assert.deepEqual(hit.highlights.map((h) => textAt(PRESS, h)), ['learning from the best']);
  });

  it('does not take the words of a phrase in another order for the phrase', () => {
    assert.equal(search.search('"the best learning"').results.length, 0);
    assert.ok(search.search('best learning').results.length >= 1);
  });

  it('ignores case and accents, and matches curly apostrophes', () => {
    assert.equal(search.search('"LEARNING FROM THE BEST"').results.length, 1);
    assert.equal(search.search('"Shi\'a-majority"').results.length, 1);
    assert.equal(search.search('krasnayá').results.length, 1);
  });

  it('finds words by prefix', () => {
    const r = search.search('cyber*');
    assert.equal(r.results.length, 3);
    for (const h of r.results) for (const m of h.highlights) assert.match(textAt(h.docId, m), /^cyber/i);
  });

  it('ranks the passage with the rarer words first (BM25)', () => {
    const r = search.search('embassy Tehran');
    assert.equal(r.results.length, 1);
    const r2 = search.search('Azerbaijan embassy');
    assert.ok(r2.results.length >= 2);
    for (let i = 1; i < r2.results.length; i++) assert.ok(r2.results[i - 1]!.score >= r2.results[i]!.score);
    // "Netanyahu" occurs in few passages, "Azerbaijan" in most: a passage with both ranks above one with only Azerbaijan.
    const r3 = search.search('gas');
    assert.ok(r3.results[0]!.text.match(/gas/gi)!.length >= 2, 'the passage saying gas most often comes first');
  });

  it('filters by entity: passages that mention both', () => {
    const r = search.search('entity:"Khazar Ibrahim" entity:Israel');
    assert.ok(r.results.length >= 2);
    for (const h of r.results) {
      const ents = new Set(index.mentionsIn(h.docId).filter((m) => m.passage.start === h.start).map((m) => index.entity(m.entityId)!.name));
      assert.ok(ents.has('Khazar Ibrahim') && ents.has('Israel'), h.text);
    }
    // An alias works as the name.
    assert.deepEqual(search.search('entity:"State of Israel" entity:"Khazar Ibrahim"').results.map((h) => h.start), r.results.map((h) => h.start));
    assert.deepEqual(search.search('entity:"Nobody Atall"').problems, ["no entity named 'Nobody Atall'"]);
  });

  it('filters by entity type, source, kind and date range', () => {
    const people = search.search('Azerbaijan type:person');
    assert.ok(people.results.length > 0);
    for (const h of people.results) assert.ok(index.mentionsIn(h.docId).some((m) => m.passage.start === h.start && m.type === 'person'));
    assert.ok(search.search('Azerbaijan source:op-ed').results.every((h) => h.docId === OPED));
    assert.ok(search.search('Azerbaijan kind:"press release"').results.every((h) => h.docId === PRESS));
    assert.ok(search.search('Azerbaijan from:2023-06 to:2023-06').results.every((h) => h.docId === PRESS));
    assert.equal(search.search('Azerbaijan to:2022').results.length, 0);
  });

  it('excludes words', () => {
    const all = search.search('embassy').results.length;
    const r = search.search('embassy -Tehran');
    assert.equal(r.results.length, all - 1);
    assert.ok(r.results.every((h) => !/Tehran/.test(h.text)));
  });

  it('finds quotes by a speaker when quotes are indexed', () => {
    const ibrahim = index.entities().find((e) => e.name === 'Khazar Ibrahim')!;
    const text = index.text(PRESS)!;
    const at = text.indexOf('in diplomacy, we try');
    const quotes: QuoteSource = { quotesBy: (id) => (id === ibrahim.id ? [{ docId: PRESS, start: at, end: at + 60, speakerId: id }] : []) };
    const plain = new SearchIndex(index);
    assert.equal(plain.search('by:"Khazar Ibrahim" embassy').results.length, 0);
    assert.match(plain.search('by:"Khazar Ibrahim" embassy').problems[0]!, /quotes are not indexed/);
    plain.setQuoteSource(quotes);
    const r = plain.search('by:"Khazar Ibrahim" embassy');
    assert.equal(r.results.length, 1);
    assert.match(r.results[0]!.text, /in diplomacy/);
    plain.dispose();
  });

  it('follows the index: re-reads only a changed document, forgets a removed one', () => {
    const idx = new CorpusIndex();
    idx.upsertDocument('a.txt', 'The harbour was closed on Monday.');
    idx.upsertDocument('b.txt', 'Fishermen returned to the harbour at dawn.');
    const s = new SearchIndex(idx);
    let changes = 0;
    s.onDidChange(() => changes++);
    assert.equal(s.search('harbour').results.length, 2);
    idx.upsertDocument('a.txt', 'The port was closed on Monday.');
    assert.equal(changes, 1);
    assert.deepEqual(s.search('harbour').results.map((h) => h.docId), ['b.txt']);
    assert.deepEqual(s.search('port').results.map((h) => h.docId), ['a.txt']);
    idx.removeDocument('b.txt');
    assert.equal(s.search('harbour').results.length, 0);
    assert.equal(s.size, 1);
    s.dispose();
  });
});

/** 300 passages with "the", a few completions of "pro…" of which one is rare. */
function councilCorpus(): CorpusIndex {
  const idx = new CorpusIndex();
  for (let d = 0; d < 30; d++) {
    const lines: string[] = [];
    for (let k = 0; k < 10; k++) {
      const n = d * 10 + k;
      const word = n === 137 ? 'protozoa' : n % 3 ? 'program' : 'project';
      lines.push(`The ${word} number ${n} of the council${' was reviewed'.repeat(n % 4)}.`);
    }
    idx.upsertDocument(`doc${String(d).padStart(2, '0')}.txt`, lines.join('\n\n'));
  }
  return idx;
}

describe('search for one common word or one short prefix alone', () => {
  const build = councilCorpus;

  it('returns the best passages first and counts all of them, under a limit', () => {
    const idx = build();
    const s = new SearchIndex(idx);
    const all = s.search('the', { limit: 1000 });
    assert.equal(all.total, 300);
    assert.equal(all.results.length, 300);
    for (let i = 1; i < all.results.length; i++) assert.ok(all.results[i - 1]!.score >= all.results[i]!.score);
    const top = s.search('the', { limit: 10 });
    assert.equal(top.total, 300);
    assert.deepEqual(top.results.map((h) => h.text), all.results.slice(0, 10).map((h) => h.text));
    // The same order as when the word is ranked with another (the full MiniSearch path).
    const shortest = all.results[0]!.text;
    assert.doesNotMatch(shortest, /reviewed/, 'the shortest passages (the word weighs most) come first');
    s.dispose();
  });

  it('finds every completion of a prefix, the rarest one too, and highlights it', () => {
    const idx = build();
    const s = new SearchIndex(idx);
    const r = s.search('pro*', { limit: 5 });
    assert.equal(r.total, 300);
    assert.equal(r.results.length, 5);
    const rare = s.search('protoz*');
    assert.equal(rare.total, 1);
    assert.match(rare.results[0]!.text, /protozoa number 137/);
    assert.deepEqual(rare.results[0]!.highlights.map((h) => idx.text(rare.results[0]!.docId)!.slice(h.start, h.end)), ['protozoa']);
    assert.ok(s.search('pro*', { limit: 400 }).results.some((h) => /protozoa/.test(h.text)));
    s.dispose();
  });

  it('forgets the passages of an edited document', () => {
    const idx = build();
    const s = new SearchIndex(idx);
    assert.equal(s.search('the').total, 300);
    idx.upsertDocument('doc13.txt', 'Nothing here.');
    assert.equal(s.search('the').total, 290);
    assert.equal(s.search('protoz*').total, 0);
    s.dispose();
  });
});

describe('passages spread over several MiniSearch indexes', () => {
  // The same 300 passages as above, with at most 64 passages per MiniSearch index (the editor's
  // limit is 65,536: a 60 MB source has 600,000 passages).
  const build = councilCorpus;
  const view = (r: ReturnType<SearchIndex['search']>) => ({ total: r.total, hits: r.results.map((h) => `${h.docId}@${h.start}:${h.score.toFixed(9)}`) });
  const found = (r: ReturnType<SearchIndex['search']>) => ({ total: r.total, hits: r.results.map((h) => `${h.docId}@${h.start}`).sort() });

  it('ranks a word or a prefix alone exactly as one index does, and finds the same passages for every query', () => {
    const idx = build();
    const one = new SearchIndex(idx);
    const many = new SearchIndex(idx, { shardSize: 64 });
    assert.equal(one.shards, 1);
    assert.equal(many.shards, 5);
    assert.equal(many.size, 300);
    for (const q of ['the', 'program', 'pro*', 'protozoa', 'council']) assert.deepEqual(view(many.search(q, { limit: 20 })), view(one.search(q, { limit: 20 })), q);
    for (const q of ['program council', 'project reviewed', '"of the council"', 'the -program', 'number 137', 'protoz* council']) {
      assert.deepEqual(found(many.search(q, { limit: 1000 })), found(one.search(q, { limit: 1000 })), q);
    }
    one.dispose();
    many.dispose();
  });

  it('follows edits: a changed document is found as changed, and an emptied index is let go', () => {
    const idx = build();
    const many = new SearchIndex(idx, { shardSize: 64 });
    assert.equal(many.search('the').total, 300);
    idx.batch(() => {
      for (let d = 0; d < 20; d++) idx.upsertDocument(`doc${String(d).padStart(2, '0')}.txt`, 'Nothing here.');
    });
    assert.equal(many.search('the').total, 100);
    assert.equal(many.search('nothing').total, 20);
    assert.ok(many.shards <= 3, `${many.shards} indexes for 120 passages`);
    idx.upsertDocument('doc25.txt', 'The protozoa of the council.');
    assert.equal(many.search('protozoa').total, 1);
    assert.equal(many.search('council').total, 91);
    many.dispose();
  });
});

describe('the best passages from the postings', () => {
  it('scores and orders as MiniSearch does, for a word and for a prefix, and skips a discarded passage', () => {
    const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
    const texts = ['the program', 'the project of the program', 'a protozoa', 'the long program of the very long project', 'problem', 'nothing'];
    ms.addAll(texts.map((text, i) => ({ id: i + 1, text })));
    for (const [q, prefix] of [['the', false], ['pro', true], ['program', false]] as const) {
      const want = ms.search(q, { prefix }).map((r) => ({ id: r.id as number, score: r.score }));
      const got = topHits(ms, q, prefix, 10);
      assert.equal(got.total, want.length, q);
      assert.deepEqual(got.hits.map((h) => h.id), want.map((h) => h.id), q);
      for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got.hits[i]!.score - want[i]!.score) < 1e-9, q);
      assert.deepEqual(topHits(ms, q, prefix, 2).hits.map((h) => h.id), want.slice(0, 2).map((h) => h.id), q);
    }
    // Over two indexes holding the passages between them: the same scores and order.
    const a = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
    const b = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
    texts.forEach((text, i) => (i % 2 ? a : b).add({ id: i + 1, text }));
    for (const [q, prefix] of [['the', false], ['pro', true], ['program', false]] as const) {
      const want = topHits(ms, q, prefix, 10);
      const got = topHits([a, b], q, prefix, 10);
      assert.deepEqual(got.hits.map((h) => h.id), want.hits.map((h) => h.id), q);
      for (let i = 0; i < want.hits.length; i++) assert.ok(Math.abs(got.hits[i]!.score - want.hits[i]!.score) < 1e-9, q);
      assert.equal(got.total, want.total);
    }
    // Until MiniSearch vacuums, a discarded passage's postings stay: they are neither returned nor counted.
    ms.discard(2);
    const after = topHits(ms, 'the', false, 10);
    assert.deepEqual(after.hits.map((h) => h.id).sort(), [1, 4]);
    assert.equal(after.total, 2);
  });
});

describe('search over a large source that changes', function () {
  this.timeout(60_000);
  const para = (i: number) => `Minister Hana Weiss met the mayor of Oslo on ${1 + (i % 28)} May 2024 about harbour number ${i}.`;
  const big = (n: number, extra = '') => Array.from({ length: n }, (_, i) => para(i)).join('\n\n') + extra;

  it('re-reads it a slice at a time, and finds what a full re-read finds; a query meanwhile finishes the slices first', async () => {
    const corpus = new CorpusIndex();
    corpus.upsertDocument('sources/big.txt', big(3000));
    corpus.upsertDocument('sources/small.txt', 'The mayor of Oslo spoke.');
    const sliced = new SearchIndex(corpus);
    assert.ok(sliced.search('harbour').total > 0);
    corpus.upsertDocument('sources/big.txt', big(2000, '\n\nThe lighthouse keeper of Oslo retired.'));
    let turns = 0;
    let midQuery: number | undefined;
    await sliced.syncInSlices(async () => {
      turns++;
      if (turns === 2) midQuery = sliced.search('lighthouse').total;
      await new Promise<void>((r) => setImmediate(r));
    }, 0);
    assert.ok(turns >= 2, `several slices (${turns})`);
    assert.equal(midQuery, 1, 'a query between two slices sees the whole new text');
    const fresh = new SearchIndex(corpus);
    for (const q of ['harbour', '"number 1999"', 'number 2500', 'lighthouse', 'Oslo', 'entity:"Hana Weiss"']) {
      const a = sliced.search(q, { limit: 5000 });
      const b = fresh.search(q, { limit: 5000 });
      assert.equal(a.total, b.total, q);
      assert.deepEqual(a.results.map((r) => [r.docId, r.start, r.end, r.score.toFixed(6)]), b.results.map((r) => [r.docId, r.start, r.end, r.score.toFixed(6)]), q);
    }
  });
});
