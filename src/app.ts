import type { AddressInfo } from 'node:net';
import { types } from 'pg';
import type { DataSource } from 'typeorm';
import { resolveJwtKeys, type JwtKeys } from './auth/jwt';
import type { Config } from './config';
import { createDataSource, poolOf } from './database/data-source';
import { Db } from './database/db';
import { parseTimestamptz } from './database/timestamps';
import type { Logger } from './logger';
import { createHttpApp } from './server';

// DATE columns stay 'YYYY-MM-DD' strings: a JS Date would shift them by the process time zone.
types.setTypeParser(types.builtins.DATE, (v) => v);
// TIMESTAMPTZ through the engine's ISO parser (src/database/timestamps.ts).
types.setTypeParser(types.builtins.TIMESTAMPTZ, parseTimestamptz);

export interface Service {
  readonly url: string;
  readonly port: number;
  readonly db: Db;
  readonly dataSource: DataSource;
  readonly keys: JwtKeys;
  /** Stops accepting requests, lets in-flight ones finish, closes the pool. */
  stop(): Promise<void>;
}

/** Connects, migrates (unless switched off) and serves: the whole service, minus process concerns. */
export async function startService(config: Config, log: Logger, databaseUrl: string): Promise<Service> {
  const dataSource = createDataSource({ url: databaseUrl, poolMax: config.dbPoolMax });
  await dataSource.initialize();
  try {
    if (config.migrationsRun) {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    }
    const pool = poolOf(dataSource);
    pool.on('error', (err) => log.warn({ err }, 'idle database connection failed'));
    const keys = resolveJwtKeys(config);
    const db = new Db(pool);
    const { server, apollo, limiter } = await createHttpApp({ config, db, keys, log });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    let stopping: Promise<void> | undefined;
    return {
      url: `http://${host}:${port}`,
      port,
      db,
      dataSource,
      keys,
      stop: () =>
        (stopping ??= (async () => {
          // The drain plugin closes the listener and waits for in-flight requests (SHUTDOWN_TIMEOUT_MS less a second).
          await apollo.stop();
          await limiter?.close();
          await dataSource.destroy();
        })()),
    };
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
}
