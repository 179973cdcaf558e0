/** Issue 12, cases 6 and 7: YAML messages in the user's terms, the last good catalog kept; names and paths. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCatalog } from '../../src/core/catalog/catalog';
import { CorpusIndex } from '../../src/core/index/corpus';
import { createDefaultPipeline } from '../../src/core/recognisers/pipeline';
import { TaggerRecogniser } from '../../src/core/recognisers/tagger';
import { loadTagger } from '../../src/node/tagger';

const FILE = 'sources/entities.yaml';
const GOOD = 'entities:\n  - name: Quba\n    type: place\n    aliases: [Guba]\n';
const at = (p: { line: number; character: number }) => `${p.line + 1}:${p.character + 1}`;

describe('YAML problems say where, what, and what Source Research did', () => {
  it('an unclosed quote is reported at the quote, not at the end of the file', () => {
    const r = parseCatalog('entities:\n  - name: "Quba\n    type: place\n  - Baku\nignore: [Credit]\n', FILE);
    assert.equal(r.catalog, undefined);
    assert.equal(r.problems.length, 1);
    assert.equal(at(r.problems[0]!), '2:11');
    assert.match(r.problems[0]!.message, /opens a double quote \(“?"”?\) that is never closed: add the closing "\. Source Research keeps using the last good version of this file/);
    assert.equal(r.problems[0]!.file, FILE);
  });

  it('entities written as a mapping keeps the last good catalog, with a message saying so', () => {
    const index = new CorpusIndex();
    index.upsertDocument('a.txt', 'The town of Guba is near the river.');
    index.loadCatalog(FILE, GOOD);
    assert.ok(index.entities().some((e) => e.name === 'Quba' && e.curated));
    const problems = index.loadCatalog(FILE, 'entities:\n  Quba: place\n  Baku:\n    type: place\n');
    assert.deepEqual(problems.map((p) => [at(p), p.severity]), [['2:3', 'error']]);
    assert.match(problems[0]!.message, /"entities" must be a list of entities \(lines starting with "- "\), not a mapping .*keeps using the last good version/);
    assert.ok(index.entities().some((e) => e.name === 'Quba' && e.curated), 'the curated entity is still there');
  });

  it('several YAML documents: a message in the user’s terms, no library API name', () => {
    const r = parseCatalog('entities:\n  - Quba\n---\nentities:\n  - Baku\n', FILE);
    assert.equal(r.catalog, undefined);
    assert.equal(at(r.problems[0]!), '3:1');
    assert.match(r.problems[0]!.message, /^entities\.yaml holds more than one YAML document \(a "---" line starts another\)/);
    assert.doesNotMatch(r.problems.map((p) => p.message).join(' '), /parseAllDocuments|YAML\./);
  });

  it('anchors and aliases are read (aliases: *common)', () => {
    const r = parseCatalog('common: &common [Guba, Kuba]\nentities:\n  - name: Quba\n    aliases: *common\n  - name: Baku\n    type: &t place\n  - name: Ganja\n    type: *t\n', FILE);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.catalog!.entities, [
      { name: 'Quba', aliases: ['Guba', 'Kuba'] },
      { name: 'Baku', type: 'place', aliases: [] },
      { name: 'Ganja', type: 'place', aliases: [] },
    ]);
  });

  it('messages are English sentences that say what was done', () => {
    const r = parseCatalog('entities:\n  - name: Quba\n    aliases: [Guba, ""]\nignore: [""]\n', FILE);
    assert.deepEqual(
      r.problems.map((p) => `${at(p)} ${p.message}`),
      ['3:21 An empty alias is skipped.', '4:10 An empty ignored name is skipped.'],
    );
    assert.doesNotMatch(r.problems.map((p) => p.message).join(' '), /Empty an/);
  });

  it('the CLI says an unreadable entities.yaml is ignored, naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sr-yaml-'));
    try {
      writeFileSync(path.join(dir, 'a.txt'), 'President Emmanuel Macron visited Berlin.');
      symlinkSync('/proc/self/mem', path.join(dir, 'entities.yaml')); // EIO, even for root
      const r = spawnSync(process.execPath, [path.resolve(__dirname, '../../../dist/cli.js'), 'scan', dir, '--no-tagger'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /^entities\.yaml: warning: not read: input\/output error; it is ignored$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('names and paths', () => {
  it('a sources.yaml key with backslashes (even in double quotes) or in NFD attaches to its document', () => {
    const nfc = 'sub/Zoë-interview.txt'.normalize('NFC');
    const nfd = 'sub/Zoë-interview.txt'.normalize('NFD');
    const index = new CorpusIndex();
    index.upsertDocument(nfc, 'Text one.');
    index.upsertDocument('sub/notes.txt', 'Text two.');
    index.upsertDocument('sub/plain.txt', 'Text three.');
    const problems = index.loadSources('sources.yaml', `sources:\n  "${nfd.replace('/', '\\\\')}":\n    title: Interview\n  "sub\\notes.txt":\n    title: Notes\n  sub\\plain.txt:\n    title: Plain\n`);
    assert.equal(index.documentInfo(nfc)?.title, 'Interview');
    assert.equal(index.documentInfo('sub/notes.txt')?.title, 'Notes');
    assert.equal(index.documentInfo('sub/plain.txt')?.title, 'Plain');
    assert.deepEqual(problems.map((p) => [at(p), p.severity]), [['4:3', 'warning']]);
    assert.match(problems[0]!.message, /read as "sub\/notes\.txt": write it with "\/" or in single quotes/);
    // And the other way round: an NFD file name, an NFC key.
    const i2 = new CorpusIndex();
    i2.upsertDocument(nfd, 'Text.');
    i2.loadSources('sources.yaml', `sources:\n  ${nfc}:\n    title: Interview\n`);
    assert.equal(i2.documentInfo(nfd)?.title, 'Interview');
  });

  it('no entity name is longer than 200 characters, even from 200,000 capitalised words', async function () {
    this.timeout(60000);
    const words = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliet', 'Kilo', 'Lima'];
    const run = Array.from({ length: 200_000 }, (_, i) => words[i % words.length]).join(' ');
    for (const pipeline of [undefined, createDefaultPipeline({ tagger: new TaggerRecogniser(await loadTagger()) })]) {
      const index = new CorpusIndex(pipeline ? { pipeline } : {});
      index.upsertDocument('run.txt', `Before it ${run} after it. President Emmanuel Macron spoke.\n`);
      const long = index.entities().filter((e) => e.name.length > 200);
      assert.deepEqual(long.map((e) => e.name.length), []);
      assert.ok(index.entities().some((e) => e.name === 'Emmanuel Macron'));
    }
  });
});
