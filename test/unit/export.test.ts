import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CorpusIndex } from '../../src/core/index/corpus';
import { BOM, csvFiles, ENTITY_COLUMNS, entityRows, MENTION_COLUMNS, mentionRows, toCsv } from '../../src/core/export/csv';
import { dossier, unescapeMarkdown } from '../../src/core/export/dossier';
import { loadFolder } from '../../src/node/folder';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

/** Check a dossier: every quoted passage is in the corpus word for word and followed by a citation in the bibliography. */
export function checkDossier(md: string, corpusTexts: string[]): number {
  const collapsed = corpusTexts.map((t) => t.replace(/\s+/g, ' '));
  const lines = md.split('\n');
  const bib = new Set([...md.matchAll(/<a id="source-(\d+)"><\/a>\*\*\[(\d+)\]\*\* .+/g)].map((m) => m[1]));
  let quoted = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.startsWith('> ') || l.startsWith('> — ')) continue;
    const text = unescapeMarkdown(l.slice(2));
    assert.ok(collapsed.some((t) => t.includes(text)), `not in the corpus word for word: ${text}`);
    const cite = lines[i + 2] ?? '';
    assert.match(cite, /^> — .+ \[\\\[(\d+)\\\]\]\(#source-\d+\)$/, `passage without a citation: ${text}`);
    const n = /#source-(\d+)\)$/.exec(cite)![1]!;
    assert.ok(bib.has(n), `citation [${n}] is not in the bibliography`);
    quoted++;
  }
  return quoted;
}

describe('export', function () {
  this.timeout(30000);
  let index: CorpusIndex;
  before(async () => {
    index = (await loadFolder(path.join(root, 'sources'))).index;
  });

  it('writes CSV that a CSV parser reads back to the same rows, with a BOM', () => {
    const entities = index.entities();
    const files = csvFiles(index, entities);
    for (const [name, columns, rows] of [
      ['entities.csv', ENTITY_COLUMNS, entityRows(index, entities)],
      ['mentions.csv', MENTION_COLUMNS, mentionRows(index, entities)],
    ] as const) {
      const body = files[name];
      assert.ok(body.startsWith(BOM), `${name} starts with a BOM`);
      const parsed = parse(body, { bom: true }) as string[][];
      assert.deepEqual(parsed[0], [...columns]);
      assert.deepEqual(parsed.slice(1), rows);
      assert.ok(rows.length > 10);
    }
    // Quotes, commas and curly quotes survive.
    const rows = mentionRows(index, entities);
    assert.ok(rows.some((r) => r[11]!.includes('“') && r[11]!.includes(',')));
    const ibrahim = entityRows(index, entities).find((r) => r[1] === 'Khazar Ibrahim')!;
    assert.equal(ibrahim[2], 'person');
    assert.ok(Number(ibrahim[4]) >= 10);
  });

  it('keeps a formula in the source text from running in a spreadsheet', () => {
    const body = toCsv(['name', 'passage', 'mentions'], [['=HYPERLINK("http://x")', '@SUM(A1)', '12'], ['+1', '-2 said', 'Ann']]);
    const parsed = parse(body, { bom: true }) as string[][];
    assert.deepEqual(parsed.slice(1), [
      ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", '12'],
      ["'+1", "'-2 said", 'Ann'],
    ]);
  });

  it('writes a dossier that quotes passages word for word, each cited, with a bibliography', () => {
    const e = index.entities().find((x) => x.name === 'Khazar Ibrahim')!;
    const md = dossier(index, [e], { today: '2026-12-01' });
    assert.match(md, /^# Khazar Ibrahim\n/);
    assert.match(md, /## Summary/);
    assert.match(md, /## Aliases/);
    assert.match(md, /## Bibliography/);
    assert.match(md, /Azerbaijan’s US Ambassador on Relations With Israel/);
    assert.match(md, /5 June 2023 \(press release\)/);
    const n = checkDossier(md, index.documents().map((d) => index.text(d.id)!));
    const sentences = new Set(index.mentionsOf(e.id).map((m) => `${m.docId}:${m.passage.start}`));
    assert.equal(n, sentences.size, 'every passage of the entity, once');
  });

  it('writes one dossier for a selection, sources numbered once', () => {
    const pick = index.entities().filter((x) => x.name === 'Israel' || x.name === 'Ilham Aliyev');
    assert.equal(pick.length, 2);
    const md = dossier(index, pick);
    assert.match(md, /^# Dossier: /);
    assert.equal([...md.matchAll(/<a id="source-/g)].length, 2);
    assert.ok(checkDossier(md, index.documents().map((d) => index.text(d.id)!)) > 5);
  });
});

describe('source-research search and export', function () {
  this.timeout(60000);
  const run = (...args: string[]) => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });

  it('search --json returns the press release passage first for a phrase', () => {
    const json = JSON.parse(run('search', 'sources', '"learning from the best"', '--json')) as { results: { path: string; start: number; end: number; text: string; score: number }[] };
    assert.ok(json.results.length >= 1);
    const top = json.results[0]!;
    assert.deepEqual(Object.keys(top), ['path', 'start', 'end', 'text', 'score']);
    assert.equal(top.path, 'ambassador-ibrahim-press-release.txt');
    const text = readFileSync(path.join(root, 'sources', top.path), 'utf8');
    assert.equal(text.slice(top.start, top.end), top.text);
    assert.match(top.text, /learning from the best/);
  });

  it('export --format md --entity writes a cited dossier', () => {
    const md = run('export', 'sources', '--format', 'md', '--entity', 'Khazar Ibrahim', '--no-tagger');
    const texts = ['ambassador-ibrahim-press-release.txt', 'azerbaijan-israel-op-ed.txt'].map((f) => readFileSync(path.join(root, 'sources', f), 'utf8'));
    assert.ok(checkDossier(md, texts) >= 10);
  });

  it('export --format csv writes both files into --out; json is scan --json', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sr-export-'));
    try {
      run('export', 'sources', '--format', 'csv', '--out', dir, '--no-tagger');
      const entities = parse(readFileSync(path.join(dir, 'entities.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
      assert.ok(entities.some((r) => r.name === 'Khazar Ibrahim'));
      const mentions = parse(readFileSync(path.join(dir, 'mentions.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
      assert.ok(mentions.some((r) => r.entity === 'Khazar Ibrahim' && r['source title']!.startsWith('Azerbaijan’s US Ambassador')));
      const json = run('export', 'sources', '--format', 'json', '--no-tagger');
      assert.deepEqual(JSON.parse(json), JSON.parse(run('scan', 'sources', '--json', '--no-tagger')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says clearly what is wrong with the arguments', () => {
    assert.throws(() => run('export', 'sources', '--format', 'xml'), (e: { status: number; stderr: string }) => e.status === 2 && /--format must be csv, json or md/.test(e.stderr));
    assert.throws(() => run('export', 'sources', '--format', 'md', '--entity', 'Nobody Atall', '--no-tagger'), (e: { status: number; stderr: string }) => e.status === 1 && /no entity named 'Nobody Atall'/.test(e.stderr));
    assert.throws(() => run('search', 'sources'), (e: { status: number; stderr: string }) => e.status === 2 && /needs a QUERY/.test(e.stderr));
  });
});
