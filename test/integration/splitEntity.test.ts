/**
 * Split Entity… in the real VS Code (the harness's scratch copy of the corpus): an entity
 * mentioned in two sources becomes two entities in the Entities view at once, through an alias
 * scoped to one document in entities.yaml, and Undo in entities.yaml brings back one.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { EntityNode } from '../../src/features/entitiesView';
import { api, isScratchWorkspace, uri, waitFor } from './helpers';

const CATALOG = 'sources/entities.yaml';
const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

/** The labels of the entities listed in the Entities view. */
async function treeNames(): Promise<string[]> {
  const { entities } = await api();
  const p = entities.provider;
  const out: string[] = [];
  for (const t of p.getChildren() as EntityNode[]) {
    if (t.kind !== 'type') continue;
    for (const n of p.getChildren(t) as EntityNode[]) if (n.kind === 'entity') out.push(label(p.getTreeItem(n)));
  }
  return out;
}

describe('Split Entity (scratch workspace)', function () {
  this.timeout(40_000);

  before(function () {
    if (!isScratchWorkspace()) this.skip();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('splits an entity mentioned in two sources into two at once; Undo in entities.yaml brings back one', async () => {
    const { corpus, sources } = await api();
    const e = corpus.entities().find((x) => (x.type === 'person' || x.type === 'place') && new Set(corpus.mentionsOf(x.id).map((m) => m.docId)).size === 2);
    assert.ok(e, 'an entity mentioned in two sources');
    const [first, second] = [...new Set(corpus.mentionsOf(e.id).map((m) => m.docId))].sort() as [string, string];
    const newName = `${e.name} (of ${first.split('/').pop()})`;
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri(CATALOG)));
    const before = (await treeNames()).filter((n) => n === e.name || n === newName);
    assert.deepStrictEqual(before, [e.name]);

    assert.strictEqual(await vscode.commands.executeCommand<boolean>('sourceResearch.entity.split', e.id, [first], newName), true);
    // Two entities in the tree at once, each with the mentions of its own document.
    assert.deepStrictEqual((await treeNames()).filter((n) => n === e.name || n === newName).sort(), [e.name, newName].sort());
    const split = corpus.entities().find((x) => x.name === newName)!;
    const old = corpus.entities().find((x) => x.name === e.name)!;
    assert.deepStrictEqual([...new Set(corpus.mentionsOf(split.id).map((m) => m.docId))], [first]);
    assert.deepStrictEqual([...new Set(corpus.mentionsOf(old.id).map((m) => m.docId))], [second]);
    const doc = await vscode.workspace.openTextDocument(uri(CATALOG));
    const rel = first.slice('sources/'.length);
    assert.ok(doc.getText().includes(`documents: [${rel}]`), doc.getText());
    for (const line of original.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(doc.getText().includes(line.trim()), `keeps the comment ${line}`);

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), original);
    await doc.save();
    await sources.whenIdle();
    await waitFor('one entity again in the tree', async () => {
      const names = (await treeNames()).filter((n) => n === e.name || n === newName);
      return names.length === 1 && names[0] === e.name;
    });
  });
});
