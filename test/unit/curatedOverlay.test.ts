import * as assert from 'node:assert/strict';
import { overlayAtOnce, overlayCurated } from '../../src/core/index/curatedOverlay';
import { runToEnd } from '../../src/core/index/documentChange';
import type { Candidate } from '../../src/core/types';
import { seeded } from '../../src/node/benchUtil';

const cand = (start: number, end: number, source: string): Candidate => ({ start, end, type: 'person', name: `${source}${start}-${end}`, source, priority: source === 'catalog' ? 100 : 60 });

/** Names sorted by start, overlapping now and then, some long, some starting together. */
function names(rand: () => number, n: number, source: string, spread: number): Candidate[] {
  const out: Candidate[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    at += Math.floor(rand() * spread);
    const length = 1 + Math.floor(rand() < 0.05 ? rand() * 60 : rand() * 12);
    out.push(cand(at, at + length, source));
  }
  return out;
}

describe('the curated names of entities.yaml over the recognised ones', () => {
  it('in one pass gives what the overlay by position and one sort gives', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = seeded(seed);
      const base = names(rand, 1 + Math.floor(rand() * 300), 'tagger', 6);
      const curated = names(rand, Math.floor(rand() * 40), 'catalog', 40);
      assert.deepStrictEqual(runToEnd(overlayCurated(base, curated)), overlayAtOnce(base, curated), `seed ${seed}`);
    }
  });

  it('drops a curated name strictly inside a longer recognised one, and the recognised names a curated one overlaps', () => {
    const base = [cand(0, 18, 'tagger'), cand(30, 36, 'tagger'), cand(40, 46, 'tagger')];
    const curated = [cand(5, 11, 'catalog'), cand(30, 36, 'catalog'), cand(44, 50, 'catalog')];
    const merged = runToEnd(overlayCurated(base, curated));
    assert.deepStrictEqual(merged.map((c) => [c.source, c.start, c.end]), [['tagger', 0, 18], ['catalog', 30, 36], ['catalog', 44, 50]]);
  });

  it('yields along the way on a large document', () => {
    const rand = seeded(7);
    const base = names(rand, 50_000, 'tagger', 8);
    const curated = names(rand, 500, 'catalog', 800);
    const steps = overlayCurated(base, curated);
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    assert.ok(yields > 20, `${yields} yields`);
    assert.deepStrictEqual(r.value, overlayAtOnce(base, curated));
  });
});
