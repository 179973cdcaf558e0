/**
 * The entity features of the editor, on the sample corpus: hovers, definition, references,
 * workspace and document symbols, the Entities view and its commands.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { EntityNode } from '../../src/features/entitiesView';
import { entityId, hoverText, positionOf } from './entityHelpers';
import { api, isScratchWorkspace, OP_ED, PRESS_RELEASE, uri, waitFor, writeText } from './helpers';

describe('entity features', function () {
  this.timeout(30_000);

  describe('hover', () => {
    it('shows "Red Village" in the press release with passages from both documents', async () => {
      const { text, hovers } = await hoverText(PRESS_RELEASE, 'Red Village');
      assert.strictEqual(hovers.length, 1, text);
      assert.ok(text.includes('Krasnaya Sloboda'), text);
      assert.ok(text.includes('Red Village'), text);
      // Go-to-source links to both documents, the op-ed's passage mentions Krasnaya Sloboda.
      assert.ok(text.includes(encodeURIComponent(PRESS_RELEASE)), text);
      assert.ok(text.includes(encodeURIComponent(OP_ED)), text);
      assert.ok(text.includes('**Krasnaya Sloboda**'), `the op-ed's Krasnaya Sloboda passage is quoted:\n${text}`);
      assert.ok(/\d+ mentions? in 2 sources/.test(text), text);
    });

    it('shows Ilham Aliyev on "Aliyev" in the op-ed, with his passages', async () => {
      const { corpus } = await api();
      const text = corpus.prepared(OP_ED)!.text;
      // Hover every occurrence (not only the first on a line).
      const n = text.split('Aliyev').length - 1;
      assert.ok(n >= 2);
      for (let i = 0; i < n; i++) {
        const { text: md } = await hoverText(OP_ED, 'Aliyev', i);
        assert.ok(md.includes('**Ilham Aliyev**'), md);
        assert.ok(md.includes('person'), md);
        assert.ok(md.includes('**Aliyev**') || md.includes('**Ilham Aliyev**'), md);
        assert.ok(md.includes('Go to source'), md);
      }
    });

    it('restricts links to its own commands', async () => {
      const { hovers } = await hoverText(OP_ED, 'Netanyahu');
      const md = hovers[0]!.contents[0] as vscode.MarkdownString;
      const trusted = md.isTrusted;
      assert.ok(trusted && typeof trusted === 'object', 'isTrusted is an allow-list');
      assert.deepStrictEqual([...trusted.enabledCommands].sort(), ['sourceResearch.goToSource', 'sourceResearch.openMention', 'sourceResearch.revealEntity', 'sourceResearch.showInPdf']);
      for (const m of md.value.matchAll(/\]\(command:([\w.]+)/g)) assert.ok(trusted.enabledCommands.includes(m[1]!), m[1]);
    });

    it('works in the user\'s own notes, outside the corpus', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Draft\n\nCall Netanyahu and then Netanyahu again.\n' });
      const pos = doc.positionAt(doc.getText().lastIndexOf('Netanyahu') + 3);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      const text = hovers.map((h) => (h.contents[0] as vscode.MarkdownString).value).join('\n');
      assert.ok(text.includes('Netanyahu'), text);
      assert.ok(text.includes(encodeURIComponent(OP_ED)), text);
      const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, pos);
      assert.strictEqual(defs.length, 1);
    });
  });

  describe('navigation', () => {
    it('goes to the primary passage of Netanyahu (definition) and finds all 4 mentions (references)', async () => {
      const { corpus } = await api();
      const pos = await positionOf(OP_ED, 'Netanyahu', 2);
      const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri(OP_ED), pos);
      assert.strictEqual(defs.length, 1);
      // executeDefinitionProvider hands LocationLinks back as they were provided.
      const d = defs[0] as vscode.LocationLink;
      assert.ok(d.targetSelectionRange, 'a LocationLink with a selection range (Peek shows the passage)');
      const targetUri = d.targetUri;
      const sel = d.targetSelectionRange;
      const target = d.targetRange;
      assert.strictEqual(targetUri.toString(), uri(OP_ED).toString());
      const doc = await vscode.workspace.openTextDocument(targetUri);
      assert.ok(/Netanyahu/.test(doc.getText(sel)), doc.getText(sel));
      assert.ok(target.contains(sel));
      const primary = corpus.passagesOf(corpus.mentionAt(OP_ED, doc.offsetAt(pos))!.entityId)[0]!;
      assert.strictEqual(doc.getText(target), primary.text);

      const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri(OP_ED), pos);
      assert.strictEqual(refs.length, 4, refs.map((r) => doc.getText(r.range)).join(' | '));
      for (const r of refs) assert.ok(/Netanyahu/.test(doc.getText(r.range)), doc.getText(r.range));
    });

    it('finds Khazar Ibrahim among the workspace symbols for "ibra"', async () => {
      const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'ibra');
      const s = symbols.find((x) => x.name === 'Khazar Ibrahim');
      assert.ok(s, symbols.map((x) => x.name).join(', '));
      assert.strictEqual(s.kind, vscode.SymbolKind.Object);
      assert.strictEqual(s.location.uri.toString(), uri(PRESS_RELEASE).toString());
    });

    it('finds an entity by its alias among the workspace symbols', async () => {
      const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Red Village');
      assert.ok(symbols.some((x) => x.name.startsWith('Krasnaya Sloboda')), symbols.map((x) => x.name).join(', '));
    });

    it('outlines a source: the entities it mentions, grouped by type', async () => {
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri(OP_ED));
      const people = symbols.find((s) => s.name === 'People');
      assert.ok(people, symbols.map((s) => s.name).join(', '));
      assert.ok(people.children.some((c) => c.name === 'Ilham Aliyev'), people.children.map((c) => c.name).join(', '));
      assert.ok(symbols.some((s) => s.name === 'Places'));
    });
  });

  describe('Entities view', () => {
    const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

    it('groups entities by type with counts, and lists passages by source', async () => {
      const { entities } = await api();
      const p = entities.provider;
      const roots = p.getChildren();
      const types = roots.map((r) => label(p.getTreeItem(r)));
      assert.ok(types.includes('People') && types.includes('Places'), types.join(', '));
      const peopleNode = roots.find((r) => label(p.getTreeItem(r)) === 'People')!;
      assert.match(String(p.getTreeItem(peopleNode).description), /^\d+$/);
      const people = p.getChildren(peopleNode);
      const aliyev = people.find((n) => label(p.getTreeItem(n)) === 'Ilham Aliyev');
      assert.ok(aliyev, people.map((n) => label(p.getTreeItem(n))).join(', '));
      const item = p.getTreeItem(aliyev);
      assert.match(String(item.description), /^\d+ mentions? · 1 source$/);
      assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'person');
      assert.strictEqual(p.getParent(aliyev), peopleNode);

      const bySource = p.getChildren(aliyev);
      assert.strictEqual(bySource.length, 1);
      assert.strictEqual(label(p.getTreeItem(bySource[0]!)), 'Azerbaijan, Israel and the Jewish community of Red Village');
      const passages = p.getChildren(bySource[0]!);
      assert.ok(passages.length >= 2);
      const pi = p.getTreeItem(passages[0]!);
      const l = pi.label as vscode.TreeItemLabel;
      const [a, b] = l.highlights![0]!;
      assert.match(l.label.slice(a, b), /Aliyev/);
      assert.strictEqual(pi.command?.command, 'sourceResearch.openMention');
      assert.strictEqual(p.getParent(passages[0]!), bySource[0]);
      const resolved = p.resolveTreeItem(pi, passages[0]!, new vscode.CancellationTokenSource().token);
      assert.ok((resolved.tooltip as vscode.MarkdownString).value.includes('Aliyev'));

      // The passage's command opens the op-ed with the mention selected.
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>(pi.command!.command, ...(pi.command!.arguments ?? []));
      assert.strictEqual(editor.document.uri.toString(), uri(OP_ED).toString());
      assert.match(editor.document.getText(editor.selection), /Aliyev/);
    });

    it('filters, sorts, groups by source and hides types', async () => {
      const { entities, corpus } = await api();
      const p = entities.provider;
      try {
        await vscode.commands.executeCommand('sourceResearch.entities.filter', 'aliyev');
        assert.strictEqual(entities.view.description, 'Filter: aliyev');
        const roots = p.getChildren();
        assert.deepStrictEqual(roots.map((r) => label(p.getTreeItem(r))), ['People']);
        await vscode.commands.executeCommand('sourceResearch.entities.clearFilter');
        assert.strictEqual(entities.view.description, undefined);

        await vscode.commands.executeCommand('sourceResearch.entities.sort', 'name');
        const names = p.getChildren(p.getChildren()[0]).map((n) => label(p.getTreeItem(n)));
        assert.deepStrictEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));

        await vscode.commands.executeCommand('sourceResearch.entities.groupBySource');
        const sources = p.getChildren();
        assert.strictEqual(sources.length, corpus.documents().length);
        const inOpEd = p.getChildren(sources.find((s) => s.kind === 'source' && s.docId === OP_ED));
        assert.ok(inOpEd.some((n) => label(p.getTreeItem(n)) === 'Ilham Aliyev'));

        await vscode.commands.executeCommand('sourceResearch.entities.groupByType');
        await vscode.commands.executeCommand('sourceResearch.entities.showTypes', ['person']);
        assert.deepStrictEqual(p.getChildren().map((r) => label(p.getTreeItem(r))), ['People']);
      } finally {
        await vscode.commands.executeCommand('sourceResearch.entities.clearFilter');
        await vscode.commands.executeCommand('sourceResearch.entities.sort', 'mentions');
        await vscode.commands.executeCommand('sourceResearch.entities.groupByType');
        await vscode.commands.executeCommand('sourceResearch.entities.showTypes', ['person', 'organization', 'place', 'group', 'date', 'quantity']);
      }
    });

    it('reveals the entity under the cursor in the tree', async () => {
      const { entities } = await api();
      const pos = await positionOf(OP_ED, 'Netanyahu', 1);
      const doc = await vscode.workspace.openTextDocument(uri(OP_ED));
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(pos, pos);
      assert.strictEqual(await vscode.commands.executeCommand('sourceResearch.revealEntity'), true);
      await waitFor('the selection in the tree', () => entities.view.selection.length === 1);
      const sel = entities.view.selection[0] as EntityNode;
      assert.strictEqual(sel.kind, 'entity');
      assert.strictEqual(sel.kind === 'entity' && sel.entityId, await entityId('Benjamin Netanyahu'));
    });

    it('shows a long group a page at a time, and reveals an entity beyond the first page', async function () {
      if (!isScratchWorkspace()) this.skip();
      const { entities, corpus } = await api();
      const p = entities.provider;
      const rel = 'sources/livestock-census.txt';
      const counts = Array.from({ length: 450 }, (_, i) => 1001 + i);
      await writeText(rel, `Livestock census\n\n${counts.map((n, i) => `In district ${i + 1} the inspectors counted ${n} sheep.`).join('\n\n')}\n`);
      try {
        const quantities = () => corpus.entities().filter((e) => e.type === 'quantity');
        await waitFor('the census indexed', () => quantities().length >= 450, 60_000);
        const total = quantities().length;
        const group = () => p.getChildren().find((r) => r.kind === 'type' && r.type === 'quantity')!;
        const first = p.getChildren(group());
        assert.strictEqual(first.length, 201, 'the first 200 entities, then an item for the rest');
        const more = first[200]!;
        const item = p.getTreeItem(more);
        assert.strictEqual(label(item), 'Show 200 More…');
        assert.strictEqual(item.description, `${(total - 200).toLocaleString('en')} not shown`);
        assert.strictEqual(p.getParent(more), group());
        await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
        assert.strictEqual(p.getChildren(group()).filter((n) => n.kind === 'entity').length, 400);

        // The least mentioned comes last: revealing it shows as much of the list as it takes.
        const last = p.visibleEntities().filter((e) => e.type === 'quantity').at(-1)!;
        assert.strictEqual(await vscode.commands.executeCommand('sourceResearch.revealEntity', last.id), true);
        await waitFor('the last quantity selected', () => (entities.view.selection[0] as EntityNode | undefined)?.id === `entity/${last.id}`);
        assert.ok(p.getChildren(group()).some((n) => n.kind === 'entity' && n.entityId === last.id));
      } finally {
        await vscode.workspace.fs.delete(uri(rel));
        await waitFor('the census gone', () => !corpus.documentInfo(rel), 30_000);
      }
    });

    it('copies the passages of an entity as Markdown quotes', async () => {
      const md = await vscode.commands.executeCommand<string>('sourceResearch.entity.copyPassages', await entityId('Benjamin Netanyahu'));
      assert.ok(md.startsWith('## Benjamin Netanyahu (person)'), md);
      assert.strictEqual(md.split('\n> — ').length - 1, 4, md);
      assert.strictEqual(await vscode.env.clipboard.readText(), md);
    });
  });

  describe('Go to Source', () => {
    const active = () => vscode.window.activeTextEditor?.document.uri.toString();

    it('previews the passages of an entity as the selection moves; Escape goes back', async () => {
      const id = await entityId('Benjamin Netanyahu');
      const start = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(PRESS_RELEASE)), { preview: false });
      const startSel = new vscode.Selection(2, 3, 2, 3);
      start.selection = startSel;
      const done = vscode.commands.executeCommand<vscode.TextEditor | undefined>('sourceResearch.goToSource', id);
      await waitFor('the preview of the first passage', () => active() === uri(OP_ED).toString());
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.strictEqual(await done, undefined);
      await waitFor('the original editor back', () => active() === uri(PRESS_RELEASE).toString());
      assert.ok(vscode.window.activeTextEditor!.selection.isEqual(startSel));
    });

    it('opens the chosen passage with the mention selected', async () => {
      const { corpus } = await api();
      const id = await entityId('Benjamin Netanyahu');
      const done = vscode.commands.executeCommand<vscode.TextEditor | undefined>('sourceResearch.goToSource', id);
      await waitFor('the preview', () => active() === uri(OP_ED).toString());
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const editor = await done;
      assert.ok(editor);
      assert.strictEqual(editor.document.uri.toString(), uri(OP_ED).toString());
      const primary = corpus.mentionsOf(id)[0]!;
      assert.strictEqual(editor.document.offsetAt(editor.selection.start), primary.start);
      assert.strictEqual(editor.document.getText(editor.selection), primary.text);
    });

    it('shows all references of an entity from the tree', async () => {
      await vscode.commands.executeCommand('sourceResearch.entity.findReferences', await entityId('Ilham Aliyev'));
      assert.strictEqual(active(), uri(OP_ED).toString());
      await vscode.commands.executeCommand('closeReferenceSearch');
    });
  });

  describe('status bar and commands', () => {
    it('registers the entity commands', async () => {
      const commands = await vscode.commands.getCommands(true);
      for (const c of [
        'sourceResearch.goToSource',
        'sourceResearch.revealEntity',
        'sourceResearch.openMention',
        'sourceResearch.entity.rename',
        'sourceResearch.entity.mergeInto',
        'sourceResearch.entity.addAlias',
        'sourceResearch.entity.ignore',
        'sourceResearch.entity.showInCatalog',
        'sourceResearch.entity.findReferences',
        'sourceResearch.entity.copyPassages',
        'sourceResearch.entities.focus',
      ]) {
        assert.ok(commands.includes(c), `${c} is registered`);
      }
    });

    it('Show in Catalog opens entities.yaml at the entry', async () => {
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('sourceResearch.entity.showInCatalog', await entityId('Krasnaya Sloboda'));
      assert.ok(editor.document.uri.path.endsWith('/sources/entities.yaml'));
      assert.strictEqual(editor.document.getText(editor.selection), 'Krasnaya Sloboda');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });
});
