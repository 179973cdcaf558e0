/**
 * The Sources view: the corpus documents with their title, publisher · date and metadata; a click
 * opens the document. Also the sourceResearch.openSource command (used by other features to go
 * to a passage). Driven by corpus.onDidChange; getChildren never reads files.
 */
import * as vscode from 'vscode';
import type { Corpus, DocumentInfo } from '../core/index/api';
import type { Span } from '../core/types';
import type { FeatureDeps } from './deps';
import { rangeInDocument } from './ranges';
import { escapeThemeIcons } from '../core/text/sanitize';
import type { WorkspaceCorpus } from './workspaceCorpus';

export const SOURCES_VIEW_ID = 'sourceResearch.sources';

/** `publisher · date`, leaving out what is unknown. */
export function describeSource(doc: DocumentInfo): string {
  return [doc.meta?.publisher, doc.meta?.date].filter((s): s is string => !!s && s.trim() !== '').join(' · ');
}

/** Tooltip with the metadata. Values are untrusted (YAML, file names): always escaped, never a trusted MarkdownString. */
export function sourceTooltip(doc: DocumentInfo): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**');
  md.appendText(doc.title);
  md.appendMarkdown('**\n\n');
  const m = doc.meta ?? {};
  const rows: [string, string | undefined][] = [
    ['Authors', m.authors?.join(', ')],
    ['Publisher', m.publisher],
    ['Date', m.date],
    ['Kind', m.kind],
    ['URL', m.url],
    ['File', doc.id],
    ['Size', `${doc.chars.toLocaleString('en')} characters`],
  ];
  for (const [label, value] of rows) {
    if (!value) continue;
    md.appendMarkdown(`*${label}:* `);
    md.appendText(value);
    md.appendMarkdown('  \n');
  }
  if (m.note) {
    md.appendMarkdown('\n');
    md.appendText(m.note);
  }
  return md;
}

class SourcesProvider implements vscode.TreeDataProvider<DocumentInfo> {
  private readonly emitter = new vscode.EventEmitter<DocumentInfo | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly corpus: Corpus,
    private readonly sources: WorkspaceCorpus,
  ) {}

  refresh(): void {
    this.emitter.fire();
  }

  getChildren(element?: DocumentInfo): DocumentInfo[] {
    if (element) return [];
    return this.corpus.documents().sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) || (a.id < b.id ? -1 : 1));
  }

  getTreeItem(doc: DocumentInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(doc.title, vscode.TreeItemCollapsibleState.None);
    item.id = doc.id;
    item.description = describeSource(doc);
    item.tooltip = sourceTooltip(doc);
    item.resourceUri = this.sources.uriOf(doc.id);
    item.iconPath = vscode.ThemeIcon.File;
    item.contextValue = 'sourceResearch.source';
    item.accessibilityInformation = { label: [doc.title, item.description].filter(Boolean).join(', ') };
    item.command = { command: 'sourceResearch.openSource', title: 'Open Source', arguments: [doc.id] };
    return item;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** Open a corpus document (by id, tree element or Uri), optionally selecting a span of it. */
export async function openSource(
  corpus: Corpus,
  sources: WorkspaceCorpus,
  target: string | DocumentInfo | vscode.Uri | undefined,
  span?: Span,
): Promise<vscode.TextEditor | undefined> {
  if (target === undefined) {
    // From the Command Palette: pick one.
    const picked = await vscode.window.showQuickPick(
      corpus.documents().map((d) => ({ label: escapeThemeIcons(d.title), description: escapeThemeIcons(describeSource(d)), detail: escapeThemeIcons(d.id), id: d.id })),
      { title: 'Open Source Document', placeHolder: 'Type to filter the source documents', matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return undefined;
    target = picked.id;
  }
  const uri = target instanceof vscode.Uri ? target : sources.uriOf(typeof target === 'string' ? target : (target?.id ?? ''));
  if (!uri) {
    void vscode.window.showWarningMessage('Source Research: that source is no longer in the workspace.');
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const options: vscode.TextDocumentShowOptions = { preview: true };
  const docId = sources.docIdOf(uri);
  const range = span && rangeInDocument(doc, docId === undefined ? undefined : corpus.text(docId), span);
  if (range) options.selection = range;
  const editor = await vscode.window.showTextDocument(doc, options);
  if (range) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

export function registerSourcesView(deps: FeatureDeps): vscode.Disposable {
  const provider = new SourcesProvider(deps.corpus, deps.sources);
  const view = vscode.window.createTreeView(SOURCES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: false });
  const update = () => {
    provider.refresh();
    const n = deps.corpus.documents().length;
    view.description = n ? `${n} document${n === 1 ? '' : 's'}` : undefined;
    void vscode.commands.executeCommand('setContext', 'sourceResearch.hasSources', n > 0);
  };
  update();
  return vscode.Disposable.from(
    provider,
    view,
    { dispose: deps.corpus.onDidChange(update).dispose },
    vscode.commands.registerCommand('sourceResearch.openSource', (target?: string | DocumentInfo | vscode.Uri, span?: Span) =>
      openSource(deps.corpus, deps.sources, target, span),
    ),
  );
}
