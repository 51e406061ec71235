import DataLoader from 'dataloader';
import { byIdLoader, childPageLoader, countLoader } from '../../common/loader';
import type { Db } from '../../database/db';
import { ASSET_COLUMNS } from '../assets/asset.service';
import type { AssetRow } from '../assets/asset.types';
import { CUSTODY_EVENT_COLUMNS, type CustodyEventRow } from './custody.service';

export interface HolderAt {
  assetId: string;
  holderType: string | null;
  holderId: string | null;
}

/** Custody loaders: each answers a whole page of assets with one statement. */
export function custodyLoaders(db: Db) {
  return {
    custodyEventById: byIdLoader<CustodyEventRow>(db, `SELECT ${CUSTODY_EVENT_COLUMNS} FROM custody_event e WHERE e.id = ANY($1::uuid[])`),
    /** Newest events first; `after` is a sequence number. */
    custodyChainPage: childPageLoader<CustodyEventRow & { parentId: string }>(
      db,
      (columns) => `SELECT k.id AS "parentId", e.* FROM unnest($1::uuid[]) AS k(id) CROSS JOIN LATERAL (
         SELECT ${columns ?? CUSTODY_EVENT_COLUMNS} FROM custody_event e
          WHERE e.asset_id = k.id AND ($2::int IS NULL OR e.sequence < $2::int) ORDER BY e.sequence DESC LIMIT $3) e`,
    ),
    /** Assets a custodian holds, by asset tag; `after` is an asset tag. Keyed by the custodian id. */
    heldAssetsPage: childPageLoader<AssetRow & { parentId: string }>(
      db,
      `SELECT k.id AS "parentId", a.* FROM unnest($1::uuid[]) AS k(id) CROSS JOIN LATERAL (
         SELECT ${ASSET_COLUMNS} FROM asset a
          WHERE a.custodian_id = k.id AND ($2::text IS NULL OR a.asset_tag > $2::text) ORDER BY a.asset_tag LIMIT $3) a`,
    ),
    /** How many assets each person holds now. */
    heldAssetCount: countLoader(db, 'asset', 'custodian_id', `custodian_type = 'PERSON'`),
    /** Who held each asset at an instant: the holder after the last event at or before it. Keyed by `${assetId}|${iso}`. */
    holderAt: new DataLoader<string, HolderAt | null>(async (keys) => {
      const byInstant = new Map<string, string[]>();
      for (const k of keys) {
        const [id, at] = k.split('|');
        if (!byInstant.has(at)) byInstant.set(at, []);
        byInstant.get(at)!.push(id);
      }
      const found = new Map<string, HolderAt>();
      await Promise.all(
        [...byInstant.entries()].map(async ([at, ids]) => {
          const rows = await db.query<HolderAt>(
            `SELECT DISTINCT ON (e.asset_id) e.asset_id AS "assetId", e.holder_type AS "holderType", e.holder_id AS "holderId"
               FROM custody_event e WHERE e.asset_id = ANY($1::uuid[]) AND e.occurred_at <= $2::timestamptz
              ORDER BY e.asset_id, e.sequence DESC`,
            [ids, at],
          );
          for (const r of rows) found.set(`${r.assetId}|${at}`, r);
        }),
      );
      return keys.map((k) => found.get(k) ?? null);
    }),
  };
}
