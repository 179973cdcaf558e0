/**
 * Split Entity: aliases scoped to documents in entities.yaml (parse, problems, write-back keeping
 * comments) and the index resolving only those documents' mentions to the new entity.
 */
import * as assert from 'node:assert/strict';
import { parseCatalog } from '../../src/core/catalog/catalog';
import { addScopedAliases } from '../../src/core/catalog/catalogEdit';
import { CorpusIndex } from '../../src/core/index/corpus';

const FILE = 'sport/entities.yaml';

describe('Split Entity: scoped aliases in entities.yaml', () => {
  it('parses scoped aliases next to plain ones (block and flow)', () => {
    const { catalog, problems } = parseCatalog(
      `entities:
  - name: Gordon Brown (footballer)
    type: person
    aliases:
      - Gordy
      - name: Brown
        documents: [sport/012.txt, sport/044.txt]
      - {name: Gordon Brown, documents: sport/012.txt}
`,
      FILE,
    );
    assert.deepEqual(problems, []);
    const e = catalog!.entities[0]!;
    assert.deepEqual(e.aliases, ['Gordy']);
    assert.deepEqual(e.scopedAliases, [
      { name: 'Brown', documents: ['sport/012.txt', 'sport/044.txt'] },
      { name: 'Gordon Brown', documents: ['sport/012.txt'] },
    ]);
  });

  it('reports a bad documents field at its line and column, and skips only that alias', () => {
    const text = `entities:
  - name: X
    type: person
    aliases:
      - name: Y
        documents: {a: 1}
      - name: Z
        documents: [/etc/passwd, ../up.txt, ok.txt]
      - name: W
        documents:
      - documents: [a.txt]
      - Plain
`;
    const { catalog, problems } = parseCatalog(text, FILE);
    const at = (needle: string) => problems.find((p) => p.message.includes(needle));
    const y = at('"documents" of the alias "Y" must be a list');
    assert.ok(y, problems.map((p) => p.message).join('\n'));
    assert.equal(y.severity, 'error');
    assert.equal(y.file, FILE);
    assert.deepEqual([y.line, y.character], [5, 19]);
    const abs = at('"/etc/passwd" must be relative to the folder of entities.yaml')!;
    assert.deepEqual([abs.line, abs.character], [7, 20]);
    assert.ok(at('"../up.txt" must be relative'));
    assert.ok(at('The alias "W" lists no documents'));
    assert.ok(at('An alias written as a mapping needs a name'));
    const e = catalog!.entities[0]!;
    assert.deepEqual(e.aliases, ['Plain']);
    assert.deepEqual(e.scopedAliases, [{ name: 'Z', documents: ['ok.txt'] }]);
  });

  it('writes a new curated entry with scoped aliases, keeping comments and order; idempotent', () => {
    const text = `# my corrections
entities:
  # the politician
  - name: Gordon Brown
    type: person
    aliases: [Brown]   # surname

ignore: [Credit]   # not a name
`;
    const out = addScopedAliases(text, 'Gordon Brown (footballer)', ['Gordon Brown', 'Brown'], ['012.txt', '044.txt'], 'person');
    assert.equal(
      out,
      `# my corrections
entities:
  # the politician
  - name: Gordon Brown
    type: person
    aliases: [Brown] # surname

  - name: Gordon Brown (footballer)
    type: person
    aliases:
      - name: Gordon Brown
        documents: [012.txt, 044.txt]
      - name: Brown
        documents: [012.txt, 044.txt]

ignore: [Credit] # not a name
`,
    );
    assert.equal(addScopedAliases(out, 'Gordon Brown (footballer)', ['Brown'], ['044.txt'], 'person'), out);
    const more = addScopedAliases(out, 'gordon brown (FOOTBALLER)', ['Brown'], ['050.txt']);
    assert.match(more, /- name: Brown\n {8}documents: \[012\.txt, 044\.txt, 050\.txt\]/);
    const { catalog, problems } = parseCatalog(more, FILE);
    assert.deepEqual(problems, []);
    assert.equal(catalog!.entities.length, 2);
  });
});

describe('Split Entity: resolution', () => {
  const docs: Record<string, string> = {
    'sport/012.txt': 'Gordon Brown scored twice for Rangers on Saturday. Brown said the team played well.\n',
    'sport/044.txt': 'Rangers striker Gordon Brown was injured in training. Brown will miss the cup final.\n',
    'politics/001.txt': 'Chancellor Gordon Brown presented the budget to parliament. Brown said taxes would not rise.\n',
    'politics/002.txt': 'Gordon Brown met union leaders in London. Brown promised more money for schools.\n',
  };
  // The user has curated the politician; the footballer shares his name in the sport pages.
  const CURATED = 'entities:\n  # the politician\n  - name: Gordon Brown\n    type: person\n    aliases: [Brown]\n';
  const load = () => {
    const index = new CorpusIndex();
    index.batch(() => {
      for (const [id, t] of Object.entries(docs)) index.upsertDocument(id, t);
      index.loadCatalog('sport/entities.yaml', CURATED);
    });
    return index;
  };
  const docsOf = (index: CorpusIndex, id: string) => [...new Set(index.mentionsOf(id).map((m) => m.docId))].sort();

  it('moves only the picked documents\u2019 mentions to the new entity; the rest stay on the old one', () => {
    const index = load();
    const before = index.entities().filter((e) => e.name === 'Gordon Brown');
    assert.equal(before.length, 1);
    assert.deepEqual(docsOf(index, before[0]!.id), ['politics/001.txt', 'politics/002.txt', 'sport/012.txt', 'sport/044.txt']);

    const yaml = addScopedAliases(CURATED, 'Gordon Brown (footballer)', ['Gordon Brown', 'Brown'], ['012.txt', '044.txt'], 'person');
    assert.match(yaml, /# the politician/);
    assert.deepEqual(index.loadCatalog('sport/entities.yaml', yaml), []);
    const old = index.entities().find((e) => e.name === 'Gordon Brown')!;
    const split = index.entities().find((e) => e.name === 'Gordon Brown (footballer)')!;
    assert.ok(old && split, index.entities().map((e) => e.name).join(', '));
    assert.equal(split.type, 'person');
    assert.deepEqual(docsOf(index, split.id), ['sport/012.txt', 'sport/044.txt']);
    assert.deepEqual(docsOf(index, old.id), ['politics/001.txt', 'politics/002.txt']);
    // Both forms in the picked documents, the surname included.
    assert.deepEqual(index.mentionsOf(split.id).map((m) => m.text).sort(), ['Brown', 'Brown', 'Gordon Brown', 'Gordon Brown']);
    assert.equal(index.mentionsOf(old.id).length, 4);
    // A document edited later keeps its scope.
    index.upsertDocument('sport/044.txt', docs['sport/044.txt']! + 'Brown is expected back in March.\n');
    assert.equal(index.mentionsOf(split.id).filter((m) => m.docId === 'sport/044.txt').length, 3);

    // Going back to the old entities.yaml brings back one entity.
    index.loadCatalog('sport/entities.yaml', CURATED);
    assert.equal(index.entities().filter((e) => e.name.startsWith('Gordon Brown')).length, 1);
  });

  it('splits a name found in the text (not curated) the same way', () => {
    const index = new CorpusIndex();
    index.batch(() => {
      index.upsertDocument('sport/012.txt', 'Mr Gordon Brown scored twice on Saturday. Brown said the team played well.\n');
      index.upsertDocument('politics/001.txt', 'Mr Gordon Brown presented the budget. Brown said taxes would not rise.\n');
    });
    const before = index.entities().find((e) => e.name === 'Gordon Brown');
    assert.ok(before && !before.curated, index.entities().map((e) => e.name).join(', '));
    assert.equal(before.documentCount, 2);
    index.loadCatalog('entities.yaml', addScopedAliases('', 'Gordon Brown (footballer)', ['Gordon Brown', 'Brown'], ['sport/012.txt'], 'person'));
    const split = index.entities().find((e) => e.name === 'Gordon Brown (footballer)')!;
    const old = index.entities().find((e) => e.name === 'Gordon Brown')!;
    assert.deepEqual(docsOf(index, split.id), ['sport/012.txt']);
    assert.deepEqual(docsOf(index, old.id), ['politics/001.txt']);
    assert.equal(index.mentionsOf(split.id).length, 2);
    assert.equal(index.mentionsOf(old.id).length, 2);
  });

  it('warns, at the path, about a document that is not in the corpus', () => {
    const index = load();
    const problems = index.loadCatalog('sport/entities.yaml', 'entities:\n  - name: Gordon Brown (footballer)\n    type: person\n    aliases:\n      - name: Brown\n        documents: [012.txt, 0l2.txt]\n');
    assert.equal(problems.length, 1, problems.map((p) => p.message).join('\n'));
    assert.equal(problems[0]!.severity, 'warning');
    assert.match(problems[0]!.message, /"0l2\.txt" is not a source document of this folder/);
    assert.deepEqual([problems[0]!.line, problems[0]!.character], [5, 29]);
  });
});
