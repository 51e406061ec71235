import { ConnectionArgs, keysetPage, pageRequest, type ConnectionResult, type KeysetOrder } from '../../common/connection';
import { lockForUpdate, mapDbError, setClause } from '../../common/persistence';
import { fail, UserErrorCode } from '../../common/user-errors';
import { assertValid, requireKey, resolveRefs } from '../../common/validation';
import type { Context } from '../../context';
import { selectList } from '../../database/columns';
import { DepartmentEntity } from './department.entity';
import type { CreateDepartmentInput, UpdateDepartmentInput } from './department.inputs';
import type { DepartmentRow } from './department.types';

export const DEPARTMENT_COLUMNS = selectList(DepartmentEntity, 'd', 'Department');
const CONSTRAINT_FIELDS = { uq_department_code: ['input', 'code'], fk_department_parent: ['input', 'parentId'] };
const ORDER: KeysetOrder = { name: 'department.name', expr: 'd.name', cast: 'text', direction: 'ASC' };

export async function listDepartments(ctx: Context, args: ConnectionArgs): Promise<ConnectionResult<DepartmentRow>> {
  return keysetPage<DepartmentRow>(ctx.db, {
    select: `SELECT ${DEPARTMENT_COLUMNS} FROM department d`,
    where: [],
    params: [],
    order: ORDER,
    idExpr: 'd.id',
    count: async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM department'))[0].n,
  }, pageRequest(args, ORDER.name));
}

export async function createDepartment(ctx: Context, input: CreateDepartmentInput): Promise<{ department: DepartmentRow }> {
  await assertValid(input);
  const [parentId] = await resolveRefs(ctx.db, [{ id: input.parentId, types: ['Department'], table: 'department', field: ['input', 'parentId'] }]);
  try {
    const [row] = await ctx.db.query<DepartmentRow>(
      `INSERT INTO department AS d (name, code, cost_center, parent_id) VALUES ($1, $2, $3, $4) RETURNING ${DEPARTMENT_COLUMNS}`,
      [input.name.trim(), input.code.trim(), input.costCenter?.trim() || null, parentId],
    );
    return { department: row };
  } catch (err) {
    mapDbError(err, CONSTRAINT_FIELDS);
  }
}

export async function updateDepartment(ctx: Context, input: UpdateDepartmentInput): Promise<{ department: DepartmentRow }> {
  const key = requireKey(input.id, ['Department'], ['input', 'id']);
  await assertValid(input);
  if (input.name === null) fail(['input', 'name'], UserErrorCode.REQUIRED, 'name cannot be cleared');
  if (input.code === null) fail(['input', 'code'], UserErrorCode.REQUIRED, 'code cannot be cleared');
  return ctx.db.transaction(async (tx) => {
    if (input.parentId != null) {
      // Two concurrent moves can each pass the cycle check and together close a loop, so moves take turns.
      // Taken before the row lock: the other way round, two moves that point at each other's rows deadlock.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('department.parent_id'))`);
    }
    await lockForUpdate<DepartmentRow>(tx, `SELECT ${DEPARTMENT_COLUMNS} FROM department d WHERE d.id = $1 FOR UPDATE`, key, input.expectedVersion, 'department');
    const changes: Record<string, unknown> = {};
    if (input.name !== undefined) changes.name = input.name!.trim();
    if (input.code !== undefined) changes.code = input.code!.trim();
    if (input.costCenter !== undefined) changes.cost_center = input.costCenter?.trim() || null;
    if (input.parentId !== undefined) {
      const [parentId] = await resolveRefs(tx, [{ id: input.parentId, types: ['Department'], table: 'department', field: ['input', 'parentId'] }]);
      if (parentId) await assertNoCycle(tx, 'department', key, parentId);
      changes.parent_id = parentId;
    }
    const set = setClause(changes, 1);
    try {
      const [row] = await tx.query<DepartmentRow>(
        `UPDATE department AS d SET ${set.sql ? `${set.sql}, ` : ''}version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${DEPARTMENT_COLUMNS}`,
        [key, ...set.values],
      );
      return { department: row };
    } catch (err) {
      mapDbError(err, CONSTRAINT_FIELDS);
    }
  });
}

/** A parent may not be the node itself or one of its descendants. */
export async function assertNoCycle(tx: { query: Context['db']['query'] }, table: 'department' | 'location', key: string, parentKey: string): Promise<void> {
  const rows = await tx.query<{ hit: boolean }>(
    `WITH RECURSIVE up AS (SELECT id, parent_id FROM ${table} WHERE id = $2
       UNION ALL SELECT t.id, t.parent_id FROM ${table} t JOIN up ON t.id = up.parent_id)
     SELECT EXISTS (SELECT 1 FROM up WHERE id = $1) AS hit`,
    [key, parentKey],
  );
  if (rows[0].hit) fail(['input', 'parentId'], UserErrorCode.INVALID, `The parent cannot be the ${table} itself or one of its descendants`);
}
