/**
 * The Entities view: entities grouped by type (or by source) with their counts; under an entity its
 * passages grouped by source, each a one-line snippet with the mention highlighted. Toolbar:
 * filter, sort, group by, shown types, collapse all, refresh. Context menu: copy passages, find
 * all references (the catalog edits are in catalogEdits.ts). Also "Reveal in Entities View".
 * Driven by corpus.onDidChange; getChildren only asks the in-memory index.
 */
import * as vscode from 'vscode';
import { matchesFilter, passagesAsMarkdown, plural, SORT_LABELS, TYPE_ICON, TYPE_PLURAL, type EntitySort } from '../core/index/entityText';
import { ENTITY_TYPES, type EntityType } from '../core/types';
import type { FeatureDeps } from './deps';
import { pageAt } from './citations';
import { entityFromArg, EntityLocator } from './entityLocations';
import { DEFAULTS, EntitiesTreeProvider, ENTITIES_VIEW_ID, STATE_KEY, type EntityNode, type EntityViewOptions } from './entitiesTree';

export { ENTITIES_VIEW_ID, type EntityNode, type EntityViewOptions, type GroupBy } from './entitiesTree';

export interface EntitiesViewApi extends vscode.Disposable {
  readonly provider: EntitiesTreeProvider;
  readonly view: vscode.TreeView<EntityNode>;
  /** Select (and show) an entity in the tree. */
  reveal(entityId: string, options?: { focus?: boolean }): Promise<boolean>;
}

export function registerEntitiesView(deps: FeatureDeps, locator = new EntityLocator(deps.corpus, deps.sources)): EntitiesViewApi {
  const { corpus, context } = deps;
  const stored = context.workspaceState.get<Partial<EntityViewOptions>>(STATE_KEY) ?? {};
  const options: EntityViewOptions = { ...DEFAULTS, ...stored, hiddenTypes: [...(stored.hiddenTypes ?? [])] };
  const provider = new EntitiesTreeProvider(corpus, locator, options, deps.quotes);
  const view = vscode.window.createTreeView(ENTITIES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });

  const describe = () => {
    const o = provider.options;
    const parts: string[] = [];
    if (o.filter) parts.push(`Filter: ${o.filter}`);
    if (o.hiddenTypes.length) parts.push(`${ENTITY_TYPES.length - o.hiddenTypes.length} of ${ENTITY_TYPES.length} types`);
    view.description = parts.length ? parts.join(' · ') : undefined;
    void vscode.commands.executeCommand('setContext', 'sourceResearch.entities.filtered', !!o.filter);
    void vscode.commands.executeCommand('setContext', 'sourceResearch.entities.groupBy', o.groupBy);
  };
  const setOptions = async (change: Partial<EntityViewOptions>) => {
    Object.assign(provider.options, change);
    await context.workspaceState.update(STATE_KEY, provider.options);
    describe();
    provider.refresh();
  };
  describe();

  let pending: ReturnType<typeof setTimeout> | undefined;
  const onChange = corpus.onDidChange(() => {
    // Coalesce bursts (indexing many documents) into one refresh.
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      provider.refresh();
    }, 50);
  });

  const reveal = async (entityId: string, opts: { focus?: boolean } = {}): Promise<boolean> => {
    const e = corpus.entity(entityId);
    if (!e) return false;
    if (!provider.isVisible(e.id)) {
      // Make it visible: clear the filter and show its type.
      await setOptions({ filter: matchesFilter(e, provider.options.filter) ? provider.options.filter : '', hiddenTypes: provider.options.hiddenTypes.filter((t) => t !== e.type) });
    }
    if (pending) {
      clearTimeout(pending);
      pending = undefined;
      provider.refresh();
    }
    let scope: string | undefined;
    if (provider.options.groupBy === 'source') scope = corpus.mentionsOf(e.id)[0]?.docId;
    if (provider.options.groupBy === 'source' && scope === undefined) return false;
    provider.showEntity(e, scope);
    await view.reveal(provider.entityNode(e, scope), { select: true, focus: opts.focus ?? true, expand: false });
    return true;
  };

  const filterCmd = async (value?: unknown) => {
    let next: string | undefined = typeof value === 'string' ? value : undefined;
    if (next === undefined) {
      next = await vscode.window.showInputBox({
        title: 'Filter Entities',
        prompt: 'Show the entities whose name or an alias contains this text (empty: show all)',
        placeHolder: 'e.g. Aliyev',
        value: provider.options.filter,
      });
      if (next === undefined) return;
    }
    await setOptions({ filter: next.trim() });
  };

  const sortCmd = async (value?: unknown) => {
    let next = typeof value === 'string' && value in SORT_LABELS ? (value as EntitySort) : undefined;
    if (!next) {
      const picked = await vscode.window.showQuickPick(
        (Object.keys(SORT_LABELS) as EntitySort[]).map((s) => ({ label: SORT_LABELS[s], description: s === provider.options.sort ? '(current)' : undefined, sort: s })),
        { title: 'Sort Entities' },
      );
      next = picked?.sort;
    }
    if (next) await setOptions({ sort: next });
  };

  const typesCmd = async (value?: unknown) => {
    let shown: EntityType[] | undefined = Array.isArray(value) ? ENTITY_TYPES.filter((t) => value.includes(t)) : undefined;
    if (!shown) {
      const counts = new Map(corpus.typeCounts().map((c) => [c.type, c.entities]));
      const picked = await vscode.window.showQuickPick(
        ENTITY_TYPES.map((t) => ({
          label: TYPE_PLURAL[t],
          iconPath: new vscode.ThemeIcon(TYPE_ICON[t]),
          description: plural(counts.get(t) ?? 0, 'entity', 'entities'),
          picked: !provider.options.hiddenTypes.includes(t),
          type: t,
        })),
        { title: 'Show Entity Types', canPickMany: true, placeHolder: 'Check the types to list' },
      );
      if (!picked) return;
      shown = picked.map((p) => p.type);
    }
    await setOptions({ hiddenTypes: ENTITY_TYPES.filter((t) => !shown.includes(t)) });
  };

  const copyPassages = async (arg?: unknown) => {
    const e = entityFromArg(corpus, locator, arg);
    if (!e) return undefined;
    const passages = corpus.passagesOf(e.id).map((p) => ({
      text: p.text,
      mention: { start: p.mention.start - p.span.start, end: p.mention.end - p.span.start },
      source: corpus.documentInfo(p.mention.docId),
      page: pageAt(corpus, p.mention.docId, p.mention.start, deps.formats.store),
    }));
    const md = passagesAsMarkdown(e, passages);
    await vscode.env.clipboard.writeText(md);
    void vscode.window.setStatusBarMessage(`Source Research: copied ${plural(passages.length, 'passage')} of ${e.name}`, 4000);
    return md;
  };

  const findReferences = async (arg?: unknown) => {
    const e = entityFromArg(corpus, locator, arg);
    if (!e) return;
    const mentions = corpus.mentionsOf(e.id);
    const primary = mentions[0];
    if (!primary) return;
    const editor = await locator.open(primary, { preview: true });
    if (!editor) return;
    const locations = [...mentions].map((m) => locator.location(m)).filter((l): l is vscode.Location => !!l);
    await vscode.commands.executeCommand('editor.action.showReferences', editor.document.uri, editor.selection.start, locations);
  };

  const commands = [
    vscode.commands.registerCommand('sourceResearch.entities.filter', filterCmd),
    vscode.commands.registerCommand('sourceResearch.entities.clearFilter', () => setOptions({ filter: '' })),
    vscode.commands.registerCommand('sourceResearch.entities.sort', sortCmd),
    vscode.commands.registerCommand('sourceResearch.entities.groupByType', () => setOptions({ groupBy: 'type' })),
    vscode.commands.registerCommand('sourceResearch.entities.groupBySource', () => setOptions({ groupBy: 'source' })),
    vscode.commands.registerCommand('sourceResearch.entities.showTypes', typesCmd),
    vscode.commands.registerCommand('sourceResearch.entities.showMore', (node?: EntityNode) => {
      if (node?.kind === 'more') provider.showMore(node);
    }),
    vscode.commands.registerCommand('sourceResearch.entity.copyPassages', copyPassages),
    vscode.commands.registerCommand('sourceResearch.entity.findReferences', findReferences),
    vscode.commands.registerCommand('sourceResearch.revealEntity', async (arg?: unknown) => {
      const e = entityFromArg(corpus, locator, arg);
      if (!e) {
        void vscode.window.showInformationMessage('Source Research: no known entity at the cursor.');
        return false;
      }
      return reveal(e.id);
    }),
  ];

  return {
    provider,
    view,
    reveal,
    dispose: () => {
      if (pending) clearTimeout(pending);
      vscode.Disposable.from(provider, view, { dispose: onChange.dispose }, ...commands).dispose();
    },
  };
}
