/**
 * Bad input in the real VS Code (issue 12): navigation selects exactly the mention whatever the
 * line endings and encodings; the extension and the CLI follow the same links; an unreadable
 * entities.yaml is reported and the last good catalog kept. Every input is generated here, in the
 * scratch workspace, and removed afterwards.
 */
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Mention } from '../../src/core/types';
import { api, folder, isScratchWorkspace, uri, waitFor } from './helpers';

const CR = 'sources/lone-cr.txt';
const MIXED = 'sources/mixed-endings.txt';
const UTF16 = 'sources/utf16-bom.txt';
const LATIN1 = 'sources/latin1.txt';

const SENTENCES = [
  'President Emmanuel Macron met Chancellor Olaf Scholz in Berlin.',
  'Prime Minister Keir Starmer spoke to Emmanuel Macron about Paris.',
  'Olaf Scholz and Keir Starmer flew to Brussels on Monday.',
  'In Berlin, Macron told Scholz that Starmer would come to Rome.',
  'Mayor Anne Hidalgo of Paris welcomed Emmanuel Macron.',
];

async function write(rel: string, bytes: Uint8Array): Promise<void> {
  await vscode.workspace.fs.writeFile(uri(rel), bytes);
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
}

/** Every mention of a document, as the index has it. */
async function mentionsIn(docId: string): Promise<Mention[]> {
  const { corpus } = await api();
  return corpus.mentionsIn(docId).slice();
}

describe('untrusted input in the editor', function () {
  this.timeout(60_000);
  const written = [CR, MIXED, UTF16, LATIN1];

  before(async function () {
    if (!isScratchWorkspace()) this.skip();
    await write(CR, new TextEncoder().encode(SENTENCES.join('\r') + '\r' + SENTENCES.join(' ') + '\r'));
    await write(MIXED, new TextEncoder().encode(SENTENCES.map((s, i) => s + ['\r\n', '\r', '\n', '\r\r\n', '\n\r'][i]).join('') + SENTENCES.join('\r')));
    await write(UTF16, utf16le(SENTENCES.join('\r\n') + '\r\n'));
    await write(LATIN1, latin1('President Zoë Durand met Jürgen Weiß in Zürich.\nZoë Durand, the mayor of Zürich, met Emmanuel Macron there.\n'.repeat(2)));
  });

  /** Wait until the index has read a generated file. */
  async function indexed(id: string): Promise<void> {
    const { corpus } = await api();
    await waitFor(`${id} indexed`, () => corpus.documentInfo(id) !== undefined, 20_000);
  }

  after(async function () {
    if (!isScratchWorkspace()) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const rel of written) await vscode.workspace.fs.delete(uri(rel)).then(undefined, () => undefined);
    const { corpus } = await api();
    await waitFor('the generated sources gone', () => written.every((id) => corpus.documentInfo(id) === undefined), 20_000).catch(() => undefined);
  });

  for (const [label, id] of [
    ['lone-CR line endings', CR],
    ['mixed line endings', MIXED],
    ['UTF-16 with a BOM', UTF16],
  ] as const) {
    it(`Open Passage (tree, hover links) selects exactly each mention, with ${label}`, async () => {
      await indexed(id);
      const ms = await mentionsIn(id);
      assert.ok(ms.length >= 13, `${ms.length} mentions`);
      const wrong: string[] = [];
      for (const m of ms) {
        const editor = await vscode.commands.executeCommand<vscode.TextEditor>('sourceResearch.openMention', m.docId, m.start, m.end);
        const shown = editor.document.getText(editor.selection);
        if (shown !== m.text) wrong.push(`"${m.text}" selected as "${shown}"`);
      }
      assert.deepStrictEqual(wrong, [], `${wrong.length} of ${ms.length} mentions`);
    });
  }

  it('Go to Source, Go to Definition and the Sources view select the mention in a lone-CR file', async () => {
    await indexed(CR);
    const { corpus } = await api();
    const ms = await mentionsIn(CR);
    // Go to Source on an entity with one passage opens it directly.
    const hidalgo = corpus.entities().find((e) => e.name === 'Anne Hidalgo');
    assert.ok(hidalgo);
    const only = corpus.mentionsOf(hidalgo.id).filter((m) => m.docId === CR);
    if (corpus.mentionsOf(hidalgo.id).length === 1) {
      const ed = await vscode.commands.executeCommand<vscode.TextEditor>('sourceResearch.goToSource', hidalgo.id);
      assert.strictEqual(ed.document.getText(ed.selection), only[0]!.text);
    }
    // The Sources view's open command with a span.
    const last = ms[ms.length - 1]!;
    const ed2 = await vscode.commands.executeCommand<vscode.TextEditor>('sourceResearch.openSource', CR, { start: last.start, end: last.end });
    assert.strictEqual(ed2.document.getText(ed2.selection), last.text);
    // F12 from the user's notes to the lone-CR source: the target selection is the mention.
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Notes on Anne Hidalgo.\n' });
    // Every definition provider answers here (VS Code's Markdown support too), as links or locations.
    const results = await vscode.commands.executeCommand<(vscode.LocationLink | vscode.Location)[]>('vscode.executeDefinitionProvider', doc.uri, new vscode.Position(0, 12));
    const selected: string[] = [];
    for (const r of results) {
      const [uri, range] = 'targetUri' in r ? [r.targetUri, r.targetSelectionRange ?? r.targetRange] : [r.uri, r.range];
      if (uri.toString() === doc.uri.toString()) continue;
      selected.push((await vscode.workspace.openTextDocument(uri)).getText(range));
    }
    assert.ok(selected.includes('Anne Hidalgo'), JSON.stringify(selected));
  });

  it('a Latin-1 file: "Zoë Durand" is found (not "Zo"), and navigation selects its range in the text VS Code shows', async () => {
    await indexed(LATIN1);
    const { corpus } = await api();
    assert.ok(!corpus.entities().some((e) => e.name === 'Zo'));
    const zoe = corpus.entities().find((e) => e.name === 'Zoë Durand');
    assert.ok(zoe, corpus.entities().map((e) => e.name).join(', '));
    for (const m of corpus.mentionsOf(zoe.id).filter((x) => x.docId === LATIN1)) {
      const ed = await vscode.commands.executeCommand<vscode.TextEditor>('sourceResearch.openMention', m.docId, m.start, m.end);
      const shown = ed.document.getText(ed.selection);
      // VS Code may decode the file as UTF-8 ("Zo\ufffd Durand"): the same characters but the one it could not read.
      assert.strictEqual(shown.length, m.text.length, shown);
      assert.match(shown, /^Zo. Durand$/u, shown);
    }
  });
});

describe('links and unreadable YAML, as the CLI sees them', function () {
  this.timeout(60_000);
  let outside = '';

  before(function () {
    if (!isScratchWorkspace()) this.skip();
    outside = path.join(path.dirname(folder().uri.fsPath), `${path.basename(folder().uri.fsPath)}-outside`);
  });

  after(async function () {
    if (!isScratchWorkspace()) return;
    for (const p of ['sources/linked-folder', 'sources/linked-file.txt']) rmSync(uri(p).fsPath, { force: true });
    rmSync(outside, { recursive: true, force: true });
    const { corpus } = await api();
    await waitFor('the links gone', () => !corpus.documents().some((d) => d.id.startsWith('sources/linked')), 20_000);
  });

  it('the extension and the CLI index the same documents through the same links', async () => {
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'report.txt'), 'Prime Minister Keir Starmer visited Lisbon.\n');
    writeFileSync(path.join(outside, 'single.txt'), 'Mayor Anne Hidalgo visited Madrid.\n');
    symlinkSync(outside, uri('sources/linked-folder').fsPath);
    symlinkSync(path.join(outside, 'single.txt'), uri('sources/linked-file.txt').fsPath);
    const { corpus, sources } = await api();
    await vscode.commands.executeCommand('sourceResearch.refresh');
    await sources.whenIdle();
    await waitFor('the linked documents', () => corpus.documents().some((d) => d.id === 'sources/linked-folder/report.txt'), 20_000);
    const inVsCode = corpus.documents().map((d) => d.id.replace(/^sources\//, '')).sort();
    const ext = vscode.extensions.getExtension('source-research.source-research')!;
    const out = execFileSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'scan', uri('sources').fsPath, '--json', '--no-tagger'], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const inCli = (JSON.parse(out) as { documents: { path: string }[] }).documents.map((d) => d.path).sort();
    assert.deepStrictEqual(inCli, inVsCode);
    assert.ok(inCli.includes('linked-folder/report.txt') && inCli.includes('linked-file.txt'), inCli.join(', '));
  });

  it('an unreadable entities.yaml is reported in the Problems panel, and the last good catalog kept', async () => {
    const { corpus, sources } = await api();
    const yaml = uri('sources/entities.yaml');
    const good = await vscode.workspace.fs.readFile(yaml);
    const curated = corpus.entities().filter((e) => e.curated).map((e) => e.name).sort();
    assert.ok(curated.length > 0);
    try {
      rmSync(yaml.fsPath);
      symlinkSync('/proc/self/mem', yaml.fsPath); // reading fails (EIO), even for root
      await vscode.commands.executeCommand('sourceResearch.refresh');
      await sources.whenIdle();
      await waitFor('the problem', () => vscode.languages.getDiagnostics(yaml).some((d) => /could not be read/.test(d.message)), 20_000);
      const d = vscode.languages.getDiagnostics(yaml).find((x) => /could not be read/.test(x.message))!;
      assert.match(d.message, /^entities\.yaml could not be read \(.+\); the last good version is kept\.$/);
      assert.deepStrictEqual(corpus.entities().filter((e) => e.curated).map((e) => e.name).sort(), curated);
    } finally {
      rmSync(yaml.fsPath, { force: true });
      writeFileSync(yaml.fsPath, good);
      await vscode.commands.executeCommand('sourceResearch.refresh');
      await sources.whenIdle();
    }
  });
});
