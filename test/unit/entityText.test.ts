import * as assert from 'node:assert';
import {
  compareSources,
  countsLabel,
  escapeMarkdown,
  markdownQuote,
  matchesFilter,
  passagesAsMarkdown,
  snippet,
  sortEntities,
} from '../../src/core/index/entityText';
import type { EntitySummary } from '../../src/core/types';

const entity = (name: string, mentionCount: number, aliases: string[] = []): EntitySummary => ({
  id: `person:${name.toLowerCase()}`,
  name,
  type: 'person',
  aliases,
  curated: false,
  mentionCount,
  documentCount: 1,
});

describe('entity text', () => {
  describe('escapeMarkdown', () => {
    it('makes links, emphasis, code and HTML inert', () => {
      const s = escapeMarkdown('[x](command:workbench.action.terminal.new) **b** `c` <img src=x> # h');
      assert.ok(!s.includes('[x]('), s);
      assert.ok(s.startsWith('\\[x\\]\\(command\\:workbench\\.action\\.terminal\\.new\\)'), s);
      assert.ok(s.includes('\\*\\*b\\*\\*'), s);
      assert.ok(s.includes('\\`c\\`'), s);
      assert.ok(s.includes('\\<img'), s);
      assert.ok(!/(^|[^\\])[[\]()*`<>]/.test(s), s);
    });

    it('collapses line breaks so a quote stays one paragraph', () => {
      assert.strictEqual(escapeMarkdown('a\n\n  b'), 'a b');
    });
  });

  describe('snippet', () => {
    it('keeps a short passage whole, on one line, with the mention highlighted', () => {
      const text = 'President Ilham\nAliyev said so.';
      const s = snippet(text, { start: 10, end: 22 });
      assert.strictEqual(s.text, 'President Ilham Aliyev said so.');
      assert.strictEqual(s.text.slice(...s.highlight), 'Ilham Aliyev');
      assert.ok(!s.cutStart && !s.cutEnd);
    });

    it('cuts a long passage around the mention at word boundaries', () => {
      const before = 'word '.repeat(40);
      const after = ' more'.repeat(40);
      const text = `${before}Netanyahu${after}`;
      const start = before.length;
      const s = snippet(text, { start, end: start + 9 }, 60);
      assert.ok(s.text.length <= 64, s.text);
      assert.ok(s.cutStart && s.cutEnd);
      assert.ok(s.text.startsWith('…word'), s.text);
      assert.ok(s.text.endsWith('more…'), s.text);
      assert.strictEqual(s.text.slice(...s.highlight), 'Netanyahu');
    });

    it('handles a mention at the very start and end', () => {
      assert.strictEqual(snippet('Baku', { start: 0, end: 4 }).highlight.join(), '0,4');
      const t = '  In Baku';
      const s = snippet(t, { start: 5, end: 9 });
      assert.strictEqual(s.text, 'In Baku');
      assert.strictEqual(s.text.slice(...s.highlight), 'Baku');
    });
  });

  it('quotes a passage in Markdown with the mention in bold, escaped', () => {
    const q = markdownQuote('See [x](command:workbench.action.terminal.new) and Aliyev.', { start: 51, end: 57 });
    assert.ok(q.includes('**Aliyev**'), q);
    assert.ok(!q.includes('[x]('), q);
  });

  it('counts', () => {
    assert.strictEqual(countsLabel({ mentionCount: 12, documentCount: 2 }), '12 mentions · 2 sources');
    assert.strictEqual(countsLabel({ mentionCount: 1, documentCount: 1 }), '1 mention · 1 source');
  });

  it('sorts by mentions, name and first appearance', () => {
    const a = entity('Aliyev', 2);
    const b = entity('Baku', 5);
    const c = entity('Caspian', 2);
    assert.deepStrictEqual(sortEntities([a, b, c], 'mentions').map((e) => e.name), ['Baku', 'Aliyev', 'Caspian']);
    assert.deepStrictEqual(sortEntities([b, c, a], 'name').map((e) => e.name), ['Aliyev', 'Baku', 'Caspian']);
    const first = new Map([
      [a, [1, 0] as const],
      [b, [0, 50] as const],
      [c, [0, 10] as const],
    ]);
    assert.deepStrictEqual(sortEntities([a, b, c], 'first', (e) => first.get(e)!).map((e) => e.name), ['Caspian', 'Baku', 'Aliyev']);
  });

  it('filters on names and aliases, ignoring case and accents', () => {
    const e = entity('Krasnaya Sloboda', 3, ['Red Village']);
    assert.ok(matchesFilter(e, 'sloboda'));
    assert.ok(matchesFilter(e, 'red vil'));
    assert.ok(matchesFilter(e, ''));
    assert.ok(!matchesFilter(e, 'quba'));
    assert.ok(matchesFilter(entity('Ağdam', 1), 'agdam'));
  });

  it('orders sources by date, undated last', () => {
    const docs = [
      { id: 'b.txt', title: 'B' },
      { id: 'a.txt', title: 'A', meta: { date: '2023-06-05' } },
      { id: 'c.txt', title: 'C', meta: { date: '2020' } },
    ];
    assert.deepStrictEqual(docs.sort(compareSources).map((d) => d.id), ['c.txt', 'a.txt', 'b.txt']);
  });

  it('copies passages as Markdown quotes with their source', () => {
    const md = passagesAsMarkdown(entity('Ilham Aliyev', 1), [
      { text: 'Under President Ilham Aliyev, two synagogues.', mention: { start: 16, end: 28 }, source: { id: 'sources/op-ed.txt', title: 'Op-ed', meta: { date: '2023', url: 'https://example.org/op-ed' } }, page: 3 },
    ]);
    assert.ok(md.startsWith('## Ilham Aliyev (person)'), md);
    assert.ok(md.includes('> Under President **Ilham Aliyev**, two synagogues.'), md);
    assert.ok(md.includes('> — *Op\\-ed*, 2023, p. 3, <https://example.org/op-ed>') || md.includes('> — *Op-ed*, 2023, p. 3, <https://example.org/op-ed>'), md);
  });
});
