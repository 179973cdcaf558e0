/**
 * Change Type… (entities.yaml `types:`, undoable) and the highlight of known names in sources and
 * drafts, in the harness's scratch copy of the corpus.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { EntityType } from '../../src/core/types';
import type { EntityNode } from '../../src/features/entitiesView';
import { api, isScratchWorkspace, OP_ED, uri, waitFor } from './helpers';

const CATALOG = 'sources/entities.yaml';

/** The type group of the Entities view an entity is listed under, by its name. */
async function groupOf(name: string): Promise<EntityType | undefined> {
  const { entities, corpus } = await api();
  const p = entities.provider;
  for (const t of p.getChildren() as EntityNode[]) {
    if (t.kind !== 'type') continue;
    for (const n of p.getChildren(t) as EntityNode[]) if (n.kind === 'entity' && corpus.entity(n.entityId)?.name === name) return t.type;
  }
  return undefined;
}

describe('Change Type and name highlight (scratch workspace)', function () {
  this.timeout(40_000);

  before(function () {
    if (!isScratchWorkspace()) this.skip();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('sourceResearch').update('highlight.enabled', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('moves an entity to the other type group at once, and Undo in entities.yaml moves it back', async () => {
    const { corpus, sources } = await api();
    const place = corpus.entities().find((e) => e.type === 'place' && !e.curated);
    assert.ok(place, 'an uncurated place');
    assert.strictEqual(await groupOf(place.name), 'place');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri(CATALOG)));

    assert.strictEqual(await vscode.commands.executeCommand<boolean>('sourceResearch.entity.changeType', place.id, 'organization'), true);
    assert.strictEqual(await groupOf(place.name), 'organization');
    const doc = await vscode.workspace.openTextDocument(uri(CATALOG));
    assert.match(doc.getText(), new RegExp(`types:[\\s\\S]*${place.name}: organization`));

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), original);
    await doc.save();
    await sources.whenIdle();
    await waitFor('the type change undone in the tree', async () => (await groupOf(place.name)) === 'place');
  });

  it('highlights known names in an open source and in a draft, and the setting turns it off', async () => {
    const { corpus, highlighter } = await api();
    const source = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(OP_ED)));
    const named = corpus.entities().find((e) => e.type === 'person' && e.mentionCount > 1)!;
    await waitFor('names highlighted in the source', () => (highlighter.highlights(source.document.uri).get('person')?.length ?? 0) > 0);

    const draft = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# Draft\n\nWe spoke about ${named.name} yesterday.\n` });
    await vscode.window.showTextDocument(draft, vscode.ViewColumn.Beside);
    await waitFor('the name highlighted in the draft', () => {
      const spans = highlighter.highlights(draft.uri).get('person') ?? [];
      return spans.some((s) => draft.getText().slice(s.start, s.end) === named.name);
    });

    await vscode.workspace.getConfiguration('sourceResearch').update('highlight.enabled', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('no highlight once the setting is off', () => highlighter.highlights(draft.uri).size === 0 && highlighter.highlights(source.document.uri).size === 0);
  });
});
