/**
 * UI test of a draft in the live workbench: a draft in drafts/ hovers the names the sources know
 * with their passages, and a name no source mentions as "Not found in any source". Saves
 * media/screenshot-draft.png.
 */
import * as assert from 'node:assert';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { copyToTemp, openWorkbench, reportFailure, ROOT, SAMPLE_SOURCES, startCodeServer, type CodeServer, type Workbench } from '../harness/codeServer';
import { hoverWord } from './hover';

describe('a draft in the workbench', function () {
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;
  let tmp: string | undefined;
  let page: Page;


  before(async function () {
    this.timeout(240_000);
    tmp = await copyToTemp(SAMPLE_SOURCES, 'sources');
    await mkdir(path.join(tmp, 'sources', 'drafts'));
    await writeFile(
      path.join(tmp, 'sources', 'drafts', 'story.md'),
      '# My story\n\nSenator Zebulon Quackenbush says he met Netanyahu in Baku.\n\nThe ambassador, Khazar Ibrahim, spoke in New York.\n',
    );
    server = await startCodeServer();
    wb = await openWorkbench(server, { folder: path.join(tmp, 'sources'), extensionDevelopmentPath: ROOT });
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
