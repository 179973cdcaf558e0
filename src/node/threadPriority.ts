import os from 'node:os';

/**
 * Lower the calling thread's priority. On Linux a nice value belongs to a thread, so setpriority(0)
 * moves a worker thread alone; elsewhere it would move the whole process (the extension host), so
 * it is left.
 */
export function lowerPriority(nice: number | undefined): void {
  if (!nice || process.platform !== 'linux') return;
  try {
    os.setPriority(0, nice);
  } catch {
    // Not permitted here: the worker runs at the host's priority.
  }
}
