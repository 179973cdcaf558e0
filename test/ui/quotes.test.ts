/**
 * UI tests of quotes and draft checking in the live workbench (VS Code 1.100.3 as code-server,
 * headless Chromium): the Quotes view lists Khazar Ibrahim's quotes and a click opens the passage;
 * a draft in drafts/ shows its warnings in the editor and the Problems panel. Saves
 * media/screenshot-quotes.png and media/screenshot-draft-check.png.
 */
import * as assert from 'node:assert';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { copyToTemp, openWorkbench, reportFailure, ROOT, SAMPLE_SOURCES, startCodeServer, type CodeServer, type Workbench } from '../harness/codeServer';

const PRESS_FILE = 'ambassador-ibrahim-press-release.txt';
const DRAFT = [
  '# Azerbaijan and Israel',
  '',
  'Ambassador Ibrahim declared: “Long live friendship between Azerbaijan and the State of Israel.”',
  '',
  'He added: “It’s not only business. This is how we think friends should act.”',
  '',
  '“We will build a pipeline to the moon,” Ibrahim said.',
  '',
].join('\n');

describe('quotes and drafts in the workbench', function () {
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;
  let tmp: string | undefined;
  let page: Page;

  const pane = (title: RegExp): Locator => page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });
  const row = (scope: Locator, text: string | RegExp): Locator => scope.locator('.monaco-list-row', { hasText: text }).first();

  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    await row(page.locator('.quick-input-widget'), title).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
  }

  /** Expand one pane of the container and collapse the others. */
  async function focusPane(title: RegExp): Promise<Locator> {
    for (const other of [/^Sources/, /^Entities/, /^Quotes/, /^Claims/]) {
      const header = page.locator('.pane-header', { hasText: other }).first();
      const expanded = (await header.getAttribute('aria-expanded')) === 'true';
      if (expanded !== (String(other) === String(title))) await header.click();
    }
    return pane(title);
  }

  before(async function () {
    this.timeout(240_000);
    tmp = await copyToTemp(SAMPLE_SOURCES, 'sources');
    await mkdir(path.join(tmp, 'drafts'));
    await writeFile(path.join(tmp, 'drafts', 'story.md'), DRAFT);
    server = await startCodeServer();
    wb = await openWorkbench(server, { folder: tmp, extensionDevelopmentPath: ROOT });
    page = wb.page;
    const item = page.locator('.activitybar .action-item a[aria-label^="Source Research"]');
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    await item.click();
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

  it('lists Khazar Ibrahim’s quotes in the Quotes view, and a click opens the passage', async function () {
    this.timeout(90_000);
    await page.locator('.pane-header', { hasText: /^Quotes/ }).first().waitFor({ timeout: 30_000 });
    const quotes = await focusPane(/^Quotes/);
    const ibrahim = row(quotes, 'Khazar Ibrahim');
    await ibrahim.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(((await ibrahim.textContent()) ?? '').replace(/\s+/g, ' '), /Khazar Ibrahim\s*\d+ quotes/);
    await ibrahim.click();
    if ((await ibrahim.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
    const quote = row(quotes, 'Long live friendship');
    await quote.scrollIntoViewIfNeeded().catch(() => undefined);
    for (let i = 0; i < 30 && !(await quote.isVisible()); i++) await page.keyboard.press('ArrowDown');
    await quote.waitFor({ state: 'visible', timeout: 30_000 });
    await quote.click();
    await page.locator('.tabs-container .tab.active', { hasText: PRESS_FILE }).waitFor({ timeout: 30_000 });
    await page.locator('.statusbar .statusbar-item', { hasText: /\(\d+ selected\)/ }).waitFor({ timeout: 15_000 });
    await page.mouse.move(10, 10);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ROOT, 'media', 'screenshot-quotes.png') });
  });

  it('shows the warnings of a draft in the editor and in the Problems panel', async function () {
    this.timeout(90_000);
    await runCommand('View: Close All Editors');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('story.md');
    await row(page.locator('.quick-input-widget'), 'story.md').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'story.md' }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .squiggly-warning').first().waitFor({ state: 'attached', timeout: 30_000 });
    await runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const problems = page.locator('.markers-panel');
    await problems.locator('.monaco-list-row', { hasText: 'differs from the source' }).first().waitFor({ timeout: 30_000 });
    await problems.locator('.monaco-list-row', { hasText: 'not found in any source' }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ROOT, 'media', 'screenshot-draft-check.png') });
  });
});
