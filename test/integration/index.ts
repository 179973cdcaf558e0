/**
 * Entry of the integration tests: VS Code's extension host loads this file (extensionTestsPath)
 * and calls run(). It runs every compiled test/integration/**\/*.test.js with mocha 12.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

async function findTests(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await findTests(p)));
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

/** The last line the suite prints (test/harness/extensionTests.ts checks for it). */
export const SUITE_DONE = '[integration suite finished]';

export async function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Mocha } = require('mocha') as { Mocha: typeof import('mocha') };
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000, slow: 2_000 });
  const grep = process.env.SOURCE_RESEARCH_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of await findTests(__dirname)) mocha.addFile(f);
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures: number) => {
      // The harness looks for this line: without it the extension host stopped before the suite ended.
      console.log(`${SUITE_DONE} ${failures} failing`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
