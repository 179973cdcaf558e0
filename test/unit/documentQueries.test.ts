/**
 * The queries the editor asks on each keystroke and hover, answered from part of a document or made
 * in slices: the same answers as the whole-document ones.
 */
import * as assert from 'node:assert/strict';
import path from 'node:path';
import { ClaimLedger } from '../../src/core/claims/ledger';
import { entitiesOfMentions } from '../../src/core/index/api';
import { CorpusIndex } from '../../src/core/index/corpus';
import { IN_SLICES_FROM } from '../../src/core/index/knownNames';
import { loadFolder } from '../../src/node/folder';
import { seeded } from '../../src/node/benchUtil';

const root = path.resolve(__dirname, '../../..');

describe('queries on part of a document', () => {
  let index: CorpusIndex;
  before(async () => {
    index = (await loadFolder(path.join(root, 'sources'))).index;
  });

  it('gives the mentions lying within a span: those of the whole document that lie there', () => {
    const rand = seeded(11);
    for (const d of index.documents()) {
      const all = index.mentionsIn(d.id);
      const length = index.text(d.id)!.length;
      assert.ok(all.length > 20, `${d.id} has mentions`);
      for (let k = 0; k < 200; k++) {
        const a = Math.floor(rand() * length);
        const span = { start: a, end: Math.min(length, a + Math.floor(rand() * 2000)) };
        assert.deepEqual(index.mentionsIn(d.id, span), all.filter((m) => m.start >= span.start && m.end <= span.end), `${d.id} ${span.start}–${span.end}`);
      }
      // A span that cuts a mention leaves it out.
      const m = all[5]!;
      assert.ok(!index.mentionsIn(d.id, { start: m.start + 1, end: m.end + 500 }).some((x) => x.start === m.start));
    }
  });

  it('lists the entities of a document with their first mention and count, as its mentions give them', () => {
    for (const d of index.documents()) {
      const entities = index.entitiesIn(d.id);
      assert.deepEqual(entities, entitiesOfMentions(index.mentionsIn(d.id)));
      assert.equal(entities.reduce((n, e) => n + e.count, 0), index.mentionsIn(d.id).length);
    }
    assert.deepEqual(index.entitiesIn('no/such.txt'), []);
  });

  it('finds the claim at an offset, tied to the same entities as when the whole document is tied', () => {
    const whole = new ClaimLedger(index);
    let n = 0;
    for (const d of index.documents()) {
      const claims = whole.claimsIn(d.id);
      const text = index.text(d.id)!;
      for (let offset = 0; offset <= text.length; offset += 7) {
        // A ledger that has tied nothing yet ties only the claims at the offset.
        const fresh = new ClaimLedger(index).claimAt(d.id, offset);
        assert.deepEqual(fresh, claims.find((c) => c.start <= offset && offset <= c.end), `${d.id} at ${offset}`);
        if (fresh) n++;
      }
    }
    assert.ok(n > 0, 'some offsets are in claims');
  });
});

describe('the known names of a large index', () => {
  // A catalog of more names than are made at once: curated entities are known with no mention.
  const syllables = ['ka', 'lo', 'mi', 'ro', 'sa', 'te', 'vu', 'ne', 'da', 'po', 'ri', 'zu'];
  const word = (i: number) => {
    let s = '';
    for (let k = 0; k < 4; k++, i = Math.floor(i / syllables.length)) s += syllables[i % syllables.length];
    return s[0]!.toUpperCase() + s.slice(1);
  };
  const count = IN_SLICES_FROM + 1500;
  const catalog = `entities:\n${Array.from({ length: count }, (_, i) => `  - name: ${word(i)} ${word(i * 7 + 3)}\n    type: person\n`).join('')}`;
  const draft = Array.from({ length: 40 }, (_, i) => `Yesterday ${word(i * 97)} ${word(i * 97 * 7 + 3)} met ${word(i * 31)} ${word(i * 31 * 7 + 3)} in Oslo.`).join('\n');

  // Yielding at every step (sliceMs 0): as on a loaded host, whatever this machine's speed.
  const make = (yieldToHost?: () => Promise<void>) => {
    const index = new CorpusIndex({ yieldToHost, sliceMs: 0 });
    assert.deepEqual(index.loadCatalog('entities.yaml', catalog), []);
    index.upsertDocument('a.txt', `${word(5)} ${word(38)} spoke to reporters in Oslo on Monday.`);
    return index;
  };

  it('are made again in slices after a change, then match as when made at once', async () => {
    let yields = 0;
    const sliced = make(async () => {
      yields++;
      await new Promise((r) => setImmediate(r));
    });
    const atOnce = make();
    assert.deepEqual(sliced.findNames(draft), atOnce.findNames(draft));
    assert.ok(sliced.findNames(draft).length >= 80);
    assert.equal(yields, 0, 'the first matcher is made at once');
    for (const index of [sliced, atOnce]) index.upsertDocument('b.txt', `${word(100)} ${word(703)} was seen in Bergen.`);
    await sliced.namesSettled();
    assert.ok(yields > 10, `made in slices (${yields} yields)`);
    assert.deepEqual(sliced.findNames(draft), atOnce.findNames(draft));
    assert.deepEqual(sliced.nameAt(draft, 12), atOnce.nameAt(draft, 12));
  });

  it('are made for the index as it is when it changes while they are made', async () => {
    let yields = 0;
    const atOnce = make();
    const sliced: CorpusIndex = make(async () => {
      // The index changes during the first slice: the matcher being made is of the index before.
      if (yields++ === 0) sliced.loadCatalog('entities.yaml', `${catalog}  - name: Quentin Oyelaran\n    type: person\n`);
      await new Promise((r) => setImmediate(r));
    });
    sliced.findNames(draft);
    sliced.upsertDocument('b.txt', 'Nothing new.');
    await sliced.namesSettled();
    assert.ok(yields > 10, `made again after the change, in slices (${yields} yields)`);
    atOnce.loadCatalog('entities.yaml', `${catalog}  - name: Quentin Oyelaran\n    type: person\n`);
    atOnce.upsertDocument('b.txt', 'Nothing new.');
    const text = `${draft}\nQuentin Oyelaran answered.`;
    assert.deepEqual(sliced.findNames(text), atOnce.findNames(text));
    assert.ok(sliced.findNames(text).some((h) => h.text === 'Quentin Oyelaran'));
  });
});
