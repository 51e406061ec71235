import { keysetPage, pageRequest, type ConnectionResult, type KeysetOrder } from '../../common/connection';
import { releaseSeatsOfPerson } from '../licenses/seat-release';
import { badInput } from '../../common/errors';
import { keyOf } from '../../common/global-id';
import { lockForUpdate, mapDbError, setClause } from '../../common/persistence';
import { fail, UserErrorCode } from '../../common/user-errors';
import { assertValid, refuseUnstorableText, requireKey, resolveRefs, type RefCheck } from '../../common/validation';
import type { Context } from '../../context';
import { selectList } from '../../database/columns';
import { PersonEntity } from './person.entity';
import type { CreatePersonInput, PeopleArgs, UpdatePersonInput } from './person.inputs';
import type { PersonRow } from './person.types';

export const PERSON_COLUMNS = selectList(PersonEntity, 'p', 'Person');
const CONSTRAINT_FIELDS = {
  uq_person_employee_id: ['input', 'employeeId'],
  uq_person_email_ci: ['input', 'email'],
  fk_person_department: ['input', 'departmentId'],
  fk_person_location: ['input', 'locationId'],
  chk_person_display_name: ['input', 'displayName'],
};
const ORDER: KeysetOrder = { name: 'person.displayName', expr: 'p.display_name', cast: 'text', direction: 'ASC' };

/** The department and location references of an input, checked in one statement. */
const refChecks = (input: { departmentId?: string | null; locationId?: string | null }): RefCheck[] => [
  { id: input.departmentId, types: ['Department'], table: 'department', field: ['input', 'departmentId'] },
  { id: input.locationId, types: ['Location'], table: 'location', field: ['input', 'locationId'] },
];

export async function listPeople(ctx: Context, args: PeopleArgs): Promise<ConnectionResult<PersonRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  refuseUnstorableText(args.search, 'search');
  const search = args.search?.trim();
  if (search) {
    params.push(search);
    where.push(`(starts_with(lower(p.display_name), lower($${params.length})) OR starts_with(lower(p.email), lower($${params.length})))`);
  }
  if (args.departmentId != null) {
    const departmentKey = keyOf(args.departmentId, ['Department']);
    if (!departmentKey) throw badInput('`departmentId` is not the ID of a Department', 'departmentId');
    params.push(departmentKey);
    where.push(`p.department_id = $${params.length}::uuid`);
  }
  if (args.active != null) {
    params.push(args.active);
    where.push(`p.active = $${params.length}`);
  }
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  return keysetPage<PersonRow>(ctx.db, {
    select: `SELECT ${PERSON_COLUMNS} FROM person p`,
    where,
    params,
    order: ORDER,
    idExpr: 'p.id',
    count: async () => (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM person p${filter}`, params))[0].n,
  }, pageRequest(args, ORDER.name));
}

export async function createPerson(ctx: Context, input: CreatePersonInput): Promise<{ person: PersonRow }> {
  await assertValid(input);
  const [departmentId, locationId] = await resolveRefs(ctx.db, refChecks(input));
  try {
    const [row] = await ctx.db.query<PersonRow>(
      `INSERT INTO person AS p (employee_id, display_name, email, department_id, location_id, active)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${PERSON_COLUMNS}`,
      [input.employeeId?.trim() || null, input.displayName.trim(), input.email?.trim() || null, departmentId, locationId, input.active ?? true],
    );
    return { person: row };
  } catch (err) {
    mapDbError(err, CONSTRAINT_FIELDS);
  }
}

export async function updatePerson(ctx: Context, input: UpdatePersonInput): Promise<{ person: PersonRow }> {
  const key = requireKey(input.id, ['Person'], ['input', 'id']);
  await assertValid(input);
  if (input.displayName === null) fail(['input', 'displayName'], UserErrorCode.REQUIRED, 'displayName cannot be cleared');
  if (input.active === null) fail(['input', 'active'], UserErrorCode.REQUIRED, 'active cannot be cleared');
  return ctx.db.transaction(async (tx) => {
    await lockForUpdate<PersonRow>(tx, `SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = $1 FOR UPDATE`, key, input.expectedVersion, 'person');
    const [departmentId, locationId] = await resolveRefs(tx, refChecks(input));
    const changes: Record<string, unknown> = {};
    if (input.employeeId !== undefined) changes.employee_id = input.employeeId?.trim() || null;
    if (input.displayName !== undefined) changes.display_name = input.displayName!.trim();
    if (input.email !== undefined) changes.email = input.email?.trim() || null;
    if (input.departmentId !== undefined) changes.department_id = departmentId;
    if (input.locationId !== undefined) changes.location_id = locationId;
    if (input.active !== undefined) changes.active = input.active;
    const set = setClause(changes, 1);
    try {
      const [row] = await tx.query<PersonRow>(
        `UPDATE person AS p SET ${set.sql ? `${set.sql}, ` : ''}version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${PERSON_COLUMNS}`,
        [key, ...set.values],
      );
      // A person who leaves gives back their licence seats (the person row is locked, so no assignment slips in).
      if (input.active === false) await releaseSeatsOfPerson(tx, ctx, key, 'person deactivated');
      return { person: row };
    } catch (err) {
      mapDbError(err, CONSTRAINT_FIELDS);
    }
  });
}
