import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient, QueryResultRow } from 'pg';

/** Per-request statistics, read by the statement-count tests and benchmarks. */
export interface QueryStats {
  statements: number;
}

/** Holds the current request's stats; every statement sent through `Db` is counted in it. */
export const queryStatsStore = new AsyncLocalStorage<QueryStats>();

/** Who is changing data, and through which mutation: set around each mutation, recorded by the audit trigger. */
export interface AuditScope {
  actor: string;
  action: string;
  requestId: string;
}

/** The current mutation's audit scope (none outside mutations). */
export const auditStore = new AsyncLocalStorage<AuditScope>();

const WRITE_RE = /^\s*(INSERT|UPDATE|DELETE)\b/i;

function count(): void {
  const stats = queryStatsStore.getStore();
  if (stats) stats.statements += 1;
}

/** Anything that runs SQL: the pool, or one transaction's client. */
export interface Queryable {
  query<R extends QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
}

/** A transaction in progress; statements on it see each other's writes. */
export class Tx implements Queryable {
  constructor(private readonly client: PoolClient) {}
  async query<R extends QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]> {
    count();
    const res = await this.client.query<R>(text, values);
    return res.rows;
  }
}

/**
 * The data access used at run time: plain SQL over the pool that TypeORM's
 * data source owns. Rows come back as plain objects, not hydrated entities,
 * because mapping entities is the costly part on large lists.
 */
export class Db implements Queryable {
  constructor(readonly pool: Pool) {}

  async query<R extends QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]> {
    // A single write inside a mutation still carries the mutation's audit scope: it runs as a transaction.
    if (auditStore.getStore() && WRITE_RE.test(text)) return this.transaction((tx) => tx.query<R>(text, values));
    count();
    const res = await this.pool.query<R>(text, values);
    return res.rows;
  }

  /**
   * Runs `fn` in one transaction: committed when it returns, rolled back when it throws.
   * Inside a mutation, the transaction first records who and what (audit scope) for the audit trigger.
   */
  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      count();
      await client.query('BEGIN');
      const scope = auditStore.getStore();
      if (scope) {
        count();
        await client.query(
          `SELECT set_config('itam.actor', $1, true), set_config('itam.action', $2, true), set_config('itam.request_id', $3, true)`,
          [scope.actor, scope.action, scope.requestId],
        );
      }
      const result = await fn(new Tx(client));
      count();
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

/** A rollback that carries a value: lets a use case return userErrors after partial work. */
export class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}
