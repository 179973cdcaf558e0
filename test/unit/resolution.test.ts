import * as assert from 'node:assert/strict';
import { CorpusIndex, type CandidateSource } from '../../src/core/index/corpus';
import { createDefaultPipeline } from '../../src/core/recognisers/pipeline';
import { TaggerRecogniser } from '../../src/core/recognisers/tagger';
import { datelineDate, referenceDateOf } from '../../src/core/resolution/documentDate';
import { nameKey } from '../../src/core/resolution/aliases';
import { canonicalPerson, dominant } from '../../src/core/resolution/names';
import { passageQuality } from '../../src/core/resolution/passages';
import { contextCue } from '../../src/core/resolution/typeEvidence';
import { parseIob2, parseWnut } from '../../src/core/tagger/readers';
import type { EntitySummary, EntityType } from '../../src/core/types';
import { loadTagger } from '../../src/node/tagger';

/** Entities that hold up outside newswire: small texts written for these tests. */
describe('entities as a reader resolves them', function () {
  this.timeout(20000);
  let pipeline: CandidateSource;
  before(async () => {
    pipeline = createDefaultPipeline({ tagger: new TaggerRecogniser(await loadTagger()) });
  });

  const corpus = (docs: Record<string, string>, sources?: string): CorpusIndex => {
    const index = new CorpusIndex({ pipeline });
    if (sources) index.loadSources('sources.yaml', sources);
    index.batch(() => {
      for (const [id, text] of Object.entries(docs)) index.upsertDocument(id, text);
    });
    return index;
  };
  const named = (index: CorpusIndex, name: string): EntitySummary[] => index.entities().filter((e) => e.name === name);
  const one = (index: CorpusIndex, type: EntityType, name: string): EntitySummary => {
    const e = index.entities().find((x) => x.type === type && x.name === name);
    assert.ok(e, `no ${type} named ${name}; have: ${index.entities().map((x) => `${x.type}:${x.name}`).join(', ')}`);
    return e;
  };
  const entityOfMention = (index: CorpusIndex, docId: string, surface: string): EntitySummary | undefined => {
    const text = index.text(docId)!;
    const m = index.mentionAt(docId, text.indexOf(surface));
    return m ? index.entity(m.entityId) : undefined;
  };

  it('finds a name written in capitals, and shows it as written in running text', () => {
    const index = corpus({
      'memo.txt': 'FROM: legal team\nSUBJECT: GINSBURG RULING\n\nJustice Ruth Bader GINSBURG wrote the dissent on Tuesday.\n',
      'story.txt': 'Ginsburg said the court had erred. Ginsburg has served since 1993.\n',
    });
    const g = index.entities().filter((e) => e.type === 'person' && /ginsburg/i.test(e.name));
    assert.ok(g.length > 0, index.entities().map((e) => `${e.type}:${e.name}`).join(', '));
    const m = index.mentionsIn('memo.txt').find((x) => /GINSBURG/.test(x.text) && x.start > 40);
    assert.ok(m, 'the all-caps name in the memo is a mention');
    assert.equal(index.entity(m.entityId)?.type, 'person');
    // "GINSBURG" and "Ginsburg" are one alias, shown as Ginsburg.
    for (const e of g) assert.ok(!e.aliases.some((a) => a === 'GINSBURG'), `aliases ${e.aliases.join(', ')}`);
  });

  it('makes "The Labour Party" and "the Labour Party" one organisation named Labour Party, and keeps the name The Hague', () => {
    const index = corpus({
      'a.txt': 'The Labour Party won the vote on Thursday. Critics of the Labour Party said the result was close.\n',
      'b.txt': 'Members of the Labour Party have chosen a new leader. The court in The Hague will rule next month.\n',
    });
    const labour = index.entities().filter((e) => /labour party/i.test(e.name));
    assert.equal(labour.length, 1, labour.map((e) => `${e.type}:${e.name}`).join(', '));
    assert.equal(labour[0]!.name, 'Labour Party');
    assert.equal(entityOfMention(index, 'a.txt', 'The Labour Party')?.id, labour[0]!.id);
    assert.equal(entityOfMention(index, 'b.txt', 'Labour Party')?.id, labour[0]!.id);
    // However a recogniser reads it, with "The" or without, the name's key is the same.
    assert.equal(nameKey('The Labour Party'), nameKey('Labour Party'));
    assert.notEqual(nameKey('The Hague'), nameKey('The'));
    assert.ok(index.entities().some((e) => e.name === 'The Hague'), index.entities().map((e) => `${e.type}:${e.name}`).join(', '));
  });

  it('types "Google said" an organisation when the corpus also has "Google\'s shares"', () => {
    const index = corpus({
      'a.txt': 'Google said on Monday it would open an office. Google said the plan was final.\n',
      'b.txt': 'In a statement, Google said the talks had ended without a deal.\n',
      'c.txt': "Investors said Google's shares rose 3 percent in early trading.\n",
    });
    for (const id of ['a.txt', 'b.txt', 'c.txt']) assert.equal(entityOfMention(index, id, 'Google')?.type, 'organization', id);
    assert.equal(named(index, 'Google').filter((e) => e.type === 'person').length, 0);
    // A name the tagger reads as a person ("Kessler said") is an organisation once the corpus says "Kessler's shares".
    const said = { 'a.txt': 'On Monday, Kessler said it would open an office. Kessler said the plan was final.\n', 'b.txt': 'In a statement, Kessler said the talks had ended.\n' };
    assert.equal(entityOfMention(corpus(said), 'b.txt', 'Kessler')?.type, 'person');
    const withShares = corpus({ ...said, 'c.txt': "Investors said Kessler's shares rose 3 percent.\n" });
    for (const id of ['a.txt', 'b.txt', 'c.txt']) assert.equal(entityOfMention(withShares, id, 'Kessler')?.type, 'organization', id);
  });

  it('reads the context of a mention: "in Norilsk" a place, "Mr Google" a person, "X spokesman" an organisation', () => {
    const t = 'He lives in Norilsk. A Sony spokesman said so. Mr Black agreed.';
    assert.equal(contextCue(t, t.indexOf('Norilsk'), t.indexOf('Norilsk') + 7)?.type, 'place');
    assert.equal(contextCue(t, t.indexOf('Sony'), t.indexOf('Sony') + 4)?.type, 'organization');
    assert.equal(contextCue(t, t.indexOf('Black'), t.indexOf('Black') + 5)?.type, 'person');
  });

  it('joins "Blair" to Tony Blair, who dominates, when Cherie Blair also occurs twice', () => {
    const docs: Record<string, string> = {};
    for (let i = 0; i < 6; i++) docs[`tony-${i}.txt`] = `Prime Minister Tony Blair spoke in London on the budget.\n`;
    docs['cherie-1.txt'] = 'Cherie Blair opened a school in Leeds.\n';
    docs['cherie-2.txt'] = 'The lawyer Cherie Blair gave a lecture.\n';
    docs['short.txt'] = 'Blair told parliament that the plan would go ahead.\n';
    const index = corpus(docs);
    const tony = one(index, 'person', 'Tony Blair');
    assert.equal(entityOfMention(index, 'short.txt', 'Blair')?.id, tony.id);
    assert.ok(one(index, 'person', 'Cherie Blair'));
    // Between equals there is no guess.
    assert.equal(dominant(new Map([['tony blair', 3], ['cherie blair', 2]])), undefined);
    assert.equal(dominant(new Map([['tony blair', 6], ['cherie blair', 2]])), 'tony blair');
  });

  it('makes Ken Clarke and Kenneth Clarke one person, and "Clarke" joins them', () => {
    const index = corpus({
      'a.txt': 'Kenneth Clarke, the chancellor, presented the budget.\n',
      'b.txt': 'Ken Clarke said taxes would not rise.\n',
      'c.txt': 'Clarke spoke for an hour.\n',
    });
    const kc = one(index, 'person', 'Kenneth Clarke');
    assert.equal(entityOfMention(index, 'b.txt', 'Ken Clarke')?.id, kc.id);
    assert.equal(entityOfMention(index, 'c.txt', 'Clarke')?.id, kc.id);
    assert.equal(canonicalPerson('ken clarke', (k) => k === 'kenneth clarke'), 'kenneth clarke');
    assert.equal(canonicalPerson('ken clarke', () => false), 'ken clarke');
  });

  it('gives "Friday" in two documents dated a week apart two different days', () => {
    const index = corpus(
      {
        'one.txt': 'The minister resigned on Friday after a long week.\n',
        'two.txt': 'The committee met on Friday to discuss the report.\n',
      },
      'sources:\n  one.txt:\n    date: 1996-12-07\n  two.txt:\n    date: 1996-12-14\n',
    );
    const a = index.mentionsIn('one.txt').find((m) => m.text === 'Friday');
    const b = index.mentionsIn('two.txt').find((m) => m.text === 'Friday');
    assert.ok(a && b);
    assert.equal(a.attrs?.value, '1996-12-06');
    assert.equal(b.attrs?.value, '1996-12-13');
    assert.notEqual(a.entityId, b.entityId);
  });

  it('reads the document date from its dateline, and keeps an unresolved "Friday" within its document', () => {
    assert.equal(datelineDate('PRAGUE 1996-12-06\n\nThe Czech government said...')?.getDate(), 6);
    assert.equal(referenceDateOf('LONDON, Dec 6, 1996 (Reuters) - Shares fell.', undefined)?.getMonth(), 11);
    const index = corpus({
      'dated.txt': 'PRAGUE 1996-12-06\n\nPresident Havel said on Friday he would travel.\n',
      'x.txt': 'They will decide on Friday whether to go.\n',
      'y.txt': 'The vote is due on Friday afternoon.\n',
    });
    assert.equal(index.mentionsIn('dated.txt').find((m) => m.text === 'Friday')?.attrs?.value, '1996-12-06');
    const x = index.mentionsIn('x.txt').find((m) => m.text === 'Friday');
    const y = index.mentionsIn('y.txt').find((m) => m.text === 'Friday');
    assert.ok(x && y);
    assert.notEqual(x.entityId, y.entityId);
    assert.equal(index.entity(x.entityId)?.documentCount, 1);
  });

  it('reads "1330 GMT" and "at 1330" as clock times, not dates', () => {
    const index = corpus({ 'wire.txt': 'The index was up 2 percent at 1330 GMT. Talks resume at 1330 on Monday. The plant opened in 1996.\n' });
    const dates = index.mentionsIn('wire.txt').filter((m) => m.type === 'date').map((m) => m.text);
    assert.ok(!dates.includes('1330'), `dates: ${dates.join(', ')}`);
    assert.ok(dates.includes('1996'));
  });

  it('ranks a dateline passage after a prose sentence', () => {
    assert.equal(passageQuality('PRAGUE 1996-12-06'), 0);
    assert.equal(passageQuality('HAVEL TO VISIT PARIS'), 0);
    assert.equal(passageQuality('President Havel will visit Paris next week, his office said.'), 2);
    const index = corpus({ 'havel.txt': 'PRAGUE 1996-12-06\n\nCzech President Vaclav Havel will visit Paris next week, his office said on Friday.\n' });
    const prague = index.entities().find((e) => e.type === 'place' && e.name === 'Prague');
    const paris = one(index, 'place', 'Paris');
    assert.ok(paris);
    if (prague) {
      // Prague is only in the dateline: its one passage is that line.
      assert.equal(index.passagesOf(prague.id)[0]!.text.trim(), 'PRAGUE 1996-12-06');
    }
    const two = corpus({
      'a.txt': 'LONDON 1996-12-06\n\nThe talks in London ended without agreement, officials said.\n',
    });
    const london = one(two, 'place', 'London');
    const passages = two.passagesOf(london.id);
    assert.equal(passages.length, 2);
    assert.match(passages[0]!.text, /talks in London ended/);
  });

  it('reads the EWT and WNUT-17 training formats with their type mappings', () => {
    const ewt = parseIob2('# newdoc id = d1\n# text = I met Bob at Google\n1\tI\tO\t-\t-\n2\tmet\tO\t-\t-\n3\tBob\tB-PER\t-\t-\n4\tat\tO\t-\t-\n5\tGoogle\tB-ORG\t-\t-\n6\t.\tB-O\t-\t-\n');
    assert.deepEqual(ewt[0]!.sentences[0]!.spans, [{ start: 2, end: 3, type: 0 }, { start: 4, end: 5, type: 1 }]);
    const wnut = parseWnut('Redondo\tB-location\nBeach\tI-location\nrocks\tO\n\nthe\tO\nbeatles\tB-group\niphone\tB-product\n');
    assert.equal(wnut.length, 2);
    assert.deepEqual(wnut[0]!.sentences[0]!.spans, [{ start: 0, end: 2, type: 2 }]);
    assert.deepEqual(wnut[1]!.sentences[0]!.spans, [{ start: 1, end: 2, type: 1 }, { start: 2, end: 3, type: 3 }]);
  });
});
