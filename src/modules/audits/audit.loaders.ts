import DataLoader from 'dataloader';
import { byIdLoader, childPageLoader, countLoader } from '../../common/loader';
import { selectList } from '../../database/columns';
import type { Db } from '../../database/db';
import { CUSTODY_EVENT_COLUMNS, type CustodyEventRow } from '../custody/custody.service';
import type { PhysicalAuditRow } from './audit.types';
import { PhysicalAuditEntity } from './physical-audit.entity';

export type { PhysicalAuditRow } from './audit.types';

export const PHYSICAL_AUDIT_COLUMNS = selectList(PhysicalAuditEntity, 'p', 'PhysicalAudit');

/** Text form of an audit's sort key, exact to the microsecond so that cursors never skip or repeat a row. */
export const PHYSICAL_AUDIT_KEY_SQL = `to_char(p.audited_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
export const PHYSICAL_AUDIT_KEY_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Physical audit loaders: each answers a whole page of parents with one statement. */
export function auditLoaders(db: Db) {
  return {
    physicalAuditById: byIdLoader<PhysicalAuditRow>(db, `SELECT ${PHYSICAL_AUDIT_COLUMNS} FROM physical_audit p WHERE p.id = ANY($1::uuid[])`),
    /** How many physical audits each asset has. */
    physicalAuditCount: countLoader(db, 'physical_audit', 'asset_id'),
    /** Newest audits first, by (audited_at, id); `after` is `${sortKey}|${id}` of the last row seen. */
    physicalAuditPage: childPageLoader<PhysicalAuditRow & { parentId: string; sortKey: string }>(
      db,
      `SELECT k.id AS "parentId", p.* FROM unnest($1::uuid[]) AS k(id) CROSS JOIN LATERAL (
         SELECT ${PHYSICAL_AUDIT_COLUMNS}, ${PHYSICAL_AUDIT_KEY_SQL} AS "sortKey" FROM physical_audit p
          WHERE p.asset_id = k.id AND ($2::text IS NULL
            OR (p.audited_at, p.id) < (split_part($2::text, '|', 1)::timestamptz, split_part($2::text, '|', 2)::uuid))
          ORDER BY p.audited_at DESC, p.id DESC LIMIT $3) p`,
    ),
    /** Custody events by `${assetId}|${sequence}` (the MOVE an audit caused): one statement per batch. */
    custodyEventByAssetSequence: new DataLoader<string, CustodyEventRow | null>(async (keys) => {
      const pairs = keys.map((k) => k.split('|'));
      const rows = await db.query<CustodyEventRow>(
        `SELECT ${CUSTODY_EVENT_COLUMNS} FROM unnest($1::uuid[], $2::int[]) AS k(asset_id, sequence)
           JOIN custody_event e ON e.asset_id = k.asset_id AND e.sequence = k.sequence`,
        [pairs.map(([a]) => a), pairs.map(([, s]) => Number(s))],
      );
      const found = new Map(rows.map((r) => [`${r.assetId}|${r.sequence}`, r]));
      return keys.map((k) => found.get(k) ?? null);
    }),
  };
}
