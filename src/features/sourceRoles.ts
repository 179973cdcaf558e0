/**
 * Not a Source / Mark as Source: a file of the sources folder that is the user's own writing is
 * listed under `exclude:` in sources.yaml (created when missing, next to the sources), written back
 * keeping comments and order, as a WorkspaceEdit (undoable) that is saved and loaded at once. The
 * index then drops the file (or reads it again). On a file, in the Explorer, the editor and its
 * tab, the Sources view, and the Command Palette (the active editor's file). Context keys
 * `sourceResearch.sourcePaths` and `sourceResearch.excludedPaths` decide which of the two a menu offers.
 */
import * as vscode from 'vscode';
import { escapeThemeIcons } from '../core/text/sanitize';
import { setExcluded, SourcesEditError } from '../core/catalog/sourcesEdit';
import type { DocumentInfo } from '../core/index/api';
import { normalisePath, relativeTo } from '../core/sources/sourceSet';
import type { Config } from '../config';
import type { Log } from '../log';
import type { FeatureDeps } from './deps';
import type { FormatDocuments } from './formatDocuments';
import type { WorkspaceCorpus } from './workspaceCorpus';
import { applyYamlFileEdit } from './yamlFileEdit';

const SOURCES_YAML = 'sources.yaml';

export class SourceRoles {
  constructor(
    private readonly sources: WorkspaceCorpus,
    private readonly config: Config,
    private readonly log: Log,
  ) {}

  /**
   * The sources.yaml in force, else where a new one goes: the sources/ folder when there is one, else
   * the sources folder the user chose, else the workspace folder of the file.
   */
  async sourcesYamlUri(file: vscode.Uri): Promise<vscode.Uri | undefined> {
    const known = this.sources.sourcesYamlUri;
    if (known) return known;
    const folder = vscode.workspace.getWorkspaceFolder(file) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const chosen = this.config.sourcesFolder;
    const dir = vscode.Uri.joinPath(folder.uri, 'sources');
    try {
      if ((await vscode.workspace.fs.stat(dir)).type & vscode.FileType.Directory) return vscode.Uri.joinPath(dir, SOURCES_YAML);
    } catch {
      /* no sources/ folder */
    }
    if (chosen && chosen !== '.') return vscode.Uri.joinPath(folder.uri, ...chosen.split('/'), SOURCES_YAML);
    return vscode.Uri.joinPath(folder.uri, SOURCES_YAML);
  }

  /** Mark a file as not a source (`excluded` true) or as a source again. Resolves true when sources.yaml now says so. */
  async setExcluded(file: vscode.Uri, excluded: boolean): Promise<boolean> {
    const label = excluded ? 'Not a Source' : 'Mark as Source';
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Source Research does not change sources.yaml in an untrusted workspace.');
      return false;
    }
    if (!vscode.workspace.getWorkspaceFolder(file)) {
      void vscode.window.showWarningMessage('Source Research: only files of the workspace can be sources.');
      return false;
    }
    const uri = await this.sourcesYamlUri(file);
    if (!uri) return false;
    const yamlId = this.sources.idOfUri(uri);
    const entry = relativeTo(yamlId, this.sources.idOfUri(file));
    const name = escapeThemeIcons(entry.slice(entry.lastIndexOf('/') + 1));
    if (!excluded && !this.sources.sourceSet.isExcluded(normalisePath(this.sources.idOfUri(file)))) {
      const reason = this.sources.draftReason(file);
      void vscode.window.showInformationMessage(
        reason === 'drafts-folder'
          ? `Source Research: ${name} is in a drafts or notes folder; move it out of that folder to make it a source.`
          : `Source Research: ${name} is not marked Not a Source.`,
      );
      return reason === undefined;
    }
    const doc = await applyYamlFileEdit({ uri, label: `${label}: ${name}`, change: (text) => setExcluded(text, entry, excluded), userError: SourcesEditError }, this.log);
    if (doc === 'unchanged') return true;
    if (!doc) return false;
    await this.sources.sourcesYamlChanged();
    this.log.info(`${label}: ${entry} (${yamlId}).`);
    void vscode.window.setStatusBarMessage(
      excluded ? `Source Research: ${name} is not a source now (listed under exclude: in sources.yaml)` : `Source Research: ${name} is a source again`,
      5000,
    );
    return true;
  }
}

/**
 * The workspace file a document comes from: the file itself, or the file a PDF's (or an
 * attachment's) text view was read from — the e-mail of an attachment.
 */
export function workspaceFileOf(sources: WorkspaceCorpus, formats: FormatDocuments, docId: string): vscode.Uri | undefined {
  const fileId = formats.store.get(docId)?.file ?? docId;
  const direct = formats.fileUriOf(fileId) ?? sources.uriOf(fileId);
  if (direct?.scheme === 'file') return direct;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return vscode.Uri.joinPath(folders[0]!.uri, ...fileId.split('/'));
  const [name, ...rest] = fileId.split('/');
  const f = folders.find((x) => x.name === name);
  return f && vscode.Uri.joinPath(f.uri, ...rest);
}

/** The file a command is about: a Uri (Explorer, editor menus), a Sources view element or a document id, else the active editor's file. */
export function fileFromArg(sources: WorkspaceCorpus, formats: FormatDocuments, arg: unknown): vscode.Uri | undefined {
  const ofUri = (uri: vscode.Uri) => {
    const id = uri.scheme === 'file' ? undefined : (formats.docIdOf(uri) ?? sources.docIdOf(uri));
    return id !== undefined ? workspaceFileOf(sources, formats, id) : uri.scheme === 'file' ? uri : undefined;
  };
  if (arg instanceof vscode.Uri) return ofUri(arg);
  if (typeof arg === 'string') return workspaceFileOf(sources, formats, arg);
  if (arg && typeof arg === 'object' && typeof (arg as DocumentInfo).id === 'string') return workspaceFileOf(sources, formats, (arg as DocumentInfo).id);
  const doc = vscode.window.activeTextEditor?.document;
  return doc ? ofUri(doc.uri) : undefined;
}

export function registerSourceRoles(deps: FeatureDeps): vscode.Disposable {
  const { sources, corpus } = deps;
  const roles = new SourceRoles(sources, deps.config, deps.log);
  const updateContext = () => {
    const sourcePaths = [...new Set(corpus.documents().map((d) => workspaceFileOf(sources, deps.formats, d.id)?.fsPath).filter((p): p is string => !!p))];
    const folders = vscode.workspace.workspaceFolders ?? [];
    // Ids are relative to the workspace folder; in a multi-root workspace they start with the folder's name.
    const toPath = (id: string): string | undefined => {
      if (folders.length === 1) return vscode.Uri.joinPath(folders[0]!.uri, ...id.split('/')).fsPath;
      const [name, ...rest] = id.split('/');
      const f = folders.find((x) => x.name === name);
      return f && vscode.Uri.joinPath(f.uri, ...rest).fsPath;
    };
    const excludedPaths = sources.sourceSet.excludedIds().map(toPath).filter((p): p is string => !!p);
    void vscode.commands.executeCommand('setContext', 'sourceResearch.sourcePaths', sourcePaths);
    void vscode.commands.executeCommand('setContext', 'sourceResearch.excludedPaths', excludedPaths);
  };
  const run = (excluded: boolean) => async (arg?: unknown) => {
    const file = fileFromArg(sources, deps.formats, arg);
    if (!file) {
      void vscode.window.showInformationMessage(`Source Research: open the file to mark ${excluded ? 'as not a source' : 'as a source'} first.`);
      return false;
    }
    return roles.setExcluded(file, excluded);
  };
  return vscode.Disposable.from(
    sources.onDidIndex(updateContext),
    vscode.commands.registerCommand('sourceResearch.markNotSource', run(true)),
    vscode.commands.registerCommand('sourceResearch.markSource', run(false)),
  );
}
