import 'reflect-metadata';
import { Pool } from 'pg';
import request from 'supertest';
import { signToken } from '../../src/auth/jwt';
import { Role } from '../../src/auth/roles';
import { startService, type Service } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createTestDatabase, dropTestDatabase, urlFor } from './test-db';

export const TEST_JWT_SECRET = 'test-secret-for-the-itam-graph-suite-0123456789';

export interface GqlResult<T = Record<string, any>> {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }> };
  headers: Record<string, string>;
  data: T;
}

export interface GqlOptions {
  /** Roles of the token to send (default ADMIN); ignored when `token` or `auth: false` is given. */
  roles?: Role[];
  token?: string;
  auth?: boolean;
  personId?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  service: Service;
  url: string;
  database: string;
  /** Direct SQL against the file's own database (as superuser). */
  sql<R = any>(text: string, params?: unknown[]): Promise<R[]>;
  token(roles?: Role[], claims?: Record<string, unknown>): string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, opts?: GqlOptions): Promise<GqlResult<T>>;
  http(): request.Agent;
  close(): Promise<void>;
}

/** A real service on an ephemeral port over a fresh database copied from the template. */
export async function startTestApp(
  env: Record<string, string> = {},
  opts: { logDestination?: { write(line: string): void }; /** Another app's database (not dropped on close). */ database?: string } = {},
): Promise<TestApp> {
  const database = opts.database ?? (await createTestDatabase());
  const url = urlFor(database);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_JWT_SECRET,
    MIGRATIONS_RUN: 'false',
    DB_POOL_MAX: '20',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: '.data/test-tmp',
    // Suites send hundreds of requests a minute as one subject; the rate-limit suite turns it on.
    RATE_LIMIT_POINTS: '0',
    // Every query runs compiled from its first run, so every suite exercises the compiled path
    // (test/jit.e2e.test.ts compares it with graphql-js and tests the default of 2).
    GRAPHQL_JIT_MIN_RUNS: '1',
    ...env,
  });
  const service = await startService(config, createLogger(config.logLevel, opts.logDestination), url);
  const pool = new Pool({ connectionString: url, max: 3 });
  // A test that cuts the database off must not crash the worker through an idle client's error.
  pool.on('error', () => undefined);
  const token = (roles: Role[] = [Role.ADMIN], claims: Record<string, unknown> = {}) =>
    signToken(service.keys, { sub: 'test-user', roles, ...claims } as never, { expiresInSec: 3600 });
  return {
    service,
    url: service.url,
    database,
    sql: async (text, params) => (await pool.query(text, params as unknown[])).rows,
    token,
    http: () => request.agent(service.url),
    async gql(query, variables = {}, opts = {}) {
      let req = request(service.url).post('/graphql').set('content-type', 'application/json');
      if (opts.auth !== false) {
        const t = opts.token ?? token(opts.roles ?? [Role.ADMIN], opts.personId ? { personId: opts.personId } : {});
        req = req.set('authorization', `Bearer ${t}`);
      }
      for (const [k, v] of Object.entries(opts.headers ?? {})) req = req.set(k, v);
      const res = await req.send({ query, variables });
      return { status: res.status, body: res.body, headers: res.headers as Record<string, string>, data: res.body?.data };
    },
    async close() {
      await service.stop();
      await pool.end();
      if (!opts.database) await dropTestDatabase(database);
    },
  };
}

/** Fails the test with the response when a GraphQL call returned errors. */
export function ok<T>(res: GqlResult<T>): T {
  if (res.body.errors?.length || res.status !== 200) {
    throw new Error(`GraphQL call failed (${res.status}): ${JSON.stringify(res.body.errors ?? res.body, null, 2)}`);
  }
  return res.data;
}

export { Role };
