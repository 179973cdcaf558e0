/**
 * The workspace corpus's indexing queue (workspaceCorpus.ts): indexing passes (a full index, the
 * changes the watchers reported, a live edit, a re-analysis) run one at a time, in the order asked.
 * A failed pass is logged and does not stop the ones after it; each pass ends with `onDidRun`.
 */
import type { Log } from '../log';

export class IndexingQueue {
  private last: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly log: Log,
    /** Called after each task (failed ones too), unless the queue was disposed meanwhile. */
    private readonly onDidRun: () => void,
  ) {}

  /** The last task queued (it settles when everything queued so far has run). */
  get tail(): Promise<void> {
    return this.last;
  }

  /** Run a task in the indexing queue: after what is queued, before what comes next. */
  enqueue(task: () => Thenable<void> | Promise<void>): Promise<void> {
    const next = this.last.then(async () => {
      if (this.disposed) return;
      try {
        await task();
      } catch (e) {
        this.log.error('Indexing failed:', e instanceof Error ? (e.stack ?? e.message) : String(e));
      }
      this.onDidRun();
    });
    this.last = next;
    return next;
  }

  /** Tasks still waiting are skipped. */
  dispose(): void {
    this.disposed = true;
  }
}
