/**
 * Entity features that change files (only in the harness's scratch copy of the corpus): catalog
 * write-back with undo, live edits and deletions reaching the tree, a broken entities.yaml, and an
 * untrusted source that tries to smuggle a command link into a hover.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { EntityNode } from '../../src/features/entitiesView';
import { entityId, hoverText } from './entityHelpers';
import { api, isScratchWorkspace, OP_ED, uri, waitFor, writeText } from './helpers';

const CATALOG = 'sources/entities.yaml';
const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

async function catalogText(): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri(CATALOG)));
}

/** The tree item of an entity under its type. */
async function entityItem(name: string): Promise<vscode.TreeItem | undefined> {
  const { entities } = await api();
  const p = entities.provider;
  for (const t of p.getChildren()) {
    for (const n of p.getChildren(t) as EntityNode[]) {
      const item = p.getTreeItem(n);
      if (label(item) === name) return item;
    }
  }
  return undefined;
}

describe('entity edits (scratch workspace)', function () {
  this.timeout(40_000);

  before(function () {
    if (!isScratchWorkspace()) this.skip();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('merges an entity into another through entities.yaml, keeping its comments; Undo restores it', async () => {
    const { corpus, sources } = await api();
    const original = await catalogText();
    const target = await entityId('Quba');
    const source = corpus.entities().find((e) => e.type === 'place' && !e.curated && e.name !== 'Quba');
    assert.ok(source, 'an uncurated place to merge');

    const ok = await vscode.commands.executeCommand<boolean>('sourceResearch.entity.mergeInto', source.id, target);
    assert.strictEqual(ok, true);
    const merged = await catalogText();
    for (const line of original.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(merged.includes(line.trim()), `keeps the comment ${line}`);
    assert.ok(merged.includes(source.name), merged);
    // The tree and the index follow at once.
    const quba = corpus.entity(target)!;
    assert.ok(quba.aliases.includes(source.name), quba.aliases.join(', '));
    assert.strictEqual(corpus.entity(source.id), undefined);

    // Undo in the editor of entities.yaml.
    const doc = await vscode.workspace.openTextDocument(uri(CATALOG));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), original);
    await doc.save();
    await sources.whenIdle();
    await waitFor('the merge undone in the index', () => corpus.entity(source.id) !== undefined);
  });

  it('creates entities.yaml with its header comment when there is none', async () => {
    const { corpus, sources } = await api();
    const original = await catalogText();
    await vscode.workspace.fs.delete(uri(CATALOG));
    await waitFor('the catalog to go', () => sources.catalogUri === undefined);
    try {
      const id = await entityId('Benjamin Netanyahu');
      assert.strictEqual(await vscode.commands.executeCommand('sourceResearch.entity.addAlias', id, 'Bibi'), true);
      const text = await catalogText();
      assert.ok(text.startsWith('# entities.yaml'), text);
      assert.ok(text.includes('Bibi'), text);
      assert.ok(corpus.entity(id)?.aliases.includes('Bibi') || corpus.entities().some((e) => e.name === 'Benjamin Netanyahu' && e.aliases.includes('Bibi')));
    } finally {
      await writeText(CATALOG, original);
      await waitFor('the original catalog', () => sources.catalogUri !== undefined);
      await sources.whenIdle();
    }
  });

  it('renames and ignores through entities.yaml', async () => {
    const { corpus, sources } = await api();
    const original = await catalogText();
    try {
      const id = await entityId('Benjamin Netanyahu');
      assert.strictEqual(await vscode.commands.executeCommand('sourceResearch.entity.rename', id, 'Bibi Netanyahu'), true);
      assert.ok(corpus.entities().some((e) => e.name === 'Bibi Netanyahu'), 'renamed in the index');
      assert.ok((await entityItem('Bibi Netanyahu')) !== undefined, 'renamed in the tree');
      const renamed = corpus.entities().find((e) => e.name === 'Bibi Netanyahu')!;
      assert.strictEqual(await vscode.commands.executeCommand('sourceResearch.entity.ignore', renamed.id), true);
      assert.ok((await catalogText()).includes('ignore:'));
    } finally {
      await writeText(CATALOG, original);
      await sources.whenIdle();
      await waitFor('the original catalog in force', () => corpus.entities().some((e) => e.name === 'Benjamin Netanyahu'));
    }
  });

  it('updates the tree as a source is edited, before it is saved', async () => {
    const { corpus } = await api();
    const id = await entityId('Benjamin Netanyahu');
    const before = corpus.entity(id)!.mentionCount;
    const doc = await vscode.workspace.openTextDocument(uri(OP_ED));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(doc.positionAt(doc.getText().length), '\n\nOn Monday, Benjamin Netanyahu spoke again.\n'));
    let seen = '';
    await waitFor('one more mention in the tree', async () => {
      seen = String((await entityItem('Benjamin Netanyahu'))?.description);
      return seen.startsWith(`${before + 1} mentions`);
    }).catch((e) => assert.fail(`${String(e)}; the tree says ${seen}, the index ${corpus.entity(id)?.mentionCount}, text updated: ${corpus.prepared(OP_ED)?.text.includes("spoke again")}, mentions: ${corpus.mentionsIn(OP_ED).filter((m) => m.text.includes("Netanyahu")).map((m) => m.start + ":" + m.text + ":" + m.entityId).join(",")}`));
    assert.ok(doc.isDirty);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the count back', () => corpus.entity(id)?.mentionCount === before);
  });

  it('finds untitled names with the trained tagger, and not when sourceResearch.tagger.enabled is off', async () => {
    const { corpus } = await api();
    const merkel = () => corpus.entities().find((e) => e.type === 'person' && e.name === 'Angela Merkel');
    const config = vscode.workspace.getConfiguration('sourceResearch');
    await writeText('sources/tagger-note.txt', 'Angela Merkel met Siemens executives in Munich. Merkel said the talks went well.\n');
    try {
      await waitFor('Angela Merkel, found by the tagger', () => merkel()?.mentionCount === 2);
      await config.update('tagger.enabled', false, vscode.ConfigurationTarget.Workspace);
      await waitFor('the rules alone, without her', () => merkel() === undefined);
      assert.ok(corpus.entities().some((e) => e.name === 'Munich' && e.type === 'place'), 'the gazetteer still knows Munich');
      await config.update('tagger.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor('the tagger back', () => merkel() !== undefined);
    } finally {
      await config.update('tagger.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(uri('sources/tagger-note.txt'));
    }
    await waitFor('the note gone', () => merkel() === undefined);
  });

  it('removes the mentions of a deleted source', async () => {
    const { corpus } = await api();
    const id = await entityId('Benjamin Netanyahu');
    const before = corpus.entity(id)!.mentionCount;
    await writeText('sources/extra-note.txt', 'Prime Minister Benjamin Netanyahu visited Baku on 13 December.\n');
    try {
      await waitFor('the new mention', () => corpus.entity(id)?.mentionCount === before + 1);
    } finally {
      await vscode.workspace.fs.delete(uri('sources/extra-note.txt'));
    }
    await waitFor('the mention gone', () => corpus.entity(id)?.mentionCount === before);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri(OP_ED), (await vscode.workspace.openTextDocument(uri(OP_ED))).positionAt(corpus.mentionsOf(id)[0]!.start + 1));
    assert.ok(refs.every((r) => !r.uri.path.endsWith('extra-note.txt')));
  });

  it('reports a broken entities.yaml while the tree keeps working', async () => {
    const { entities, sources } = await api();
    const original = await catalogText();
    try {
      await writeText(CATALOG, original.replace('entities:', 'entities: [unclosed\n  - name: : :'));
      await waitFor('a diagnostic on entities.yaml', () => vscode.languages.getDiagnostics(uri(CATALOG)).length > 0);
      const roots = entities.provider.getChildren();
      assert.ok(roots.length > 0);
      assert.ok(roots.some((r) => label(entities.provider.getTreeItem(r)) === 'People'));
      assert.ok(await entityItem('Krasnaya Sloboda'), 'the last good catalog stays in force');
    } finally {
      await writeText(CATALOG, original);
      await waitFor('the diagnostic to clear', () => vscode.languages.getDiagnostics(uri(CATALOG)).length === 0);
      await sources.whenIdle();
    }
  });

  it('shows a command link written in a source as inert text in the hover', async () => {
    const { corpus } = await api();
    const rel = 'sources/untrusted.txt';
    await writeText(rel, 'President Ilham Aliyev wrote [x](command:workbench.action.terminal.new) and <b>bold</b> today.\n');
    try {
      await waitFor('the untrusted source', () => corpus.mentionsIn(rel).length > 0);
      const { text, hovers } = await hoverText(rel, 'Aliyev');
      assert.ok(text.includes('command\\:workbench\\.action\\.terminal\\.new'), text);
      assert.ok(!/\]\(command:workbench/.test(text), text);
      assert.ok(!text.includes('<b>'), text);
      const trusted = (hovers[0]!.contents[0] as vscode.MarkdownString).isTrusted as { enabledCommands: string[] };
      assert.ok(!trusted.enabledCommands.includes('workbench.action.terminal.new'));
    } finally {
      await vscode.workspace.fs.delete(uri(rel));
    }
  });

  it('turns hovers off with sourceResearch.hover.enabled', async () => {
    const config = vscode.workspace.getConfiguration('sourceResearch');
    await config.update('hover.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      const { hovers } = await hoverText(OP_ED, 'Netanyahu');
      assert.strictEqual(hovers.length, 0);
    } finally {
      await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const { hovers } = await hoverText(OP_ED, 'Netanyahu');
    assert.strictEqual(hovers.length, 1);
  });
});
