import { forwardLimit, lazyConnection, type ConnectionResult } from '../../common/connection';
import { badInput } from '../../common/errors';
import { refuseUnstorableText } from '../../common/validation';
import { fromGlobalId } from '../../common/global-id';
import type { Context } from '../../context';
import { selectList } from '../../database/columns';
import type { Queryable } from '../../database/db';
import { AuditEntryEntity } from './audit-entry.entity';
import type { AuditEntryRow, AuditLogFilter } from './audit-log.types';

export const AUDIT_COLUMNS = selectList(AuditEntryEntity, 'e', 'AuditEntry');
export const AUDIT_ORDER = 'audit';

/** Cursor of the log: the entry's sequence number (the log is ordered by it, newest first). */
export function encodeAuditCursor(seq: string): string {
  return Buffer.from(JSON.stringify([AUDIT_ORDER, seq]), 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string | null | undefined): string | null {
  if (cursor == null) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v[0] === AUDIT_ORDER && typeof v[1] === 'string' && /^\d{1,19}$/.test(v[1]) && BigInt(v[1]) <= 2n ** 63n - 1n) return v[1];
  } catch {
    // below
  }
  throw badInput('`after` is not a cursor of the audit log', 'after');
}

/** Same caps as every list: default 20, at most 100 (QUERY_TOO_COMPLEX past that). */
export const auditLimit = forwardLimit;

const snakeToCamel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Column names of the stored diff become the API's field names. */
export function camelChanges(changes: AuditEntryRow['changes']): AuditEntryRow['changes'] {
  return Object.fromEntries(Object.entries(changes ?? {}).map(([k, v]) => [snakeToCamel(k), v]));
}

export function auditPage(rows: AuditEntryRow[], limit: number, after: string | null, total: () => Promise<number>): ConnectionResult<AuditEntryRow> {
  const page = rows.slice(0, limit);
  return lazyConnection(page, (i) => encodeAuditCursor(page[i].seq), rows.length > limit, after != null, total);
}

/** The audit log, newest first, filtered; one indexed statement per page. */
export async function listAuditLog(
  ctx: Context, filter: AuditLogFilter | null | undefined, first: number | null | undefined, after: string | null | undefined,
): Promise<ConnectionResult<AuditEntryRow>> {
  const limit = auditLimit(first);
  const afterSeq = decodeAuditCursor(after);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  refuseUnstorableText([filter?.actor, filter?.action], 'filter');
  if (filter?.actor != null) add((p) => `e.actor = ${p}`, filter.actor);
  if (filter?.action != null) add((p) => `e.action = ${p}`, filter.action);
  if (filter?.entityId != null) {
    const d = fromGlobalId(filter.entityId);
    if (!d) throw badInput('`filter.entityId` is not a valid ID', 'filter');
    add((p) => `e.entity_id = ${p}::uuid`, d.key);
  }
  if (filter?.since != null) add((p) => `e.at >= ${p}`, filter.since);
  if (filter?.until != null) add((p) => `e.at < ${p}`, filter.until);
  const countWhere = [...where];
  const countParams = [...params];
  if (afterSeq) add((p) => `e.seq < ${p}::bigint`, afterSeq);
  params.push(limit + 1);
  const rows = await ctx.db.query<AuditEntryRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_entry e${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY e.seq DESC LIMIT $${params.length}`,
    params,
  );
  return auditPage(rows, limit, afterSeq, async () =>
    (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entry e${countWhere.length ? ` WHERE ${countWhere.join(' AND ')}` : ''}`, countParams))[0].n);
}

/** One page of history per asset for a whole page of assets: one statement (LATERAL per asset). */
export const HISTORY_PAGE_SQL = `SELECT k.id AS "parentId", h.* FROM unnest($1::uuid[]) AS k(id) CROSS JOIN LATERAL (
  SELECT ${AUDIT_COLUMNS} FROM audit_entry e
   WHERE (e.asset_id = k.id OR e.related_asset_id = k.id) AND ($2::text IS NULL OR e.seq < $2::bigint)
   ORDER BY e.seq DESC LIMIT $3) h`;

export async function countHistory(db: Queryable, assetId: string): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entry WHERE asset_id = $1 OR related_asset_id = $1', [assetId]))[0].n;
}
