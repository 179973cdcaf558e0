import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

describe('source-research scan', function () {
  this.timeout(30000);

  it('prints the JSON of the corpus, each mention the exact text between start and end', () => {
    const out = execFileSync(process.execPath, [cli, 'scan', path.join(root, 'sources'), '--json'], { encoding: 'utf8' });
    const json = JSON.parse(out) as {
      documents: { path: string; title: string; chars: number }[];
      entities: { id: string; name: string; type: string; aliases: string[]; mentions: { path: string; start: number; end: number; line: number; character: number; text: string; passage: { start: number; end: number } }[] }[];
    };
    assert.deepEqual(Object.keys(json), ['documents', 'entities', 'quotes', 'claims', 'disagreements']);
    assert.equal(json.documents.length, 2);
    assert.deepEqual(Object.keys(json.documents[0]!).slice(0, 4), ['path', 'title', 'chars', 'format']);
    assert.deepEqual(Object.keys(json.entities[0]!), ['id', 'name', 'type', 'aliases', 'mentions']);
    let n = 0;
    for (const e of json.entities) {
      for (const m of e.mentions) {
        assert.deepEqual(Object.keys(m), ['path', 'start', 'end', 'line', 'character', 'text', 'passage']);
        const text = readFileSync(path.join(root, 'sources', m.path), 'utf8');
        assert.equal(text.slice(m.start, m.end), m.text);
        const before = text.slice(0, m.start).split(/\r\n|\r|\n/);
        assert.equal(m.line, before.length - 1);
        assert.equal(m.character, before[before.length - 1]!.length);
        n++;
      }
    }
    assert.ok(n > 50);
  });

  it('skips a binary file with a warning, and reads a CRLF file with a BOM and an emoji', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sr-cli-'));
    try {
      const bytes = Buffer.alloc(4096);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
      writeFileSync(path.join(dir, 'scan.txt'), bytes);
      writeFileSync(path.join(dir, 'note.txt'), '\ufeffPresident Joe Biden met\r\nPrime Minister Keir Starmer 👍🏽 in London.\r\n');
      const r = spawnSync(process.execPath, [cli, 'scan', dir, '--json'], { encoding: 'utf8' });
      assert.equal(r.status, 0);
      assert.match(r.stderr, /scan\.txt:1:1: warning: not a text file \(binary content\): skipped/);
      const json = JSON.parse(r.stdout) as { documents: { path: string }[]; entities: { name: string; mentions: { start: number; end: number; line: number; character: number; text: string }[] }[] };
      assert.deepEqual(json.documents.map((d) => d.path), ['note.txt']);
      const london = json.entities.find((e) => e.name === 'London')!.mentions[0]!;
      const text = readFileSync(path.join(dir, 'note.txt'), 'utf8').slice(1);
      assert.equal(text.slice(london.start, london.end), 'London');
      assert.deepEqual([london.line, london.character], [1, 'Prime Minister Keir Starmer 👍🏽 in '.length]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a readable tree with file:line passages', () => {
    const out = execFileSync(process.execPath, [cli, 'scan', path.join(root, 'sources')], { encoding: 'utf8' });
    assert.match(out, /^People \(\d+\)$/m);
    assert.match(out, /^ {2}Khazar Ibrahim {2}10 mentions · 1 source\b/m);
    assert.match(out, /ambassador-ibrahim-press-release\.txt:\d+ {2}/);
  });

  it('says what is wrong with bad arguments', () => {
    assert.throws(() => execFileSync(process.execPath, [cli, 'scan', '/nonexistent/folder'], { encoding: 'utf8', stdio: 'pipe' }), /is not a folder/);
    assert.throws(() => execFileSync(process.execPath, [cli, 'frobnicate'], { encoding: 'utf8', stdio: 'pipe' }), /unknown command/);
  });
});

describe('source-research scan --json: quotes and claims; source-research check', function () {
  this.timeout(30000);

  it('lists the quotes with cue and speaker, and a disagreement between two sources', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sr-claims-'));
    try {
      writeFileSync(path.join(dir, 'a.txt'), 'Norway provides Denmark with 40% of its electricity, officials said.\n');
      writeFileSync(path.join(dir, 'b.txt'), '“We sell a quarter of our power abroad,” Prime Minister Anna Lindqvist said. Norway provides Denmark with 25% of its electricity.\n');
      const json = JSON.parse(execFileSync(process.execPath, [cli, 'scan', dir, '--json', '--no-tagger'], { encoding: 'utf8' })) as {
        quotes: { path: string; start: number; end: number; text: string; kind: string; cue: { start: number; end: number; text: string }; speaker: { start: number; end: number; text: string; entityId: string | null } | null }[];
        claims: { measure: string; value: number; unit: string; path: string; start: number; end: number; entityIds: string[] }[];
        disagreements: { measure: string; claims: number[] }[];
      };
      const direct = json.quotes.find((q) => q.kind === 'direct')!;
      assert.deepEqual(Object.keys(direct), ['path', 'start', 'end', 'text', 'kind', 'cue', 'speaker']);
      assert.equal(direct.text, 'We sell a quarter of our power abroad');
      assert.deepEqual([direct.cue.text, direct.speaker?.text, direct.speaker?.entityId], ['said', 'Prime Minister Anna Lindqvist', 'person:anna lindqvist']);
      const unnamed = json.quotes.find((q) => q.path === 'a.txt')!;
      assert.deepEqual([unnamed.kind, unnamed.speaker?.text, unnamed.speaker?.entityId], ['indirect', 'officials', null]);
      assert.deepEqual(Object.keys(json.claims[0]!), ['measure', 'value', 'unit', 'path', 'start', 'end', 'entityIds']);
      assert.equal(json.disagreements.length, 1);
      assert.equal(json.disagreements[0]!.measure, '% of electricity');
      assert.deepEqual(json.disagreements[0]!.claims.map((i) => [json.claims[i]!.path, json.claims[i]!.value]), [['a.txt', 40], ['b.txt', 25]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('check prints file:line:col: severity: message and exits 1 on warnings, 0 on a clean draft', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sr-check-'));
    try {
      writeFileSync(path.join(dir, 'interview.txt'), '“We will open the new bridge in May,” Mayor Tom Price said.\n');
      mkdirSync(path.join(dir, 'drafts'));
      const bad = path.join(dir, 'drafts', 'bad.md');
      writeFileSync(bad, 'The mayor said: “We will open the bridge in June.”\n\n“Taxes will fall,” he said.\n');
      const r = spawnSync(process.execPath, [cli, 'check', bad, dir, '--no-tagger'], { encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 2, r.stdout);
      assert.match(lines[0]!, /bad\.md:1:18: warning: Quotation differs from the source: draft “We will open the bridge in June\.”, source “We will open the new bridge in May” \(Tom Price, interview\.txt\)/);
      assert.match(lines[1]!, /bad\.md:3:2: warning: Quotation not found in any source/);
      const good = path.join(dir, 'drafts', 'good.md');
      writeFileSync(good, 'Price said: “we will open the new bridge in may.”\n');
      const ok = spawnSync(process.execPath, [cli, 'check', good, dir, '--no-tagger'], { encoding: 'utf8' });
      assert.equal(ok.status, 0, ok.stdout + ok.stderr);
      assert.equal(ok.stdout, '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('source-research scan: sources and drafts', function () {
  this.timeout(30000);

  it('leaves out drafts/, notes/ and the files under exclude: in sources.yaml', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sr-drafts-'));
    try {
      for (const sub of ['drafts', 'notes', 'politics']) mkdirSync(path.join(dir, sub));
      writeFileSync(path.join(dir, 'politics', 'release.txt'), 'Minister Ilham Aliyev spoke in Baku on Monday.\n');
      writeFileSync(path.join(dir, 'drafts', 'story.md'), '# Story\n\nZebulon Quackenbush-Farnsworth met Ilham Aliyev.\n');
      writeFileSync(path.join(dir, 'notes', 'call.txt'), 'Zebulon Quackenbush-Farnsworth called.\n');
      writeFileSync(path.join(dir, 'my-draft.txt'), 'President Zebulon Quackenbush-Farnsworth said so.\n');
      writeFileSync(path.join(dir, 'sources.yaml'), '# mine\nexclude:\n  - my-draft.txt\n');
      const out = execFileSync(process.execPath, [cli, 'scan', dir, '--json', '--no-tagger'], { encoding: 'utf8' });
      const json = JSON.parse(out) as { documents: { path: string }[]; entities: { name: string; mentions: { path: string }[] }[] };
      assert.deepEqual(json.documents.map((d) => d.path), ['politics/release.txt']);
      assert.ok(json.entities.some((e) => e.name === 'Ilham Aliyev'));
      assert.ok(!json.entities.some((e) => /Quackenbush/.test(e.name)), JSON.stringify(json.entities.map((e) => e.name)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
