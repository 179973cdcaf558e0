/**
 * Which files of the workspace are sources: the include and exclude settings (with the default
 * `sources/` folder), less the drafts (drafts/, notes/, sources.yaml `exclude:`) and the YAML files.
 * A cheap listing (the file search), no reads.
 */
import * as vscode from 'vscode';
import type { Config } from '../config';
import type { SourceSet } from '../core/sources/sourceSet';
import { exists, YAML_NAMES } from './sourceFiles';

export class SourceListing {
  constructor(
    private readonly config: Config,
    private readonly sourceSet: SourceSet,
  ) {}

  /** A file's document id: its path relative to the workspace folder (with the folder's name in a multi-root workspace). */
  idOf(uri: vscode.Uri): string {
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    return vscode.workspace.asRelativePath(uri, multiRoot).replace(/\\/g, '/');
  }

  private async includeFor(folder: vscode.WorkspaceFolder): Promise<string> {
    const hasSources = await exists(vscode.Uri.joinPath(folder.uri, 'sources'), vscode.FileType.Directory);
    return this.config.includeFor(hasSources);
  }

  /** The source files of the workspace, by id. */
  async list(): Promise<Map<string, vscode.Uri>> {
    const out = new Map<string, vscode.Uri>();
    const roots: string[] = [];
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const include = await this.includeFor(folder);
      // The literal folder the include starts with holds the sources (the drafts/ rule looks below it).
      const base = /^([^*?{[]*)\//.exec(include)?.[1];
      if (base) roots.push(multiRoot ? `${folder.name}/${base}` : base);
    }
    this.sourceSet.setSourceRoots(roots);
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const include = await this.includeFor(folder);
      const uris = await vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, include),
        new vscode.RelativePattern(folder, this.config.sourcesExclude),
      );
      for (const uri of uris) {
        const base = uri.path.slice(uri.path.lastIndexOf('/') + 1);
        if (base === YAML_NAMES.sources || base === YAML_NAMES.entities) continue;
        const id = this.idOf(uri);
        if (this.sourceSet.isDraft(id)) continue;
        out.set(id, uri);
      }
    }
    return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** What the watchers reported deleted is gone, even where the file search still lists it (its results can lag behind a delete). */
  async dropDeleted(found: Map<string, vscode.Uri>, deleted: readonly vscode.Uri[]): Promise<void> {
    if (!deleted.length) return;
    const gone = new Map(deleted.map((uri) => [this.idOf(uri), uri] as const));
    // Each listed file under a reported file or folder, found by walking up its path (a folder of
    // thousands of files deleted at once is one pass over the listing, not one per file).
    const under = new Map<string, string[]>();
    for (const f of found.keys()) {
      for (let p = f; ; ) {
        if (gone.has(p)) {
          const list = under.get(p);
          if (list) list.push(f);
          else under.set(p, [f]);
          break;
        }
        const slash = p.lastIndexOf('/');
        if (slash < 0) break;
        p = p.slice(0, slash);
      }
    }
    for (const [id, files] of under) if (!(await exists(gone.get(id)!))) for (const f of files) found.delete(f);
  }
}
