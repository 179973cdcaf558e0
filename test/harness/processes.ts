/**
 * Everything the test harness starts (code-server, Chromium) is stopped again: each start registers
 * its cleanup here, and on SIGINT/SIGTERM/SIGHUP the cleanups run before the process exits; at exit,
 * the process groups still alive are killed outright.
 */
import { log } from './repo';

const cleanups = new Set<() => Promise<void>>();
const liveGroups = new Set<number>();
let handlersInstalled = false;

/** Run the cleanups on a signal, kill the live process groups at exit (once per process). */
export function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const onSignal = (sig: NodeJS.Signals) => {
    log(`${sig}: stopping VS Code and the browser`);
    void runCleanups().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  // Last resort: synchronous kill of process groups still alive at exit.
  process.once('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
}

/** A cleanup to run by stopAll() or on a signal (it should remove itself when run otherwise). */
export function addCleanup(cleanup: () => Promise<void>): void {
  cleanups.add(cleanup);
}

export function removeCleanup(cleanup: () => Promise<void>): void {
  cleanups.delete(cleanup);
}

/** A detached child whose process group is killed at exit unless untracked first. */
export function trackGroup(pid: number): void {
  liveGroups.add(pid);
}

export function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
}

/** Signal a process group (or the process alone, when it leads none). */
export function killGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* gone */
    }
  }
}

async function runCleanups(): Promise<void> {
  for (const c of [...cleanups]) {
    cleanups.delete(c);
    await c().catch((e) => log(`cleanup failed: ${String(e)}`));
  }
}

/** Stop everything this process started. */
export async function stopAll(): Promise<void> {
  await runCleanups();
}
