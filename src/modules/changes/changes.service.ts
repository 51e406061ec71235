import { forwardLimit, lazyConnection, type ConnectionResult } from '../../common/connection';
import { badInput } from '../../common/errors';
import type { Context } from '../../context';
import type { Queryable } from '../../database/db';
import { AssetStatus, KIND_TYPENAME } from '../assets/asset.enums';
import { ASSET_COLUMNS } from '../assets/asset.service';
import type { AssetRow } from '../assets/asset.types';
import { camelChanges } from '../audit-log/audit-log.service';
import { AssetChangeAction, type AssetChangeRow } from './changes.types';

/**
 * Which audit entries are changes of assets: those of asset rows (and of their external references and
 * asset-to-asset links, written with the asset's type too) and custody events. Seats, maintenance records,
 * contract links, disposal records and physical audits are left out: what they change on the asset itself
 * (status, custodian, last audit) is recorded as the asset row's own entry. Constants, never input; the
 * partial index idx_audit_entry_feed (txid, seq) WHERE asset_id IS NOT NULL serves the feed.
 */
const FEED_TYPES = [...Object.values(KIND_TYPENAME), 'CustodyEvent'];
export const FEED_WHERE = `e.asset_id IS NOT NULL AND e.entity_type IN (${FEED_TYPES.map((t) => `'${t}'`).join(', ')})`;

/**
 * Only entries of transactions that every later reader will also see as finished: below the oldest
 * transaction still running (the xmin of this statement's snapshot). A transaction that commits later has a
 * txid at or above it, so no entry can ever appear behind a cursor already handed out.
 *
 * Transaction ids are shared by the whole PostgreSQL cluster, so a long write transaction in another database
 * (a bulk load, a migration) would hold this feed back although it cannot write here. The bound is therefore
 * the oldest running transaction of the snapshot (txid_snapshot_xip) that is not known to belong to a session of
 * another database, or the snapshot's xmax when there is none. A session's database never changes, so a
 * transaction seen running in another database can write no entry here; whatever is not known for certain
 * (a session that ended meanwhile, a prepared transaction, sessions the role may not see) holds the feed back
 * as before, so without the privilege to see other sessions (pg_read_all_stats) the bound is plain xmin.
 * Running xids are within 2^31 of each other, so comparing the low 32 bits (pg_stat_activity.backend_xid) is
 * exact. txid_current_snapshot() is the statement's snapshot and assigns no transaction id (txid_current()
 * would): the reader stays a plain read.
 */
export const VISIBLE_WHERE = `e.txid < (SELECT COALESCE(min(x), txid_snapshot_xmax(txid_current_snapshot()))
    FROM txid_snapshot_xip(txid_current_snapshot()) AS x
   WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity p
                      WHERE p.backend_xid IS NOT NULL AND p.datname <> current_database() AND p.backend_xid::text::bigint = x % 4294967296))`;

/** The audit columns the feed needs (entry fields aliased so they do not clash with the asset's). */
export const CHANGE_COLUMNS = `e.id AS "changeId", e.txid::text AS "changeTxid", e.seq::text AS "changeSeq", e.at AS "changeAt",
  e.entity_type AS "changeEntityType", e.operation AS "changeOperation", e.changes AS "changeChanges",
  e.asset_id AS "changeAssetId", e.related_asset_id AS "changeRelatedAssetId"`;

const CHANGE_KEYS = new Set([...CHANGE_COLUMNS.matchAll(/AS "(\w+)"/g)].map((m) => m[1]));

export interface ChangeEntryRow {
  changeId: string;
  changeTxid: string;
  changeSeq: string;
  changeAt: Date;
  changeEntityType: string;
  changeOperation: 'INSERT' | 'UPDATE' | 'DELETE';
  changeChanges: Record<string, { before: unknown; after: unknown }>;
  changeAssetId: string;
  changeRelatedAssetId: string | null;
}

const ORDER = 'changes';
const BIGINT_MAX = 2n ** 63n - 1n;

/** Cursor of the feed: its position (txid, seq), opaque. */
export function encodeChangeCursor(txid: string, seq: string): string {
  return Buffer.from(JSON.stringify([ORDER, txid, seq]), 'utf8').toString('base64url');
}

const isBigint = (v: unknown): v is string => typeof v === 'string' && /^(0|[1-9]\d{0,18})$/.test(v) && BigInt(v) <= BIGINT_MAX;

export function decodeChangeCursor(cursor: string | null | undefined): { txid: string; seq: string } | null {
  if (cursor == null) return null;
  try {
    if (cursor.length <= 200) {
      const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      // Only the exact text this service hands out (no stray characters, no leading zeros): anything else was not ours.
      if (Array.isArray(v) && v.length === 3 && v[0] === ORDER && isBigint(v[1]) && isBigint(v[2]) && encodeChangeCursor(v[1], v[2]) === cursor) {
        return { txid: v[1], seq: v[2] };
      }
    }
  } catch {
    // below
  }
  throw badInput('`after` is not a cursor of the asset change feed', 'after');
}

const RELATION_FIELD: Record<string, string> = { STORED_ON: 'storedOn', INSTALLED_ON: 'installedOn' };
// Columns of asset_external_ref / asset_relation that the asset table does not have: their entries carry the asset's type too.
const LINK_COLUMNS = ['source', 'external_id', 'asset_id'];

/** What one audit entry means in the feed: its action and the names of the fields it changed. */
export function classify(e: ChangeEntryRow): { action: AssetChangeAction; changedFields: string[] } {
  const changes = e.changeChanges ?? {};
  if (e.changeEntityType === 'CustodyEvent') return { action: AssetChangeAction.CUSTODY, changedFields: ['custodyChain'] };
  if (e.changeRelatedAssetId != null) {
    // An asset_relation row (only those name a second asset): a link of the asset was added or removed.
    const relation = (changes.relation?.after ?? changes.relation?.before) as string | undefined;
    const field = (relation && RELATION_FIELD[relation]) ?? (e.changeEntityType === 'Certificate' ? 'installedOn' : 'storedOn');
    return { action: AssetChangeAction.UPDATED, changedFields: [field] };
  }
  if (LINK_COLUMNS.some((c) => c in changes)) return { action: AssetChangeAction.UPDATED, changedFields: ['externalRefs'] };
  const camel = camelChanges(changes);
  if (e.changeOperation === 'INSERT') {
    return { action: AssetChangeAction.CREATED, changedFields: Object.keys(camel).filter((k) => camel[k].after != null) };
  }
  const fields = Object.keys(camel);
  if (e.changeOperation === 'UPDATE' && changes.status) {
    const action = changes.status.after === AssetStatus.DISPOSED ? AssetChangeAction.DISPOSED : AssetChangeAction.STATUS_CHANGED;
    return { action, changedFields: fields };
  }
  return { action: AssetChangeAction.UPDATED, changedFields: fields };
}

export function toChange(e: ChangeEntryRow): AssetChangeRow {
  return {
    __typename: 'AssetChange',
    id: e.changeId,
    txid: e.changeTxid,
    seq: e.changeSeq,
    at: e.changeAt,
    assetId: e.changeAssetId,
    ...classify(e),
  };
}

/** By id, for node(id): only entries that are asset changes, of an asset that still exists. */
export const CHANGE_BY_ID_SQL = `SELECT ${CHANGE_COLUMNS} FROM audit_entry e
  WHERE e.id = ANY($1::uuid[]) AND ${FEED_WHERE} AND EXISTS (SELECT 1 FROM asset a WHERE a.id = e.asset_id)`;

async function countFeed(db: Queryable): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_entry e JOIN asset a ON a.id = e.asset_id WHERE ${FEED_WHERE} AND ${VISIBLE_WHERE}`,
  );
  return r.n;
}

/**
 * One page of the feed, oldest first in (txid, seq) order, in one statement: the entries after the cursor
 * whose transactions every later reader also sees as finished, each with its asset (joined, and primed into
 * the request's assetById loader, so `asset` costs no second statement; an entry of an asset deleted outside
 * the service has no asset to show and is skipped).
 */
export async function listAssetChanges(ctx: Context, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionResult<AssetChangeRow>> {
  const limit = forwardLimit(first);
  const cursor = decodeChangeCursor(after);
  const params: unknown[] = [];
  let position = '';
  if (cursor) {
    params.push(cursor.txid, cursor.seq);
    position = ' AND (e.txid, e.seq) > ($1::bigint, $2::bigint)';
  }
  params.push(limit + 1);
  const rows = await ctx.db.query<ChangeEntryRow & AssetRow>(
    `SELECT ${CHANGE_COLUMNS}, ${ASSET_COLUMNS} FROM audit_entry e JOIN asset a ON a.id = e.asset_id
      WHERE ${FEED_WHERE} AND ${VISIBLE_WHERE}${position}
      ORDER BY e.txid, e.seq LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const nodes = page.map((r) => {
    const change = toChange(r);
    const asset = Object.fromEntries(Object.entries(r).filter(([k]) => !CHANGE_KEYS.has(k))) as unknown as AssetRow;
    ctx.loaders.assetById.prime(asset.id, asset);
    return change;
  });
  return lazyConnection(nodes, (i) => encodeChangeCursor(nodes[i].txid, nodes[i].seq), rows.length > limit, cursor != null, () => countFeed(ctx.db));
}
