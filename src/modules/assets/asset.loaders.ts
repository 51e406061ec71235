import { byIdLoader, groupedLoader } from '../../common/loader';
import type { Db } from '../../database/db';
import { ASSET_COLUMNS } from './asset.service';
import type { AssetRow } from './asset.types';

export interface ExternalRefRow extends Record<string, unknown> {
  assetId: string;
  source: string;
  externalId: string;
}

type RelatedRow = AssetRow & { ownerId: string } & Record<string, unknown>;

const related = (relation: string) =>
  `SELECT r.asset_id AS "ownerId", ${ASSET_COLUMNS} FROM asset_relation r JOIN asset a ON a.id = r.related_asset_id
    WHERE r.relation = '${relation}' AND r.asset_id = ANY($1::uuid[]) ORDER BY r.position, a.asset_tag`;

/** Loaders of the asset graph; each runs one statement per batch. */
export function assetLoaders(db: Db) {
  return {
    assetById: byIdLoader<AssetRow>(db, `SELECT ${ASSET_COLUMNS} FROM asset a WHERE a.id = ANY($1::uuid[])`),
    externalRefsByAsset: groupedLoader<ExternalRefRow>(
      db,
      `SELECT asset_id AS "assetId", source, external_id AS "externalId" FROM asset_external_ref WHERE asset_id = ANY($1::uuid[]) ORDER BY source, external_id`,
      'assetId',
    ),
    storedOnByAsset: groupedLoader<RelatedRow>(db, related('STORED_ON'), 'ownerId'),
    installedOnByAsset: groupedLoader<RelatedRow>(db, related('INSTALLED_ON'), 'ownerId'),
  };
}
