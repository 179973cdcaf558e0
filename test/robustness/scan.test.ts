/**
 * `npm run test:robustness`: the CLI over a generated folder of hostile inputs (binary, empty, a
 * huge line, UTF-16, Latin-1, CR-only, control characters in text and names, unreadable entries,
 * a link loop, deep nesting, 10,000 files). Time and memory are printed, never asserted as wall-clock.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ScanJson } from '../../src/cli';
import { makeHostileFolder, type HostileFolder } from './hostile';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const MANY = Number(process.env.SR_ROBUSTNESS_FILES ?? 10_000);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  maxRssMb: number;
}

/** Run the CLI; a preload reports its peak memory (maxRSS) on stderr as it exits. */
function runCli(args: string[], preload: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--require', preload, cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => {
      let stderr = Buffer.concat(err).toString('utf8');
      const m = /\nrobustness-maxrss-kb=(\d+)\n?$/.exec(stderr);
      if (m) stderr = stderr.slice(0, m.index + 1);
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr, seconds: (performance.now() - t0) / 1000, maxRssMb: m ? Number(m[1]) / 1024 : NaN });
    });
  });
}

describe(`robustness: source-research scan over hostile inputs (${MANY} small files besides)`, function () {
  this.timeout(15 * 60 * 1000);
  let dir: string;
  let folder: HostileFolder;
  let preload: string;
  let json: Run;
  let tree: Run;

  before(async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'sr-robust-'));
    dir = path.join(base, 'sources');
    execFileSync('mkdir', [dir]);
    preload = path.join(base, 'maxrss.js');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write('\\nrobustness-maxrss-kb=' + process.resourceUsage().maxRSS + '\\n'));\n");
    const t0 = performance.now();
    folder = makeHostileFolder(dir, MANY);
    console.log(`      generated ${folder.readable.size} readable documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    json = await runCli(['scan', dir, '--json'], preload);
    console.log(`      scan --json: ${json.seconds.toFixed(1)} s, peak memory ${json.maxRssMb.toFixed(0)} MB, ${(json.stdout.length / 1e6).toFixed(1)} MB of JSON`);
    tree = await runCli(['scan', dir], preload);
    console.log(`      scan (tree): ${tree.seconds.toFixed(1)} s, peak memory ${tree.maxRssMb.toFixed(0)} MB`);
  });

  after(() => {
    if (dir) execFileSync('rm', ['-rf', path.dirname(dir)]);
  });

  it('exits 0 (as documented: skipped files are warnings)', () => {
    assert.equal(json.status, 0, json.stderr.slice(-2000));
    assert.equal(tree.status, 0, tree.stderr.slice(-2000));
  });

  it('indexes every readable document, and only those', () => {
    const docs = (JSON.parse(json.stdout) as ScanJson).documents.map((d) => d.path);
    assert.deepEqual(docs.slice().sort(), [...folder.readable.keys()].sort());
  });

  it('names each skipped entry in a warning on stderr', () => {
    for (const w of folder.warned) assert.ok(json.stderr.split('\n').some((l) => l.startsWith(w) && / warning: /.test(l)), `no warning for ${w}`);
    assert.match(json.stderr, /^scan-of-a-pdf\.txt:1:1: warning: not a text file/m);
  });

  it("gives every mention a text equal to its slice of the decoded document, and no name over 200 characters", () => {
    const j = JSON.parse(json.stdout) as ScanJson;
    let n = 0;
    for (const e of j.entities) {
      assert.ok(e.name.length <= 200, `${e.name.length}-character name ${e.name.slice(0, 60)}…`);
      for (const m of e.mentions) {
        assert.equal(folder.readable.get(m.path)!.slice(m.start, m.end), m.text, `${m.path}:${m.start}`);
        n++;
      }
    }
    assert.ok(n > MANY, `${n} mentions`);
  });

  it('prints no control character in the tree output', () => {
    // eslint-disable-next-line no-control-regex
    const bad = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.exec(tree.stdout);
    assert.equal(bad, null, bad ? `U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}: ${JSON.stringify(tree.stdout.slice(bad.index - 40, bad.index + 20))}` : '');
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(tree.stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('stays within bounded memory (figures printed above)', () => {
    assert.ok(json.maxRssMb < 4096, `${json.maxRssMb} MB`);
    assert.ok(tree.maxRssMb < 4096, `${tree.maxRssMb} MB`);
  });
});
