import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseDocDate, parseSources } from '../../src/core/catalog/sources';

const root = path.resolve(__dirname, '../../..');
const FILE = 'sources/sources.yaml';

describe('sources.yaml', () => {
  it('parses the sample', async () => {
    const text = await readFile(path.join(root, FILE), 'utf8');
    const r = parseSources(text, FILE);
    assert.deepEqual(r.problems, []);
    assert.ok(r.sources);
    assert.deepEqual([...r.sources.keys()], ['azerbaijan-israel-op-ed.txt', 'ambassador-ibrahim-press-release.txt']);
    const oped = r.sources.get('azerbaijan-israel-op-ed.txt')!;
    assert.deepEqual(oped.authors, ['Arye Gut', 'Said Musayev']);
    assert.equal(oped.kind, 'op-ed');
    assert.equal(oped.date, undefined);
    assert.ok(oped.note!.startsWith('Undated. It recalls Benjamin Netanyahu'));
    const pr = r.sources.get('ambassador-ibrahim-press-release.txt')!;
    assert.equal(pr.date, '2023-06-05');
    assert.equal(pr.title, 'Azerbaijan’s US Ambassador on Relations With Israel: ‘This is How We Believe Friends Should and Must Act’');
    assert.equal(pr.kind, 'press release');
  });

  it('dates: quoted, unquoted, year only, year-month, bad', () => {
    const text = [
      'sources:',
      '  a.txt: {date: 2023}',
      '  b.txt: {date: "2023-06"}',
      '  c.txt:',
      '    date: 2023-02-30',
      '  d.txt:',
      "    date: '2021-12-31'",
      '    authors: Single Author',
      '    colour: red',
      '  e.txt:',
      '  ./f.md: {title: 12}',
    ].join('\n');
    const r = parseSources(text, FILE);
    assert.ok(r.sources);
    assert.equal(r.sources.get('a.txt')!.date, '2023');
    assert.equal(r.sources.get('b.txt')!.date, '2023-06');
    assert.equal(r.sources.get('c.txt')!.date, undefined);
    assert.equal(r.sources.get('d.txt')!.date, '2021-12-31');
    assert.deepEqual(r.sources.get('d.txt')!.authors, ['Single Author']);
    assert.deepEqual(r.sources.get('e.txt'), {});
    assert.equal(r.sources.get('f.md')!.title, '12');
    const bad = r.problems.find((p) => /Bad date/.test(p.message))!;
    assert.deepEqual([bad.line, bad.character, bad.severity], [4, 10, 'error']);
    const unknown = r.problems.find((p) => /Unknown field/.test(p.message))!;
    assert.deepEqual([unknown.line, unknown.character, unknown.severity], [8, 4, 'warning']);
  });

  it('a date the yaml package read as a Date (YAML 1.1 timestamp) keeps its string', () => {
    const r = parseSources('%YAML 1.1\n---\nsources:\n  a.txt:\n    date: 2023-06-05\n', FILE);
    assert.equal(r.sources!.get('a.txt')!.date, '2023-06-05');
  });

  it('syntax errors give no result and a located problem', () => {
    const r = parseSources('sources:\n  a.txt:\n    authors: [A, B\n  b.txt:\n    title: x\n', FILE);
    assert.equal(r.sources, undefined);
    assert.equal(r.problems[0]!.severity, 'error');
    assert.deepEqual([r.problems[0]!.line, r.problems[0]!.character], [3, 2]);
  });

  it('empty file and null sections are fine', () => {
    for (const t of ['', '# nothing\n', 'sources:\n']) {
      const r = parseSources(t, FILE);
      assert.deepEqual(r.problems, []);
      assert.equal(r.sources!.size, 0);
    }
  });

  it('parseDocDate', () => {
    const d = parseDocDate('2023-06-05')!;
    assert.deepEqual([d.getFullYear(), d.getMonth(), d.getDate()], [2023, 5, 5]);
    const m = parseDocDate('2023-06')!;
    assert.deepEqual([m.getFullYear(), m.getMonth(), m.getDate()], [2023, 5, 1]);
    const y = parseDocDate('1997')!;
    assert.deepEqual([y.getFullYear(), y.getMonth(), y.getDate()], [1997, 0, 1]);
    assert.equal(parseDocDate(undefined), undefined);
    assert.equal(parseDocDate('June 5'), undefined);
    assert.equal(parseDocDate('2023-13-01'), undefined);
  });
});
