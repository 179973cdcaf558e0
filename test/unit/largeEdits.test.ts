/**
 * Editing a large source: its result is merged over several turns of the event loop and crosses
 * from the worker in parts, and the index must come out exactly as a plain put (or a full
 * re-index) leaves it, while it keeps answering from the previous version until the swap.
 */
import * as assert from 'node:assert/strict';
import { analyseDocument, preparedOf, type DocumentResult } from '../../src/core/index/analysis';
import { CorpusIndex } from '../../src/core/index/corpus';
import { createDefaultPipeline } from '../../src/core/recognisers/pipeline';
import { difference, keyAt, nameCue, runToEnd } from '../../src/core/index/documentChange';
import { DocumentStore, type DocState } from '../../src/core/index/documentStore';
import { CatalogRecogniser } from '../../src/core/recognisers/catalogNames';

const PEOPLE = ['Dr Maria Gonzalez', 'President Kofi Okafor', 'Senator Hana Weiss', 'Governor Ivo Petrov'];
const PLACES = ['Lisbon', 'Oslo', 'Nairobi', 'Quito'];

function largeText(paragraphs: number): string {
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    out.push(`${PEOPLE[i % 4]} met officials of the World Bank in ${PLACES[(i >> 2) % 4]} on ${1 + (i % 28)} March 2024. "We agreed," said ${PEOPLE[(i + 1) % 4]!.split(' ').pop()}. The talks covered ${10 + (i % 80)}% of the budget.`);
  }
  return out.join('\n\n') + '\n';
}

const pause = () => new Promise<void>((r) => setImmediate(r));

/** Everything a user sees of the index. */
function snapshot(c: CorpusIndex): string {
  return JSON.stringify({
    entities: c.entities(),
    mentions: c.documents().map((d) => c.mentionsIn(d.id)),
    passages: c.entities().slice(0, 20).map((e) => c.passagesOf(e.id)),
    speech: c.documents().map((d) => c.speechOf(d.id)),
  });
}

describe('editing a large source', function () {
  this.timeout(120_000);
  const pipeline = createDefaultPipeline();
  const id = 'sources/large.txt';
  const base = largeText(3000);
  const edited = base.replace('Senator Hana Weiss met', 'Senator Hana Weiss and President Ottoline Quarrington met') + '\nPresident Ottoline Quarrington visited Oslo.\n';
  const catalog = 'entities:\n  - name: World Bank\n    type: organization\n    aliases: [the Bank]\n';

  function index(): CorpusIndex {
    const c = new CorpusIndex({ pipeline });
    c.loadCatalog('entities.yaml', catalog);
    c.upsertDocument('sources/small.txt', 'Dr Maria Gonzalez spoke in Lisbon.');
    return c;
  }

  it('merges a result prepared over several turns exactly as a plain put, and as a full re-index', async () => {
    const r0 = analyseDocument(id, base, undefined, pipeline);
    const r1 = analyseDocument(id, edited, undefined, pipeline);

    const plain = index();
    plain.putAnalysed(id, base, r0);
    plain.putAnalysed(id, edited, r1);

    const sliced = index();
    await sliced.preparePut(id, base, r0, pause);
    sliced.putAnalysed(id, base, r0);
    const before = snapshot(sliced);
    let turns = 0;
    await sliced.preparePut(id, edited, r1, () => {
      turns++;
      // Queries meanwhile answer from the version before the edit.
      if (turns === 1) assert.equal(snapshot(sliced), before);
      return pause();
    });
    assert.ok(turns > 1, 'the merge took several turns');
    assert.equal(snapshot(sliced), before, 'nothing changes before the swap');
    sliced.putAnalysed(id, edited, r1);

    const fresh = index();
    fresh.putAnalysed(id, edited, r1);

    assert.equal(snapshot(sliced), snapshot(plain));
    assert.equal(snapshot(sliced), snapshot(fresh));
    // Counted in name by name (the catalog overlay again counts every document out and in one name at a time).
    const recounted = index();
    recounted.putAnalysed(id, edited, r1);
    recounted.loadCatalog('entities.yaml', catalog);
    assert.equal(snapshot(recounted), snapshot(fresh));
    assert.ok(sliced.entities().some((e) => e.name === 'Ottoline Quarrington'));
  });

  it('a source read half-written, then in full: the large difference counted by key gives the index a fresh read gives', async () => {
    const half = base.slice(0, base.indexOf('\n\n', base.length >> 1) + 2);
    const full = edited;
    const rHalf = analyseDocument(id, half, undefined, pipeline);
    const rFull = analyseDocument(id, full, undefined, pipeline);
    const grown = index();
    await grown.preparePut(id, half, rHalf, pause);
    grown.putAnalysed(id, half, rHalf);
    await grown.preparePut(id, full, rFull, pause);
    grown.putAnalysed(id, full, rFull);
    // …and back to the half (a difference that takes names out).
    const shrunk = index();
    shrunk.putAnalysed(id, full, rFull);
    await shrunk.preparePut(id, half, rHalf, pause);
    shrunk.putAnalysed(id, half, rHalf);
    const freshFull = index();
    freshFull.putAnalysed(id, full, rFull);
    const freshHalf = index();
    freshHalf.putAnalysed(id, half, rHalf);
    assert.equal(snapshot(grown), snapshot(freshFull));
    assert.equal(snapshot(shrunk), snapshot(freshHalf));
  });

  it('stays right when the catalog or the document changes while a merge is prepared', async () => {
    const r0 = analyseDocument(id, base, undefined, pipeline);
    const r1 = analyseDocument(id, edited, undefined, pipeline);
    const c = index();
    c.putAnalysed(id, base, r0);
    let changed = false;
    await c.preparePut(id, edited, r1, () => {
      if (!changed) {
        changed = true;
        c.loadCatalog('entities.yaml', `${catalog}  - name: Ottoline Quarrington\n    type: person\n    aliases: [Quarrington]\n`);
      }
      return pause();
    });
    c.putAnalysed(id, edited, r1);
    const expected = index();
    expected.loadCatalog('entities.yaml', `${catalog}  - name: Ottoline Quarrington\n    type: person\n    aliases: [Quarrington]\n`);
    expected.putAnalysed(id, edited, r1);
    assert.equal(snapshot(c), snapshot(expected));

    // The document removed while its merge was prepared: the put that follows adds it afresh.
    const d = index();
    d.putAnalysed(id, base, r0);
    await d.preparePut(id, edited, r1, pause);
    d.removeDocument(id);
    d.putAnalysed(id, edited, r1);
    assert.equal(snapshot(d), snapshot(freshWith(edited, r1)));
  });

  function freshWith(text: string, r: DocumentResult): CorpusIndex {
    const c = index();
    c.putAnalysed(id, text, r);
    return c;
  }


  it('counts out and in the multiset difference of the names of two versions, wherever the edit is', () => {
    const state = (text: string): DocState => {
      const store = new DocumentStore(new CatalogRecogniser({ entities: [], ignore: [], types: {} }));
      const r = analyseDocument(id, text, undefined, pipeline);
      store.put(preparedOf(id, text, r, undefined), r.candidates);
      return store.get(id)!;
    };
    // What the statistics count of a name: its key, type, priority, name, long form and context cue.
    const sigOf = (d: DocState, i: number) => {
      const c = d.cands[i]!;
      const cue = nameCue(d, i);
      return JSON.stringify([keyAt(d, i), c.type, c.priority, c.name, c.attrs?.longForm ?? c.attrs?.canonical ?? '', cue ? [cue.type, cue.weight] : null]);
    };
    const minus = (a: string[], b: string[]) => {
      const left = new Map<string, number>();
      for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
      return a.filter((x) => {
        const k = left.get(x) ?? 0;
        if (k > 0) left.set(x, k - 1);
        return k === 0;
      });
    };
    const text = largeText(400);
    const old = state(text);
    const all = (d: DocState) => d.cands.map((_, i) => sigOf(d, i));
    const edits: [string, string][] = [
      ['nothing', text],
      ['a line at the end', `${text}\nPresident Ottoline Quarrington visited Oslo.\n`],
      ['a name in the middle', text.replace('Governor Ivo Petrov met officials of the World Bank in Nairobi on 12', 'Governor Ivo Petrov and Dr Amina Sato met officials of the World Bank in Nairobi on 12')],
      ['the first paragraph gone', text.slice(text.indexOf('\n\n') + 2)],
      ['two edits far apart', `Senator Lena Quist spoke first.\n\n${text.replace(/Oslo/, 'Riga')}Governor Boris Novak spoke last.\n`],
      ['every name', text.replace(/Lisbon/g, 'Lima').replace(/World Bank/g, 'Red Cross')],
    ];
    for (const [label, edited] of edits) {
      const next = state(edited);
      const diff = runToEnd(difference(old, next));
      const removed = diff ? diff.removed.map((i) => sigOf(old, i)).sort() : [];
      const added = diff ? diff.added.map((i) => sigOf(next, i)).sort() : [];
      assert.deepEqual(removed, minus(all(old), all(next)).sort(), `${label}: counted out`);
      assert.deepEqual(added, minus(all(next), all(old)).sort(), `${label}: counted in`);
      assert.equal(diff === undefined, label === 'nothing', label);
    }
  });
});
