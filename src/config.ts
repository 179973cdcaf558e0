import * as vscode from 'vscode';
import { SOURCE_GLOB_EXTENSIONS } from './core/formats/registry';

/** Default exclude glob: folders that never hold sources. */
export const DEFAULT_EXCLUDE = '**/{node_modules,.git,.vscode-test}/**';
/** The source files under a folder (the file types the index reads). */
export const SOURCE_FILES = `**/*.{${SOURCE_GLOB_EXTENSIONS}}`;
/** Include glob when the workspace has a `sources/` folder and the setting is empty. */
export const SOURCES_FOLDER_INCLUDE = `sources/${SOURCE_FILES}`;
/** Include glob when the workspace has no `sources/` folder and the setting is empty. */
export const ALL_SOURCES_INCLUDE = SOURCE_FILES;

/** Typed access to the `sourceResearch.*` settings: the only place that reads them. */
export class Config implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when any `sourceResearch.*` setting changes. */
  readonly onDidChange = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor() {
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('sourceResearch')) this.emitter.fire();
    });
  }

  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('sourceResearch');
  }

  /** `sourceResearch.sources.include`: glob relative to the workspace folder; undefined = automatic (see includeFor). */
  get sourcesInclude(): string | undefined {
    const v = this.section.get<string>('sources.include', '');
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  }

  /** `sourceResearch.sources.exclude`: glob of files never read as sources. */
  get sourcesExclude(): string {
    const v = this.section.get<string>('sources.exclude', DEFAULT_EXCLUDE);
    return typeof v === 'string' && v.trim() ? v.trim() : DEFAULT_EXCLUDE;
  }

  /**
   * `sourceResearch.sources.folder`: the folder that holds the sources when the workspace has no
   * `sources/` folder (asked once, on the first index); "." for the whole workspace folder; undefined: not chosen.
   */
  get sourcesFolder(): string | undefined {
    const v = this.section.get<string>('sources.folder', '');
    const f = typeof v === 'string' ? v.trim().replace(/\\/g, '/').replace(/^\.\/(?=.)/, '').replace(/\/+$/, '') : '';
    return f || undefined;
  }

  /** Remember the sources folder in the workspace settings. */
  async setSourcesFolder(folder: string): Promise<void> {
    await this.section.update('sources.folder', folder, vscode.ConfigurationTarget.Workspace);
  }

  /** The include glob for a workspace folder, given whether it has a `sources/` folder. */
  includeFor(hasSourcesFolder: boolean): string {
    const custom = this.sourcesInclude;
    if (custom) return custom;
    if (hasSourcesFolder) return SOURCES_FOLDER_INCLUDE;
    const folder = this.sourcesFolder;
    return folder && folder !== '.' ? `${folder.replace(/[{}[\]*?]/g, '?')}/${SOURCE_FILES}` : ALL_SOURCES_INCLUDE;
  }

  /** `sourceResearch.hover.enabled`: show entity hovers. */
  get hoverEnabled(): boolean {
    return this.section.get<boolean>('hover.enabled', true) !== false;
  }

  /** `sourceResearch.highlight.enabled`: decorate known names in open sources and drafts. */
  get highlightEnabled(): boolean {
    return this.section.get<boolean>('highlight.enabled', true) !== false;
  }

  /** `sourceResearch.tagger.enabled`: use the trained entity tagger besides the rules. */
  get taggerEnabled(): boolean {
    return this.section.get<boolean>('tagger.enabled', true) !== false;
  }

  /**
   * `sourceResearch.index.database`: URL of the shared team index (postgres://user@host:port/database),
   * without a password (that is kept in SecretStorage); undefined = no shared index.
   */
  get indexDatabase(): string | undefined {
    const v = this.section.get<string>('index.database', '');
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
