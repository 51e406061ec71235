import { keysetPage, pageRequest, type ConnectionResult, type KeysetOrder } from '../../common/connection';
import { badInput } from '../../common/errors';
import { keyOf } from '../../common/global-id';
import { lockForUpdate, mapDbError, setClause } from '../../common/persistence';
import { fail, UserErrorCode } from '../../common/user-errors';
import { assertValid, refuseUnstorableText, requireKey, resolveRefs } from '../../common/validation';
import type { Context } from '../../context';
import { selectList } from '../../database/columns';
import { assertNoCycle } from '../departments/department.service';
import { LocationEntity } from './location.entity';
import type { CreateLocationInput, LocationsArgs, UpdateLocationInput } from './location.inputs';
import type { LocationRow } from './location.types';

export const LOCATION_COLUMNS = selectList(LocationEntity, 'l', 'Location');
const CONSTRAINT_FIELDS = {
  uq_location_code: ['input', 'code'],
  fk_location_parent: ['input', 'parentId'],
  chk_location_not_own_parent: ['input', 'parentId'],
  chk_location_kind: ['input', 'kind'],
  chk_location_name: ['input', 'name'],
};
const ORDER: KeysetOrder = { name: 'location.name', expr: 'l.name', cast: 'text', direction: 'ASC' };

export async function listLocations(ctx: Context, args: LocationsArgs): Promise<ConnectionResult<LocationRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (args.parentId != null && args.rootsOnly) throw badInput('Pass `parentId` or `rootsOnly`, not both', 'rootsOnly');
  if (args.parentId != null) {
    const parentKey = keyOf(args.parentId, ['Location']);
    if (!parentKey) throw badInput('`parentId` is not the ID of a Location', 'parentId');
    params.push(parentKey);
    where.push(`l.parent_id = $${params.length}::uuid`);
  }
  if (args.rootsOnly) where.push('l.parent_id IS NULL');
  refuseUnstorableText(args.search, 'search');
  const search = args.search?.trim();
  if (search) {
    params.push(search);
    where.push(`starts_with(lower(l.name), lower($${params.length}))`);
  }
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  return keysetPage<LocationRow>(ctx.db, {
    select: `SELECT ${LOCATION_COLUMNS} FROM location l`,
    where,
    params,
    order: ORDER,
    idExpr: 'l.id',
    count: async () => (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM location l${filter}`, params))[0].n,
  }, pageRequest(args, ORDER.name));
}

export async function createLocation(ctx: Context, input: CreateLocationInput): Promise<{ location: LocationRow }> {
  await assertValid(input);
  const [parentId] = await resolveRefs(ctx.db, [{ id: input.parentId, types: ['Location'], table: 'location', field: ['input', 'parentId'] }]);
  try {
    const [row] = await ctx.db.query<LocationRow>(
      `INSERT INTO location AS l (name, code, kind, address, parent_id) VALUES ($1, $2, $3, $4, $5) RETURNING ${LOCATION_COLUMNS}`,
      [input.name.trim(), input.code?.trim() || null, input.kind, input.address?.trim() || null, parentId],
    );
    return { location: row };
  } catch (err) {
    mapDbError(err, CONSTRAINT_FIELDS);
  }
}

export async function updateLocation(ctx: Context, input: UpdateLocationInput): Promise<{ location: LocationRow }> {
  const key = requireKey(input.id, ['Location'], ['input', 'id']);
  await assertValid(input);
  if (input.name === null) fail(['input', 'name'], UserErrorCode.REQUIRED, 'name cannot be cleared');
  if (input.kind === null) fail(['input', 'kind'], UserErrorCode.REQUIRED, 'kind cannot be cleared');
  return ctx.db.transaction(async (tx) => {
    if (input.parentId != null) {
      // Two concurrent moves can each pass the cycle check and together close a loop, so moves take turns.
      // Taken before the row lock: the other way round, two moves that point at each other's rows deadlock.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('location.parent_id'))`);
    }
    await lockForUpdate<LocationRow>(tx, `SELECT ${LOCATION_COLUMNS} FROM location l WHERE l.id = $1 FOR UPDATE`, key, input.expectedVersion, 'location');
    const changes: Record<string, unknown> = {};
    if (input.name !== undefined) changes.name = input.name!.trim();
    if (input.code !== undefined) changes.code = input.code?.trim() || null;
    if (input.kind !== undefined) changes.kind = input.kind;
    if (input.address !== undefined) changes.address = input.address?.trim() || null;
    if (input.parentId !== undefined) {
      const [parentId] = await resolveRefs(tx, [{ id: input.parentId, types: ['Location'], table: 'location', field: ['input', 'parentId'] }]);
      if (parentId) await assertNoCycle(tx, 'location', key, parentId);
      changes.parent_id = parentId;
    }
    const set = setClause(changes, 1);
    try {
      const [row] = await tx.query<LocationRow>(
        `UPDATE location AS l SET ${set.sql ? `${set.sql}, ` : ''}version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${LOCATION_COLUMNS}`,
        [key, ...set.values],
      );
      return { location: row };
    } catch (err) {
      mapDbError(err, CONSTRAINT_FIELDS);
    }
  });
}
