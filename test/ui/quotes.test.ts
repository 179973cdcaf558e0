/**
 * UI tests of quotes and draft checking in the live workbench (VS Code 1.100.3 as code-server,
 * headless Chromium): the Quotes view lists Khazar Ibrahim's quotes and a click opens the passage;
 * a draft in drafts/ shows its warnings in the editor and the Problems panel. Saves
 * media/screenshot-quotes.png and media/screenshot-draft-check.png.
 */
import * as assert from 'node:assert';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from '../harness/repo';
import { workbenchSuite, sampleSources, row, runCommand as paletteCommand } from './workbench';

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
  const session = workbenchSuite({
    workspace: async (tmp) => {
      await sampleSources(tmp);
      await mkdir(path.join(tmp, 'drafts'));
      await writeFile(path.join(tmp, 'drafts', 'story.md'), DRAFT);
      return tmp;
    },
  });
  let page: Page;

  before(async function () {
    this.timeout(120_000);
    page = session().page;
  });

  const pane = (title: RegExp): Locator => page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });

  const runCommand = (title: string): Promise<void> => paletteCommand(page, title);

  /** Expand one pane of the container and collapse the others. */
  async function focusPane(title: RegExp): Promise<Locator> {
    for (const other of [/^Sources/, /^Entities/, /^Quotes/, /^Claims/]) {
      const header = page.locator('.pane-header', { hasText: other }).first();
      const expanded = (await header.getAttribute('aria-expanded')) === 'true';
      if (expanded !== (String(other) === String(title))) await header.click();
    }
    return pane(title);
  }

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
