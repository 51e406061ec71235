import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one service instance. Each instance has its own registry (not
 * prom-client's global one), so several apps in one process (the test suites) never clash.
 */
export interface Metrics {
  readonly registry: Registry;
  /** One /graphql request, labelled with its operation name ('anonymous', 'unknown', 'other'), and the SQL statements it ran. */
  observeRequest(operation: string, status: number, seconds: number, statements: number): void;
  /** One error in a response, by its `extensions.code`. */
  countError(code: string | undefined): void;
  /** One query document compiled by graphql-jit. */
  countCompilation(): void;
}

/** Label values come from clients (operation names): past this many distinct ones, the rest count as 'other'. */
const MAX_LABEL_VALUES = 200;

/** Caps a label's distinct values so that a client inventing names cannot blow up the series count. */
function labelBudget(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

export function createMetrics(pool: Pool): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'itam_graphql_requests_total',
    help: 'Requests to /graphql by operation name and HTTP status (operation "unknown": no operation was resolved, e.g. parse error, no token, rate limited).',
    labelNames: ['operation', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'itam_graphql_request_duration_seconds',
    help: 'Latency of /graphql requests by operation name, from the first byte received to the last byte sent.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const statements = new Counter({
    name: 'itam_graphql_sql_statements_total',
    help: 'SQL statements run by /graphql requests, by operation name (divide by itam_graphql_requests_total for statements per request).',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const compilations = new Counter({
    name: 'itam_graphql_jit_compilations_total',
    help: 'Query documents compiled by graphql-jit (each on its second run; GRAPHQL_JIT). Steady growth means clients send ever-new documents: use variables.',
    registers: [registry],
  });
  const errors = new Counter({
    name: 'itam_graphql_errors_total',
    help: 'Errors returned to clients, by extensions.code (one request can return several).',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  // Pool state is read when Prometheus scrapes, not tracked on every checkout.
  new Gauge({
    name: 'itam_db_pool_connections',
    help: 'Open connections in the database pool (idle and in use).',
    registers: [registry],
    collect() {
      this.set(pool.totalCount);
    },
  });
  new Gauge({
    name: 'itam_db_pool_idle_connections',
    help: 'Open connections in the database pool that are idle.',
    registers: [registry],
    collect() {
      this.set(pool.idleCount);
    },
  });
  new Gauge({
    name: 'itam_db_pool_waiting_clients',
    help: 'Requests waiting for a database connection because the pool is at its maximum (DB_POOL_MAX).',
    registers: [registry],
    collect() {
      this.set(pool.waitingCount);
    },
  });
  new Gauge({
    name: 'itam_db_pool_max_connections',
    help: 'The most connections the pool opens (DB_POOL_MAX).',
    registers: [registry],
    collect() {
      this.set((pool.options as { max?: number }).max ?? 10);
    },
  });

  const operationLabel = labelBudget(MAX_LABEL_VALUES);
  const codeLabel = labelBudget(MAX_LABEL_VALUES);
  return {
    registry,
    observeRequest(operation, status, seconds, sql) {
      const op = operationLabel(operation);
      requests.inc({ operation: op, status: String(status) });
      duration.observe({ operation: op }, seconds);
      statements.inc({ operation: op }, sql);
    },
    countCompilation() {
      compilations.inc();
    },
    countError(code) {
      errors.inc({ code: codeLabel(code ?? 'INTERNAL_SERVER_ERROR') });
    },
  };
}

/** Times each request of the router it is mounted on; the operation name is left in res.locals.operation. */
export function requestMetrics(metrics: Metrics): RequestHandler {
  return (_req, res, next) => {
    const start = process.hrtime.bigint();
    let done = false;
    const record = (): void => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const operation = typeof res.locals.operation === 'string' ? res.locals.operation : 'unknown';
      // A client that hung up before the response was sent: 499, as nginx logs it.
      const sql = (res.locals.stats as { statements?: number } | undefined)?.statements ?? 0;
      metrics.observeRequest(operation, res.writableFinished ? res.statusCode : 499, seconds, sql);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}

/**
 * GET /metrics in Prometheus text format. Meant to be scraped from inside the network; with
 * METRICS_TOKEN set, a scraper must send `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function metricsEndpoint(metrics: Metrics, token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  return async (req: Request, res: Response) => {
    if (expected && !crypto.timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.type('text/plain').send('/metrics needs Authorization: Bearer <METRICS_TOKEN>\n');
      return;
    }
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await metrics.registry.metrics());
  };
}

/** Fixed-length digests, so that the comparison takes the same time whatever the length of the guess. */
const digest = (s: string): Buffer => crypto.createHash('sha256').update(s).digest();
