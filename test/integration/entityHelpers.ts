/** Helpers of the entity feature tests. */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, uri } from './helpers';

/** The position `delta` characters into the n-th occurrence of `needle` in a workspace file. */
export async function positionOf(rel: string, needle: string, nth = 0, delta = 2): Promise<vscode.Position> {
  await api(); // the index is ready
  const doc = await vscode.workspace.openTextDocument(uri(rel));
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (#${i + 1}) is in ${rel}`);
  }
  return doc.positionAt(at + delta);
}

export async function hoverText(rel: string, needle: string, nth = 0): Promise<{ text: string; hovers: vscode.Hover[] }> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(rel), await positionOf(rel, needle, nth))) ?? [];
  const text = hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
  return { text, hovers };
}

export async function entityId(name: string): Promise<string> {
  const { corpus } = await api();
  const e = corpus.entities().find((x) => x.name === name);
  assert.ok(e, `the corpus knows ${name} (has: ${corpus.entities().map((x) => x.name).join(', ')})`);
  return e.id;
}

