import * as assert from 'node:assert/strict';
import { parseSources } from '../../src/core/catalog/sources';
import { newSourcesText, setExcluded, SourcesEditError } from '../../src/core/catalog/sourcesEdit';
import { distinguishingFolders } from '../../src/core/sources/labels';
import { SourceNames } from '../../src/core/sources/names';
import { formFeedPage, formFeedPages } from '../../src/core/sources/pages';
import { relativeTo, SourceSet } from '../../src/core/sources/sourceSet';
import { documentTitle, headline, markdownTitle } from '../../src/core/sources/titles';
import { CorpusIndex } from '../../src/core/index/corpus';

describe('sources and drafts', () => {
  it('drafts: the drafts/ and notes/ folders, and the files under exclude:', () => {
    const set = new SourceSet();
    set.loadSourcesYaml('sources/sources.yaml', 'sources: {}\nexclude:\n  - my-draft.txt\n  - ../notes.md\n');
    assert.ok(set.isDraft('drafts/story.md'));
    assert.ok(set.isDraft('sources/Notes/call.txt'));
    assert.ok(set.isDraft('sources/my-draft.txt'));
    assert.equal(set.draftReason('sources/my-draft.txt'), 'not-a-source');
    assert.ok(set.isDraft('notes.md'));
    assert.ok(!set.isDraft('sources/press-release.txt'));
    assert.ok(!set.isDraft('sources/drafts-of-the-treaty.txt'));
    assert.deepEqual(set.excludedIds(), ['notes.md', 'sources/my-draft.txt']);
    // A syntax error keeps the last good list; no sources.yaml clears it.
    set.loadSourcesYaml('sources/sources.yaml', 'exclude: [unclosed');
    assert.ok(set.isExcluded('sources/my-draft.txt'));
    set.loadSourcesYaml('sources/sources.yaml', undefined);
    assert.ok(!set.isExcluded('sources/my-draft.txt'));
    // A sources folder named notes is still the sources folder; its drafts/ holds drafts.
    set.setSourceRoots(['notes']);
    assert.ok(!set.isDraft('notes/interview.txt'));
    assert.ok(set.isDraft('notes/drafts/story.md'));
    assert.ok(set.isDraft('drafts/story.md'));
    assert.equal(relativeTo('sources/sources.yaml', 'sources/a/b.txt'), 'a/b.txt');
    assert.equal(relativeTo('sources/sources.yaml', 'drafts/b.txt'), '../drafts/b.txt');
    assert.equal(relativeTo('sources.yaml', 'x/b.txt'), 'x/b.txt');
  });

  it('exclude: parsed with problems for bad entries, no warning for the section', () => {
    const r = parseSources('sources:\n  a.txt: {}\nexclude:\n  - b.txt\n  - {x: 1}\n', 'sources.yaml');
    assert.deepEqual(r.exclude, ['b.txt']);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!.message, /file paths/);
    assert.deepEqual(parseSources('exclude: one.txt\n', 'sources.yaml').exclude, ['one.txt']);
  });

  it('Not a Source and Mark as Source write sources.yaml back, keeping comments and order', () => {
    const text = '# my sources\nsources:\n  # the release\n  a.txt:\n    title: A   # short\n\nexclude:\n  - old.txt # keep\n';
    const added = setExcluded(text, 'draft.md', true);
    assert.equal(added, '# my sources\nsources:\n  # the release\n  a.txt:\n    title: A   # short\n\nexclude:\n  - old.txt # keep\n  - draft.md\n');
    assert.equal(setExcluded(added, 'draft.md', true), added, 'idempotent');
    assert.equal(setExcluded(added, './draft.md', false), text);
    assert.equal(setExcluded(text, 'nothing.txt', false), text);
    const fresh = setExcluded('', 'draft.md', true);
    assert.ok(fresh.startsWith(newSourcesText().split('\n')[0]!), fresh);
    assert.deepEqual(parseSources(fresh, 'sources.yaml').exclude, ['draft.md']);
    assert.deepEqual(parseSources(fresh, 'sources.yaml').problems, []);
    const noList = setExcluded('sources:\n  a.txt: {title: A}\n', 'b.txt', true);
    assert.equal(noList, 'sources:\n  a.txt: { title: A }\n\nexclude:\n  - b.txt\n'.replace('{ title: A }', '{title: A}'));
    const crlf = setExcluded('sources: {}\r\nexclude: []\r\n', 'b.txt', true);
    assert.equal(crlf, 'sources: {}\r\nexclude:\r\n  - b.txt\r\n');
    assert.throws(() => setExcluded('exclude: [', 'b.txt', true), SourcesEditError);
  });

  it('titles: sources.yaml, the file, a headline first line, the file name', () => {
    assert.deepEqual(documentTitle('a/x.txt', 'Budget Cuts Hit Schools\n\nThe council said.', { title: 'From YAML' }), { title: 'From YAML', from: 'sources.yaml' });
    assert.deepEqual(documentTitle('a/x.txt', 'Budget Cuts Hit Schools\n\nThe council said.'), { title: 'Budget Cuts Hit Schools', from: 'first line' });
    assert.deepEqual(documentTitle('a/x.pdf', '', undefined, 'Annual Report 2023'), { title: 'Annual Report 2023', from: 'file' });
    assert.deepEqual(documentTitle('a/x.md', '---\ntitle: "Front"\n---\n# Heading\n'), { title: 'Front', from: 'file' });
    assert.equal(markdownTitle('Intro text\n\n## The *Heading*\n'), 'The Heading');
    assert.deepEqual(documentTitle('a/x.txt', 'the council said on Monday that it would cut the budget by ten percent.'), { title: 'x.txt', from: 'file name' });
    assert.equal(headline('\n\nAd sales boost Time Warner profit\n\nQuarterly profits at US media giant.'), 'Ad sales boost Time Warner profit');
    assert.equal(headline('Dear Sir,\nI write'), undefined);
    assert.equal(headline('By Maayan Hoffman\n'), undefined);
    assert.equal(headline('05/06/2023\n'), undefined);
    assert.equal(headline('Hello\n'), undefined, 'one word');
    assert.equal(headline('He said the talks would go on.\n'), undefined);
    assert.equal(headline('x'.repeat(200)), undefined);
  });

  it('two files of the same name get the shortest distinguishing folder', () => {
    const f = distinguishingFolders([
      { id: 'bbc/politics/001.txt', name: '001.txt' },
      { id: 'bbc/business/001.txt', name: '001.txt' },
      { id: 'bbc/business/002.txt', name: '002.txt' },
      { id: '001.txt', name: '001.txt' },
    ]);
    assert.equal(f.get('bbc/politics/001.txt'), 'politics');
    assert.equal(f.get('bbc/business/001.txt'), 'business');
    assert.equal(f.get('001.txt'), '.');
    assert.ok(!f.has('bbc/business/002.txt'));
    const g = distinguishingFolders([
      { id: 'a/001.txt', name: 'X' },
      { id: 'x/a/001.txt', name: 'x' },
    ]);
    assert.equal(g.get('a/001.txt'), 'a');
    assert.equal(g.get('x/a/001.txt'), 'x');
  });

  it('the index labels documents and recomputes them when documents change', () => {
    const index = new CorpusIndex();
    index.upsertDocument('politics/001.txt', 'the minister spoke.');
    index.upsertDocument('business/001.txt', 'profits rose.');
    assert.equal(index.documentInfo('politics/001.txt')!.label, '001.txt · politics');
    assert.equal(index.documentInfo('business/001.txt')!.label, '001.txt · business');
    assert.equal(index.documentInfo('business/001.txt')!.titleFrom, 'file name');
    index.upsertDocument('business/001.txt', 'Profits Rise at Time Warner\n\nprofits rose.');
    assert.equal(index.documentInfo('politics/001.txt')!.label, '001.txt');
    assert.equal(index.documentInfo('business/001.txt')!.label, 'Profits Rise at Time Warner');
    assert.equal(index.documentInfo('business/001.txt')!.titleFrom, 'first line');
    const names = new SourceNames(() => []);
    assert.equal(names.get('x', 0), undefined);
  });

  it('pages of a text with form feeds', () => {
    const t = 'one\fTwo\f\fFour';
    assert.equal(formFeedPage(t, 0), 1);
    assert.equal(formFeedPage(t, t.indexOf('Two')), 2);
    assert.equal(formFeedPage(t, t.indexOf('Four')), 4);
    assert.equal(formFeedPage('no breaks', 3), undefined);
    assert.equal(formFeedPages(t), 4);
    assert.equal(formFeedPages('a\fb\f'), 2);
    assert.equal(formFeedPages('a'), undefined);
  });
});
