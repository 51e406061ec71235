import { badInput } from '../../common/errors';
import type { Context } from '../../context';
import { AssetKind, AssetStatus } from '../assets/asset.enums';
import { renewalDecisionSql } from '../contracts/contract.types';
import { ExpiryKind, type ExpiringItemRow } from './radar.types';

export const MAX_WITHIN_DAYS = 3650;
export const DEFAULT_LIMIT = 500;
export const MAX_LIMIT = 1000;

export interface ExpiringArgs {
  withinDays: number;
  kinds?: ExpiryKind[] | null;
  limit?: number | null;
}

const KINDS = Object.values(ExpiryKind);
/** Same-day ties go by kind name (as the schema lists the values), computed here rather than left to the database's collation. */
const RANK = Object.fromEntries([...KINDS].sort().map((k, i) => [k, i])) as Record<ExpiryKind, number>;
const WINDOW = 'BETWEEN CURRENT_DATE AND CURRENT_DATE + $1::int';
/** Retired and disposed assets need no more action. */
const LIVE_ASSET = `a.status NOT IN ('${AssetStatus.RETIRED}', '${AssetStatus.DISPOSED}')`;

/**
 * One branch of the radar's UNION ALL over `asset a`. `key` is the due date as the
 * serving index spells it, so the index answers the range and the order, and the
 * branches arrive presorted for a merge. Each branch is limited too: none can
 * contribute more rows than the whole list keeps, so each index scan stops early.
 */
function assetBranch(kind: ExpiryKind, key: string, where: string[]): string {
  return `SELECT '${kind}'::text AS kind, ${RANK[kind]} AS rank, ${key} AS "dueOn", a.id AS "assetId", NULL::uuid AS "contractId",
      a.asset_tag::text AS ref, a.name::text AS label
    FROM asset a WHERE ${where.join(' AND ')} ORDER BY ${key}, a.id LIMIT $2`;
}

function contractBranch(kind: ExpiryKind, key: string, where: string[]): string {
  return `SELECT '${kind}'::text AS kind, ${RANK[kind]} AS rank, ${key} AS "dueOn", NULL::uuid AS "assetId", c.id AS "contractId",
      c.contract_number::text AS ref, c.title::text AS label
    FROM contract c WHERE ${where.join(' AND ')} ORDER BY ${key}, c.id LIMIT $2`;
}

/** The kind's own end date in the form of idx_asset_order_expires_on (inside the window it is expires_on itself). */
const EXPIRES_KEY = `COALESCE(a.expires_on, 'infinity'::date)`;
const expiresBranch = (kind: ExpiryKind, assetKind: AssetKind) =>
  assetBranch(kind, EXPIRES_KEY, [`${EXPIRES_KEY} ${WINDOW}`, `a.kind = '${assetKind}'`, LIVE_ASSET]);

const DECISION = renewalDecisionSql('c');

/**
 * The SQL of each source, with the index that serves it:
 * idx_asset_warranty_ends_on, idx_asset_order_expires_on (expression), idx_contract_ends_on,
 * idx_contract_renewal_decision (expression), idx_asset_overdue (partial).
 */
const BRANCHES: Record<ExpiryKind, string> = {
  [ExpiryKind.WARRANTY]: assetBranch(ExpiryKind.WARRANTY, 'a.warranty_ends_on', [`a.warranty_ends_on ${WINDOW}`, LIVE_ASSET]),
  [ExpiryKind.CONTRACT_END]: contractBranch(ExpiryKind.CONTRACT_END, 'c.ends_on', [`c.ends_on ${WINDOW}`]),
  // A decision date that is the end date itself adds nothing to CONTRACT_END; a contract already ended needs no decision.
  [ExpiryKind.RENEWAL_NOTICE]: contractBranch(ExpiryKind.RENEWAL_NOTICE, DECISION, [
    `${DECISION} ${WINDOW}`,
    `(c.ends_on IS NULL OR (c.ends_on >= CURRENT_DATE AND ${DECISION} <> c.ends_on))`,
  ]),
  [ExpiryKind.LICENSE]: expiresBranch(ExpiryKind.LICENSE, AssetKind.SOFTWARE_LICENSE),
  // expires_on of a certificate is the UTC date of not_after (kept so by the asset service).
  [ExpiryKind.CERTIFICATE]: expiresBranch(ExpiryKind.CERTIFICATE, AssetKind.CERTIFICATE),
  [ExpiryKind.SUBSCRIPTION]: expiresBranch(ExpiryKind.SUBSCRIPTION, AssetKind.CLOUD_RESOURCE),
  [ExpiryKind.RETENTION]: expiresBranch(ExpiryKind.RETENTION, AssetKind.DATA_ASSET),
  // No lower bound: an overdue return is still open. The predicates are those of the partial index idx_asset_overdue.
  [ExpiryKind.CHECKOUT_RETURN]: assetBranch(ExpiryKind.CHECKOUT_RETURN, 'a.expected_return_on', [
    `a.status = '${AssetStatus.IN_USE}'`,
    'a.expected_return_on IS NOT NULL',
    'a.expected_return_on <= CURRENT_DATE + $1::int',
  ]),
};

/** The radar as one statement: the chosen sources, soonest first (ties: kind name, then id), limited. */
export function expiringSql(kinds: readonly ExpiryKind[]): string {
  const branches = KINDS.filter((k) => kinds.includes(k)).map((k) => `(${BRANCHES[k]})`);
  return `SELECT kind, "dueOn", ("dueOn" - CURRENT_DATE) AS "daysRemaining", "assetId", "contractId", ref, label
    FROM (${branches.join('\n  UNION ALL ')}) item
    ORDER BY "dueOn", rank, COALESCE("assetId", "contractId") LIMIT $2`;
}

export async function listExpiring(ctx: Context, args: ExpiringArgs): Promise<ExpiringItemRow[]> {
  const { withinDays } = args;
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WITHIN_DAYS) {
    throw badInput(`withinDays must be from 0 to ${MAX_WITHIN_DAYS} (got ${withinDays})`, 'withinDays');
  }
  const limit = args.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badInput(`limit must be from 1 to ${MAX_LIMIT} (got ${limit})`, 'limit');
  }
  const kinds = args.kinds?.length ? args.kinds : KINDS;
  return ctx.db.query<ExpiringItemRow>(expiringSql(kinds), [withinDays, limit]);
}

const named = (r: ExpiringItemRow) => `${r.ref} ${r.label}`;
const SENTENCES: Record<ExpiryKind, (r: ExpiringItemRow) => string> = {
  [ExpiryKind.WARRANTY]: (r) => `Warranty of ${named(r)} ends`,
  [ExpiryKind.CONTRACT_END]: (r) => `Contract ${named(r)} ends`,
  [ExpiryKind.RENEWAL_NOTICE]: (r) => `Last day to give notice on contract ${named(r)} (renewal decision)`,
  [ExpiryKind.LICENSE]: (r) => `Licence ${named(r)} expires`,
  [ExpiryKind.CERTIFICATE]: (r) => `Certificate ${named(r)} expires`,
  [ExpiryKind.SUBSCRIPTION]: (r) => `Subscription ${named(r)} ends or renews`,
  [ExpiryKind.RETENTION]: (r) => `Retention period of ${named(r)} ends`,
  [ExpiryKind.CHECKOUT_RETURN]: (r) => (r.daysRemaining < 0 ? `${named(r)} is overdue for return` : `${named(r)} is due back`),
};

/** The item as a sentence for people: what, of which asset or contract. */
export const describeItem = (r: ExpiringItemRow): string => SENTENCES[r.kind](r);
