import 'reflect-metadata';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';

export interface DataSourceOptions {
  url: string;
  poolMax?: number;
  applicationName?: string;
}

/**
 * The TypeORM data source: entities, migrations, and the connection pool that
 * the rest of the service shares. `synchronize` is off, always: the schema
 * changes only through reviewed migrations.
 */
export function createDataSource(opts: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    logging: false,
    applicationName: opts.applicationName ?? 'itam-graph',
    // Sessions in UTC: timestamps and cursors never depend on the server's zone.
    extra: { max: opts.poolMax ?? 10, options: '-c TimeZone=UTC' },
  });
}

/** The pg pool inside an initialised TypeORM data source. */
export function poolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('data source is not initialised');
  return pool;
}
