import { keysetPage, pageRequest, type ConnectionResult, type KeysetOrder } from '../../common/connection';
import { badInput } from '../../common/errors';
import { columnPlanner } from '../../common/selection';
import { fromGlobalId } from '../../common/global-id';
import { lockForUpdate, mapDbError, setClause } from '../../common/persistence';
import { fail, userError, UserErrorCode, UserErrorsException, type UserError } from '../../common/user-errors';
import { assertValid, refuseUnstorableText, requireKey, resolveRefs } from '../../common/validation';
import type { Context } from '../../context';
import type { Queryable } from '../../database/db';
import { columnMap, selectList } from '../../database/columns';
import { KIND_TYPENAME } from '../assets/asset.enums';
import { likePrefix } from '../assets/asset.filter';
import { ContractEntity } from './contract.entity';
import type { ContractAssetsInput, ContractsArgs, CreateContractInput, UpdateContractInput } from './contract.inputs';
import { contractStatusSql, renewalDecisionSql, type ContractRow } from './contract.types';

/** The columns of `contract c` plus the derived renewalDecisionBy and status. */
export const CONTRACT_COLUMNS =
  `${selectList(ContractEntity, 'c', 'Contract')}, ${renewalDecisionSql('c')} AS "renewalDecisionBy", ${contractStatusSql('c')} AS "status"`;

/**
 * The contract columns a selection of contracts needs (src/common/selection.ts), for an asset's
 * `contracts` list. test/asset-columns.e2e.test.ts compares every contract field against whole rows.
 */
export const contractSelectFor = columnPlanner({
  columns: columnMap(ContractEntity),
  expressions: { renewalDecisionBy: renewalDecisionSql('c'), status: contractStatusSql('c') },
  types: ['Contract'],
  always: ['id'],
  constants: [`'Contract' AS "__typename"`],
  resolverReads: {
    id: [],
    vendor: ['vendorId'],
    cost: ['cost', 'costCurrency'],
  },
}, 'c', 'list');
const CONSTRAINT_FIELDS = {
  uq_contract_number: ['input', 'contractNumber'],
  chk_contract_dates: ['input', 'endsOn'],
  chk_contract_notice: ['input', 'noticePeriodDays'],
  chk_contract_cost: ['input', 'cost'],
  chk_contract_type: ['input', 'type'],
  fk_contract_vendor: ['input', 'vendorId'],
};
/** Soonest end first, open-ended contracts last. */
const ORDER: KeysetOrder = { name: 'contract.endsOn', expr: `COALESCE(c.ends_on, 'infinity'::date)`, cast: 'date', direction: 'ASC' };
const ASSET_TYPES = Object.values(KIND_TYPENAME);
const VENDOR_REF = { types: ['Vendor'], table: 'vendor', field: ['input', 'vendorId'] };

export async function listContracts(ctx: Context, args: ContractsArgs): Promise<ConnectionResult<ContractRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const f = args.filter;
  if (f?.vendorId != null) {
    const vendor = fromGlobalId(f.vendorId);
    if (vendor?.type !== 'Vendor') throw badInput('filter.vendorId is not a Vendor ID', 'filter');
    where.push(`c.vendor_id = ${p(vendor.key)}::uuid`);
  }
  if (f?.types?.length) where.push(`c.type = ANY(${p(f.types)}::varchar[])`);
  if (f?.statuses?.length) where.push(`(${contractStatusSql('c')}) = ANY(${p(f.statuses)}::text[])`);
  if (f?.endsBefore != null) where.push(`c.ends_on < ${p(f.endsBefore)}::date`);
  if (f?.endsAfter != null) where.push(`c.ends_on > ${p(f.endsAfter)}::date`);
  refuseUnstorableText(f?.search, 'filter');
  const search = f?.search?.trim();
  if (search) {
    if (search.length > 200) throw badInput('filter.search may be at most 200 characters', 'filter');
    const s = p(likePrefix(search));
    where.push(`(lower(c.contract_number) LIKE ${s} OR lower(c.title) LIKE ${s})`);
  }
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const countParams = [...params];
  return keysetPage<ContractRow>(ctx.db, {
    select: `SELECT ${CONTRACT_COLUMNS} FROM contract c`,
    where,
    params,
    order: ORDER,
    idExpr: 'c.id',
    count: async () => (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contract c${filter}`, countParams))[0].n,
  }, pageRequest(args, ORDER.name));
}

interface ContractDates {
  startsOn?: string | null;
  endsOn?: string | null;
  renewsOn?: string | null;
  noticePeriodDays?: number | null;
}

/** `dates` as they will be stored; `given` is the input, to name the field at fault. */
function assertDates(dates: ContractDates, given: ContractDates): void {
  const { startsOn, endsOn, renewsOn, noticePeriodDays } = dates;
  // YYYY-MM-DD strings compare as dates.
  if (startsOn != null && endsOn != null && startsOn > endsOn) {
    fail(['input', 'endsOn'], UserErrorCode.INVALID, `endsOn (${endsOn}) is before startsOn (${startsOn})`);
  }
  // renewalDecisionBy (renewsOn or endsOn, less the notice period) must be a date of the common era, which
  // YYYY-MM-DD can show: PostgreSQL would compute a BC date that no reader of the contract could serialise.
  const base = renewsOn ?? endsOn;
  if (base != null && noticePeriodDays) {
    const earliest = new Date(0);
    earliest.setUTCFullYear(1, 0, 1 + noticePeriodDays);
    if (base < earliest.toISOString().slice(0, 10)) {
      const baseField = renewsOn != null ? 'renewsOn' : 'endsOn';
      const field = given[baseField] !== undefined || given.noticePeriodDays === undefined ? baseField : 'noticePeriodDays';
      fail(['input', field], UserErrorCode.INVALID, `${baseField} (${base}) less noticePeriodDays (${noticePeriodDays}) falls before 0001-01-01`);
    }
  }
}

export async function createContract(ctx: Context, input: CreateContractInput): Promise<{ contract: ContractRow }> {
  await assertValid(input);
  assertDates(input, input);
  const [vendorId] = await resolveRefs(ctx.db, [{ id: input.vendorId, ...VENDOR_REF }]);
  try {
    const [row] = await ctx.db.query<ContractRow>(
      `INSERT INTO contract AS c (contract_number, title, type, vendor_id, starts_on, ends_on, renews_on, auto_renew, notice_period_days, cost, cost_currency, sla_terms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${CONTRACT_COLUMNS}`,
      [
        input.contractNumber.trim(), input.title.trim(), input.type, vendorId, input.startsOn ?? null, input.endsOn ?? null, input.renewsOn ?? null,
        input.autoRenew ?? false, input.noticePeriodDays ?? 0, input.cost?.amount ?? null, input.cost?.currency ?? null, input.slaTerms?.trim() || null,
      ],
    );
    return { contract: row };
  } catch (err) {
    mapDbError(err, CONSTRAINT_FIELDS);
  }
}

export async function updateContract(ctx: Context, input: UpdateContractInput): Promise<{ contract: ContractRow }> {
  const key = requireKey(input.id, ['Contract'], ['input', 'id']);
  await assertValid(input);
  for (const f of ['contractNumber', 'title', 'type', 'autoRenew', 'noticePeriodDays'] as const) {
    if (input[f] === null) fail(['input', f], UserErrorCode.REQUIRED, `${f} cannot be cleared`);
  }
  return ctx.db.transaction(async (tx) => {
    const current = await lockForUpdate<ContractRow>(tx, `SELECT ${CONTRACT_COLUMNS} FROM contract c WHERE c.id = $1 FOR UPDATE`, key, input.expectedVersion, 'contract');
    const merged = (f: keyof ContractDates) => (input[f] !== undefined ? input[f] : current[f]);
    assertDates({ startsOn: merged('startsOn'), endsOn: merged('endsOn'), renewsOn: merged('renewsOn'), noticePeriodDays: merged('noticePeriodDays') } as ContractDates, input);
    const changes: Record<string, unknown> = {};
    if (input.contractNumber !== undefined) changes.contract_number = input.contractNumber!.trim();
    if (input.title !== undefined) changes.title = input.title!.trim();
    if (input.type !== undefined) changes.type = input.type;
    if (input.vendorId !== undefined) [changes.vendor_id] = await resolveRefs(tx, [{ id: input.vendorId, ...VENDOR_REF }]);
    if (input.startsOn !== undefined) changes.starts_on = input.startsOn;
    if (input.endsOn !== undefined) changes.ends_on = input.endsOn;
    if (input.renewsOn !== undefined) changes.renews_on = input.renewsOn;
    if (input.autoRenew !== undefined) changes.auto_renew = input.autoRenew;
    if (input.noticePeriodDays !== undefined) changes.notice_period_days = input.noticePeriodDays;
    if (input.cost !== undefined) {
      changes.cost = input.cost?.amount ?? null;
      changes.cost_currency = input.cost?.currency ?? null;
    }
    if (input.slaTerms !== undefined) changes.sla_terms = input.slaTerms?.trim() || null;
    const set = setClause(changes, 1);
    try {
      const [row] = await tx.query<ContractRow>(
        `UPDATE contract AS c SET ${set.sql ? `${set.sql}, ` : ''}version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${CONTRACT_COLUMNS}`,
        [key, ...set.values],
      );
      return { contract: row };
    } catch (err) {
      mapDbError(err, CONSTRAINT_FIELDS);
    }
  });
}

/**
 * Decodes and checks the asset IDs of a link/unlink in one statement: each garbage or
 * unknown ID is NOT_FOUND at ["input","assetIds","<index>"]. Returns the distinct keys.
 */
async function resolveAssetIds(db: Queryable, ids: string[]): Promise<string[]> {
  const errors: UserError[] = [];
  const notFound = (i: number) => userError(['input', 'assetIds', String(i)], UserErrorCode.NOT_FOUND, `No asset with ID ${JSON.stringify(String(ids[i])).slice(0, 80)}`);
  const keys = ids.map((id, i) => {
    const d = fromGlobalId(id);
    if (!d || !ASSET_TYPES.includes(d.type)) {
      errors.push(notFound(i));
      return null;
    }
    return d.key;
  });
  const wanted = [...new Set(keys.filter((k): k is string => k != null))];
  // FOR SHARE: a concurrent disposal waits for this link (and then sees it), or this link sees the disposal.
  const rows = wanted.length
    ? await db.query<{ id: string; kind: string; status: string }>(`SELECT id, kind, status FROM asset WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`, [wanted])
    : [];
  // The type in the global ID must be the asset's own kind: a Certificate ID with a Hardware key is not an asset ID.
  const found = new Map(rows.map((r) => [r.id, KIND_TYPENAME[r.kind as keyof typeof KIND_TYPENAME]]));
  const disposed = new Set(rows.filter((r) => r.status === 'DISPOSED').map((r) => r.id));
  keys.forEach((k, i) => {
    if (k != null && found.get(k) !== fromGlobalId(ids[i])!.type) errors.push(notFound(i));
    else if (k != null && disposed.has(k)) {
      errors.push(userError(['input', 'assetIds', String(i)], UserErrorCode.INVALID_TRANSITION, 'The asset is DISPOSED: that is final, nothing changes it any more'));
    }
  });
  if (errors.length) throw new UserErrorsException(errors.sort((a, b) => Number(a.field![2]) - Number(b.field![2])));
  return wanted;
}

/** Runs a link or unlink: validation, then the contract (locked against a concurrent change) and the assets, then `change`. */
async function changeLinks(ctx: Context, input: ContractAssetsInput, change: (tx: Queryable, contractKey: string, assetKeys: string[]) => Promise<unknown>): Promise<{ contract: ContractRow }> {
  await assertValid(input);
  const key = requireKey(input.contractId, ['Contract'], ['input', 'contractId']);
  return ctx.db.transaction(async (tx) => {
    const [contract] = await tx.query<ContractRow>(`SELECT ${CONTRACT_COLUMNS} FROM contract c WHERE c.id = $1 FOR SHARE`, [key]);
    if (!contract) fail(['input', 'contractId'], UserErrorCode.NOT_FOUND, 'No contract with this ID');
    const assetKeys = await resolveAssetIds(tx, input.assetIds);
    await change(tx, key, assetKeys);
    return { contract };
  });
}

/** Links assets to a contract; already linked ones stay as they are (idempotent). */
export function linkContractAssets(ctx: Context, input: ContractAssetsInput): Promise<{ contract: ContractRow }> {
  return changeLinks(ctx, input, (tx, contractKey, assetKeys) =>
    tx.query(`INSERT INTO contract_asset (contract_id, asset_id) SELECT $1::uuid, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [contractKey, assetKeys]));
}

/** Unlinks assets from a contract; ones not linked are ignored (idempotent). */
export function unlinkContractAssets(ctx: Context, input: ContractAssetsInput): Promise<{ contract: ContractRow }> {
  return changeLinks(ctx, input, (tx, contractKey, assetKeys) =>
    tx.query(`DELETE FROM contract_asset WHERE contract_id = $1::uuid AND asset_id = ANY($2::uuid[])`, [contractKey, assetKeys]));
}
