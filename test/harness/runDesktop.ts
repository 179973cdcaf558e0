/**
 * `npm run test:desktop`: the same integration suite in desktop VS Code through @vscode/test-electron
 * (which downloads a VS Code build into .vscode-test/; needs a network that can reach it).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { copyToTemp, log, ROOT, SAMPLE_SOURCES } from './repo';

async function main(): Promise<number> {
  const ws = await copyToTemp(SAMPLE_SOURCES, 'sources');
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (e) {
    log(`desktop integration tests failed: ${String(e instanceof Error ? e.message : e)}`);
    return 1;
  } finally {
    await rm(ws, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
