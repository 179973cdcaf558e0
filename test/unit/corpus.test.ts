import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CorpusIndex, type CandidateSource } from '../../src/core/index/corpus';
import { createDefaultPipeline } from '../../src/core/recognisers/pipeline';
import { TaggerRecogniser } from '../../src/core/recognisers/tagger';
import { loadTagger } from '../../src/node/tagger';
import type { EntitySummary, EntityType } from '../../src/core/types';
import { loadFolder } from '../../src/node/folder';

const root = path.resolve(__dirname, '../../..');
const sources = path.join(root, 'sources');
const OPED = 'azerbaijan-israel-op-ed.txt';
const PRESS = 'ambassador-ibrahim-press-release.txt';

const VARIANTS: { label: string; pipeline?: () => Promise<CandidateSource> }[] = [
  { label: 'rules only' },
  { label: 'with the trained tagger', pipeline: async () => createDefaultPipeline({ tagger: new TaggerRecogniser(await loadTagger()) }) },
];

for (const variant of VARIANTS) describe(`the sample corpus (${variant.label})`, function () {
  this.timeout(20000);
  let index: CorpusIndex;
  let texts: Map<string, string>;
  before(async () => {
    const loaded = await loadFolder(sources, variant.pipeline ? { pipeline: await variant.pipeline() } : {});
    index = loaded.index;
    texts = loaded.texts;
    assert.deepEqual(loaded.problems.filter((p) => p.severity === 'error'), []);
  });

  const find = (type: EntityType, name: string): EntitySummary => {
    const e = index.entities().find((x) => x.type === type && x.name === name);
    assert.ok(e, `no ${type} named ${name}; ${type}s: ${index.entities().filter((x) => x.type === type).map((x) => x.name).join(', ')}`);
    return e;
  };
  const forms = (e: EntitySummary) => index.mentionsOf(e.id).map((m) => m.text);
  const count = (xs: string[], x: string) => xs.filter((y) => y === x).length;
  const docsOf = (e: EntitySummary) => new Set(index.mentionsOf(e.id).map((m) => m.docId));

  it('lists both documents by title', () => {
    const docs = index.documents();
    assert.equal(docs.length, 2);
    assert.ok(docs.some((d) => d.title.startsWith('Azerbaijan’s US Ambassador')));
  });

  it('finds each person once, with every form among its mentions', () => {
    const bn = forms(find('person', 'Benjamin Netanyahu'));
    assert.equal(bn.length, 4);
    assert.equal(count(bn, 'Benjamin Netanyahu'), 1);
    assert.equal(count(bn, 'Netanyahu'), 3);
    const afterPm = index.mentionsOf(find('person', 'Benjamin Netanyahu').id).filter((m) => /Prime Minister\s*$/.test(texts.get(m.docId)!.slice(0, m.start)));
    assert.equal(afterPm.length, 1);
    const ia = forms(find('person', 'Ilham Aliyev'));
    assert.equal(ia.length, 3);
    assert.equal(count(ia, 'Ilham Aliyev'), 2);
    assert.equal(count(ia, 'Aliyev'), 1);
    const ki = forms(find('person', 'Khazar Ibrahim'));
    assert.equal(ki.length, 10);
    assert.equal(count(ki, 'Khazar Ibrahim'), 2);
    assert.equal(count(ki, 'Ibrahim'), 8);
    for (const n of ['Isaac Herzog', 'Yuli Edelstein', 'Fazil Mustafa', 'Maayan Hoffman', 'Marc Israel Sellem', 'Arye Gut', 'Said Musayev']) find('person', n);
  });

  it('finds the places, in both documents where they are', () => {
    const israel = find('place', 'Israel');
    assert.equal(docsOf(israel).size, 2);
    assert.ok(forms(israel).includes('State of Israel'));
    const sellem = index.mentionsOf(find('person', 'Marc Israel Sellem').id)[0]!;
    assert.ok(!index.mentionsOf(israel.id).some((m) => m.docId === sellem.docId && m.start >= sellem.start && m.end <= sellem.end));
    assert.equal(docsOf(find('place', 'Azerbaijan')).size, 2);
    assert.equal(docsOf(find('place', 'Armenia')).size, 2);
    for (const n of ['Turkey', 'Iran', 'Tehran', 'Baku', 'Karabakh', 'New York', 'South Caucasus']) find('place', n);
    assert.ok(forms(find('place', 'United States')).includes('U.S.'));
    assert.ok(forms(find('place', 'Quba')).includes('Guba'));
    const ks = find('place', 'Krasnaya Sloboda');
    assert.ok(forms(ks).includes('Red Village'));
    assert.equal(docsOf(ks).size, 2);
  });

  it('finds the organisations', () => {
    for (const n of ['Jerusalem Post', 'Knesset Foreign Affairs and Defense Committee', 'Technion Cybersecurity Center']) find('organization', n);
    assert.ok(forms(find('organization', 'United Nations Security Council')).includes('U.N. Security Council'));
  });

  it('finds the dates and quantities', () => {
    const dates = index.entities().filter((e) => e.type === 'date').flatMap((e) => forms(e));
    for (const d of ['13 December', '1997', 'June 5', 'January', 'March', '2020']) assert.ok(dates.includes(d), `date ${d} in ${dates.join(' | ')}`);
    const qs = index.entities().filter((e) => e.type === 'quantity').flatMap((e) => forms(e));
    for (const q of ['50%', '20%']) assert.ok(qs.includes(q), `quantity ${q} in ${qs.join(' | ')}`);
    assert.ok(qs.some((q) => q.startsWith('one million')), `one million in ${qs.join(' | ')}`);
    assert.ok(qs.includes('1,000 specialists'), `1,000 specialists in ${qs.join(' | ')}`);
  });

  it('lists no junk', () => {
    const junk = ['Evoke', 'Time', 'Importantly', 'Despite', 'Tolerance', 'Plans', 'Interconnection', 'Co-authors', 'Credit', 'Press Release', 'Asked', 'Right', 'Maybe', 'There', 'He', 'The'];
    const names = index.entities().map((e) => e.name);
    for (const j of junk) assert.ok(!names.includes(j), `junk entity ${j}`);
    const titled = index.entities().filter((e) => e.type === 'person' && /^(President|Prime|Ambassador|MK|Member|Deputy|Chairman|Minister|Mr|Dr)\b/.test(e.name));
    assert.deepEqual(titled.map((e) => e.name), []);
  });

  it('every mention is the exact text of its document', () => {
    for (const e of index.entities()) {
      for (const m of index.mentionsOf(e.id)) {
        assert.equal(texts.get(m.docId)!.slice(m.start, m.end), m.text);
        assert.ok(m.passage.start <= m.start && m.passage.end >= m.end);
      }
    }
  });

  it('ranks the full-name passage first, then a spread across sources', () => {
    const ms = index.mentionsOf(find('place', 'Krasnaya Sloboda').id);
    assert.equal(ms[0]!.text, 'Krasnaya Sloboda');
    assert.notEqual(ms[0]!.docId, ms[1]!.docId);
  });

  it('finds known names in a draft outside the corpus', () => {
    const draft = 'Notes: ask Ambassador Ibrahim about the Red Village and Netanyahu’s 1997 trip.';
    const hits = index.findNames(draft).map((h) => [h.text, index.entity(h.entityId)?.name]);
    assert.deepEqual(
      hits.filter(([t]) => t !== '1997'),
      [
        ['Ibrahim', 'Khazar Ibrahim'],
        ['Red Village', 'Krasnaya Sloboda'],
        ['Netanyahu', 'Benjamin Netanyahu'],
      ],
    );
    const at = index.nameAt(draft, draft.indexOf('Village'));
    assert.equal(index.entity(at!.entityId)?.name, 'Krasnaya Sloboda');
  });

  it('looks entities up by prefix and alias', () => {
    assert.equal(index.search('ibra')[0]?.name, 'Khazar Ibrahim');
    assert.equal(index.search('red vil')[0]?.name, 'Krasnaya Sloboda');
  });
});

describe('incremental index', () => {
  const press = readFileSync(path.join(sources, PRESS), 'utf8');
  const oped = readFileSync(path.join(sources, OPED), 'utf8');

  it('adds, updates and removes one document', () => {
    const index = new CorpusIndex();
    let events = 0;
    index.onDidChange(() => events++);
    index.upsertDocument(OPED, oped);
    index.upsertDocument(PRESS, press);
    const herzog = () => index.entities().find((e) => e.name === 'Isaac Herzog');
    assert.ok(herzog());
    index.upsertDocument(PRESS, press.replace(/Isaac Herzog/g, 'Reuven Rivlin'));
    assert.equal(herzog(), undefined);
    assert.ok(index.entities().find((e) => e.name === 'Reuven Rivlin'));
    const israel = () => index.entities().find((e) => e.name === 'Israel' && e.type === 'place');
    assert.equal(israel()?.documentCount, 2);
    index.removeDocument(PRESS);
    assert.equal(israel()?.documentCount, 1);
    assert.equal(index.entities().find((e) => e.name === 'Khazar Ibrahim'), undefined);
    assert.equal(events, 4);
  });

  it('keeps the last good catalog when entities.yaml breaks', () => {
    const index = new CorpusIndex();
    index.upsertDocument(PRESS, press);
    assert.deepEqual(index.loadCatalog('entities.yaml', 'entities:\n  - name: Krasnaya Sloboda\n    type: place\n    aliases: [Red Village]\n'), []);
    const ks = () => index.entities().find((e) => e.name === 'Krasnaya Sloboda');
    assert.ok(ks());
    const problems = index.loadCatalog('entities.yaml', 'entities:\n  - name: [unclosed\n');
    assert.ok(problems.length > 0 && problems[0]!.severity === 'error');
    assert.ok(ks(), 'the last good catalog stays in force');
  });

  it('ignores and retypes names from the catalog', () => {
    const index = new CorpusIndex();
    index.upsertDocument(PRESS, press);
    index.loadCatalog('entities.yaml', 'ignore: [Baku]\ntypes:\n  Technion Cybersecurity Center: place\n');
    assert.equal(index.entities().find((e) => e.name === 'Baku'), undefined);
    assert.equal(index.entities().find((e) => e.name === 'Technion Cybersecurity Center')?.type, 'place');
  });

  it('reads dates against the document date from sources.yaml', () => {
    const index = new CorpusIndex();
    index.loadSources('sources.yaml', `sources:\n  ${PRESS}:\n    date: 2023-06-05\n`);
    index.upsertDocument(PRESS, press);
    const june = index.entities().find((e) => e.type === 'date' && e.name === 'June 5');
    assert.ok(june);
    assert.equal(index.mentionsOf(june.id)[0]!.attrs?.value, '2023-06-05');
  });
});

describe('incremental resolution', () => {
  const press = readFileSync(path.join(sources, PRESS), 'utf8');
  const oped = readFileSync(path.join(sources, OPED), 'utf8');
  const snapshot = (index: CorpusIndex) =>
    index
      .entities()
      .map((e) => `${e.id}|${e.name}|${e.mentionCount}|${e.documentCount}|${[...e.aliases].join(',')}`)
      .sort();

  it('gives the same entities as indexing the final documents from scratch', () => {
    const steps: [string, string | undefined][] = [
      ['oped.txt', oped],
      ['press.txt', press],
      ['a.txt', 'Prime Minister Benjamin Netanyahu spoke. Netanyahu left.'],
      ['b.txt', 'President Sara Netanyahu arrived. Netanyahu smiled. The United Nations Security Council met.'],
      ['c.txt', 'The U.N. Security Council and the UNSC met in New York. Ambassador Ibrahim spoke.'],
      ['b.txt', undefined],
      ['a.txt', 'Netanyahu alone, and the Trans-Anatolian (TANAP) pipeline.'],
      ['press.txt', press.replace(/Khazar Ibrahim/g, 'Khazar Ibrahimov')],
      ['d.txt', 'Later TANAP grew. Ambassador Ibrahim returned to Baku.'],
      ['c.txt', undefined],
    ];
    const inc = new CorpusIndex();
    inc.loadCatalog('entities.yaml', readFileSync(path.join(sources, 'entities.yaml'), 'utf8'));
    const final = new Map<string, string>();
    for (const [id, text] of steps) {
      if (text === undefined) {
        inc.removeDocument(id);
        final.delete(id);
      } else {
        inc.upsertDocument(id, text);
        final.set(id, text);
      }
      inc.entities(); // resolve after every step, as the editor does
      const fresh = new CorpusIndex();
      fresh.loadCatalog('entities.yaml', readFileSync(path.join(sources, 'entities.yaml'), 'utf8'));
      for (const [fid, ftext] of final) fresh.upsertDocument(fid, ftext);
      assert.deepEqual(snapshot(inc), snapshot(fresh), `after ${text === undefined ? 'removing' : 'writing'} ${id}`);
      assert.deepEqual(inc.entities().map((e) => e.id), fresh.entities().map((e) => e.id), 'in the same order');
    }
  });
});

describe('the YAML files loaded again unchanged', () => {
  it('change nothing: no re-reading of the documents, no change event; a real change still applies', () => {
    const idx = new CorpusIndex();
    idx.upsertDocument('a.txt', 'Dr Maria Gonzalez met officials in Lisbon on 3 March 2023.');
    const catalog = 'entities:\n  - name: Maria Gonzalez\n    aliases: [Gonzalez]\n';
    const sources = 'sources:\n  a.txt:\n    title: Lisbon notes\n    date: 2023-03-03\n';
    idx.loadCatalog('entities.yaml', catalog);
    idx.loadSources('sources.yaml', sources);
    let changes = 0;
    idx.onDidChange(() => changes++);
    const version = idx.version;
    idx.loadCatalog('entities.yaml', `# reloaded\n${catalog}`);
    idx.loadSources('sources.yaml', sources);
    idx.loadCatalog('none.yaml', undefined);
    assert.equal(changes, 1, 'only the catalog going away is a change');
    assert.ok(idx.version > version);
    idx.loadCatalog('entities.yaml', catalog);
    assert.equal(changes, 2);
    idx.loadSources('sources.yaml', 'sources:\n  a.txt:\n    title: Lisbon notes, revised\n');
    assert.equal(changes, 3);
    assert.equal(idx.documentInfo('a.txt')!.title, 'Lisbon notes, revised');
    assert.ok(idx.entities().some((e) => e.name === 'Maria Gonzalez'));
  });
});
