import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Queryable } from '../database/db';
import { apiError, badInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Return the first n items after \`after\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the item to start after (an `endCursor` or edge cursor from an earlier page).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Return the last n items before \`before\` (at most ${MAX_PAGE_SIZE}); for paging backwards.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the item to end before (a `startCursor` from a later page).' })
  before?: string | null;
}

/** Arguments of a forward-only list: first/after. */
@ArgsType()
export class ForwardArgs {
  @Field(() => Int, { nullable: true, description: `Return the first n items after \`after\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the item to start after.' })
  after?: string | null;
}

@ObjectType({ description: 'Where a page stands in its list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage: boolean;
  @Field({ description: 'True when items precede this page.' })
  hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null on an empty page.' })
  startCursor: string | null;
  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; null on an empty page.' })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionResult<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when selected. */
  readonly totalCount: Promise<number> | number;
}

/**
 * Builds `<Name>Connection` and `<Name>Edge` object types for a node type.
 * `typeName` is the node's GraphQL name (used in the descriptions and type names).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function Connection<T extends object>(nodeType: Function, typeName: string, nodeDescription = typeName) {
  @ObjectType(`${typeName}Edge`, { description: `One ${nodeDescription} in a page, with the cursor that points at it.` })
  class EdgeType {
    @Field({ description: 'Opaque keyset cursor of this item; pass it as `after` or `before`.' })
    cursor: string;
    @Field(() => nodeType as ClassType<T>, { description: `The ${nodeDescription}.` })
    node: T;
  }

  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page with their cursors.' })
    edges: EdgeType[];
    @Field(() => [nodeType as ClassType<T>], { description: 'The items of this page, without cursors.' })
    nodes: T[];
    @Field(() => PageInfo, { description: 'Whether pages come before or after this one, and its boundary cursors.' })
    pageInfo: PageInfo;
    // Not a plain property read: the count is a promise (run only when selected), which a compiled query must await.
    @Field(() => Int, { simple: false, description: 'How many items the whole list holds under the same filter (counted only when asked for).' })
    totalCount: number;
  }
  return ConnectionType;
}

/** One keyset ordering: an SQL expression, the type to cast cursor values to, and a direction. */
export interface KeysetOrder {
  /** Name stored in cursors, so that a cursor of one ordering is refused by another. */
  name: string;
  /** SQL expression of the sort key (must match an index for speed). */
  expr: string;
  /** SQL type of the key, for the cursor parameter cast. */
  cast: string;
  direction: 'ASC' | 'DESC';
}

interface Cursor {
  order: string;
  value: string | null;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.order, c.value, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, order: string, argument: string): Cursor {
  try {
    if (cursor.length > 1000) throw new Error('too long');
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) && parsed.length === 3 && parsed[0] === order &&
      (typeof parsed[1] === 'string' || parsed[1] === null) && typeof parsed[2] === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(parsed[2])
    ) {
      return { order: parsed[0], value: parsed[1], id: parsed[2] };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(`\`${argument}\` is not a cursor of this list in this order`, argument);
}

export interface PageRequest {
  limit: number;
  backward: boolean;
  after: Cursor | null;
  before: Cursor | null;
}

/** Validates first/after/last/before; the page size caps are part of the query limits. */
export function pageRequest(args: ConnectionArgs | ForwardArgs, orderName: string): PageRequest {
  const { first, after } = args;
  const last = 'last' in args ? args.last : undefined;
  const before = 'before' in args ? args.before : undefined;
  if (first != null && last != null) throw badInput('Pass `first` or `last`, not both', 'first');
  for (const [name, v] of [['first', first], ['last', last]] as const) {
    if (v == null) continue;
    if (v < 0) throw badInput(`\`${name}\` must not be negative`, name);
    if (v > MAX_PAGE_SIZE) {
      throw apiError('QUERY_TOO_COMPLEX', `\`${name}\` may be at most ${MAX_PAGE_SIZE} (got ${v})`, { limit: 'pageSize', max: MAX_PAGE_SIZE });
    }
  }
  const backward = last != null;
  return {
    limit: backward ? (last as number) : first ?? DEFAULT_PAGE_SIZE,
    backward,
    after: after != null ? decodeCursor(after, orderName, 'after') : null,
    before: before != null ? decodeCursor(before, orderName, 'before') : null,
  };
}

export interface KeysetQuery {
  /** `SELECT <columns> FROM <table> <alias>` (plus joins if any); the key is added by this helper. */
  select: string;
  /** Filter conditions, ANDed. */
  where: string[];
  params: unknown[];
  order: KeysetOrder;
  /** SQL of the row's id column, e.g. `a.id`. */
  idExpr: string;
  /** Counts the rows of the whole filtered list, run only when totalCount is selected. */
  count?: () => Promise<number>;
}

/**
 * Runs one keyset page as one statement: `WHERE (key, id) > (cursor)` on an
 * index of (key, id), so that page 1,000 costs what page 1 costs.
 */
export async function keysetPage<R extends { id: string }>(db: Queryable, q: KeysetQuery, page: PageRequest): Promise<ConnectionResult<R>> {
  const params = [...q.params];
  const where = [...q.where];
  const { order } = q;
  const key = `(${order.expr})`;
  const cmp = (c: Cursor, forward: boolean): string => {
    // forward in list order: ASC → '>', DESC → '<'
    const gt = (order.direction === 'ASC') === forward;
    params.push(c.value, c.id);
    const v = `$${params.length - 1}::${order.cast}`;
    const id = `$${params.length}::uuid`;
    return `(${key}, ${q.idExpr}) ${gt ? '>' : '<'} (${v}, ${id})`;
  };
  if (page.after) where.push(cmp(page.after, true));
  if (page.before) where.push(cmp(page.before, false));
  // Walking backwards reads the index the other way round and reverses the page afterwards.
  const dir = (order.direction === 'ASC') !== page.backward ? 'ASC' : 'DESC';
  params.push(page.limit + 1);
  const sql =
    `${q.select.replace(/^SELECT /, `SELECT ${key}::text AS "__key", `)}` +
    `${where.length ? ` WHERE ${where.join(' AND ')}` : ''}` +
    ` ORDER BY ${key} ${dir}, ${q.idExpr} ${dir} LIMIT $${params.length}`;
  let rows: Array<R & { __key: string | null }> = [];
  if (page.limit > 0) {
    try {
      rows = await db.query<R & { __key: string | null }>(sql, params);
    } catch (err) {
      // A cursor of the right shape whose key does not cast to the order's type (it was
      // forged or corrupted): PostgreSQL's data exceptions (SQLSTATE class 22) are the
      // caller's error, not ours.
      const code = (err as { code?: unknown }).code;
      if ((page.after || page.before) && typeof code === 'string' && code.startsWith('22')) {
        const argument = page.after ? 'after' : 'before';
        throw badInput(`\`${argument}\` is not a cursor of this list in this order`, argument);
      }
      throw err;
    }
  }
  const more = rows.length > page.limit;
  if (more) rows.pop();
  if (page.backward) rows.reverse();
  // Rows keep their `__key` column (no schema field reads it): copying 100 rows of 90 columns to drop it cost more than the query.
  const nodes = rows as R[];
  const count = q.count;
  return lazyConnection(
    nodes,
    (i) => encodeCursor({ order: order.name, value: rows[i].__key, id: nodes[i].id }),
    page.backward ? page.before != null : more,
    page.backward ? more : page.after != null,
    () => (count ? count() : nodes.length),
  );
}

/** Validates `first` of a forward-only child list (same caps as every connection). */
export function forwardLimit(first: number | null | undefined): number {
  if (first != null && first < 0) throw badInput('`first` must not be negative', 'first');
  if (first != null && first > MAX_PAGE_SIZE) {
    throw apiError('QUERY_TOO_COMPLEX', `\`first\` may be at most ${MAX_PAGE_SIZE} (got ${first})`, { limit: 'pageSize', max: MAX_PAGE_SIZE });
  }
  return first ?? DEFAULT_PAGE_SIZE;
}

/** A forward page from rows fetched with limit + 1 (by a child-page loader). */
export function forwardPage<R extends { id: string }>(
  rows: R[], limit: number, after: unknown, order: string, key: (r: R) => string | null, total: () => number | Promise<number>,
): ConnectionResult<R> {
  const page = rows.slice(0, limit);
  return lazyConnection(page, (i) => encodeCursor({ order, value: key(page[i]), id: page[i].id }), rows.length > limit, after != null, total);
}

/**
 * A connection whose cursors are encoded only when selected: a page of 100 assets asking
 * `nodes` of their custody chains would otherwise encode 600 cursors nobody reads.
 */
export function lazyConnection<R>(
  nodes: R[], cursorOf: (i: number) => string, hasNextPage: boolean, hasPreviousPage: boolean, total: () => number | Promise<number>,
): ConnectionResult<R> {
  let edges: Edge<R>[] | undefined;
  const cursorAt = (i: number): string | null => (i >= 0 && i < nodes.length ? cursorOf(i) : null);
  return {
    get edges() {
      return (edges ??= nodes.map((node, i) => ({ cursor: cursorOf(i), node })));
    },
    nodes,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      get startCursor() {
        return cursorAt(0);
      },
      get endCursor() {
        return cursorAt(nodes.length - 1);
      },
    },
    get totalCount() {
      return total();
    },
  };
}
