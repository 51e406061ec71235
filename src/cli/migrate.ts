/**
 * Applies pending migrations (`npm run migration:run`): to DATABASE_URL, or to
 * the embedded PostgreSQL in ./.data when it is unset.
 */
import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from '../config';
import { createDataSource } from '../database/data-source';
import { startEmbeddedPostgres, type EmbeddedServer } from '../database/embedded';

async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedServer | undefined;
  const url = config.databaseUrl ?? (embedded = await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, database: 'itam' })).url;
  const ds = createDataSource({ url, poolMax: 1 });
  try {
    await ds.initialize();
    const applied = await ds.runMigrations({ transaction: 'each' });
    process.stdout.write(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}\n` : 'no pending migrations\n');
  } finally {
    await ds.destroy().catch(() => undefined);
    await embedded?.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
