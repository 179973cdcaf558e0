// Installs VS Code (as code-server, which is VS Code's server and web workbench) into .vscode-test/,
// the way @vscode/test-electron caches a desktop build. Idempotent: does nothing when the pinned
// version is already installed and starts. Prints the path of the code-server launcher.
//
//   node scripts/install-vscode.mjs [--force]
//
// Needs from the machine: Debian's ripgrep (/usr/bin/rg) and libkrb5-dev (see .ci/run).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile, mkdtemp, copyFile, readFile } from 'node:fs/promises';
import { visibleInstallLines } from './install-output.mjs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3'; // = VS Code 1.100.3
const root = path.resolve(import.meta.dirname, '..');
export const installDir = path.join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const marker = path.join(installDir, '.installed');

function log(msg) {
  process.stderr.write(`[install-vscode] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

/** @vscode/ripgrep downloads rg at install time unless its cache holds the archive: build it from Debian's rg. */
async function seedRipgrepCache() {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
  if (!rg) throw new Error('ripgrep not found: apt-get install -y ripgrep');
  const cacheDir = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const tarball = path.join(cacheDir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(tarball)) return;
  await mkdir(cacheDir, { recursive: true });
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'rg-'));
  await copyFile(rg, path.join(tmp, 'rg'));
  run('tar', ['-czf', tarball, '-C', tmp, 'rg']);
  await rm(tmp, { recursive: true, force: true });
  log(`seeded ${tarball} from ${rg}`);
}

/** True when the installed code-server answers --version with the pinned version. */
export function codeServerWorks() {
  if (!existsSync(codeServerBin)) return false;
  // (The first run on a machine may print a line about its default config file before the version.)
  const r = spawnSync(process.execPath, [codeServerBin, '--version'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 && r.stdout.split('\n').some((l) => l.startsWith(`${CODE_SERVER_VERSION} `));
}

export async function ensureCodeServer({ force = false } = {}) {
  if (!force && existsSync(marker) && existsSync(codeServerBin)) return codeServerBin;
  if (!force && codeServerWorks()) {
    await writeFile(marker, `${CODE_SERVER_VERSION}\n`);
    return codeServerBin;
  }
  log(
    `First run: installing VS Code 1.100.3 (code-server ${CODE_SERVER_VERSION}) into ${path.relative(root, installDir)}. ` +
      'This happens once and takes about a minute and a half (longer on a busy machine); the next starts take a few seconds.',
  );
  const t0 = Date.now();
  await seedRipgrepCache();
  await rm(installDir, { recursive: true, force: true });
  await mkdir(installDir, { recursive: true });
  await writeFile(
    path.join(installDir, 'package.json'),
    JSON.stringify({ name: 'vscode-test-code-server', private: true, description: 'VS Code for the tests (generated)' }, null, 2),
  );
  const env = {
    ...process.env,
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
    npm_config_ignore_scripts: 'false',
    // npm 11 skips dependency install scripts unless they are approved. code-server's postinstall
    // runs nested `npm install`s for VS Code's own native modules, so the approval has to cover the
    // whole tree: allow all scripts, in this isolated, version-pinned folder only.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_foreground_scripts: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: process.env.CI ? 'warn' : 'error',
  };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // The output goes to a log: building VS Code's native modules prints alarming but harmless lines
  // (node-pre-gyp's failed download of a prebuilt binary, ENOTFOUND, before it builds from source).
  const installLog = path.join(path.dirname(installDir), `install-${CODE_SERVER_VERSION}.log`);
  const r = spawnSync(npm, ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: installDir,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  await writeFile(installLog, output);
  if (r.error || r.status !== 0) {
    // The lines that matter (the harmless ones left out), then where the whole output is.
    for (const line of visibleInstallLines(output).slice(-80)) log(line);
    throw new Error(`installing code-server failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}); the whole output is in ${installLog}`);
  }
  if (!codeServerWorks()) {
    const pkg = await readFile(path.join(installDir, 'node_modules', 'code-server', 'package.json'), 'utf8').catch(() => '(missing)');
    throw new Error(`code-server was installed but does not start (${codeServerBin}); package.json: ${pkg.slice(0, 200)}`);
  }
  await writeFile(marker, `${CODE_SERVER_VERSION}\n`);
  log(`installed in ${Math.round((Date.now() - t0) / 1000)} s (the install's output is in ${path.relative(root, installLog)})`);
  return codeServerBin;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const bin = await ensureCodeServer({ force: process.argv.includes('--force') });
    console.log(bin);
  } catch (e) {
    log(String(e instanceof Error ? e.message : e));
    process.exit(1);
  }
}
