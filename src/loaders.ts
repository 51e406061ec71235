import type { Db } from './database/db';
import { assetLoaders } from './modules/assets/asset.loaders';
import { orgLoaders } from './modules/org.loaders';

/** One set of DataLoaders per request, as one typed map: `ctx.loaders.locationById.load(id)`. */
export function createLoaders(db: Db) {
  return {
    ...orgLoaders(db),
    ...assetLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
