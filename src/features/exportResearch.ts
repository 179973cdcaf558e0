/**
 * Export: a Markdown dossier of one entity or a selection (opened in an untitled editor for the user
 * to keep), CSV (entities.csv and mentions.csv into a folder the user picks), and JSON (the index as
 * `scan --json`, in an untitled editor). From the palette and the Entities view's context menu.
 */
import * as vscode from 'vscode';
import { toJson } from '../cli';
import { csvFiles } from '../core/export/csv';
import { dossier } from '../core/export/dossier';
import { DEFAULT_NETWORK_TYPES } from '../core/network/cooccurrence';
import type { EntitySummary } from '../core/types';
import type { FeatureDeps } from './deps';
import { entityFromArg, entityPickItem, type EntityLocator, type EntityPickItem } from './entityLocations';

async function openUntitled(content: string, language: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(doc, { preview: false });
}

export class ResearchExport {
  constructor(
    private readonly deps: FeatureDeps,
    private readonly locator: EntityLocator,
  ) {}

  private readonly pageOf = (id: string, offset: number) => this.deps.formats.store.pageAt(id, offset);

  private get corpus() {
    return this.deps.corpus;
  }

  /** The entities a command is about: the tree element or the one under the cursor, else asked for (several at once). */
  private async entities(arg: unknown, title: string): Promise<EntitySummary[] | undefined> {
    const one = entityFromArg(this.corpus, this.locator, arg);
    if (one && arg !== undefined) return [one];
    const all = this.corpus.entities();
    if (!all.length) {
      void vscode.window.showInformationMessage('Source Research: no entities found in the sources yet.');
      return undefined;
    }
    const items = all.map((e) => ({ ...entityPickItem(e), picked: e.id === one?.id }));
    const picked = await vscode.window.showQuickPick<EntityPickItem>(items, { title, placeHolder: 'Pick the entities (Space to select several, Enter to export)', canPickMany: true, matchOnDescription: true, matchOnDetail: true });
    return picked && picked.length ? picked.map((p) => p.entity) : undefined;
  }

  async dossier(arg?: unknown): Promise<vscode.TextEditor | undefined> {
    const entities = await this.entities(arg, 'Export Dossier: pick the entities');
    if (!entities) return undefined;
    return openUntitled(dossier(this.corpus, entities, { pageOf: this.pageOf, fileFacts: (id) => this.deps.formats.store.get(id), ...(this.deps.quotes ? { quotes: this.deps.quotes } : {}) }), 'markdown');
  }

  async json(): Promise<vscode.TextEditor> {
    const texts = new Map(this.corpus.documents().map((d) => [d.id, this.corpus.text(d.id) ?? '']));
    return openUntitled(JSON.stringify(toJson(this.corpus, texts, this.deps.formats.store), null, 2) + '\n', 'json');
  }

  /** Write entities.csv and mentions.csv into a folder; `target` skips the folder dialog (tests). */
  async csv(arg?: unknown, target?: vscode.Uri): Promise<vscode.Uri[] | undefined> {
    const one = arg !== undefined ? entityFromArg(this.corpus, this.locator, arg) : undefined;
    const entities = one ? [one] : this.corpus.entities();
    const folder =
      target ??
      (
        await vscode.window.showOpenDialog({
          canSelectFolders: true,
          canSelectFiles: false,
          canSelectMany: false,
          openLabel: 'Export Here',
          title: 'Export CSV: the folder for entities.csv and mentions.csv',
          defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        })
      )?.[0];
    if (!folder) return undefined;
    const files = csvFiles(this.corpus, entities, { pageOf: this.pageOf });
    const uris = Object.keys(files).map((name) => vscode.Uri.joinPath(folder, name));
    if (!target) {
      const existing = [];
      for (const u of uris) if (await vscode.workspace.fs.stat(u).then(() => true, () => false)) existing.push(u);
      if (existing.length) {
        const ok = await vscode.window.showWarningMessage(`Replace ${existing.map((u) => u.path.split('/').pop()).join(' and ')} in ${folder.fsPath}?`, { modal: true }, 'Replace');
        if (ok !== 'Replace') return undefined;
      }
    }
    for (const [name, body] of Object.entries(files)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, name), new TextEncoder().encode(body));
    if (!target) {
      void vscode.window.showInformationMessage(`Source Research: exported ${entities.length} entities to ${folder.fsPath}.`, 'Open entities.csv', 'Open mentions.csv').then((pick) => {
        if (pick) void vscode.window.showTextDocument(uris[pick === 'Open entities.csv' ? 0 : 1]!);
      });
    }
    return uris;
  }

  /** The palette's Export…: pick a format. */
  async pick(): Promise<unknown> {
    const formats = [
      { label: '$(markdown) Markdown Dossier…', detail: 'Summary, aliases, passages by source with citations, bibliography; opened in an editor', run: () => this.dossier() },
      { label: '$(table) CSV…', detail: 'entities.csv and mentions.csv (UTF-8 for spreadsheets) into a folder', run: () => this.csv() },
      { label: '$(json) JSON', detail: 'The whole index, as `source-research scan --json`; opened in an editor', run: () => this.json() },
      {
        label: '$(book) Dossier of All People, Organisations, Places and Groups',
        detail: 'One document for the whole corpus',
        run: () => openUntitled(dossier(this.corpus, this.corpus.entities().filter((e) => DEFAULT_NETWORK_TYPES.includes(e.type)), { pageOf: this.pageOf, fileFacts: (id) => this.deps.formats.store.get(id), ...(this.deps.quotes ? { quotes: this.deps.quotes } : {}) }), 'markdown'),
      },
    ];
    const f = await vscode.window.showQuickPick(formats, { title: 'Source Research: Export', placeHolder: 'Export the research as…' });
    return f?.run();
  }
}

export function registerExport(deps: FeatureDeps, locator: EntityLocator): vscode.Disposable {
  const x = new ResearchExport(deps, locator);
  return vscode.Disposable.from(
    vscode.commands.registerCommand('sourceResearch.export', () => x.pick()),
    vscode.commands.registerCommand('sourceResearch.exportDossier', (arg?: unknown) => x.dossier(arg)),
    vscode.commands.registerCommand('sourceResearch.exportCsv', (arg?: unknown, target?: unknown) => x.csv(arg, target instanceof vscode.Uri ? target : undefined)),
    vscode.commands.registerCommand('sourceResearch.exportJson', () => x.json()),
  );
}
