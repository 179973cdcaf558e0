/** Node host for the core: read a folder of sources into a CorpusIndex (used by the CLI and the benchmark). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CorpusIndex, type CorpusIndexOptions } from '../core/index/corpus';
import { decodeText, looksBinary } from '../core/text/text';
import type { Problem } from '../core/types';
import { isExtractedName, isSourceName } from '../core/formats/registry';
import { FormatStore } from '../core/formats/store';
import type { ExtractionService } from './formats/service';

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'out', 'dist']);

export function isSourcePath(p: string): boolean {
  return isSourceName(p);
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
  /** Format, metadata and page map of every document (text files included). */
  formats: FormatStore;
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
  options: { extractor?: ExtractionService; onExtracted?: (file: string, cached: boolean, ms: number) => void } = {},
): Promise<{ files: string[]; skipped: string[]; texts: Map<string, string>; sourcesYaml?: string; entitiesYaml?: string; bytes: number; formats: FormatStore; problems: Problem[] }> {
  const files = await listSources(root);
  const texts = new Map<string, string>();
  const formats = new FormatStore();
  const problems: Problem[] = [];
  let bytes = 0;
  const skipped: string[] = [];
  const docs: string[] = [];
  for (const f of files) {
    const buf = await readFile(path.join(root, f));
    if (isExtractedName(f)) {
      if (!options.extractor) continue;
      bytes += buf.length;
      const r = await options.extractor.extract(f, buf);
      options.onExtracted?.(f, r.cached, r.ms);
      for (const e of formats.addExtracted(f, r.entries)) {
        texts.set(e.id, e.text);
        docs.push(e.id);
      }
      problems.push(...formats.problemsOf(f));
      continue;
    }
    if (looksBinary(buf)) {
      skipped.push(f);
      continue;
    }
    bytes += buf.length;
    const text = decodeText(buf);
    texts.set(f, text);
    formats.addText(f, text.length);
    docs.push(f);
  }
  return {
    files: docs,
    skipped,
    texts,
    formats,
    problems,
    sourcesYaml: await readOptional(path.join(root, 'sources.yaml')),
    entitiesYaml: await readOptional(path.join(root, 'entities.yaml')),
    bytes,
  };
}

export async function loadFolder(root: string, options: CorpusIndexOptions & { extractor?: ExtractionService } = {}): Promise<LoadedFolder> {
  const { extractor, ...indexOptions } = options;
  const r = await readFolder(root, { extractor });
  const index = new CorpusIndex(indexOptions);
  const problems: Problem[] = [...r.problems];
  index.batch(() => {
    problems.push(...index.loadSources('sources.yaml', r.sourcesYaml));
    problems.push(...index.loadCatalog('entities.yaml', r.entitiesYaml));
    for (const f of r.files) index.upsertDocument(f, r.texts.get(f)!);
  });
  for (const f of r.skipped) problems.push({ file: f, message: 'not a text file (binary content): skipped', line: 0, character: 0, severity: 'warning' });
  return { index, files: r.files, texts: r.texts, problems, bytes: r.bytes, formats: r.formats };
}
