/**
 * UI tests of the entity features in the live workbench (VS Code 1.100.3 as code-server, headless
 * Chromium): the Entities view, clicking a passage, the hover card, and Go to Source from the
 * Command Palette. Saves media/screenshot-entities.png and media/screenshot-hover.png.
 */
import * as assert from 'node:assert';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from '../harness/repo';
import { hoverWord } from './hover';
import { workbenchSuite, sampleSources, row, runCommand as paletteCommand, lineOf } from './workbench';

const OP_ED_FILE = 'azerbaijan-israel-op-ed.txt';
const PRESS_FILE = 'ambassador-ibrahim-press-release.txt';

describe('entity features in the workbench', function () {
  const session = workbenchSuite({ workspace: sampleSources });
  let page: Page;

  before(async function () {
    this.timeout(120_000);
    page = session().page;
  });

  const entitiesPane = (): Locator => page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Entities/ }) });
  const statusBar = (): Locator => page.locator('.statusbar');

  const runCommand = (title: string): Promise<void> => paletteCommand(page, title);

  /** Move the mouse onto the n-th occurrence of a word in the visible editor text. */

  it('lists People with counts in the Entities view, and the status bar counts', async function () {
    this.timeout(90_000);
    const pane = entitiesPane();
    await pane.waitFor({ timeout: 30_000 });
    // Give the Entities view the room of the Sources view.
    const sourcesHeader = page.locator('.pane-header', { hasText: /^Sources/ });
    if ((await sourcesHeader.getAttribute('aria-expanded')) === 'true') await sourcesHeader.click();
    const people = row(pane, /^People/);
    await people.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(((await people.textContent()) ?? "").replace(/\s+/g, ' '), /People\s*\d+/);
    const aliyev = row(pane, 'Ilham Aliyev');
    await aliyev.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(((await aliyev.textContent()) ?? "").replace(/\s+/g, ' '), /Ilham Aliyev\s*\d+ mentions? · 1 source/);
    await statusBar().locator('.statusbar-item', { hasText: /\d+ entities · 2 sources/ }).waitFor({ timeout: 30_000 });
  });

  it('opens the op-ed with the mention selected when a passage of Ilham Aliyev is clicked', async function () {
    this.timeout(60_000);
    const pane = entitiesPane();
    const aliyev = row(pane, 'Ilham Aliyev');
    await aliyev.click();
    if ((await aliyev.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
    // Under the entity: its source (expanded), then the passages.
    const passage = pane.locator('.monaco-list-row[aria-level="4"]', { hasText: 'Aliyev' }).first();
    await passage.waitFor({ state: 'visible', timeout: 30_000 });
    await passage.click();
    await page.locator('.tabs-container .tab.active', { hasText: OP_ED_FILE }).waitFor({ timeout: 30_000 });
    // The status bar tells the selection: "Ln x, Col y (12 selected)" for "Ilham Aliyev".
    await statusBar().locator('.statusbar-item', { hasText: /\((6|12) selected\)/ }).waitFor({ timeout: 15_000 });
    await page.mouse.move(10, 10);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ROOT, 'media', 'screenshot-entities.png') });
  });

  it('shows the hover card with passages on "Ibrahim" in an editor', async function () {
    this.timeout(60_000);
    await runCommand('Source Research: Open Source Document…');
    // Type only once the document picker is up (else the keys would go to the editor).
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Open Source Document' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('Ambassador');
    await row(page.locator('.quick-input-widget'), 'Ambassador').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: PRESS_FILE }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'Ibrahim' }).waitFor({ timeout: 15_000 });
    await hoverWord(page, 'Ibrahim');
    const card = page.locator('.monaco-hover', { hasText: 'Khazar Ibrahim' }).first();
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await card.innerText();
    assert.match(text, /Go to source/, text);
    assert.match(text, /\d+ mentions? in \d+ sources?/, text);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(ROOT, 'media', 'screenshot-hover.png') });
    await page.keyboard.press('Escape');
    assert.strictEqual(await page.locator('.tabs-container .tab.dirty').count(), 0, 'no document was edited');
  });

  it('F1 → Go to Source → an entity → a passage opens the right document at the right line', async function () {
    this.timeout(60_000);
    await runCommand('View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await runCommand('Source Research: Go to Source');
    const qp = page.locator('.quick-input-widget');
    await qp.locator('.quick-input-title', { hasText: /pick an entity/ }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('Netanyahu');
    await row(qp, 'Netanyahu').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await qp.locator('.quick-input-title', { hasText: /Netanyahu: \d+ passages/ }).waitFor({ state: 'visible', timeout: 10_000 });
    // The first passage is previewed as soon as the list shows; Enter opens it.
    await page.locator('.tabs-container .tab', { hasText: OP_ED_FILE }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: OP_ED_FILE }).waitFor({ timeout: 15_000 });
    const line = await lineOf(OP_ED_FILE, 'Benjamin Netanyahu');
    await statusBar().locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+`) }).waitFor({ timeout: 15_000 });
  });
});
