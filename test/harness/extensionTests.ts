/**
 * Runs the integration suite (a compiled mocha entry) in the extension host of a real VS Code: a
 * code-server (codeServer.ts), its workbench in Chromium (browser.ts), the suite's exit code, and
 * loud failures with the logs on a timeout or an early end.
 */
import { openWorkbench, type Workbench } from './browser';
import { startCodeServer } from './codeServer';
import { log, ROOT } from './repo';

/** The line test/integration/index.ts prints when its suite is over. */
const SUITE_DONE = '[integration suite finished]';

/** Mocha's report of the failures (from its "N failing" line on), at most `max` characters. */
function failures(lines: readonly string[], max = 12_000): string {
  // The extension host's own output (the workbench's console lines repeat it, with format codes).
  const host = lines.filter((l) => !l.startsWith('[page '));
  const from = host.findIndex((l) => /^\s*\d+ failing/m.test(l));
  if (from < 0) return '(no mocha failure report in the extension host output)';
  const text = host.slice(from).join('\n');
  return text.length > max ? `${text.slice(0, max)}\n…` : text;
}

/** Wait for the extension tests in the extension host to finish; fail loudly with the logs on a timeout or an early end. */
export async function runExtensionTests(opts: { folder: string; testsEntry: string; timeoutMs?: number }): Promise<number> {
  const server = await startCodeServer();
  let wb: Workbench | undefined;
  try {
    wb = await openWorkbench(server, { folder: opts.folder, extensionDevelopmentPath: ROOT, extensionTestsPath: opts.testsEntry });
    const timeoutMs = opts.timeoutMs ?? 6 * 60_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const result = await Promise.race([wb.exitCode, timeout]);
    clearTimeout(timer);
    if (result === 'timeout') {
      log(`the extension tests did not finish within ${timeoutMs / 1000} s`);
      log(`page console:\n${wb.console.slice(-60).join('\n')}`);
      log(await server.diagnostics());
      return 1;
    }
    if (result !== 0) {
      log(`the extension tests exited with ${result}`);
      log(await server.diagnostics());
      // Last, so that the tail of a CI log names the failed tests and their errors (the logs above are long).
      log(`the failed integration tests, again:\n${failures(wb.console)}`);
      return result;
    }
    // An extension host that dies (or is dropped as unresponsive) can end the run with 0 before the suite is over.
    if (!wb.console.some((l) => l.includes(SUITE_DONE))) {
      log('the extension host stopped before the integration suite finished (no result line): failing the run');
      log(`page console:\n${wb.console.slice(-60).join('\n')}`);
      log(await server.diagnostics());
      return 1;
    }
    // SOURCE_RESEARCH_SHOW_LOGS=1: the VS Code logs (the extension's included) after a green run too.
    if (process.env.SOURCE_RESEARCH_SHOW_LOGS) log(await server.diagnostics());
    return 0;
  } finally {
    await wb?.close();
    await server.stop();
  }
}
