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

/** One set of DataLoaders per request, as one typed map: `ctx.loaders.locationById.load(id)`. */
export function createLoaders(db: Db) {
  return {
    ...orgLoaders(db),
    ...assetLoaders(db),
    ...custodyLoaders(db),
    ...contractLoaders(db),
    ...maintenanceLoaders(db),
    ...licenseLoaders(db),
    ...disposalLoaders(db),
    ...auditLoaders(db),
    ...valuationLoaders(db),
    ...radarLoaders(db),
    ...auditLogLoaders(db),
    ...upsertLoaders(db),
    ...changesLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
