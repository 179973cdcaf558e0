/**
 * Where the test harness finds things: the repository root (the harness is bundled into
 * out/test/<dir>/…), the sample corpus, fresh temporary copies of a workspace; and its log line.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The repository root (this file is bundled into out/test/<dir>/…). */
export const ROOT = findRoot(__dirname);
export const SAMPLE_SOURCES = path.join(ROOT, 'sources');

function findRoot(dir: string): string {
  let d = dir;
  while (!existsSync(path.join(d, 'package.json')) || !existsSync(path.join(d, 'scripts', 'install-vscode.mjs'))) {
    const up = path.dirname(d);
    if (up === d) throw new Error(`repository root not found above ${dir}`);
    d = up;
  }
  return d;
}

export function log(msg: string): void {
  process.stderr.write(`[vscode-harness] ${msg}\n`);
}

/** A fresh temporary copy of a folder (default: the sample corpus). */
export async function copyToTemp(src = SAMPLE_SOURCES, sub = ''): Promise<string> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'source-research-ws-'));
  const dest = sub ? path.join(base, sub) : base;
  await mkdir(dest, { recursive: true });
  await cp(src, dest, { recursive: true });
  return base;
}
