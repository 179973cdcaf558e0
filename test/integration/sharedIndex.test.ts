/**
 * The shared team index in the real VS Code: a PostgreSQL server on loopback holds a document the
 * workspace does not have (and a copy of one it has); with sourceResearch.index.database set and the
 * password given through the command, the Entities view, hovers and go-to-source reach it.
 */
import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { EntityNode } from '../../src/features/entitiesView';
import { startPostgres, type TempPostgres } from '../harness/postgres';
import { api, PRESS_RELEASE, uri, waitFor } from './helpers';

const root = path.resolve(__dirname, '../../..');
const SHARED_DOC = 'desk/kovalenko-interview.txt';
const SHARED_TEXT =
  'Ambassador Zarina Kovalenko told reporters in Vilnius on Monday that the talks would resume.\n\n' +
  'Zarina Kovalenko said the delegation from Lithuania would arrive in March.\n';

describe('shared team index (PostgreSQL)', function () {
  this.timeout(120_000);
  let server: TempPostgres | undefined;
  let dir: string | undefined;
  const indexShared = () =>
    promisify(execFile)(process.execPath, [path.join(root, 'dist/cli.js'), 'index', dir!, '--db', server!.url, '--no-tagger'], {
      env: { ...process.env, PGPASSWORD: server!.password, ELECTRON_RUN_AS_NODE: '1' },
    });

  before(async function () {
    const { corpus } = await api();
    server = await startPostgres();
    // The newsroom's folder: a document only it has, and its copy of a source this workspace has too.
    dir = mkdtempSync(path.join(tmpdir(), 'sr-shared-'));
    mkdirSync(path.join(dir, 'desk'));
    writeFileSync(path.join(dir, SHARED_DOC), SHARED_TEXT);
    copyFileSync(uri(PRESS_RELEASE).fsPath, path.join(dir, 'desk/press-release.txt'));
    await indexShared();
    assert.ok(!corpus.entities().some((e) => e.name === 'Zarina Kovalenko'), 'the workspace alone does not know her');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('sourceResearch').update('index.database', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('sourceResearch.index.clearPassword');
    server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows an entity only the shared index holds, with its passage, and F12 opens its document (a read-only virtual document)', async () => {
    const { shared, view, entities, corpus } = await api();
    const localIbrahim = corpus.entities().find((e) => e.name === 'Khazar Ibrahim')!;
    await vscode.workspace.getConfiguration('sourceResearch').update('index.database', server!.url, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('sourceResearch.index.setPassword', server!.password);
    await waitFor('the shared index to load', () => shared.status.state === 'ready', 30_000);

    // The Entities view: People → Zarina Kovalenko → the shared document → its passages.
    const p = entities.provider;
    await waitFor('Zarina Kovalenko in the Entities view', () => {
      const people = p.getChildren().find((n) => n.kind === 'type' && n.type === 'person');
      return !!people && p.getChildren(people).some((n) => n.kind === 'entity' && view.entity(n.entityId)?.name === 'Zarina Kovalenko');
    });
    const people = p.getChildren().find((n) => n.kind === 'type' && n.type === 'person')!;
    const node = p.getChildren(people).find((n) => n.kind === 'entity' && view.entity(n.entityId)?.name === 'Zarina Kovalenko') as Extract<EntityNode, { kind: 'entity' }>;
    const item = p.getTreeItem(node);
    assert.match(String(typeof item.label === 'string' ? item.label : item.label?.label), /Zarina Kovalenko/);
    const bySource = p.getChildren(node);
    assert.deepStrictEqual(bySource.map((n) => (n.kind === 'passages' ? n.docId : '')), [SHARED_DOC]);
    assert.strictEqual(p.getChildren(bySource[0]).length, 2);

    // The shared copy of the press release is the local one: nothing counted twice.
    assert.strictEqual(view.entity(localIbrahim.id)?.mentionCount, localIbrahim.mentionCount);
    assert.ok(!view.documents().some((d) => d.id === 'desk/press-release.txt'));

    // A hover in the user's own draft finds her through the shared index.
    const draft = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Notes: Zarina Kovalenko said the talks resume.\n' });
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', draft.uri, new vscode.Position(0, 10))) ?? [];
    const md = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.ok(md.includes('Zarina Kovalenko'), md);
    assert.ok(md.includes('Vilnius'), `the shared passage is quoted:\n${md}`);

    // Go to Definition (F12) from the draft lands in the shared document, a read-only virtual document.
    const defs = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', draft.uri, new vscode.Position(0, 10))) ?? [];
    assert.ok(defs.length >= 1, 'a definition');
    const target = 'targetUri' in defs[0]! ? defs[0].targetUri : defs[0]!.uri;
    assert.strictEqual(target.scheme, 'source-research-shared');
    const doc = await vscode.workspace.openTextDocument(target);
    assert.strictEqual(doc.getText(), SHARED_TEXT);
    await vscode.window.showTextDocument(doc);
    // And in it, hovers work as in a local source.
    const inDoc = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', target, doc.positionAt(SHARED_TEXT.indexOf('Kovalenko') + 2))) ?? [];
    assert.ok(inDoc.length >= 1, 'a hover in the shared document');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows what a new indexing run adds without being asked (the writers NOTIFY)', async () => {
    const { shared, view } = await api();
    assert.strictEqual(shared.status.state, 'ready');
    writeFileSync(path.join(dir!, 'desk/second.txt'), 'Minister Tomas Vereckis arrived in Riga on Tuesday.\n');
    await indexShared();
    await waitFor('Tomas Vereckis from the new run', () => view.entities().some((e) => e.name === 'Tomas Vereckis'), 30_000);
    assert.ok(view.documents().some((d) => d.id === 'desk/second.txt'));
  });

  it('drops the shared entities when the setting is cleared', async () => {
    const { shared, view } = await api();
    await vscode.workspace.getConfiguration('sourceResearch').update('index.database', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('the shared index to be off', () => shared.status.state === 'off');
    assert.ok(!view.entities().some((e) => e.name === 'Zarina Kovalenko'));
  });
});
