import { byIdLoader } from '../../common/loader';
import type { Db } from '../../database/db';
import { DISPOSAL_COLUMNS } from './disposal.service';
import type { DisposalRow } from './disposal.types';

/** Disposal loaders: each answers a whole page of assets with one statement. */
export function disposalLoaders(db: Db) {
  return {
    /** The disposal record of each asset (keyed by the asset's key), or null. */
    disposalByAsset: byIdLoader<DisposalRow>(db, `SELECT ${DISPOSAL_COLUMNS} FROM disposal d WHERE d.asset_id = ANY($1::uuid[])`),
  };
}
