/**
 * The shared team index: with `sourceResearch.index.database` set, the tree, hovers, search and
 * navigation read the PostgreSQL index together with the local folder (read-only). The password
 * lives in VS Code's SecretStorage ("Source Research: Set Shared Index Password…"), never in
 * settings. Documents only the shared index has open as read-only virtual documents. The snapshot
 * is loaded once the local folder is indexed, and again when a writer commits (LISTEN/NOTIFY),
 * on Re-index Sources, and when the setting or password changes.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import * as vscode from 'vscode';
import type { OverlayCorpus } from '../core/index/overlay';
import { RemoteIndex } from '../core/index/remote';
import { connect, DbError, parseDbUrl } from '../node/db/connect';
import { checkSchema, NOTIFY_CHANNEL } from '../node/db/migrations';
import { loadSnapshot } from '../node/db/reader';
import type { FeatureDeps } from './deps';
import { SHARED_SCHEME } from './entityLocations';

export const SET_PASSWORD_COMMAND = 'sourceResearch.index.setPassword';
export const CLEAR_PASSWORD_COMMAND = 'sourceResearch.index.clearPassword';
const RELOAD_DELAY_MS = 1000;
const RETRY_MS = 30_000;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The state of the shared index, for the tests and the log. */
export interface SharedIndexStatus {
  readonly state: 'off' | 'loading' | 'ready' | 'error';
  readonly url?: string;
  readonly documents?: number;
  readonly entities?: number;
  readonly message?: string;
}

export class SharedIndex implements vscode.Disposable, vscode.TextDocumentContentProvider {
  private status_: SharedIndexStatus = { state: 'off' };
  private listener: pg.Client | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private loading: Promise<void> = Promise.resolve();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private disposed = false;

  constructor(
    private readonly deps: FeatureDeps,
    private readonly overlay: OverlayCorpus,
  ) {}

  get status(): SharedIndexStatus {
    return this.status_;
  }

  /** Settles when the current load has finished (whatever its outcome). */
  whenLoaded(): Promise<void> {
    return this.loading;
  }

  private secretKey(display: string): string {
    return `sourceResearch.index.password:${display}`;
  }

  // ------------------------------------------------------------ documents

  uriOf(docId: string): vscode.Uri | undefined {
    return this.overlay.isShared(docId) ? vscode.Uri.from({ scheme: SHARED_SCHEME, path: '/' + docId }) : undefined;
  }

  docIdOf(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== SHARED_SCHEME) return undefined;
    const id = uri.path.replace(/^\//, '');
    return this.overlay.isShared(id) ? id : undefined;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = uri.path.replace(/^\//, '');
    return this.overlay.isShared(id) ? (this.overlay.text(id) ?? '') : `This document is no longer in the shared index (${id}).`;
  }

  // ------------------------------------------------------------ loading

  /** (Re)load the snapshot now; settings or password changes start a fresh load. */
  reload(): Promise<void> {
    const gen = ++this.generation;
    const run = this.deps.config.indexDatabase
      ? vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Source Research: loading the shared index' }, () => this.load(gen))
      : this.load(gen);
    this.loading = Promise.resolve(run).catch((e: unknown) => this.deps.log.error(`shared index: ${e instanceof Error ? e.message : String(e)}`));
    return this.loading;
  }

  private scheduleReload(delay = RELOAD_DELAY_MS): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload();
    }, delay);
  }

  private async load(gen: number): Promise<void> {
    await this.stopListening();
    const url = this.deps.config.indexDatabase;
    if (!url) {
      this.status_ = { state: 'off' };
      this.overlay.setRemote(undefined);
      return;
    }
    let display = url;
    try {
      const target = parseDbUrl(url);
      display = target.display;
      if (target.password) throw new DbError('url', 'the setting sourceResearch.index.database holds a password: remove it from the URL and use "Source Research: Set Shared Index Password…"');
      this.status_ = { state: 'loading', url: display };
      const password = await this.deps.context.secrets.get(this.secretKey(display));
      // The local folder first: its documents shadow the shared ones, and their texts need not be loaded twice.
      await this.deps.sources.whenIdle();
      const local = new Set(this.overlay.documents().filter((d) => !this.overlay.isShared(d.id)).map((d) => sha256(this.overlay.text(d.id) ?? '')));
      const t0 = Date.now();
      const client = await connect(url, { password, applicationName: 'source-research vscode' });
      try {
        await checkSchema(client);
        const snapshot = await loadSnapshot(client, { skipHashes: local });
        if (gen !== this.generation || this.disposed) return;
        const remote = new RemoteIndex(snapshot);
        this.overlay.setRemote(remote);
        this.status_ = { state: 'ready', url: display, documents: remote.documents.size, entities: remote.entities.size };
        this.deps.log.info(`shared index ${display}: ${remote.documents.size} documents, ${remote.entities.size} entities (${Date.now() - t0} ms)`);
        for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === SHARED_SCHEME) this.changeEmitter.fire(doc.uri);
      } finally {
        await client.end().catch(() => undefined);
      }
      // Without the listening connection the snapshot stays; Re-index Sources or the retry reloads it.
      await this.listen(url, password, gen).catch((e: unknown) => {
        this.deps.log.warn(`shared index: cannot listen for new indexing runs (${e instanceof Error ? e.message : String(e)}); retrying in ${RETRY_MS / 1000} s`);
        this.scheduleReload(RETRY_MS);
      });
    } catch (e) {
      if (gen !== this.generation || this.disposed) return;
      const err = e instanceof DbError ? e : new DbError('query', e instanceof Error ? e.message : String(e));
      this.status_ = { state: 'error', url: display, message: err.message };
      this.overlay.setRemote(undefined);
      this.deps.log.warn(`shared index: ${err.message}`);
      void this.report(err);
      if (err.kind === 'unreachable') this.scheduleReload(RETRY_MS);
    }
  }

  private async report(err: DbError): Promise<void> {
    const actions = err.kind === 'auth' ? ['Set Password…', 'Show Log'] : ['Retry', 'Show Log'];
    const pick = await vscode.window.showWarningMessage(`Source Research: the shared index is not available: ${err.message}`, ...actions);
    if (pick === 'Set Password…') await vscode.commands.executeCommand(SET_PASSWORD_COMMAND);
    else if (pick === 'Retry') await this.reload();
    else if (pick === 'Show Log') this.deps.log.show();
  }

  /** Keep one connection that hears the writers' NOTIFY, to reload after each committed run. */
  private async listen(url: string, password: string | undefined, gen: number): Promise<void> {
    const client = await connect(url, { password, applicationName: 'source-research vscode (listen)' });
    if (gen !== this.generation || this.disposed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    client.on('notification', (n) => {
      if (n.channel === NOTIFY_CHANNEL) this.scheduleReload();
    });
    client.on('error', () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.deps.log.warn('shared index: the connection was lost; reconnecting');
      this.scheduleReload(RETRY_MS);
    });
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
  }

  private async stopListening(): Promise<void> {
    const c = this.listener;
    this.listener = undefined;
    await c?.end().catch(() => undefined);
  }

  // ------------------------------------------------------------ password

  async setPassword(given?: string): Promise<void> {
    const url = this.deps.config.indexDatabase;
    if (!url) {
      void vscode.window.showInformationMessage('Source Research: set sourceResearch.index.database to the URL of the shared index first (postgres://user@host:port/database).');
      return;
    }
    let display: string;
    try {
      display = parseDbUrl(url).display;
    } catch (e) {
      void vscode.window.showErrorMessage(`Source Research: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const password =
      given ??
      (await vscode.window.showInputBox({
        title: 'Shared Index Password',
        prompt: `Password for ${display} (kept in VS Code's secret storage)`,
        password: true,
        ignoreFocusOut: true,
      }));
    if (password === undefined) return;
    await this.deps.context.secrets.store(this.secretKey(display), password);
    await this.reload();
  }

  async clearPassword(): Promise<void> {
    const url = this.deps.config.indexDatabase;
    if (!url) return;
    try {
      await this.deps.context.secrets.delete(this.secretKey(parseDbUrl(url).display));
    } catch {
      // A bad URL has no stored password.
    }
    await this.reload();
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    void this.stopListening();
    this.changeEmitter.dispose();
  }
}

export function registerSharedIndex(deps: FeatureDeps, overlay: OverlayCorpus): { shared: SharedIndex; disposable: vscode.Disposable } {
  const shared = new SharedIndex(deps, overlay);
  deps.sources.setSharedDocuments(shared);
  let lastUrl = deps.config.indexDatabase;
  const disposable = vscode.Disposable.from(
    shared,
    vscode.workspace.registerTextDocumentContentProvider(SHARED_SCHEME, shared),
    vscode.commands.registerCommand(SET_PASSWORD_COMMAND, (password?: unknown) => shared.setPassword(typeof password === 'string' ? password : undefined)),
    vscode.commands.registerCommand(CLEAR_PASSWORD_COMMAND, () => shared.clearPassword()),
    deps.config.onDidChange(() => {
      const url = deps.config.indexDatabase;
      if (url === lastUrl) return;
      lastUrl = url;
      void shared.reload();
    }),
    deps.context.secrets.onDidChange((e) => {
      if (e.key.startsWith('sourceResearch.index.password:')) void shared.reload();
    }),
    { dispose: () => deps.sources.setSharedDocuments(undefined) },
  );
  if (lastUrl) void shared.reload();
  return { shared, disposable };
}
