/** Node host for the core: read a folder of sources into a CorpusIndex (used by the CLI and the benchmark). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { DocumentResult } from '../core/index/analysis';
import { CorpusIndex, type CorpusIndexOptions } from '../core/index/corpus';
import { AnalysisPool, type PipelineSpec } from './analysisPool';
import { DiskCache } from './cache';
import { analyseAll, applyAll, LocalAnalyser, type IngestStats } from './ingest';
import { findRoot } from './tagger';
import { decodeText, looksBinary } from '../core/text/text';
import type { Problem } from '../core/types';

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'out', 'dist']);

export function isSourcePath(p: string): boolean {
  return /\.(txt|md|markdown)$/i.test(p);
}

/** Source files under a folder, as forward-slash paths relative to it, sorted. */
export async function listSources(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.') && e.isDirectory()) continue;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(abs);
      } else if (e.isFile() && isSourcePath(e.name)) out.push(path.relative(root, abs).split(path.sep).join('/'));
    }
  }
  await walk(root);
  return out.sort();
}

export interface LoadedFolder {
  index: CorpusIndex;
  files: string[];
  texts: Map<string, string>;
  problems: Problem[];
  bytes: number;
}

async function readOptional(p: string): Promise<string | undefined> {
  try {
    return decodeText(await readFile(p));
  } catch {
    return undefined;
  }
}

/** Read every source file, sources.yaml and entities.yaml at the folder's root. */
export async function readFolder(
  root: string,
): Promise<{ files: string[]; skipped: string[]; texts: Map<string, string>; sourcesYaml?: string; entitiesYaml?: string; bytes: number }> {
  const files = await listSources(root);
  const texts = new Map<string, string>();
  let bytes = 0;
  const skipped: string[] = [];
  for (const f of files) {
    const buf = await readFile(path.join(root, f));
    if (looksBinary(buf)) {
      skipped.push(f);
      continue;
    }
    bytes += buf.length;
    texts.set(f, decodeText(buf));
  }
  return {
    files: files.filter((f) => texts.has(f)),
    skipped,
    texts,
    sourcesYaml: await readOptional(path.join(root, 'sources.yaml')),
    entitiesYaml: await readOptional(path.join(root, 'entities.yaml')),
    bytes,
  };
}

export interface LoadOptions extends CorpusIndexOptions {
  /** Worker threads for per-document work (default 1: this thread, with options.pipeline). */
  readonly jobs?: number;
  /** The pipeline the workers build (must be the same as options.pipeline). */
  readonly spec?: PipelineSpec;
  /** Identifies the pipeline in cache keys ('rules', or the tagger model's id). */
  readonly pipelineId?: string;
  /** Directory of the persistent cache of per-document results. */
  readonly cacheDir?: string;
}

export async function loadFolder(root: string, options: LoadOptions = {}): Promise<LoadedFolder & { stats: IngestStats }> {
  const r = await readFolder(root);
  const index = new CorpusIndex(options);
  const problems: Problem[] = [];
  index.batch(() => {
    problems.push(...index.loadSources('sources.yaml', r.sourcesYaml));
    problems.push(...index.loadCatalog('entities.yaml', r.entitiesYaml));
  });
  const jobs = options.jobs ?? 1;
  const pool = jobs > 1 ? new AnalysisPool(await workerFile(), options.spec ?? {}, jobs) : undefined;
  try {
    const { results, stats } = await analyseAll(
      index,
      r.files.map((f) => [f, r.texts.get(f)!] as const),
      {
        analyser: pool ?? new LocalAnalyser(index.currentPipeline()),
        cache: options.cacheDir ? new DiskCache<DocumentResult>(options.cacheDir, 'documents') : undefined,
        pipelineId: options.pipelineId ?? 'rules',
      },
    );
    applyAll(index, results);
    for (const f of stats.failed) problems.push({ file: f.id, message: `could not be read: ${f.error}`, line: 0, character: 0, severity: 'error' });
    for (const f of r.skipped) problems.push({ file: f, message: 'not a text file (binary content): skipped', line: 0, character: 0, severity: 'warning' });
    return { index, files: r.files, texts: r.texts, problems, bytes: r.bytes, stats };
  } finally {
    await pool?.close();
  }
}

/** The bundled worker script: beside this bundle (dist/), else the repository's dist/ (tests, bench). */
export async function workerFile(): Promise<string> {
  const here = path.join(__dirname, 'analysisWorker.js');
  if (existsSync(here)) return here;
  return path.join(await findRoot(__dirname, false), 'dist', 'analysisWorker.js');
}
