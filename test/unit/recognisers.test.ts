import * as assert from 'node:assert/strict';
import { CorpusIndex } from '../../src/core/index/corpus';
import { prepareDocument } from '../../src/core/text/document';
import { createDefaultPipeline, resolveConflicts } from '../../src/core/recognisers/pipeline';
import { BylineRecogniser } from '../../src/core/recognisers/byline';
import { DateRecogniser } from '../../src/core/recognisers/dates';
import { GroupRecogniser, PlaceRecogniser } from '../../src/core/recognisers/gazetteer';
import { OrganizationRecogniser } from '../../src/core/recognisers/organization';
import { QuantityRecogniser } from '../../src/core/recognisers/quantities';
import { TitledNameRecogniser } from '../../src/core/recognisers/titled';
import type { Candidate, Recogniser, RecogniserContext, SourceMeta } from '../../src/core/types';

function run(r: Recogniser, text: string, ctx: RecogniserContext = {}, meta?: SourceMeta): Candidate[] {
  return r.recognise(prepareDocument('t.txt', text, 'text', meta), ctx);
}
const names = (cs: Candidate[]) => cs.map((c) => c.name);

describe('recognisers', () => {
  describe('titled names', () => {
    const r = new TitledNameRecogniser();
    it('keeps the title as an attribute, not part of the name', () => {
      const cs = run(r, 'Azerbaijani President Ilham Aliyev met Prime minister of Israel Benjamin Netanyahu\'s team.');
      assert.deepEqual(names(cs), ['Ilham Aliyev', 'Benjamin Netanyahu']);
      assert.equal(cs[0]!.attrs?.title, 'President');
      assert.equal(cs[1]!.attrs?.title, 'Prime minister of Israel');
      assert.ok(cs.every((c) => c.type === 'person'));
    });
    it('reads a title with a complement, and titles that follow organisations', () => {
      const text =
        'Ambassador to the U.S. Khazar Ibrahim spoke. Chairman of the Knesset Foreign Affairs and Defense Committee MK Yuli Edelstein visited. Jerusalem Post Deputy CEO Maayan Hoffman asked Member of Parliament Fazil Mustafa.';
      assert.deepEqual(names(run(r, text)), ['Khazar Ibrahim', 'Yuli Edelstein', 'Maayan Hoffman', 'Fazil Mustafa']);
    });
    it('finds one-word names after a title, and no name where none follows', () => {
      assert.deepEqual(names(run(r, 'Ambassador Ibrahim said so. The ambassador agreed. President of Azerbaijan.')), ['Ibrahim']);
      assert.deepEqual(names(run(r, 'the General Assembly met; Dr. Jane Smith came.')), ['Jane Smith']);
    });
  });

  describe('gazetteer', () => {
    it('finds countries, capitals, regions and cities, with their canonical names', () => {
      const cs = run(new PlaceRecogniser(), 'From the U.S. to Türkiye and Turkey, Baku, the South Caucasus and NEW YORK; Israel-Azerbaijan ties.');
      assert.deepEqual(names(cs), ['U.S.', 'Türkiye', 'Turkey', 'Baku', 'South Caucasus', 'NEW YORK', 'Israel', 'Azerbaijan']);
      assert.equal(cs[0]!.attrs?.canonical, 'United States');
      assert.equal(cs[1]!.attrs?.canonical, 'Turkey');
    });
    it('respects case: "turkey" and "us" are not places', () => {
      assert.deepEqual(names(run(new PlaceRecogniser(), 'Give us the turkey.')), []);
    });
    it('links demonyms to their country and finds religions', () => {
      const cs = run(new GroupRecogniser(), 'Azerbaijani and Israeli officials, Jewish and Muslim citizens of a Shi’a-majority nation; Armenians.');
      assert.deepEqual(names(cs), ['Azerbaijani', 'Israeli', 'Jewish', 'Muslim', 'Shi’a', 'Armenians']);
      assert.equal(cs[0]!.attrs?.demonymOf, 'Azerbaijan');
      assert.equal(cs[5]!.attrs?.demonymOf, 'Armenia');
    });
  });

  describe('organisations', () => {
    const r = new OrganizationRecogniser();
    it('ends capitalised sequences at an organisational head', () => {
      const cs = run(r, 'Chairman of the Knesset Foreign Affairs and Defense Committee MK Yuli Edelstein visited the Technion Cybersecurity Center and the Ministry of Foreign Affairs.');
      assert.deepEqual(names(cs), ['Knesset Foreign Affairs and Defense Committee', 'Technion Cybersecurity Center', 'Ministry of Foreign Affairs']);
    });
    it('makes a parenthesised acronym an alias of its long form', () => {
      const cs = run(r, 'The Trans-Anatolian (TANAP) and Trans-Adriatic (TAP) pipelines.');
      assert.deepEqual(names(cs), ['Trans-Anatolian', 'TANAP', 'Trans-Adriatic', 'TAP']);
      assert.equal(cs[1]!.attrs?.longForm, 'Trans-Anatolian');
      const index = new CorpusIndex();
      index.upsertDocument('a.txt', 'The Trans-Anatolian (TANAP) pipeline. Later, TANAP was finished.');
      const e = index.entities().find((x) => x.name === 'Trans-Anatolian');
      assert.ok(e);
      assert.deepEqual(index.mentionsOf(e.id).map((m) => m.text).sort(), ['TANAP', 'TANAP', 'Trans-Anatolian']);
    });
    it('does not read titles or a lone head as organisations', () => {
      assert.deepEqual(names(run(r, 'Azerbaijani Member of Parliament Fazil Mustafa. NEW YORK (Press Release) — the Committee met.')), []);
    });
  });

  describe('dates', () => {
    const r = new DateRecogniser();
    it('records which parts were written, and normalises against the document date', () => {
      const ctx = { referenceDate: new Date(2023, 5, 5, 12) };
      const cs = run(r, 'on June 5 in New York; January’s attack; the March attempt; since 1997; the 2020 liberation; 5 percent.', ctx);
      assert.deepEqual(names(cs), ['June 5', 'January', 'March', '1997', '2020']);
      assert.equal(cs[0]!.attrs?.value, '2023-06-05');
      assert.deepEqual(cs[0]!.attrs?.written, { day: true, month: true, year: false });
      assert.equal(cs[1]!.attrs?.value, '2023-01');
      assert.equal(cs[3]!.attrs?.value, '1997');
    });
    it('leaves the year out of the value when the document is undated', () => {
      const cs = run(r, 'His visit on 13 December was the first.');
      assert.deepEqual(names(cs), ['13 December']);
      assert.equal(cs[0]!.attrs?.value, '--12-13');
    });
    it('ignores relative spans and the verb "may"', () => {
      assert.deepEqual(names(run(r, 'May I ask? In the last 30 years, this year, 1,500 people.')), []);
    });
  });

  describe('quantities', () => {
    const r = new QuantityRecogniser();
    it('finds percentages, money and counts with their noun', () => {
      const cs = run(r, 'It provides 50% of its oil; 20% of its territories; one million refugees; around 1,000 specialists; four cooperation agreements; $5 million and £1.5bn.');
      assert.deepEqual(names(cs), ['50%', '20%', '$5 million', '£1.5bn', 'one million refugees', '1,000 specialists', 'four cooperation agreements']);
      const values = Object.fromEntries(cs.map((c) => [c.name, c.attrs?.value]));
      assert.equal(values['one million refugees'], '1000000 refugees');
      assert.equal(values['1,000 specialists'], '1000 specialists');
      assert.equal(values['$5 million'], 'USD 5000000');
    });
    it('is not fooled by pronouns, years and ordinals', () => {
      assert.deepEqual(names(run(r, 'If one wonders, one of which; the 2020 liberation; the first since 1997.')), []);
    });
  });

  describe('bylines', () => {
    it('reads credits and co-author lists', () => {
      const r = new BylineRecogniser();
      const text = 'A photo. Credit: Marc Israel Sellem.\nCo-authors: Arye Gut, Israeli expert on relations and Said Musayev, Azerbaijani researcher';
      assert.deepEqual(names(run(r, text)), ['Marc Israel Sellem', 'Arye Gut', 'Said Musayev']);
    });
    it('finds the authors from sources.yaml', () => {
      const cs = run(new BylineRecogniser(), 'As Jane Roe wrote before, things change.', {}, { authors: ['Jane Roe'] });
      assert.deepEqual(names(cs), ['Jane Roe']);
    });
  });

  describe('pipeline', () => {
    const c = (start: number, end: number, priority: number, name = `${start}-${end}`): Candidate => ({ start, end, priority, name, type: 'place', source: 't' });
    it('drops a candidate inside a longer one, unless it has the higher priority', () => {
      assert.deepEqual(names(resolveConflicts([c(0, 18, 75, 'Marc Israel Sellem'), c(5, 11, 55, 'Israel')])), ['Marc Israel Sellem']);
      assert.deepEqual(names(resolveConflicts([c(0, 32, 50, 'Jerusalem Post Annual Conference'), c(0, 14, 50, 'Jerusalem Post')])), ['Jerusalem Post Annual Conference']);
      // A tagger's span that swallows a titled name loses to it.
      assert.deepEqual(names(resolveConflicts([c(0, 19, 60, 'U.S. Khazar Ibrahim'), c(5, 19, 80, 'Khazar Ibrahim')])), ['Khazar Ibrahim']);
    });
    it('lets the higher priority win a partial overlap, then the longer', () => {
      assert.deepEqual(names(resolveConflicts([c(0, 5, 40, 'a'), c(3, 9, 60, 'b')])), ['b']);
      assert.deepEqual(names(resolveConflicts([c(0, 5, 40, 'a'), c(3, 10, 40, 'b')])), ['b']);
    });
    it('finds a name again in the same document, a person by the surname too', () => {
      const doc = prepareDocument('d.txt', 'President Ilham Aliyev spoke. Later Aliyev left for Baku; Baku was cold.', 'text');
      const cs = createDefaultPipeline().run(doc, {});
      assert.deepEqual(names(cs), ['Ilham Aliyev', 'Aliyev', 'Baku', 'Baku']);
    });
    it('keeps UTF-16 offsets after an emoji and in a CRLF file', () => {
      const text = '👍🏽 Notes\r\n\r\nPresident Ilham Aliyev visited Baku.\r\n';
      const cs = createDefaultPipeline().run(prepareDocument('e.txt', text, 'text'), {});
      for (const x of cs) assert.equal(text.slice(x.start, x.end), x.name);
      assert.equal(cs[0]!.start, text.indexOf('Ilham'));
    });
  });
});
