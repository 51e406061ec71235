/**
 * Data source for the TypeORM CLI (`npm run migration:generate`, `typeorm migration:show`).
 * It needs DATABASE_URL; `npm run migration:run` also works without it (embedded server).
 */
import { createDataSource } from './src/database/data-source';

const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL is required for the TypeORM CLI, e.g. postgres://postgres@127.0.0.1:5432/itam');
}

export default createDataSource({ url, applicationName: 'itam-graph-cli' });
