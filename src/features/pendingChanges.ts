/**
 * What the file watchers and the editors reported since the last indexing pass of the workspace
 * corpus (workspaceCorpus.ts): changed and deleted files, a YAML change, a new listing needed. The
 * pass runs once the reports stop for DEBOUNCE_MS (a save, a checkout or a copy of many files
 * makes one pass).
 */
import type * as vscode from 'vscode';

/** Delay before changed files (watcher events, edits) are re-read. */
export const DEBOUNCE_MS = 300;

export interface Changes {
  /** Files created or changed. */
  readonly changed: vscode.Uri[];
  /** Files and folders deleted. */
  readonly deleted: vscode.Uri[];
  /** sources.yaml or entities.yaml changed (or may have: a folder holding them came or went). */
  readonly yamlChanged: boolean;
  /** The settings or the workspace folders changed: list the sources and set the watchers again. */
  readonly rescanNeeded: boolean;
}

export class PendingChanges implements vscode.Disposable {
  private changed = new Map<string, vscode.Uri>();
  private deleted: vscode.Uri[] = [];
  private yaml = false;
  private rescan = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** Called when the reports have stopped for `delayMs`. */
    private readonly onDue: () => void,
    private readonly delayMs = DEBOUNCE_MS,
  ) {}

  fileChanged(uri: vscode.Uri): void {
    this.changed.set(uri.toString(), uri);
  }

  fileDeleted(uri: vscode.Uri): void {
    this.deleted.push(uri);
  }

  yamlChanged(): void {
    this.yaml = true;
  }

  rescanNeeded(): void {
    this.rescan = true;
  }

  /** (Re)start the timer: onDue runs DEBOUNCE_MS after the last call. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onDue();
    }, this.delayMs);
  }

  /** Is the timer running (a pass is due)? */
  get waiting(): boolean {
    return this.timer !== undefined;
  }

  /** What was reported, and start afresh. */
  take(): Changes {
    const changes = { changed: [...this.changed.values()], deleted: this.deleted, yamlChanged: this.yaml, rescanNeeded: this.rescan };
    this.clear();
    return changes;
  }

  /** Forget the reports (a full index reads everything); a running timer still fires. */
  clear(): void {
    this.changed = new Map();
    this.deleted = [];
    this.yaml = false;
    this.rescan = false;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
