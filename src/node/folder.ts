/** Node host for the core: read a folder of sources into a CorpusIndex (used by the CLI and the benchmark). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SourceSet } from '../core/sources/sourceSet';
import { CorpusIndex, type CorpusIndexOptions } from '../core/index/corpus';
import { decodeText, looksBinary } from '../core/text/text';
import type { Problem } from '../core/types';

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'out', 'dist']);

export function isSourcePath(p: string): boolean {
  return /\.(txt|md|markdown)$/i.test(p);
}

/**
 * Source files under a folder, as forward-slash paths relative to it, sorted. Drafts (files in
 * drafts/ or notes/ folders, or listed under `exclude:` in the folder's sources.yaml) are not sources.
 */
export async function listSources(root: string): Promise<string[]> {
  const drafts = new SourceSet();
  drafts.loadSourcesYaml('sources.yaml', await readOptional(path.join(root, 'sources.yaml')));
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
  return out.filter((f) => !drafts.isDraft(f)).sort();
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

export async function loadFolder(root: string, options: CorpusIndexOptions = {}): Promise<LoadedFolder> {
  const r = await readFolder(root);
  const index = new CorpusIndex(options);
  const problems: Problem[] = [];
  index.batch(() => {
    problems.push(...index.loadSources('sources.yaml', r.sourcesYaml));
    problems.push(...index.loadCatalog('entities.yaml', r.entitiesYaml));
    for (const f of r.files) index.upsertDocument(f, r.texts.get(f)!);
  });
  for (const f of r.skipped) problems.push({ file: f, message: 'not a text file (binary content): skipped', line: 0, character: 0, severity: 'warning' });
  return { index, files: r.files, texts: r.texts, problems, bytes: r.bytes };
}
