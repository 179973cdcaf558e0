/**
 * npm run clusters [-- <data-dir>] [--out models/clusters-en.tsv] [--k 512] [--coarse 64] [--min-count 4]
 *
 * Learns word clusters for the tagger from unlabelled text: the BBC news articles, the PolNeAR
 * articles and the sentences of the Universal NER English-EWT train split (its `# text` lines,
 * labels unread), from ../shared/data beside the repository. Each lower-cased word (digits as 0)
 * seen at least `min-count` times is described by the words at its left and right (the most
 * frequent words as context, log counts, unit length), and the words are grouped by spherical
 * k-means, twice: `k` fine clusters and `coarse` coarse ones, each seeded with the most frequent
 * words so that the result is the same on every run. The output, one `word<TAB>fine<TAB>coarse`
 * line per word, is committed (models/clusters-en.tsv) and read by `npm run train`.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { findRoot } from '../src/node/tagger';

const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’.-][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

/** Lower-cased form of a token as the tagger hashes it (digits as 0, curly apostrophes straight). */
export function clusterKey(tok: string): string {
  return tok.toLowerCase().replace(/\p{Nd}/gu, '0').replace(/[’‘]/g, "'");
}

async function walk(dir: string, ext: RegExp): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p, ext)));
    else if (ext.test(e.name)) out.push(p);
  }
  return out.sort();
}

function args(): Map<string, string> {
  const a = process.argv.slice(2);
  const m = new Map<string, string>();
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.startsWith('--')) m.set(a[i]!.slice(2), a[++i] ?? '');
    else m.set('data', a[i]!);
  }
  return m;
}

/** Spherical k-means over sparse unit vectors; centroids seeded with the first k rows. */
function kmeans(rows: { idx: Int32Array; val: Float32Array }[], dim: number, k: number, iters: number): Int32Array {
  const C = new Float32Array(k * dim);
  for (let c = 0; c < k; c++) {
    const r = rows[c]!;
    for (let q = 0; q < r.idx.length; q++) C[c * dim + r.idx[q]!] = r.val[q]!;
  }
  const assign = new Int32Array(rows.length).fill(-1);
  for (let it = 0; it < iters; it++) {
    let moved = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      let best = 0;
      let bestS = -Infinity;
      for (let c = 0; c < k; c++) {
        const base = c * dim;
        let s = 0;
        for (let q = 0; q < r.idx.length; q++) s += C[base + r.idx[q]!]! * r.val[q]!;
        if (s > bestS) {
          bestS = s;
          best = c;
        }
      }
      if (assign[i] !== best) moved++;
      assign[i] = best;
    }
    C.fill(0);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const base = assign[i]! * dim;
      for (let q = 0; q < r.idx.length; q++) C[base + r.idx[q]!]! += r.val[q]!;
    }
    for (let c = 0; c < k; c++) {
      let n = 0;
      for (let d = 0; d < dim; d++) n += C[c * dim + d]! ** 2;
      n = Math.sqrt(n) || 1;
      for (let d = 0; d < dim; d++) C[c * dim + d]! /= n;
    }
    console.log(`k-means k=${k}: iteration ${it + 1}, ${moved} words moved`);
    if (moved === 0) break;
  }
  return assign;
}

async function main(): Promise<void> {
  const a = args();
  const root = await findRoot(__dirname, false);
  const dataDir = path.resolve(root, a.get('data') ?? '../shared/data');
  const out = path.resolve(root, a.get('out') ?? 'models/clusters-en.tsv');
  const K = Number(a.get('k') ?? 512);
  const KC = Number(a.get('coarse') ?? 64);
  const minCount = Number(a.get('min-count') ?? 4);
  const contextSize = Number(a.get('context') ?? 2000);
  const iters = Number(a.get('iterations') ?? 10);

  // Sentences (as token arrays) of every source.
  const texts: string[] = [];
  for (const f of await walk(path.join(dataDir, 'news/bbc'), /\.txt$/)) texts.push(await readFile(f, 'utf8'));
  for (const f of await walk(path.join(dataDir, 'polnear'), /\.txt$/)) texts.push(await readFile(f, 'utf8'));
  const ewt = await readFile(path.join(dataDir, 'uner-en-ewt/train.iob2'), 'utf8').catch(() => '');
  for (const line of ewt.split('\n')) if (line.startsWith('# text = ')) texts.push(line.slice(9));
  const lines: string[][] = [];
  for (const t of texts) for (const l of t.split(/\n+/)) {
    const toks = (l.match(TOKEN) ?? []).map(clusterKey);
    if (toks.length > 0) lines.push(toks);
  }
  const freq = new Map<string, number>();
  for (const l of lines) for (const w of l) freq.set(w, (freq.get(w) ?? 0) + 1);
  const byFreq = [...freq].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const vocab = byFreq.filter(([, c]) => c >= minCount).map(([w]) => w);
  const vid = new Map(vocab.map((w, i) => [w, i]));
  const ctx = new Map(byFreq.slice(0, contextSize).map(([w], i) => [w, i]));
  console.log(`${texts.length} texts, ${lines.length} lines; ${freq.size} words, ${vocab.length} seen ≥ ${minCount} times`);

  // Left / right context counts.
  const counts: Map<number, number>[] = vocab.map(() => new Map());
  const BOS = 2 * contextSize;
  const dim = 2 * contextSize + 2;
  for (const l of lines) {
    for (let i = 0; i < l.length; i++) {
      const v = vid.get(l[i]!);
      if (v === undefined) continue;
      const m = counts[v]!;
      const left = i > 0 ? ctx.get(l[i - 1]!) : BOS;
      const right = i + 1 < l.length ? ctx.get(l[i + 1]!) : -1;
      if (left !== undefined) m.set(left, (m.get(left) ?? 0) + 1);
      const rk = right === undefined ? undefined : right < 0 ? BOS + 1 : contextSize + right;
      if (rk !== undefined) m.set(rk, (m.get(rk) ?? 0) + 1);
    }
  }
  const rows = counts.map((m) => {
    const keys = [...m.keys()].sort((x, y) => x - y);
    const val = new Float32Array(keys.map((k) => Math.log1p(m.get(k)!)));
    let n = 0;
    for (const x of val) n += x * x;
    n = Math.sqrt(n) || 1;
    for (let q = 0; q < val.length; q++) val[q]! /= n;
    return { idx: Int32Array.from(keys), val };
  });
  const fine = kmeans(rows, dim, K, iters);
  const coarse = kmeans(rows, dim, KC, iters);
  const outLines = vocab.map((w, i) => `${w}\t${fine[i]}\t${coarse[i]}`);
  await writeFile(out, outLines.join('\n') + '\n');
  console.log(`${vocab.length} words in ${K} + ${KC} clusters → ${out}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
