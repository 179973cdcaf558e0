/** Small helpers the benchmarks share (src/node/bench.ts, scripts/bench-db.ts). */

/** The p-th percentile of some timings (nearest rank). */
export function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** A seeded xorshift generator of numbers in [0, 1), so every run draws the same queries. */
export function seeded(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}
