import * as assert from 'node:assert/strict';
import { Packr } from 'msgpackr';
import { analyseDocument } from '../../src/core/index/analysis';
import { createDefaultPipeline } from '../../src/core/recognisers/pipeline';
import { packColumns, unpackColumns } from '../../src/node/columns';
import { packReplies, SLICE_ITEMS, unpackReplies } from '../../src/node/wireFormat';

/** What the results went through before: each value packed on its own. */
const msgpack = new Packr({ useRecords: true, moreTypes: false, mapsAsObjects: true });
const roundTrip = <T>(x: T): T => msgpack.unpack(msgpack.pack(x)) as T;

describe('a result\'s arrays as columns (the analysis workers\' replies)', () => {
  it('gives back each item with its own keys, in its own order, and its own values', () => {
    const items = [
      { start: 0, end: 5, type: 'person', name: 'Ann', priority: 3 },
      { name: 'Ann', start: 7, end: 9, type: 'person', priority: 3, confidence: 0.25 },
      { start: -4, end: 2 ** 31 - 1, type: 'date', name: '3 May', priority: 2.5, attrs: { value: '2024-05-03', written: { day: true, month: true, year: false } } },
      { start: 1.5, end: 2, type: 'quantity', name: '40%', priority: 0.5, attrs: { value: '40%', relative: undefined } },
      { start: 3, end: 4, type: 'place', name: '', priority: 0, attrs: { value: '40%' } },
      { start: 3, end: 4, note: null, flag: false, other: true, list: [1, 'a', { b: 2 }], missing: undefined },
      { start: 8, end: 9, passage: { start: 0, end: 20 }, mixed: { start: 1, end: 2 } },
      { passage: { start: 5, end: 7 }, start: 8, end: 9, mixed: { end: 2, start: 1 } },
      { start: 8, end: 9, mixed: { start: 1, end: 2, more: 1 } },
      {},
    ];
    const packed = packColumns(items, ['start', 'end']);
    assert.deepStrictEqual(packed.spans, ['passage'], 'a key whose values are all spans goes in columns, others in the table');
    const back = unpackColumns(roundTrip(packed));
    assert.deepStrictEqual(back, items);
    for (let i = 0; i < items.length; i++) assert.deepStrictEqual(Object.keys(back[i] as object), Object.keys(items[i]!), `the keys of item ${i} in order`);
    assert.ok(Object.hasOwn((back[3] as { attrs: object }).attrs, 'relative'), 'a key set to undefined stays set');
  });

  it('shares the values that repeat (one string and one attrs object for all the mentions of a date)', () => {
    const attrs = { value: '2024-03-03', written: { day: true, month: true, year: true } };
    const items = Array.from({ length: 100 }, (_, i) => ({ start: i * 10, end: i * 10 + 12, type: 'date', name: '3 March 2024', priority: 2, attrs: { ...attrs } }));
    const packed = roundTrip(packColumns(items, ['start', 'end']));
    assert.equal(packed.values.length, 4, 'type, name, priority and attrs, each once');
    const back = unpackColumns(packed) as typeof items;
    assert.deepStrictEqual(back, items);
    assert.ok(back.every((b) => b.attrs === back[0]!.attrs && b.name === back[0]!.name));
  });

  it('a worker\'s replies unpack to what packing each value gave, a large result over several turns', async () => {
    const text = 'Dr Maria Gonzalez met Kofi Annan in Lisbon on 3 March 2023. “We agree,” she said. Officials said 40% of the loans were late.\n\n'.repeat(4500);
    const pipeline = createDefaultPipeline();
    const big = analyseDocument('big.txt', text, undefined, pipeline);
    const small = analyseDocument('small.md', '# Note\n\nPresident Ilham Aliyev spoke in Baku on Friday.\n', undefined, pipeline);
    assert.ok(big.candidates.length > 2 * SLICE_ITEMS && big.speech!.quotes.length > 0 && big.speech!.claims.length > 0, `${big.candidates.length} candidates, ${big.speech!.quotes.length} quotes, ${big.speech!.claims.length} claims`);
    const replies = [{ r: big }, { e: 'could not read it' }, { r: small }];
    let turns = 0;
    const packed = packReplies(replies);
    assert.ok(packed.length > 1, 'the large columns go as buffers of their own');
    assert.equal(new Set(packed.map((b) => b.buffer)).size, packed.length, 'each in a buffer of its own (all can be transferred)');
    const back = await unpackReplies(packed, async () => void turns++);
    assert.deepStrictEqual(back, roundTrip(replies));
    assert.ok(turns >= 2, `a turn of the event loop between slices (${turns})`);
    const one = await unpackReplies(packReplies([{ r: small }]), async () => void turns++);
    assert.deepStrictEqual(one, roundTrip([{ r: small }]));
  });
});
