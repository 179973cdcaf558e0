/**
 * Runs the extension in a real VS Code (1.100.3, as code-server: VS Code's server and web
 * workbench) driven by headless Chromium through playwright-core. Shared by the integration
 * tests, the UI tests, the package test and `npm start`.
 *
 * Everything it starts (code-server, Chromium) is killed, process group and all, by stop(), and
 * on SIGINT/SIGTERM/exit.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort } from './ports';

/** The repository root (this file is bundled into out/test/<dir>/…). */
export const ROOT = findRoot(__dirname);
export const SAMPLE_SOURCES = path.join(ROOT, 'sources');

function findRoot(dir: string): string {
  let d = dir;
  while (!existsSync(path.join(d, 'package.json')) || !existsSync(path.join(d, 'scripts', 'install-vscode.mjs'))) {
    const up = path.dirname(d);
    if (up === d) throw new Error(`repository root not found above ${dir}`);
    d = up;
  }
  return d;
}

export function log(msg: string): void {
  process.stderr.write(`[vscode-harness] ${msg}\n`);
}

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

export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return found;
}

/** A fresh temporary copy of a folder (default: the sample corpus). */
export async function copyToTemp(src = SAMPLE_SOURCES, sub = ''): Promise<string> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'source-research-ws-'));
  const dest = sub ? path.join(base, sub) : base;
  await mkdir(dest, { recursive: true });
  await cp(src, dest, { recursive: true });
  return base;
}

// ---- cleanup of everything started here ----

const cleanups = new Set<() => Promise<void>>();
let handlersInstalled = false;

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const onSignal = (sig: NodeJS.Signals) => {
    log(`${sig}: stopping VS Code and the browser`);
    void runCleanups().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  // Last resort: synchronous kill of process groups still alive at exit.
  process.once('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
}

const liveGroups = new Set<number>();

function killGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* gone */
    }
  }
}

async function runCleanups(): Promise<void> {
  for (const c of [...cleanups]) {
    cleanups.delete(c);
    await c().catch((e) => log(`cleanup failed: ${String(e)}`));
  }
}

// ---- code-server ----

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
        // The performance suite opens a generated 60 MB source without the large-file prompt.
        'workbench.editorLargeFileConfirmation': 1024,
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
  if (child.pid) liveGroups.add(child.pid);
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    cleanups.delete(stop);
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      killGroup(child.pid, 'SIGTERM');
      const t = setTimeout(() => child.pid && killGroup(child.pid, 'SIGKILL'), 5000);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 7000))]);
      clearTimeout(t);
    }
    if (child.pid) {
      killGroup(child.pid, 'SIGKILL'); // stragglers in the group (extension host, file watcher)
      liveGroups.delete(child.pid);
    }
    out.end();
    if (!opts.keep) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  };
  cleanups.add(stop);

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

// ---- the workbench in Chromium ----

export interface WorkbenchOptions {
  /** Absolute path of the workspace folder to open. */
  folder: string;
  /** Load the extension from this folder (development mode). */
  extensionDevelopmentPath?: string;
  /** Run this compiled mocha entry (index.js) in the extension host instead of showing the workbench to a person. */
  extensionTestsPath?: string;
  viewport?: { width: number; height: number };
}

export interface Workbench {
  readonly browser: Browser;
  readonly page: Page;
  /** Console lines of the page and of the extension host (codeAutomationLog). */
  readonly console: string[];
  /** Resolves with the extension tests' exit code (only with extensionTestsPath). */
  readonly exitCode: Promise<number>;
  close(): Promise<void>;
}

export function workbenchUrl(server: CodeServer, opts: WorkbenchOptions): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p.split(path.sep).join('/')}`;
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (opts.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(opts.extensionDevelopmentPath)]);
  if (opts.extensionTestsPath) payload.push(['extensionTestsPath', remote(opts.extensionTestsPath)]);
  return `${server.url}?folder=${encodeURIComponent(opts.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function launchBrowser(): Promise<Browser> {
  installSignalHandlers();
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-default-apps',
    ],
    timeout: 60_000,
  });
  const close = async () => {
    cleanups.delete(close);
    await browser.close().catch(() => undefined);
  };
  cleanups.add(close);
  browser.on('disconnected', () => cleanups.delete(close));
  return browser;
}

/** Workbench chatter that codeAutomationLog forwards besides the test output. */
const NOISE = /^(Ignoring fetching additional builtin|Creating a socket|Resolving connection token|Resolved connection token|\[Service Worker\]|ChatSessionStore|Updating additional builtin)/;

export async function openWorkbench(server: CodeServer, opts: WorkbenchOptions): Promise<Workbench> {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 860 } });
  const page = await context.newPage();
  const lines: string[] = [];
  let resolveExit: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    lines.push(text);
    if (opts.extensionTestsPath && !NOISE.test(text)) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    void type;
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code) || 0));
  page.on('console', (m) => lines.push(`[page ${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => lines.push(`[page error] ${e.message}`));
  await page.goto(workbenchUrl(server, opts), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  try {
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  } catch (e) {
    throw new Error(`the VS Code workbench did not come up: ${String(e)}\n${lines.slice(-40).join('\n')}\n${await server.diagnostics()}`);
  }
  return {
    browser,
    page,
    console: lines,
    exitCode,
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}

/** The line test/integration/index.ts prints when its suite is over. */
const SUITE_DONE = '[integration suite finished]';

/** Wait for the extension tests in the extension host to finish; fail loudly with the logs on a timeout or an early end. */
export async function runExtensionTests(opts: { folder: string; testsEntry: string; timeoutMs?: number }): Promise<number> {
  const server = await startCodeServer();
  let wb: Workbench | undefined;
  try {
    wb = await openWorkbench(server, { folder: opts.folder, extensionDevelopmentPath: ROOT, extensionTestsPath: opts.testsEntry });
    const timeoutMs = opts.timeoutMs ?? 6 * 60_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const result = await Promise.race([wb.exitCode, timeout]);
    clearTimeout(timer);
    if (result === 'timeout') {
      log(`the extension tests did not finish within ${timeoutMs / 1000} s`);
      log(`page console:\n${wb.console.slice(-60).join('\n')}`);
      log(await server.diagnostics());
      return 1;
    }
    if (result !== 0) {
      log(`the extension tests exited with ${result}`);
      log(await server.diagnostics());
      return result;
    }
    // An extension host that dies (or is dropped as unresponsive) can end the run with 0 before the suite is over.
    if (!wb.console.some((l) => l.includes(SUITE_DONE))) {
      log('the extension host stopped before the integration suite finished (no result line): failing the run');
      log(`page console:\n${wb.console.slice(-60).join('\n')}`);
      log(await server.diagnostics());
      return 1;
    }
    // SOURCE_RESEARCH_SHOW_LOGS=1: the VS Code logs (the extension's included) after a green run too.
    if (process.env.SOURCE_RESEARCH_SHOW_LOGS) log(await server.diagnostics());
    return 0;
  } finally {
    await wb?.close();
    await server.stop();
  }
}

/** Stop everything this process started. */
export async function stopAll(): Promise<void> {
  await runCleanups();
}

/**
 * After a failed UI test: a screenshot in test-results/, the last lines of the workbench console and
 * the VS Code logs on stderr, so that a red run says what the page showed.
 */
export async function reportFailure(title: string, wb: Workbench, server?: CodeServer): Promise<void> {
  const dir = path.join(ROOT, 'test-results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${title.replace(/\W+/g, '-')}.png`);
  await wb.page.screenshot({ path: file }).catch(() => undefined);
  console.error(`screenshot of the failure: ${file}`);
  console.error(wb.console.slice(-40).join('\n'));
  if (server) console.error(await server.diagnostics());
}
