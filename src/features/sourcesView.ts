/**
 * The Sources view: the corpus documents with their title, publisher · date and metadata; a click
 * opens the document. Also the sourceResearch.openSource command (used by other features to go
 * to a passage). Driven by corpus.onDidChange; getChildren never reads files.
 */
import * as vscode from 'vscode';
import type { Corpus, DocumentInfo } from '../core/index/api';
import type { FileFacts } from '../core/citation/citation';
import { formFeedPages } from '../core/sources/pages';
import type { FileFactsSource } from './citations';
import type { Span } from '../core/types';
import type { FeatureDeps } from './deps';
import { rangeInDocument } from './ranges';
import { escapeThemeIcons } from '../core/text/sanitize';
import { compareNames } from '../core/index/entityText';
import type { WorkspaceCorpus } from './workspaceCorpus';
import { SHARED_SCHEME } from './entityLocations';

export const SOURCES_VIEW_ID = 'sourceResearch.sources';

/** `publisher · date · 12 pages`, leaving out what is unknown (sources.yaml first, else the file's own metadata). */
export function describeSource(doc: DocumentInfo, pages?: number, file?: FileFacts): string {
  const date = doc.meta?.date ?? file?.meta?.date?.slice(0, 10);
  return [doc.meta?.publisher ?? file?.meta?.publisher, date, pages ? `${pages} page${pages === 1 ? '' : 's'}` : undefined]
    .filter((s): s is string => !!s && s.trim() !== '')
    .join(' · ');
}

/** The format of a document, from its file name. */
export function formatOfId(id: string): string {
  const ext = /\.([^./]+)$/.exec(id.replace(/#.*$/, ''))?.[1]?.toLowerCase() ?? '';
  if (/^(md|markdown|mdown|mkd)$/.test(ext)) return 'markdown';
  if (ext === 'pdf') return 'pdf';
  if (/^x?html?$/.test(ext)) return 'html';
  if (ext === 'docx') return 'docx';
  if (/^(eml|mbox)$/.test(ext)) return 'email';
  if (/^(png|jpe?g|tiff?)$/.test(ext)) return 'image';
  return 'text';
}

/** The codicon of each format. */
export const FORMAT_ICON: Readonly<Record<string, string>> = {
  text: 'file-text',
  markdown: 'markdown',
  pdf: 'file-pdf',
  html: 'globe',
  docx: 'book',
  email: 'mail',
  image: 'file-media',
};

export const FORMAT_LABEL: Readonly<Record<string, string>> = {
  text: 'Plain text',
  markdown: 'Markdown',
  pdf: 'PDF',
  html: 'Web page',
  docx: 'Word document',
  email: 'E-mail',
  image: 'Image',
};

const TITLE_FROM: Readonly<Record<string, string>> = {
  'sources.yaml': 'sources.yaml',
  file: 'the file',
  'first line': 'the first line',
  'file name': 'the file name',
};

/**
 * Tooltip with the metadata, each value marked with where it came from (sources.yaml or the file).
 * Values are untrusted (YAML, file names): always escaped, never a trusted MarkdownString.
 */
export function sourceTooltip(doc: DocumentInfo, extra: { pages?: number; file?: FileFacts } = {}): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**');
  md.appendText(doc.title);
  md.appendMarkdown('**');
  if (doc.titleFrom) md.appendMarkdown(` *(from ${TITLE_FROM[doc.titleFrom] ?? doc.titleFrom})*`);
  md.appendMarkdown('\n\n');
  const m = doc.meta ?? {};
  const f = extra.file?.meta ?? {};
  const format = extra.file?.format ?? formatOfId(doc.id);
  const yaml = (v: string | undefined, fromFile?: string): [string | undefined, string] => (v ? [v, 'sources.yaml'] : [fromFile, 'the file']);
  const rows: [string, [string | undefined, string]][] = [
    ['Authors', yaml(m.authors?.join(', '), f.authors?.join(', '))],
    ['Publisher', yaml(m.publisher, f.publisher)],
    ['Date', yaml(m.date, f.date)],
    ['Kind', yaml(m.kind)],
    ['URL', yaml(m.url, f.url)],
    ['Format', [FORMAT_LABEL[format], '']],
    ['Pages', [extra.pages ? String(extra.pages) : undefined, 'the file']],
    ['File', [doc.id, '']],
    ['Size', [`${doc.chars.toLocaleString('en')} characters`, '']],
  ];
  for (const [label, [value, from]] of rows) {
    if (!value) continue;
    md.appendMarkdown(`*${label}:* `);
    md.appendText(value);
    if (from) md.appendMarkdown(` *(${from})*`);
    md.appendMarkdown('  \n');
  }
  if (m.note) {
    md.appendMarkdown('\n');
    md.appendText(m.note);
  }
  return md;
}

export class SourcesProvider implements vscode.TreeDataProvider<DocumentInfo> {
  private readonly emitter = new vscode.EventEmitter<DocumentInfo | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly corpus: Corpus,
    private readonly sources: WorkspaceCorpus,
    private readonly facts?: FileFactsSource,
  ) {}

  refresh(): void {
    this.emitter.fire();
  }

  getChildren(element?: DocumentInfo): DocumentInfo[] {
    if (element) return [];
    return this.corpus.documents().sort((a, b) => compareNames(a.label ?? a.title, b.label ?? b.title) || (a.id < b.id ? -1 : 1));
  }

  getTreeItem(doc: DocumentInfo): vscode.TreeItem {
    const label = doc.label ?? doc.title;
    const text = this.corpus.text(doc.id);
    const file = this.facts?.get(doc.id);
    const pages = (file as { pages?: readonly unknown[] } | undefined)?.pages?.length || (text === undefined ? undefined : formFeedPages(text));
    const format = file?.format ?? formatOfId(doc.id);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = doc.id;
    item.description = describeSource(doc, pages, file);
    item.tooltip = sourceTooltip(doc, { pages, file });
    item.resourceUri = this.sources.uriOf(doc.id);
    if (item.resourceUri?.scheme === SHARED_SCHEME) item.description = ['shared index', item.description].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(FORMAT_ICON[format] ?? 'file');
    item.contextValue = 'sourceResearch.source';
    item.accessibilityInformation = { label: [label, FORMAT_LABEL[format], item.description].filter(Boolean).join(', ') };
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
      corpus.documents().map((d) => ({ label: escapeThemeIcons(d.label ?? d.title), description: escapeThemeIcons(describeSource(d)), detail: escapeThemeIcons(d.id), id: d.id })),
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
  const provider = new SourcesProvider(deps.corpus, deps.sources, deps.formats.store);
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
