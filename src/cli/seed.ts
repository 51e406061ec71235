/**
 * Fills a database with deterministic demo data (`npm run seed`):
 *
 *   npm run seed                                  # 300 assets and everything around them
 *   npm run seed -- --scale 100000                # 100k assets, 10k people, ~1M custody events
 *   npm run seed -- --scale 300 --seed 7 --today 2025-01-15 --reset
 *
 * Target: DATABASE_URL, or the embedded PostgreSQL of `npm start` (DATA_DIR/pg; reused when
 * it is already running). Migrations are applied first. The database must hold no data
 * unless --reset is given, which drops and recreates the public schema.
 */
import 'reflect-metadata';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config';
import { createDataSource } from '../database/data-source';
import { startEmbeddedPostgres, type EmbeddedServer } from '../database/embedded';
import { NotEmptyError, seedDatabase } from './seed/seeder';

const USAGE = `Usage: npm run seed -- [--scale N] [--seed S] [--today YYYY-MM-DD] [--reset]

  --scale N      number of assets (default 300; 50 to 1000000; "100k" works); people, locations,
                 contracts, custody events and seats follow from it
  --seed S       any text (default 1): the same seed, scale and --today give identical rows
  --today D      the date the data is spread around (default: today, UTC)
  --reset        drop and recreate the public schema first (all data in it is lost)

Target: DATABASE_URL, else the embedded PostgreSQL in DATA_DIR/pg (as npm start uses).`;

interface Args {
  scale: number;
  seed: string;
  today: string;
  reset: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | null {
  const args: Args = { scale: 300, seed: '1', today: new Date().toISOString().slice(0, 10), reset: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--scale': {
        const raw = value();
        const m = /^(\d+)(k)?$/i.exec(raw.replace(/_/g, ''));
        const n = m ? Number(m[1]) * (m[2] ? 1000 : 1) : NaN;
        if (!Number.isInteger(n) || n < 50 || n > 1_000_000) throw new UsageError(`--scale must be a whole number from 50 to 1000000 (got "${raw}")`);
        args.scale = n;
        break;
      }
      case '--seed':
        args.seed = value();
        if (!args.seed.trim()) throw new UsageError('--seed cannot be empty');
        break;
      case '--today': {
        const d = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) {
          throw new UsageError(`--today must be a date YYYY-MM-DD (got "${d}")`);
        }
        args.today = d;
        break;
      }
      case '--reset':
        args.reset = true;
        break;
      case '--help':
      case '-h':
        return null;
      default:
        throw new UsageError(`unknown argument ${argv[i]}`);
    }
  }
  return args;
}

/** An embedded server that `npm start` already runs is used as it is; otherwise one is started for the seed. */
async function embeddedUrl(dataDir: string, port: number): Promise<{ url: string; server?: EmbeddedServer }> {
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/itam`;
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await probe.connect();
    await probe.end();
    return { url };
  } catch {
    await probe.end().catch(() => undefined);
  }
  const server = await startEmbeddedPostgres({ dir: path.join(dataDir, 'pg'), port, database: 'itam' });
  return { url: server.url, server };
}

/** Drops everything in the public schema and recreates it as PostgreSQL 15 creates it. */
async function resetSchema(client: Client): Promise<void> {
  const { rows } = await client.query<{ db: string; v: number }>('SELECT current_database() AS db, current_setting(\'server_version_num\')::int AS v');
  if (rows[0].db === 'postgres' || rows[0].db.startsWith('template')) {
    throw new Error(`--reset refuses to empty the "${rows[0].db}" database: point DATABASE_URL at a database of its own`);
  }
  await client.query('DROP SCHEMA public CASCADE');
  if (rows[0].v >= 150000) {
    await client.query('CREATE SCHEMA public AUTHORIZATION pg_database_owner');
    await client.query('GRANT USAGE ON SCHEMA public TO PUBLIC');
  } else {
    await client.query('CREATE SCHEMA public');
    await client.query('GRANT ALL ON SCHEMA public TO PUBLIC');
  }
}

/** Given and family names: faker's English lists (faker is an ES module, hence the dynamic import). */
async function nameLists(): Promise<{ first: readonly string[]; last: readonly string[] }> {
  const { faker } = await import('@faker-js/faker');
  const first = faker.definitions.person?.first_name?.generic;
  const last = faker.definitions.person?.last_name?.generic;
  if (!first?.length || !last?.length) throw new Error('@faker-js/faker has no English name lists');
  return { first, last };
}

async function main(): Promise<number> {
  let args: Args | null;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (!args) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  const target = config.databaseUrl ? { url: config.databaseUrl, server: undefined } : await embeddedUrl(config.dataDir, config.embeddedPgPort);
  const client = new Client({ connectionString: target.url, options: '-c TimeZone=UTC', application_name: 'itam-seed' });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    await client.connect();
    const where = new URL(target.url);
    out(`Seeding ${where.host}${where.pathname} (scale ${args.scale.toLocaleString('en')}, seed "${args.seed}", today ${args.today})`);
    if (args.reset) {
      await resetSchema(client);
      out('  schema public dropped and recreated (--reset)');
    }
    const ds = createDataSource({ url: target.url, poolMax: 1, applicationName: 'itam-seed' });
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      if (applied.length) out(`  migrations applied: ${applied.length}`);
    } finally {
      await ds.destroy();
    }
    const report = await seedDatabase(client, { scale: args.scale, seed: args.seed, today: args.today, names: await nameLists() }, out);
    out(`Done in ${(report.totalMs / 1000).toFixed(1)} s.`);
    if (report.bulkMode) out('Seeded rows have no audit-log entries: the seed is not a change made through the API.');
    out(`Reproduce with: npm run seed -- --scale ${args.scale} --seed ${args.seed} --today ${args.today}`);
    return 0;
  } catch (err) {
    if (err instanceof NotEmptyError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await client.end().catch(() => undefined);
    await target.server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`Seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
