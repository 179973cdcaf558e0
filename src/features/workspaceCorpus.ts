/**
 * Keeps the corpus index in step with the workspace: finds the source files (per the settings),
 * reads them asynchronously, loads sources.yaml and entities.yaml, watches all of them and
 * re-reads only what changed, and re-indexes open sources as they are edited (before save).
 * YAML problems go to the Problems panel.
 */
import * as vscode from 'vscode';
import type { Corpus, CorpusWriter } from '../core/index/api';
import { SourceSet, type DraftReason } from '../core/sources/sourceSet';
import type { Config } from '../config';
import type { Log } from '../log';
import type { SourceFileReader } from './formatDocuments';
import { NO_CACHE_ABOVE, readSourceFile, type DocumentAnalyser, type SharedDocuments } from './sourceFiles';
import { SourceListing } from './sourceListing';
import { createSourceWatchers } from './sourceWatchers';
import { WorkspaceYaml } from './workspaceYaml';
import type { Analysed } from '../node/ingest';

export type { DocumentAnalyser, SharedDocuments } from './sourceFiles';

/** Delay before changed files (watcher events, edits) are re-read. */
export const DEBOUNCE_MS = 300;
/** Files read at once during a full index (each chunk goes to the workers as soon as it is read). */
const READ_CHUNK = 25;

export class WorkspaceCorpus implements vscode.Disposable {
  private shared: SharedDocuments | undefined;
  private readonly docs = new Map<string, vscode.Uri>();
  private readonly idsByUri = new Map<string, string>();
  /** Which files are drafts (drafts/, notes/, sources.yaml `exclude:`): never indexed. */
  readonly sourceSet = new SourceSet();
  private readonly listing: SourceListing;
  /** sources.yaml and entities.yaml: where they are, loaded into the index, their problems. */
  private readonly yaml: WorkspaceYaml;
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires after each indexing pass (full or incremental). The index's own onDidChange fires too. */
  readonly onDidIndex = this.emitter.event;

  private queue: Promise<void> = Promise.resolve();
  private pendingTimers = 0;
  private indexedOnce = false;
  private disposed = false;

  // Changes waiting for the debounce timer.
  private changed = new Map<string, vscode.Uri>();
  private deleted: vscode.Uri[] = [];
  private yamlChanged = false;
  private rescanNeeded = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Docs whose index text came from an unsaved editor buffer. */
  private readonly liveEdited = new Set<string>();
  /** Per-document results from the workers for the batch being applied (upsert reads them). */
  private analysed = new Map<string, Analysed>();
  /** Documents read from a non-text file other than its own id (an e-mail's attachments), by file id. */
  private readonly children = new Map<string, string[]>();
  private readonly parentFile = new Map<string, string>();

  constructor(
    private readonly corpus: Corpus & CorpusWriter,
    private readonly config: Config,
    private readonly log: Log,
    private readonly analyser: DocumentAnalyser,
    /** Reads PDF, HTML, DOCX, e-mail and image files (formatDocuments.ts). */
    private readonly fileReader?: SourceFileReader,
  ) {
    this.listing = new SourceListing(config, this.sourceSet);
    this.yaml = new WorkspaceYaml(corpus, this.sourceSet, config, log, (uri) => this.idOf(uri));
    this.disposables.push(
      this.yaml,
      this.emitter,
      config.onDidChange(() => this.scheduleRescan()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRescan()),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d)),
    );
  }

  /** Index the workspace (in the background, with cancellable progress) and start watching. */
  start(): Promise<void> {
    return this.reindex();
  }

  /** Forget everything and index the workspace again. */
  reindex(): Promise<void> {
    return this.enqueue(() =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Source Research: indexing sources', cancellable: true },
        (progress, token) => this.fullIndex(progress, token),
      ),
    );
  }

  /** Resolves when no indexing is running or waiting (tests, commands that need a settled index). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const q = this.queue;
      await q;
      if (q === this.queue && this.pendingTimers === 0 && this.timer === undefined) {
        await this.analyser.flush?.();
        if (q === this.queue && this.pendingTimers === 0 && this.timer === undefined) return;
        continue;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The workspace file of a document id (or the read-only document of a source only the shared index has). */
  uriOf(docId: string): vscode.Uri | undefined {
    return this.docs.get(docId) ?? this.shared?.uriOf(docId);
  }

  /** The document id of a workspace file, when it is an indexed source (or of a shared-index document). */
  docIdOf(uri: vscode.Uri): string | undefined {
    return this.idsByUri.get(uri.toString()) ?? this.shared?.docIdOf(uri);
  }

  /** Where the documents of the shared team index open (see sharedIndex.ts). */
  setSharedDocuments(shared: SharedDocuments | undefined): void {
    this.shared = shared;
  }

  /** The document id a workspace file has (or would have as a source). */
  idOfUri(uri: vscode.Uri): string {
    return this.idOf(uri);
  }

  /** Why a workspace file is a draft (drafts/ or notes/ folder, marked Not a Source), or undefined. */
  draftReason(uri: vscode.Uri): DraftReason | undefined {
    return vscode.workspace.getWorkspaceFolder(uri) ? this.sourceSet.draftReason(this.idOf(uri)) : undefined;
  }

  /** Is a workspace file a draft? (Any file that is not an indexed source is checked against the sources; drafts never count as one.) */
  isDraft(uri: vscode.Uri): boolean {
    return this.draftReason(uri) !== undefined;
  }

  /** sources.yaml was edited by a command: load it (and list the sources again) without waiting for the watcher. */
  sourcesYamlChanged(): Promise<void> {
    this.yamlChanged = true;
    return this.enqueue(() => this.applyChanges());
  }

  /** The entities.yaml in force, if any (features that edit it write to this file). */
  get catalogUri(): vscode.Uri | undefined {
    return this.yaml.files.entities?.uri;
  }

  /** The sources.yaml in force, if any. */
  get sourcesYamlUri(): vscode.Uri | undefined {
    return this.yaml.files.sources?.uri;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.editTimers.values()) clearTimeout(t);
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }

  // ---- queue and scheduling ----

  /** Run a task in the indexing queue: after what is queued, before what comes next. */
  enqueue(task: () => Thenable<void> | Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.disposed) return;
      try {
        await task();
      } catch (e) {
        this.log.error('Indexing failed:', e instanceof Error ? (e.stack ?? e.message) : String(e));
      }
      this.emitter.fire();
    });
    this.queue = next;
    return next;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.enqueue(() => this.applyChanges());
    }, DEBOUNCE_MS);
  }

  private scheduleRescan(): void {
    this.rescanNeeded = true;
    // A new sources folder may hold its own sources.yaml and entities.yaml.
    if (this.config.sourcesFolder !== this.yaml.folder) {
      this.yaml.folder = this.config.sourcesFolder;
      this.yamlChanged = true;
    }
    this.schedule();
  }

  // ---- discovery ----

  private idOf(uri: vscode.Uri): string {
    return this.listing.idOf(uri);
  }

  /** The text of a file as the editor shows it: the open buffer when it has unsaved edits, else the file on disk. */
  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    const r = await this.read(uri);
    if (r.why !== undefined) this.log.warn(`Skipping ${uri.fsPath}: ${r.why}.`);
    return r.text;
  }

  /** The text of a file, or why it cannot be had. */
  private read(uri: vscode.Uri): Promise<{ text?: string; why?: string }> {
    return readSourceFile(uri, this.log);
  }

  /** The documents a source file holds: a text file is one; a PDF, page or e-mail goes through the file reader. */
  private async readDocs(id: string, uri: vscode.Uri, report?: (message: string) => void, token?: vscode.CancellationToken): Promise<{ id: string; uri: vscode.Uri; text: string }[] | undefined> {
    if (this.fileReader?.handles(uri)) {
      const docs = await this.fileReader.read(id, uri, report, token);
      return docs?.map((d) => ({ ...d, uri: this.fileReader!.uriOf(d.id) }));
    }
    const text = await this.readText(uri);
    return text === undefined ? undefined : [{ id, uri, text }];
  }

  /** Replace what the index holds of a file by the documents read from it. */
  private upsertFile(id: string, uri: vscode.Uri, docs: { id: string; uri: vscode.Uri; text: string }[] | undefined): void {
    const keep = new Set(docs?.map((d) => d.id));
    for (const old of [id, ...(this.children.get(id) ?? [])]) if (!keep.has(old)) this.forgetDoc(old);
    this.children.delete(id);
    if (!docs) {
      this.fileReader?.forget(id, uri);
      return;
    }
    const kids: string[] = [];
    for (const d of docs) {
      this.upsert(d.id, d.uri, d.text);
      if (d.id !== id) {
        kids.push(d.id);
        this.parentFile.set(d.id, id);
      }
    }
    // Recorded even when empty (a protected PDF, an mbox): the file was read and is not read again until it changes.
    if (kids.length || !docs.some((d) => d.id === id)) this.children.set(id, kids);
  }

  /** The source file a document id was read from. */
  private fileOf(docId: string): string {
    return this.parentFile.get(docId) ?? docId;
  }

  // ---- indexing ----

  private async fullIndex(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<void> {
    const t0 = Date.now();
    this.watch();
    this.changed.clear();
    this.deleted = [];
    this.yamlChanged = false;
    this.rescanNeeded = false;
    this.liveEdited.clear();

    // sources.yaml first: its exclude list says which files are not sources.
    await this.yaml.reload();
    const found = await this.listing.list();

    const stale = [...new Set([...this.docs.keys()].map((id) => this.fileOf(id)))].filter((id) => !found.has(id));
    if (stale.length) this.corpus.batch(() => stale.forEach((id) => this.forget(id)));

    // Read in chunks, each chunk off to the workers at once; the index changes once, at the end, so
    // the tree, hovers and F12 answer from the last complete index until the new one is whole.
    const entries = [...found];
    const cancelled = () => token.isCancellationRequested;
    let analysed = 0;
    const onProgress = () => {
      analysed++;
      if (analysed % READ_CHUNK === 0 || analysed === entries.length) progress.report({ message: `${analysed}/${entries.length} documents`, increment: (100 * READ_CHUNK) / Math.max(1, entries.length) });
    };
    type Read = { id: string; uri: vscode.Uri; text: string }[] | undefined;
    const chunks: Promise<{ chunk: [string, vscode.Uri][]; texts: Read[]; results: readonly Analysed[] }>[] = [];
    for (let i = 0; i < entries.length && !cancelled(); i += READ_CHUNK) {
      const chunk = entries.slice(i, i + READ_CHUNK);
      const texts = await Promise.all(chunk.map(([id, uri]) => this.readDocs(id, uri, (message) => progress.report({ message }), token)));
      const docs = texts.flatMap((ds) => (ds ?? []).map((d) => [d.id, d.text] as const));
      chunks.push(this.analyseSplit(docs, { onProgress, isCancelled: cancelled }).then((results) => ({ chunk, texts, results })));
    }
    const done = await Promise.all(chunks);
    if (cancelled()) {
      this.log.warn(`Indexing cancelled after ${analysed} of ${entries.length} documents; the index is unchanged.`);
      return;
    }
    this.analysed = new Map(done.flatMap(({ results }) => results.map((r) => [r.id, r] as const)));
    await this.prepareAll();
    const tApply = Date.now();
    try {
      this.corpus.batch(() => {
        for (const { chunk, texts } of done) chunk.forEach(([id, uri], k) => this.upsertFile(id, uri, texts[k]));
      });
    } finally {
      this.analysed = new Map();
    }
    const fromCache = this.analyser.lastStats?.fromCache;
    this.log.info(`Merged ${entries.length} documents into the index in ${Date.now() - tApply} ms${fromCache ? ` (${fromCache} from the cache)` : ''}.`);
    await this.setIndexed();
    this.log.info(`Indexed ${this.docs.size} documents in ${Date.now() - t0} ms.`);
  }

  private async setIndexed(): Promise<void> {
    if (!this.indexedOnce) {
      this.indexedOnce = true;
      await vscode.commands.executeCommand('setContext', 'sourceResearch.indexed', true);
    }
  }

  /**
   * analyse(), with the very large documents kept out of the cache: hashing the text, packing the
   * result and unpacking a hit would each block the host for seconds (they are analysed in a worker).
   */
  private async analyseSplit(docs: readonly (readonly [string, string])[], opts: { onProgress?: (done: number, total: number) => void; isCancelled?: () => boolean } = {}): Promise<readonly Analysed[]> {
    const large = docs.filter(([, t]) => t.length > NO_CACHE_ABOVE);
    if (large.length === 0) return this.analyser.analyse(docs, opts);
    const small = docs.filter(([, t]) => t.length <= NO_CACHE_ABOVE);
    const [a, b] = await Promise.all([this.analyser.analyse(small, opts), this.analyser.analyse(large, { ...opts, useCache: false })]);
    return [...a, ...b];
  }

  /** Merge the large results of the batch ahead, a slice at a time (the batch then only swaps them in). */
  private async prepareAll(): Promise<void> {
    for (const a of this.analysed.values()) await this.analyser.prepare?.(a);
  }

  /** Put a document into the index: its result from the workers (this.analysed), else read here. */
  private upsert(id: string, uri: vscode.Uri, text: string): void {
    try {
      const a = this.analysed.get(id);
      if (a && a.text === text) this.analyser.put(a);
      else this.corpus.upsertDocument(id, text);
      this.docs.set(id, uri);
      this.idsByUri.set(uri.toString(), id);
    } catch (e) {
      this.log.error(`Cannot index ${id}:`, e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
  }

  /** Analyse again documents already in the index (their metadata or the pipeline changed), from their indexed text. */
  reanalyse(ids: readonly string[]): void {
    void this.enqueue(async () => {
      const docs = ids.flatMap((id) => {
        const text = this.corpus.text(id);
        return text === undefined ? [] : [[id, text] as const];
      });
      const results = await this.analyser.analyse(docs, { useCache: !docs.some(([, t]) => t.length > NO_CACHE_ABOVE) });
      for (const r of results) await this.analyser.prepare?.(r);
      this.corpus.batch(() => {
        for (const r of results) if (this.corpus.text(r.id) === r.text) this.analyser.put(r, true);
      });
    });
  }

  /** Forget a source file and every document read from it. */
  private forget(id: string): void {
    for (const kid of this.children.get(id) ?? []) this.forgetDoc(kid);
    this.children.delete(id);
    this.fileReader?.forget(id);
    this.forgetDoc(id);
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

  /** Re-read what the watchers and editors reported since the last pass. */
  private async applyChanges(): Promise<void> {
    if (this.rescanNeeded) {
      this.rescanNeeded = false;
      this.watch();
    }
    const changed = [...this.changed.values()];
    const deleted = this.deleted;
    const yamlChanged = this.yamlChanged;
    this.changed = new Map();
    this.deleted = [];
    this.yamlChanged = false;

    if (yamlChanged || deleted.length) await this.yaml.reload();
    // Which sources exist now: a cheap listing, no reads. New files are read, gone ones removed.
    const found = await this.listing.list();
    await this.listing.dropDeleted(found, deleted);
    const toRead = new Map<string, vscode.Uri>();
    for (const [id, uri] of found) if (!this.docs.has(id) && !this.children.has(id)) toRead.set(id, uri);
    for (const uri of changed) {
      const id = this.idOf(uri);
      if (found.has(id)) toRead.set(id, uri);
    }
    const gone = [...new Set([...this.docs.keys()].map((id) => this.fileOf(id)))].filter((id) => !found.has(id));
    const reads = [...toRead];
    const texts = await Promise.all(reads.map(([id, uri]) => this.readDocs(id, uri)));
    // A file read again with the text the index has (a watcher's late event, a closed editor) is not analysed again.
    const docs = texts.flatMap((ds) => (ds ?? []).filter((d) => this.corpus.text(d.id) !== d.text).map((d) => [d.id, d.text] as const));
    this.analysed = new Map((await this.analyseSplit(docs)).map((r) => [r.id, r] as const));
    await this.prepareAll();

    try {
      this.corpus.batch(() => {
        for (const id of gone) this.forget(id);
        reads.forEach(([id, uri], k) => this.upsertFile(id, uri, texts[k]));
      });
    } finally {
      this.analysed = new Map();
    }
    if (toRead.size || gone.length) this.log.info(`Re-indexed ${toRead.size} and removed ${gone.length} documents.`);
  }

  // ---- watching ----

  /** (Re)create the file watchers for the current settings. */
  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = createSourceWatchers(this.config, this.yaml.yamlDirs(), {
      source: (uri, what) => {
        if (what === 'delete') this.deleted.push(uri);
        else this.changed.set(uri.toString(), uri);
        this.schedule();
      },
      yaml: () => {
        this.yamlChanged = true;
        this.schedule();
      },
      folder: (uri, what) => {
        if (what === 'delete') this.deleted.push(uri);
        this.yamlChanged = true;
        this.schedule();
      },
    });
  }

  // ---- live edits ----

  private onEdit(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const id = this.idsByUri.get(key);
    const kind = this.yaml.kindOf(doc.uri);
    if (id === undefined && kind === undefined) return;
    const old = this.editTimers.get(key);
    if (old) clearTimeout(old);
    else this.pendingTimers++;
    this.editTimers.set(
      key,
      setTimeout(() => {
        this.editTimers.delete(key);
        this.pendingTimers--;
        void this.enqueue(async () => {
          if (doc.isClosed) return;
          if (id !== undefined && this.docs.has(id)) {
            // The recognisers run in a worker: the host only merges the result.
            const text = doc.getText();
            if (this.corpus.text(id) === text) return;
            const t0 = Date.now();
            const [r] = await this.analyser.analyse([[id, text]], { useCache: !doc.isDirty && text.length <= NO_CACHE_ABOVE });
            const t1 = Date.now();
            if (r) await this.analyser.prepare?.(r);
            if (r && this.docs.has(id)) this.analyser.put(r);
            this.log.info(`Re-indexed ${id} after an edit: analysis ${t1 - t0} ms, merge ${Date.now() - t1} ms.`);
            if (doc.isDirty) this.liveEdited.add(id);
            else this.liveEdited.delete(id);
          } else if (kind) {
            const file = this.yaml.files[kind];
            const before = this.sourceSet.excludedIds().join('\n');
            if (file) this.yaml.load(kind, file.id, doc.getText(), file.uri);
            // A changed exclude list changes which files are sources.
            if (kind === 'sources' && this.sourceSet.excludedIds().join('\n') !== before) await this.applyChanges();
          }
        });
      }, DEBOUNCE_MS),
    );
  }

  /** A source closed with unsaved edits goes back to what is on disk. */
  private onClose(doc: vscode.TextDocument): void {
    const id = this.idsByUri.get(doc.uri.toString());
    const isYaml = this.yaml.kindOf(doc.uri) !== undefined;
    if ((id !== undefined && this.liveEdited.has(id)) || isYaml) {
      if (id !== undefined) this.changed.set(doc.uri.toString(), doc.uri);
      if (isYaml) this.yamlChanged = true;
      this.schedule();
    }
  }
}
