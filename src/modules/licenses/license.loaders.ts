import DataLoader from 'dataloader';
import { byIdLoader, childPageLoader, countLoader } from '../../common/loader';
import type { Db } from '../../database/db';
import { LICENSE_SEAT_COLUMNS } from './license.service';
import type { LicenseSeatRow } from './license.types';

export { LICENSE_SEAT_COLUMNS };
export type { LicenseSeatRow };

/** Text form of a seat's sort key, exact to the microsecond so that cursors never skip or repeat a row. */
export const SEAT_KEY_SQL = `to_char(s.assigned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
export const SEAT_KEY_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export type SeatPageRow = LicenseSeatRow & { parentId: string; sortKey: string };

/**
 * Active seats per parent (a licence, a person or a device), oldest first by (assigned_at, id);
 * `after` is `${sortKey}|${id}` of the last row seen. `column` is a code constant.
 */
function activeSeatPage(db: Db, column: 'license_id' | 'person_id' | 'asset_id') {
  return childPageLoader<SeatPageRow>(
    db,
    `SELECT k.id AS "parentId", s.* FROM unnest($1::uuid[]) AS k(id) CROSS JOIN LATERAL (
       SELECT ${LICENSE_SEAT_COLUMNS}, ${SEAT_KEY_SQL} AS "sortKey" FROM license_seat s
        WHERE s.${column} = k.id AND s.released_at IS NULL AND ($2::text IS NULL
          OR (s.assigned_at, s.id) > (split_part($2::text, '|', 1)::timestamptz, split_part($2::text, '|', 2)::uuid))
        ORDER BY s.assigned_at, s.id LIMIT $3) s`,
  );
}

/** Licence loaders: each answers a whole page of parents with one statement. */
export function licenseLoaders(db: Db) {
  return {
    licenseSeatById: byIdLoader<LicenseSeatRow>(db, `SELECT ${LICENSE_SEAT_COLUMNS} FROM license_seat s WHERE s.id = ANY($1::uuid[])`),
    /** Seats in use per licence: the sum of the quantities of its active seats (0 when none). */
    seatsUsedByLicense: new DataLoader<string, number>(async (ids) => {
      const rows = await db.query<{ k: string; n: number }>(
        `SELECT license_id AS k, LEAST(sum(quantity), 2147483647)::int AS n FROM license_seat WHERE license_id = ANY($1::uuid[]) AND released_at IS NULL GROUP BY license_id`,
        [ids as string[]],
      );
      const used = new Map(rows.map((r) => [r.k, r.n]));
      return ids.map((id) => used.get(id) ?? 0);
    }),
    activeSeatsByLicense: activeSeatPage(db, 'license_id'),
    activeSeatsByPerson: activeSeatPage(db, 'person_id'),
    activeSeatsByAsset: activeSeatPage(db, 'asset_id'),
    activeSeatCountByLicense: countLoader(db, 'license_seat', 'license_id', 'released_at IS NULL'),
    activeSeatCountByPerson: countLoader(db, 'license_seat', 'person_id', 'released_at IS NULL'),
    activeSeatCountByAsset: countLoader(db, 'license_seat', 'asset_id', 'released_at IS NULL'),
  };
}
