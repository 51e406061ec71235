import { byIdLoader, childPageLoader, countLoader } from '../../common/loader';
import type { Db } from '../../database/db';
import { MAINTENANCE_COLUMNS } from './maintenance.service';
import type { MaintenanceRecordRow } from './maintenance.types';

/** Text form of a record's sort key, exact to the microsecond so that cursors never skip or repeat a row. */
export const MAINTENANCE_KEY_SQL = `to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
export const MAINTENANCE_KEY_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Maintenance loaders: each answers a whole page of assets with one statement. */
export function maintenanceLoaders(db: Db) {
  return {
    /** How many maintenance records each asset has. */
    maintenanceCount: countLoader(db, 'maintenance_record', 'asset_id'),
    maintenanceRecordById: byIdLoader<MaintenanceRecordRow>(db, `SELECT ${MAINTENANCE_COLUMNS} FROM maintenance_record m WHERE m.id = ANY($1::uuid[])`),
    /** Newest records first, by (created_at, id); `after` is `${sortKey}|${id}` of the last row seen. */
    maintenancePage: childPageLoader<MaintenanceRecordRow & { parentId: string; sortKey: string }>(
      db,
      `SELECT k.id AS "parentId", m.* FROM unnest($1::uuid[]) AS k(id) CROSS JOIN LATERAL (
         SELECT ${MAINTENANCE_COLUMNS}, ${MAINTENANCE_KEY_SQL} AS "sortKey" FROM maintenance_record m
          WHERE m.asset_id = k.id AND ($2::text IS NULL
            OR (m.created_at, m.id) < (split_part($2::text, '|', 1)::timestamptz, split_part($2::text, '|', 2)::uuid))
          ORDER BY m.created_at DESC, m.id DESC LIMIT $3) m`,
    ),
  };
}
