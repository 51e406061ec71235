import DataLoader from 'dataloader';
import type { Queryable } from '../database/db';
import { badInput } from './errors';

/**
 * A loader of rows by id: one statement per batch, `WHERE id = ANY($1)`.
 * `sql` must select an `id` column and take the id array as $1.
 */
export function byIdLoader<R extends { id: string }>(db: Queryable, sql: string): DataLoader<string, R | null> {
  return new DataLoader<string, R | null>(async (ids) => {
    const rows = await db.query<R>(sql, [ids as string[]]);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/**
 * A loader of row lists grouped by a key column (e.g. children by parent):
 * one statement per batch; `sql` takes the key array as $1 and selects `groupKey`.
 */
export function groupedLoader<R extends Record<string, unknown>>(db: Queryable, sql: string, groupKey: keyof R & string): DataLoader<string, R[]> {
  return new DataLoader<string, R[]>(async (keys) => {
    const groups = groupRows(await db.query<R>(sql, [keys as string[]]), (r) => r[groupKey] as string);
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/** Rows by a key of each, in their order. */
function groupRows<R>(rows: R[], keyOf: (r: R) => string, into = new Map<string, R[]>()): Map<string, R[]> {
  for (const r of rows) {
    const k = keyOf(r);
    let g = into.get(k);
    if (!g) into.set(k, (g = []));
    g.push(r);
  }
  return into;
}

/** A grouped-loader key with the columns to read (a select list from a column planner; null: all). */
export interface ColumnsKey {
  key: string;
  columns: string | null;
}

/**
 * groupedLoader with selection-driven columns: keys with the same column list share one
 * statement, so a batch costs one statement per distinct selection. `sql` is given the select
 * list (null for the full one), takes the key array as $1 and selects `groupKey`.
 */
export function columnsGroupedLoader<R extends Record<string, unknown>>(
  db: Queryable, sql: (columns: string | null) => string, groupKey: keyof R & string,
): DataLoader<ColumnsKey, R[], string> {
  return new DataLoader<ColumnsKey, R[], string>(
    async (keys) => {
      const bySelect = new Map<string | null, string[]>();
      for (const k of keys) {
        if (!bySelect.has(k.columns)) bySelect.set(k.columns, []);
        bySelect.get(k.columns)!.push(k.key);
      }
      const groups = new Map<string, R[]>();
      await Promise.all([...bySelect.entries()].map(async ([columns, ids]) =>
        groupRows(await db.query<R>(sql(columns), [ids]), (r) => `${r[groupKey] as string}|${columns ?? ''}`, groups)));
      return keys.map((k) => groups.get(`${k.key}|${k.columns ?? ''}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.key}|${k.columns ?? ''}` },
  );
}

/** One page of children per parent, for a whole batch of parents. */
export interface ChildPageKey {
  parent: string;
  /** Rows to fetch (page size + 1, to know whether more follow). */
  limit: number;
  /** Keyset position to continue after (as text), or null from the start. */
  after: string | null;
  /** The child columns to read (a select list from a column planner); absent: the loader's full list. */
  columns?: string | null;
}

const pageKey = (k: ChildPageKey): string => `${k.parent}|${k.limit}|${k.after ?? ''}|${k.columns ?? ''}`;

/**
 * A loader of "newest N children per parent": every key with the same limit, position and
 * columns is answered by one statement (`unnest($1) CROSS JOIN LATERAL (… LIMIT $3)`),
 * so a page of 100 assets with their custody chains is one statement, not 100.
 * `sql` takes $1 = parent ids, $2 = after (text or null), $3 = limit, and selects `parentId`;
 * as a function it is given the select list of the child columns (a key's `columns`, or null for all).
 */
export function childPageLoader<R extends object>(db: Queryable, sql: string | ((columns: string | null) => string)): DataLoader<ChildPageKey, R[], string> {
  const sqlFor = typeof sql === 'string' ? () => sql : sql;
  return new DataLoader<ChildPageKey, R[], string>(
    async (keys) => {
      const groups = new Map<string, ChildPageKey[]>();
      for (const k of keys) {
        const g = `${k.limit}|${k.after ?? ''}|${k.columns ?? ''}`;
        if (!groups.has(g)) groups.set(g, []);
        groups.get(g)!.push(k);
      }
      const results = new Map<string, R[]>();
      await Promise.all(
        [...groups.values()].map(async (ks) => {
          let rows: R[];
          try {
            rows = await db.query<R>(sqlFor(ks[0].columns ?? null), [ks.map((k) => k.parent), ks[0].after, ks[0].limit]);
          } catch (err) {
            // A cursor of the right shape whose value does not cast (a forged date or number): PostgreSQL's
            // data exceptions (SQLSTATE class 22) are the caller's error, not ours.
            const code = (err as { code?: unknown }).code;
            if (ks[0].after != null && typeof code === 'string' && code.startsWith('22')) throw badInput('`after` is not a cursor of this list', 'after');
            throw err;
          }
          for (const k of ks) results.set(pageKey(k), []);
          for (const r of rows) results.get(pageKey({ ...ks[0], parent: (r as Record<string, unknown>).parentId as string }))?.push(r);
        }),
      );
      return keys.map((k) => results.get(pageKey(k)) ?? []);
    },
    { cacheKeyFn: pageKey },
  );
}

/**
 * Counts rows per key in one statement per batch, e.g. the totalCount of every
 * parent's child list on a page. `table` and `column` are code constants, never input;
 * `where` is an optional extra SQL condition.
 */
export function countLoader(db: Queryable, table: string, column: string, where?: string): DataLoader<string, number> {
  return new DataLoader<string, number>(async (keys) => {
    const rows = await db.query<{ k: string; n: number }>(
      `SELECT ${column} AS k, count(*)::int AS n FROM ${table} WHERE ${column} = ANY($1::uuid[])${where ? ` AND (${where})` : ''} GROUP BY ${column}`,
      [keys as string[]],
    );
    const counts = new Map(rows.map((r) => [r.k, r.n]));
    return keys.map((k) => counts.get(k) ?? 0);
  });
}
