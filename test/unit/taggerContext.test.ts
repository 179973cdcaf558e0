import * as assert from 'node:assert/strict';
import { ContextAggregator, T_AGG } from '../../src/core/tagger/docContext';
import { analyse, TokenTable } from '../../src/core/tagger/features';
import { feat2 } from '../../src/core/tagger/hash';

/** Hashes, capitalisation and sentence starts of a document, as the tagger computes them. */
function table(sentences: string[][]): { T: TokenTable; starts: Int32Array; n: number } {
  const n = sentences.reduce((a, s) => a + s.length, 0);
  const T = new TokenTable(n);
  const starts = new Int32Array(sentences.length + 1);
  let i = 0;
  sentences.forEach((s, si) => {
    starts[si] = i;
    for (const w of s) analyse(w, i++, T);
  });
  starts[sentences.length] = n;
  return { T, starts, n };
}

const lower = (w: string): number => {
  const T = new TokenTable(1);
  analyse(w, 0, T);
  return T.lH[0]!;
};

describe('tagger context aggregation', () => {
  const sentences = [
    ['I', 'joined', 'Google', 'this', 'week', '.'],
    ['Google', ',', 'Inc.', 'said', 'so', '.'],
    ['Now', 'google', 'is', 'big', '.'],
  ];

  it('gives every capitalised mention of a repeated word the neighbours of all its mentions, lower-case ones too', () => {
    const { T, starts, n } = table(sentences);
    const agg = new ContextAggregator(1, 2);
    agg.run(T.lH, T.cap, starts, sentences.length, n);
    const g = agg.group[2]!;
    assert.ok(g >= 0, 'the first "Google" has a group');
    assert.equal(agg.group[6], g, 'the second "Google" is in the same group');
    assert.equal(agg.group[13], -1, 'the lower-case "google" fires nothing itself');
    assert.equal(agg.group[0], -1, '"I", seen once, has no group');
    const keys = new Set(agg.keys.subarray(agg.groupStart[g]!, agg.groupStart[g + 1]!));
    for (const [side, w] of [[0, 'joined'], [1, 'this'], [1, ','], [0, 'now'], [1, 'is']] as const) {
      assert.ok(keys.has(feat2(T_AGG, side, lower(w))), `${side === 0 ? 'left' : 'right'} neighbour "${w}"`);
    }
    assert.equal(keys.size, 5, 'each neighbour once; none across a sentence boundary');
  });

  it('with a minimum count of one, a name seen once gets its own neighbours', () => {
    const { T, starts, n } = table(sentences);
    const agg = new ContextAggregator(1, 1);
    agg.run(T.lH, T.cap, starts, sentences.length, n);
    const g = agg.group[8]!; // "Inc."
    assert.ok(g >= 0);
    assert.equal(agg.groupStart[g + 1]! - agg.groupStart[g]!, 2);
  });
});
