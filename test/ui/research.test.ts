/**
 * UI tests of the research features in the live workbench (VS Code 1.100.3 as code-server, headless
 * Chromium): the Search view, the Timeline and the Network webviews (iframes Playwright enters), and
 * that no webview loads anything from outside the extension. Saves media/screenshot-search.png,
 * media/screenshot-timeline.png and media/screenshot-network.png.
 */
import * as assert from 'node:assert';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { ROOT } from '../harness/repo';
import { workbenchSuite, sampleSources, row, lineOf } from './workbench';

const OP_ED_FILE = 'azerbaijan-israel-op-ed.txt';
const PRESS_FILE = 'ambassador-ibrahim-press-release.txt';

describe('search, timeline and network in the workbench', function () {
  const session = workbenchSuite({ workspace: sampleSources, onPage: (p) => p.context().on('request', (r) => requests.push(r.url())) });
  let page: Page;

  before(async function () {
    this.timeout(120_000);
    page = session().page;
    serverOrigin = new URL(session().server.url).host;
    await statusBar().locator('.statusbar-item', { hasText: /\d+ entities · 2 sources/ }).waitFor({ timeout: 90_000 });
  });

  const requests: string[] = [];
  let serverOrigin = '';

  const statusBar = (): Locator => page.locator('.statusbar');

  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    // Click the command itself: "Show Timeline" also matches "Show on Timeline".
    const item = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
    await item.waitFor({ timeout: 10_000 });
    await item.click();
  }

  /** The inner frame of the webview whose body has this class (webviews are two iframes deep). */
  async function webviewFrame(bodyClass: string, timeout = 60_000): Promise<Frame> {
    const until = Date.now() + timeout;
    while (Date.now() < until) {
      for (const f of page.frames()) {
        if (await f.$(`body.${bodyClass}`).catch(() => null)) return f;
      }
      await page.waitForTimeout(250);
    }
    throw new Error(`no webview with body.${bodyClass}`);
  }

  /**
   * Wait until the network has drawn its graph. Polled from the test with evaluate (which the page's
   * CSP allows), not with waitForFunction, whose string predicate the page would have to eval.
   */
  async function graphDrawn(f: Frame, timeout = 30_000): Promise<void> {
    const until = Date.now() + timeout;
    while (!(await f.evaluate('!!window.sourceResearchGraph && window.sourceResearchGraph.nodes().length > 1'))) {
      if (Date.now() > until) throw new Error('the network drew no graph');
      await page.waitForTimeout(200);
    }
  }

  const checked = new Set<string>();
  /** A strict CSP: nothing by default, scripts only with the page's nonce, only our own assets. */
  async function checkCsp(f: Frame, cls: string): Promise<void> {
    const csp = await f.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(csp, `${cls} has a CSP`);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]+'(;|$)/, `${cls}: scripts only by nonce: ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\s\*(\s|;|$)|https?:\/\/(?!\S*vscode-cdn\.net)/, `${cls}: ${csp}`);
    const assets = (await f.evaluate(`[...document.querySelectorAll('script[src], link[href]')].map((e) => e.src || e.href)`)) as string[];
    assert.ok(assets.length >= 2);
    for (const a of assets) assert.match(a, /\/(dist\/webview|media)\//, `${cls} loads ${a}`);
    checked.add(cls);
  }

  async function closeEditors(): Promise<void> {
    await runCommand('View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  }

  it('searches for a phrase in the Search view, lists the passage with the match marked, and opens it', async function () {
    this.timeout(90_000);
    await runCommand('Source Research: Search in Sources');
    const f = await webviewFrame('sr-search');
    await checkCsp(f, 'sr-search');
    const input = f.locator('#q');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill('"learning from the best"');
    const hit = f.locator('.hit', { hasText: 'we are learning from the best, and Israel is the best' });
    await hit.waitFor({ state: 'visible', timeout: 30_000 });
    assert.strictEqual(await f.locator('.hit').count(), 1);
    assert.strictEqual((await hit.locator('mark').first().textContent())?.toLowerCase(), 'learning from the best');
    await f.locator('.group-title', { hasText: 'Azerbaijan’s US Ambassador' }).waitFor();
    await f.locator('#status', { hasText: '1 passage in 1 source' }).waitFor();
    await hit.click();
    await page.locator('.tabs-container .tab.active', { hasText: PRESS_FILE }).waitFor({ timeout: 30_000 });
    const line = await lineOf(PRESS_FILE, '“It’s very significant');
    await statusBar().locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+`) }).waitFor({ timeout: 15_000 });
    // A broader query for the screenshot: several sources, several marks; the other views folded to give it room.
    for (const name of [/^Sources/, /^Entities/]) {
      const header = page.locator('.pane-header', { hasText: name });
      if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    await input.fill('Azerbaijan Israel cooperation');
    await f.locator('.group').nth(1).waitFor({ timeout: 15_000 });
    await page.mouse.move(10, 10);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(ROOT, 'media', 'screenshot-search.png') });
  });

  it('shows the sample corpus dates on the Timeline, and clicking one opens its passage', async function () {
    this.timeout(90_000);
    await closeEditors();
    await runCommand('Source Research: Show Timeline');
    const f = await webviewFrame('sr-timeline');
    await checkCsp(f, 'sr-timeline');
    await f.locator('.vis-item').first().waitFor({ state: 'visible', timeout: 30_000 });
    const labels = (await f.locator('.vis-item .item-label strong').allTextContents()).map((s) => s.trim());
    for (const d of ['June 5', '1997', '2020', 'January', 'March']) assert.ok(labels.includes(d), `${d} on the timeline: ${labels.join(', ')}`);
    // January and March are the press release's (dated 2023-06-05): placed in 2023. "13 December" (no year, undated op-ed) is listed beside the axis.
    const titles = await f.locator('.vis-item .item-label').evaluateAll((es) => es.map((e) => (e as unknown as { title: string }).title));
    assert.ok(titles.some((t) => t.startsWith('January (2023-01')), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('June 5 (2023-06-05)')), titles.join(' | '));
    await f.locator('#side .passage', { hasText: '13 December' }).waitFor();
    await f.locator('#count', { hasText: /dated passages/ }).waitFor();
    await page.mouse.move(10, 10);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(ROOT, 'media', 'screenshot-timeline.png') });
    await f.locator('.vis-item', { hasText: '1997' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: OP_ED_FILE }).waitFor({ timeout: 30_000 });
    const line = await lineOf(OP_ED_FILE, 'the first since 1997');
    await statusBar().locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+`) }).waitFor({ timeout: 15_000 });
  });

  it('shows Khazar Ibrahim linked to Israel and Azerbaijan in the network; clicking the edge lists the shared passages', async function () {
    this.timeout(120_000);
    await closeEditors();
    await runCommand('Source Research: Show Network Neighbourhood');
    const qp = page.locator('.quick-input-widget');
    await qp.locator('.quick-input-title', { hasText: /pick an entity/ }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('Khazar Ibrahim');
    await row(qp, 'Khazar Ibrahim').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    const f = await webviewFrame('sr-network');
    await checkCsp(f, 'sr-network');
    await f.locator('#focus').waitFor({ state: 'visible', timeout: 30_000 });
    // Runs in the webview (the tests are compiled without the DOM library, hence strings).
    await graphDrawn(f);
    assert.strictEqual(await f.locator('#focus').inputValue(), 'Khazar Ibrahim');
    // The layout settles (its animation runs longer on a loaded machine): the nodes stay where they are for a quarter of a second.
    const positions = () => f.evaluate(`JSON.stringify(window.sourceResearchGraph.nodes().map((n) => n.renderedPosition()))`);
    for (let t0 = Date.now(), prev = await positions(); Date.now() - t0 < 15_000; ) {
      await page.waitForTimeout(250);
      const now = await positions();
      if (now === prev) break;
      prev = now;
    }
    const graph = (await f.evaluate(`(() => {
      const cy = window.sourceResearchGraph;
      return {
        nodes: cy.nodes().map((n) => n.data('label')),
        // For each edge, the point along it farthest from every node (a click there hits the edge).
        edges: cy.edges().map((e) => {
          const s = e.source().renderedPosition(), t = e.target().renderedPosition();
          let best = null, bestD = -1;
          for (let k = 1; k < 40; k++) {
            const p = { x: s.x + (t.x - s.x) * k / 40, y: s.y + (t.y - s.y) * k / 40 };
            let d = Infinity;
            cy.nodes().forEach((n) => { const q = n.renderedPosition(); d = Math.min(d, Math.hypot(q.x - p.x, q.y - p.y) - n.renderedOuterWidth() / 2); });
            cy.edges().forEach((o) => { if (o.id() === e.id()) return; const a = o.source().renderedPosition(), b = o.target().renderedPosition();
              const l2 = (b.x - a.x) ** 2 + (b.y - a.y) ** 2 || 1; const u = Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / l2));
              d = Math.min(d, Math.hypot(a.x + u * (b.x - a.x) - p.x, a.y + u * (b.y - a.y) - p.y) * 2); });
            if (d > bestD) { bestD = d; best = p; }
          }
          return { id: e.id(), a: e.source().data('label'), b: e.target().data('label'), at: best };
        }),
      };
    })()`)) as { nodes: string[]; edges: { id: string; a: string; b: string; at: { x: number; y: number } }[] };
    const linked = (x: string) => graph.edges.find((e) => (e.a === 'Khazar Ibrahim' && e.b === x) || (e.b === 'Khazar Ibrahim' && e.a === x));
    assert.ok(linked('Israel'), `Khazar Ibrahim — Israel in ${JSON.stringify(graph.edges.map((e) => `${e.a}—${e.b}`))}`);
    assert.ok(linked('Azerbaijan'), 'Khazar Ibrahim — Azerbaijan');
    // Click the edge on the canvas.
    const edge = linked('Israel')!;
    await f.locator('#graph canvas[data-id="layer0-selectbox"]').click({ position: { x: edge.at.x, y: edge.at.y } });
    const heading = f.locator('#side h3', { hasText: /Israel and Khazar Ibrahim|Khazar Ibrahim and Israel/ });
    await heading.waitFor({ timeout: 15_000 });
    assert.match((await heading.textContent()) ?? '', /\d+ shared sentences?/);
    const passage = f.locator('#side .passage', { hasText: 'Israel' }).first();
    await passage.waitFor();
    assert.ok((await f.locator('#side .passage').count()) >= 2);
    await page.mouse.move(10, 10);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(ROOT, 'media', 'screenshot-network.png') });
    await passage.click();
    await page.locator('.tabs-container .tab.active', { hasText: PRESS_FILE }).waitFor({ timeout: 30_000 });
  });

  it('brings the Network back after a reload of the window, with its neighbourhood', async function () {
    this.timeout(180_000);
    await webviewFrame('sr-network'); // opened by the test before
    // Through the command, as a user would: the workbench saves its editors before it reloads.
    await runCommand('Developer: Reload Window');
    await page.waitForEvent('load', { timeout: 60_000 });
    await statusBar().locator('.statusbar-item', { hasText: /\d+ entities · 2 sources/ }).waitFor({ timeout: 90_000 });
    await page.locator('.tabs-container .tab', { hasText: 'Network' }).first().click({ timeout: 30_000 });
    const f = await webviewFrame('sr-network');
    await graphDrawn(f);
    assert.strictEqual(await f.locator('#focus').inputValue(), 'Khazar Ibrahim');
  });

  it('loads nothing from outside the extension: strict CSP with a nonce in every webview, every request local', async function () {
    this.timeout(30_000);
    // Each webview's CSP was checked when it opened (checkCsp); here: every request of the session.
    assert.deepStrictEqual([...checked].sort(), ['sr-network', 'sr-search', 'sr-timeline']);
    const outside = requests.filter((u) => {
      if (/^(data|blob):/.test(u)) return false;
      const host = new URL(u).host;
      return host !== serverOrigin && !/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host) && !host.endsWith('.vscode-resource.vscode-cdn.net');
    });
    assert.deepStrictEqual(outside, []);
    const violations = session().wb.console.filter((l) => /Content Security Policy|Refused to (load|apply|execute)/i.test(l));
    assert.deepStrictEqual(violations, []);
  });
});
