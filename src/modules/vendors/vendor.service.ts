import { keysetPage, pageRequest, type ConnectionResult, type KeysetOrder } from '../../common/connection';
import { lockForUpdate, mapDbError, setClause } from '../../common/persistence';
import { fail, UserErrorCode } from '../../common/user-errors';
import { assertValid, refuseUnstorableText, requireKey } from '../../common/validation';
import type { Context } from '../../context';
import { selectList } from '../../database/columns';
import { VendorEntity } from './vendor.entity';
import type { CreateVendorInput, UpdateVendorInput, VendorsArgs } from './vendor.inputs';
import type { VendorRow } from './vendor.types';

export const VENDOR_COLUMNS = selectList(VendorEntity, 'v', 'Vendor');
const CONSTRAINT_FIELDS = {
  uq_vendor_name_ci: ['input', 'name'],
  chk_vendor_name: ['input', 'name'],
  chk_vendor_roles: ['input', 'roles'],
  chk_vendor_certifications: ['input', 'certifications'],
};
const ORDER: KeysetOrder = { name: 'vendor.name', expr: 'v.name', cast: 'text', direction: 'ASC' };

/** Lists are sets: a value given twice is kept once, in first-given order. */
const distinct = <T>(values: readonly T[] | null | undefined): T[] => [...new Set(values ?? [])];

export async function listVendors(ctx: Context, args: VendorsArgs): Promise<ConnectionResult<VendorRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (args.role != null) {
    params.push(args.role);
    where.push(`v.roles @> ARRAY[$${params.length}::varchar]`);
  }
  refuseUnstorableText(args.search, 'search');
  const search = args.search?.trim();
  if (search) {
    params.push(search);
    where.push(`starts_with(lower(v.name), lower($${params.length}))`);
  }
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  return keysetPage<VendorRow>(ctx.db, {
    select: `SELECT ${VENDOR_COLUMNS} FROM vendor v`,
    where,
    params,
    order: ORDER,
    idExpr: 'v.id',
    count: async () => (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM vendor v${filter}`, params))[0].n,
  }, pageRequest(args, ORDER.name));
}

export async function createVendor(ctx: Context, input: CreateVendorInput): Promise<{ vendor: VendorRow }> {
  await assertValid(input);
  try {
    const [row] = await ctx.db.query<VendorRow>(
      `INSERT INTO vendor AS v (name, roles, certifications, website, contact_email)
       VALUES ($1, $2::varchar[], $3::varchar[], $4, $5) RETURNING ${VENDOR_COLUMNS}`,
      [input.name.trim(), distinct(input.roles), distinct(input.certifications), input.website?.trim() || null, input.contactEmail?.trim() || null],
    );
    return { vendor: row };
  } catch (err) {
    mapDbError(err, CONSTRAINT_FIELDS);
  }
}

export async function updateVendor(ctx: Context, input: UpdateVendorInput): Promise<{ vendor: VendorRow }> {
  const key = requireKey(input.id, ['Vendor'], ['input', 'id']);
  await assertValid(input);
  if (input.name === null) fail(['input', 'name'], UserErrorCode.REQUIRED, 'name cannot be cleared');
  return ctx.db.transaction(async (tx) => {
    await lockForUpdate<VendorRow>(tx, `SELECT ${VENDOR_COLUMNS} FROM vendor v WHERE v.id = $1 FOR UPDATE`, key, input.expectedVersion, 'vendor');
    const changes: Record<string, unknown> = {};
    if (input.name !== undefined) changes.name = input.name!.trim();
    if (input.roles !== undefined) changes.roles = distinct(input.roles);
    if (input.certifications !== undefined) changes.certifications = distinct(input.certifications);
    if (input.website !== undefined) changes.website = input.website?.trim() || null;
    if (input.contactEmail !== undefined) changes.contact_email = input.contactEmail?.trim() || null;
    const set = setClause(changes, 1);
    try {
      const [row] = await tx.query<VendorRow>(
        `UPDATE vendor AS v SET ${set.sql ? `${set.sql}, ` : ''}version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${VENDOR_COLUMNS}`,
        [key, ...set.values],
      );
      return { vendor: row };
    } catch (err) {
      mapDbError(err, CONSTRAINT_FIELDS);
    }
  });
}
