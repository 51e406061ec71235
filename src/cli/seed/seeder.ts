/**
 * Loads a generated data set into an empty, migrated database, in one transaction.
 *
 * Bulk mode (a superuser, as the embedded server's and most development users are):
 * session_replication_role = replica switches off ordinary triggers for the session —
 * the audit trigger (so seeded rows have no audit_entry rows) and the per-row
 * foreign-key triggers. The (empty) tables are truncated so that COPY … FREEZE can
 * write rows already frozen, their secondary indexes (and the primary keys and unique
 * constraints no foreign key depends on) are dropped and rebuilt after the load (a
 * sort per index instead of a million random insertions; a rebuilt unique index checks
 * uniqueness as the original would have), and the
 * custody events go to the server while they are being generated. Every foreign key
 * is then checked in bulk before COMMIT, and a failure rolls everything back (the
 * dropped indexes included: DDL is transactional).
 *
 * Otherwise every trigger runs as usual: rows are audited (actor "seed") and checked
 * one by one, which is much slower but needs no privilege.
 */
import type { Client } from 'pg';
import { AssetKind, TAG_PREFIX, tagSequence } from '../../modules/assets/asset.enums';
import { generateAssets, generateCommerce, generateOrganisation } from './generate';
import { ChunkQueue, copyTable } from './load';
import { TABLE_ORDER, type TableName } from './tables';
import { World, type SeedConfig } from './world';

export interface SeedReport {
  rows: Record<TableName, number>;
  /** Steps: label, milliseconds, rows (null for steps without rows). */
  timings: Array<[string, number, number | null]>;
  totalMs: number;
  /** false when the role may not set session_replication_role: triggers then ran (audit entries written as actor "seed"). */
  bulkMode: boolean;
}

/** The register's tables that must all be empty before a seed (every other seeded table references one of them). */
const REGISTER = ['asset', 'person', 'department', 'location', 'vendor', 'contract'];

export class NotEmptyError extends Error {}

export async function assertEmpty(client: Client): Promise<void> {
  const { rows } = await client.query<{ t: string }>(
    REGISTER.map((t) => `SELECT '${t}' AS t WHERE EXISTS (SELECT 1 FROM "${t}")`).join(' UNION ALL '),
  );
  if (rows.length) {
    throw new NotEmptyError(`The database already holds data (${rows.map((r) => r.t).join(', ')}): seed an empty database, or pass --reset to drop and recreate its schema first`);
  }
}

/** Rows whose foreign keys point nowhere, per single-column foreign key of the seeded tables (nothing checked them during the load). */
async function danglingReferences(client: Client): Promise<string[]> {
  const { rows: fks } = await client.query<{ name: string; child: string; col: string; parent: string; pcol: string }>(`
    SELECT c.conname AS name, cr.relname AS child, ca.attname AS col, pr.relname AS parent, pa.attname AS pcol
      FROM pg_constraint c
      JOIN pg_class cr ON cr.oid = c.conrelid JOIN pg_namespace n ON n.oid = cr.relnamespace
      JOIN pg_class pr ON pr.oid = c.confrelid
      JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = c.conkey[1]
      JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
     WHERE c.contype = 'f' AND n.nspname = 'public' AND array_length(c.conkey, 1) = 1 AND cr.relname = ANY($1)
     ORDER BY c.conname`, [TABLE_ORDER]);
  // Fresh tables have no statistics yet: without this the planner picks nested loops over a million rows.
  await client.query('SET LOCAL enable_nestloop = off');
  const problems: string[] = [];
  for (const fk of fks) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${fk.child}" c WHERE c."${fk.col}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${fk.parent}" p WHERE p."${fk.pcol}" = c."${fk.col}")`,
    );
    if (rows[0].n > 0) problems.push(`${fk.name}: ${rows[0].n} row(s) of ${fk.child}.${fk.col}`);
  }
  await client.query('RESET enable_nestloop');
  return problems;
}

/**
 * What is cheaper to build once after the load than to maintain row by row: indexes of the
 * seeded tables that back no constraint (as CREATE statements), and primary keys and unique
 * constraints that no foreign key depends on (as ALTER TABLE … ADD). Dropped before the load
 * and recreated after it, by name, from their own definitions.
 */
interface Rebuild {
  table: string;
  name: string;
  sql: string;
}

async function rebuildable(client: Client): Promise<{ indexes: Rebuild[]; constraints: Rebuild[] }> {
  const { rows: indexes } = await client.query<{ table: string; name: string; sql: string }>(`
    SELECT t.relname AS table, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS sql
      FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND t.relname = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY t.relname, ic.relname`, [TABLE_ORDER]);
  const { rows: constraints } = await client.query<{ table: string; name: string; sql: string }>(`
    SELECT t.relname AS table, c.conname AS name, format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid)) AS sql
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND t.relname = ANY($1) AND c.contype IN ('p', 'u')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)
     ORDER BY t.relname, c.conname`, [TABLE_ORDER]);
  return { indexes, constraints };
}

export async function seedDatabase(client: Client, config: SeedConfig, log: (line: string) => void = () => undefined): Promise<SeedReport> {
  const started = performance.now();
  const timings: SeedReport['timings'] = [];
  const step = async <T>(label: string, fn: () => Promise<T> | T, rows: (r: T) => number | null = () => null): Promise<T> => {
    const t = performance.now();
    const result = await fn();
    const ms = performance.now() - t;
    const n = rows(result);
    timings.push([label, ms, n]);
    log(`  ${label.padEnd(34)} ${n === null ? ''.padStart(15) : `${n.toLocaleString('en').padStart(10)} rows`} ${ms.toFixed(0).padStart(7)} ms`);
    return result;
  };

  await assertEmpty(client);
  const w = new World(config);
  await step('generate organisation', () => generateOrganisation(w));

  let bulkMode = true;
  try {
    await client.query('SET session_replication_role = replica');
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err;
    bulkMode = false;
    log('  (not a superuser: triggers stay on, so each row is audited and checked as it goes in; this is much slower)');
  }
  const rows = {} as Record<TableName, number>;
  try {
    await client.query('BEGIN');
    // Should the triggers run (no bulk mode), their audit entries name the seed.
    await client.query(`SELECT set_config('itam.actor', 'seed', true), set_config('itam.action', 'seed', true)`);
    if (bulkMode) {
      await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      const rebuild = await step('truncate, drop indexes and keys', async () => {
        // The tables are empty (checked above); TRUNCATE in this transaction is what allows COPY FREEZE.
        await client.query(`TRUNCATE ${TABLE_ORDER.map((t) => `"${t}"`).join(', ')}`);
        const found = await rebuildable(client);
        if (found.indexes.length) await client.query(`DROP INDEX ${found.indexes.map((i) => `"${i.name}"`).join(', ')}`);
        for (const c of found.constraints) await client.query(`ALTER TABLE "${c.table}" DROP CONSTRAINT "${c.name}"`);
        return found;
      });
      // Custody events go to the server while the assets they belong to are generated.
      const custody = w.data.custody_event;
      const queue = new ChunkQueue();
      custody.sink = (chunk) => queue.push(chunk);
      const copying = copyTable(client, custody, { freeze: true, source: queue });
      let generatedMs = 0;
      await step('generate the rest, stream custody_event', async () => {
        const t = performance.now();
        try {
          await generateAssets(w);
          custody.flush();
        } finally {
          queue.end();
        }
        // Contracts and seats need the assets only: they are drawn while the server takes in the last custody events.
        await generateCommerce(w);
        generatedMs = performance.now() - t;
        return copying;
      }, (n) => n);
      log(`    (generation took ${generatedMs.toFixed(0)} ms of it; the rest was the server catching up)`);
      rows.custody_event = custody.length;
      for (const table of TABLE_ORDER) {
        if (table === 'custody_event') continue;
        rows[table] = await step(table, () => copyTable(client, w.data[table], { freeze: true }), (n) => n);
      }
      await step(`rebuild ${rebuild.constraints.length} keys, ${rebuild.indexes.length} indexes`, async () => {
        for (const c of [...rebuild.constraints, ...rebuild.indexes]) await client.query(c.sql);
      });
    } else {
      await step('generate assets, contracts, seats', async () => {
        await generateAssets(w);
        await generateCommerce(w);
      });
      for (const table of TABLE_ORDER) rows[table] = await step(table, () => copyTable(client, w.data[table], { freeze: false }), (n) => n);
    }
    await step('tag sequences', async () => {
      for (const kind of Object.values(AssetKind)) {
        const n = w.tagCounters[TAG_PREFIX[kind]] ?? 0;
        if (n > 0) await client.query('SELECT setval($1::regclass, $2, true)', [tagSequence(kind), n]);
      }
    });
    if (bulkMode) {
      const dangling = await step('foreign-key check', () => danglingReferences(client));
      if (dangling.length) throw new Error(`generated rows reference nothing (a generator bug): ${dangling.join('; ')}`);
    }
    await step('commit', () => client.query('COMMIT'));
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    if (bulkMode) await client.query('RESET session_replication_role').catch(() => undefined);
  }
  await step('vacuum analyze', () => client.query('VACUUM ANALYZE'));
  const totalMs = performance.now() - started;
  log(`  ${'total'.padEnd(34)} ${Object.values(rows).reduce((s, n) => s + n, 0).toLocaleString('en').padStart(10)} rows ${totalMs.toFixed(0).padStart(7)} ms`);
  return { rows, timings, totalMs, bulkMode };
}
