/**
 * UI tests: the live workbench of a real VS Code 1.100.3 (code-server) in headless Chromium, used
 * as a person would: open the Source Research container, see the sources, click one.
 */
import * as assert from 'node:assert';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../harness/repo';
import { workbenchSuite, sampleSources } from './workbench';

const TITLES = [
  'Azerbaijan, Israel and the Jewish community of Red Village',
  'Azerbaijan’s US Ambassador on Relations With Israel: ‘This is How We Believe Friends Should and Must Act’',
];

describe('Source Research in the workbench', function () {
  const session = workbenchSuite({ workspace: sampleSources, openContainer: false });
  let page: Page;

  before(async function () {
    this.timeout(120_000);
    page = session().page;
  });

  it('shows the Source Research container in the activity bar', async () => {
    const item = page.locator('.activitybar .action-item a[aria-label^="Source Research"]');
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    await item.click();
    await page.locator('.sidebar .composite.title h2', { hasText: /Source Research/i }).waitFor({ timeout: 30_000 });
  });

  it('lists both seed documents by title in the Sources view', async () => {
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Sources/ }) });
    await pane.waitFor({ timeout: 30_000 });
    for (const title of TITLES) {
      await pane.locator('.monaco-list-row', { hasText: title }).waitFor({ state: 'visible', timeout: 60_000 });
    }
    assert.strictEqual(await pane.locator('.monaco-list-row').count(), TITLES.length);
  });

  it('opens a document when its row is clicked', async () => {
    await page.locator('.monaco-list-row', { hasText: TITLES[1]! }).click();
    await page.locator('.tabs-container .tab', { hasText: 'ambassador-ibrahim-press-release.txt' }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'NEW YORK' }).waitFor({ timeout: 30_000 });
  });

  it('saves a screenshot for the README', async () => {
    // Widen the side bar so the titles show, then hover a source for its metadata tooltip.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const x = sidebar.x + sidebar.width;
      await page.mouse.move(x - 1, sidebar.y + 300);
      await page.mouse.down();
      await page.mouse.move(x + 260, sidebar.y + 300, { steps: 10 });
      await page.mouse.up();
    }
    await page.locator('.monaco-list-row', { hasText: TITLES[1]! }).hover();
    await page.locator('.monaco-hover, .workbench-hover', { hasText: 'press release' }).first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    await page.waitForTimeout(800); // the hover fades in
    await page.screenshot({ path: path.join(ROOT, 'media', 'screenshot-sources.png') });
  });
});
