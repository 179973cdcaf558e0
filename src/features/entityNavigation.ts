/**
 * Language features for entities in plain text and Markdown (sources, notes, drafts):
 * Go to Definition (the primary passage, Peek-able), Find All References (every mention),
 * Go to Symbol in Workspace (entities by name or alias) and the Outline of a document (the
 * entities it mentions, grouped by type).
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/index/api';
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

  provideDefinition(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.LocationLink[] | undefined {
    const hit = this.locator.entityAt(document, position);
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

  provideReferences(document: vscode.TextDocument, position: vscode.Position, _context: vscode.ReferenceContext, token: vscode.CancellationToken): vscode.Location[] | undefined {
    const hit = this.locator.entityAt(document, position);
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
  private last: { docId: string; version: number; byEntity: Map<string, { e: EntitySummary; spans: Span[] }> } | undefined;

  constructor(
    private readonly corpus: Corpus,
    private readonly locator: EntityLocator,
  ) {}

  provideDocumentSymbols(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentSymbol[] {
    // The names in the document and their entity: a source's mentions, else every known name in the text.
    const found: { entityId: string; span: Span }[] = [];
    // A source being edited keeps its last indexed mentions until the (debounced) re-index: matching
    // every name in a large buffer on each keystroke would block the extension host.
    const docId = this.locator.corpusDocId(document) ?? this.locator.sourceDocId(document);
    // A source's names change only when the index does (each keystroke in a large one asks again).
    const cached = docId !== undefined && this.last?.docId === docId && this.last.version === this.corpus.version ? this.last.byEntity : undefined;
    const byEntity = cached ?? new Map<string, { e: EntitySummary; spans: Span[] }>();
    if (!cached) {
      if (docId !== undefined) for (const m of this.corpus.mentionsIn(docId)) found.push({ entityId: m.entityId, span: { start: m.start, end: m.end } });
      else for (const h of this.corpus.findNames(document.getText())) found.push({ entityId: h.entityId, span: h });
      if (token.isCancellationRequested) return [];
      for (const f of found) {
        let rec = byEntity.get(f.entityId);
        if (!rec) {
          const e = this.corpus.entity(f.entityId);
          if (!e) continue;
          byEntity.set(f.entityId, (rec = { e, spans: [] }));
        }
        rec.spans.push(f.span);
      }
      if (docId !== undefined) this.last = { docId, version: this.corpus.version, byEntity };
    }
    const out: vscode.DocumentSymbol[] = [];
    for (const type of ENTITY_TYPES) {
      const recs = [...byEntity.values()].filter((r) => r.e.type === type).sort((a, b) => a.spans[0]!.start - b.spans[0]!.start);
      if (!recs.length) continue;
      const children = recs.map(({ e, spans }) => {
        const first = toRange(document, spans[0]!);
        const n = spans.length;
        return new vscode.DocumentSymbol(e.name, `${n} mention${n === 1 ? '' : 's'} here`, SYMBOL_KIND[type], first, first);
      });
      const range = children.reduce((r, c) => r.union(c.range), children[0]!.range);
      const group = new vscode.DocumentSymbol(TYPE_PLURAL[type], `${children.length}`, vscode.SymbolKind.Namespace, range, children[0]!.selectionRange);
      group.children = children;
      out.push(group);
    }
    return out;
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
