/**
 * Keeps the corpus index in step with the workspace: finds the source files (per the settings),
 * reads them asynchronously, loads sources.yaml and entities.yaml, watches all of them and
 * re-reads only what changed, and re-indexes open sources as they are edited (before save).
 * YAML problems go to the Problems panel.
 */
import * as vscode from 'vscode';
import type { Corpus, CorpusWriter } from '../core/index/api';
import { decodeBytes, describeEncoding } from '../core/text/decode';
import type { Problem } from '../core/types';
import type { Analysed, IngestStats } from '../node/ingest';
import type { Config } from '../config';
import type { Log } from '../log';
import { problemRange } from './ranges';

/** Delay before changed files (watcher events, edits) are re-read. */
export const DEBOUNCE_MS = 300;
/** Files larger than this are not read as sources. */
const MAX_BYTES = 100 * 1024 * 1024;
/** Files read at once during a full index (each chunk goes to the workers as soon as it is read). */
const READ_CHUNK = 25;

/**
 * Per-document work off the host thread (src/node/indexer.ts): results come back in the order asked,
 * and go into the index with put() inside one corpus batch.
 */
export interface DocumentAnalyser {
  /** `useCache: false` for unsaved buffers (packing every intermediate edit for the cache is wasted work on the host thread). */
  analyse(docs: readonly (readonly [string, string])[], opts?: { onProgress?: (done: number, total: number) => void; isCancelled?: () => boolean; useCache?: boolean }): Promise<readonly Analysed[]>;
  put(a: Analysed, replace?: boolean): void;
  /** What the last analyse() did. */
  readonly lastStats?: IngestStats;
}

type Kind = 'sources' | 'entities';
const YAML_NAMES: Record<Kind, string> = { sources: 'sources.yaml', entities: 'entities.yaml' };

/** What a failed read means to the user (vscode.FileSystemError codes, else the Node error code). */
function fsErrorMessage(e: unknown): string {
  const code = (e as { code?: string } | undefined)?.code;
  if (code === 'FileNotFound' || code === 'ENOENT') return 'it no longer exists';
  if (code === 'NoPermissions' || code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENAMETOOLONG') return 'its path is longer than the system allows';
  if (code === 'FileIsADirectory') return 'it is a folder';
  return `it cannot be read (${e instanceof Error ? e.message : String(e)})`;
}

interface YamlFile {
  readonly id: string;
  readonly uri: vscode.Uri;
}

export class WorkspaceCorpus implements vscode.Disposable {
  private readonly docs = new Map<string, vscode.Uri>();
  private readonly idsByUri = new Map<string, string>();
  private readonly yaml: Partial<Record<Kind, YamlFile>> = {};
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('sourceResearch');
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

  constructor(
    private readonly corpus: Corpus & CorpusWriter,
    private readonly config: Config,
    private readonly log: Log,
    private readonly analyser: DocumentAnalyser,
  ) {
    this.disposables.push(
      this.diagnostics,
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
      if (q === this.queue && this.pendingTimers === 0 && this.timer === undefined) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The workspace file of a document id. */
  uriOf(docId: string): vscode.Uri | undefined {
    return this.docs.get(docId);
  }

  /** The document id of a workspace file, when it is an indexed source. */
  docIdOf(uri: vscode.Uri): string | undefined {
    return this.idsByUri.get(uri.toString());
  }

  /** The entities.yaml in force, if any (features that edit it write to this file). */
  get catalogUri(): vscode.Uri | undefined {
    return this.yaml.entities?.uri;
  }

  /** The sources.yaml in force, if any. */
  get sourcesYamlUri(): vscode.Uri | undefined {
    return this.yaml.sources?.uri;
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
    this.schedule();
  }

  // ---- discovery ----

  private idOf(uri: vscode.Uri): string {
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    return vscode.workspace.asRelativePath(uri, multiRoot).replace(/\\/g, '/');
  }

  private async exists(uri: vscode.Uri, type?: vscode.FileType): Promise<boolean> {
    try {
      const s = await vscode.workspace.fs.stat(uri);
      return type === undefined || (s.type & type) !== 0;
    } catch {
      return false;
    }
  }

  private async includeFor(folder: vscode.WorkspaceFolder): Promise<string> {
    const hasSources = await this.exists(vscode.Uri.joinPath(folder.uri, 'sources'), vscode.FileType.Directory);
    return this.config.includeFor(hasSources);
  }

  /** The source files of the workspace, by id. */
  private async listSources(): Promise<Map<string, vscode.Uri>> {
    const out = new Map<string, vscode.Uri>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const include = await this.includeFor(folder);
      const uris = await vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, include),
        new vscode.RelativePattern(folder, this.config.sourcesExclude),
      );
      for (const uri of uris) {
        const base = uri.path.slice(uri.path.lastIndexOf('/') + 1);
        if (base === YAML_NAMES.sources || base === YAML_NAMES.entities) continue;
        out.set(this.idOf(uri), uri);
      }
    }
    return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** sources.yaml / entities.yaml: in the sources folder, else the workspace root (first folder that has one). */
  private async findYaml(kind: Kind): Promise<YamlFile | undefined> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const uri of [vscode.Uri.joinPath(folder.uri, 'sources', YAML_NAMES[kind]), vscode.Uri.joinPath(folder.uri, YAML_NAMES[kind])]) {
        if (await this.exists(uri, vscode.FileType.File)) return { id: this.idOf(uri), uri };
      }
    }
    return undefined;
  }

  /** The text of a file as the editor shows it: the open buffer when it has unsaved edits, else the file on disk. */
  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    const r = await this.read(uri);
    if (r.why !== undefined) this.log.warn(`Skipping ${uri.fsPath}: ${r.why}.`);
    return r.text;
  }

  /** The text of a file, or why it cannot be had. */
  private async read(uri: vscode.Uri): Promise<{ text?: string; why?: string }> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) return { text: open.getText() };
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > MAX_BYTES) return { why: `${bytes.byteLength} bytes is more than ${MAX_BYTES}` };
      const decoded = decodeBytes(bytes);
      if (decoded.binary) return { why: `it is not a text file (${decoded.binary})` };
      const how = describeEncoding(decoded);
      if (how) this.log.info(`${uri.fsPath}: ${how}.`);
      return { text: decoded.text };
    } catch (e) {
      return { why: fsErrorMessage(e) };
    }
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

    const found = await this.listSources();
    await this.reloadYaml();

    const stale = [...this.docs.keys()].filter((id) => !found.has(id));
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
    const chunks: Promise<{ chunk: [string, vscode.Uri][]; texts: (string | undefined)[]; results: readonly Analysed[] }>[] = [];
    for (let i = 0; i < entries.length && !cancelled(); i += READ_CHUNK) {
      const chunk = entries.slice(i, i + READ_CHUNK);
      const texts = await Promise.all(chunk.map(([, uri]) => this.readText(uri)));
      const docs = chunk.flatMap(([id], k) => (texts[k] === undefined ? [] : [[id, texts[k]] as const]));
      chunks.push(this.analyser.analyse(docs, { onProgress, isCancelled: cancelled }).then((results) => ({ chunk, texts, results })));
    }
    const done = await Promise.all(chunks);
    if (cancelled()) {
      this.log.warn(`Indexing cancelled after ${analysed} of ${entries.length} documents; the index is unchanged.`);
      return;
    }
    const tApply = Date.now();
    this.corpus.batch(() => {
      for (const { chunk, texts, results } of done) {
        const byId = new Map(results.map((r) => [r.id, r] as const));
        chunk.forEach(([id, uri], k) => {
          const r = byId.get(id);
          if (texts[k] === undefined || !r) this.forget(id);
          else this.put(r, uri);
        });
      }
    });
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

  private put(a: Analysed, uri: vscode.Uri): void {
    try {
      this.analyser.put(a);
      this.docs.set(a.id, uri);
      this.idsByUri.set(uri.toString(), a.id);
    } catch (e) {
      this.log.error(`Cannot index ${a.id}:`, e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
  }

  /** Analyse again documents already in the index (their metadata or the pipeline changed), from their indexed text. */
  reanalyse(ids: readonly string[]): void {
    void this.enqueue(async () => {
      const docs = ids.flatMap((id) => {
        const text = this.corpus.text(id);
        return text === undefined ? [] : [[id, text] as const];
      });
      const results = await this.analyser.analyse(docs);
      this.corpus.batch(() => {
        for (const r of results) if (this.corpus.text(r.id) === r.text) this.analyser.put(r, true);
      });
    });
  }

  private forget(id: string): void {
    const uri = this.docs.get(id);
    if (!uri) return;
    this.corpus.removeDocument(id);
    this.docs.delete(id);
    this.idsByUri.delete(uri.toString());
    this.liveEdited.delete(id);
  }

  /** Find and load both YAML files (any of them may have appeared, moved or gone). */
  private async reloadYaml(): Promise<void> {
    for (const kind of ['sources', 'entities'] as const) {
      const file = await this.findYaml(kind);
      const old = this.yaml[kind];
      if (old && (!file || old.uri.toString() !== file.uri.toString())) {
        this.diagnostics.delete(old.uri);
        this.loadYaml(kind, old.id, undefined);
        delete this.yaml[kind];
      }
      if (file) {
        this.yaml[kind] = file;
        const r = await this.read(file.uri);
        if (r.why !== undefined) {
          // Unreadable: the last good version stays in force, and the user is told.
          const message = `${YAML_NAMES[kind]} could not be read (${r.why}); the last good version is kept.`;
          this.reportProblems(file.uri, [{ file: file.id, message, line: 0, character: 0, severity: 'error' }]);
          void vscode.window.showWarningMessage(`Source Research: ${message}`);
        } else this.loadYaml(kind, file.id, r.text, file.uri);
      }
    }
  }

  private loadYaml(kind: Kind, id: string, text: string | undefined, uri?: vscode.Uri): void {
    let problems: Problem[] = [];
    try {
      problems = kind === 'sources' ? this.corpus.loadSources(id, text) : this.corpus.loadCatalog(id, text);
    } catch (e) {
      this.log.error(`Cannot load ${id}:`, e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
    if (uri) this.reportProblems(uri, problems);
  }

  private reportProblems(uri: vscode.Uri, problems: readonly Problem[]): void {
    this.diagnostics.set(
      uri,
      problems.map((p) => {
        const d = new vscode.Diagnostic(
          problemRange(p),
          p.message,
          p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'Source Research';
        return d;
      }),
    );
    for (const p of problems) this.log.warn(`${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}`);
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

    // Which sources exist now: a cheap listing, no reads. New files are read, gone ones removed.
    const found = await this.listSources();
    const toRead = new Map<string, vscode.Uri>();
    for (const [id, uri] of found) if (!this.docs.has(id)) toRead.set(id, uri);
    for (const uri of changed) {
      const id = this.idOf(uri);
      if (found.has(id)) toRead.set(id, uri);
    }
    const gone = [...this.docs.keys()].filter((id) => !found.has(id));
    const reads = [...toRead];
    const texts = await Promise.all(reads.map(([, uri]) => this.readText(uri)));
    const results = new Map((await this.analyser.analyse(reads.flatMap(([id], k) => (texts[k] === undefined ? [] : [[id, texts[k]] as const])))).map((r) => [r.id, r] as const));

    this.corpus.batch(() => {
      for (const id of gone) this.forget(id);
      reads.forEach(([id, uri], k) => {
        const r = results.get(id);
        if (texts[k] === undefined || !r) this.forget(id);
        else this.put(r, uri);
      });
    });
    if (yamlChanged || deleted.length) await this.reloadYaml();
    if (toRead.size || gone.length) this.log.info(`Re-indexed ${toRead.size} and removed ${gone.length} documents.`);
  }

  // ---- watching ----

  /** (Re)create the file watchers for the current settings. */
  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const add = (w: vscode.FileSystemWatcher, onEvent: (uri: vscode.Uri, what: 'create' | 'change' | 'delete') => void): void => {
      this.watchers.push(w, w.onDidCreate((u) => onEvent(u, 'create')), w.onDidChange((u) => onEvent(u, 'change')), w.onDidDelete((u) => onEvent(u, 'delete')));
    };
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // Sources: any text or markdown file (the include/exclude settings are applied on the listing).
      add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*.{txt,md,markdown}')), (uri, what) => {
        if (what === 'delete') this.deleted.push(uri);
        else this.changed.set(uri.toString(), uri);
        this.schedule();
      });
      // A custom include may name other extensions.
      const custom = this.config.sourcesInclude;
      if (custom) {
        add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, custom)), (uri, what) => {
          if (what === 'delete') this.deleted.push(uri);
          else this.changed.set(uri.toString(), uri);
          this.schedule();
        });
      }
      add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '{sources.yaml,entities.yaml,sources/sources.yaml,sources/entities.yaml}')), () => {
        this.yamlChanged = true;
        this.schedule();
      });
      // The sources folder itself appearing or going changes the default include; a deleted folder takes its files along.
      add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), false, true, false), (uri, what) => {
        if (what === 'delete') {
          this.deleted.push(uri);
          this.yamlChanged = true;
          this.schedule();
        } else if (uri.path.endsWith('/sources')) {
          this.yamlChanged = true;
          this.schedule();
        }
      });
    }
  }

  // ---- live edits ----

  private onEdit(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const id = this.idsByUri.get(key);
    const kind = (['sources', 'entities'] as const).find((k) => this.yaml[k]?.uri.toString() === key);
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
            const [r] = await this.analyser.analyse([[id, text]], { useCache: !doc.isDirty });
            const t1 = Date.now();
            if (r && this.docs.has(id)) this.analyser.put(r);
            this.log.info(`Re-indexed ${id} after an edit: analysis ${t1 - t0} ms, merge ${Date.now() - t1} ms.`);
            if (doc.isDirty) this.liveEdited.add(id);
            else this.liveEdited.delete(id);
          } else if (kind) {
            const file = this.yaml[kind];
            if (file) this.loadYaml(kind, file.id, doc.getText(), file.uri);
          }
        });
      }, DEBOUNCE_MS),
    );
  }

  /** A source closed with unsaved edits goes back to what is on disk. */
  private onClose(doc: vscode.TextDocument): void {
    const id = this.idsByUri.get(doc.uri.toString());
    const isYaml = (['sources', 'entities'] as const).some((k) => this.yaml[k]?.uri.toString() === doc.uri.toString());
    if ((id !== undefined && this.liveEdited.has(id)) || isYaml) {
      if (id !== undefined) this.changed.set(doc.uri.toString(), doc.uri);
      if (isYaml) this.yamlChanged = true;
      this.schedule();
    }
  }
}
