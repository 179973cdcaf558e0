/**
 * What every UI suite does the same way: a workspace in a temporary folder, code-server, the
 * workbench in Chromium with the extension in development mode, a screenshot and the logs when a
 * test fails, everything removed afterwards; and the few gestures the suites share (find a row,
 * a pane, run a command from the Command Palette).
 */
import * as assert from 'node:assert';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openWorkbench, reportFailure, type Workbench } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { ROOT, SAMPLE_SOURCES } from '../harness/repo';

export interface UiSession {
  readonly page: Page;
  readonly wb: Workbench;
  readonly server: CodeServer;
  /** The temporary folder the workspace was written into. */
  readonly tmp: string;
}

export interface SuiteOptions {
  /** Write the workspace below `tmp` and return the folder to open. */
  readonly workspace: (tmp: string) => Promise<string>;
  /** Click the Source Research container in the activity bar once the workbench is up (default true). */
  readonly openContainer?: boolean;
  /** Called once the page exists, before anything else happens on it. */
  readonly onPage?: (page: Page) => void;
}

/**
 * Register the suite's before/afterEach/after hooks in the current `describe` and return a getter
 * for the session (valid inside the tests).
 */
export function workbenchSuite(options: SuiteOptions): () => UiSession {
  let session: UiSession | undefined;
  let tmp: string | undefined;
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;

  before(async function () {
    this.timeout(240_000);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'source-research-ui-'));
    const folder = await options.workspace(tmp);
    server = await startCodeServer();
    wb = await openWorkbench(server, { folder, extensionDevelopmentPath: ROOT });
    options.onPage?.(wb.page);
    session = { page: wb.page, wb, server, tmp };
    if (options.openContainer ?? true) await openContainer(wb.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await reportFailure(this.currentTest.title, wb, server);
  });

  after(async function () {
    this.timeout(30_000);
    await wb?.close();
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  return () => {
    if (!session) throw new Error('the workbench is not open (the suite set-up failed)');
    return session;
  };
}

/** Click the Source Research container in the activity bar. */
export async function openContainer(page: Page): Promise<void> {
  const item = page.locator('.activitybar .action-item a[aria-label^="Source Research"]');
  await item.waitFor({ state: 'visible', timeout: 60_000 });
  await item.click();
}

/** The first list row in `scope` with this text. */
export const row = (scope: Locator, text: string | RegExp): Locator => scope.locator('.monaco-list-row', { hasText: text }).first();

/** A view of the side bar by the start of its title ("Entities", /^Quotes/). */
export const pane = (page: Page, title: string | RegExp): Locator =>
  page.locator('.pane', { has: page.locator('.pane-header', { hasText: typeof title === 'string' ? new RegExp(`^${title}`) : title }) });

/** Run a command by its title from the Command Palette. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await row(page.locator('.quick-input-widget'), title).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** A copy of the sample corpus in `tmp/sources`; returns that folder. */
export async function sampleSources(tmp: string): Promise<string> {
  const dest = path.join(tmp, 'sources');
  await cp(SAMPLE_SOURCES, dest, { recursive: true });
  return dest;
}

/** 1-based line of the first occurrence of a text in a sample source. */
export async function lineOf(file: string, needle: string): Promise<number> {
  const text = await readFile(path.join(SAMPLE_SOURCES, file), 'utf8');
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in ${file}`);
  return text.slice(0, at).split(/\r\n|\r|\n/).length;
}
