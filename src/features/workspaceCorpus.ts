/**
 * Keeps the corpus index in step with the workspace: finds the source files (per the settings),
 * reads them asynchronously, loads sources.yaml and entities.yaml, watches all of them and
 * re-reads only what changed, and re-indexes open sources as they are edited (before save).
 * YAML problems go to the Problems panel.
 *
 * The composition of its collaborators, each in its own file: the listing of sources
 * (sourceListing.ts), the YAML files (workspaceYaml.ts), reading a file (sourceReader.ts), which
 * documents came from which file (sourceDocuments.ts), the workers' results on their way into the
 * index (analysedBatch.ts), the indexing queue (indexingQueue.ts), the debounced watcher reports
 * (pendingChanges.ts), the edits of open documents (liveEdits.ts) and the progress notification
 * (indexProgress.ts). Here: the full index and the incremental pass.
 */
import * as vscode from 'vscode';
import type { Corpus, CorpusWriter } from '../core/index/api';
import { SourceSet, type DraftReason } from '../core/sources/sourceSet';
import type { Config } from '../config';
import type { Log } from '../log';
import type { Analysed } from '../node/ingest';
import { AnalysedBatch } from './analysedBatch';
import type { SourceFileReader } from './formatDocuments';
import { IndexingQueue } from './indexingQueue';
import { IndexProgress } from './indexProgress';
import { LiveEdits } from './liveEdits';
import { PendingChanges } from './pendingChanges';
import { SourceDocuments, type SourceDoc } from './sourceDocuments';
import { NO_CACHE_ABOVE, type DocumentAnalyser, type SharedDocuments } from './sourceFiles';
import { SourceListing } from './sourceListing';
import { SourceReader } from './sourceReader';
import { createSourceWatchers } from './sourceWatchers';
import { WorkspaceYaml } from './workspaceYaml';

export type { DocumentAnalyser, SharedDocuments } from './sourceFiles';
export { DEBOUNCE_MS } from './pendingChanges';

/** Files read at once during a full index (each chunk goes to the workers as soon as it is read). */
const READ_CHUNK = 25;
/**
 * A changed file larger than this is read again once it has not been written to for SETTLE_MS: a
 * large save is written over seconds, and a file read half-way through was indexed twice (each
 * time a difference in most of its names, for the entities to be resolved again).
 */
const SETTLE_ABOVE = 1_000_000;
const SETTLE_MS = 1000;

export class WorkspaceCorpus implements vscode.Disposable {
  private shared: SharedDocuments | undefined;
  /** Which files are drafts (drafts/, notes/, sources.yaml `exclude:`): never indexed. */
  readonly sourceSet = new SourceSet();
  private readonly listing: SourceListing;
  /** sources.yaml and entities.yaml: where they are, loaded into the index, their problems. */
  private readonly yaml: WorkspaceYaml;
  private readonly reader: SourceReader;
  private readonly documents: SourceDocuments;
  private readonly batch: AnalysedBatch;
  private readonly queue: IndexingQueue;
  private readonly changes: PendingChanges;
  private readonly liveEdits: LiveEdits;
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires after each indexing pass (full or incremental). The index's own onDidChange fires too. */
  readonly onDidIndex = this.emitter.event;
  private indexedOnce = false;

  constructor(
    private readonly corpus: Corpus & CorpusWriter,
    private readonly config: Config,
    private readonly log: Log,
    private readonly analyser: DocumentAnalyser,
    /** Reads PDF, HTML, DOCX, e-mail and image files (formatDocuments.ts). */
    fileReader?: SourceFileReader,
  ) {
    this.listing = new SourceListing(config, this.sourceSet);
    this.yaml = new WorkspaceYaml(corpus, this.sourceSet, config, log, (uri) => this.idOf(uri));
    this.reader = new SourceReader(log, fileReader);
    this.documents = new SourceDocuments(corpus, log, fileReader);
    this.batch = new AnalysedBatch(corpus, analyser);
    this.queue = new IndexingQueue(log, () => this.emitter.fire());
    this.changes = new PendingChanges(() => void this.enqueue(() => this.applyChanges()));
    this.liveEdits = new LiveEdits({
      corpus,
      analyser,
      documents: this.documents,
      yaml: this.yaml,
      sourceSet: this.sourceSet,
      queue: this.queue,
      changes: this.changes,
      applyChanges: () => this.applyChanges(),
      log,
    });
    this.disposables.push(
      this.yaml,
      this.emitter,
      config.onDidChange(() => this.scheduleRescan()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRescan()),
      this.liveEdits,
      this.changes,
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
    const idle = (q: Promise<void>) => q === this.queue.tail && this.liveEdits.pending === 0 && !this.changes.waiting;
    for (;;) {
      const q = this.queue.tail;
      await q;
      if (idle(q)) {
        await this.analyser.flush?.();
        if (idle(q)) return;
        continue;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The workspace file of a document id (or the read-only document of a source only the shared index has). */
  uriOf(docId: string): vscode.Uri | undefined {
    return this.documents.uriOf(docId) ?? this.shared?.uriOf(docId);
  }

  /** The document id of a workspace file, when it is an indexed source (or of a shared-index document). */
  docIdOf(uri: vscode.Uri): string | undefined {
    return this.documents.docIdOf(uri) ?? this.shared?.docIdOf(uri);
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
    this.changes.yamlChanged();
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

  /** Run a task in the indexing queue: after what is queued, before what comes next. */
  enqueue(task: () => Thenable<void> | Promise<void>): Promise<void> {
    return this.queue.enqueue(task);
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

  dispose(): void {
    this.queue.dispose();
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }

  private scheduleRescan(): void {
    this.changes.rescanNeeded();
    // A new sources folder may hold its own sources.yaml and entities.yaml.
    if (this.config.sourcesFolder !== this.yaml.folder) {
      this.yaml.folder = this.config.sourcesFolder;
      this.changes.yamlChanged();
    }
    this.changes.schedule();
  }

  private idOf(uri: vscode.Uri): string {
    return this.listing.idOf(uri);
  }

  /** Replace what the index holds of a file by the documents read from it (inside a batch of this.batch). */
  private putFile(id: string, uri: vscode.Uri, docs: SourceDoc[] | undefined): void {
    this.documents.putFile(id, uri, docs, (docId, text) => this.batch.put(docId, text));
  }

  // ---- indexing ----

  private async fullIndex(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<void> {
    const t0 = Date.now();
    this.watch();
    this.changes.clear();
    this.documents.clearLiveEdited();

    // sources.yaml first: its exclude list says which files are not sources.
    await this.yaml.reload();
    const found = await this.listing.list();

    const stale = this.documents.filesNotIn(found);
    if (stale.length) this.corpus.batch(() => stale.forEach((id) => this.documents.forgetFile(id)));

    // Read in chunks, each chunk off to the workers at once; the index changes once, at the end, so
    // the tree, hovers and F12 answer from the last complete index until the new one is whole.
    const entries = [...found];
    const cancelled = () => token.isCancellationRequested;
    const status = new IndexProgress(progress, entries.length, READ_CHUNK);
    const chunks: Promise<{ chunk: [string, vscode.Uri][]; texts: (SourceDoc[] | undefined)[]; results: readonly Analysed[] }>[] = [];
    for (let i = 0; i < entries.length && !cancelled(); i += READ_CHUNK) {
      const chunk = entries.slice(i, i + READ_CHUNK);
      const texts = await Promise.all(chunk.map(([id, uri]) => this.reader.read(id, uri, status.message, token)));
      const docs = texts.flatMap((ds) => (ds ?? []).map((d) => [d.id, d.text] as const));
      chunks.push(this.batch.analyse(docs, { onProgress: status.documentDone, isCancelled: cancelled }).then((results) => ({ chunk, texts, results })));
    }
    const done = await Promise.all(chunks);
    if (cancelled()) {
      this.log.warn(`Indexing cancelled after ${status.count} of ${entries.length} documents; the index is unchanged.`);
      return;
    }
    await this.batch.prepare(done.flatMap(({ results }) => results));
    const tApply = Date.now();
    this.batch.apply(() => {
      for (const { chunk, texts } of done) chunk.forEach(([id, uri], k) => this.putFile(id, uri, texts[k]));
    });
    const fromCache = this.analyser.lastStats?.fromCache;
    this.log.info(`Merged ${entries.length} documents into the index in ${Date.now() - tApply} ms${fromCache ? ` (${fromCache} from the cache)` : ''}.`);
    await this.setIndexed();
    this.log.info(`Indexed ${this.documents.size} documents in ${Date.now() - t0} ms.`);
    this.analyser.warmUp?.();
  }

  private async setIndexed(): Promise<void> {
    if (!this.indexedOnce) {
      this.indexedOnce = true;
      await vscode.commands.executeCommand('setContext', 'sourceResearch.indexed', true);
    }
  }

  /** Re-read what the watchers and editors reported since the last pass. */
  private async applyChanges(): Promise<void> {
    const { changed, deleted, yamlChanged, rescanNeeded } = this.changes.take();
    if (rescanNeeded) this.watch();

    if (yamlChanged || deleted.length) await this.yaml.reload();
    // Which sources exist now: a listing, no reads. New files are read, gone ones removed. When only
    // known sources changed (a save), the set is the same and no listing is made: it is a file
    // search, whose process took a host of gigabytes 50–100 ms to start, several times per large save.
    const onlyKnown = !rescanNeeded && !yamlChanged && deleted.length === 0 && changed.every((uri) => this.documents.hasFile(this.idOf(uri)));
    const found = onlyKnown ? undefined : await this.listing.list();
    if (found) await this.listing.dropDeleted(found, deleted);
    const toRead = new Map<string, vscode.Uri>();
    for (const [id, uri] of found ?? []) if (!this.documents.hasFile(id)) toRead.set(id, uri);
    let unsettled = false;
    for (const uri of changed) {
      const id = this.idOf(uri);
      if (found && !found.has(id)) continue;
      if (await this.beingWritten(uri)) {
        // Left for a later pass (its own timer: the writes may have stopped reporting).
        this.changes.fileChanged(uri);
        unsettled = true;
      } else toRead.set(id, uri);
    }
    if (unsettled) this.changes.schedule();
    const gone = found ? this.documents.filesNotIn(found) : [];
    const reads = [...toRead];
    const texts = await Promise.all(reads.map(([id, uri]) => this.reader.read(id, uri)));
    // A file read again with the text the index has (a watcher's late event, a closed editor) is not analysed again.
    const docs = texts.flatMap((ds) => (ds ?? []).filter((d) => this.corpus.text(d.id) !== d.text).map((d) => [d.id, d.text] as const));
    await this.batch.prepare(await this.batch.analyse(docs));

    this.batch.apply(() => {
      for (const id of gone) this.documents.forgetFile(id);
      reads.forEach(([id, uri], k) => this.putFile(id, uri, texts[k]));
    });
    if (toRead.size || gone.length) this.log.info(`Re-indexed ${toRead.size} and removed ${gone.length} documents.`);
  }

  /** Is this large file still being written (changed within SETTLE_MS)? */
  private async beingWritten(uri: vscode.Uri): Promise<boolean> {
    try {
      const s = await vscode.workspace.fs.stat(uri);
      const age = Date.now() - s.mtime;
      return s.size > SETTLE_ABOVE && age >= 0 && age < SETTLE_MS;
    } catch {
      return false;
    }
  }

  /** (Re)create the file watchers for the current settings. */
  private watch(): void {
    for (const w of this.watchers) w.dispose();
    const changes = this.changes;
    this.watchers = createSourceWatchers(this.config, this.yaml.yamlDirs(), {
      source: (uri, what) => {
        if (what === 'delete') changes.fileDeleted(uri);
        else changes.fileChanged(uri);
        changes.schedule();
      },
      yaml: () => {
        changes.yamlChanged();
        changes.schedule();
      },
      folder: (uri, what) => {
        if (what === 'delete') changes.fileDeleted(uri);
        changes.yamlChanged();
        changes.schedule();
      },
    });
  }
}
