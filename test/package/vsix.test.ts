/**
 * Package test: the .vsix made by `npm run package` holds the bundle and nothing else, and installs
 * into a fresh VS Code 1.100.3 (code-server) where the Source Research container appears.
 */
import * as assert from 'node:assert';
import { existsSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { openWorkbench, type Workbench } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { copyToTemp, ROOT, SAMPLE_SOURCES } from '../harness/repo';
import { zipEntries } from '../harness/zip';

describe('the .vsix package', function () {
  let vsix: string;
  let entries: string[];

  before(async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    vsix = path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
    assert.ok(existsSync(vsix), `${vsix} exists (npm run package)`);
    entries = await zipEntries(vsix);
  });

  it('holds the bundle, its worker, the tagger model, the manifest, the media, README and LICENSE', () => {
    for (const f of ['extension/dist/extension.js', 'extension/dist/analysisWorker.js', 'extension/dist/searchWorker.js', 'extension/models/ner-en.bin', 'extension/package.json', 'extension/media/source-research.svg', 'extension/readme.md', 'extension/LICENSE.txt']) {
      assert.ok(entries.some((e) => e.toLowerCase() === f.toLowerCase()), `${f} in ${entries.join(', ')}`);
    }
  });

  // The offline OCR (three tesseract.js WebAssembly cores and the English data, about 7 MB packed)
  // and pdf.js came with the PDF and image readers; the bound still catches a stray node_modules or data set.
  it('stays under 20 MB', async () => {
    const { size } = await stat(vsix);
    assert.ok(size <= 20e6, `${(size / 1e6).toFixed(1)} MB`);
  });

  it('holds no tests, TypeScript sources, source maps or data', () => {
    const bad = entries.filter((e) => /^extension\/(test|src|out|sources|scripts|node_modules|\.vscode|\.ci)\//.test(e) || /\.(ts|map)$/.test(e) || e.includes('shared/'));
    assert.deepStrictEqual(bad, []);
  });

  describe('installed into a fresh VS Code', function () {
    let server: CodeServer | undefined;
    let wb: Workbench | undefined;
    let ws: string | undefined;

    before(async function () {
      this.timeout(240_000);
      ws = await copyToTemp(SAMPLE_SOURCES, 'sources');
      server = await startCodeServer({ vsix: [vsix] });
      wb = await openWorkbench(server, { folder: path.join(ws, 'sources') });
    });

    after(async function () {
      this.timeout(30_000);
      await wb?.close();
      await server?.stop();
      if (ws) await rm(ws, { recursive: true, force: true });
    });

    it('shows the Source Research container with the sources', async () => {
      const page = wb!.page;
      const item = page.locator('.activitybar .action-item a[aria-label^="Source Research"]');
      try {
        await item.waitFor({ state: 'visible', timeout: 60_000 });
        await item.click();
        await page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Sources/ }) }).locator('.monaco-list-row').first().waitFor({ timeout: 60_000 });
      } catch (e) {
        console.error(wb!.console.slice(-40).join('\n'));
        console.error(await server!.diagnostics());
        throw e;
      }
    });
  });
});
