import { byIdLoader, childPageLoader, columnsGroupedLoader, countLoader } from '../../common/loader';
import type { Db } from '../../database/db';
import { ASSET_COLUMNS } from '../assets/asset.service';
import type { AssetRow } from '../assets/asset.types';
import { CONTRACT_COLUMNS } from './contract.service';
import type { ContractRow } from './contract.types';

/** Contract loaders: each answers a whole page of contracts or assets with one statement. */
export function contractLoaders(db: Db) {
  return {
    contractById: byIdLoader<ContractRow>(db, `SELECT ${CONTRACT_COLUMNS} FROM contract c WHERE c.id = ANY($1::uuid[])`),
    /** The contracts of each asset, soonest end first. */
    contractsByAsset: columnsGroupedLoader<ContractRow & { assetId: string } & Record<string, unknown>>(
      db,
      (columns) => `SELECT ca.asset_id AS "assetId", ${columns ?? CONTRACT_COLUMNS} FROM contract_asset ca JOIN contract c ON c.id = ca.contract_id
        WHERE ca.asset_id = ANY($1::uuid[]) ORDER BY ca.asset_id, c.ends_on NULLS LAST, c.contract_number`,
      'assetId',
    ),
    /** The assets a contract covers, by asset tag; `after` is an asset tag. */
    contractAssetsPage: childPageLoader<AssetRow & { parentId: string }>(
      db,
      `SELECT k.id AS "parentId", a.* FROM unnest($1::uuid[]) AS k(id) CROSS JOIN LATERAL (
         SELECT ${ASSET_COLUMNS} FROM contract_asset ca JOIN asset a ON a.id = ca.asset_id
          WHERE ca.contract_id = k.id AND ($2::text IS NULL OR a.asset_tag > $2::text) ORDER BY a.asset_tag LIMIT $3) a`,
    ),
    /** How many assets each contract covers. */
    contractAssetCount: countLoader(db, 'contract_asset', 'contract_id'),
  };
}
