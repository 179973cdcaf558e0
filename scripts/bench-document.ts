/**
 * Throughput of document preparation alone (prose, paragraphs, sentences, tokens), one core.
 * Usage: npx esbuild --bundle --platform=node scripts/bench-document.ts --outfile=out/bench-document.js && node out/bench-document.js [folder]
 * Default folder: ../shared/data/news/bbc (falls back to sources/).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatOf, prepareDocument } from '../src/core/text/document';

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (/\.(txt|md|markdown)$/i.test(e.name)) out.push(p);
  }
  return out;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const def = path.resolve(root, '../shared/data/news/bbc');
  const folder = process.argv[2] ?? (existsSync(def) ? def : path.join(root, 'sources'));
  const files = await walk(folder);
  const texts = await Promise.all(files.map(async (f) => (await readFile(f, 'utf8')).replace(/^\uFEFF/, '')));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  let best = Infinity;
  let sentences = 0;
  for (let round = 0; round < 6; round++) {
    const c0 = process.cpuUsage();
    sentences = 0;
    for (let i = 0; i < texts.length; i++) sentences += prepareDocument(files[i]!, texts[i]!, formatOf(files[i]!)).sentences.length;
    const c = process.cpuUsage(c0);
    const s = (c.user + c.system) / 1e6;
    best = Math.min(best, s);
    console.log(`round ${round}: ${(bytes / 1e6 / s).toFixed(1)} MB/s (CPU time)`);
  }
  console.log(`${files.length} docs, ${(bytes / 1e6).toFixed(2)} MB, ${sentences} sentences; best ${(bytes / 1e6 / best).toFixed(1)} MB/s`);
}

void main();
