/**
 * sources.yaml and entities.yaml of the workspace corpus (workspaceCorpus.ts): where they are (the
 * sources folder, the chosen sources folder, the workspace root), loading them into the index and
 * the source set, and their problems in the Problems panel. An unreadable file keeps the last good
 * version in force.
 */
import * as vscode from 'vscode';
import type { CorpusWriter } from '../core/index/api';
import type { SourceSet } from '../core/sources/sourceSet';
import type { Problem } from '../core/types';
import type { Config } from '../config';
import type { Log } from '../log';
import { exists, readSourceFile, reportProblems, YAML_NAMES, type Kind, type YamlFile } from './sourceFiles';

export class WorkspaceYaml implements vscode.Disposable {
  readonly files: Partial<Record<Kind, YamlFile>> = {};
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('sourceResearch');
  /** The chosen sources folder the YAML files were last looked for in. */
  folder: string | undefined;

  constructor(
    private readonly corpus: Pick<CorpusWriter, 'loadSources' | 'loadCatalog'>,
    private readonly sourceSet: SourceSet,
    private readonly config: Config,
    private readonly log: Log,
    private readonly idOf: (uri: vscode.Uri) => string,
  ) {}

  /** Which YAML file an open document is, if any. */
  kindOf(uri: vscode.Uri): Kind | undefined {
    return (['sources', 'entities'] as const).find((k) => this.files[k]?.uri.toString() === uri.toString());
  }

  /** Report problems of a file in the Problems panel. */
  report(uri: vscode.Uri, problems: readonly Problem[]): void {
    reportProblems(this.diagnostics, this.log, uri, problems);
  }

  dispose(): void {
    this.diagnostics.dispose();
  }

  /** Where the YAML files may be, relative to a workspace folder: sources/, the chosen sources folder, the root. */
  yamlDirs(): string[][] {
    const chosen = (this.folder = this.config.sourcesFolder);
    const dirs = [['sources']];
    if (chosen && chosen !== '.' && chosen !== 'sources') dirs.push(chosen.split('/'));
    dirs.push([]);
    return dirs;
  }

  /** Find and load both YAML files (any of them may have appeared, moved or gone). */
  async reload(): Promise<void> {
    for (const kind of ['sources', 'entities'] as const) {
      const file = await this.find(kind);
      const old = this.files[kind];
      if (old && (!file || old.uri.toString() !== file.uri.toString())) {
        this.diagnostics.delete(old.uri);
        this.load(kind, old.id, undefined);
        delete this.files[kind];
      }
      if (file) {
        this.files[kind] = file;
        const r = await readSourceFile(file.uri, this.log);
        if (r.why !== undefined) {
          // Unreadable: the last good version stays in force, and the user is told.
          const message = `${YAML_NAMES[kind]} could not be read (${r.why}); the last good version is kept.`;
          this.report(file.uri, [{ file: file.id, message, line: 0, character: 0, severity: 'error' }]);
          void vscode.window.showWarningMessage(`Source Research: ${message}`);
        } else this.load(kind, file.id, r.text, file.uri);
      }
    }
  }

  load(kind: Kind, id: string, text: string | undefined, uri?: vscode.Uri): void {
    let problems: Problem[] = [];
    try {
      if (kind === 'sources') this.sourceSet.loadSourcesYaml(id, text);
      problems = kind === 'sources' ? this.corpus.loadSources(id, text) : this.corpus.loadCatalog(id, text);
    } catch (e) {
      this.log.error(`Cannot load ${id}:`, e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
    if (uri) this.report(uri, problems);
  }

  /** sources.yaml / entities.yaml: in the sources folder, else the workspace root (first folder that has one). */
  private async find(kind: Kind): Promise<YamlFile | undefined> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const dir of this.yamlDirs()) {
        const uri = vscode.Uri.joinPath(folder.uri, ...dir, YAML_NAMES[kind]);
        if (await exists(uri, vscode.FileType.File)) return { id: this.idOf(uri), uri };
      }
    }
    return undefined;
  }
}
