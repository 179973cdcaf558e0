import * as assert from 'node:assert/strict';
import { LineCounter, parseDocument } from 'yaml';
import { parseYaml, yamlProblems } from '../../src/core/catalog/yamlUtil';
import { parseSources } from '../../src/core/catalog/sources';

/** The problems the yaml package itself reports (with its own duplicate-key check). */
function reference(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  return yamlProblems('f.yaml', lines, doc.errors, 'error');
}

describe('YAML parsing', () => {
  const cases: Record<string, string> = {
    'a repeated top-level key': 'sources:\n  a.txt: {title: A}\nsources:\n  b.txt: {title: B}\n',
    'a repeated document entry': 'sources:\n  a.txt:\n    title: A\n  b.txt:\n    title: B\n  a.txt:\n    title: C\n',
    'a repeated field in a flow mapping': 'sources:\n  a.txt: {title: A, title: B}\n',
    'repeated keys at several depths': 'x:\n  - {a: 1, a: 2}\n  - y:\n      b: 1\n      b: 2\nx: 3\n',
    'quoted and plain forms of one key': "sources:\n  a.txt: {}\n  'a.txt': {}\n  \"a.txt\": {}\n",
    'numbers and strings are different keys': "m:\n  1: a\n  '1': b\n",
    'no duplicates': 'sources:\n  a.txt: {title: A}\n  b.txt: {title: B}\n',
  };
  for (const [label, text] of Object.entries(cases)) {
    it(`reports duplicate keys as the yaml package does: ${label}`, () => {
      const { doc, lines } = parseYaml(text);
      assert.deepEqual(yamlProblems('f.yaml', lines, doc.errors, 'error'), reference(text));
    });
  }

  it('reads a sources.yaml of 30,000 entries, and finds the one repeated entry', function () {
    this.timeout(30000);
    const entries = Array.from({ length: 30000 }, (_, i) => `  doc-${i}.txt:\n    title: Document ${i}\n    date: 2024-01-02`);
    const ok = parseSources(`sources:\n${entries.join('\n')}\n`, 'sources.yaml');
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.sources?.size, 30000);
    assert.equal(ok.sources?.get('doc-29999.txt')?.title, 'Document 29999');
    const dup = parseSources(`sources:\n${entries.join('\n')}\n  doc-7.txt:\n    title: again\n`, 'sources.yaml');
    assert.deepEqual(dup.problems.map((p) => [p.line, p.message.startsWith('Map keys must be unique')]), [[90001, true]]);
  });
});
