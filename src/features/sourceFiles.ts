/**
 * What the workspace corpus (workspaceCorpus.ts) reads and is given: source and YAML files read as
 * the editor shows them, why a file cannot be read, YAML problems for the Problems panel, and the
 * interfaces of its collaborators (the per-document analyser, the shared index's documents).
 */
import * as vscode from 'vscode';
import { decodeInSlices, describeEncoding } from '../core/text/decode';
import type { Problem } from '../core/types';
import type { Analysed, IngestStats } from '../node/ingest';
import type { Log } from '../log';
import { problemRange } from './ranges';

/** Files larger than this are not read as sources. */
export const MAX_BYTES = 100 * 1024 * 1024;
/** Documents longer than this are not cached when they change (hashing and packing them would block the host). */
export const NO_CACHE_ABOVE = 2_000_000;
/**
 * Per-document work off the host thread (src/node/indexer.ts): results come back in the order asked,
 * and go into the index with put() inside one corpus batch.
 */
export interface DocumentAnalyser {
  /** `useCache: false` for unsaved buffers (packing every intermediate edit for the cache is wasted work on the host thread). */
  analyse(docs: readonly (readonly [string, string])[], opts?: { onProgress?: (done: number, total: number) => void; isCancelled?: () => boolean; useCache?: boolean }): Promise<readonly Analysed[]>;
  put(a: Analysed, replace?: boolean): void;
  /** Merge a large result ahead of its put(), over several turns of the event loop (the index keeps answering meanwhile). */
  prepare?(a: Analysed): Promise<void>;
  /** What the last analyse() did. */
  readonly lastStats?: IngestStats;
  /** Resolves when the results analysed so far are in the persistent cache. */
  flush?(): Promise<void>;
  /** Get ready for the next analysis in the background (the workers a cache-warm start did not need). */
  warmUp?(): void;
}

export type Kind = 'sources' | 'entities';
export const YAML_NAMES: Record<Kind, string> = { sources: 'sources.yaml', entities: 'entities.yaml' };

/** What a failed read means to the user (vscode.FileSystemError codes, else the Node error code). */
export function fsErrorMessage(e: unknown): string {
  const code = (e as { code?: string } | undefined)?.code;
  if (code === 'FileNotFound' || code === 'ENOENT') return 'it no longer exists';
  if (code === 'NoPermissions' || code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENAMETOOLONG') return 'its path is longer than the system allows';
  if (code === 'FileIsADirectory') return 'it is a folder';
  return `it cannot be read (${e instanceof Error ? e.message : String(e)})`;
}

export interface YamlFile {
  readonly id: string;
  readonly uri: vscode.Uri;
}

/** Maps the documents only the shared team index has to read-only editor documents. */
export interface SharedDocuments {
  uriOf(docId: string): vscode.Uri | undefined;
  docIdOf(uri: vscode.Uri): string | undefined;
}

/** The text of a file, or why it cannot be had. */
export async function readSourceFile(uri: vscode.Uri, log: Log): Promise<{ text?: string; why?: string }> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) return { text: open.getText() };
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > MAX_BYTES) return { why: `${bytes.byteLength} bytes is more than ${MAX_BYTES}` };
    const decoded = await decodeInSlices(bytes, () => new Promise((r) => setImmediate(r)));
    if (decoded.binary) return { why: `it is not a text file (${decoded.binary})` };
    const how = describeEncoding(decoded);
    if (how) log.info(`${uri.fsPath}: ${how}.`);
    return { text: decoded.text };
  } catch (e) {
    return { why: fsErrorMessage(e) };
  }
}


export async function exists(uri: vscode.Uri, type?: vscode.FileType): Promise<boolean> {
  try {
    const s = await vscode.workspace.fs.stat(uri);
    return type === undefined || (s.type & type) !== 0;
  } catch {
    return false;
  }
}


/** Show the problems of a YAML file in the Problems panel (and the log). */
export function reportProblems(diagnostics: vscode.DiagnosticCollection, log: Log, uri: vscode.Uri, problems: readonly Problem[]): void {
  diagnostics.set(
    uri,
    problems.map((p) => {
      const d = new vscode.Diagnostic(
        problemRange(p),
        p.message,
        p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'Source Research';
      return d;
    }),
  );
  for (const p of problems) log.warn(`${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}`);
}
