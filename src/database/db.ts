import type { Pool, PoolClient, QueryResultRow } from 'pg';

/** Per-request statistics, read by the statement-count tests, the metrics and the benchmarks. */
export interface QueryStats {
  statements: number;
}

/** Who is changing data, and through which mutation: set around each mutation, recorded by the audit trigger. */
export interface AuditScope {
  actor: string;
  action: string;
  requestId: string;
}

const WRITE_RE = /^\s*(INSERT|UPDATE|DELETE)\b/i;

/** Anything that runs SQL: the pool, or one transaction's client. */
export interface Queryable {
  query<R extends QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
}

/** A transaction in progress; statements on it see each other's writes. */
export class Tx implements Queryable {
  constructor(private readonly client: PoolClient, private readonly stats: QueryStats | null) {}
  async query<R extends QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]> {
    if (this.stats) this.stats.statements += 1;
    const res = await this.client.query<R>(text, values);
    return res.rows;
  }
}

/**
 * The data access used at run time: plain SQL over the pool that TypeORM's
 * data source owns. Rows come back as plain objects, not hydrated entities,
 * because mapping entities is the costly part on large lists.
 *
 * Request state travels with the object, not in AsyncLocalStorage: each request gets
 * `forRequest(stats)` (its statement count) and each mutation `withAudit(scope)`. On Node.js 20
 * an active AsyncLocalStorage runs hooks on every promise, which cost about a tenth of the CPU
 * of a page of 100 assets (README "Performance").
 */
export class Db implements Queryable {
  constructor(
    readonly pool: Pool,
    private readonly stats: QueryStats | null = null,
    /** Who is changing data, inside a mutation; null elsewhere. */
    readonly audit: AuditScope | null = null,
  ) {}

  /** The same pool, counting statements in a request's `stats`. */
  forRequest(stats: QueryStats): Db {
    return new Db(this.pool, stats, null);
  }

  /** The same pool and counter, inside a mutation: every transaction (and single write) records who and what. */
  withAudit(scope: AuditScope): Db {
    return new Db(this.pool, this.stats, scope);
  }

  private count(): void {
    if (this.stats) this.stats.statements += 1;
  }

  async query<R extends QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]> {
    // A single write inside a mutation still carries the mutation's audit scope: it runs as a transaction.
    if (this.audit && WRITE_RE.test(text)) return this.transaction((tx) => tx.query<R>(text, values));
    this.count();
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
      this.count();
      await client.query('BEGIN');
      const scope = this.audit;
      if (scope) {
        this.count();
        await client.query(
          `SELECT set_config('itam.actor', $1, true), set_config('itam.action', $2, true), set_config('itam.request_id', $3, true)`,
          [scope.actor, scope.action, scope.requestId],
        );
      }
      const result = await fn(new Tx(client, this.stats));
      this.count();
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
