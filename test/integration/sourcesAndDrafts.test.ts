/**
 * Sources versus drafts, which source is which, and citations, in the real VS Code (scratch
 * workspace: the tests write files and sources.yaml, and put everything back afterwards).
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { SourcesProvider } from '../../src/features/sourcesView';
import * as fx from '../fixtures/formats';
import { entityId, hoverText } from './entityHelpers';
import { api, isScratchWorkspace, OP_ED, uri, waitFor, writeText } from './helpers';

const DRAFT = 'sources/drafts/story.md';
const TOP_DRAFT = 'drafts/letter.txt';
const MY_NOTES = 'sources/my-notes.txt';
const REPORT = 'sources/council-report.txt';
const POLITICS = 'sources/politics/001.txt';
const BUSINESS = 'sources/business/001.txt';
const YAML = 'sources/sources.yaml';
const STRANGER = 'Zebulon Quackenbush';
const CITE_DIR = 'sources/cite-formats';

const readText = async (rel: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri(rel)));
const ids = async () => (await api()).corpus.documents().map((d) => d.id);
const knowsStranger = async () => (await api()).corpus.entities().some((e) => e.name.includes('Quackenbush'));

describe('sources and drafts (scratch workspace)', function () {
  this.timeout(60_000);
  let originalYaml = '';

  before(async function () {
    if (!isScratchWorkspace()) this.skip();
    originalYaml = await readText(YAML);
  });

  after(async function () {
    if (!isScratchWorkspace()) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const rel of [DRAFT, TOP_DRAFT, MY_NOTES, REPORT, POLITICS, BUSINESS, CITE_DIR]) {
      await vscode.workspace.fs.delete(uri(rel), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
    await writeText(YAML, originalYaml);
    await waitFor('the test sources gone', async () => !(await ids()).some((id) => [MY_NOTES, REPORT, POLITICS, BUSINESS].includes(id) || id.startsWith(CITE_DIR)), 20_000);
    const { corpus } = await api();
    await waitFor('sources.yaml as it was', () => corpus.documentInfo(OP_ED)?.title === 'Azerbaijan, Israel and the Jewish community of Red Village');
  });

  it('a draft in drafts/ and a file marked Not a Source count nowhere; their names hover as not found in any source', async () => {
    const { corpus, entities } = await api();
    await writeText(DRAFT, `# Story\n\nSenator ${STRANGER} met Netanyahu in Baku.\n`);
    await writeText(TOP_DRAFT, `Senator ${STRANGER} wrote to Netanyahu.\n`);
    await writeText(MY_NOTES, `Senator ${STRANGER} called about Netanyahu.\n`);
    // While it is a source, the stranger is found (the name is one the recognisers know to be a person).
    await waitFor('my-notes.txt indexed', async () => (await ids()).includes(MY_NOTES) && (await knowsStranger()));
    assert.ok(!(await ids()).includes(DRAFT), 'a file in drafts/ is not a source');
    assert.ok(!(await ids()).includes(TOP_DRAFT));

    assert.strictEqual(await vscode.commands.executeCommand('sourceResearch.markNotSource', uri(MY_NOTES)), true);
    const yaml = await readText(YAML);
    assert.ok(yaml.startsWith(originalYaml.split('\n')[0]!), 'the header comment is kept');
    assert.ok(yaml.includes('# The op-ed carries no headline'), 'comments are kept');
    assert.match(yaml, /\nexclude:\n {2}- my-notes\.txt\n/);
    await waitFor('my-notes.txt out of the index', async () => !(await ids()).includes(MY_NOTES) && !(await knowsStranger()));

    // Not in the Entities tree.
    entities.provider.refresh();
    const people = entities.provider.getChildren().find((n) => n.kind === 'type' && n.type === 'person');
    assert.ok(people);
    const names = entities.provider.getChildren(people).map((n) => (n.kind === 'entity' ? corpus.entity(n.entityId)?.name : ''));
    assert.ok(names.includes('Benjamin Netanyahu'), names.join(', '));
    assert.ok(!names.some((n) => n?.includes('Quackenbush')), names.join(', '));

    // Hovers in the drafts: the stranger is not found in any source; Netanyahu hovers with his passages.
    for (const rel of [DRAFT, TOP_DRAFT, MY_NOTES]) {
      const stranger = await hoverText(rel, 'Quackenbush');
      assert.ok(stranger.text.includes('Not found in any source'), `${rel}: ${stranger.text}`);
      assert.ok(stranger.text.includes('Zebulon Quackenbush'), stranger.text);
      const known = await hoverText(rel, 'Netanyahu');
      assert.ok(known.text.includes('**Benjamin Netanyahu**'), known.text);
      assert.ok(known.text.includes(encodeURIComponent(OP_ED)), known.text);
      assert.ok(!known.text.includes(encodeURIComponent(rel)), `no passage from the draft itself: ${known.text}`);
    }
    assert.ok((await hoverText(MY_NOTES, 'Quackenbush')).text.includes('marked Not a Source'));
    assert.ok((await hoverText(DRAFT, 'Quackenbush')).text.includes('drafts or notes folder'));
    // Names in the sources hover as before.
    const inSource = await hoverText(OP_ED, 'Netanyahu');
    assert.ok(/\d+ mentions? in \d+ sources?/.test(inSource.text), inSource.text);

    // Mark as Source undoes it.
    assert.strictEqual(await vscode.commands.executeCommand('sourceResearch.markSource', uri(MY_NOTES)), true);
    assert.strictEqual(await readText(YAML), originalYaml.replace(/\n?$/, '\n') + (originalYaml.includes('exclude:') ? '' : '\nexclude:\n'), 'sources.yaml back as it was (with an empty exclude:)');
    await waitFor('my-notes.txt a source again', async () => (await ids()).includes(MY_NOTES) && (await knowsStranger()));
    await vscode.workspace.fs.delete(uri(MY_NOTES));
    await waitFor('my-notes.txt deleted', async () => !(await ids()).includes(MY_NOTES));
  });

  it('Copy Citation and Copy Passages give the title, date, URL and page', async () => {
    const { corpus } = await api();
    const yaml = await readText(YAML);
    await writeText(
      YAML,
      yaml.replace('\nsources:\n', '\nsources:\n  council-report.txt:\n    title: City Council Budget Report\n    publisher: Baku City Council\n    date: 2024-03-01\n    url: https://example.org/council/report\n\n'),
    );
    await writeText(REPORT, 'City Council Budget Report\n\nThe council met.\fOn page two, Benjamin Netanyahu was mentioned by the council.\n');
    await waitFor('the report indexed with its metadata', () => corpus.documentInfo(REPORT)?.meta?.url === 'https://example.org/council/report');
    const id = await entityId('Benjamin Netanyahu');
    await waitFor('the report mentions Netanyahu', () => corpus.mentionsOf(id).some((m) => m.docId === REPORT));
    const m = corpus.mentionsOf(id).find((x) => x.docId === REPORT)!;

    // A passage node of the Entities view (what its context menu passes).
    const node = { kind: 'passage', id: `entity/${id}/source/${REPORT}/at/${m.start}`, entityId: id, type: 'person', docId: REPORT, start: m.start, end: m.end, passage: m.passage };
    const text = await vscode.commands.executeCommand<string>('sourceResearch.copyCitation', node, 'text');
    assert.strictEqual(text, '“City Council Budget Report”, Baku City Council, 1 March 2024, p. 2, https://example.org/council/report');
    assert.strictEqual(await vscode.env.clipboard.readText(), text);
    const md = await vscode.commands.executeCommand<string>('sourceResearch.copyCitation', { docId: REPORT, start: m.start, end: m.end }, 'markdown');
    assert.strictEqual(md, '*City Council Budget Report*, Baku City Council, 1 March 2024, p. 2, <https://example.org/council/report>');
    const bib = await vscode.commands.executeCommand<string>('sourceResearch.copyCitation', { docId: REPORT, start: m.start, end: m.end }, 'bibtex');
    assert.match(bib, /url = \{https:\/\/example\.org\/council\/report\}/);
    assert.match(bib, /pages = \{2\}/);
    assert.match(bib, /year = \{2024\}/);
    const csl = JSON.parse(await vscode.commands.executeCommand<string>('sourceResearch.copyCitation', REPORT, 'csl-json')) as { title: string; URL: string; issued: unknown }[];
    assert.strictEqual(csl[0]!.title, 'City Council Budget Report');
    assert.deepStrictEqual(csl[0]!.issued, { 'date-parts': [[2024, 3, 1]] });
    // From the editor, at the cursor.
    const doc = await vscode.workspace.openTextDocument(uri(REPORT));
    const editor = await vscode.window.showTextDocument(doc);
    const pos = doc.positionAt(doc.getText().indexOf('Netanyahu'));
    editor.selection = new vscode.Selection(pos, pos);
    assert.strictEqual(await vscode.commands.executeCommand<string>('sourceResearch.copyCitation', undefined, 'text'), text);

    const passages = await vscode.commands.executeCommand<string>('sourceResearch.entity.copyPassages', id);
    assert.ok(passages.includes('> — *City Council Budget Report*, Baku City Council, 1 March 2024, p. 2, <https://example.org/council/report>'), passages);
    assert.ok(!passages.includes(`(${REPORT})`), 'the citation instead of a bare file name');
  });

  it('Copy Citation of a PDF passage and a web page: the file\'s own title, author, date, URL and the PDF page', async () => {
    const { corpus, formats } = await api();
    const pdf = `${CITE_DIR}/review.pdf`;
    const html = `${CITE_DIR}/floods.html`;
    await vscode.workspace.fs.createDirectory(uri(CITE_DIR));
    await vscode.workspace.fs.writeFile(uri(pdf), await fx.multiPagePdf());
    await writeText(html, fx.newsHtml());
    await waitFor('the PDF and the web page indexed', () => !!corpus.documentInfo(pdf) && !!corpus.documentInfo(html), 60_000);
    assert.strictEqual(corpus.documentInfo(pdf)!.title, 'Water Supply Review 2024');
    assert.strictEqual(corpus.documentInfo(pdf)!.titleFrom, 'file');
    const m = corpus.mentionsIn(pdf).find((x) => x.text === 'Olga Petrova');
    assert.ok(m, corpus.mentionsIn(pdf).map((x) => x.text).join(', '));
    assert.strictEqual(formats.store.pageAt(pdf, m.start), 3);
    const text = await vscode.commands.executeCommand<string>('sourceResearch.copyCitation', { docId: pdf, start: m.start, end: m.end }, 'text');
    assert.strictEqual(text, 'Helena Marsh, “Water Supply Review 2024”, 15 March 2024, p. 3');
    const web = await vscode.commands.executeCommand<string>('sourceResearch.copyCitation', html, 'markdown');
    assert.match(web, /^Sofia Almeida, \*Floods hit Porto as river bursts banks\*, The Daily Ledger, 10 February 2024, <https:\/\/ledger\.example\/2024\/02\/floods-porto>$/);
    const provider = new SourcesProvider(corpus, (await api()).sources, formats.store);
    const item = provider.getTreeItem(corpus.documentInfo(pdf)!);
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'file-pdf');
    assert.match(String(item.description), /\d+ pages/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /Authors:\* Helena(&nbsp;| )Marsh \*\(the file\)\*/);
    provider.dispose();
  });

  it('two 001.txt files are told apart in the Sources view and in hovers', async () => {
    const { corpus, sources } = await api();
    await writeText(POLITICS, `the minister said on Monday that Senator ${STRANGER} would visit.\n`);
    await writeText(BUSINESS, `profits rose, and Senator ${STRANGER} was quoted by the bank.\n`);
    await waitFor('both indexed', async () => (await ids()).includes(POLITICS) && (await ids()).includes(BUSINESS));
    assert.strictEqual(corpus.documentInfo(POLITICS)!.label, '001.txt · politics');
    assert.strictEqual(corpus.documentInfo(BUSINESS)!.label, '001.txt · business');

    const provider = new SourcesProvider(corpus, sources);
    const labels = provider.getChildren().map((d) => provider.getTreeItem(d).label);
    assert.ok(labels.includes('001.txt · politics'), labels.join(' | '));
    assert.ok(labels.includes('001.txt · business'), labels.join(' | '));
    const item = provider.getTreeItem(corpus.documentInfo(REPORT)!);
    assert.strictEqual(item.description, 'Baku City Council · 2024-03-01 · 2 pages');
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.ok(tooltip.includes('sources.yaml'), tooltip);
    assert.ok((item.iconPath as vscode.ThemeIcon).id === 'file-text');
    provider.dispose();

    await waitFor('the stranger found in both', () => corpus.entities().some((e) => e.name === STRANGER && e.documentCount === 2));
    const { text } = await hoverText(POLITICS, 'Quackenbush');
    assert.ok(text.includes('001\\.txt · politics'), text);
    assert.ok(text.includes('001\\.txt · business'), text);
  });
});
