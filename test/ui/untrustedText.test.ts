/**
 * Untrusted text in the live workbench (issue 12): `$(icon)` written in a source, in a sources.yaml
 * title or in a catalog note shows as those characters, never as a theme icon, in the hover card,
 * the Sources and Entities views and the QuickPicks; our own type icons still show. The workspace
 * is generated here.
 */
import * as assert from 'node:assert';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from '../harness/repo';
import { workbenchSuite, row, runCommand as paletteCommand } from './workbench';

const FILE = 'hostile.txt';
const TITLE = '$(bug) Leaked $(alert) memo';
const HOSTILE_ICONS = ['bug', 'alert', 'flame', 'warning', 'zap'];

describe('untrusted text in the workbench', function () {
  const session = workbenchSuite({
    workspace: async (tmp) => {
      const src = path.join(tmp, 'sources');
      await mkdir(src);
      await writeFile(
        path.join(src, FILE),
        'President Emmanuel Macron said $(alert) and $(bug) twice $(flame) in Paris.\n\nLater, President Emmanuel Macron spoke again about $(zap) in Lyon.\n',
      );
      await writeFile(path.join(src, 'sources.yaml'), `sources:\n  ${FILE}:\n    title: "${TITLE}"\n    publisher: "$(warning) Press"\n`);
      await writeFile(path.join(src, 'entities.yaml'), 'entities:\n  - name: Emmanuel Macron\n    type: person\n    aliases: ["$(flame) Macron"]\n    note: "$(warning) check $(alert) this"\n');
      return src;
    },
  });
  let page: Page;

  before(async function () {
    this.timeout(120_000);
    page = session().page;
  });

  const pane = (name: string): Locator => page.locator('.pane', { has: page.locator('.pane-header', { hasText: new RegExp(`^${name}`) }) });

  /** The theme icons drawn inside an element that come from the hostile text. */
  async function hostileIcons(scope: Locator): Promise<string[]> {
    const found: string[] = [];
    for (const name of HOSTILE_ICONS) if ((await scope.locator(`.codicon-${name}`).count()) > 0) found.push(name);
    return found;
  }

  const runCommand = (title: string): Promise<void> => paletteCommand(page, title);

  it('the Sources view shows the title as written', async function () {
    this.timeout(90_000);
    const r = row(pane('Sources'), 'Leaked');
    await r.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match((await r.innerText()).replace(/\s+/g, ' '), /\$\(bug\) Leaked \$\(alert\) memo/);
    assert.deepStrictEqual(await hostileIcons(r), []);
  });

  it('the Entities view shows passages and titles as written', async function () {
    this.timeout(60_000);
    const entities = pane('Entities');
    const macron = row(entities, 'Emmanuel Macron');
    await macron.waitFor({ state: 'visible', timeout: 30_000 });
    await macron.click();
    if ((await macron.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
    const passage = entities.locator('.monaco-list-row[aria-level="4"]', { hasText: 'Paris' }).first();
    await passage.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await passage.innerText(), /said \$\(alert\) and \$\(bug\) twice \$\(flame\)/);
    assert.deepStrictEqual(await hostileIcons(entities), []);
  });

  it('the entity and passage pickers show names, passages and titles as written', async function () {
    this.timeout(60_000);
    await runCommand('Source Research: Go to Source');
    const qp = page.locator('.quick-input-widget');
    await qp.locator('.quick-input-title', { hasText: /pick an entity/ }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('Macron');
    await row(qp, 'Emmanuel Macron').waitFor({ timeout: 10_000 });
    // The entity picker: the alias shows as written.
    assert.match(await row(qp, 'Emmanuel Macron').innerText(), /\$\(flame\) Macron/);
    assert.deepStrictEqual(await hostileIcons(qp), []);
    await page.keyboard.press('Enter');
    await qp.locator('.quick-input-title', { hasText: /Emmanuel Macron: \d+ passages/ }).waitFor({ state: 'visible', timeout: 10_000 });
    // The passage picker: passage, title and publisher as written.
    const first = row(qp, 'Paris');
    await first.waitFor({ timeout: 10_000 });
    const shown = (await qp.innerText()).replace(/\s+/g, ' ');
    assert.match(shown, /said \$\(alert\) and \$\(bug\) twice \$\(flame\)/, shown);
    assert.match(shown, /\$\(bug\) Leaked \$\(alert\) memo/, shown);
    assert.deepStrictEqual(await hostileIcons(qp), []);
    await page.keyboard.press('Escape');
  });

  it('the hover card shows source text, title, alias and note as written, with our type icon', async function () {
    this.timeout(60_000);
    await row(pane('Sources'), 'Leaked').click();
    await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'Macron' }).waitFor({ timeout: 15_000 });

    // Hover the name in the editor.
    const box = (await page.evaluate(`(() => {
      const lines = document.querySelector('.editor-instance .monaco-editor .view-lines');
      const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n.textContent || '').indexOf('Macron');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 6);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      return undefined;
    })()`)) as { x: number; y: number } | undefined;
    assert.ok(box, 'Macron is visible');
    await page.mouse.move(box.x - 40, box.y);
    await page.mouse.move(box.x, box.y, { steps: 5 });
    const card = page.locator('.monaco-hover', { hasText: 'Emmanuel Macron' }).first();
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    const text = (await card.innerText()).replace(/\s+/g, ' ');
    for (const written of ['$(alert) and $(bug) twice $(flame)', '$(flame) Macron', '$(warning) check $(alert) this', TITLE]) assert.ok(text.includes(written), `"${written}" in ${text}`);
    assert.deepStrictEqual(await hostileIcons(card), []);
    assert.ok((await card.locator('.codicon-person').count()) > 0, 'the type icon still shows');
    await page.screenshot({ path: path.join(ROOT, 'media', 'screenshot-untrusted-hover.png') });
    await page.keyboard.press('Escape');
  });
});
