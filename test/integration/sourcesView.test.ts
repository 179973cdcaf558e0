import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { LineIndex } from '../../src/core/text/text';
import { toRange, toSpan } from '../../src/features/ranges';
import { describeSource, sourceTooltip } from '../../src/features/sourcesView';
import { api, OP_ED, PRESS_RELEASE, uri } from './helpers';

describe('Sources view', function () {
  this.timeout(30_000);

  it('describes a source as publisher · date', () => {
    assert.strictEqual(describeSource({ id: 'a.txt', title: 'A', chars: 1, meta: { publisher: 'The Post', date: '2023-06-05' } }), 'The Post · 2023-06-05');
    assert.strictEqual(describeSource({ id: 'a.txt', title: 'A', chars: 1, meta: { date: '2023' } }), '2023');
    assert.strictEqual(describeSource({ id: 'a.txt', title: 'A', chars: 1 }), '');
  });

  it('escapes untrusted metadata in the tooltip', () => {
    const md = sourceTooltip({
      id: 'x.txt',
      title: '**bold** [click](command:workbench.action.quit) <img src=x>',
      chars: 10,
      meta: { note: '[link](https://example.invalid) `code`', authors: ['A *B*'] },
    });
    assert.ok(!md.isTrusted);
    assert.ok(!md.supportHtml);
    assert.ok(!md.value.includes('[click](command:'), md.value);
    assert.ok(md.value.includes('\\*\\*bold\\*\\*'), md.value);
    assert.ok(!md.value.includes('[link](https:'), md.value);
  });

  it('opens a source with sourceResearch.openSource, selecting a span', async () => {
    const { corpus } = await api();
    const text = corpus.prepared(PRESS_RELEASE)!.text;
    const start = text.indexOf('NEW YORK');
    const editor = (await vscode.commands.executeCommand('sourceResearch.openSource', PRESS_RELEASE, { start, end: start + 8 })) as vscode.TextEditor;
    assert.strictEqual(editor.document.uri.toString(), uri(PRESS_RELEASE).toString());
    assert.strictEqual(editor.document.getText(editor.selection), 'NEW YORK');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('converts offsets the same way for an open document and a LineIndex (UTF-16, any line ending)', async () => {
    const { corpus } = await api();
    const doc = await vscode.workspace.openTextDocument(uri(OP_ED));
    const index = new LineIndex(corpus.prepared(OP_ED)!.text);
    for (const offset of [0, 1, 100, 1000, doc.getText().length]) {
      const span = { start: offset, end: Math.min(offset + 5, doc.getText().length) };
      assert.ok(toRange(doc, span).isEqual(toRange(index, span)), `offset ${offset}`);
      assert.deepStrictEqual(toSpan(doc, toRange(doc, span)), span);
    }
    const crlf = await vscode.workspace.openTextDocument({ content: 'Guba’s 😀 line\r\nsecond line', language: 'plaintext' });
    const off = crlf.getText().indexOf('second');
    assert.ok(toRange(crlf, { start: off, end: off + 6 }).isEqual(toRange(new LineIndex(crlf.getText()), { start: off, end: off + 6 })));
    assert.strictEqual(toRange(new LineIndex(crlf.getText()), { start: off, end: off + 6 }).start.line, 1);
  });
});
