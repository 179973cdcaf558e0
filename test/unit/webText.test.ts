import * as assert from 'node:assert/strict';
import { CorpusIndex } from '../../src/core/index/corpus';
import { createDefaultPipeline } from '../../src/core/recognisers/pipeline';
import { TaggerRecogniser, type SequenceTagger } from '../../src/core/recognisers/tagger';
import { referenceDateOf } from '../../src/core/resolution/documentDate';
import type { TaggedSpan } from '../../src/core/tagger';
import { prepareDocument } from '../../src/core/text/document';
import type { Candidate, EntityType } from '../../src/core/types';

/**
 * A tagger that reads only what it is told: each phrase (tokens joined by spaces) with its kind,
 * longest first, so the tests say exactly what the tagger proposed and check what the pipeline
 * around it makes of it.
 */
function fakeTagger(phrases: Record<string, TaggedSpan['type']>): SequenceTagger {
  const list = Object.entries(phrases)
    .map(([p, type]) => ({ words: p.split(' '), type }))
    .sort((a, b) => b.words.length - a.words.length);
  return {
    tag: (sentences) =>
      sentences.map((toks) => {
        const out: TaggedSpan[] = [];
        for (let i = 0; i < toks.length; i++) {
          const hit = list.find((p) => p.words.every((w, k) => toks[i + k] === w));
          if (!hit) continue;
          out.push({ startToken: i, endToken: i + hit.words.length, type: hit.type });
          i += hit.words.length - 1;
        }
        return out;
      }),
  };
}

function run(phrases: Record<string, TaggedSpan['type']>, text: string): Candidate[] {
  const pipeline = createDefaultPipeline({ tagger: new TaggerRecogniser(fakeTagger(phrases)) });
  return pipeline.run(prepareDocument('t.txt', text, 'text'), {});
}
const found = (cs: Candidate[], type?: EntityType) => cs.filter((c) => !type || c.type === type).map((c) => c.name);

describe('web, e-mail and social text in the pipeline', () => {
  describe('casing', () => {
    it('keeps a name written in lower case in chat-style text, and drops it in carefully cased prose', () => {
      assert.deepEqual(found(run({ kerala: 'LOC' }, 'i went to kerala last year and loved it'), 'place'), ['kerala']);
      const careful = 'We went to kerala last year. The hotel was fine. The food was better. We will go again.';
      assert.deepEqual(found(run({ kerala: 'LOC' }, careful), 'place'), []);
    });

    it('reads a capitalised word also written in lower case as a common word only when the lower case is as frequent or it opens a sentence', () => {
      const text = 'I moved to Delaware in May. The Delaware shore is quiet. My cousin from delaware visited. Time and again we talk. It is time.';
      const cs = run({ Delaware: 'LOC', Time: 'ORG' }, text);
      assert.deepEqual(found(cs, 'place'), ['Delaware', 'Delaware']);
      assert.ok(!found(cs).includes('Time'));
      // An acronym is no common word, whatever "bbc" elsewhere.
      assert.deepEqual(found(run({ BBC: 'ORG' }, 'I watch the BBC every day. My bbc app is slow. It works. It is fine.'), 'organization'), ['BBC']);
    });
  });

  it('keeps the marks that belong to a name at its end (Inc., Yahoo!, a closed bracket) and drops the others', () => {
    const cs = run({ 'Source , Inc.': 'ORG', 'Yahoo !': 'ORG', 'Mladost ( BJ )': 'ORG', 'Obama .': 'PER' }, 'They sold it to Source, Inc. and Yahoo! last year. Mladost (BJ) lost. I met Obama.');
    assert.deepEqual(found(cs), ['Source, Inc.', 'Yahoo!', 'Mladost (BJ)', 'Obama']);
  });

  it('gives the tagger the tokens it was trained on: an initial or an abbreviation with its full stop, a date whole, an address as one token', () => {
    const words: string[][] = [];
    const spy: SequenceTagger = { tag: (sentences) => (words.push(...sentences.map((s) => [...s])), sentences.map(() => [])) };
    new TaggerRecogniser(spy).recognise(prepareDocument('t.txt', 'NEW YORK 1996-08-30\n\nG. Kersey of Barnett Banks Inc. won 6-2 -- a surprise...', 'text'));
    assert.deepEqual(words.flat(), ['NEW', 'YORK', '1996-08-30', 'G.', 'Kersey', 'of', 'Barnett', 'Banks', 'Inc.', 'won', '6-2', '--', 'a', 'surprise', '...']);
    words.length = 0;
    new TaggerRecogniser(spy).recognise(prepareDocument('t.txt', 'Write to spahnn@hnks.com or see www.bbc.co.uk/news, or bbc.co.uk.', 'text'));
    assert.deepEqual(words.flat(), ['Write', 'to', 'spahnn@hnks.com', 'or', 'see', 'www.bbc.co.uk/news', ',', 'or', 'bbc.co.uk', '.']);
    // The tagger's span over "G." and "Kersey" is the name, with its offsets in the text.
    const cs = new TaggerRecogniser(fakeTagger({ 'G. Kersey': 'PER', 'Barnett Banks Inc.': 'ORG' })).recognise(prepareDocument('t.txt', 'G. Kersey of Barnett Banks Inc. won 6-2.', 'text'));
    assert.deepEqual(found(cs), ['G. Kersey', 'Barnett Banks Inc.']);
  });

  it('finds no place inside what the tagger reads as an event or a title (misc)', () => {
    const cs = run({ 'U.S. Open': 'MISC' }, 'She won the U.S. Open in September. She lives in the U.S. now.');
    assert.deepEqual(
      cs.filter((c) => c.type === 'place').map((c) => c.start),
      [cs.find((c) => c.type === 'place')!.start],
    );
    assert.equal(found(cs, 'place').length, 1);
    assert.ok(cs.find((c) => c.type === 'place')!.start > 'She won the U.S. Open'.length);
  });

  it('reads the place of a dateline, in capitals or not', () => {
    assert.deepEqual(found(run({ 'NEW YORK': 'ORG' }, 'NEW YORK 1996-08-30\n\nShares rose on Friday.'), 'place'), ['NEW YORK']);
    assert.deepEqual(found(run({}, 'LONDON, Dec 6 (Reuters) - Shares fell.'), 'place'), ['LONDON']);
    assert.deepEqual(found(run({}, 'On May 5 the shares fell.'), 'place'), []);
  });

  it('reads no organisation from a heading in capitals and ends a company name at its suffix', () => {
    assert.deepEqual(found(run({}, 'MITCHELL DEFEATS BAILEY IN FRONT OF FORMER CHAMPIONS'), 'organization'), []);
    assert.deepEqual(found(run({}, 'Sales rose at Kia Motor Corp of South Korea.'), 'organization'), ['Kia Motor Corp']);
    assert.deepEqual(found(run({}, 'Shares of Johnson Controls Inc and Lear Corp fell.'), 'organization'), ['Johnson Controls Inc', 'Lear Corp']);
  });

  describe('handles and hashtags', () => {
    it('reads a handle as a mention of its owner, never with the @', () => {
      const text = 'Barack Obama spoke in Chicago. Thanks @BarackObama for the speech!';
      const cs = run({ 'Barack Obama': 'PER', Chicago: 'LOC' }, text);
      const handle = cs.find((c) => c.start === text.indexOf('@BarackObama') + 1);
      assert.ok(handle, found(cs).join(', '));
      assert.equal(handle.type, 'person');
      assert.equal(handle.name, 'Barack Obama');
      // The tagger's span with the "@" in it loses the "@".
      const at = run({ '@ bbc _ news': 'ORG' }, 'so proud of @bbc_news tonight').find((c) => c.type === 'organization');
      assert.ok(at);
      assert.equal(at.name, 'bbc news');
      // An e-mail address holds no handle.
      assert.deepEqual(found(run({ 'Barack Obama': 'PER' }, 'Barack Obama wrote from obama@BarackObama.com today.')), ['Barack Obama']);
    });

    it('reads a hashtag as a topic: no place, no name run together, a one-word person kept', () => {
      const cs = run({ Brexit: 'LOC', Syria: 'LOC', FakeNews: 'ORG', Colbert: 'PER' }, 'watching tonight #Brexit #Syria #FakeNews #Colbert');
      assert.deepEqual(found(cs), ['Colbert']);
    });
  });

  describe('e-mail', () => {
    const mail = [
      'From: Kenneth Lay <ken.lay@enron.com>',
      'To: "Jeff Skilling" <jeff.skilling@enron.com>, Rebecca Mark',
      'Subject: Meeting in Houston',
      '',
      'Jeff, we meet in Houston on Friday with Greg Whalley.',
      '',
      '> Greg Whalley sent the memo to Andrew Fastow.',
      '',
      '--',
      'Sherron Watkins',
      'Vice President, Enron Corp',
      'Tel: 713-555-0100',
    ].join('\n');
    const phrases = { Subject: 'ORG', Tel: 'ORG', Houston: 'LOC', 'Greg Whalley': 'PER', 'Andrew Fastow': 'PER', 'Enron Corp': 'ORG', enron: 'ORG' } as const;

    it('finds the people of the header lines and of the signature, and no header word or address', () => {
      const cs = run(phrases, mail);
      const people = found(cs, 'person');
      for (const p of ['Kenneth Lay', 'Jeff Skilling', 'Rebecca Mark', 'Sherron Watkins']) assert.ok(people.includes(p), `${p} in ${people.join(', ')}`);
      assert.ok(!found(cs).some((n) => /Subject|Tel|@|enron\.com/.test(n)), found(cs).join(', '));
      assert.ok(found(cs, 'organization').includes('Enron Corp'));
      // A header-like line in a transcript names no person by its title.
      assert.deepEqual(found(run({}, 'From: The President\nTo: All Staff\n\nThe meeting is off.'), 'person'), []);
    });

    it('does not count a name again in a quoted reply when the message names it itself; a name only quoted is still found', () => {
      const cs = run(phrases, mail);
      assert.equal(found(cs, 'person').filter((n) => n === 'Greg Whalley').length, 1);
      assert.ok(found(cs, 'person').includes('Andrew Fastow'));
    });
  });

  describe('document dates from file metadata', () => {
    const index = (docs: Record<string, string>, fileDates: Record<string, string>, sources?: string) => {
      const ix = new CorpusIndex({ pipeline: createDefaultPipeline() });
      ix.useFileDates((id) => fileDates[id]);
      if (sources) ix.loadSources('sources.yaml', sources);
      ix.batch(() => {
        for (const [id, text] of Object.entries(docs)) ix.upsertDocument(id, text);
      });
      return ix;
    };
    const friday = (ix: CorpusIndex, id: string) => ix.mentionsIn(id).find((m) => m.text === 'Friday');

    it('reads "Friday" against the date in each file\'s own metadata', () => {
      const ix = index(
        { 'a.eml': 'The board met on Friday.\n', 'b.pdf': 'The board met again on Friday.\n' },
        { 'a.eml': '2001-10-13T09:30:00Z', 'b.pdf': '2001-10-20' },
      );
      assert.equal(friday(ix, 'a.eml')?.attrs?.value, '2001-10-12');
      assert.equal(friday(ix, 'b.pdf')?.attrs?.value, '2001-10-19');
      assert.notEqual(friday(ix, 'a.eml')?.entityId, friday(ix, 'b.pdf')?.entityId);
    });

    it('prefers sources.yaml, then a dateline, to the file metadata', () => {
      const ix = index(
        { 'a.txt': 'The board met on Friday.\n', 'b.txt': 'PRAGUE 1996-12-06\n\nThe board met on Friday.\n' },
        { 'a.txt': '2001-10-16', 'b.txt': '2001-10-16' },
        'sources:\n  a.txt:\n    date: 1996-12-14\n',
      );
      assert.equal(friday(ix, 'a.txt')?.attrs?.value, '1996-12-13');
      assert.equal(friday(ix, 'b.txt')?.attrs?.value, '1996-12-06');
      assert.equal(referenceDateOf('No date here.', { fileDate: 'not a date' }), undefined);
    });
  });
});
