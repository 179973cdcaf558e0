/**
 * Extra sections of `npm run bench`, run after the built-in ones on the same corpus. To add figures
 * (e.g. PostgreSQL ingest MB/s and query p50/p99 from src/node/db/), append a section here:
 *
 *   import { postgresBench } from './db/bench';
 *   export const EXTRA_SECTIONS: BenchSection[] = [postgresBench];
 *
 * A section prints its own "## title" and lines through ctx.print, and skips itself (printing why)
 * when what it needs (a server, an environment variable) is not there.
 */
import { spawn } from 'node:child_process';

export interface BenchContext {
  /** The corpus folder, its source files (relative ids, sorted), their texts and total bytes. */
  readonly root: string;
  readonly files: readonly string[];
  readonly texts: ReadonlyMap<string, string>;
  readonly bytes: number;
  readonly print: (line: string) => void;
  /** Percentile of a list of numbers. */
  readonly pct: (xs: readonly number[], p: number) => number;
}

export interface BenchSection {
  readonly title: string;
  run(ctx: BenchContext): Promise<void>;
}

/** The shared team index on PostgreSQL (scripts/bench-db.ts, `npm run bench:db`), on the same folder. */
const postgresBench: BenchSection = {
  title: 'PostgreSQL shared index',
  run: (ctx) =>
    new Promise<void>((resolve) => {
      ctx.print('## PostgreSQL shared index (npm run bench:db)');
      const child = spawn('npm', ['run', '-s', 'bench:db', '--', ctx.root], { stdio: 'inherit' });
      child.on('error', (err) => {
        ctx.print(`bench:db could not start: ${err.message}`);
        resolve();
      });
      child.on('exit', (code) => {
        if (code) ctx.print(`bench:db exited with status ${code}`);
        resolve();
      });
    }),
};

export const EXTRA_SECTIONS: BenchSection[] = [postgresBench];
