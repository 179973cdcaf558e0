/**
 * The Entities view's tree: entities grouped by type (or by source) with their counts; under an
 * entity its passages grouped by source, each a one-line snippet with the mention highlighted, and
 * a person's quotes. getChildren only asks the in-memory index. (The view, its toolbar and commands:
 * entitiesView.ts.)
 */
import * as vscode from 'vscode';
import type { Corpus, DocumentInfo } from '../core/index/api';
import {
  compareSources,
  countsLabel,
  escapeMarkdown,
  markdownQuote,
  matchesFilter,
  plural,
  snippet,
  sortEntities,
  sourceLabel,
  TYPE_ICON,
  TYPE_PLURAL,
  TYPE_SINGULAR,
  type EntitySort,
} from '../core/index/entityText';
import { ENTITY_TYPES, type EntitySummary, type EntityType, type Span } from '../core/types';
import type { QuoteIndex } from '../core/quotes/quoteIndex';
import type { Quote } from '../core/quotes/types';
import { quoteLabel } from './quoteText';
import type { EntityLocator } from './entityLocations';
import { PAGE, TreePages } from './treePages';


export const ENTITIES_VIEW_ID = 'sourceResearch.entities';

export type GroupBy = 'type' | 'source';

export type EntityNode =
  | { readonly kind: 'type'; readonly id: string; readonly type: EntityType }
  | { readonly kind: 'source'; readonly id: string; readonly docId: string }
  | { readonly kind: 'entity'; readonly id: string; readonly entityId: string; readonly type: EntityType; readonly scope?: string }
  | { readonly kind: 'passages'; readonly id: string; readonly entityId: string; readonly type: EntityType; readonly docId: string }
  | { readonly kind: 'quotes'; readonly id: string; readonly entityId: string; readonly type: EntityType }
  | { readonly kind: 'quote'; readonly id: string; readonly entityId: string; readonly type: EntityType; readonly quote: Quote }
  | {
      readonly kind: 'passage';
      readonly id: string;
      readonly entityId: string;
      readonly type: EntityType;
      readonly docId: string;
      readonly start: number;
      readonly end: number;
      readonly passage: Span;
      /** The source an entity is shown under when grouped by source. */
      readonly scope?: string;
    }
  /** The rest of a long list, a page at a time (treePages.ts). */
  | { readonly kind: 'more'; readonly id: string; readonly parent: EntityNode; readonly hidden: number };

/** View options, kept per workspace. */
export interface EntityViewOptions {
  filter: string;
  sort: EntitySort;
  groupBy: GroupBy;
  hiddenTypes: EntityType[];
}

export const STATE_KEY = 'sourceResearch.entities.options';
export const DEFAULTS: EntityViewOptions = { filter: '', sort: 'mentions', groupBy: 'type', hiddenTypes: [] };

// Stable element ids (the tree keeps expansion and selection by id).
const typeId = (t: EntityType) => `type/${t}`;
const sourceId = (docId: string) => `source/${docId}`;
const entityNodeId = (entityId: string, scope?: string) => (scope === undefined ? `entity/${entityId}` : `source/${scope}/entity/${entityId}`);
const passagesId = (entityId: string, docId: string) => `entity/${entityId}/source/${docId}`;

export class EntitiesTreeProvider implements vscode.TreeDataProvider<EntityNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<EntityNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private nodes = new Map<string, EntityNode>();
  private cache: { version: number; key: string; list: EntitySummary[] } | undefined;
  private docsCache: { version: number; docs: Map<string, DocumentInfo>; rank: Map<string, number> } | undefined;
  private readonly pages = new TreePages();

  constructor(
    private readonly corpus: Corpus,
    private readonly locator: EntityLocator,
    public options: EntityViewOptions,
    private readonly quotes?: QuoteIndex,
  ) {}

  refresh(): void {
    this.nodes = new Map();
    this.cache = undefined;
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }

  /** One object per id (reveal and getParent match elements by identity). */
  private intern<T extends EntityNode>(n: T): T {
    const old = this.nodes.get(n.id);
    if (old && old.kind === n.kind && (n.kind !== 'passage' || (old.kind === 'passage' && old.end === n.end))) return old as T;
    this.nodes.set(n.id, n);
    return n;
  }

  private documents(): { docs: Map<string, DocumentInfo>; rank: Map<string, number> } {
    if (this.docsCache?.version !== this.corpus.version) {
      const list = this.corpus.documents().sort(compareSources);
      this.docsCache = { version: this.corpus.version, docs: new Map(list.map((d) => [d.id, d])), rank: new Map(list.map((d, i) => [d.id, i])) };
    }
    return this.docsCache;
  }

  /** The entities the view shows (filter and shown types applied), in the chosen order. */
  visibleEntities(): EntitySummary[] {
    const o = this.options;
    const key = JSON.stringify([o.filter, o.sort, o.hiddenTypes]);
    if (this.cache?.version === this.corpus.version && this.cache.key === key) return this.cache.list;
    const hidden = new Set(o.hiddenTypes);
    const { rank } = this.documents();
    const list = sortEntities(
      this.corpus.entities().filter((e) => !hidden.has(e.type) && matchesFilter(e, o.filter)),
      o.sort,
      (e) => {
        let best: [number, number] = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
        for (const m of this.corpus.mentionsOf(e.id)) {
          const r = rank.get(m.docId) ?? Number.MAX_SAFE_INTEGER;
          if (r < best[0] || (r === best[0] && m.start < best[1])) best = [r, m.start];
        }
        return best;
      },
    );
    this.cache = { version: this.corpus.version, key, list };
    return list;
  }

  isVisible(entityId: string): boolean {
    return this.visibleEntities().some((e) => e.id === entityId);
  }

  entityNode(e: Pick<EntitySummary, 'id' | 'type'>, scope?: string): EntityNode {
    return this.intern({ kind: 'entity', id: entityNodeId(e.id, scope), entityId: e.id, type: e.type, scope });
  }

  /** The first page of a long list (its first items made into nodes), and an item for the rest. */
  private paged<T>(parent: EntityNode, items: readonly T[], node: (x: T) => EntityNode): EntityNode[] {
    const { shown, hidden } = this.pages.slice(parent.id, items);
    const nodes = shown.map(node);
    if (hidden > 0) nodes.push({ kind: 'more', id: `${parent.id}/more`, parent, hidden });
    return nodes;
  }

  /** The entities under a type or a source, in the view's order. */
  private entitiesUnder(parent: Extract<EntityNode, { kind: 'type' | 'source' }>): EntitySummary[] {
    if (parent.kind === 'type') return this.visibleEntities().filter((e) => e.type === parent.type);
    const inDoc = new Set(this.corpus.entitiesIn(parent.docId).map((e) => e.entityId));
    return this.visibleEntities().filter((e) => inDoc.has(e.id));
  }

  /** Show one page more of the list a "Show more" item ends. */
  showMore(more: Extract<EntityNode, { kind: 'more' }>): void {
    this.pages.more(more.parent.id);
    this.emitter.fire(more.parent);
  }

  /** Before a reveal: show as much of its list as the entity's place in it needs. */
  showEntity(e: Pick<EntitySummary, 'id' | 'type'>, scope?: string): void {
    const parent = this.getParent(this.entityNode(e, scope));
    if (parent?.kind !== 'type' && parent?.kind !== 'source') return;
    const at = this.entitiesUnder(parent).findIndex((x) => x.id === e.id);
    if (at >= 0 && this.pages.atLeast(parent.id, at + 1)) this.emitter.fire(parent);
  }

  getChildren(element?: EntityNode): EntityNode[] {
    if (!element) return this.roots();
    switch (element.kind) {
      case 'type':
        return this.paged(element, this.entitiesUnder(element), (e) => this.entityNode(e));
      case 'source':
        return this.paged(element, this.entitiesUnder(element), (e) => this.entityNode(e, element.docId));
      case 'entity': {
        const mentions = this.corpus.mentionsOf(element.entityId);
        if (element.scope !== undefined) return this.passageNodes(element, mentions.filter((m) => m.docId === element.scope));
        const { rank } = this.documents();
        const docIds = [...new Set(mentions.map((m) => m.docId))].sort((a, b) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9));
        const said: EntityNode[] = this.quotes?.quotesOf(element.entityId).length ? [this.intern({ kind: 'quotes', id: `entity/${element.entityId}/quotes`, entityId: element.entityId, type: element.type })] : [];
        return [...said, ...this.paged(element, docIds, (docId) => this.intern({ kind: 'passages', id: passagesId(element.entityId, docId), entityId: element.entityId, type: element.type, docId }))];
      }
      case 'quotes':
        return (this.quotes?.quotesOf(element.entityId) ?? []).map((q) => this.intern({ kind: 'quote', id: `${element.id}/${q.id}`, entityId: element.entityId, type: element.type, quote: q }));
      case 'passages':
        return this.passageNodes(
          element,
          this.corpus.mentionsOf(element.entityId).filter((m) => m.docId === element.docId),
        );
      default:
        return [];
    }
  }

  private passageNodes(parent: Extract<EntityNode, { kind: 'entity' | 'passages' }>, mentions: readonly { docId: string; start: number; end: number; passage: Span }[]): EntityNode[] {
    const sorted = [...mentions].sort((a, b) => a.start - b.start);
    return this.paged(parent, sorted, (m) =>
        this.intern({
          kind: 'passage',
          id: `${parent.id}/at/${m.start}`,
          entityId: parent.entityId,
          type: parent.type,
          docId: m.docId,
          start: m.start,
          end: m.end,
          passage: m.passage,
          scope: parent.kind === 'entity' ? parent.scope : undefined,
        }),
    );
  }

  private roots(): EntityNode[] {
    const visible = this.visibleEntities();
    if (this.options.groupBy === 'source') {
      const { docs } = this.documents();
      return [...docs.keys()]
        .filter((docId) => this.corpus.entitiesIn(docId).length > 0)
        .map((docId) => this.intern({ kind: 'source', id: sourceId(docId), docId }));
    }
    const present = new Set(visible.map((e) => e.type));
    return ENTITY_TYPES.filter((t) => present.has(t)).map((type) => this.intern({ kind: 'type', id: typeId(type), type }));
  }

  getParent(element: EntityNode): EntityNode | undefined {
    switch (element.kind) {
      case 'more':
        return element.parent;
      case 'type':
      case 'source':
        return undefined;
      case 'entity':
        return element.scope !== undefined
          ? this.intern({ kind: 'source', id: sourceId(element.scope), docId: element.scope })
          : this.intern({ kind: 'type', id: typeId(element.type), type: element.type });
      case 'passages':
      case 'quotes':
        return this.entityNode({ id: element.entityId, type: element.type });
      case 'quote':
        return this.intern({ kind: 'quotes', id: `entity/${element.entityId}/quotes`, entityId: element.entityId, type: element.type });
      case 'passage':
        return element.scope !== undefined
          ? this.entityNode({ id: element.entityId, type: element.type }, element.scope)
          : this.intern({ kind: 'passages', id: passagesId(element.entityId, element.docId), entityId: element.entityId, type: element.type, docId: element.docId });
    }
  }

  getTreeItem(element: EntityNode): vscode.TreeItem {
    switch (element.kind) {
      case 'more': {
        const item = new vscode.TreeItem(`Show ${Math.min(PAGE, element.hidden)} More…`, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.description = `${element.hidden.toLocaleString('en')} not shown`;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'sourceResearch.more';
        // The node itself: VS Code keeps a tree item command's arguments in the extension host.
        item.command = { command: 'sourceResearch.entities.showMore', title: 'Show More', arguments: [element] };
        return item;
      }
      case 'type': {
        const n = this.entitiesUnder(element).length;
        const item = new vscode.TreeItem(TYPE_PLURAL[element.type], vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.id;
        item.description = String(n);
        item.iconPath = new vscode.ThemeIcon(TYPE_ICON[element.type]);
        item.contextValue = 'sourceResearch.entityType';
        item.tooltip = `${TYPE_PLURAL[element.type]}: ${plural(n, 'entity', 'entities')}`;
        item.accessibilityInformation = { label: `${TYPE_PLURAL[element.type]}, ${plural(n, 'entity', 'entities')}` };
        return item;
      }
      case 'source': {
        const doc = this.documents().docs.get(element.docId);
        const n = this.entitiesUnder(element).length;
        const item = new vscode.TreeItem(doc ? (doc.label ?? doc.title) : element.docId, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        item.description = [doc?.meta?.date, plural(n, 'entity', 'entities')].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon('file-text');
        item.tooltip = element.docId;
        item.contextValue = 'sourceResearch.entitySource';
        return item;
      }
      case 'entity': {
        const e = this.corpus.entity(element.entityId);
        const item = new vscode.TreeItem(e?.name ?? element.entityId, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        if (e) {
          if (element.scope !== undefined) {
            const here = this.corpus.mentionsOf(e.id).filter((m) => m.docId === element.scope).length;
            item.description = `${plural(here, 'mention')} here · ${e.mentionCount} in all`;
          } else {
            const nq = this.quotes?.quotesOf(e.id).length ?? 0;
            item.description = countsLabel(e) + (nq ? ` · ${plural(nq, 'quote')}` : '');
          }
          item.accessibilityInformation = { label: `${e.name}, ${TYPE_SINGULAR[e.type]}, ${countsLabel(e).replace(' · ', ', ')}` };
        }
        const mixed = e !== undefined && !e.curated && e.typeConfidence !== undefined;
        if (mixed) {
          // The mentions disagree on the type: said so, with Change Type… and Split Entity… at hand.
          item.description = `⚠ ${mixedTypeLabel(e)} · ${item.description ?? ''}`.replace(/ · $/, '');
          item.accessibilityInformation = { label: `${item.accessibilityInformation?.label ?? e.name}, ${mixedTypeLabel(e)}` };
        }
        item.iconPath = mixed ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(TYPE_ICON[element.type]);
        item.contextValue = e?.curated ? 'sourceResearch.entity.curated' : mixed ? 'sourceResearch.entity.mixed' : 'sourceResearch.entity';
        return item;
      }
      case 'passages': {
        const doc = this.documents().docs.get(element.docId);
        const n = this.corpus.mentionsOf(element.entityId).filter((m) => m.docId === element.docId).length;
        const item = new vscode.TreeItem(doc ? (doc.label ?? doc.title) : element.docId, vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.id;
        item.description = [doc?.meta?.date, plural(n, 'passage')].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon('file-text');
        item.tooltip = element.docId;
        item.contextValue = 'sourceResearch.entityPassages';
        return item;
      }
      case 'quotes': {
        const n = this.quotes?.quotesOf(element.entityId).length ?? 0;
        const item = new vscode.TreeItem('Quotes', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        item.description = String(n);
        item.iconPath = new vscode.ThemeIcon('quote');
        item.contextValue = 'sourceResearch.entityQuotes';
        item.accessibilityInformation = { label: `Quotes, ${plural(n, 'quote')}` };
        return item;
      }
      case 'quote': {
        const q = element.quote;
        const item = new vscode.TreeItem(quoteLabel(q, 80), vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.description = this.documents().docs.get(q.docId)?.title ?? q.docId;
        item.iconPath = new vscode.ThemeIcon(q.kind === 'direct' ? 'quote' : 'comment');
        item.contextValue = 'sourceResearch.quote';
        item.command = { command: 'sourceResearch.openMention', title: 'Open Passage', arguments: [q.docId, q.content.start, q.content.end] };
        return item;
      }
      case 'passage': {
        const text = this.corpus.text(element.docId) ?? '';
        const s = snippet(text.slice(element.passage.start, element.passage.end), { start: element.start - element.passage.start, end: element.end - element.passage.start });
        const item = new vscode.TreeItem({ label: s.text, highlights: [[s.highlight[0], s.highlight[1]]] }, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        const line = this.locator.range(element.docId, element)?.start.line;
        if (line !== undefined) item.description = `line ${line + 1}`;
        item.iconPath = new vscode.ThemeIcon('quote');
        item.contextValue = 'sourceResearch.passage';
        item.command = { command: 'sourceResearch.openMention', title: 'Open Passage', arguments: [element.docId, element.start, element.end] };
        item.accessibilityInformation = { label: s.text };
        return item;
      }
    }
  }

  /** Tooltips are built when asked for: the passage in full, the entity's aliases and note. */
  resolveTreeItem(item: vscode.TreeItem, element: EntityNode, token: vscode.CancellationToken): vscode.TreeItem {
    if (token.isCancellationRequested) return item;
    if (element.kind === 'passage') {
      const text = this.corpus.text(element.docId) ?? '';
      const md = untrustedMarkdown();
      md.appendMarkdown(`> ${markdownQuote(text.slice(element.passage.start, element.passage.end), { start: element.start - element.passage.start, end: element.end - element.passage.start }, 4000)}\n\n`);
      md.appendMarkdown(`— *${escapeMarkdown(sourceLabel(this.documents().docs.get(element.docId), element.docId))}*`);
      item.tooltip = md;
    } else if (element.kind === 'entity') {
      const e = this.corpus.entity(element.entityId);
      if (e) {
        const md = untrustedMarkdown();
        md.appendMarkdown(`**${escapeMarkdown(e.name)}** · ${TYPE_SINGULAR[e.type]}${e.curated ? ' · curated in entities.yaml' : ''}\n\n`);
        if (e.aliases.length) md.appendMarkdown(`*Also:* ${e.aliases.map(escapeMarkdown).join(', ')}\n\n`);
        if (e.note) md.appendMarkdown(`*Note:* ${escapeMarkdown(e.note)}\n\n`);
        if (!e.curated && e.typeConfidence !== undefined) {
          md.appendMarkdown(
            `⚠ The mentions disagree on the type: ${Math.round(e.typeConfidence * 100)}% of the evidence says ${TYPE_SINGULAR[e.type]}. ` +
              'Use *Change Type…* if the type is wrong, or *Split Entity…* if two entities share the name.\n\n',
          );
        }
        md.appendMarkdown(countsLabel(e));
        item.tooltip = md;
      }
    }
    return item;
  }
}

function untrustedMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/** What the Entities view offers to other features and to the tests. */

/** "type uncertain (55% person)": an entity whose mentions disagree on its type. */
function mixedTypeLabel(e: EntitySummary): string {
  return `type uncertain (${Math.round((e.typeConfidence ?? 1) * 100)}% ${TYPE_SINGULAR[e.type]})`;
}
