/**
 * The Quotes view (every quote, grouped by speaker or by source) and the Claims view (the
 * disagreements between sources: the same measure given different values). Clicking a quote or a
 * claim opens its passage; the context menu copies a quote with its citation.
 */
import * as vscode from 'vscode';
import type { ClaimLedger, Disagreement } from '../core/claims/ledger';
import type { Claim } from '../core/claims/extract';
import type { Corpus } from '../core/index/api';
import { plural, sourceLabel } from '../core/index/entityText';
import type { QuoteIndex } from '../core/quotes/quoteIndex';
import type { Quote } from '../core/quotes/types';
import type { FeatureDeps } from './deps';
import { claimLabel, oneLine, quoteAsMarkdown, quoteLabel, speakerName } from './quoteText';

export const QUOTES_VIEW_ID = 'sourceResearch.quotes';
export const CLAIMS_VIEW_ID = 'sourceResearch.claims';

export type QuoteNode =
  | { readonly kind: 'group'; readonly id: string; readonly label: string; readonly quotes: readonly Quote[]; readonly bySource: boolean }
  | { readonly kind: 'quote'; readonly id: string; readonly quote: Quote; readonly bySource: boolean };

export class QuotesTreeProvider implements vscode.TreeDataProvider<QuoteNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  bySource = false;

  constructor(
    private readonly corpus: Corpus,
    private readonly quotes: QuoteIndex,
  ) {}

  refresh(): void {
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }

  getChildren(element?: QuoteNode): QuoteNode[] {
    if (element?.kind === 'group') return element.quotes.map((q) => ({ kind: 'quote', id: `${element.id}/${q.id}`, quote: q, bySource: element.bySource }));
    if (element) return [];
    const groups = new Map<string, { label: string; quotes: Quote[] }>();
    for (const q of this.quotes.all()) {
      const key = this.bySource ? q.docId : (q.entityId ?? `unnamed:${speakerName(this.corpus, q).toLowerCase()}`);
      const label = this.bySource ? sourceLabel(this.corpus.documentInfo(q.docId), q.docId) : speakerName(this.corpus, q);
      const g = groups.get(key) ?? { label, quotes: [] };
      g.quotes.push(q);
      groups.set(key, g);
    }
    const list = [...groups.entries()].map(([key, g]) => ({ kind: 'group' as const, id: `${this.bySource ? 'source' : 'speaker'}/${key}`, label: g.label, quotes: g.quotes, bySource: this.bySource }));
    if (!this.bySource) list.sort((a, b) => b.quotes.length - a.quotes.length || a.label.localeCompare(b.label));
    return list;
  }

  getTreeItem(element: QuoteNode): vscode.TreeItem {
    if (element.kind === 'group') {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = element.id;
      item.description = plural(element.quotes.length, 'quote');
      item.iconPath = new vscode.ThemeIcon(element.bySource ? 'file-text' : 'person');
      item.contextValue = 'sourceResearch.quoteGroup';
      item.accessibilityInformation = { label: `${element.label}, ${plural(element.quotes.length, 'quote')}` };
      return item;
    }
    const q = element.quote;
    const item = new vscode.TreeItem(quoteLabel(q), vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    item.description = element.bySource ? speakerName(this.corpus, q) : sourceLabel(this.corpus.documentInfo(q.docId), q.docId);
    item.tooltip = new vscode.MarkdownString().appendText(`${q.text.replace(/\s+/g, ' ')}\n\n— ${speakerName(this.corpus, q)} (${q.cueText}), ${q.docId}`);
    item.iconPath = new vscode.ThemeIcon(q.kind === 'direct' ? 'quote' : 'comment');
    item.contextValue = 'sourceResearch.quote';
    item.command = { command: 'sourceResearch.openMention', title: 'Open Passage', arguments: [q.docId, q.content.start, q.content.end] };
    return item;
  }
}

export type ClaimNode =
  | { readonly kind: 'disagreement'; readonly id: string; readonly d: Disagreement }
  | { readonly kind: 'claim'; readonly id: string; readonly claim: Claim };

export class ClaimsTreeProvider implements vscode.TreeDataProvider<ClaimNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly corpus: Corpus,
    private readonly ledger: ClaimLedger,
  ) {}

  refresh(): void {
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private names(ids: readonly string[]): string {
    return ids.map((id) => this.corpus.entity(id)?.name ?? id).join(', ');
  }

  getChildren(element?: ClaimNode): ClaimNode[] {
    if (!element) return this.ledger.disagreements().map((d, i) => ({ kind: 'disagreement', id: `d/${i}/${d.measure}/${d.entityIds.join('+')}`, d }));
    if (element.kind === 'disagreement') return element.d.claims.map((c) => ({ kind: 'claim', id: `${element.id}/${c.docId}#${c.start}`, claim: c }));
    return [];
  }

  getTreeItem(element: ClaimNode): vscode.TreeItem {
    if (element.kind === 'disagreement') {
      const d = element.d;
      const values = [...new Set(d.claims.map((c) => c.text))].join(' vs ');
      const item = new vscode.TreeItem(`${d.measure} (${this.names(d.entityIds)})`, vscode.TreeItemCollapsibleState.Expanded);
      item.id = element.id;
      item.description = `${values} · ${plural(new Set(d.claims.map((c) => c.docId)).size, 'source')}`;
      item.iconPath = new vscode.ThemeIcon('warning');
      item.contextValue = 'sourceResearch.disagreement';
      return item;
    }
    const c = element.claim;
    const text = this.corpus.text(c.docId) ?? '';
    const item = new vscode.TreeItem(`${c.text} — ${sourceLabel(this.corpus.documentInfo(c.docId), c.docId)}`, vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    item.description = oneLine(text.slice(c.passage.start, c.passage.end), 80);
    item.tooltip = new vscode.MarkdownString().appendText(`${text.slice(c.passage.start, c.passage.end).replace(/\s+/g, ' ')}\n\n— ${c.docId} (${claimLabel(c)})`);
    item.iconPath = new vscode.ThemeIcon('symbol-number');
    item.contextValue = 'sourceResearch.claim';
    item.command = { command: 'sourceResearch.openMention', title: 'Open Passage', arguments: [c.docId, c.start, c.end] };
    return item;
  }
}

export interface QuotesViewApi extends vscode.Disposable {
  readonly quotes: QuotesTreeProvider;
  readonly claims: ClaimsTreeProvider;
  readonly quotesView: vscode.TreeView<QuoteNode>;
  readonly claimsView: vscode.TreeView<ClaimNode>;
}

function quoteFromArg(quotes: QuoteIndex, sources: FeatureDeps['sources'], arg: unknown): Quote | undefined {
  if (arg && typeof arg === 'object' && 'kind' in arg && (arg as QuoteNode).kind === 'quote') return (arg as Extract<QuoteNode, { kind: 'quote' }>).quote;
  if (typeof arg === 'string') return quotes.all().find((q) => q.id === arg);
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const docId = sources.docIdOf(editor.document.uri);
  return docId === undefined ? undefined : quotes.quoteAt(docId, editor.document.offsetAt(editor.selection.active));
}

export function registerQuotesView(deps: FeatureDeps & { quotes: QuoteIndex; claims: ClaimLedger }): QuotesViewApi {
  const quotes = new QuotesTreeProvider(deps.corpus, deps.quotes);
  const claims = new ClaimsTreeProvider(deps.corpus, deps.claims);
  const quotesView = vscode.window.createTreeView(QUOTES_VIEW_ID, { treeDataProvider: quotes, showCollapseAll: true });
  const claimsView = vscode.window.createTreeView(CLAIMS_VIEW_ID, { treeDataProvider: claims, showCollapseAll: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onChange = deps.corpus.onDidChange(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      quotes.refresh();
      claims.refresh();
    }, 200);
  });
  const group = (bySource: boolean) => {
    quotes.bySource = bySource;
    void vscode.commands.executeCommand('setContext', 'sourceResearch.quotes.bySource', bySource);
    quotes.refresh();
  };
  const copy = async (arg?: unknown) => {
    const q = quoteFromArg(deps.quotes, deps.sources, arg);
    if (!q) return undefined;
    const md = quoteAsMarkdown(deps.corpus, q);
    await vscode.env.clipboard.writeText(md);
    void vscode.window.setStatusBarMessage(`Source Research: copied a quote of ${speakerName(deps.corpus, q)}`, 4000);
    return md;
  };
  const go = async (arg?: unknown) => {
    const q = quoteFromArg(deps.quotes, deps.sources, arg);
    if (!q) return undefined;
    return vscode.commands.executeCommand('sourceResearch.openMention', q.docId, q.content.start, q.content.end);
  };
  const owned = vscode.Disposable.from(
    quotes,
    claims,
    quotesView,
    claimsView,
    onChange,
    vscode.commands.registerCommand('sourceResearch.quotes.groupBySource', () => group(true)),
    vscode.commands.registerCommand('sourceResearch.quotes.groupBySpeaker', () => group(false)),
    vscode.commands.registerCommand('sourceResearch.quote.copyPassage', copy),
    vscode.commands.registerCommand('sourceResearch.quote.goToSource', go),
  );
  return {
    quotes,
    claims,
    quotesView,
    claimsView,
    dispose: () => {
      if (timer) clearTimeout(timer);
      owned.dispose();
    },
  };
}
