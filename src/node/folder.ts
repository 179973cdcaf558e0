/**
 * Node host for the core: read a folder of sources into a CorpusIndex (used by the CLI and the benchmark).
 *
 * A file-system error never stops the scan: an unreadable file or folder, one removed while the
 * scan runs, a path too long for the system, a dangling link, a link loop: that entry is skipped
 * with a warning naming it, and everything else is read. Symbolic links are followed as VS Code's
 * file search follows them (a linked folder's files are listed under the link's path), except a
 * link back into a folder being walked (a loop), which is skipped with a warning.
 */
import * as fsp from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { DocumentResult } from '../core/index/analysis';
import { SourceSet } from '../core/sources/sourceSet';
import { CorpusIndex, type CorpusIndexOptions } from '../core/index/corpus';
import { AnalysisPool, type PipelineSpec } from './analysisPool';
import { DiskCache } from './cache';
import { analyseAll, LocalAnalyser, type IngestStats } from './ingest';
import { findRoot } from './tagger';
import { decodeBytes, describeEncoding } from '../core/text/decode';
import type { Problem } from '../core/types';
import { isExtractedName, isSourceName } from '../core/formats/registry';
import { FormatStore } from '../core/formats/store';
import type { ExtractionService } from './formats/service';

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'out', 'dist']);
/** Files larger than this are not read as sources (as in the extension). */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

export function isSourcePath(p: string): boolean {
  return isSourceName(p);
}

/** The file-system calls the folder reader makes (tests pass failing ones). */
export interface FolderFs {
  readdir(dir: string): Promise<Dirent[]>;
  stat(p: string): Promise<Stats>;
  realpath(p: string): Promise<string>;
  readFile(p: string): Promise<Uint8Array>;
}

export const nodeFs: FolderFs = {
  readdir: (dir) => fsp.readdir(dir, { withFileTypes: true }),
  stat: (p) => fsp.stat(p),
  realpath: (p) => fsp.realpath(p),
  readFile: (p) => fsp.readFile(p),
};

/** A skipped entry: its path relative to the folder (forward slashes; '.' for the folder itself) and why. */
export interface FolderWarning {
  readonly file: string;
  readonly message: string;
}

/** What an fs error means to the user. */
export function fsErrorMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'it no longer exists (removed during the scan, or a link to nothing)';
    case 'ENAMETOOLONG':
      return 'its path is longer than the system allows';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'it is no longer a folder';
    case 'EIO':
      return 'input/output error';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return code ? `cannot be read (${code})` : `cannot be read (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** Source files under a folder, as forward-slash paths relative to it, sorted; what could not be listed goes to `warnings`. */
export async function listSources(root: string, warnings: FolderWarning[] = [], fs: FolderFs = nodeFs): Promise<string[]> {
  // Drafts (drafts/ and notes/ folders, `exclude:` in sources.yaml) are not sources.
  const drafts = new SourceSet();
  drafts.loadSourcesYaml('sources.yaml', await readOptional(path.join(root, 'sources.yaml'), 'sources.yaml', [], fs));
  const out: string[] = [];
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/') || '.';
  // Real paths of the folders being walked (this one and its ancestors): a link to one of them is a loop.
  const walking = new Set<string>();
  async function walk(dir: string): Promise<void> {
    let real: string;
    let entries: Dirent[];
    try {
      real = await fs.realpath(dir);
      entries = await fs.readdir(dir);
    } catch (e) {
      warnings.push({ file: rel(dir), message: `folder skipped: ${fsErrorMessage(e)}` });
      return;
    }
    if (walking.has(real)) {
      warnings.push({ file: rel(dir), message: 'folder skipped: a symbolic link back into a folder that contains it (a loop)' });
      return;
    }
    walking.add(real);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = await fs.stat(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (err) {
          if (isSourcePath(e.name) || !path.extname(e.name)) warnings.push({ file: rel(abs), message: `link skipped: ${fsErrorMessage(err)}` });
          continue;
        }
      }
      if (isDir) {
        if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) await walk(abs);
      } else if (isFile && isSourcePath(e.name)) out.push(rel(abs));
    }
    walking.delete(real);
  }
  await walk(root);
  return out.filter((f) => !drafts.isDraft(f)).sort();
}

export interface LoadedFolder {
  index: CorpusIndex;
  files: string[];
  texts: Map<string, string>;
  problems: Problem[];
  /** Skipped entries and assumed encodings, one line each (the CLI prints them on stderr). */
  warnings: FolderWarning[];
  /** Files read in another encoding than UTF-8: path → "read as WINDOWS-1252 (detected)". */
  encodings: Map<string, string>;
  bytes: number;
  /** Format, metadata and page map of every document (text files included). */
  formats: FormatStore;
}

export interface ReadFolder {
  files: string[];
  skipped: string[];
  texts: Map<string, string>;
  sourcesYaml?: string;
  entitiesYaml?: string;
  bytes: number;
  warnings: FolderWarning[];
  /** Files read in another encoding than UTF-8: path → "read as WINDOWS-1252 (detected)". */
  encodings: Map<string, string>;
  formats: FormatStore;
  /** Reading problems of PDFs, pages, Word files, e-mails and images. */
  problems: Problem[];
}

async function readOptional(p: string, name: string, warnings: FolderWarning[], fs: FolderFs): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') warnings.push({ file: name, message: `not read: ${fsErrorMessage(e)}; it is ignored` });
    return undefined;
  }
  return decodeBytes(bytes).text;
}

/** Read every source file, sources.yaml and entities.yaml at the folder's root. */
export async function readFolder(root: string, fs: FolderFs = nodeFs, options: { extractor?: ExtractionService } = {}): Promise<ReadFolder> {
  const warnings: FolderWarning[] = [];
  const found = await listSources(root, warnings, fs);
  const texts = new Map<string, string>();
  const encodings = new Map<string, string>();
  const formats = new FormatStore();
  const problems: Problem[] = [];
  const docs: string[] = [];
  let bytes = 0;
  const skipped: string[] = [];
  for (const f of found) {
    let buf: Uint8Array;
    const extracted = isExtractedName(f);
    if (extracted && !options.extractor) continue;
    try {
      const abs = path.join(root, f);
      const st = await fs.stat(abs);
      // PDFs, pages, Word files, e-mails and images have their own limits (formats/types.ts DEFAULT_LIMITS).
      if (!extracted && st.size > MAX_SOURCE_BYTES) {
        warnings.push({ file: f, message: `skipped: ${st.size} bytes is more than ${MAX_SOURCE_BYTES}` });
        continue;
      }
      buf = await fs.readFile(abs);
    } catch (e) {
      warnings.push({ file: f, message: `skipped: ${fsErrorMessage(e)}` });
      continue;
    }
    if (extracted) {
      bytes += buf.length;
      const r = await options.extractor!.extract(f, buf);
      for (const e of formats.addExtracted(f, r.entries)) {
        texts.set(e.id, e.text);
        docs.push(e.id);
      }
      problems.push(...formats.problemsOf(f));
      continue;
    }
    const d = decodeBytes(buf);
    if (d.binary) {
      skipped.push(f);
      continue;
    }
    const enc = describeEncoding(d);
    if (enc) encodings.set(f, enc);
    bytes += buf.length;
    texts.set(f, d.text);
    formats.addText(f, d.text.length);
    docs.push(f);
  }
  return {
    files: docs,
    skipped,
    texts,
    formats,
    problems,
    sourcesYaml: await readOptional(path.join(root, 'sources.yaml'), 'sources.yaml', warnings, fs),
    entitiesYaml: await readOptional(path.join(root, 'entities.yaml'), 'entities.yaml', warnings, fs),
    bytes,
    warnings,
    encodings,
  };
}

export interface LoadOptions extends CorpusIndexOptions {
  /** Reads PDFs, web pages, Word files, e-mails and images (the formats engineer's service). */
  readonly extractor?: ExtractionService;
  /** Worker threads for per-document work (default 1: this thread, with options.pipeline). */
  readonly jobs?: number;
  /** The pipeline the workers build (must be the same as options.pipeline). */
  readonly spec?: PipelineSpec;
  /** Identifies the pipeline in cache keys ('rules', or the tagger model's id). */
  readonly pipelineId?: string;
  /** Directory of the persistent cache of per-document results. */
  readonly cacheDir?: string;
}

export async function loadFolder(root: string, options: LoadOptions = {}, fs: FolderFs = nodeFs): Promise<LoadedFolder & { stats: IngestStats }> {
  const { extractor, ...indexOptions } = options;
  // The workers start (load the code and the model) while this thread reads the folder.
  const jobs = options.jobs ?? 1;
  const pool = jobs > 1 ? new AnalysisPool(await workerFile(), options.spec ?? {}, jobs) : undefined;
  try {
    const r = await readFolder(root, fs, { extractor });
    const index = new CorpusIndex(indexOptions);
    index.useFileTitles((id) => r.formats.get(id)?.meta.title);
    index.useFileDates((id) => r.formats.get(id)?.meta.date);
    const problems: Problem[] = [...r.problems];
    index.batch(() => {
      problems.push(...index.loadSources('sources.yaml', r.sourcesYaml));
      problems.push(...index.loadCatalog('entities.yaml', r.entitiesYaml));
    });
    // Each result goes into the index as soon as those before it are in (the same order as one
    // merge at the end, so the same index), while the workers analyse the rest.
    const { stats } = await analyseAll(
      index,
      r.files.map((f) => [f, r.texts.get(f)!] as const),
      {
        analyser: pool ?? new LocalAnalyser(index.currentPipeline()),
        cache: options.cacheDir ? new DiskCache<DocumentResult>(options.cacheDir, 'documents') : undefined,
        pipelineId: options.pipelineId ?? 'rules',
        onInOrder: (a) => index.putAnalysed(a.id, a.text, a.result),
      },
    );
    for (const f of stats.failed) problems.push({ file: f.id, message: `could not be read: ${f.error}`, line: 0, character: 0, severity: 'error' });
    for (const f of r.skipped) problems.push({ file: f, message: 'not a text file (binary content): skipped', line: 0, character: 0, severity: 'warning' });
    return { index, files: r.files, texts: r.texts, problems, warnings: r.warnings, encodings: r.encodings, bytes: r.bytes, formats: r.formats, stats };
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
