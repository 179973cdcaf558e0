/**
 * The progress of a full index of the workspace corpus (workspaceCorpus.ts) in its notification:
 * "n/total documents" every `every` documents analysed (and at the last), and the file reader's own
 * messages (a PDF page being recognised).
 */
import type * as vscode from 'vscode';

export class IndexProgress {
  private analysed = 0;

  constructor(
    private readonly progress: vscode.Progress<{ message?: string; increment?: number }>,
    private readonly total: number,
    private readonly every: number,
  ) {}

  /** Documents analysed so far. */
  get count(): number {
    return this.analysed;
  }

  /** One more document analysed. */
  readonly documentDone = (): void => {
    this.analysed++;
    if (this.analysed % this.every === 0 || this.analysed === this.total) {
      this.progress.report({ message: `${this.analysed}/${this.total} documents`, increment: (100 * this.every) / Math.max(1, this.total) });
    }
  };

  /** A message from the reading of a file. */
  readonly message = (message: string): void => {
    this.progress.report({ message });
  };
}
