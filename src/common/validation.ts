import { validate, ValidateBy, type ValidationError, type ValidationOptions } from 'class-validator';
import { fail, userError, UserErrorCode, UserErrorsException, type UserError } from './user-errors';
import { badInput } from './errors';
import { fromGlobalId } from './global-id';
import type { Queryable } from '../database/db';

/** NUL (U+0000), or a UTF-16 surrogate without its pair: text that PostgreSQL cannot store as given. */
const UNSTORABLE_RE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Paths of the strings (and object keys) in `value` that PostgreSQL cannot store: text and jsonb hold
 * no NUL, and an unpaired surrogate is not Unicode (validators such as isEmail even throw on it). Walks
 * with its own stack and parent links (linear in the size of the value, however deep it nests); at most 20.
 */
export function unstorableTextPaths(value: unknown, path: string[] = []): string[][] {
  interface Step { key: string; parent: Step | null }
  const out: string[][] = [];
  const pathOf = (step: Step | null): string[] => {
    const keys: string[] = [];
    for (let s = step; s; s = s.parent) keys.push(s.key);
    return [...path, ...keys.reverse()];
  };
  const stack: Array<[unknown, Step | null]> = [[value, null]];
  while (stack.length && out.length < 20) {
    const [v, step] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE_RE.test(v)) out.push(pathOf(step));
    } else if (v !== null && typeof v === 'object') {
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i];
        if (UNSTORABLE_RE.test(k)) out.push(pathOf({ key: k, parent: step }));
        else stack.push([x, { key: k, parent: step }]);
      }
    }
  }
  return out;
}

const UNSTORABLE_MESSAGE = 'must not contain NUL (U+0000) or an unpaired UTF-16 surrogate';
const unstorableErrors = (value: unknown, path: string[]): UserError[] =>
  unstorableTextPaths(value, path).map((p) => userError(p, UserErrorCode.INVALID, `${p[p.length - 1]} ${UNSTORABLE_MESSAGE}`));

/** INVALID userErrors for every string in `value` that PostgreSQL cannot store (see unstorableTextPaths). */
export function assertStorableText(value: unknown, path: string[]): void {
  const errors = unstorableErrors(value, path);
  if (errors.length) throw new UserErrorsException(errors);
}

/** For query arguments: BAD_USER_INPUT when a text argument holds what no stored text can (see unstorableTextPaths). */
export function refuseUnstorableText(value: unknown, argument: string): void {
  if (unstorableTextPaths(value).length) throw badInput(`\`${argument}\` ${UNSTORABLE_MESSAGE}`, argument);
}

/** A string with something other than white space in it (code REQUIRED otherwise). */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'required',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && v.trim().length > 0,
        defaultMessage: (args) => `${args?.property} must not be blank`,
      },
    },
    options,
  );
}

const REQUIRED_CONSTRAINTS = new Set(['required', 'isNotEmpty', 'isDefined']);

function flatten(errors: ValidationError[], path: string[], out: UserError[]): void {
  for (const e of errors) {
    const here = [...path, e.property];
    if (e.constraints) {
      // A blank value also breaks length and format rules; report the missing value, whatever the decorator order.
      const entries = Object.entries(e.constraints);
      const [name, message] = entries.find(([n]) => REQUIRED_CONSTRAINTS.has(n)) ?? entries[0];
      out.push(userError(here, REQUIRED_CONSTRAINTS.has(name) ? UserErrorCode.REQUIRED : UserErrorCode.INVALID, message));
    }
    if (e.children?.length) flatten(e.children, here, out);
  }
}

/** Runs the class-validator rules of an input object; userErrors with field paths such as ["input","purchase","cost"]. */
export async function validateInput(input: object, path: string[] = ['input']): Promise<UserError[]> {
  // First, and alone: some validators throw on such text instead of refusing it.
  const unstorable = unstorableErrors(input, path);
  if (unstorable.length) return unstorable;
  const errors = await validate(input, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  const out: UserError[] = [];
  flatten(errors, path, out);
  return out;
}

/** Validates and throws the userErrors (so the caller's transaction, if any, rolls back). */
export async function assertValid(input: object, path: string[] = ['input']): Promise<void> {
  const errors = await validateInput(input, path);
  if (errors.length) throw new UserErrorsException(errors);
}

/** Decodes a global ID argument that must name one of `types`; NOT_FOUND at `field` otherwise. */
export function requireKey(id: unknown, types: readonly string[], field: string[]): string {
  const decoded = fromGlobalId(id);
  if (!decoded || !types.includes(decoded.type)) {
    fail(field, UserErrorCode.NOT_FOUND, `No ${types.join(' or ')} with ID ${JSON.stringify(String(id)).slice(0, 80)}`);
  }
  return decoded.key;
}

export interface RefCheck {
  /** The global ID given (null/undefined: nothing to check). */
  id: string | null | undefined;
  types: readonly string[];
  table: string;
  field: string[];
  /** Extra SQL condition on the referenced row, e.g. `kind IN ('HARDWARE')`. */
  where?: string;
}

/**
 * Resolves global-ID references to keys and checks that the rows exist, in one
 * statement for all of them; every missing one is a NOT_FOUND userError at its field.
 */
export async function resolveRefs(db: Queryable, checks: RefCheck[]): Promise<(string | null)[]> {
  const errors: UserError[] = [];
  const keys = checks.map((c) => {
    if (c.id == null) return null;
    const d = fromGlobalId(c.id);
    if (!d || !c.types.includes(d.type)) {
      errors.push(userError(c.field, UserErrorCode.NOT_FOUND, `No ${c.types.join(' or ')} with ID ${JSON.stringify(c.id).slice(0, 80)}`));
      return null;
    }
    return d.key;
  });
  const pending = checks.map((c, i) => ({ c, key: keys[i], i })).filter((x) => x.key != null);
  if (pending.length) {
    const sql = pending
      .map((x, n) => `SELECT ${x.i} AS i FROM ${x.c.table} WHERE id = $${n + 1}::uuid${x.c.where ? ` AND (${x.c.where})` : ''}`)
      .join(' UNION ALL ');
    const found = new Set((await db.query<{ i: number }>(sql, pending.map((x) => x.key))).map((r) => r.i));
    for (const x of pending) {
      if (!found.has(x.i)) {
        errors.push(userError(x.c.field, UserErrorCode.NOT_FOUND, `No ${x.c.types.join(' or ')} with ID ${JSON.stringify(x.c.id)}`));
      }
    }
  }
  if (errors.length) throw new UserErrorsException(errors);
  return keys;
}
