import * as assert from 'node:assert/strict';
import { citationCsl, citationMarkdown, citationOf, citationText, formatCitation, formatCitations, humanDate } from '../../src/core/citation';
import { authorList, cslName, safeUrl } from '../../src/core/citation/citation';

const doc = {
  id: 'sources/ambassador-press-release.txt',
  title: 'Azerbaijan’s US Ambassador on Relations With Israel',
  meta: { authors: ['Maayan Hoffman', 'Jerusalem Post Staff'], publisher: 'The Jerusalem Post', date: '2023-06-05', url: 'https://www.jpost.com/a/123', kind: 'press release' },
};

describe('citations', () => {
  it('plain text: authors, title, publisher, date, page, URL', () => {
    const c = citationOf(doc, { page: 12 });
    assert.equal(
      citationText(c),
      'Maayan Hoffman and Jerusalem Post Staff, “Azerbaijan’s US Ambassador on Relations With Israel”, The Jerusalem Post, 5 June 2023, p. 12, https://www.jpost.com/a/123',
    );
    assert.equal(citationText(citationOf({ id: 'a/001.txt', title: '001.txt' })), '“001.txt”');
    assert.equal(citationText(citationOf(doc, { page: 2, endPage: 3 })).includes('pp. 2–3'), true);
  });

  it('Markdown: the title in italics, the URL a link, untrusted text escaped', () => {
    const md = citationMarkdown(citationOf(doc, { page: 12 }));
    assert.equal(md, 'Maayan Hoffman and Jerusalem Post Staff, *Azerbaijan’s US Ambassador on Relations With Israel*, The Jerusalem Post, 5 June 2023, p. 12, <https://www.jpost.com/a/123>');
    const evil = citationMarkdown(citationOf({ id: 'x.txt', title: '[click](command:workbench.action.quit) *b* $(alert) <img>', meta: { url: 'javascript:alert(1)' } }));
    assert.ok(!evil.includes('[click]('), evil);
    assert.ok(!evil.includes('<img>'), evil);
    assert.ok(!/(^|[^\\])\$\(/.test(evil), evil);
    assert.ok(!evil.includes('<javascript:'), evil);
    assert.equal(safeUrl('javascript:alert(1)'), undefined);
    assert.equal(safeUrl('https://example.org/a b'), undefined);
  });

  it('dates, authors and names', () => {
    assert.equal(humanDate('2023'), '2023');
    assert.equal(humanDate('2023-06'), 'June 2023');
    assert.equal(humanDate('2023-06-05T10:00:00Z'), '5 June 2023');
    assert.equal(authorList(['A', 'B', 'C']), 'A, B and C');
    assert.equal(authorList(['A', 'B', 'C', 'D']), 'A, B, C et al.');
    assert.deepEqual(cslName('Maayan Hoffman'), { family: 'Hoffman', given: 'Maayan' });
    assert.deepEqual(cslName('Hoffman, Maayan'), { family: 'Hoffman', given: 'Maayan' });
    assert.deepEqual(cslName('Ursula von der Leyen'), { family: 'von der Leyen', given: 'Ursula' });
    assert.deepEqual(cslName('Human Rights Watch'), { literal: 'Human Rights Watch' });
    assert.deepEqual(cslName('Reuters'), { literal: 'Reuters' });
  });

  it('CSL-JSON item', () => {
    const item = citationCsl(citationOf(doc, { page: 12 }));
    assert.equal(item.id, 'ambassador-press-release');
    assert.equal(item.type, 'document');
    assert.equal(item.genre, 'press release');
    assert.deepEqual(item.issued, { 'date-parts': [[2023, 6, 5]] });
    assert.equal(item.URL, 'https://www.jpost.com/a/123');
    assert.equal(item.page, '12');
    assert.deepEqual(item.author, [{ family: 'Hoffman', given: 'Maayan' }, { literal: 'Jerusalem Post Staff' }]);
    assert.equal(citationCsl(citationOf({ id: 'o.txt', title: 'O', meta: { kind: 'op-ed', publisher: 'P' } })).type, 'article-newspaper');
  });

  it('BibTeX and CSL-JSON through citation-js', async () => {
    const bib = await formatCitation(citationOf(doc, { page: 12 }), 'bibtex');
    assert.match(bib, /^@\w+\{/);
    assert.match(bib, /title = \{Azerbaijan.*\{Relations\} \{With\} \{Israel\}\}/);
    assert.match(bib, /author = \{Hoffman, Maayan and \{Jerusalem Post Staff\}\}/);
    assert.match(bib, /url = \{https:\/\/www\.jpost\.com\/a\/123\}/);
    assert.match(bib, /pages = \{12\}/);
    assert.match(bib, /year = \{2023\}/);
    assert.match(bib, /month = jun,/);
    const json = JSON.parse(await formatCitation(citationOf(doc, { page: 12 }), 'csl-json')) as { title: string; URL: string; page: string; issued: unknown }[];
    assert.equal(json.length, 1);
    assert.equal(json[0]!.title, doc.title);
    assert.equal(json[0]!.URL, doc.meta.url);
    assert.equal(json[0]!.page, '12');
    // Several at once, with distinct keys; the text formats need no citation-js.
    const two = await formatCitations([citationOf(doc), citationOf(doc, { page: 2 })], 'bibtex');
    assert.equal((two.match(/^@/gm) ?? []).length, 2);
    assert.equal(await formatCitation(citationOf(doc), 'text'), citationText(citationOf(doc)));
  });
});
