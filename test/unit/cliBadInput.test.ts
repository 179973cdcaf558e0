/**
 * The CLI on bad input (issue 12): file-system errors, control characters, encodings, links.
 * Every input is generated here.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { ScanJson } from '../../src/cli';
import { loadFolder, nodeFs, type FolderFs } from '../../src/node/folder';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const isRoot = process.getuid?.() === 0;

function scan(dir: string, ...flags: string[]) {
  const r = spawnSync(process.execPath, [cli, 'scan', dir, '--no-tagger', ...flags], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: flags.includes('--json') && r.status === 0 ? (JSON.parse(r.stdout) as ScanJson) : undefined };
}

describe('source-research scan on bad input', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sr-bad-'));
    writeFileSync(path.join(dir, 'good.txt'), 'President Emmanuel Macron visited Berlin on Monday.\n');
  });
  afterEach(() => {
    try {
      execFileSync('chmod', ['-R', 'u+rwx', dir]);
    } catch {
      /* best effort */
    }
    execFileSync('rm', ['-rf', dir]); // GNU rm also removes paths longer than PATH_MAX
  });

  it('skips an unreadable file with a warning naming it, indexes the rest, exits 0', () => {
    // Even root cannot read /proc/self/mem from offset 0 (EIO); others also get a mode-000 file.
    symlinkSync('/proc/self/mem', path.join(dir, 'unreadable.txt'));
    if (!isRoot) {
      writeFileSync(path.join(dir, 'locked.txt'), 'Locked away.');
      chmodSync(path.join(dir, 'locked.txt'), 0);
    }
    const r = scan(dir, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^unreadable\.txt: warning: skipped: input\/output error$/m);
    if (!isRoot) assert.match(r.stderr, /^locked\.txt: warning: skipped: permission denied$/m);
    assert.deepEqual(r.json!.documents.map((d) => d.path), ['good.txt']);
    assert.ok(r.json!.entities.some((e) => e.name === 'Berlin'));
  });

  it('skips a folder whose path is longer than PATH_MAX, with a warning', () => {
    // 25 levels of 200-character names: 5,000 characters, more than Linux's 4,096.
    const seg = 'd'.repeat(200);
    execFileSync('bash', ['-c', `cd "$1" && for i in $(seq 1 25); do mkdir ${seg} && cd ${seg}; done && echo "Chancellor Olaf Scholz in Bonn." > deep.txt`, 'x', dir]);
    const r = scan(dir, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /: warning: folder skipped: its path is longer than the system allows$/m);
    assert.deepEqual(r.json!.documents.map((d) => d.path), ['good.txt']);
  });

  it('skips an unreadable folder and a folder removed during the scan, indexing everything else', async () => {
    for (const f of ['locked', 'gone', 'kept']) {
      mkdirSync(path.join(dir, f));
      writeFileSync(path.join(dir, f, 'a.txt'), `Mayor Anne Hidalgo of Paris, in ${f}.`);
    }
    // Root reads every folder: the errors are those Node reports, raised where they would be.
    const fs: FolderFs = {
      ...nodeFs,
      readdir: async (d: string): Promise<Dirent[]> => {
        if (d === path.join(dir, 'locked')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        const entries = await nodeFs.readdir(d);
        if (d === dir) rmSync(path.join(dir, 'gone'), { recursive: true, force: true }); // removed mid-scan
        return entries;
      },
    };
    const loaded = await loadFolder(dir, {}, fs);
    assert.deepEqual(loaded.files, ['good.txt', 'kept/a.txt']);
    assert.deepEqual(
      loaded.warnings.map((w) => `${w.file}: ${w.message}`),
      ['gone: folder skipped: it no longer exists (removed during the scan, or a link to nothing)', 'locked: folder skipped: permission denied'],
    );
  });

  it('escapes control characters of documents and file names in the tree (JSON stays exact)', () => {
    const evil = 'evil\u001b[2J\u0007name.txt';
    writeFileSync(path.join(dir, evil), 'Hello \u001b]0;pwned\u0007 President Joe Biden\u001b[2J went to Rome. \u009b31m \u202e\n');
    const r = scan(dir);
    assert.equal(r.status, 0, r.stderr);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    assert.match(r.stdout, /evil\\x1b\[2J\\x07name\.txt:1 {2}Hello \\x1b\]0;pwned\\x07 President Joe Biden\\x1b\[2J went to Rome\. \\x9b31m \\u202e/);
    const j = scan(dir, '--json').json!;
    assert.ok(j.documents.some((d) => d.path === evil));
  });

  it('reads UTF-16 files with a BOM and Latin-1 files, offsets into the decoded text', () => {
    const text = 'President Zoë Durand met Chancellor Jürgen Weiß in Zürich on Monday.\n';
    writeFileSync(path.join(dir, 'utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]));
    writeFileSync(path.join(dir, 'utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]));
    writeFileSync(path.join(dir, 'latin1.txt'), iconv.encode(text.repeat(3), 'latin1'));
    const r = scan(dir, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.json!.documents.map((d) => d.path).sort(), ['good.txt', 'latin1.txt', 'utf16be.txt', 'utf16le.txt']);
    assert.match(r.stderr, /^latin1\.txt: note: read as WINDOWS-1252 \(detected\)$/m);
    assert.match(r.stderr, /^utf16le\.txt: note: read as UTF-16LE \(byte-order mark\)$/m);
    assert.doesNotMatch(r.stderr, /binary/);
    const names = r.json!.entities.map((e) => e.name);
    assert.ok(!names.includes('Zo'), names.join(', '));
    const zoe = r.json!.entities.find((e) => e.name === 'Zoë Durand');
    assert.ok(zoe, names.join(', '));
    assert.deepEqual([...new Set(zoe.mentions.map((m) => m.path))].sort(), ['latin1.txt', 'utf16be.txt', 'utf16le.txt']);
    const decoded: Record<string, string> = { 'latin1.txt': text.repeat(3), 'utf16le.txt': text, 'utf16be.txt': text };
    for (const e of r.json!.entities) for (const m of e.mentions) if (decoded[m.path]) assert.equal(decoded[m.path]!.slice(m.start, m.end), m.text);
  });

  it('follows symbolic links to files and folders, and skips a link loop with a warning', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'sr-outside-'));
    try {
      writeFileSync(path.join(outside, 'linked.txt'), 'Prime Minister Keir Starmer in London.\n');
      mkdirSync(path.join(dir, 'sub'));
      symlinkSync(path.join(outside, 'linked.txt'), path.join(dir, 'file-link.txt'));
      symlinkSync(outside, path.join(dir, 'folder-link'));
      symlinkSync('..', path.join(dir, 'sub', 'loop'));
      symlinkSync('nowhere.txt', path.join(dir, 'dangling.txt'));
      const r = scan(dir, '--json');
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.json!.documents.map((d) => d.path), ['file-link.txt', 'folder-link/linked.txt', 'good.txt']);
      assert.match(r.stderr, /^sub\/loop: warning: folder skipped: a symbolic link back into a folder that contains it \(a loop\)$/m);
      assert.match(r.stderr, /^dangling\.txt: warning: link skipped: it no longer exists/m);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
