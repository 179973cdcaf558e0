/**
 * Non-text sources (PDF, web pages, Word files, e-mail, images) in the editor. Files are read by the
 * extraction worker (off the extension host's thread), cached by content hash in the extension's
 * global storage, and each document they hold opens as a read-only text view of our own scheme
 * (`source-research:/sources/report.pdf`), where hover, F12, Shift+F12, the Outline and Go to Source
 * work as in a .txt. Reading problems go to the Problems panel on the file and to the log.
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/index/api';
import { isExtractedName } from '../core/formats/registry';
import { FormatStore } from '../core/formats/store';
import { DirectoryCache, ExtractionService } from '../node/formats/service';
import type { Log } from '../log';

export const SOURCE_TEXT_SCHEME = 'source-research';

/** What WorkspaceCorpus asks of a reader of non-text files. */
export interface SourceFileReader {
  handles(uri: vscode.Uri): boolean;
  /** The documents a file holds (id and text), or undefined when it could not be read at all. */
  read(fileId: string, uri: vscode.Uri, report?: (message: string) => void, token?: vscode.CancellationToken): Promise<{ id: string; text: string }[] | undefined>;
  forget(fileId: string, uri?: vscode.Uri): void;
  /** The text view of a document read from a file. */
  uriOf(docId: string): vscode.Uri;
}

export class FormatDocuments implements SourceFileReader, vscode.TextDocumentContentProvider, vscode.Disposable {
  readonly store = new FormatStore();
  private readonly service: ExtractionService;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('sourceResearch.formats');
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly fileUris = new Map<string, vscode.Uri>();
  /** Files parsed and files taken from the cache since activation (the integration tests read these). */
  readonly stats = { parsed: 0, cached: 0 };

  constructor(
    private readonly corpus: Corpus,
    private readonly log: Log,
    storage: vscode.Uri | undefined,
  ) {
    this.service = new ExtractionService(storage ? { cache: new DirectoryCache(vscode.Uri.joinPath(storage, 'extractions').fsPath) } : {});
  }

  handles(uri: vscode.Uri): boolean {
    return isExtractedName(uri.path);
  }

  uriOf(docId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: SOURCE_TEXT_SCHEME, path: '/' + docId });
  }

  /** The document id of a text view. */
  docIdOf(uri: vscode.Uri): string | undefined {
    return uri.scheme === SOURCE_TEXT_SCHEME ? uri.path.slice(1) : undefined;
  }

  async read(fileId: string, uri: vscode.Uri, report?: (message: string) => void, token?: vscode.CancellationToken): Promise<{ id: string; text: string }[] | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (e) {
      this.log.debug(`Cannot read ${uri.toString()}: ${String(e)}`);
      return undefined;
    }
    const ac = new AbortController();
    const sub = token?.onCancellationRequested(() => ac.abort());
    try {
      let last = 0;
      const r = await this.service.extract(fileId, bytes, {
        signal: ac.signal,
        onProgress: (_f, message) => {
          const now = Date.now();
          if (now - last > 250) {
            last = now;
            report?.(`${fileId}: ${message}`);
          }
        },
      });
      const docs = this.store.addExtracted(fileId, r.entries);
      this.fileUris.set(fileId, uri);
      if (r.cached) {
        this.stats.cached++;
        this.log.info(`${fileId}: text from the cache (not parsed again), ${docs.length} document${docs.length === 1 ? '' : 's'}.`);
      } else {
        this.stats.parsed++;
        const main = r.entries[0]?.doc;
        const pages = main?.meta.pages ? `, ${main.meta.pages} page${main.meta.pages === 1 ? '' : 's'}` : '';
        this.log.info(`${fileId}: parsed (${main?.format ?? '?'}${pages}) in ${r.ms} ms, ${docs.length} document${docs.length === 1 ? '' : 's'}.`);
      }
      this.reportProblems(fileId, uri);
      for (const d of docs) this.changeEmitter.fire(this.uriOf(d.id));
      return docs;
    } catch (e) {
      if (ac.signal.aborted) this.log.warn(`${fileId}: reading cancelled.`);
      else this.log.error(`${fileId}: cannot be read: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    } finally {
      sub?.dispose();
    }
  }

  private reportProblems(fileId: string, uri: vscode.Uri): void {
    const problems = this.store.extractionProblems(fileId);
    this.diagnostics.set(
      uri,
      problems.map(({ id, problem }) => {
        const where = id !== fileId ? `${id.slice(fileId.length + 1)}: ` : '';
        const page = problem.page ? ` (page ${problem.page})` : '';
        const d = new vscode.Diagnostic(
          new vscode.Range(0, 0, 0, 0),
          `${where}${problem.message}${problem.page && !/\bpage \d/.test(problem.message) ? page : ''}`,
          problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
        );
        d.source = 'Source Research';
        return d;
      }),
    );
    for (const { id, problem } of problems) {
      const line = `${id}: ${problem.message}`;
      if (problem.severity === 'error') this.log.error(line);
      else if (problem.severity === 'warning') this.log.warn(line);
      else this.log.info(line);
    }
  }

  forget(fileId: string, uri?: vscode.Uri): void {
    this.store.removeFile(fileId);
    const known = uri ?? this.fileUris.get(fileId);
    if (known) this.diagnostics.delete(known);
    this.fileUris.delete(fileId);
  }

  /** "p. 12", "p. 3 · OCR": where a passage is beyond its document (hovers, Go to Source). */
  passageNote(docId: string, start: number, end: number): string | undefined {
    return this.store.passageNote(docId, start, end);
  }

  /** A PDF file in the workspace, or a PDF attached to one (an e-mail's attachment). */
  canShowInPdf(docId: string): boolean {
    const f = this.store.get(docId);
    return f?.format === 'pdf' && this.fileUris.has(f.file);
  }

  /** The bytes of a PDF document: the file itself, or the attachment read again from its e-mail. */
  async pdfBytesOf(docId: string): Promise<Uint8Array | undefined> {
    const f = this.store.get(docId);
    const uri = f ? this.fileUris.get(f.file) : undefined;
    if (!f || f.format !== 'pdf' || !uri) return undefined;
    const bytes = await vscode.workspace.fs.readFile(uri);
    return f.file === docId ? bytes : this.service.embeddedFile(f.file, bytes, docId.slice(f.file.length));
  }

  /** The workspace file a document was read from, when it is the file itself (not an attachment). */
  fileUriOf(docId: string): vscode.Uri | undefined {
    const f = this.store.get(docId);
    return f && f.file === docId ? this.fileUris.get(f.file) : undefined;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = this.docIdOf(uri) ?? '';
    return this.corpus.text(id) ?? `This document is no longer among the sources (${id}).`;
  }

  dispose(): void {
    this.diagnostics.dispose();
    this.changeEmitter.dispose();
    void this.service.dispose();
  }
}

export function registerFormatDocuments(formats: FormatDocuments): vscode.Disposable {
  const plain = (doc: vscode.TextDocument) => {
    // A text view of news.html or memo.md is text as indexed, not HTML or Markdown.
    if (doc.uri.scheme === SOURCE_TEXT_SCHEME && doc.languageId !== 'plaintext') void vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
  };
  vscode.workspace.textDocuments.forEach(plain);
  return vscode.Disposable.from(
    formats,
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_TEXT_SCHEME, formats),
    vscode.workspace.onDidOpenTextDocument(plain),
  );
}
