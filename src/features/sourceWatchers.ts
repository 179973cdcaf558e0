/**
 * The file watchers of the workspace corpus (workspaceCorpus.ts): source files of any source format
 * (and of a custom include), the YAML files where they may be, and folders appearing or going.
 */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { SOURCE_GLOB_EXTENSIONS } from '../core/formats/registry';
import { YAML_NAMES } from './sourceFiles';

export type WatchedChange = 'create' | 'change' | 'delete';

export interface WatcherEvents {
  /** A source file (of a source format, or matching a custom include) was created, changed or deleted. */
  source(uri: vscode.Uri, what: WatchedChange): void;
  /** A sources.yaml or entities.yaml where they may be changed. */
  yaml(): void;
  /** A folder was deleted (its files with it), or a `sources` folder created (the default include changes). */
  folder(uri: vscode.Uri, what: 'create' | 'delete'): void;
}

/** The watchers for the current settings (`yamlDirs`: where the YAML files may be, relative to a workspace folder). */
export function createSourceWatchers(config: Config, yamlDirs: readonly string[][], on: WatcherEvents): vscode.Disposable[] {
  const watchers: vscode.Disposable[] = [];
  const add = (w: vscode.FileSystemWatcher, onEvent: (uri: vscode.Uri, what: WatchedChange) => void): void => {
    watchers.push(w, w.onDidCreate((u) => onEvent(u, 'create')), w.onDidChange((u) => onEvent(u, 'change')), w.onDidDelete((u) => onEvent(u, 'delete')));
  };
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    // Sources: any file of a source format (the include/exclude settings are applied on the listing).
    add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `**/*.{${SOURCE_GLOB_EXTENSIONS}}`)), (uri, what) => on.source(uri, what));
    // A custom include may name other extensions.
    const custom = config.sourcesInclude;
    if (custom) add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, custom)), (uri, what) => on.source(uri, what));
    const yamlGlob = `{${yamlDirs.flatMap((d) => Object.values(YAML_NAMES).map((n) => [...d, n].join('/'))).join(',')}}`;
    add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, yamlGlob)), () => on.yaml());
    // The sources folder itself appearing or going changes the default include; a deleted folder takes its files along.
    add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), false, true, false), (uri, what) => {
      if (what === 'delete') on.folder(uri, 'delete');
      else if (uri.path.endsWith('/sources')) on.folder(uri, 'create');
    });
  }
  return watchers;
}
