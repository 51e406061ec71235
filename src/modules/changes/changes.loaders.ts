import DataLoader from 'dataloader';
import type { Db } from '../../database/db';
import { CHANGE_BY_ID_SQL, toChange, type ChangeEntryRow } from './changes.service';
import type { AssetChangeRow } from './changes.types';

/** This module's loaders: each answers a whole batch with one statement. */
export function changesLoaders(db: Db) {
  return {
    /** Feed entries by audit entry id, for node(id): null for an entry that is not a change of an existing asset. */
    assetChangeById: new DataLoader<string, AssetChangeRow | null>(async (ids) => {
      const rows = await db.query<ChangeEntryRow>(CHANGE_BY_ID_SQL, [ids as string[]]);
      const byId = new Map(rows.map((r) => [r.changeId, toChange(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
