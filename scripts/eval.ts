/**
 * npm run eval -- <file> [--model path]   (CoNLL-2003 .txt, Universal NER .iob2 or WNUT-17 .conll)
 * npm run eval -- --text <folder of .txt files> [--model path]   (throughput on plain text)
 *
 * Tags a CoNLL-format file with the tagger model and prints precision, recall and F1 of exact
 * entity spans (type and both boundaries must match, as conlleval) per type, micro-averaged over
 * PER/ORG/LOC and over all four types, and for untyped spans (boundaries only).
 */
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { prepareDocument } from '../src/core/text/document';
import type { Tagger } from '../src/core/tagger';
import { detectFormat, parseCorpus } from '../src/core/tagger/readers';
import { scoreDocs } from '../src/core/tagger/perceptron';
import { loadTagger } from '../src/node/tagger';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let model: string | undefined;
  const files: string[] = [];
  const textDirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--model') model = path.resolve(args[++i] ?? '');
    else if (args[i] === '--text') textDirs.push(args[++i] ?? '');
    else files.push(args[i]!);
  }
  if (files.length === 0 && textDirs.length === 0) {
    console.error('usage: npm run eval -- <conll-file> [--model models/ner-en.bin]');
    process.exit(2);
  }
  const tl = performance.now();
  const tagger = await loadTagger(model);
  console.log(`model loaded in ${(performance.now() - tl).toFixed(0)} ms`);
  for (const f of files) {
    const text = await readFile(f, 'utf8');
    const format = detectFormat(f, text);
    const docs = parseCorpus(text, format);
    const t0 = performance.now();
    const labels = docs.map((d) => tagger.tagLabels(d.sentences.map((s) => s.tokens)).slice());
    const ms = performance.now() - t0;
    const tokens = docs.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.tokens.length, 0), 0);
    const sc = scoreDocs(
      docs.map((doc) => ({ doc })),
      (i) => labels[i]!,
    );
    console.log(`${f} (${format}): ${docs.length} documents, ${tokens} tokens, tagged in ${ms.toFixed(0)} ms`);
    console.log(sc.report());
  }
  for (const d of textDirs) await throughput(tagger, d);
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (/\.(txt|md)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Tagging throughput over real text: documents prepared (tokens, sentences) by the repo's own code. */
async function throughput(tagger: Tagger, dir: string): Promise<void> {
  const files = await walk(dir);
  const docs: string[][][] = [];
  let bytes = 0;
  let tokens = 0;
  let prepMs = 0;
  for (const f of files) {
    const text = await readFile(f, 'utf8');
    bytes += Buffer.byteLength(text, 'utf8');
    const t0 = performance.now();
    const d = prepareDocument(f, text, 'text');
    prepMs += performance.now() - t0;
    const sents: string[][] = d.sentences.map(() => []);
    d.tokens.forEach((t, i) => sents[d.tokenSentence[i]!]!.push(t.text));
    tokens += d.tokens.length;
    docs.push(sents.filter((s) => s.length > 0));
  }
  for (const d of docs.slice(0, 200)) tagger.tag(d); // warm-up
  let best = Infinity;
  let entities = 0;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    entities = 0;
    for (const d of docs) for (const s of tagger.tag(d)) entities += s.length;
    best = Math.min(best, performance.now() - t0);
  }
  const mb = bytes / 1e6;
  console.log(
    `${dir}: ${files.length} documents, ${mb.toFixed(2)} MB, ${tokens} tokens, ${entities} entities; ` +
      `tagging ${best.toFixed(0)} ms (best of 3) = ${(mb / (best / 1000)).toFixed(2)} MB/s, ${((tokens / best) * 1000 / 1e6).toFixed(2)} M tokens/s`,
  );
  console.log(`(prepareDocument, first pass: ${prepMs.toFixed(0)} ms; prepare + tag = ${(mb / ((prepMs + best) / 1000)).toFixed(2)} MB/s)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
