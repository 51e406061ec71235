import type { Queryable } from '../database/db';
import { fail, UserErrorCode, UserErrorsException, userError } from './user-errors';

/**
 * Locks a row for the rest of the transaction and checks its version:
 * NOT_FOUND when it is gone, CONFLICT when `expectedVersion` is stale.
 */
export async function lockForUpdate<R extends { version: number }>(
  tx: Queryable,
  sql: string,
  key: string,
  expectedVersion: number | null | undefined,
  what: string,
  idField: string[] = ['input', 'id'],
): Promise<R> {
  const rows = await tx.query<R>(sql, [key]);
  const row = rows[0];
  if (!row) fail(idField, UserErrorCode.NOT_FOUND, `No ${what} with this ID`);
  if (expectedVersion != null && row.version !== expectedVersion) {
    fail(['input', 'expectedVersion'], UserErrorCode.CONFLICT, `The ${what} is at version ${row.version}, not ${expectedVersion}: it changed since you read it`);
  }
  return row;
}

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * Turns a database refusal into userErrors when it is one the input caused
 * (unique, check, foreign key, bad value); anything else is rethrown as a bug.
 * `fields` maps constraint names to the input field they concern.
 */
export function mapDbError(err: unknown, fields: Record<string, string[]>): never {
  const e = err as PgError;
  const field = (e.constraint && fields[e.constraint]) || null;
  switch (e.code) {
    case '23505':
      throw new UserErrorsException([userError(field, UserErrorCode.ALREADY_EXISTS, `${field ? field[field.length - 1] : 'A value'} is already taken`)]);
    case '23503':
      throw new UserErrorsException([userError(field, UserErrorCode.NOT_FOUND, 'A referenced object no longer exists')]);
    case '23514':
    case '23502':
      throw new UserErrorsException([userError(field, UserErrorCode.INVALID, `The value breaks the rule ${e.constraint ?? 'of the database'}`)]);
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      throw new UserErrorsException([userError(field, UserErrorCode.INVALID, 'A value is malformed or out of range')]);
    default:
      throw err;
  }
}

/** Builds `SET a = $2, b = $3` from a column → value map (params start after `offset`). */
export function setClause(changes: Record<string, unknown>, offset: number): { sql: string; values: unknown[] } {
  const cols = Object.keys(changes);
  return {
    sql: cols.map((c, i) => `${c} = $${offset + i + 1}`).join(', '),
    values: cols.map((c) => changes[c]),
  };
}
