/**
 * Which folder holds the sources. A workspace with a `sources/` folder, a `sources.yaml`, or a
 * `sourceResearch.sources.include` setting says so itself. Otherwise, after the first index, the
 * extension asks once (per workspace) which folder holds the sources, and remembers the answer in
 * the workspace settings (`sourceResearch.sources.folder`). Until then every text file outside
 * drafts/ and notes/ is read. "Source Research: Choose the Sources Folder…" asks again.
 */
import * as vscode from 'vscode';
import { escapeThemeIcons } from '../core/text/sanitize';
import type { Corpus } from '../core/index/api';
import type { Config } from '../config';
import type { FeatureDeps } from './deps';

const ASKED_KEY = 'sourceResearch.sourcesFolder.asked';
const WHOLE = '.';

interface FolderItem extends vscode.QuickPickItem {
  readonly folder: string;
}

/** Does any workspace folder have a sources/ folder? */
async function hasSourcesFolder(): Promise<boolean> {
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    try {
      if ((await vscode.workspace.fs.stat(vscode.Uri.joinPath(f.uri, 'sources'))).type & vscode.FileType.Directory) return true;
    } catch {
      /* none */
    }
  }
  return false;
}

/** The folders the indexed files are in (first path segment), with their file counts, most files first. */
export function candidateFolders(corpus: Corpus): { folder: string; files: number }[] {
  const counts = new Map<string, number>();
  let root = 0;
  for (const d of corpus.documents()) {
    const i = d.id.indexOf('/');
    if (i < 0) root++;
    else counts.set(d.id.slice(0, i), (counts.get(d.id.slice(0, i)) ?? 0) + 1);
  }
  const out = [...counts].map(([folder, files]) => ({ folder, files })).sort((a, b) => b.files - a.files || a.folder.localeCompare(b.folder));
  return root ? [...out, { folder: WHOLE, files: root + out.reduce((n, f) => n + f.files, 0) }] : out;
}

/** Ask which folder holds the sources; resolves with the folder written to the settings, or undefined. */
export async function chooseSourcesFolder(corpus: Corpus, config: Config, folder?: string): Promise<string | undefined> {
  if (folder === undefined) {
    const items: FolderItem[] = candidateFolders(corpus).map(({ folder: f, files }) => ({
      label: f === WHOLE ? '$(root-folder) The whole workspace folder' : `$(folder) ${escapeThemeIcons(f)}`,
      description: `${files} file${files === 1 ? '' : 's'}`,
      folder: f,
    }));
    if (!items.some((i) => i.folder === WHOLE)) items.push({ label: '$(root-folder) The whole workspace folder', folder: WHOLE });
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Which folder holds your sources?',
      placeHolder: 'Files elsewhere (and in drafts/ and notes/) are your own writing: checked against the sources, never counted as one',
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    folder = picked.folder;
  }
  await config.setSourcesFolder(folder);
  return folder;
}

export function registerSourcesFolder(deps: FeatureDeps): vscode.Disposable {
  const { context, corpus, config, sources } = deps;
  let checking = false;
  const maybeAsk = async () => {
    if (checking || context.workspaceState.get<boolean>(ASKED_KEY) || !vscode.workspace.workspaceFolders?.length) return;
    // A sources.yaml at the root says the workspace folder is the sources folder.
    if (config.sourcesInclude || config.sourcesFolder || sources.sourcesYamlUri || corpus.documents().length === 0) return;
    checking = true;
    try {
      if (await hasSourcesFolder()) return;
      await context.workspaceState.update(ASKED_KEY, true);
      const choose = 'Choose Folder…';
      const whole = 'Whole Workspace';
      const answer = await vscode.window.showInformationMessage(
        'Source Research: this workspace has no sources/ folder. Which folder holds your sources? Your drafts and notes should not count as evidence.',
        choose,
        whole,
      );
      if (answer === choose) await chooseSourcesFolder(corpus, config);
      else if (answer === whole) await chooseSourcesFolder(corpus, config, WHOLE);
    } finally {
      checking = false;
    }
  };
  return vscode.Disposable.from(
    sources.onDidIndex(() => void maybeAsk()),
    vscode.commands.registerCommand('sourceResearch.chooseSourcesFolder', (folder?: unknown) =>
      chooseSourcesFolder(corpus, config, typeof folder === 'string' ? folder : undefined),
    ),
  );
}
