import DataLoader from 'dataloader';
import type { Queryable } from '../database/db';

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
    const rows = await db.query<R>(sql, [keys as string[]]);
    const groups = new Map<string, R[]>();
    for (const r of rows) {
      const k = r[groupKey] as string;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(r);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}
