/**
 * Connecting to the shared index: the URL is checked before anything is sent, the password comes
 * from the caller (VS Code's SecretStorage, PGPASSWORD, ~/.pgpass) or the URL, and every failure
 * becomes a DbError with a one-line message a user can act on (never a stack trace).
 */
import pg from 'pg';

/** Why a database operation failed, and the exit code the CLI gives it. */
export type DbErrorKind = 'url' | 'unreachable' | 'auth' | 'schema' | 'query';

/** Exit codes of `index` and `query` (see the README): 2 usage or bad URL, 3 server unreachable or login refused, 4 schema too new, 5 other database error. */
export const EXIT_CODES: Record<DbErrorKind, number> = { url: 2, unreachable: 3, auth: 3, schema: 4, query: 5 };

export class DbError extends Error {
  constructor(
    readonly kind: DbErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export interface DbTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user?: string;
  /** The password written in the URL, if any (discouraged: use PGPASSWORD, ~/.pgpass or the editor's password command). */
  readonly password?: string;
  /** The URL without the password, safe to show and to use as a key. */
  readonly display: string;
  readonly ssl?: boolean;
}

/** Parse and check a postgres:// (or postgresql://) URL. Throws DbError('url'). */
export function parseDbUrl(url: string): DbTarget {
  const raw = url.trim();
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new DbError('url', `'${redact(raw)}' is not a database URL (expected postgres://user@host:port/database)`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new DbError('url', `'${redact(raw)}' is not a PostgreSQL URL: it must start with postgres:// or postgresql://`);
  }
  if (!u.hostname) throw new DbError('url', `'${redact(raw)}' has no host (expected postgres://user@host:port/database)`);
  const port = u.port ? Number(u.port) : 5432;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new DbError('url', `'${redact(raw)}' has an invalid port`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) throw new DbError('url', `'${redact(raw)}' names no database (expected postgres://user@host:port/database)`);
  const sslmode = u.searchParams.get('sslmode');
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const user = u.username ? decodeURIComponent(u.username) : undefined;
  const display = `postgres://${user ? encodeURIComponent(user) + '@' : ''}${u.host}/${encodeURIComponent(database)}${sslmode ? `?sslmode=${sslmode}` : ''}`;
  return {
    host,
    port,
    database,
    user,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    display,
    ssl: sslmode !== null && sslmode !== 'disable' ? true : undefined,
  };
}

/** The URL with any password replaced by ***. */
export function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

export interface ConnectOptions {
  /** Overrides the URL's password (e.g. from SecretStorage). Else the URL's, else PGPASSWORD / ~/.pgpass. */
  password?: string;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
  connectTimeoutMs?: number;
}

/** Open one connection. Throws DbError with a clear message. */
export async function connect(url: string, options: ConnectOptions = {}): Promise<pg.Client> {
  const t = parseDbUrl(url);
  const client = new pg.Client({
    host: t.host,
    port: t.port,
    database: t.database,
    user: t.user,
    password: options.password ?? t.password ?? process.env.PGPASSWORD,
    ssl: t.ssl,
    application_name: options.applicationName ?? 'source-research',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  });
  // A dropped connection emits 'error' on the client; without a listener Node would crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw describeError(e, t.display);
  }
  return client;
}

/** Turn a pg / network error into a DbError whose message names the server and the cause. */
export function describeError(e: unknown, where: string): DbError {
  if (e instanceof DbError) return e;
  const err = e as { code?: string; message?: string };
  const msg = err?.message ?? String(e);
  const code = err?.code ?? '';
  if (code === 'ECONNREFUSED') return new DbError('unreachable', `cannot reach the database server at ${where}: connection refused (is PostgreSQL running and listening there?)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new DbError('unreachable', `cannot reach the database server at ${where}: unknown host`);
  if (code === 'ETIMEDOUT' || /timeout/i.test(msg)) return new DbError('unreachable', `cannot reach the database server at ${where}: timed out`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET') return new DbError('unreachable', `cannot reach the database server at ${where}: ${code}`);
  if (code === '28P01' || code === '28000' || /password must be a string|no password|SASL/i.test(msg)) {
    return new DbError('auth', `the database server at ${where} refused the login: ${/must be a string/.test(msg) ? 'a password is required' : msg}`);
  }
  if (code === '3D000') return new DbError('unreachable', `the database server at ${where} has no such database (${msg})`);
  if (code === '42501') return new DbError('auth', `the database user may not do this at ${where}: ${msg}`);
  return new DbError('query', `database error at ${where}: ${msg}`);
}

/** Run fn with a connection, closing it whatever happens; errors become DbErrors. */
export async function withClient<T>(url: string, options: ConnectOptions, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url, options);
  try {
    return await fn(client);
  } catch (e) {
    throw describeError(e, parseDbUrl(url).display);
  } finally {
    await client.end().catch(() => undefined);
  }
}
