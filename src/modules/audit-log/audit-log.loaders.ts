import DataLoader from 'dataloader';
import { byIdLoader, childPageLoader } from '../../common/loader';
import type { Db } from '../../database/db';
import { AUDIT_COLUMNS, HISTORY_PAGE_SQL } from './audit-log.service';
import type { AuditEntryRow } from './audit-log.types';

/** Audit loaders: each answers a whole page of assets with one statement. */
export function auditLogLoaders(db: Db) {
  return {
    auditEntryById: byIdLoader<AuditEntryRow>(db, `SELECT ${AUDIT_COLUMNS} FROM audit_entry e WHERE e.id = ANY($1::uuid[])`),
    historyPage: childPageLoader<AuditEntryRow & { parentId: string }>(db, HISTORY_PAGE_SQL),
    historyCount: new DataLoader<string, number>(async (ids) => {
      const rows = await db.query<{ k: string; n: number }>(
        `SELECT k.id AS k, (SELECT count(*)::int FROM audit_entry e WHERE e.asset_id = k.id OR e.related_asset_id = k.id) AS n
           FROM unnest($1::uuid[]) AS k(id)`,
        [ids as string[]],
      );
      const m = new Map(rows.map((r) => [r.k, r.n]));
      return ids.map((id) => m.get(id) ?? 0);
    }),
  };
}
