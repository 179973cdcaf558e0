/**
 * Reads a source file of the workspace corpus (workspaceCorpus.ts) as the documents it holds: a text
 * file is one document (the open buffer when it has unsaved edits, else the file on disk); a PDF,
 * page or e-mail goes through the file reader (formatDocuments.ts). A file that cannot be read is
 * logged and skipped.
 */
import type * as vscode from 'vscode';
import type { Log } from '../log';
import type { SourceFileReader } from './formatDocuments';
import { readSourceFile } from './sourceFiles';
import type { SourceDoc } from './sourceDocuments';

export class SourceReader {
  constructor(
    private readonly log: Log,
    /** Reads PDF, HTML, DOCX, e-mail and image files. */
    private readonly fileReader?: SourceFileReader,
  ) {}

  /** The documents a source file holds (undefined: it cannot be read). */
  async read(id: string, uri: vscode.Uri, report?: (message: string) => void, token?: vscode.CancellationToken): Promise<SourceDoc[] | undefined> {
    if (this.fileReader?.handles(uri)) {
      const docs = await this.fileReader.read(id, uri, report, token);
      return docs?.map((d) => ({ ...d, uri: this.fileReader!.uriOf(d.id) }));
    }
    const text = await this.readText(uri);
    return text === undefined ? undefined : [{ id, uri, text }];
  }

  /** The text of a file as the editor shows it: the open buffer when it has unsaved edits, else the file on disk. */
  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    const r = await readSourceFile(uri, this.log);
    if (r.why !== undefined) this.log.warn(`Skipping ${uri.fsPath}: ${r.why}.`);
    return r.text;
  }
}
