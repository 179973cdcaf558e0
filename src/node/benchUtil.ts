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

/**
 * Seconds a fixed piece of work takes on this machine now: string keys in a Map, random reads over
 * a 32 MB table, short-lived objects (what indexing does). On a shared machine the same build's
 * figures move by a third from one minute to the next; this figure, printed beside them, says how
 * fast the machine was when they were taken (lower is faster).
 */
export function calibrate(): number {
  const t0 = performance.now();
  const rand = seeded(7);
  const keys: string[] = [];
  for (let i = 0; i < 100_000; i++) keys.push(`k${Math.floor(rand() * 1e9).toString(36)}`);
  const m = new Map<string, { n: number }>();
  for (let r = 0; r < 3; r++) for (const k of keys) m.set(k, { n: (m.get(k)?.n ?? 0) + 1 });
  const N = 1 << 23;
  const a = new Int32Array(N);
  for (let i = 0; i < N; i++) a[i] = Math.floor(rand() * N);
  let x = 0;
  let s = 0;
  for (let i = 0; i < 1e7; i++) {
    x = a[(x + i) & (N - 1)]!;
    s += x & 1;
  }
  return (performance.now() - t0) / 1000 + (s < 0 ? 1 : 0);
}
