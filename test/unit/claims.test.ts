import * as assert from 'node:assert/strict';
import path from 'node:path';
import { ClaimLedger } from '../../src/core/claims/ledger';
import { extractClaims } from '../../src/core/claims/extract';
import { CorpusIndex } from '../../src/core/index/corpus';
import { prepareDocument } from '../../src/core/text/document';
import { loadFolder } from '../../src/node/folder';

const root = path.resolve(__dirname, '../../..');

describe('claims', () => {
  it('ties "50% of its oil and natural gas needs" to Azerbaijan, Israel and % of oil and gas needs', async () => {
    const { index } = await loadFolder(path.join(root, 'sources'));
    const c = new ClaimLedger(index).all().find((x) => x.unit === '%' && x.value === 50);
    assert.ok(c);
    assert.equal(c.measure, '% of oil and gas needs');
    assert.deepEqual(c.entityIds, ['place:azerbaijan', 'place:israel']);
    assert.equal(c.text, '50%');
  });

  it('reads shares, money and counts, and leaves untied figures out', () => {
    const text = 'Exports reached $2 billion. Russia sold $3 million of arms to Chile. About 30 years ago, in 1997, 1,000 specialists came. It was 5 o’clock.';
    const cs = extractClaims(prepareDocument('t.txt', text));
    assert.deepEqual(cs.map((c) => [c.measure, c.value, c.unit]), [
      ['exports', 2e9, 'USD'],
      ['$ of arms', 3e6, 'USD'],
      ['number of specialists', 1000, 'specialists'],
    ]);
  });

  it('lists a disagreement when two sources give different values for the same measure', () => {
    const index = new CorpusIndex();
    index.upsertDocument('a.txt', 'Norway provides Denmark with 40% of its electricity, officials said.');
    index.upsertDocument('b.txt', 'Experts estimate that Norway provides Denmark with 25% of its electricity.');
    index.upsertDocument('c.txt', 'Norway provides Denmark with 40% of its electricity.');
    const ds = new ClaimLedger(index).disagreements();
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.measure, '% of electricity');
    assert.deepEqual(ds[0]!.entityIds, ['place:denmark', 'place:norway']);
    assert.deepEqual(ds[0]!.claims.map((c) => [c.docId, c.value]), [['a.txt', 40], ['b.txt', 25], ['c.txt', 40]]);
  });
});
