/**
 * Edits to open sources and YAML files reach the workspace corpus (workspaceCorpus.ts) before they
 * are saved: DEBOUNCE_MS after the last keystroke in a source, the recognisers run on the buffer in
 * a worker and the host merges the result; an edited sources.yaml or entities.yaml is loaded again
 * (and a changed exclude list changes which files are sources). A source closed with unsaved edits
 * goes back to what is on disk.
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/index/api';
import type { SourceSet } from '../core/sources/sourceSet';
import type { Log } from '../log';
import type { IndexingQueue } from './indexingQueue';
import { DEBOUNCE_MS, type PendingChanges } from './pendingChanges';
import type { SourceDocuments } from './sourceDocuments';
import { NO_CACHE_ABOVE, type DocumentAnalyser, type Kind } from './sourceFiles';
import type { WorkspaceYaml } from './workspaceYaml';

export interface LiveEditDeps {
  readonly corpus: Pick<Corpus, 'text'>;
  readonly analyser: DocumentAnalyser;
  readonly documents: SourceDocuments;
  readonly yaml: WorkspaceYaml;
  readonly sourceSet: SourceSet;
  readonly queue: IndexingQueue;
  /** Where a closed source's file goes to be read again. */
  readonly changes: PendingChanges;
  /** Re-read what changed (after an edit changed the exclude list of sources.yaml). */
  readonly applyChanges: () => Promise<void>;
  readonly log: Log;
}

export class LiveEdits implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: LiveEditDeps) {
    this.subscriptions = [vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e.document)), vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d))];
  }

  /** Edits waiting for their debounce timer. */
  get pending(): number {
    return this.timers.size;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
  }

  private onEdit(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const id = this.deps.documents.docIdOf(doc.uri);
    const kind = this.deps.yaml.kindOf(doc.uri);
    if (id === undefined && kind === undefined) return;
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.deps.queue.enqueue(async () => {
          if (doc.isClosed) return;
          if (id !== undefined && this.deps.documents.has(id)) await this.reindexSource(id, doc);
          else if (kind) await this.reloadYaml(kind, doc);
        });
      }, DEBOUNCE_MS),
    );
  }

  /** The recognisers run in a worker: the host only merges the result. */
  private async reindexSource(id: string, doc: vscode.TextDocument): Promise<void> {
    const { corpus, analyser, documents } = this.deps;
    const text = doc.getText();
    if (corpus.text(id) === text) return;
    const t0 = Date.now();
    const [r] = await analyser.analyse([[id, text]], { useCache: !doc.isDirty && text.length <= NO_CACHE_ABOVE });
    const t1 = Date.now();
    if (r) await analyser.prepare?.(r);
    if (r && documents.has(id)) analyser.put(r);
    this.deps.log.info(`Re-indexed ${id} after an edit: analysis ${t1 - t0} ms, merge ${Date.now() - t1} ms.`);
    documents.setLiveEdited(id, doc.isDirty);
  }

  private async reloadYaml(kind: Kind, doc: vscode.TextDocument): Promise<void> {
    const { yaml, sourceSet } = this.deps;
    const file = yaml.files[kind];
    const before = sourceSet.excludedIds().join('\n');
    if (file) yaml.load(kind, file.id, doc.getText(), file.uri);
    // A changed exclude list changes which files are sources.
    if (kind === 'sources' && sourceSet.excludedIds().join('\n') !== before) await this.deps.applyChanges();
  }

  /** A source closed with unsaved edits goes back to what is on disk. */
  private onClose(doc: vscode.TextDocument): void {
    const id = this.deps.documents.docIdOf(doc.uri);
    const isYaml = this.deps.yaml.kindOf(doc.uri) !== undefined;
    if ((id !== undefined && this.deps.documents.isLiveEdited(id)) || isYaml) {
      if (id !== undefined) this.deps.changes.fileChanged(doc.uri);
      if (isYaml) this.deps.changes.yamlChanged();
      this.deps.changes.schedule();
    }
  }
}
