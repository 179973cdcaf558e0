/**
 * `npm start [-- --port N] [-- --folder PATH]`: the extension in a real VS Code (code-server on
 * 127.0.0.1) with a scratch copy of the sample corpus (sources/) open, or PATH. Prints the URL;
 * stays up until Ctrl+C. The first run installs VS Code (about a minute and a half) and says so.
 */
import { workbenchUrl } from './browser';
import { startCodeServer } from './codeServer';
import { stopAll } from './processes';
import { log, ROOT } from './repo';
import { demoFolder } from './demo';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
}

async function main(): Promise<void> {
  const portArg = arg('port');
  const port = portArg ? Number(portArg) : 8080;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`bad --port ${portArg}`);
  const demo = await demoFolder(arg('folder'));
  const folder = demo.folder;
  console.log(`\n${demo.message}\n`);
  const server = await startCodeServer({ port });
  const url = workbenchUrl(server, { folder, extensionDevelopmentPath: ROOT });
  console.log(`\nSource Research is running in VS Code 1.100.3 (code-server), with ${demo.scratch ? 'a scratch copy of sources/' : folder} open:\n\n  ${url}\n\nOpen that URL in a browser on this machine. Press Ctrl+C to stop.\n`);
  // Stay up until a signal (the harness's handlers stop code-server) or until code-server dies.
  await new Promise<void>((resolve) => {
    const timer = setInterval(async () => {
      try {
        await fetch(`${server.url}healthz`, { signal: AbortSignal.timeout(5000) });
      } catch {
        clearInterval(timer);
        log('code-server stopped answering');
        log(await server.output());
        resolve();
      }
    }, 5000);
  });
  await stopAll();
  process.exit(1);
}

main().catch(async (e) => {
  log(String(e instanceof Error ? (e.stack ?? e.message) : e));
  await stopAll();
  process.exit(1);
});
