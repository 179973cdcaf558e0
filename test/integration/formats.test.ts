import * as assert from 'node:assert';
import * as vscode from 'vscode';
import * as fx from '../fixtures/formats';
import { api, isScratchWorkspace, uri, waitFor, writeText } from './helpers';

const DIR = 'sources/formats-test';
const PDF = `${DIR}/report.pdf`;

async function hoverText(doc: vscode.TextDocument, word: string): Promise<string> {
  const at = doc.getText().indexOf(word);
  assert.ok(at >= 0, `${word} is in ${doc.uri.toString()}`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 1));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('formats: PDF, web page, Word file and e-mail sources in VS Code', function () {
  this.timeout(120_000);

  before(async function () {
    if (!isScratchWorkspace()) this.skip();
    const pdf = await fx.multiPagePdf();
    await vscode.workspace.fs.createDirectory(uri(DIR));
    await vscode.workspace.fs.writeFile(uri(PDF), pdf);
    await vscode.workspace.fs.writeFile(uri(`${DIR}/leak.eml`), new TextEncoder().encode(fx.emailWithPdf(pdf)));
    await vscode.workspace.fs.writeFile(uri(`${DIR}/memo.docx`), fx.docx());
    await vscode.workspace.fs.writeFile(uri(`${DIR}/secret.pdf`), fx.protectedPdf());
    await writeText(`${DIR}/news.html`, fx.newsHtml());
    await writeText(`${DIR}/brief.txt`, 'A briefing: Olga Petrova will testify next week.\n');
    const { corpus } = await api();
    await waitFor('the PDF, web page, Word file, e-mail and its attachment in the index', () =>
      [PDF, `${DIR}/leak.eml`, `${DIR}/leak.eml#report.pdf`, `${DIR}/memo.docx`, `${DIR}/news.html`, `${DIR}/brief.txt`].every((id) => corpus.documentInfo(id)), 60_000);
  });

  after(async function () {
    if (!isScratchWorkspace()) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri(DIR), { recursive: true, useTrash: false });
    const { corpus } = await api();
    await waitFor('the test files gone from the index', () => !corpus.documents().some((d) => d.id.startsWith(DIR)), 20_000);
  });

  it('opens a PDF listed in Sources as its read-only text view', async () => {
    const { corpus, sources } = await api();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('sourceResearch.openSource', PDF);
    assert.strictEqual(editor.document.uri.scheme, 'source-research');
    assert.strictEqual(editor.document.getText(), corpus.text(PDF));
    assert.strictEqual(editor.document.languageId === 'plaintext' || editor.document.languageId === 'pdf', true);
    assert.strictEqual(sources.docIdOf(editor.document.uri), PDF);
    assert.match(editor.document.getText(), /Olga Petrova/);
  });

  it('hovering a name in the PDF text view shows passages with page numbers and Show in PDF', async () => {
    const { sources } = await api();
    const doc = await vscode.workspace.openTextDocument(sources.uriOf(PDF)!);
    const md = await hoverText(doc, 'Olga Petrova');
    assert.match(md, /p\\?\. 3/);
    assert.match(md, /Show in PDF/);
    assert.match(md, /command:sourceResearch\.showInPdf/);
  });

  it('Shift+F12 and Go to Source from a .txt source land on the PDF passage, with its page', async () => {
    const { sources, corpus } = await api();
    const txt = await vscode.workspace.openTextDocument(uri(`${DIR}/brief.txt`));
    await vscode.window.showTextDocument(txt);
    const at = txt.positionAt(txt.getText().indexOf('Olga Petrova') + 2);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', txt.uri, at);
    const pdfRef = refs.find((r) => r.uri.toString() === sources.uriOf(PDF)!.toString());
    assert.ok(pdfRef, refs.map((r) => r.uri.toString()).join(', '));
    // Go to Source's pick lists the PDF passage with its page; choosing it opens the text view at the name.
    const m = corpus.mentionsIn(PDF).find((x) => x.text === 'Olga Petrova')!;
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('sourceResearch.openMention', PDF, m.start, m.end);
    assert.strictEqual(editor.document.uri.scheme, 'source-research');
    assert.strictEqual(editor.document.getText(editor.selection), 'Olga Petrova');
    assert.deepStrictEqual(pdfRef.range.start, editor.selection.start);
  });

  it('the Outline of the PDF text view lists its entities', async () => {
    const { sources } = await api();
    const doc = await vscode.workspace.openTextDocument(sources.uriOf(PDF)!);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const names = symbols.flatMap((s) => [s.name, ...(s.children ?? []).map((c) => c.name)]).join(', ');
    assert.match(names, /Olga Petrova/);
    assert.match(names, /Helena Marsh/);
  });

  /** Show in PDF on Olga Petrova's passage of a PDF document: the page the webview drew and its highlights. */
  async function showOlgaPetrova(docId: string): Promise<{ page: number; highlights: number }> {
    const { corpus, showInPdf } = await api();
    assert.ok(showInPdf.canShow(docId), `${docId} offers Show in PDF`);
    const m = corpus.mentionsIn(docId).find((x) => x.text === 'Olga Petrova');
    assert.ok(m);
    const rendered = new Promise<{ page: number; highlights: number }>((resolve) => showInPdf.onDidRender(resolve));
    await vscode.commands.executeCommand('sourceResearch.showInPdf', docId, m.start, m.end);
    return Promise.race([rendered, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the PDF webview did not render')), 60_000))]);
  }

  it('Show in PDF renders the page with the passage highlighted', async () => {
    const r = await showOlgaPetrova(PDF);
    assert.strictEqual(r.page, 3);
    assert.ok(r.highlights > 0, 'the passage is highlighted');
  });

  it('Show in PDF works on a PDF attached to an e-mail too', async () => {
    const r = await showOlgaPetrova(`${DIR}/leak.eml#report.pdf`);
    assert.strictEqual(r.page, 3);
    assert.ok(r.highlights > 0, 'the passage is highlighted');
  });

  it('the e-mail attachment is a document of its own, under its e-mail', async () => {
    const { formats } = await api();
    assert.strictEqual(formats.store.get(`${DIR}/leak.eml#report.pdf`)?.meta.parent, `${DIR}/leak.eml`);
    assert.strictEqual(formats.store.get(`${DIR}/leak.eml`)?.meta.title, 'Leaked water report');
    assert.strictEqual(formats.store.get(`${DIR}/news.html`)?.meta.url, 'https://ledger.example/2024/02/floods-porto');
    assert.strictEqual(formats.store.get(`${DIR}/memo.docx`)?.meta.authors?.[0], 'Rosa Delgado');
  });

  it('a password-protected PDF is reported in Problems and the rest is indexed', async () => {
    const { corpus } = await api();
    const diags = vscode.languages.getDiagnostics(uri(`${DIR}/secret.pdf`));
    assert.match(diags.map((d) => d.message).join('\n'), /password-protected/);
    assert.strictEqual(corpus.documentInfo(`${DIR}/secret.pdf`), undefined);
  });

  it('re-indexing reuses the cache: no PDF is parsed again', async () => {
    const { formats, sources } = await api();
    const before = { ...formats.stats };
    await vscode.commands.executeCommand('sourceResearch.refresh');
    await sources.whenIdle();
    assert.strictEqual(formats.stats.parsed, before.parsed, 'nothing parsed again');
    assert.ok(formats.stats.cached >= before.cached + 4, `cached ${formats.stats.cached - before.cached}`);
  });
});
