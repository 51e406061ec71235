import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import 'reflect-metadata';
import { createDataSource } from '../../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/database/embedded';
import { TEST_DB_PREFIX, withAdmin } from './test-db';

declare global {
  // eslint-disable-next-line no-var
  var __ITAM_EMBEDDED__: EmbeddedServer | undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Finds the PostgreSQL server for the tests (TEST_DATABASE_URL, DATABASE_URL, or
 * an embedded one under ./.data/test-pg) and builds the template database that
 * every test file copies: migrations run once per run.
 */
export default async function globalSetup(): Promise<void> {
  let url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) {
    // One throwaway cluster per run, so that concurrent runs never share a data directory.
    const dir = path.resolve(__dirname, '..', '..', '.data', 'test-pg', `run-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    process.env.ITAM_TEST_EMBEDDED_DIR = dir;
    const embedded = await startEmbeddedPostgres({
      dir,
      port: await freePort(),
      database: 'postgres',
      // A throwaway cluster: durability is not wanted, speed is.
      serverFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    });
    globalThis.__ITAM_EMBEDDED__ = embedded;
    url = embedded.url;
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  process.env.ITAM_TEST_ADMIN_URL = admin.toString();

  // Leftovers of runs that were killed: only our prefix, only if idle for an hour.
  await withAdmin(async (c) => {
    // Age from the creation of the database's directory (superuser-only function; the test server's user is one).
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database
        WHERE datname LIKE $1 AND datname NOT LIKE $2
          AND (pg_stat_file('base/' || oid || '/PG_VERSION')).modification < now() - interval '1 hour'`,
      [`${TEST_DB_PREFIX}%`, `${TEST_DB_PREFIX}template%`],
    ).catch(() => ({ rows: [] as Array<{ datname: string }> }));
    for (const r of rows) {
      const { rows: active } = await c.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1`, [r.datname]);
      if (active.length === 0 && /^itam_test_[0-9a-f]{12}$/.test(r.datname)) {
        await c.query(`DROP DATABASE IF EXISTS ${r.datname}`).catch(() => undefined);
      }
    }
  });

  const migrationsDir = path.resolve(__dirname, '..', '..', 'migrations');
  const hash = crypto.createHash('sha256');
  for (const f of fs.readdirSync(migrationsDir).sort()) hash.update(f).update(fs.readFileSync(path.join(migrationsDir, f)));
  const template = `${TEST_DB_PREFIX}template_${hash.digest('hex').slice(0, 12)}`;
  process.env.ITAM_TEST_TEMPLATE = template;

  const exists = await withAdmin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount === 1);
  if (!exists) {
    const building = `${template}_building_${process.pid}`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${building}`));
    const dbUrl = new URL(admin);
    dbUrl.pathname = `/${building}`;
    const ds = createDataSource({ url: dbUrl.toString(), poolMax: 1 });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    await withAdmin(async (c) => {
      await c.query(`ALTER DATABASE ${building} RENAME TO ${template}`).catch(async (err: { code?: string }) => {
        // Another run built the same template meanwhile.
        if (err.code === '42P04') await c.query(`DROP DATABASE ${building}`);
        else throw err;
      });
    });
  }
}
