/**
 * A real PostgreSQL server for the tests and the benchmark: Debian's `postgresql` binaries, a
 * temporary data directory, TCP on a free loopback port only, password authentication
 * (scram-sha-256). As root, initdb and pg_ctl run as the unprivileged `postgres` user (PostgreSQL
 * refuses to run as root). stop() shuts the server down and removes the directory; it is also
 * called on process exit and on SIGINT/SIGTERM, so no server outlives its run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

export interface TempPostgres {
  /** postgres://sr@127.0.0.1:PORT/sr, without the password. */
  readonly url: string;
  /** The same URL with the password in it. */
  readonly urlWithPassword: string;
  readonly password: string;
  readonly port: number;
  stop(): void;
}

/** The newest /usr/lib/postgresql/<version>/bin, or the directory of pg_ctl on PATH. */
export function findPostgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(path.join(base, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(base, versions[0], 'bin');
  }
  const r = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? path.dirname(r.stdout.trim()) : undefined;
}

const running = new Set<TempPostgres>();
let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const s of [...running]) s.stop();
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const s of [...running]) s.stop();
      process.exit(130);
    });
  }
}

/** Start a throwaway server. Throws with a clear message when PostgreSQL is not installed. */
export async function startPostgres(): Promise<TempPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian: apt-get install -y postgresql); the shared-index tests need its initdb and pg_ctl');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sr-pg-'));
  const data = path.join(dir, 'data');
  const password = `pw-${Math.random().toString(36).slice(2, 10)}`;
  const pwfile = path.join(dir, 'pwfile');
  writeFileSync(pwfile, password + '\n');
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (tool: string, args: string[]) => {
    const cmd = asRoot ? 'runuser' : path.join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', PGPASSWORD: password } });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const port = await freePort();
  let started = false;
  const server: TempPostgres = {
    url: `postgres://sr@127.0.0.1:${port}/sr`,
    urlWithPassword: `postgres://sr:${password}@127.0.0.1:${port}/sr`,
    password,
    port,
    stop: () => {
      if (!running.delete(server)) return;
      if (started) {
        try {
          run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
        } catch {
          // Already gone: nothing to stop.
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(server);
  hookExit();
  try {
    run('initdb', ['-D', data, '-U', 'sr', '--pwfile', pwfile, '--auth', 'scram-sha-256', '-E', 'UTF8', '--no-sync']);
    // Loopback TCP only; the Unix socket goes in the temporary directory, not /var/run.
    const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=40`;
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
    started = true;
    run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'sr', 'sr']);
  } catch (e) {
    server.stop();
    throw e;
  }
  return server;
}
