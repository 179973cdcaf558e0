/**
 * npm run bench [folder] [--no-tagger] [--skip-large]
 *
 * Figures for the README's performance table, on a folder of documents (default: ../shared/data/news/bbc
 * when present, else sources/): the CLI cold and warm, with --jobs 1 and 2, with a cold and a warm
 * --cache; the index on one thread and in the worker pool; the extension's path (worker pool, one merge,
 * the persistent cache) with the longest stall of its host thread; the cache-warm start; one-document
 * updates; lookups; peak heap; a generated 60 MB file against the per-MB time of the small files.
 * Then the sections of benchSections.ts (PostgreSQL).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CandidateSource } from '../core/index/api';
import { CorpusIndex } from '../core/index/corpus';
import { createDefaultPipeline } from '../core/recognisers/pipeline';
import { TaggerRecogniser } from '../core/recognisers/tagger';
import { AnalysisPool, defaultJobs, type PipelineSpec } from './analysisPool';
import { EXTRA_SECTIONS } from './benchSections';
import { benchQuotes } from './benchQuotes';
import { benchSearch } from './benchSearch';
import { readFolder, workerFile } from './folder';
import { DocumentIndexer } from './indexer';
import { analyseAll, applyAll } from './ingest';
import { defaultModelPath, loadTagger, modelId } from './tagger';
import { calibrate, pct, seeded } from './benchUtil';

const fmt = (n: number, d = 2) => n.toFixed(d);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heapMB = () => process.memoryUsage().heapUsed / 1e6;
const maxRssMB = () => process.resourceUsage().maxRSS / 1e3;

/** The longest the host thread went without running a timer while `fn` ran (what a keystroke would wait). */
async function withStall<T>(fn: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let stall = 0;
  const t = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 2);
  try {
    const value = await fn();
    stall = Math.max(stall, performance.now() - last);
    return { value, stallMs: stall };
  } finally {
    clearInterval(t);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const folderArg = args.find((a) => !a.startsWith('--'));
  const repo = path.resolve(__dirname, '..');
  const bbc = path.resolve(repo, '../shared/data/news/bbc');
  const root = folderArg ? path.resolve(folderArg) : existsSync(bbc) ? bbc : path.join(repo, 'sources');
  const useTagger = !args.includes('--no-tagger');
  const cli = path.join(repo, 'dist', 'cli.js');
  const cores = defaultJobs();
  const print = (s: string) => console.log(s);

  print(`# Source Research benchmark`);
  print(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores, ${fmt(os.totalmem() / 1e9, 1)} GB RAM, node ${process.version}, ${os.platform()} ${os.release()}`);
  print(`load average at start: ${os.loadavg().map((l) => fmt(l, 1)).join(' ')} (a shared machine: figures are the best of the runs made)`);
  print(`machine speed now: ${fmt(calibrate())} s for a fixed piece of work (benchUtil.calibrate; lower is faster; printed again at the end)`);

  const r = await readFolder(root);
  const mb = r.bytes / 1e6;
  const docs = r.files.map((f) => [f, r.texts.get(f)!] as const);
  print(`corpus: ${root} (${r.files.length} documents, ${fmt(mb)} MB)`);

  let pipeline: CandidateSource | undefined;
  let spec: PipelineSpec = {};
  let pipelineId = 'rules';
  if (useTagger) {
    const t0 = performance.now();
    const modelPath = await defaultModelPath();
    pipeline = createDefaultPipeline({ tagger: new TaggerRecogniser(await loadTagger(modelPath)) });
    spec = { modelPath };
    pipelineId = await modelId(modelPath);
    print(`pipeline: rules + trained tagger (model load ${fmt(performance.now() - t0, 0)} ms)`);
  } else print('pipeline: rules only');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'sr-bench-'));
  const wf = await workerFile();

  try {
    // ---- the CLI, as a user runs it (a fresh process each time; --json to /dev/null) ----
    print('\n## CLI: source-research scan --json (whole process: start, read, index, print)');
    const runCli = (extra: string[]) => {
      const t0 = performance.now();
      execFileSync(process.execPath, [cli, 'scan', root, '--json', ...(useTagger ? [] : ['--no-tagger']), ...extra], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
      return (performance.now() - t0) / 1000;
    };
    const cliFig: Record<string, number> = {};
    for (const jobs of [1, 2]) {
      const cold = runCli([`--jobs=${jobs}`]);
      const warm = Math.min(runCli([`--jobs=${jobs}`]), runCli([`--jobs=${jobs}`]));
      cliFig[`jobs${jobs}`] = warm;
      print(`--jobs ${jobs}: first run ${fmt(cold)} s (${fmt(mb / cold)} MB/s); best of 2 more ${fmt(warm)} s (${fmt(mb / warm)} MB/s)`);
    }
    const cacheDir = path.join(tmp, 'cli-cache');
    const cCold = runCli([`--cache=${cacheDir}`]);
    const cWarm = Math.min(runCli([`--cache=${cacheDir}`]), runCli([`--cache=${cacheDir}`]));
    print(`--cache, empty (jobs ${cores}): ${fmt(cCold)} s; --cache, warm: ${fmt(cWarm)} s (${fmt(mb / cWarm)} MB/s)`);

    // ---- the index in this process ----
    print('\n## Index (in process: per-document work, merge, entity resolution)');
    const onThread = () => {
      const index = new CorpusIndex(pipeline ? { pipeline } : {});
      const t0 = performance.now();
      index.batch(() => {
        index.loadSources('sources.yaml', r.sourcesYaml);
        index.loadCatalog('entities.yaml', r.entitiesYaml);
        for (const [f, t] of docs) index.upsertDocument(f, t);
      });
      index.entities();
      return { index, secs: (performance.now() - t0) / 1000 };
    };
    gc();
    const heap0 = heapMB();
    let cold: { index: CorpusIndex; secs: number } | undefined = onThread();
    const coldSecs = cold.secs;
    const coldHeap = heapMB();
    cold.index.entities();
    gc();
    const smallHeapPerMb = (heapMB() - heap0) / mb;
    print(`heap of the index: ${fmt(heapMB() - heap0, 1)} MB (${fmt(coldHeap - heap0, 1)} MB right after the first pass, before GC)`);
    // The warm passes run with no earlier index in the heap (a worker keeps none); the last one is kept for the updates below.
    cold = undefined;
    gc();
    let best1 = Infinity;
    let last: CorpusIndex | undefined;
    for (let k = 0; k < 3; k++) {
      last = undefined;
      gc();
      const x = onThread();
      best1 = Math.min(best1, x.secs);
      last = x.index;
    }
    print(`one thread (--jobs 1), cold (first pass, as on activation): ${fmt(coldSecs)} s, ${fmt(mb / coldSecs)} MB/s`);
    print(`one thread (--jobs 1), warm (best of 3): ${fmt(best1)} s, ${fmt(mb / best1)} MB/s, ${fmt(r.files.length / best1, 0)} documents/s (machine speed just after: ${fmt(calibrate())} s)`);
    const perMbSmall = best1 / mb;

    const viaPool = async (jobs: number) => {
      const index = new CorpusIndex(pipeline ? { pipeline } : {});
      index.loadSources('sources.yaml', r.sourcesYaml);
      index.loadCatalog('entities.yaml', r.entitiesYaml);
      const pool = new AnalysisPool(wf, spec, jobs);
      try {
        const t0 = performance.now();
        const { value: merge, stallMs } = await withStall(async () => {
          const { results } = await analyseAll(index, docs, { analyser: pool, pipelineId });
          const m0 = performance.now();
          applyAll(index, results);
          index.entities();
          return performance.now() - m0;
        });
        return { secs: (performance.now() - t0) / 1000, merge, stallMs, index };
      } finally {
        await pool.close();
      }
    };
    const poolFig: Record<number, number> = {};
    for (const jobs of [1, 2]) {
      let best = { secs: Infinity, merge: 0, stallMs: 0, cpu: 0 };
      for (let k = 0; k < 2; k++) {
        const c0 = process.cpuUsage();
        const x = await viaPool(jobs);
        const c = process.cpuUsage(c0);
        if (x.secs < best.secs) best = { ...x, cpu: (c.user + c.system) / 1e6 };
      }
      poolFig[jobs] = best.secs;
      print(`worker pool, ${jobs} worker${jobs > 1 ? 's' : ''}: ${fmt(best.secs)} s, ${fmt(mb / best.secs)} MB/s (${fmt(mb / best.secs / jobs)} MB/s per worker); merge + resolution on the main thread ${fmt(best.merge, 0)} ms; CPU time of all threads ${fmt(best.cpu)} s`);
    }
    print(`worker pool speed-up, 2 workers over 1: ${fmt(poolFig[1]! / poolFig[2]!)}× (the figure least changed by other load on the machine; 2× is the most two cores give)`);

    // ---- the extension's path ----
    print(`\n## Extension-equivalent path (DocumentIndexer: ${cores} workers, persistent cache, one merge)`);
    const extCache = path.join(tmp, 'ext-cache');
    const extension = async () => {
      gc();
      const h0 = heapMB();
      const index = new CorpusIndex(pipeline ? { pipeline } : {});
      const indexer = new DocumentIndexer(index, { workerFile: wf, cacheDir: extCache, background: true });
      indexer.usePipeline(spec, pipelineId);
      const t0 = performance.now();
      const { value: merge, stallMs } = await withStall(async () => {
        index.loadSources('sources.yaml', r.sourcesYaml);
        index.loadCatalog('entities.yaml', r.entitiesYaml);
        const results = await indexer.analyse(docs);
        const m0 = performance.now();
        index.batch(() => results.forEach((a) => indexer.put(a)));
        index.entities();
        index.typeCounts();
        return performance.now() - m0;
      });
      const secs = (performance.now() - t0) / 1000;
      await indexer.flush();
      indexer.dispose();
      gc();
      return { secs, merge, stallMs, heap: heapMB() - h0, fromCache: indexer.lastStats?.fromCache ?? 0, index };
    };
    const ext = await extension();
    print(`full index, empty cache (cold, as on first activation: new workers): ${fmt(ext.secs)} s, ${fmt(mb / ext.secs)} MB/s; ${fmt(ext.secs / cliFig.jobs2!, 2)}× the CLI's --jobs 2 run (${fmt(cliFig.jobs2!)} s, which also starts a process and prints 25 MB of JSON)`);
    print(`host thread: merge + resolution ${fmt(ext.merge, 0)} ms, longest stall ${fmt(ext.stallMs, 0)} ms; heap of the index ${fmt(ext.heap, 1)} MB`);
    let warm = { secs: Infinity, merge: 0, stallMs: 0, heap: 0, fromCache: 0 };
    for (let k = 0; k < 2; k++) {
      const x = await extension();
      if (x.secs < warm.secs) warm = x;
    }
    print(`cache-warm start (re-opening the workspace): full tree in ${fmt(warm.secs * 1000, 0)} ms (${warm.fromCache} of ${docs.length} from the cache), longest host stall ${fmt(warm.stallMs, 0)} ms`);

    // ---- updates and lookups ----
    print('\n## Updates and lookups (on the full index)');
    const index = last!;
    const rand = seeded(42);
    const ids = r.files;
    const updates: number[] = [];
    for (let k = 0; k < 40; k++) {
      const id = ids[Math.floor(rand() * ids.length)]!;
      const text = r.texts.get(id)! + `\nEdited ${k}: Maria Gonzalez met officials of the World Bank in Lisbon on 3 March.\n`;
      const t = performance.now();
      index.upsertDocument(id, text);
      index.entities();
      updates.push(performance.now() - t);
    }
    print(`one-document update (read again + re-resolve + entity list), one thread: p50 ${fmt(pct(updates, 50))} ms, max ${fmt(Math.max(...updates))} ms`);
    {
      const pool = new AnalysisPool(wf, spec, 1);
      const host: number[] = [];
      const total: number[] = [];
      try {
        for (let k = 0; k < 40; k++) {
          const id = ids[Math.floor(rand() * ids.length)]!;
          const text = r.texts.get(id)! + `\nSecond edit ${k}: Maria Gonzalez met officials of the World Bank in Lisbon on 3 March.\n`;
          const t0 = performance.now();
          const { results } = await analyseAll(index, [[id, text]], { analyser: pool, pipelineId });
          const t1 = performance.now();
          applyAll(index, results);
          index.entities();
          const t2 = performance.now();
          host.push(t2 - t1);
          total.push(t2 - t0);
        }
      } finally {
        await pool.close();
      }
      print(`one-document update, extension path (worker + merge): p50 ${fmt(pct(total, 50))} ms, max ${fmt(Math.max(...total))} ms; on the host thread p50 ${fmt(pct(host, 50))} ms, max ${fmt(Math.max(...host))} ms`);
    }
    const atOffset: number[] = [];
    const nameAt: number[] = [];
    for (let k = 0; k < 2000; k++) {
      const id = ids[Math.floor(rand() * ids.length)]!;
      const text = r.texts.get(id)!;
      const off = Math.floor(rand() * text.length);
      let t = performance.now();
      index.mentionAt(id, off);
      atOffset.push(performance.now() - t);
      t = performance.now();
      index.nameAt(text, off);
      nameAt.push(performance.now() - t);
    }
    const entities = index.entities();
    const passages: number[] = [];
    for (let k = 0; k < 2000 && entities.length; k++) {
      const e = entities[Math.floor(rand() * entities.length)]!;
      const t = performance.now();
      index.passagesOf(e.id);
      passages.push(performance.now() - t);
    }
    print(`entities: ${entities.length} (${index.typeCounts().map((c) => `${c.type} ${c.entities}`).join(', ')})`);
    print(`mention at offset (hover, F12 in a source): p50 ${fmt(pct(atOffset, 50), 4)} ms, p99 ${fmt(pct(atOffset, 99), 4)} ms`);
    print(`name at offset (hover in a draft): p50 ${fmt(pct(nameAt, 50), 4)} ms, p99 ${fmt(pct(nameAt, 99), 4)} ms`);
    print(`passages of an entity: p50 ${fmt(pct(passages, 50), 4)} ms, p99 ${fmt(pct(passages, 99), 4)} ms`);
    print(`peak RSS so far: ${fmt(maxRssMB(), 0)} MB`);
    benchSearch(index, rand);
    print(benchQuotes(index, best1));

    // ---- a 60 MB file ----
    if (!args.includes('--skip-large')) {
      print('\n## A 60 MB text file (the corpus concatenated, generated now)');
      const parts: string[] = [];
      let n = 0;
      for (let k = 0; n < 60e6 && r.files.length; k++) {
        const t = r.texts.get(r.files[k % r.files.length]!)!;
        parts.push(t);
        n += t.length + 2;
      }
      const big = parts.join('\n\n');
      parts.length = 0;
      await writeFile(path.join(tmp, 'big.txt'), big);
      gc();
      const h0 = heapMB();
      const rss0 = maxRssMB();
      const bigIndex = new CorpusIndex(pipeline ? { pipeline } : {});
      const t0 = performance.now();
      bigIndex.upsertDocument('big.txt', big);
      const ents = bigIndex.entities().length;
      const secs = (performance.now() - t0) / 1000;
      const perMb = secs / (big.length / 1e6);
      const heapAfter = heapMB() - h0;
      gc();
      const heapKept = heapMB() - h0;
      print(`one thread: ${fmt(secs)} s for ${fmt(big.length / 1e6, 1)} MB, ${fmt(1 / perMb)} MB/s; ${fmt(perMb / perMbSmall, 2)}× the per-MB time of the small files (${fmt(1 / perMbSmall)} MB/s); ${ents} entities`);
      print(`memory: heap of the index ${fmt(heapKept, 0)} MB after GC, ${fmt(heapKept / (big.length / 1e6), 1)} MB per MB of text against ${fmt(smallHeapPerMb, 1)} for the small files (${fmt(heapAfter, 0)} MB before GC; the text itself ${fmt(big.length / 1e6, 0)} MB); peak RSS ${fmt(maxRssMB(), 0)} MB (was ${fmt(rss0, 0)} MB before)`);
      const pool = new AnalysisPool(wf, spec, 1);
      try {
        const other = new CorpusIndex(pipeline ? { pipeline } : {});
        const w0 = performance.now();
        const { value, stallMs } = await withStall(async () => {
          const { results } = await analyseAll(other, [['big.txt', big]], { analyser: pool, pipelineId });
          const m0 = performance.now();
          // As the editor merges a large result: prepared a slice per turn, then swapped in and resolved.
          for (const r of results) await other.preparePut(r.id, r.text, r.result, () => new Promise<void>((res) => setImmediate(res)));
          applyAll(other, results);
          other.entities();
          return performance.now() - m0;
        });
        const rss1 = maxRssMB();
        print(`extension path (in a worker): ${fmt((performance.now() - w0) / 1000)} s; merge (sliced, as in the editor) + resolution on the host thread ${fmt(value, 0)} ms (the longest host stall ${fmt(stallMs, 0)} ms, once per save of the whole file); peak RSS ${fmt(rss1, 0)} MB`);
      } finally {
        await pool.close();
      }
    }

    for (const s of EXTRA_SECTIONS) {
      print(`\n## ${s.title}`);
      await s.run({ root, files: r.files, texts: r.texts, bytes: r.bytes, print, pct });
    }
    print(`\npeak RSS of the benchmark process: ${fmt(maxRssMB(), 0)} MB`);
    print(`machine speed at the end: ${fmt(calibrate())} s for the same fixed piece of work`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
