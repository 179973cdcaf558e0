/**
 * UI test of a draft in the live workbench: a draft in drafts/ hovers the names the sources know
 * with their passages, and a name no source mentions as "Not found in any source". Saves
 * media/screenshot-draft.png.
 */
import * as assert from 'node:assert';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../harness/repo';
import { hoverWord } from './hover';
import { workbenchSuite, sampleSources } from './workbench';

describe('a draft in the workbench', function () {
  const session = workbenchSuite({
    workspace: async (tmp) => {
      const src = await sampleSources(tmp);
      await mkdir(path.join(src, 'drafts'));
      await writeFile(
        path.join(src, 'drafts', 'story.md'),
        '# My story\n\nSenator Zebulon Quackenbush says he met Netanyahu in Baku.\n\nThe ambassador, Khazar Ibrahim, spoke in New York.\n',
      );
      return src;
    },
  });
  let page: Page;

  before(async function () {
    this.timeout(120_000);
    page = session().page;
  });

  it('keeps the draft out of the Sources view', async function () {
    this.timeout(60_000);
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Sources/ }) });
    await pane.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForTimeout(500);
    assert.strictEqual(await pane.locator('.monaco-list-row').count(), 2);
    assert.strictEqual(await pane.locator('.monaco-list-row', { hasText: 'story' }).count(), 0);
  });

  it('hovers a name no source mentions as not found, and a known name with its passages', async function () {
    this.timeout(90_000);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('story.md');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'story.md' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'story.md' }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'Quackenbush' }).waitFor({ timeout: 15_000 });

    await hoverWord(page, 'Netanyahu');
    const known = page.locator('.monaco-hover', { hasText: 'Benjamin Netanyahu' }).first();
    await known.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await known.innerText(), /\d+ mentions? in \d+ sources?/);
    await page.mouse.move(10, 10);
    await page.waitForTimeout(600);

    await hoverWord(page, 'Quackenbush');
    const card = page.locator('.monaco-hover', { hasText: 'Not found in any source' }).first();
    await card.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await card.innerText(), /Zebulon Quackenbush/);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(ROOT, 'media', 'screenshot-draft.png') });
  });
});
