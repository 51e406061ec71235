import { Field, ObjectType } from 'type-graphql';
import { describeEnum } from './enums';

export enum UserErrorCode {
  INVALID = 'INVALID',
  REQUIRED = 'REQUIRED',
  NOT_FOUND = 'NOT_FOUND',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  CONFLICT = 'CONFLICT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  NOT_AVAILABLE = 'NOT_AVAILABLE',
  SEATS_EXHAUSTED = 'SEATS_EXHAUSTED',
  SANITIZATION_REQUIRED = 'SANITIZATION_REQUIRED',
}

describeEnum(UserErrorCode, 'UserErrorCode', 'Why a mutation refused its input. A payload with userErrors changed nothing.', {
  INVALID: 'A value is malformed or out of range (length, format, number, date).',
  REQUIRED: 'A value that must be given is missing or blank.',
  NOT_FOUND: 'A referenced object (by global ID) does not exist or is of the wrong type.',
  ALREADY_EXISTS: 'A value that must be unique (asset tag, code, e-mail, name) is taken.',
  CONFLICT: 'The object changed since it was read: `expectedVersion` is stale. Read it again and retry.',
  INVALID_TRANSITION: 'The lifecycle does not allow this status move from the current status.',
  NOT_AVAILABLE: 'The asset is not available for this operation (e.g. only an IN_STOCK asset can be checked out).',
  SEATS_EXHAUSTED: 'Every seat of the licence is assigned and over-allocation is not allowed.',
  SANITIZATION_REQUIRED: 'A data-bearing asset cannot be disposed of without a data sanitisation record.',
});

@ObjectType({ description: 'An expected failure of a mutation, reported as data rather than as a GraphQL error.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "purchase", "cost", "currency"]; null when no single field is at fault.' })
  field: string[] | null;

  @Field({ description: 'Human-readable explanation, safe to show to end users.' })
  message: string;

  @Field(() => UserErrorCode, { description: 'Machine-readable reason.' })
  code: UserErrorCode;
}

export const userError = (field: string[] | null, code: UserErrorCode, message: string): UserError => ({ field, code, message });

/** Thrown inside a use case to roll its transaction back and report userErrors. */
export class UserErrorsException extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
    this.name = 'UserErrorsException';
  }
}

export function fail(field: string[] | null, code: UserErrorCode, message: string): never {
  throw new UserErrorsException([userError(field, code, message)]);
}

/** SQLSTATE character_not_in_repertoire (NUL in text) and untranslatable_character (the escape \u0000 in jsonb). */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

/**
 * Runs a use case and turns expected failures into a payload with userErrors.
 * Anything else propagates: it is a bug, and is reported (masked) as such.
 */
export async function asPayload<T extends object>(fn: () => Promise<T>): Promise<T & { userErrors: UserError[] } | { userErrors: UserError[] }> {
  try {
    return { ...(await fn()), userErrors: [] };
  } catch (err) {
    if (err instanceof UserErrorsException) return { userErrors: err.userErrors };
    // Text PostgreSQL cannot store (NUL in text or jsonb) that no check caught: the transaction rolled back.
    if (UNSTORABLE_TEXT.has((err as { code?: unknown })?.code as string)) {
      return { userErrors: [userError(null, UserErrorCode.INVALID, 'A text value holds a character that cannot be stored (NUL, U+0000)')] };
    }
    throw err;
  }
}
