/** Search, export and the story panels' commands in the extension host, on the sample corpus. */
import * as assert from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { api, PRESS_RELEASE, waitFor } from './helpers';

describe('research features', function () {
  this.timeout(30_000);

  it('the search index follows the workspace and finds the press release phrase', async () => {
    const { search } = await api();
    const r = await search.query('"learning from the best"');
    assert.strictEqual(r.results.length, 1);
    assert.strictEqual(r.results[0]!.docId, PRESS_RELEASE);
  });

  it('Export Dossier opens an untitled Markdown editor citing every passage', async () => {
    const { corpus } = await api();
    const e = corpus.entities().find((x) => x.name === 'Khazar Ibrahim')!;
    const editor = (await vscode.commands.executeCommand('sourceResearch.exportDossier', e.id)) as vscode.TextEditor;
    assert.ok(editor);
    assert.strictEqual(editor.document.isUntitled, true);
    assert.strictEqual(editor.document.languageId, 'markdown');
    const md = editor.document.getText();
    assert.match(md, /^# Khazar Ibrahim/);
    assert.match(md, /## Bibliography/);
    const quotes = md.split('\n').filter((l) => l.startsWith('> ') && !l.startsWith('> — ')).length;
    const cites = md.split('\n').filter((l) => l.startsWith('> — ')).length;
    assert.ok(quotes >= 5 && quotes === cites, `${quotes} quotes, ${cites} citations`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Export as CSV writes entities.csv and mentions.csv with a BOM into the folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sr-csv-'));
    try {
      const uris = (await vscode.commands.executeCommand('sourceResearch.exportCsv', undefined, vscode.Uri.file(dir))) as vscode.Uri[];
      assert.deepStrictEqual(uris.map((u) => path.basename(u.fsPath)), ['entities.csv', 'mentions.csv']);
      const entities = await readFile(path.join(dir, 'entities.csv'), 'utf8');
      assert.ok(entities.startsWith('\uFEFFid,name,type,aliases,mentions,sources'));
      assert.match(entities, /person:khazar ibrahim,Khazar Ibrahim,person/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('Export as JSON opens the index as scan --json', async () => {
    const editor = (await vscode.commands.executeCommand('sourceResearch.exportJson')) as vscode.TextEditor;
    const json = JSON.parse(editor.document.getText()) as { documents: unknown[]; entities: { name: string }[] };
    assert.strictEqual(json.documents.length, 2);
    assert.ok(json.entities.some((e) => e.name === 'Khazar Ibrahim'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Show Timeline and Show Network Neighbourhood open their panels', async () => {
    const { corpus } = await api();
    const e = corpus.entities().find((x) => x.name === 'Khazar Ibrahim')!;
    await vscode.commands.executeCommand('sourceResearch.showTimeline');
    await waitFor('the timeline tab', () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Source Research: Timeline')));
    await vscode.commands.executeCommand('sourceResearch.entity.showNetwork', e.id);
    await waitFor('the network tab', () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Source Research: Network')));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
