/**
 * UI test of a PDF source in the live workbench (VS Code 1.100.3 as code-server, headless Chromium):
 * the PDF listed in Sources opens as text, the hover on a name gives its page, and Show in PDF renders
 * the page with the passage highlighted. Saves media/screenshot-pdf.png for the README.
 */
import * as assert from 'node:assert';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../harness/repo';
import { hoverWord } from './hover';
import * as fx from '../fixtures/formats';
import { workbenchSuite, row } from './workbench';

describe('a PDF source in the workbench', function () {
  const session = workbenchSuite({
    workspace: async (tmp) => {
      const ws = path.join(tmp, 'newsroom');
      await mkdir(path.join(ws, 'sources'), { recursive: true });
      await writeFile(path.join(ws, 'sources', 'report.pdf'), await fx.multiPagePdf());
      await writeFile(path.join(ws, 'sources', 'brief.txt'), 'A briefing: Olga Petrova will testify next week in Geneva.\n');
      return ws;
    },
    openContainer: false,
  });
  let page: Page;

  before(async function () {
    this.timeout(120_000);
    page = session().page;
  });

  it('opens the PDF listed in Sources as its text', async function () {
    this.timeout(120_000);
    const item = page.locator('.activitybar .action-item a[aria-label^="Source Research"]');
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    await item.click();
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Sources/ }) });
    const pdfRow = row(pane, /report\.pdf|Water Supply Review 2024/);
    await pdfRow.waitFor({ state: 'visible', timeout: 60_000 });
    await pdfRow.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'report.pdf' }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'Olga Petrova' }).waitFor({ timeout: 15_000 });
  });

  it('the hover on a name names its page and offers Show in PDF, which renders the page with the passage highlighted', async function () {
    this.timeout(120_000);
    await hoverWord(page, 'Petrova');
    const card = page.locator('.monaco-hover', { hasText: 'Olga Petrova' }).first();
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await card.innerText();
    assert.match(text, /p\. 3/, text);
    await card.locator('a', { hasText: 'Show in PDF' }).first().click();
    // The PDF webview is the last one opened (the Search view in the sidebar is a webview too).
    const frame = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
    await frame.locator('#status', { hasText: /Page 3 of 3/ }).waitFor({ timeout: 60_000 });
    assert.ok((await frame.locator('.mark').count()) > 0, 'the passage is highlighted');
    // The hover out of the way, so the page shows.
    await page.mouse.move(600, 700);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(ROOT, 'media', 'screenshot-pdf.png') });
  });
});
