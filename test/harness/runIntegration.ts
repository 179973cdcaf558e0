/**
 * `npm run test:integration`: the integration suite inside the extension host of a real VS Code
 * 1.100.3 (code-server + headless Chromium), on a temporary copy of the sample corpus.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { runExtensionTests } from './extensionTests';
import { copyToTemp, log, ROOT, SAMPLE_SOURCES } from './repo';

async function main(): Promise<number> {
  // A project folder holding a copy of sources/ (the tests edit and delete files there).
  const ws = await copyToTemp(SAMPLE_SOURCES, 'sources');
  try {
    log(`integration tests in VS Code 1.100.3 (code-server), workspace ${ws}`);
    // The suite includes performance runs in the real VS Code (test/integration/performance.test.ts, with a
    // generated 60 MB source indexed twice): room for a loaded machine.
    return await runExtensionTests({ folder: ws, testsEntry: path.join(ROOT, 'out', 'test', 'integration', 'index.js'), timeoutMs: 30 * 60_000 });
  } finally {
    await rm(ws, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    log(String(e instanceof Error ? (e.stack ?? e.message) : e));
    process.exit(1);
  },
);
