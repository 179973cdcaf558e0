/**
 * The VS Code workbench of a running code-server (codeServer.ts) in headless Chromium, driven by
 * playwright-core: the page with the workspace (and the extension in development mode, or its
 * tests in the extension host), its console lines, and what a failed UI test leaves behind.
 * The browser is closed by stopAll() and on a signal (processes.ts).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { addCleanup, installSignalHandlers, removeCleanup } from './processes';
import { ROOT } from './repo';

export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return found;
}

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
    removeCleanup(close);
    await browser.close().catch(() => undefined);
  };
  addCleanup(close);
  browser.on('disconnected', () => removeCleanup(close));
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
