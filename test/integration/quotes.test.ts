/**
 * Quotes, claims and draft checking in the editor, on the sample corpus: the Quotes view, the
 * quotes under a person in the Entities view, the hovers, the Claims view on two sources written for
 * the test, and a draft in drafts/ with an exact, an altered and an invented quotation (its
 * diagnostics, the quick fix, and the same diagnostics from `source-research check`).
 */
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimNode, QuoteNode } from '../../src/features/quotesView';
import type { EntityNode } from '../../src/features/entitiesView';
import { hoverText } from './entityHelpers';
import { api, folder, isScratchWorkspace, PRESS_RELEASE, uri, waitFor, writeText } from './helpers';

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

const DRAFT = 'drafts/ibrahim-story.md';
const DRAFT_TEXT = [
  '# Azerbaijan and Israel',
  '',
  'At the conference Ambassador Ibrahim declared: “Long live friendship between Azerbaijan and the State of Israel.”',
  '',
  'He added: “It’s not only business. This is how we think friends should act.”',
  '',
  '“We will build a pipeline to the moon,” Ibrahim said.',
  '',
].join('\n');

describe('quotes, claims and drafts', function () {
  this.timeout(60_000);

  it('lists Khazar Ibrahim’s quotes in the Quotes view, and a click opens the passage', async () => {
    const { quotes } = await api();
    const p = quotes.quotes;
    const groups = p.getChildren();
    const ibrahim = groups.find((g) => label(p.getTreeItem(g)) === 'Khazar Ibrahim');
    assert.ok(ibrahim, groups.map((g) => label(p.getTreeItem(g))).join(', '));
    const items = p.getChildren(ibrahim);
    assert.ok(items.length >= 14, `${items.length} quotes`);
    assert.match(String(p.getTreeItem(ibrahim).description), new RegExp(`^${items.length} quotes$`));
    const long = items.find((n) => n.kind === 'quote' && n.quote.text.startsWith('Long live friendship')) as Extract<QuoteNode, { kind: 'quote' }>;
    assert.ok(long);
    const item = p.getTreeItem(long);
    assert.ok(label(item).startsWith('“Long live friendship'), label(item));
    assert.strictEqual(item.command?.command, 'sourceResearch.openMention');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    await waitFor('the press release open at the quote', () => {
      const e = vscode.window.activeTextEditor;
      return !!e && e.document.uri.toString() === uri(PRESS_RELEASE).toString() && e.document.getText(e.selection).startsWith('Long live friendship');
    });
    // Grouped by source: the two documents.
    await vscode.commands.executeCommand('sourceResearch.quotes.groupBySource');
    assert.strictEqual(p.getChildren().length, 2);
    await vscode.commands.executeCommand('sourceResearch.quotes.groupBySpeaker');
  });

  it('copies a quote with its speaker and source', async () => {
    const { quotes } = await api();
    const p = quotes.quotes;
    const ibrahim = p.getChildren().find((g) => label(p.getTreeItem(g)) === 'Khazar Ibrahim')!;
    const first = p.getChildren(ibrahim)[0]!;
    const md = await vscode.commands.executeCommand<string>('sourceResearch.quote.copyPassage', first);
    assert.match(md, /— Khazar Ibrahim \(/);
    assert.ok(md.includes('ambassador-ibrahim-press-release.txt'), md);
    assert.strictEqual(await vscode.env.clipboard.readText(), md);
  });

  it('shows a person’s quotes under them in the Entities view, with the count', async () => {
    const { entities } = await api();
    const p = entities.provider;
    const people = p.getChildren(p.getChildren().find((r) => label(p.getTreeItem(r)) === 'People'));
    const node = people.find((n) => label(p.getTreeItem(n)) === 'Khazar Ibrahim')!;
    assert.match(String(p.getTreeItem(node).description), /· \d+ quotes$/);
    const quotesNode = p.getChildren(node).find((n) => n.kind === 'quotes') as EntityNode;
    assert.ok(quotesNode);
    const n = Number(p.getTreeItem(quotesNode).description);
    assert.ok(n >= 14, String(n));
    assert.strictEqual(p.getChildren(quotesNode).length, n);
  });

  it('adds the quote count to the hover on Khazar Ibrahim, and names the speaker inside a quotation', async () => {
    const { text } = await hoverText(PRESS_RELEASE, 'Khazar Ibrahim');
    const { quotes } = await api();
    const n = quotes.quotes.getChildren().find((g) => label(quotes.quotes.getTreeItem(g)) === 'Khazar Ibrahim')!;
    const count = (n.kind === 'group' && n.quotes.length) || 0;
    assert.ok(text.includes(`**${count} quotes** in the sources`), text);
    const inside = await hoverText(PRESS_RELEASE, 'slow-cooked is much more beneficial');
    assert.ok(inside.text.includes('Quote of **Khazar Ibrahim**'), inside.text);
    assert.ok(inside.text.includes('stated'), inside.text);
  });

  it('checks a draft: nothing on an exact quote, a “differs” warning with a working fix, a “not found” warning; the CLI agrees', async function () {
    if (!isScratchWorkspace()) this.skip();
    const { drafts } = await api();
    await writeText(DRAFT, DRAFT_TEXT);
    const doc = await vscode.workspace.openTextDocument(uri(DRAFT));
    await vscode.window.showTextDocument(doc);
    await waitFor('the draft diagnostics', () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length === 2, 20_000);
    const diags = vscode.languages.getDiagnostics(doc.uri);
    const text = doc.getText();
    const exactAt = doc.positionAt(text.indexOf('Long live friendship') + 3);
    assert.ok(!diags.some((d) => d.range.contains(exactAt)), diags.map((d) => d.message).join('\n'));
    const differs = diags.find((d) => d.code === 'quote-differs');
    assert.ok(differs, diags.map((d) => d.message).join('\n'));
    assert.match(differs.message, /differs from the source/);
    assert.ok(differs.message.includes('we think friends should act') && differs.message.includes('we believe friends should and must act'), differs.message);
    const notFound = diags.find((d) => d.code === 'quote-not-found');
    assert.ok(notFound && /not found in any source/.test(notFound.message));
    assert.strictEqual(doc.getText(notFound.range), 'We will build a pipeline to the moon');

    // The hover on the exact quote shows the source passage and its speaker.
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, exactAt)) ?? [];
    const hoverMd = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.ok(hoverMd.includes('Found word for word') && hoverMd.includes('**Khazar Ibrahim**'), hoverMd);

    // `source-research check` prints the same diagnostics.
    const cli = path.resolve(__dirname, '../../../dist/cli.js');
    let out = '';
    try {
      out = execFileSync(process.execPath, [cli, 'check', doc.uri.fsPath, path.join(folder().uri.fsPath, 'sources')], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
      assert.fail('exit 1 expected');
    } catch (e) {
      const err = e as { status?: number; stdout?: string };
      assert.strictEqual(err.status, 1, String(e));
      out = err.stdout ?? '';
    }
    const expected = diags
      .slice()
      .sort((a, b) => a.range.start.compareTo(b.range.start))
      .map((d) => `${doc.uri.fsPath}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'information'}: ${d.message}`);
    assert.deepStrictEqual(out.trim().split('\n'), expected);

    // The quick fix restores the source's words.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, differs.range);
    const fix = actions.find((a) => a.title.startsWith('Restore the source'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(doc.getText().includes('“It’s not only business. This is how we believe friends should and must act.”'), doc.getText());
    await waitFor('the differs warning gone', () => !vscode.languages.getDiagnostics(doc.uri).some((d) => d.code === 'quote-differs'), 20_000);
    assert.ok(drafts.diagnostics.resultOf(doc)?.quotes.some((q) => q.status === 'exact' && q.text.startsWith('It’s not only business')));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists two sources that give different figures for the same measure in the Claims view', async function () {
    if (!isScratchWorkspace()) this.skip();
    const { quotes } = await api();
    await writeText('sources/grid-report.txt', 'Grid report\n\nNorway provides Denmark with 40% of its electricity, the ministry said.\n');
    await writeText('sources/energy-brief.txt', 'Energy brief\n\nAnalysts estimate that Norway provides Denmark with 25% of its electricity.\n');
    try {
      const p = quotes.claims;
      await waitFor('the disagreement', () => p.getChildren().length === 1, 20_000);
      const d = p.getChildren()[0] as Extract<ClaimNode, { kind: 'disagreement' }>;
      assert.match(label(p.getTreeItem(d)), /^% of electricity \((Denmark, Norway|Norway, Denmark)\)$/);
      assert.match(String(p.getTreeItem(d).description), /40% vs 25%|25% vs 40%/);
      const claims = p.getChildren(d);
      assert.deepStrictEqual(claims.map((c) => c.kind === 'claim' && c.claim.docId).sort(), ['sources/energy-brief.txt', 'sources/grid-report.txt']);
      const item = p.getTreeItem(claims[0]!);
      assert.strictEqual(item.command?.command, 'sourceResearch.openMention');
      // Hover on a figure: what the other source says.
      const { text } = await hoverText('sources/grid-report.txt', '40%', 0);
      assert.ok(text.includes('25%') && text.includes('differs'), text);
    } finally {
      await vscode.workspace.fs.delete(uri('sources/grid-report.txt'));
      await vscode.workspace.fs.delete(uri('sources/energy-brief.txt'));
      await waitFor('the sample corpus again', async () => (await api()).corpus.documents().length === 2, 20_000);
    }
  });
});
