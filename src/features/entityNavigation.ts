/**
 * Language features for entities in plain text and Markdown (sources, notes, drafts):
 * Go to Definition (the primary passage, Peek-able), Find All References (every mention),
 * Go to Symbol in Workspace (entities by name or alias) and the Outline of a document (the
 * entities it mentions, grouped by type).
 */
import * as vscode from 'vscode';
import { entitiesOfMentions, type Corpus } from '../core/index/api';
import { countsLabel, TYPE_PLURAL, TYPE_SINGULAR } from '../core/index/entityText';
import { foldKey } from '../core/text/text';
import { ENTITY_TYPES, type EntitySummary, type EntityType, type Span } from '../core/types';
import type { FeatureDeps } from './deps';
import { ENTITY_DOCUMENTS, EntityLocator } from './entityLocations';
import { toRange } from './ranges';

export const SYMBOL_KIND: Readonly<Record<EntityType, vscode.SymbolKind>> = {
  person: vscode.SymbolKind.Object,
  organization: vscode.SymbolKind.Module,
  place: vscode.SymbolKind.Package,
  group: vscode.SymbolKind.Namespace,
  date: vscode.SymbolKind.Event,
  quantity: vscode.SymbolKind.Number,
};

export class EntityDefinitionProvider implements vscode.DefinitionProvider {
  constructor(
    private readonly corpus: Corpus,
    private readonly locator: EntityLocator,
  ) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.LocationLink[] | undefined> {
    const hit = await this.locator.entityAtWhenReady(document, position);
    if (!hit || token.isCancellationRequested) return undefined;
    const primary = this.corpus.mentionsOf(hit.entity.id)[0];
    const link = primary && this.locator.link(primary, toRange(document, hit.span));
    return link ? [link] : undefined;
  }
}

export class EntityReferenceProvider implements vscode.ReferenceProvider {
  constructor(
    private readonly corpus: Corpus,
    private readonly locator: EntityLocator,
  ) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position, _context: vscode.ReferenceContext, token: vscode.CancellationToken): Promise<vscode.Location[] | undefined> {
    const hit = await this.locator.entityAtWhenReady(document, position);
    if (!hit) return undefined;
    const out: vscode.Location[] = [];
    const mentions = [...this.corpus.mentionsOf(hit.entity.id)].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start));
    for (const m of mentions) {
      if (token.isCancellationRequested) return undefined;
      const loc = this.locator.location(m);
      if (loc) out.push(loc);
    }
    return out;
  }
}

export class EntityWorkspaceSymbolProvider implements vscode.WorkspaceSymbolProvider {
  constructor(
    private readonly corpus: Corpus,
    private readonly locator: EntityLocator,
  ) {}

  provideWorkspaceSymbols(query: string, token: vscode.CancellationToken): vscode.SymbolInformation[] {
    const out: vscode.SymbolInformation[] = [];
    const q = foldKey(query);
    for (const e of this.corpus.search(query, 200)) {
      if (token.isCancellationRequested) break;
      const primary = this.corpus.mentionsOf(e.id)[0];
      const loc = primary && this.locator.location(primary);
      if (!loc) continue;
      out.push(new vscode.SymbolInformation(symbolName(e, q), SYMBOL_KIND[e.type], `${TYPE_SINGULAR[e.type]} · ${countsLabel(e)}`, loc));
    }
    return out;
  }
}

/**
 * The symbol's name: the entity name, followed by the alias the query matched when the name itself
 * does not (the symbol picker filters on names, so "Red Village" must show in the name).
 */
export function symbolName(e: EntitySummary, q: string): string {
  if (!q || fuzzy(q, foldKey(e.name))) return e.name;
  const alias = e.aliases.find((a) => foldKey(a).includes(q)) ?? e.aliases.find((a) => fuzzy(q, foldKey(a)));
  return alias ? `${e.name} (${alias})` : e.name;
}

function fuzzy(q: string, s: string): boolean {
  let i = 0;
  for (let j = 0; j < s.length && i < q.length; j++) if (s[j] === q[i]) i++;
  return i === q.length;
}

export class EntityDocumentSymbolProvider implements vscode.DocumentSymbolProvider {
  /** A source's symbols as last made: they change only when the index does (each keystroke in a large source asks again). */
  private last: { docId: string; version: number; symbols: vscode.DocumentSymbol[] } | undefined;

  constructor(
    private readonly corpus: Corpus,
    private readonly locator: EntityLocator,
  ) {}

  async provideDocumentSymbols(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentSymbol[]> {
    // The entities in the document: a source's as the index has them (no object per mention), else every known name in the text.
    // A source being edited keeps its last indexed mentions until the (debounced) re-index: matching
    // every name in a large buffer on each keystroke would block the extension host.
    const docId = this.locator.corpusDocId(document) ?? this.locator.sourceDocId(document);
    if (docId !== undefined && this.last?.docId === docId && this.last.version === this.corpus.version) return this.last.symbols;
    const version = this.corpus.version;
    if (docId === undefined) await this.corpus.namesSettled?.();
    if (token.isCancellationRequested) return [];
    const found = docId !== undefined ? this.corpus.entitiesIn(docId) : entitiesOfMentions(this.corpus.findNames(document.getText()));
    const byType = new Map<EntityType, { e: EntitySummary; first: Span; count: number }[]>();
    for (const f of found) {
      const e = this.corpus.entity(f.entityId);
      if (!e) continue;
      const list = byType.get(e.type) ?? [];
      list.push({ e, first: f.first, count: f.count });
      byType.set(e.type, list);
    }
    const symbols: vscode.DocumentSymbol[] = [];
    for (const type of ENTITY_TYPES) {
      const recs = (byType.get(type) ?? []).sort((a, b) => a.first.start - b.first.start);
      if (!recs.length) continue;
      const children = recs.map(({ e, first: span, count: n }) => {
        const first = toRange(document, span);
        return new vscode.DocumentSymbol(e.name, `${n} mention${n === 1 ? '' : 's'} here`, SYMBOL_KIND[type], first, first);
      });
      const range = children.reduce((r, c) => r.union(c.range), children[0]!.range);
      const group = new vscode.DocumentSymbol(TYPE_PLURAL[type], `${children.length}`, vscode.SymbolKind.Namespace, range, children[0]!.selectionRange);
      group.children = children;
      symbols.push(group);
    }
    if (docId !== undefined) this.last = { docId, version, symbols };
    return symbols;
  }
}

export function registerEntityNavigation(deps: FeatureDeps, locator = new EntityLocator(deps.corpus, deps.sources)): vscode.Disposable {
  const { corpus } = deps;
  return vscode.Disposable.from(
    vscode.languages.registerDefinitionProvider(ENTITY_DOCUMENTS, new EntityDefinitionProvider(corpus, locator)),
    vscode.languages.registerReferenceProvider(ENTITY_DOCUMENTS, new EntityReferenceProvider(corpus, locator)),
    vscode.languages.registerWorkspaceSymbolProvider(new EntityWorkspaceSymbolProvider(corpus, locator)),
    vscode.languages.registerDocumentSymbolProvider(ENTITY_DOCUMENTS, new EntityDocumentSymbolProvider(corpus, locator), { label: 'Entities' }),
  );
}
