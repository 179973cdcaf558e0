import * as assert from 'node:assert/strict';
import path from 'node:path';
import { CorpusIndex } from '../../src/core/index/corpus';
import { extractQuotes } from '../../src/core/quotes/extract';
import { findQuotations } from '../../src/core/quotes/marks';
import { QuoteIndex } from '../../src/core/quotes/quoteIndex';
import { SpanWindow } from '../../src/core/quotes/spanWindow';
import type { Quote } from '../../src/core/quotes/types';
import { prepareDocument } from '../../src/core/text/document';
import { loadFolder } from '../../src/node/folder';

const root = path.resolve(__dirname, '../../..');
const PRESS = 'ambassador-ibrahim-press-release.txt';
const OPED = 'azerbaijan-israel-op-ed.txt';

/** Quotes of a text as [kind, content, cue, speaker] (speaker text, or '' when unnamed). */
function quotes(text: string): [string, string, string, string][] {
  return extractQuotes(prepareDocument('t.txt', text)).map((q) => [q.kind, text.slice(q.content.start, q.content.end), text.slice(q.cue.start, q.cue.end), q.speaker ? text.slice(q.speaker.start, q.speaker.end) : '']);
}

/** Quotes of a text resolved in a one-document corpus. */
function resolved(text: string): Quote[] {
  const index = new CorpusIndex();
  index.upsertDocument('t.txt', text);
  return new QuoteIndex(index).quotesIn('t.txt');
}

describe('quotation marks', () => {
  it('finds curly, straight and single quotes, keeps nested quotes inside and apostrophes out', () => {
    const text = '“It’s a ‘deal’,” he said. "Yes," she said. He called it ‘the Clintons’ plan’.';
    const qs = findQuotations(text, [{ start: 0, end: text.length }]).map((q) => text.slice(q.inner.start, q.inner.end));
    assert.deepEqual(qs, ['It’s a ‘deal’,', 'Yes,', 'the Clintons’ plan']);
  });

  it('runs a quotation over paragraphs that each open with a quote mark', () => {
    const text = 'Mary Smith said: “The first part.\n\n“The second part,” she added.';
    const doc = prepareDocument('t.txt', text);
    const qs = findQuotations(text, doc.paragraphs);
    assert.equal(qs.length, 1);
    assert.equal(text.slice(qs[0]!.inner.start, qs[0]!.inner.end), 'The first part.\n\n“The second part,');
  });
});

describe('spans near a stretch of text', () => {
  it('finds what a filter finds, in the list’s order, for a list out of order with one long span', () => {
    const spans = [{ start: 50, end: 60 }, { start: 0, end: 5000 }, { start: 10, end: 20 }, { start: 30, end: 31 }, { start: 4990, end: 5010 }, { start: 25, end: 40 }];
    const w = new SpanWindow(spans, (x) => x.start, (x) => x.end);
    for (const [from, to] of [[0, 10], [15, 35], [55, 4995], [5000, 6000], [6000, 7000]] as const) {
      assert.deepEqual(w.overlapping(from, to), spans.filter((x) => x.start < to && x.end > from), `${from}-${to}`);
      assert.deepEqual(w.startingIn(from, to), spans.filter((x) => x.start >= from && x.start <= to), `${from}-${to}`);
    }
  });
});

describe('quote forms', () => {
  it('X said on Sunday / Friday / in a statement that …; "the official said" is a cue', () => {
    for (const gap of ['on Sunday ', 'Friday ', 'in a statement ', 'last week ']) {
      assert.deepEqual(quotes(`Mike Pence said ${gap}that the plan will fail next year.`), [['indirect', 'the plan will fail next year', 'said', 'Mike Pence']]);
    }
    assert.deepEqual(quotes('The official said that the plan will fail next year.'), [['indirect', 'the plan will fail next year', 'said', 'The official']]);
    assert.deepEqual(quotes('The official report is due next year.'), []);
  });
  it('the progressive ("Trump is telling voters that …", "he’s claiming that …"), and a quotation opening the paragraph after "X continued:"', () => {
    assert.deepEqual(quotes('Trump is once again telling voters that the election is rigged.'), [['indirect', 'the election is rigged', 'telling', 'Trump']]);
    assert.deepEqual(quotes('He’s claiming that voting fraud is a big problem.').map((q) => q[1]), ['voting fraud is a big problem']);
    assert.deepEqual(quotes('Cruz continued:\n\n“You look at the questions. Are you a comic book villain?”'), [['direct', 'You look at the questions. Are you a comic book villain?', 'continued', 'Cruz']]);
  });
  it('a speaker with an apposition ("Marley Anderson, 21, a junior from Las Vegas, said she …"), and "…, said he." inverted', () => {
    assert.deepEqual(quotes('Marley Anderson, 21, a junior from Las Vegas, said she turned out to support Sanders.'), [['indirect', 'she turned out to support Sanders', 'said', 'Marley Anderson']]);
    assert.deepEqual(quotes('The plan will not survive the winter, said John Carter.'), [['indirect', 'The plan will not survive the winter', 'said', 'John Carter']]);
  });
  it('a time between the subject and its cue ("X on Friday endorsed …", "the council earlier this month said …")', () => {
    assert.deepEqual(quotes('Mary Smith on Friday endorsed the re-election of the mayor.'), [['indirect', 'the re-election of the mayor', 'endorsed', 'Mary Smith']]);
    assert.deepEqual(quotes('The council earlier this month said the bridge would close.'), [['indirect', 'the bridge would close', 'said', 'The council']]);
    assert.deepEqual(quotes('Council leader Ana Ruiz announced Sunday she will step down in May.'), [['indirect', 'she will step down in May', 'announced', 'Council leader Ana Ruiz']]);
    assert.deepEqual(quotes('Sen. Ann Wu (D-Ore.) on Saturday criticized the new harbour fees.').map((q) => q[3]), ['Sen. Ann Wu (D-Ore.)']);
  });
  it('a place with commas before "that" ("says at a stop in Bergen, Norway, that …"), a year after "who" ("who in 2010 said …")', () => {
    assert.deepEqual(quotes('Ana Ruiz says at a stop in Bergen, Norway, that the ferry will run all winter.'), [['indirect', 'the ferry will run all winter', 'says', 'Ana Ruiz']]);
    assert.deepEqual(quotes('They met Lars Berg, who in 2010 said the tunnel would never be built.').map((q) => [q[1], q[3]]), [['the tunnel would never be built', 'who']]);
  });
  it('a participle after the one who speaks ("with three in 10 saying …", "officials saying …")', () => {
    assert.deepEqual(quotes('The mayor leads, with three in 10 saying the tunnel matters most.'), [['indirect', 'the tunnel matters most', 'saying', 'three in 10']]);
    assert.deepEqual(quotes('The plan drew letters from residents saying the park should stay open.').map((q) => [q[1], q[3]]), [['the park should stay open', 'residents']]);
  });
  it('a frame between commas before a participle ("…, an official said, adding that …"); a noun is no cue ("a primary contest")', () => {
    assert.deepEqual(quotes('The river is clean again, a city official said, adding that the fish have come back.'), [
      ['indirect', 'The river is clean again', 'said', 'a city official'],
      ['indirect', 'the fish have come back', 'adding', 'a city official'],
    ]);
    assert.deepEqual(quotes('The queue was the longest in a village contest, fair officials said.'), [['indirect', 'The queue was the longest in a village contest', 'said', 'fair officials']]);
    assert.deepEqual(quotes('Again, those surveyed said the bridge was the best choice.').map((q) => q[3]), ['those surveyed']);
    // A cue word before an auxiliary is a noun: "coastal states could …", "farmer support was …".
    assert.deepEqual(quotes('Two coastal states could lose the ferry service this year.'), []);
    assert.deepEqual(quotes('Farmer support was weaker in the valley towns.'), []);
  });
  it('unnamed sources tied to what they know ("a source close to him", "people familiar with the talks")', () => {
    assert.deepEqual(quotes('The mayor will run again, a source close to him said.').map((q) => q[3]), ['a source close to him']);
    assert.deepEqual(quotes('People familiar with the talks said the deal was close.').map((q) => q[3]), ['People familiar with the talks']);
    assert.deepEqual(quotes('The deal is close, officials with knowledge of the plan said.').map((q) => q[3]), ['officials with knowledge of the plan']);
  });
  it('"As X put it, …" and "…, as X put it." ("He put it on the table" is no cue)', () => {
    assert.deepEqual(quotes('As Ms. Lee put it in a letter to the board, the library is the heart of the town.'), [['indirect', 'the library is the heart of the town', 'put it', 'Ms. Lee']]);
    assert.deepEqual(quotes('The queue was longer than the bridge, as one driver put it.'), [['indirect', 'The queue was longer than the bridge', 'put it', 'one driver']]);
    assert.deepEqual(quotes('He put it on the table next to the lamp.'), []);
  });
  it('a poll opening the sentence is its source ("In a Gallup poll last week, …"); "In a poll, 60 percent said …" is the share’s', () => {
    assert.deepEqual(quotes('In a Gallup poll last week, the mayor led her rival by nine points.'), [['indirect', 'the mayor led her rival by nine points', 'In', 'a Gallup poll']]);
    assert.deepEqual(quotes('In a city survey, 60 percent said the buses were too slow.').map((q) => [q[2], q[3]]), [['said', '60 percent']]);
  });
  it('"As The Times reported, …" and a poll or a document named at length ("A Gallup poll of Ohio released on Monday showed …")', () => {
    assert.deepEqual(quotes('As The Herald reported on Saturday, the mayor has hired a new adviser.'), [['indirect', 'the mayor has hired a new adviser', 'reported', 'The Herald']]);
    assert.deepEqual(quotes('A Gallup poll of Ohio released on Monday showed the mayor with a small lead.'), [['indirect', 'the mayor with a small lead', 'showed', 'A Gallup poll of Ohio']]);
    assert.deepEqual(quotes('A survey by the union in March found most nurses with too little rest.').map((q) => q[3]), ['A survey by the union']);
  });
  it('", telling CNN that …", ", telling them the plan …": the one told, then the words', () => {
    assert.deepEqual(quotes('The mayor went further on Tuesday, telling the Herald that the port would close.'), [['indirect', 'the port would close', 'telling', 'The mayor']]);
    assert.deepEqual(quotes('Ana Ruiz wrote to the council, telling them the budget was too small.').map((q) => [q[1], q[3]]), [['the budget was too small', 'Ana Ruiz']]);
  });
  it('the share of a poll as the speaker ("Six in 10 say …", "75% of parents said …", "nearly half said …")', () => {
    assert.deepEqual(quotes('Six in 10 say the mayor is honest.'), [['indirect', 'the mayor is honest', 'say', 'Six in 10']]);
    assert.deepEqual(quotes('About 75% of parents said they liked the new timetable.'), [['indirect', 'they liked the new timetable', 'said', 'About 75% of parents']]);
    assert.deepEqual(quotes('In the survey, nearly half of the teachers said the school needs more money.').map((q) => q[3]), ['nearly half of the teachers']);
  });
  it('a conjunction opening the clause ("While some friends say …") and a second verb sharing the subject ("X caucused … and says …")', () => {
    assert.deepEqual(quotes('While some friends say the tenor sings too loudly, he has many fans.').map((q) => q[3]), ['some friends']);
    assert.deepEqual(quotes('Anna Lind voted in Oslo on Saturday and says she chose the Greens.'), [['indirect', 'she chose the Greens', 'says', 'Anna Lind']]);
    assert.deepEqual(quotes('She greeted the crowd at the fair and told them that the road would be rebuilt.'), [['indirect', 'the road would be rebuilt', 'told', 'She']]);
  });
  it('according to a source of several words, opening the sentence, after a connective, inside it or at its end', () => {
    assert.deepEqual(quotes('According to a survey of Ohio farmers, the harvest was the best in years.'), [['indirect', 'the harvest was the best in years', 'According to', 'a survey of Ohio farmers']]);
    assert.deepEqual(quotes('In addition, according to the ministry, two new bridges will open.'), [['indirect', 'two new bridges will open', 'according to', 'the ministry']]);
    assert.deepEqual(quotes('The bridge will close in May, according to figures from the city council.'), [['indirect', 'The bridge will close in May', 'according to', 'figures from the city council']]);
    assert.deepEqual(quotes('The mayor left early because, according to her aides, the talks had stalled.').map((q) => q[3]), ['her aides']);
  });
  it('nominal cues: a noun of saying carries the words, its possessive is the speaker ("his insistence that …", "her promise to …")', () => {
    assert.deepEqual(quotes('The mayor stood by his insistence that the bridge is safe.'), [['indirect', 'the bridge is safe', 'insistence', 'his']]);
    assert.deepEqual(quotes('Voters liked Ms. Ortiz’s promise to rebuild the old library.'), [['indirect', 'to rebuild the old library', 'promise', 'Ms. Ortiz']]);
    assert.deepEqual(quotes('The firm faces allegations that it polluted the river.'), [['indirect', 'it polluted the river', 'allegations', '']]);
    assert.deepEqual(quotes('The claim that was made in May is false.'), []);
    const qs = resolved('Prime Minister Anna Lindqvist spoke at the summit in Oslo.\n\nThe crowd cheered her criticism of the new tax on fishing boats.');
    assert.deepEqual(qs.map((q) => [q.text, q.speakerText, q.entityId]), [['of the new tax on fishing boats', 'her', 'person:anna lindqvist']]);
  });
  it('a connective or an opening phrase is no speaker ("But on Tuesday, he stood … and urged …", "However, …")', () => {
    assert.deepEqual(quotes('But on Tuesday, he stood with the other leaders and urged voters to back the new budget.'), [['indirect', 'voters to back the new budget', 'urged', 'he']]);
    assert.deepEqual(quotes('Earlier Wednesday, Ana Ruiz went on the radio and defended the decision to close the school.').map((q) => q[3]), ['Ana Ruiz']);
    assert.ok(quotes('However, the rules were changed in May, citing the cost of the new hall.').every((q) => q[3] !== 'However'));
  });
  it('verbs of preference, judgement and attack, phrasal verbs ("prefers", "berated", "pointed to", "railed against", "laid out")', () => {
    assert.deepEqual(quotes('Most of the farmers prefer a smaller tax on diesel.'), [['indirect', 'a smaller tax on diesel', 'prefer', 'Most of the farmers']]);
    assert.deepEqual(quotes('The mayor berated the council for the delay.'), [['indirect', 'the council for the delay', 'berated', 'The mayor']]);
    assert.deepEqual(quotes('Ana Ruiz pointed to her record on housing.'), [['indirect', 'her record on housing', 'pointed to', 'Ana Ruiz']]);
    assert.deepEqual(quotes('The union railed against the new contract.'), [['indirect', 'the new contract', 'railed against', 'The union']]);
    assert.deepEqual(quotes('The governor laid out a plan to rebuild the port.').map((q) => q[2]), ['laid out']);
  });
  it('the words reported end where a second speaker takes over ("A said …, but B said …", "some say … - others say …")', () => {
    assert.deepEqual(quotes('Ana Ruiz said the bridge would open in May, but the council said it would open in June.'), [
      ['indirect', 'the bridge would open in May', 'said', 'Ana Ruiz'],
      ['indirect', 'it would open in June', 'said', 'the council'],
    ]);
    assert.deepEqual(quotes('Some parents say the school is too small - an old complaint - others say it is large enough.').map((q) => [q[1], q[3]]), [
      ['the school is too small - an old complaint', 'Some parents'],
      ['it is large enough', 'others'],
    ]);
    assert.deepEqual(quotes('To win, a candidate needs half of the vote, analysts say; in May, the turnout was low.'), [['indirect', 'To win, a candidate needs half of the vote', 'say', 'analysts']]);
  });
  it('the turns of a transcript quoted as an excerpt (each paragraph opening with a quote mark)', () => {
    const text = 'The exchange went as follows.\n\n"WALLACE: Will she be at the debate tomorrow?\n\n"PENCE: She will not be attending the debate tomorrow night.\n';
    assert.deepEqual(quotes(text).map((q) => [q[3], q[1]]), [
      ['WALLACE', 'Will she be at the debate tomorrow?'],
      ['PENCE', 'She will not be attending the debate tomorrow night.'],
    ]);
    // One label line alone is a heading, not a conversation.
    assert.ok(!quotes('EXCLUSIVE: Saudis insist they are fighting terror in the region.\n\nThe memo went to Congress.').some((q) => q[3] === 'EXCLUSIVE'));
  });
  it('a headline giving its speaker before a colon, when that speaker speaks in the text; a topic before a colon is no speaker', () => {
    const speaker = 'Pence: Flowers Won’t Be at Debate\n\nMike Pence said that Gennifer Flowers would not attend the debate.';
    assert.ok(quotes(speaker).some((q) => q[3] === 'Pence' && q[1] === 'Flowers Won’t Be at Debate'));
    const topic = 'Brexit: What Happens Next\n\nThe minister said that the talks would resume in the spring.';
    assert.ok(!quotes(topic).some((q) => q[3] === 'Brexit'));
    // A full name the article names again, or a poll, speaks in its headline; "The Latest:" is a heading.
    assert.ok(quotes('Ana Ruiz: Don’t Close the Harbour\n\nThe harbour is the town’s oldest employer, Ruiz wrote.').some((q) => q[3] === 'Ana Ruiz' && q[1] === 'Don’t Close the Harbour'));
    assert.ok(quotes('Poll: Ruiz and Berg hold narrow leads\n\nThe race is close in the north.').some((q) => q[3] === 'Poll'));
    assert.ok(!quotes('The Latest: Ruiz leaves the harbour board\n\nThe Latest on the race, with Ruiz in the lead.').some((q) => q[3] === 'The Latest'));
  });
  it('an interview printed as questions and answers ("Q: …", "A: …")', () => {
    assert.deepEqual(quotes('Q: When did you open the shop?\n\nA: In May, after the bridge was rebuilt.'), [
      ['direct', 'When did you open the shop?', ':', 'Q'],
      ['direct', 'In May, after the bridge was rebuilt.', ':', 'A'],
    ]);
  });
  it('“…,” X said', () => {
    assert.deepEqual(quotes('“We will win,” John Carter said.'), [['direct', 'We will win', 'said', 'John Carter']]);
  });
  it('“…,” said X', () => {
    assert.deepEqual(quotes('“We will win,” said John Carter.'), [['direct', 'We will win', 'said', 'John Carter']]);
  });
  it('X, the ambassador, said “…”', () => {
    assert.deepEqual(quotes('“We will win,” John Carter, the ambassador, said.'), [['direct', 'We will win', 'said', 'John Carter']]);
  });
  it('X said: “…”', () => {
    assert.deepEqual(quotes('John Carter said: “We will win the vote.”'), [['direct', 'We will win the vote.', 'said', 'John Carter']]);
  });
  it('a quotation split by its cue: both halves to the same speaker, with the same cue', () => {
    const qs = quotes('“It’s very significant,” Ambassador Ibrahim said. “And in this center we train.”');
    assert.deepEqual(qs, [
      ['direct', 'It’s very significant', 'said', 'Ambassador Ibrahim'],
      ['direct', 'And in this center we train.', 'said', 'Ambassador Ibrahim'],
    ]);
    const qs2 = quotes('“My hope,” he said, “is that we can win.”');
    assert.deepEqual(qs2.map((q) => q[3]), ['he', 'he']);
  });
  it('a pronoun ("he stated") resolves to the last person mentioned', () => {
    const qs = resolved('Prime Minister Anna Lindqvist spoke at the summit in Oslo.\n\n“The embassy is there now,” he stated. “Right now, that is enough.”');
    assert.equal(qs.length, 2);
    assert.ok(qs.every((q) => q.entityId === 'person:anna lindqvist'), JSON.stringify(qs.map((q) => q.entityId)));
  });
  it('a role ("the ambassador") resolves to the person known by that role', () => {
    const qs = resolved('Ambassador Khazar Ibrahim met the press. Later, Mayor Tom Price arrived.\n\n“We are friends,” the ambassador said.');
    assert.equal(qs[0]?.speakerText, 'the ambassador');
    assert.equal(qs[0]?.entityId, 'person:khazar ibrahim');
  });
  it('according to X, with a quoted fragment (a mixed quote)', () => {
    const qs = extractQuotes(prepareDocument('t.txt', 'Relations are at their “lowest level” in years, according to John Carter.'));
    assert.equal(qs.length, 1);
    assert.equal(qs[0]!.kind, 'indirect');
    assert.equal(qs[0]!.mixed, true);
  });
  it('mixed: said the move was not about … “the destruction of important records”', () => {
    const text = 'Mary Smith said the move was not about the new laws or "the destruction of important records".';
    const qs = extractQuotes(prepareDocument('t.txt', text));
    assert.equal(qs.length, 1);
    assert.equal(qs[0]!.mixed, true);
    assert.equal(text.slice(qs[0]!.speaker!.start, qs[0]!.speaker!.end), 'Mary Smith');
  });
  it('indirect speech: said that, told reporters, stressed that, reports that, has learned', () => {
    assert.deepEqual(quotes('John Carter said that the plan would fail.'), [['indirect', 'the plan would fail', 'said', 'John Carter']]);
    assert.deepEqual(quotes('John Carter told reporters the plan would fail.'), [['indirect', 'the plan would fail', 'told', 'John Carter']]);
    assert.deepEqual(quotes('The minister stressed that the plan would fail.'), [['indirect', 'the plan would fail', 'stressed', 'The minister']]);
    assert.deepEqual(quotes('The New York Post reports that the plan would fail.'), [['indirect', 'the plan would fail', 'reports', 'The New York Post']]);
    assert.deepEqual(quotes('The plan would fail, The Post has learned.'), [['indirect', 'The plan would fail', 'learned', 'The Post']]);
  });
  it('unnamed sources keep their words, with no entity; organisations speak', () => {
    const qs = resolved('The plan would fail, a source said. The plan will work, officials said. The Ministry of Finance said the plan would work.');
    assert.deepEqual(qs.map((q) => [q.speakerText, q.entityId ?? null]), [
      ['a source', null],
      ['officials', null],
      ['The Ministry of Finance', 'organization:ministry of finance'],
    ]);
  });
  it('a headline quote or a scare quote without cue is not attributed', () => {
    assert.deepEqual(quotes('The ancient town of ‘Krasnaya Sloboda’ is said to be unique.'), []);
  });
});

describe('the sample corpus: who said what', function () {
  this.timeout(20000);
  let qi: QuoteIndex;
  let texts: Map<string, string>;
  before(async () => {
    const loaded = await loadFolder(path.join(root, 'sources'));
    qi = new QuoteIndex(loaded.index);
    texts = loaded.texts;
  });

  it('attributes every quotation of the press release to Khazar Ibrahim, and none to anyone else', () => {
    const text = texts.get(PRESS)!;
    const all = qi.quotesIn(PRESS);
    const direct = all.filter((q) => q.kind === 'direct');
    assert.ok(direct.length >= 14, `${direct.length} direct quotes`);
    for (const q of all.filter((x) => x.entityId)) assert.equal(q.entityId, 'person:khazar ibrahim', q.text);
    for (const q of direct) assert.equal(q.entityId, 'person:khazar ibrahim', q.text);
    // Every quotation mark of the body is inside a quote attributed to him.
    const has = (words: string) => {
      const at = text.indexOf(words);
      return all.find((q) => q.outer.start <= at && at < q.outer.end);
    };
    for (const words of ['It’s not only business', 'And in this center', 'in diplomacy, we try', 'The embassy is there now', 'Right now, that’s basically', 'lowest level', 'Iran is trying to blame', 'It’s not intended against any country', 'whatever partnership, whatever cooperation we have, is not', 'Both Azerbaijan and Israel', 'We both believe', 'the Jewish community in Azerbaijan is one', 'Long live friendship']) {
      const q = has(words);
      assert.ok(q, `no quote holds “${words}”`);
      assert.equal(q.entityId, 'person:khazar ibrahim', words);
    }
    assert.equal(has('he stated')?.speakerText === undefined, true);
    assert.equal(all.find((q) => q.text.startsWith('The embassy is there now'))?.speakerText, 'he');
    assert.equal(all.find((q) => q.text.startsWith('Long live'))?.cueText, 'declared');
    assert.equal(all.find((q) => q.text.startsWith('And in this center'))?.cueText, 'said');
  });

  it('reads “estimating that Azerbaijan provides Israel with 50%…” as an indirect quote of Khazar Ibrahim', () => {
    const q = qi.quotesIn(PRESS).find((x) => x.text.startsWith('Azerbaijan provides Israel with 50%'));
    assert.ok(q);
    assert.equal(q.kind, 'indirect');
    assert.equal(q.entityId, 'person:khazar ibrahim');
    assert.equal(q.cueText, 'estimating');
  });

  it('attributes the op-ed’s two quotations to Benjamin Netanyahu', () => {
    const direct = qi.quotesIn(OPED).filter((q) => q.kind === 'direct');
    assert.equal(direct.length, 2);
    for (const q of direct) assert.equal(q.entityId, 'person:benjamin netanyahu');
    assert.ok(direct[0]!.text.startsWith('We obviously have'));
    assert.ok(direct[1]!.text.startsWith('We are talking'));
  });

  it('counts quotes per speaker', () => {
    const top = qi.speakers()[0]!;
    assert.equal(top.entityId, 'person:khazar ibrahim');
    assert.equal(top.count, qi.quotesOf('person:khazar ibrahim').length);
  });
});
