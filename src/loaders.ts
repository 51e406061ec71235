import type { Db } from './database/db';
import { assetLoaders } from './modules/assets/asset.loaders';
import { contractLoaders } from './modules/contracts/contract.loaders';
import { custodyLoaders } from './modules/custody/custody.loaders';
import { maintenanceLoaders } from './modules/maintenance/maintenance.loaders';
import { orgLoaders } from './modules/org.loaders';
import { auditLoaders } from './modules/audits/audit.loaders';
import { auditLogLoaders } from './modules/audit-log/audit-log.loaders';
import { changesLoaders } from './modules/changes/changes.loaders';
import { upsertLoaders } from './modules/upsert/upsert.loaders';
import { disposalLoaders } from './modules/disposal/disposal.loaders';
import { licenseLoaders } from './modules/licenses/license.loaders';
import { radarLoaders } from './modules/radar/radar.loaders';
import { valuationLoaders } from './modules/valuation/valuation.loaders';

const GROUPS = [
  orgLoaders, assetLoaders, custodyLoaders, contractLoaders, maintenanceLoaders, licenseLoaders, disposalLoaders,
  auditLoaders, valuationLoaders, radarLoaders, auditLogLoaders, upsertLoaders, changesLoaders,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Every loader of every module, as one typed map: `ctx.loaders.locationById.load(id)`. */
export type Loaders = UnionToIntersection<ReturnType<(typeof GROUPS)[number]>>;

const DB = Symbol('db');

/**
 * The prototype of every request's loader map: one getter per loader name that, on first use,
 * creates that module's loaders on the request's own object (so a request pays only for the
 * loaders it touches, not for all of them). Loader names must be unique across modules.
 */
const lazyLoaders: object = (() => {
  const proto = {};
  const seen = new Set<string>();
  for (const group of GROUPS) {
    // Creating a group makes DataLoaders and runs nothing, so its names can be read once here.
    const names = Object.keys(group(null as unknown as Db));
    for (const name of names) {
      if (seen.has(name)) throw new Error(`two modules define the loader ${name}`);
      seen.add(name);
      Object.defineProperty(proto, name, {
        get(this: { [DB]: Db }) {
          const created = group(this[DB]) as Record<string, unknown>;
          for (const [k, v] of Object.entries(created)) Object.defineProperty(this, k, { value: v, enumerable: true, writable: false });
          return created[name];
        },
      });
    }
  }
  return proto;
})();

/**
 * One set of DataLoaders per request, created lazily: each module's loaders come into being
 * when the request first uses one of them. `Object.values(loaders)` lists those in use.
 */
export function createLoaders(db: Db): Loaders {
  const loaders = Object.create(lazyLoaders) as Loaders & { [DB]: Db };
  Object.defineProperty(loaders, DB, { value: db });
  return loaders;
}
