/**
 * Runs VS Code (1.100.3, as code-server: VS Code's server and web workbench) for the tests: installs
 * it once (scripts/install-vscode.mjs), starts it on a free port with a fresh, quiet, offline
 * profile (and .vsix files installed into a fresh extensions folder), and gathers its output and
 * logs for failure reports. Shared by the integration tests, the UI tests, the package test and
 * `npm start`; the workbench in Chromium is browser.ts's, the integration run extensionTests.ts's.
 *
 * code-server is killed, process group and all, by stop(), by stopAll() and on SIGINT/SIGTERM/exit
 * (processes.ts).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';
import { addCleanup, installSignalHandlers, killGroup, removeCleanup, trackGroup, untrackGroup } from './processes';
import { log, ROOT } from './repo';

// Re-exported for tests written before the split (new code imports from repo.ts, browser.ts, processes.ts).
export { copyToTemp, log, ROOT, SAMPLE_SOURCES } from './repo';
export { launchBrowser, openWorkbench, reportFailure, workbenchUrl, type Workbench, type WorkbenchOptions } from './browser';
export { stopAll } from './processes';

/** Install (once) and return the path of the code-server launcher (see scripts/install-vscode.mjs). */
export function ensureCodeServer(): string {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'install-vscode.mjs')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const bin = out.trim().split('\n').pop() ?? '';
  if (!existsSync(bin)) throw new Error(`install-vscode did not give a code-server path (got ${JSON.stringify(out)})`);
  return bin;
}

export interface CodeServerOptions {
  port?: number;
  /** Install these .vsix files into the fresh extensions folder before starting. */
  vsix?: string[];
  /** Keep the temp folders (for debugging). */
  keep?: boolean;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** code-server's own output so far. */
  output(): Promise<string>;
  /** code-server output and the VS Code logs (server, extension host), for failure reports. */
  diagnostics(): Promise<string>;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, outputFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before listening:\n${await readFile(outputFile, 'utf8').catch(() => '')}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000} s:\n${await readFile(outputFile, 'utf8').catch(() => '')}`);
}

async function tailLogs(dir: string, maxPerFile = 6000): Promise<string> {
  const parts: string[] = [];
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.log')) {
        const s = await stat(p).catch(() => undefined);
        if (!s || s.size === 0) continue;
        const text = await readFile(p, 'utf8').catch(() => '');
        parts.push(`----- ${path.relative(dir, p)} -----\n${text.length > maxPerFile ? '…' + text.slice(-maxPerFile) : text}`);
      }
    }
  }
  await walk(dir);
  return parts.join('\n');
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  installSignalHandlers();
  const bin = ensureCodeServer();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'source-research-vscode-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const configFile = path.join(tmp, 'config.yaml');
  await mkdir(userDataDir, { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(configFile, 'auth: none\ncert: false\n');
  // Quieter, offline settings for the test profile.
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await writeFile(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'chat.commandCenter.enabled': false,
        'window.commandCenter': false,
        'editor.wordWrap': 'on',
        'editor.minimap.enabled': false,
        'workbench.hover.delay': 300,
        // As in desktop VS Code. The web workbench saves after a second by default, and it writes an
        // open editor's text back to a file that a test has just deleted, so the file comes back.
        'files.autoSave': 'off',
        // The performance suite opens a generated 60 MB source without the large-file prompt.
        'workbench.editorLargeFileConfirmation': 1024,
        // As in desktop VS Code, whose extension host does not look for ports to forward. A remote
        // one (code-server's) runs `ls -l /proc/[0-9]*/fd/...` every few seconds, and forking a
        // host of a few gigabytes took it 30 ms or more: a pause that is VS Code's, not the extension's.
        'remote.autoForwardPorts': false,
      },
      null,
      2,
    ),
  );
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    // Offline: no extension marketplace (code-server would ask open-vsx.org).
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
  };
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of opts.vsix ?? []) {
    log(`installing ${path.basename(vsix)} into a fresh extensions folder`);
    execFileSync(process.execPath, [bin, ...common, '--install-extension', vsix, '--force'], { stdio: 'inherit', env, timeout: 120_000 });
  }

  const port = opts.port ?? (await freePort());
  const outputFile = path.join(tmp, 'code-server.log');
  const out: WriteStream = createWriteStream(outputFile);
  const child = spawn(
    process.execPath,
    [
      bin,
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (child.pid) trackGroup(child.pid);
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    removeCleanup(stop);
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      killGroup(child.pid, 'SIGTERM');
      const t = setTimeout(() => child.pid && killGroup(child.pid, 'SIGKILL'), 5000);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 7000))]);
      clearTimeout(t);
    }
    if (child.pid) {
      killGroup(child.pid, 'SIGKILL'); // stragglers in the group (extension host, file watcher)
      untrackGroup(child.pid);
    }
    out.end();
    if (!opts.keep) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  };
  addCleanup(stop);

  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHttp(`${url}healthz`, child, 90_000, outputFile);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    port,
    userDataDir,
    extensionsDir,
    output: () => readFile(outputFile, 'utf8').catch(() => ''),
    diagnostics: async () =>
      `===== code-server output =====\n${await readFile(outputFile, 'utf8').catch(() => '')}\n===== VS Code logs =====\n${await tailLogs(userDataDir)}`,
    stop,
  };
}
