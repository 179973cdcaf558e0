import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, isScratchWorkspace, OP_ED, PRESS_RELEASE, uri, waitFor, writeText } from './helpers';

const ids = async () => (await api()).corpus.documents().map((d) => d.id).sort();

describe('workspace corpus', function () {
  this.timeout(30_000);

  it('indexes the sources/ folder on activation, with titles from sources.yaml', async () => {
    const { corpus } = await api();
    assert.deepStrictEqual(await ids(), [PRESS_RELEASE, OP_ED]);
    assert.strictEqual(corpus.documentInfo(OP_ED)?.title, 'Azerbaijan, Israel and the Jewish community of Red Village');
    assert.strictEqual(corpus.documentInfo(PRESS_RELEASE)?.meta?.date, '2023-06-05');
    assert.ok(corpus.prepared(PRESS_RELEASE)?.text.includes('NEW YORK (Press Release)'));
  });

  it('maps document ids to workspace files and back', async () => {
    const { sources } = await api();
    assert.strictEqual(sources.uriOf(OP_ED)?.toString(), uri(OP_ED).toString());
    assert.strictEqual(sources.docIdOf(uri(OP_ED)), OP_ED);
    assert.strictEqual(sources.catalogUri?.toString(), uri('sources/entities.yaml').toString());
    assert.strictEqual(sources.sourcesYamlUri?.toString(), uri('sources/sources.yaml').toString());
  });

  describe('watching files (scratch workspace)', function () {
    before(function () {
      if (!isScratchWorkspace()) this.skip();
    });

    it('ignores text files outside sources/ when the workspace has a sources/ folder', async () => {
      await writeText('notes.md', '# My notes\n\nNot a source.\n');
      await writeText('sources/new-report.md', '# A new report\n\nThe Ministry of Foreign Affairs said so in Baku.\n');
      await waitFor('the new source', async () => (await ids()).includes('sources/new-report.md'));
      assert.ok(!(await ids()).includes('notes.md'));
    });

    it('re-reads a source changed on disk', async () => {
      const { corpus } = await api();
      await writeText('sources/new-report.md', '# A new report\n\nRevised text about Quba.\n');
      await waitFor('the revised text', () => !!corpus.prepared('sources/new-report.md')?.text.includes('Revised text'));
    });

    it('follows a rename and a delete', async () => {
      await vscode.workspace.fs.rename(uri('sources/new-report.md'), uri('sources/renamed-report.md'));
      await waitFor('the renamed source', async () => {
        const now = await ids();
        return now.includes('sources/renamed-report.md') && !now.includes('sources/new-report.md');
      });
      await vscode.workspace.fs.delete(uri('sources/renamed-report.md'));
      await waitFor('the deleted source to go', async () => !(await ids()).includes('sources/renamed-report.md'));
      assert.deepStrictEqual(await ids(), [PRESS_RELEASE, OP_ED]);
    });

    it('re-indexes an open source as it is edited, before it is saved', async () => {
      const { corpus } = await api();
      const doc = await vscode.workspace.openTextDocument(uri(OP_ED));
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'UNSAVED EDIT. '));
      await waitFor('the unsaved edit in the index', () => !!corpus.prepared(OP_ED)?.text.startsWith('UNSAVED EDIT. '));
      assert.ok(doc.isDirty);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor('the reverted text', () => !corpus.prepared(OP_ED)?.text.startsWith('UNSAVED EDIT. '));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('updates titles when sources.yaml changes', async () => {
      const { corpus } = await api();
      const yamlUri = uri('sources/sources.yaml');
      const original = await vscode.workspace.fs.readFile(yamlUri);
      const text = new TextDecoder().decode(original).replace('title: Azerbaijan, Israel and the Jewish community of Red Village', 'title: A changed title');
      await writeText('sources/sources.yaml', text);
      try {
        await waitFor('the changed title', () => corpus.documentInfo(OP_ED)?.title === 'A changed title');
      } finally {
        await vscode.workspace.fs.writeFile(yamlUri, original);
      }
      await waitFor('the original title', () => corpus.documentInfo(OP_ED)?.title === 'Azerbaijan, Israel and the Jewish community of Red Village');
    });

    it('reports entities.yaml problems in the Problems panel, and clears them when fixed', async () => {
      const yamlUri = uri('sources/entities.yaml');
      const original = await vscode.workspace.fs.readFile(yamlUri);
      await writeText('sources/entities.yaml', 'entities:\n  - name: [unclosed\n');
      try {
        await waitFor('a diagnostic on entities.yaml', () => vscode.languages.getDiagnostics(yamlUri).length > 0);
        const d = vscode.languages.getDiagnostics(yamlUri)[0]!;
        assert.strictEqual(d.source, 'Source Research');
      } finally {
        await vscode.workspace.fs.writeFile(yamlUri, original);
      }
      await waitFor('the diagnostics to clear', () => vscode.languages.getDiagnostics(yamlUri).length === 0);
    });

    it('re-indexes with sourceResearch.refresh', async () => {
      const { corpus } = await api();
      const before = corpus.version;
      await vscode.commands.executeCommand('sourceResearch.refresh');
      assert.ok(corpus.version >= before);
      assert.deepStrictEqual(await ids(), [PRESS_RELEASE, OP_ED]);
    });
  });
});
