import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseCatalog } from '../../src/core/catalog/catalog';
import { addAlias, CatalogEditError, entityLocation, ignoreName, mergeEntities, minimalEdit, newCatalogText, renameEntity, setType } from '../../src/core/catalog/catalogEdit';

const root = path.resolve(__dirname, '../../..');
const FILE = 'sources/entities.yaml';
let sample = '';

before(async () => {
  sample = await readFile(path.join(root, FILE), 'utf8');
});

function parseOk(text: string) {
  const r = parseCatalog(text, FILE);
  assert.ok(r.catalog, `expected a catalog, got ${JSON.stringify(r.problems)}`);
  return r.catalog;
}

describe('catalog: parse', () => {
  it('parses the sample entities.yaml', () => {
    const r = parseCatalog(sample, FILE);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.catalog, {
      entities: [
        { name: 'Krasnaya Sloboda', type: 'place', aliases: ['Red Village'], note: 'Historic Mountain Jewish town across the river from Quba, Azerbaijan.' },
        { name: 'Quba', type: 'place', aliases: ['Guba'] },
        { name: 'Israel', type: 'place', aliases: ['State of Israel'] },
      ],
      ignore: [],
      types: {},
    });
  });

  it('empty file, comments only, missing or null sections', () => {
    for (const t of ['', '# just a comment\n', 'entities:\n', 'ignore:\ntypes:\n', 'entities: []\n']) {
      const c = parseOk(t);
      assert.deepEqual(c, { entities: [], ignore: [], types: {} }, t);
    }
  });

  it('a syntax error gives no catalog and a problem at the right line and column', () => {
    const text = 'entities:\n  - name: Quba\n    aliases: [Guba\n  - name: Baku\n';
    const r = parseCatalog(text, FILE);
    assert.equal(r.catalog, undefined);
    assert.ok(r.problems.length > 0);
    const p = r.problems[0]!;
    assert.equal(p.severity, 'error');
    assert.equal(p.file, FILE);
    assert.equal(p.line, 3);
    assert.equal(p.character, 2);
  });

  it('a bad indentation / tab error is located', () => {
    const text = 'entities:\n  - name: Quba\n\ttype: place\n';
    const r = parseCatalog(text, FILE);
    assert.equal(r.catalog, undefined);
    assert.equal(r.problems[0]!.line, 2);
    assert.equal(r.problems[0]!.character, 0);
  });

  it('duplicate keys are errors (no catalog)', () => {
    const r = parseCatalog('entities: []\nentities: []\n', FILE);
    assert.equal(r.catalog, undefined);
    assert.equal(r.problems[0]!.line, 1);
  });

  it('schema problems skip only the entry concerned, with positions', () => {
    const text = [
      'entities:', //                     0
      '  - name: Quba', //                1
      '    type: village', //             2  unknown type: kept without type
      '  - type: place', //               3  no name: skipped
      '  - name: quba', //                4  duplicate: skipped
      '  - name: Baku', //                5
      '    aliases: [[Baki], 1997, Baky]', // 6  nested list: error; number: warning
      '    colour: red', //               7  unknown field: warning
      '  - Ganja', //                     8  shorthand
      'ignore: [Credit, {a: b}]', //      9
      'types:', //                        10
      '  Karabakh: place', //             11
      '  Shusha: town', //                12
      'extra: 1', //                      13
    ].join('\n');
    const r = parseCatalog(text, FILE);
    assert.ok(r.catalog);
    assert.deepEqual(r.catalog.entities, [
      { name: 'Quba', aliases: [] },
      { name: 'Baku', aliases: ['1997', 'Baky'] },
      { name: 'Ganja', aliases: [] },
    ]);
    assert.deepEqual(r.catalog.ignore, ['Credit']);
    assert.deepEqual(r.catalog.types, { Karabakh: 'place' });
    const at = (line: number) => r.problems.filter((p) => p.line === line);
    assert.match(at(2)[0]!.message, /Unknown type "village"/);
    assert.equal(at(2)[0]!.character, 10);
    assert.equal(at(2)[0]!.severity, 'error');
    assert.match(at(3)[0]!.message, /no name/);
    assert.match(at(4)[0]!.message, /Duplicate entity/);
    assert.deepEqual(
      at(6).map((p) => p.severity),
      ['error', 'warning'],
    );
    assert.equal(at(7)[0]!.severity, 'warning');
    assert.equal(at(9)[0]!.severity, 'error');
    assert.match(at(12)[0]!.message, /Unknown type "town"/);
    assert.equal(at(13)[0]!.severity, 'warning');
  });

  it('a single-string alias, British spelling of organisation', () => {
    const c = parseOk('entities:\n  - name: Jerusalem Post\n    type: Organisation\n    aliases: JPost\n');
    assert.deepEqual(c.entities, [{ name: 'Jerusalem Post', type: 'organization', aliases: ['JPost'] }]);
  });

  it('a top level that is not a mapping is an error without catalog', () => {
    const r = parseCatalog('- Quba\n- Baku\n', FILE);
    assert.equal(r.catalog, undefined);
    assert.equal(r.problems[0]!.line, 0);
  });
});

describe('catalog: write-back', () => {
  const COMMENTS = ['# entities.yaml: your corrections', '# The town in the op-ed is called Krasnaya Sloboda', '# Quba is also spelled Guba.'];
  const keepsComments = (out: string) => {
    for (const c of COMMENTS) assert.ok(out.includes(c), `comment lost: ${c}\n${out}`);
  };
  const names = (out: string) => parseOk(out).entities.map((e) => e.name);

  it('the sample round-trips unchanged when nothing changes', () => {
    assert.equal(addAlias(sample, 'Krasnaya Sloboda', 'red village'), sample);
    assert.equal(ignoreName(ignoreName(sample, 'Credit'), 'CREDIT'), ignoreName(sample, 'Credit'));
  });

  it('renameEntity: curated entry renamed in place, old name kept as alias', () => {
    const out = renameEntity(sample, 'Quba', 'Guba District');
    keepsComments(out);
    assert.deepEqual(names(out), ['Krasnaya Sloboda', 'Guba District', 'Israel']);
    const e = parseOk(out).entities[1]!;
    assert.deepEqual(e.aliases, ['Guba', 'Quba']);
    assert.equal(e.type, 'place');
    assert.equal(renameEntity(out, 'Quba', 'Guba District'), out, 'idempotent');
    assert.ok(out.includes('aliases: [Guba, Quba]'), 'flow style kept');
  });

  it('renameEntity: an uncurated name gets a new entry; diacritics and case insensitive', () => {
    const out = renameEntity(sample, 'Khazar Ibrahim', 'Ambassador Khazar Ibrahim', 'person');
    keepsComments(out);
    const e = parseOk(out).entities.at(-1)!;
    assert.deepEqual(e, { name: 'Ambassador Khazar Ibrahim', type: 'person', aliases: ['Khazar Ibrahim'] });
    assert.equal(renameEntity(out, 'KHAZAR IBRAHIM', 'Ambassador Khazar Ibrahim', 'person'), out);
    const out2 = renameEntity(sample, 'QÚBA', 'Quba Town');
    assert.deepEqual(names(out2), ['Krasnaya Sloboda', 'Quba Town', 'Israel']);
  });

  it('renameEntity onto another curated entity merges', () => {
    const out = renameEntity(sample, 'Quba', 'Krasnaya Sloboda');
    assert.deepEqual(names(out), ['Krasnaya Sloboda', 'Israel']);
    assert.deepEqual(parseOk(out).entities[0]!.aliases, ['Red Village', 'Quba', 'Guba']);
  });

  it('mergeEntities: target gets the aliases, the curated source goes, comments survive', () => {
    const out = mergeEntities(sample, { name: 'Quba', type: 'place', aliases: ['Quba'] }, { name: 'Krasnaya Sloboda', type: 'place' });
    keepsComments(out);
    assert.deepEqual(names(out), ['Krasnaya Sloboda', 'Israel']);
    assert.deepEqual(parseOk(out).entities[0]!.aliases, ['Red Village', 'Quba', 'Guba']);
    assert.ok(out.includes('aliases: [Red Village, Quba, Guba]'));
    assert.equal(mergeEntities(out, { name: 'Quba' }, { name: 'Krasnaya Sloboda' }), out, 'idempotent');
  });

  it('mergeEntities: uncurated source into curated target; both uncurated', () => {
    const a = mergeEntities(sample, { name: 'Israeli state', aliases: ['the Jewish state'] }, { name: 'israel' });
    keepsComments(a);
    assert.deepEqual(parseOk(a).entities[2]!.aliases, ['State of Israel', 'Israeli state', 'the Jewish state']);
    const b = mergeEntities(sample, { name: 'Ibrahim' }, { name: 'Khazar Ibrahim', type: 'person' });
    assert.deepEqual(parseOk(b).entities.at(-1), { name: 'Khazar Ibrahim', type: 'person', aliases: ['Ibrahim'] });
    assert.equal(mergeEntities(b, { name: 'Ibrahim' }, { name: 'Khazar Ibrahim', type: 'person' }), b);
  });

  it('mergeEntities: curated source into uncurated target renames it in place', () => {
    const out = mergeEntities(sample, { name: 'Israel' }, { name: 'State of Israel', type: 'place' });
    assert.deepEqual(names(out), ['Krasnaya Sloboda', 'Quba', 'State of Israel']);
    assert.deepEqual(parseOk(out).entities[2]!.aliases, ['Israel']);
  });

  it('addAlias: appends in flow style; creates the entry; idempotent', () => {
    const out = addAlias(sample, 'Krasnaya Sloboda', 'Červená Vesnice');
    keepsComments(out);
    assert.ok(out.includes('aliases: [Red Village, Červená Vesnice]'), out);
    assert.equal(addAlias(out, 'krasnaya sloboda', 'CERVENA VESNICE'), out);
    const out2 = addAlias(sample, 'Baku', 'Baki', 'place');
    assert.deepEqual(parseOk(out2).entities.at(-1), { name: 'Baku', type: 'place', aliases: ['Baki'] });
    // A block-style list stays block style.
    const block = 'entities:\n  - name: Baku\n    aliases:\n      - Baki # Azerbaijani\n';
    assert.equal(addAlias(block, 'Baku', 'Baky'), 'entities:\n  - name: Baku\n    aliases:\n      - Baki # Azerbaijani\n      - Baky\n');
  });

  it('ignoreName: fills the empty flow list as a block list', () => {
    const out = ignoreName(sample, 'Credit');
    keepsComments(out);
    assert.deepEqual(parseOk(out).ignore, ['Credit']);
    assert.ok(out.includes('ignore:\n  - Credit\n'));
    assert.equal(ignoreName(out, 'credit'), out);
    assert.deepEqual(parseOk(ignoreName(out, 'Photo')).ignore, ['Credit', 'Photo']);
  });

  it('setType: on the curated entry, else in types:', () => {
    const a = setType(sample, 'Quba', 'group');
    keepsComments(a);
    assert.equal(parseOk(a).entities[1]!.type, 'group');
    const b = setType(sample, 'Karabakh', 'place');
    assert.deepEqual(parseOk(b).types, { Karabakh: 'place' });
    assert.ok(b.includes('types:\n  Karabakh: place\n'));
    const c = setType(b, 'KARABAKH', 'group');
    assert.deepEqual(parseOk(c).types, { Karabakh: 'group' });
    assert.equal(setType(c, 'Karabakh', 'group'), c);
    // A type is added after the name of an untyped entry.
    const d = setType('entities:\n  - name: Baku\n    aliases: [Baki]\n', 'baki', 'place');
    assert.equal(d, 'entities:\n  - name: Baku\n    type: place\n    aliases: [Baki]\n');
  });

  it('missing sections and files are created; the new file has a header comment', () => {
    const fresh = newCatalogText();
    assert.ok(fresh.startsWith('# '));
    assert.deepEqual(parseOk(fresh), { entities: [], ignore: [], types: {} });
    const a = addAlias('', 'Baku', 'Baki');
    assert.ok(a.startsWith('# entities.yaml'));
    assert.deepEqual(parseOk(a).entities, [{ name: 'Baku', aliases: ['Baki'] }]);
    const b = ignoreName('# mine\nentities:\n  - name: Baku\n', 'Credit');
    assert.equal(b, '# mine\nentities:\n  - name: Baku\n\nignore:\n  - Credit\n');
    const c = renameEntity('entities:\n', 'A', 'B');
    assert.deepEqual(parseOk(c).entities, [{ name: 'B', aliases: ['A'] }]);
  });

  it('keeps CRLF line endings', () => {
    const crlf = sample.replace(/\n/g, '\r\n');
    const out = addAlias(crlf, 'Quba', 'Qube');
    assert.ok(!/[^\r]\n/.test(out), 'only CRLF');
    assert.equal(out, addAlias(sample, 'Quba', 'Qube').replace(/\n/g, '\r\n'));
  });

  it('refuses to edit a file with syntax errors', () => {
    assert.throws(() => addAlias('entities: [\n', 'A', 'B'), CatalogEditError);
    assert.throws(() => setType(sample, 'A', 'thing' as never), CatalogEditError);
  });
});

describe('catalog: minimalEdit', () => {
  it('replaces only the changed middle', () => {
    const out = addAlias(sample, 'Quba', 'Qube');
    const e = minimalEdit(sample, out);
    assert.equal(sample.slice(0, e.start) + e.text + sample.slice(e.end), out);
    assert.equal(e.text, ', Qube');
    assert.deepEqual(minimalEdit('same', 'same'), { start: 4, end: 4, text: '' });
    assert.deepEqual(minimalEdit('abc', 'abXc'), { start: 2, end: 2, text: 'X' });
    assert.deepEqual(minimalEdit('ab', ''), { start: 0, end: 2, text: '' });
  });

  it('never splits a surrogate pair or a CRLF', () => {
    const e = minimalEdit('a😀b', 'a😃b');
    assert.deepEqual(e, { start: 1, end: 3, text: '😃' });
    const f = minimalEdit('a\r\nb', 'a\nb');
    assert.equal('a\r\nb'.slice(0, f.start) + f.text + 'a\r\nb'.slice(f.end), 'a\nb');
    assert.ok(f.start <= 1);
  });
});

describe('catalog: entityLocation', () => {
  it('finds the name of an entry by name or alias', () => {
    assert.deepEqual(entityLocation(sample, 'quba'), { line: 19, character: 10, endLine: 19, endCharacter: 14 });
    assert.deepEqual(entityLocation(sample, 'Red Village'), { line: 13, character: 10, endLine: 13, endCharacter: 26 });
    assert.equal(entityLocation(sample, 'Baku'), undefined);
    assert.equal(entityLocation('entities: [', 'Baku'), undefined);
  });
});

describe('catalog: indentation style', () => {
  it('keeps 4-space indentation and unindented sequences', () => {
    const four = 'entities:\n    - name: Baku\n      aliases: [Baki]\nignore:\n    - Credit\n';
    assert.equal(addAlias(four, 'Baku', 'Baky'), 'entities:\n    - name: Baku\n      aliases: [Baki, Baky]\nignore:\n    - Credit\n');
    const flat = 'entities:\n- name: Baku\n  type: place\n';
    assert.equal(addAlias(flat, 'Baku', 'Baki'), 'entities:\n- name: Baku\n  type: place\n  aliases: [Baki]\n');
  });
});
