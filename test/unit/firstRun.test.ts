/** Issue 12, case 8: the first `npm start` opens a scratch copy, and keeps harmless install noise out of sight. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoFolder } from '../../test/harness/demo';

const root = path.resolve(__dirname, '../../..');

describe('the first run', () => {
  it('npm start opens a scratch copy of sources/, and says so', async () => {
    const demo = await demoFolder();
    try {
      assert.ok(demo.scratch);
      assert.ok(demo.folder.startsWith(os.tmpdir()), demo.folder);
      assert.ok(path.relative(root, demo.folder).startsWith('..'), 'outside the repository');
      assert.deepEqual(readdirSync(demo.folder).sort(), readdirSync(path.join(root, 'sources')).sort());
      assert.match(demo.message, /scratch copy .* never the repository's sources\//);
      // Editing the copy (as Rename Entity does) leaves the tracked file alone.
      const tracked = readFileSync(path.join(root, 'sources', 'entities.yaml'), 'utf8');
      writeFileSync(path.join(demo.folder, 'entities.yaml'), 'entities: []\n');
      assert.equal(readFileSync(path.join(root, 'sources', 'entities.yaml'), 'utf8'), tracked);
    } finally {
      rmSync(path.dirname(demo.folder), { recursive: true, force: true });
    }
    const own = await demoFolder('/some/where');
    assert.deepEqual([own.folder, own.scratch], ['/some/where', false]);
  });

  it('the VS Code install shows neither node-pre-gyp ENOTFOUND errors nor build chatter, but real errors', () => {
    const output = [
      'node-pre-gyp ERR! install request to https://example.invalid/kerberos.tar.gz failed, reason: getaddrinfo ENOTFOUND example.invalid',
      'node-pre-gyp WARN Pre-built binaries not installable for kerberos@2.1.0 and node@20.19.0 (node-v115 ABI, glibc) (falling back to source compile with node-gyp)',
      'gyp info it worked if it ends with ok',
      '  CXX(target) Release/obj.target/kerberos/src/kerberos.o',
      'npm warn deprecated inflight@1.0.6: This module is not supported',
      '',
      'added 412 packages in 79s',
      'npm error code ELIFECYCLE',
    ].join('\n');
    const script = `import { visibleInstallLines } from ${JSON.stringify(path.join(root, 'scripts', 'install-output.mjs'))};
      process.stdout.write(JSON.stringify(visibleInstallLines(${JSON.stringify(output)})));`;
    const shown = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
    assert.deepEqual(shown, ['added 412 packages in 79s', 'npm error code ELIFECYCLE']);
    assert.ok(existsSync(path.join(root, 'scripts', 'install-vscode.mjs')));
    // Said before the install starts, not after.
    const src = readFileSync(path.join(root, 'scripts', 'install-vscode.mjs'), 'utf8');
    assert.ok(src.indexOf('First run: installing VS Code') >= 0 && src.indexOf('takes about a minute and a half') >= 0 && src.indexOf('takes about a minute and a half') < src.indexOf("spawnSync(npm, ['install'"));
  });
});
