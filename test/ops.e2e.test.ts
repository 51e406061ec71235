import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import request from 'supertest';
import { ConfigError, loadConfig } from '../src/config';
import { ok, Role, startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';
import { createTestDatabase, dropTestDatabase, urlFor, withAdmin } from './support/test-db';

/** Prometheus text → the value of each series, keyed by name and sorted labels: `name{a="1",b="2"}`. */
function parseMetrics(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels = m[2] ? [...m[2].matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => `${k}="${v}"`).sort().join(',') : '';
    series.set(labels ? `${m[1]}{${labels}}` : m[1], Number(m[3]));
  }
  return series;
}

async function scrape(app: TestApp, headers: Record<string, string> = {}): Promise<Map<string, number>> {
  const res = await request(app.url).get('/metrics').set(headers);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(res.text);
}

describe('/metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  test('request counts and latency by operation, errors by code, pool gauges, process metrics', async () => {
    ok(await app.gql('query Ok { viewer { subject } }'));
    const forbidden = await app.gql('query Forbidden { auditLog(first: 1) { totalCount } }', {}, { roles: [Role.VIEWER] });
    expect(forbidden.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await app.gql('query Bad { assets(first: "many") { totalCount } }');
    expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unnamed = await app.gql('{ viewer { subject } }');
    ok(unnamed);
    const noToken = await app.gql('query Ok { viewer { subject } }', {}, { auth: false });
    expect(noToken.status).toBe(401);

    const m = await scrape(app);
    expect(m.get('itam_graphql_requests_total{operation="Ok",status="200"}')).toBe(1);
    expect(m.get('itam_graphql_requests_total{operation="Forbidden",status="200"}')).toBe(1);
    expect(m.get(`itam_graphql_requests_total{operation="Bad",status="${bad.status}"}`)).toBe(1);
    expect(m.get('itam_graphql_requests_total{operation="anonymous",status="200"}')).toBe(1);
    // No token: Apollo never resolved an operation.
    expect(m.get('itam_graphql_requests_total{operation="unknown",status="401"}')).toBe(1);
    expect(m.get('itam_graphql_request_duration_seconds_count{operation="Ok"}')).toBe(1);
    expect(m.get('itam_graphql_request_duration_seconds_sum{operation="Ok"}')).toBeGreaterThan(0);
    expect(m.get('itam_graphql_request_duration_seconds_bucket{le="+Inf",operation="Forbidden"}')).toBe(1);

    expect(m.get('itam_graphql_errors_total{code="FORBIDDEN"}')).toBe(1);
    expect(m.get('itam_graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    expect(m.get('itam_graphql_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
    expect(m.has('itam_graphql_errors_total{code="INTERNAL_SERVER_ERROR"}')).toBe(false);

    expect(m.get('itam_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(m.get('itam_db_pool_idle_connections')).toBeGreaterThanOrEqual(1);
    expect(m.get('itam_db_pool_waiting_clients')).toBe(0);
    expect(m.get('itam_db_pool_max_connections')).toBe(20);
    expect(m.get('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(m.has('nodejs_eventloop_lag_seconds')).toBe(true);

    // Scraping is not a GraphQL request; counts stay put.
    const again = await scrape(app);
    expect(again.get('itam_graphql_requests_total{operation="Ok",status="200"}')).toBe(1);
  });

  test('two apps in one process keep separate counts (a registry per instance)', async () => {
    const other = await startTestApp();
    try {
      ok(await other.gql('query OnlyHere { viewer { subject } }'));
      expect((await scrape(other)).get('itam_graphql_requests_total{operation="OnlyHere",status="200"}')).toBe(1);
      expect((await scrape(app)).has('itam_graphql_requests_total{operation="OnlyHere",status="200"}')).toBe(false);
    } finally {
      await other.close();
    }
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const METRICS_TOKEN = 'scrape-' + crypto.randomBytes(12).toString('hex');
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ METRICS_TOKEN });
  });
  afterAll(async () => app?.close());

  test('a scraper needs the bearer token', async () => {
    expect((await request(app.url).get('/metrics')).status).toBe(401);
    const wrong = await request(app.url).get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer/);
    // An API token is not a metrics token.
    expect((await request(app.url).get('/metrics').set('authorization', `Bearer ${app.token()}`)).status).toBe(401);
    const m = await scrape(app, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(m.has('itam_db_pool_connections')).toBe(true);
  });

  test('a short or spaced token is refused at start', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 printable characters/);
    expect(() => loadConfig({ METRICS_TOKEN: 'has a space in the middle' })).toThrow(/METRICS_TOKEN/);
  });
});

describe('/readyz', () => {
  let app: TestApp;
  /**
   * A session on the app's database that is spared when everyone else is cut off, so that the database is
   * never idle: a concurrent jest run's global setup drops idle test databases.
   */
  let keeper: Client;
  let keeperPid: number;
  const allowConnections = (allow: boolean) => withAdmin((c) => c.query(`ALTER DATABASE ${app.database} WITH ALLOW_CONNECTIONS ${allow}`));
  beforeAll(async () => {
    // app.sql is not used here: its pool has no error listener, and this suite kills connections.
    app = await startTestApp({ READY_TIMEOUT_MS: '500', DB_POOL_MAX: '2' });
    keeper = new Client({ connectionString: urlFor(app.database) });
    await keeper.connect();
    keeperPid = (await keeper.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  });
  afterAll(async () => {
    await allowConnections(true);
    await keeper.end();
    await app?.close();
  });

  test('503 with the reason while the database is cut off, 200 again when it returns, /healthz 200 throughout', async () => {
    const ready = await request(app.url).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });

    await allowConnections(false);
    await withAdmin((c) =>
      c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND pid <> $2`, [app.database, keeperPid]),
    );
    try {
      const down = await request(app.url).get('/readyz');
      expect(down.status).toBe(503);
      expect(down.body.status).toBe('unavailable');
      expect(down.body.reason).toMatch(/^database (unreachable|did not answer)/);
      expect((await request(app.url).get('/healthz')).status).toBe(200);
      // A GraphQL request meanwhile is an internal error, not a hang or a crash.
      const failing = await app.gql('{ assets(first: 1) { totalCount } }');
      expect(failing.body.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await allowConnections(true);
    }

    const until = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < until) {
      status = (await request(app.url).get('/readyz')).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect((await request(app.url).get('/healthz')).status).toBe(200);
    ok(await app.gql('{ assets(first: 1) { totalCount } }'));
  });

  test('a database that does not answer in time is 503 within READY_TIMEOUT_MS, not a hanging probe', async () => {
    // Both pool connections taken: the probe waits for one, like a request to a hung database.
    const held = await Promise.all([app.service.db.pool.connect(), app.service.db.pool.connect()]);
    try {
      const started = Date.now();
      const probe = request(app.url).get('/readyz').then((r) => r);
      await new Promise((r) => setTimeout(r, 150));
      // The pool gauges show the probe waiting.
      expect((await scrape(app)).get('itam_db_pool_waiting_clients')).toBe(1);
      const res = await probe;
      expect(res.status).toBe(503);
      expect(res.body.reason).toBe('database did not answer within 500 ms');
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      for (const c of held) c.release();
    }
    expect((await request(app.url).get('/readyz')).status).toBe(200);
  });
});

describe('CORS', () => {
  let app: TestApp;
  const ALLOWED = 'https://itam.example.com';
  beforeAll(async () => {
    app = await startTestApp({ CORS_ORIGINS: `${ALLOWED}, http://localhost:3000` });
  });
  afterAll(async () => app?.close());

  const post = (origin: string) =>
    request(app.url).post('/graphql').set('origin', origin).set('authorization', `Bearer ${app.token()}`).send({ query: '{ viewer { subject } }' });

  test('a listed origin gets Access-Control-Allow-Origin (its own), another origin gets none', async () => {
    const allowed = await post(ALLOWED);
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(allowed.headers.vary).toMatch(/Origin/i);
    expect(allowed.headers['access-control-expose-headers']).toMatch(/x-request-id/);
    expect((await post('http://localhost:3000')).headers['access-control-allow-origin']).toBe('http://localhost:3000');

    const other = await post('https://evil.example.net');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect((await post('https://itam.example.com.evil.net')).headers['access-control-allow-origin']).toBeUndefined();
  });

  test('a preflight is answered before authentication, with the allowed methods and headers', async () => {
    const pre = await request(app.url)
      .options('/graphql')
      .set('origin', ALLOWED)
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization, content-type, idempotency-key');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(pre.headers['access-control-allow-methods']).toBe('GET,POST,OPTIONS');
    const headers = pre.headers['access-control-allow-headers'].split(',');
    expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'apollo-require-preflight', 'x-apollo-operation-name']));
    expect(pre.headers['access-control-max-age']).toBe('600');

    const refused = await request(app.url).options('/graphql').set('origin', 'https://evil.example.net').set('access-control-request-method', 'POST');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('unset: no cross-origin access at all; * (development only) allows any origin', async () => {
    const closed = await startTestApp();
    try {
      const res = await request(closed.url).post('/graphql').set('origin', ALLOWED).set('authorization', `Bearer ${closed.token()}`).send({ query: '{ viewer { subject } }' });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await request(closed.url).options('/graphql').set('origin', ALLOWED).set('access-control-request-method', 'POST');
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await closed.close();
    }
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });

  test('configuration is validated with a clear message', () => {
    const problems = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
      } catch (err) {
        if (err instanceof ConfigError) return err.problems.join('\n');
        throw err;
      }
      return '';
    };
    expect(problems({ CORS_ORIGINS: 'https://itam.example.com/app' })).toMatch(/CORS_ORIGINS entries must be origins .* got "https:\/\/itam.example.com\/app"/);
    expect(problems({ CORS_ORIGINS: 'itam.example.com' })).toMatch(/got "itam.example.com"/);
    expect(problems({ CORS_ORIGINS: 'https://a.example.com/' })).toMatch(/no path or trailing slash/);
    expect(problems({ CORS_ORIGINS: '*,https://a.example.com' })).toMatch(/either \* or a list/);
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://db/itam', CORS_ORIGINS: '*' })).toMatch(
      /CORS_ORIGINS cannot be \* in production/,
    );
    expect(loadConfig({ CORS_ORIGINS: 'https://A.example.com, http://localhost:3000' }).corsOrigins).toEqual(['https://a.example.com', 'http://localhost:3000']);
  });
});

describe('automatic persisted queries', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  const sha = (q: string) => crypto.createHash('sha256').update(q).digest('hex');
  const post = (body: Record<string, unknown>) =>
    request(app.url).post('/graphql').set('authorization', `Bearer ${app.token()}`).send(body);
  const get = (params: Record<string, unknown>) =>
    request(app.url)
      .get('/graphql')
      .set('authorization', `Bearer ${app.token()}`)
      .query(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])));

  test('POST: an unknown hash is PERSISTED_QUERY_NOT_FOUND; the query with its hash registers it; then the hash alone runs it', async () => {
    const query = `query ApqPost { viewer { subject } } # ${crypto.randomUUID()}`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha(query) } };
    const miss = await post({ extensions });
    expect(miss.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(miss.body.data).toBeUndefined();
    const register = await post({ query, extensions });
    expect(register.status).toBe(200);
    expect(register.body.data).toEqual({ viewer: { subject: 'test-user' } });
    const hit = await post({ extensions });
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual({ data: { viewer: { subject: 'test-user' } } });
    // A hash that does not match the query is refused.
    const lie = await post({ query: '{ viewer { roles } }', extensions });
    expect(lie.status).toBe(400);
    expect(lie.body.errors[0].message).toMatch(/provided sha does not match query/);
  });

  test('GET: the same, with variables', async () => {
    const query = `query ApqGet($first: Int) { assets(first: $first) { totalCount } } # ${crypto.randomUUID()}`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha(query) } };
    expect((await get({ extensions, variables: { first: 1 } })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await get({ query, extensions, variables: { first: 1 } });
    expect(register.body).toEqual({ data: { assets: { totalCount: 0 } } });
    const hit = await get({ extensions, variables: { first: 2 } });
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual({ data: { assets: { totalCount: 0 } } });
  });

  test('a persisted query still obeys the query limits', async () => {
    const query = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: viewer { subject }`).join(' ')} }`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha(query) } };
    const res = await post({ query, extensions });
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect((await post({ extensions })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  test('PERSISTED_QUERIES=false turns them off', async () => {
    const off = await startTestApp({ PERSISTED_QUERIES: 'false' });
    try {
      const res = await request(off.url)
        .post('/graphql')
        .set('authorization', `Bearer ${off.token()}`)
        .send({ extensions: { persistedQuery: { version: 1, sha256Hash: sha('{ viewer { subject } }') } } });
      expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    } finally {
      await off.close();
    }
  });
});

describe('graceful shutdown (the service as a child process)', () => {
  const ROOT = path.resolve(__dirname, '..');
  let database: string;
  // Connected throughout, so that the database is never idle (a concurrent jest run drops idle test databases).
  let keeper: Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    keeper = new Client({ connectionString: urlFor(database) });
    await keeper.connect();
  });
  afterAll(async () => {
    await keeper?.end();
    if (database) await dropTestDatabase(database);
  });

  async function freePort(): Promise<number> {
    return new Promise((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
  }

  interface Running {
    child: ChildProcess;
    base: string;
    output: () => string;
    exit: Promise<number | null>;
  }

  async function start(env: Record<string, string>): Promise<Running> {
    const port = await freePort();
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: urlFor(database),
      JWT_SECRET: TEST_JWT_SECRET,
      MIGRATIONS_RUN: 'false',
      RATE_LIMIT_POINTS: '0',
      ...env,
    };
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const until = Date.now() + 60_000;
    while (!/ready at http:/.test(out)) {
      if (child.exitCode !== null) throw new Error(`exited early (${child.exitCode}):\n${out}`);
      if (Date.now() > until) throw new Error(`did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { child, base: `http://127.0.0.1:${port}`, output: () => out, exit };
  }

  /** A POST whose body arrives in two parts: the request is in flight (headers in) until `finish` sends the rest. */
  function slowPost(base: string, body: string): { finish: () => void; response: Promise<{ status: number; body: string }> } {
    const token = jwt.sign({ sub: 'shutdown-test', roles: ['ADMIN'] }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 60 });
    const req = http.request(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
    });
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    return { finish: () => req.end(body.slice(half)), response };
  }

  const exitWithin = (r: Running, ms: number): Promise<number | null | 'timeout'> =>
    Promise.race([r.exit, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);

  test('SIGTERM: a request in flight completes, new connections are refused, the process logs and exits 0', async () => {
    const r = await start({ SHUTDOWN_TIMEOUT_MS: '8000' });
    try {
      const slow = slowPost(r.base, JSON.stringify({ query: 'mutation { createVendor(input: { name: "Late but complete" }) { vendor { name } userErrors { code } } }' }));
      await new Promise((res) => setTimeout(res, 300));
      r.child.kill('SIGTERM');
      await new Promise((res) => setTimeout(res, 500));
      // Still draining: the process waits for the request it has started.
      expect(r.child.exitCode).toBeNull();
      expect(r.output()).toContain('shutting down: finishing in-flight requests');
      await expect(request(r.base).get('/healthz')).rejects.toThrow(/ECONNREFUSED|socket hang up|ECONNRESET/);
      slow.finish();
      const res = await slow.response;
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ data: { createVendor: { vendor: { name: 'Late but complete' }, userErrors: [] } } });
      expect(await exitWithin(r, 8000)).toBe(0);
      expect(r.output()).toContain('http server and database pool closed');
      expect(r.output()).toMatch(/"msg":"stopped"/);
    } finally {
      if (r.child.exitCode === null) r.child.kill('SIGKILL');
    }
    const { rows } = await keeper.query(`SELECT count(*)::int AS n FROM vendor WHERE name = 'Late but complete'`);
    expect(rows[0].n).toBe(1);
  }, 120_000);

  test('SIGTERM with a request that never finishes: it is cut after the grace period and the process still exits 0 within SHUTDOWN_TIMEOUT_MS', async () => {
    const r = await start({ SHUTDOWN_TIMEOUT_MS: '3000' });
    try {
      const stuck = slowPost(r.base, JSON.stringify({ query: '{ viewer { subject } }' }));
      const outcome = stuck.response.then(
        () => 'answered',
        (err: Error) => err.message,
      );
      await new Promise((res) => setTimeout(res, 300));
      const started = Date.now();
      r.child.kill('SIGTERM');
      expect(await exitWithin(r, 5000)).toBe(0);
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(1500);
      expect(took).toBeLessThan(3000);
      expect(await outcome).toMatch(/socket hang up|ECONNRESET/);
      expect(r.output()).not.toContain('shutdown timed out');
    } finally {
      if (r.child.exitCode === null) r.child.kill('SIGKILL');
    }
  }, 120_000);
});
