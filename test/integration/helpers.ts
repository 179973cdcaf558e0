import * as assert from 'node:assert';
import os from 'node:os';
import * as vscode from 'vscode';
import type { SourceResearchApi } from '../../src/extension';

export const PRESS_RELEASE = 'sources/ambassador-ibrahim-press-release.txt';
export const OP_ED = 'sources/azerbaijan-israel-op-ed.txt';

export async function api(): Promise<SourceResearchApi> {
  const ext = vscode.extensions.getExtension<SourceResearchApi>('source-research.source-research');
  assert.ok(ext, 'the extension is installed');
  const exports = await ext.activate();
  await exports.sources.whenIdle();
  return exports;
}

export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f;
}

/** Tests that edit or delete files run only in a scratch copy of the corpus (the harness makes one under the temp dir). */
export function isScratchWorkspace(): boolean {
  const f = vscode.workspace.workspaceFolders?.[0];
  return !!f && f.uri.scheme !== 'untitled' && f.uri.fsPath.startsWith(os.tmpdir());
}

export function uri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, ...rel.split('/'));
}

export async function writeText(rel: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri(rel), new TextEncoder().encode(text));
}

/** Poll until cond() holds (file watchers and the debounce take a moment). */
export async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}
