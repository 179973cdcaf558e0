/**
 * Which documents of the workspace corpus (workspaceCorpus.ts) the index holds, and where they
 * come from: each document's file (a text file is one document; an e-mail's attachments are more,
 * read from the same file), the file of each document, and which ones were last indexed from an
 * unsaved editor buffer. Putting a file's documents in replaces what the index held of it.
 */
import type * as vscode from 'vscode';
import type { CorpusWriter } from '../core/index/api';
import type { Log } from '../log';
import type { SourceFileReader } from './formatDocuments';

/** A document read from a source file. */
export interface SourceDoc {
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly text: string;
}

export class SourceDocuments {
  private readonly docs = new Map<string, vscode.Uri>();
  private readonly idsByUri = new Map<string, string>();
  /** Docs whose index text came from an unsaved editor buffer. */
  private readonly liveEdited = new Set<string>();
  /** Documents read from a non-text file other than its own id (an e-mail's attachments), by file id. */
  private readonly children = new Map<string, string[]>();
  private readonly parentFile = new Map<string, string>();

  constructor(
    private readonly corpus: Pick<CorpusWriter, 'removeDocument'>,
    private readonly log: Log,
    /** Told when a file it read is forgotten (its pages, attachments, cached reads). */
    private readonly fileReader?: Pick<SourceFileReader, 'forget'>,
  ) {}

  /** Number of documents indexed. */
  get size(): number {
    return this.docs.size;
  }

  /** Is a document indexed? */
  has(docId: string): boolean {
    return this.docs.has(docId);
  }

  /** Was a source file read (its documents are indexed, or it was read and holds none of its own)? */
  hasFile(fileId: string): boolean {
    return this.docs.has(fileId) || this.children.has(fileId);
  }

  /** The workspace file (or the file reader's document) of an indexed document. */
  uriOf(docId: string): vscode.Uri | undefined {
    return this.docs.get(docId);
  }

  /** The document id of an indexed document's uri. */
  docIdOf(uri: vscode.Uri): string | undefined {
    return this.idsByUri.get(uri.toString());
  }

  /** The source files of the indexed documents that are not among `found`. */
  filesNotIn(found: ReadonlyMap<string, unknown>): string[] {
    return [...new Set([...this.docs.keys()].map((id) => this.fileOf(id)))].filter((id) => !found.has(id));
  }

  /**
   * Replace what the index holds of a file by the documents read from it (undefined: it could not be
   * read). `index` puts one document into the index; one that fails is logged and left out.
   */
  putFile(id: string, uri: vscode.Uri, docs: readonly SourceDoc[] | undefined, index: (docId: string, text: string) => void): void {
    const keep = new Set(docs?.map((d) => d.id));
    for (const old of [id, ...(this.children.get(id) ?? [])]) if (!keep.has(old)) this.forgetDoc(old);
    this.children.delete(id);
    if (!docs) {
      this.fileReader?.forget(id, uri);
      return;
    }
    const kids: string[] = [];
    for (const d of docs) {
      this.put(d, index);
      if (d.id !== id) {
        kids.push(d.id);
        this.parentFile.set(d.id, id);
      }
    }
    // Recorded even when empty (a protected PDF, an mbox): the file was read and is not read again until it changes.
    if (kids.length || !docs.some((d) => d.id === id)) this.children.set(id, kids);
  }

  /** Forget a source file and every document read from it. */
  forgetFile(id: string): void {
    for (const kid of this.children.get(id) ?? []) this.forgetDoc(kid);
    this.children.delete(id);
    this.fileReader?.forget(id);
    this.forgetDoc(id);
  }

  /** Record whether a document's index text came from an unsaved editor buffer. */
  setLiveEdited(docId: string, live: boolean): void {
    if (live) this.liveEdited.add(docId);
    else this.liveEdited.delete(docId);
  }

  isLiveEdited(docId: string): boolean {
    return this.liveEdited.has(docId);
  }

  /** A full index reads every file from disk (or its open buffer) again. */
  clearLiveEdited(): void {
    this.liveEdited.clear();
  }

  private put(d: SourceDoc, index: (docId: string, text: string) => void): void {
    try {
      index(d.id, d.text);
      this.docs.set(d.id, d.uri);
      this.idsByUri.set(d.uri.toString(), d.id);
    } catch (e) {
      this.log.error(`Cannot index ${d.id}:`, e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
  }

  /** The source file a document id was read from. */
  private fileOf(docId: string): string {
    return this.parentFile.get(docId) ?? docId;
  }

  private forgetDoc(id: string): void {
    this.parentFile.delete(id);
    const uri = this.docs.get(id);
    if (!uri) return;
    this.corpus.removeDocument(id);
    this.docs.delete(id);
    this.idsByUri.delete(uri.toString());
    this.liveEdited.delete(id);
  }
}
