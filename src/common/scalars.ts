import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (so 2025-02-29 is refused). */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return value;
}

/** A calendar date without time or zone, kept as the string YYYY-MM-DD end to end. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time or time zone, written YYYY-MM-DD (ISO 8601), e.g. "2026-03-31".',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseDate(value);
  },
  parseValue: parseDate,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string written YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

/** Up to 14 integer digits and up to 6 decimals, optionally negative; stored as exact numeric. */
export const DECIMAL_RE = /^-?\d{1,14}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  if (typeof value === 'string' && DECIMAL_RE.test(value.trim())) return value.trim();
  if (typeof value === 'number' && Number.isFinite(value) && Number.isSafeInteger(Math.round(value * 100))) {
    // Accepted for convenience; the exact form is the string one.
    return String(value);
  }
  throw new GraphQLError(`Decimal must be a decimal number written as a string such as "1299.00", got ${JSON.stringify(value)?.slice(0, 40)}`);
}

/** Exact decimal numbers as strings: money never passes through floating point. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number written as a string, e.g. "1299.00". Never a floating-point value.',
  serialize(value) {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    throw new GraphQLError('Decimal cannot represent this value');
  },
  parseValue: parseDecimal,
  parseLiteral(ast: ValueNode) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.kind === Kind.STRING ? ast.value : Number(ast.value));
    throw new GraphQLError('Decimal must be a string such as "1299.00"');
  },
});

export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description: 'An instant in time, written as an ISO 8601 / RFC 3339 string; always returned in UTC, e.g. "2026-03-31T09:30:00.000Z".',
});

export const JSONObjectScalar = new GraphQLScalarType({
  ...JSONObjectResolver.toConfig(),
  description: 'A JSON object (not an array or a scalar), e.g. free-form custom fields or hardware specs.',
});
