import * as vscode from 'vscode';

/** The one output channel of the extension ("Source Research" in the Output panel). */
export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('Source Research', { log: true });
}
