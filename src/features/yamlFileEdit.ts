/**
 * One edit of a YAML file of ours (entities.yaml, sources.yaml) through a WorkspaceEdit, so the user
 * can undo it: the smallest replacement of the file's text (comments and order kept), or the file
 * created when there is none. The file is saved unless it had unsaved changes of the user's (those
 * stay theirs to save). A change the YAML cannot take (`userError`) is shown with a button that opens
 * the file; anything else is logged and reported as the label's failure.
 */
import * as vscode from 'vscode';
import { minimalEdit } from '../core/catalog/yamlUtil';
import type { Log } from '../log';
import { toRange } from './ranges';

export interface YamlFileEdit {
  readonly uri: vscode.Uri;
  /** What the edit does ("Rename X to Y"): the undo label and the failure message. */
  readonly label: string;
  /** The new text from the old one ('' or the initial text when the file does not exist yet). */
  readonly change: (text: string) => string;
  /** The text a new file starts from (default ''). */
  readonly initialText?: string;
  /** Errors that are the user's to fix in the file (their message is shown as it is). */
  readonly userError: new (...args: never[]) => Error;
}

/** The document after the edit (undefined: nothing was written), or 'unchanged'. */
export async function applyYamlFileEdit(e: YamlFileEdit, log: Log): Promise<vscode.TextDocument | 'unchanged' | undefined> {
  const { uri, label } = e;
  const name = vscode.workspace.asRelativePath(uri);
  try {
    let exists = true;
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      exists = false;
    }
    const edit = new vscode.WorkspaceEdit();
    const meta: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
    let doc: vscode.TextDocument | undefined;
    let wasDirty = false;
    if (exists) {
      doc = await vscode.workspace.openTextDocument(uri);
      wasDirty = doc.isDirty;
      const old = doc.getText();
      const next = e.change(old);
      if (next === old) return 'unchanged';
      const m = minimalEdit(old, next);
      edit.replace(uri, toRange(doc, m), m.text, meta);
    } else {
      edit.createFile(uri, { ignoreIfExists: true }, meta);
      edit.insert(uri, new vscode.Position(0, 0), e.change(e.initialText ?? ''), meta);
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Source Research: could not change ${name}.`);
      return undefined;
    }
    doc ??= await vscode.workspace.openTextDocument(uri);
    if (!wasDirty) await doc.save();
    return doc;
  } catch (err) {
    if (err instanceof e.userError) {
      void vscode.window.showErrorMessage(`Source Research: ${err.message}`, `Open ${uri.path.split('/').pop()}`).then((choice) => {
        if (choice) void vscode.window.showTextDocument(uri);
      });
      return undefined;
    }
    log.error(`${label} failed:`, err instanceof Error ? (err.stack ?? err.message) : String(err));
    void vscode.window.showErrorMessage(`Source Research: ${label} failed: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
