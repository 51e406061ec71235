import jwt from 'jsonwebtoken';
import request from 'supertest';
import { loadConfig } from '../src/config';
import { ok, startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';
import { urlFor } from './support/test-db';

/** The refusal of a limit: QUERY_TOO_COMPLEX naming it, no data, nothing executed. */
function expectLimit(res: { status: number; body: any }, limit: string): void {
  expect(res.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  expect(res.body.errors![0].extensions!.limit).toBe(limit);
  expect(res.body.data ?? null).toBeNull();
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|at \w+ \(/);
}

describe('query limits (configured low so each one is easy to cross)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      QUERY_MAX_DEPTH: '6',
      QUERY_MAX_COST: '2000',
      QUERY_MAX_ALIASES: '5',
      QUERY_MAX_DIRECTIVES: '4',
      QUERY_MAX_TOKENS: '400',
      MAX_BODY_BYTES: '4096',
    });
  });
  afterAll(async () => app?.close());

  test('a query within every limit runs', async () => {
    const data = ok(await app.gql('{ assets(first: 10) { nodes { assetTag location { name parent { name } } } } }'));
    expect(data.assets.nodes).toEqual([]);
  });

  test('depth: one level past the limit is refused, naming the limit', async () => {
    const atLimit = '{ locations(first: 1) { nodes { parent { parent { parent { name } } } } } }'; // 6 levels
    ok(await app.gql(atLimit));
    const res = await app.gql('{ locations(first: 1) { nodes { parent { parent { parent { parent { name } } } } } } }');
    expectLimit(res, 'depth');
    expect(res.body.errors![0].message).toMatch(/depth limit of 6/);
  });

  test('depth counts through fragments', async () => {
    const res = await app.gql(`
      fragment P on Location { parent { parent { parent { parent { name } } } } }
      { locations(first: 1) { nodes { ...P } } }`);
    expectLimit(res, 'depth');
  });

  test('cost: list fields are weighted by first, nested lists multiply', async () => {
    // 1 + 100 × (1 + 20 × 1) > 2000: custodyChain defaults to 20 rows per asset.
    const res = await app.gql('{ assets(first: 100) { nodes { custodyChain { nodes { sequence } } } } }');
    expectLimit(res, 'cost');
    expect((res.body.errors![0].extensions as any).max).toBe(2000);
    expect((res.body.errors![0].extensions as any).cost).toBeGreaterThan(2000);
    // The same shape with smaller pages is fine.
    ok(await app.gql('{ assets(first: 10) { nodes { custodyChain(first: 5) { nodes { sequence } } } } }'));
  });

  test('cost uses variables: first given as a variable counts the same', async () => {
    const q = 'query($n: Int) { assets(first: $n) { nodes { custodyChain(first: $n) { nodes { sequence } } } } }';
    expectLimit(await app.gql(q, { n: 90 }), 'cost');
    ok(await app.gql(q, { n: 5 }));
  });

  test('aliases', async () => {
    const five = Array.from({ length: 5 }, (_, i) => `a${i}: viewer { subject }`).join(' ');
    ok(await app.gql(`{ ${five} }`));
    const six = Array.from({ length: 6 }, (_, i) => `a${i}: viewer { subject }`).join(' ');
    expectLimit(await app.gql(`{ ${six} }`), 'aliases');
  });

  test('directives', async () => {
    const res = await app.gql('{ viewer { subject @include(if: true) roles @include(if: true) person @skip(if: true) { id } a: subject @include(if: true) b: subject @include(if: true) } }');
    expectLimit(res, 'directives');
  });

  test('tokens: the parser stops at the limit', async () => {
    const fields = Array.from({ length: 450 }, () => 'roles').join(' ');
    const res = await app.gql(`{ viewer { ${fields} } }`);
    expectLimit(res, 'tokens');
    expect((res.body.errors![0].extensions as any).max).toBe(400);
  });

  test('first or last above 100 is refused', async () => {
    const res = await app.gql('{ vendors(first: 101) { nodes { name } } }');
    expect(res.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors![0].message).toMatch(/100/);
    const last = await app.gql('{ assets(last: 500) { nodes { id } } }');
    expect(last.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
  });

  test('batched HTTP requests are refused', async () => {
    const res = await request(app.url)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${app.token()}`)
      .send([{ query: '{ viewer { subject } }' }, { query: '{ viewer { roles } }' }]);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body ?? res.text)).not.toContain('"subject"');
  });

  test('a body above MAX_BODY_BYTES is a 413 saying so, not a 500', async () => {
    const res = await request(app.url)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${app.token()}`)
      .send({ query: '{ viewer { subject } }', variables: { pad: 'x'.repeat(5000) } });
    expect(res.status).toBe(413);
    expect(res.body.errors![0].message).toMatch(/4096 bytes/);
    expect(res.body.errors![0].extensions!.code).toBe('BAD_REQUEST');
  });

  test('development keeps field suggestions', async () => {
    const res = await app.gql('{ asets { totalCount } }');
    expect(res.body.errors![0].message).toMatch(/Did you mean/);
  });
});

describe('production: suggestions hidden, internal errors masked and logged with the request id', () => {
  let app: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'info', DATABASE_URL: 'postgres://placeholder/none' }, { logDestination: { write: (l: string) => void lines.push(l) } });
  });
  afterAll(async () => app?.close());

  test('no "Did you mean" in production', async () => {
    const res = await app.gql('{ asets { totalCount } }');
    expect(res.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors![0].message).not.toMatch(/Did you mean|assets/);
  });

  test('an internal failure is "Internal server error" to the caller; the log has the detail and the request id', async () => {
    await app.sql('ALTER TABLE vendor RENAME TO vendor_moved');
    try {
      const res = await app.gql('{ vendors(first: 1) { nodes { name } } }', {}, { headers: { 'x-request-id': 'req-mask-test-1' } });
      expect(res.body.errors![0].message).toBe('Internal server error');
      expect(res.body.errors![0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(JSON.stringify(res.body)).not.toMatch(/relation|does not exist|stack|vendor_moved/i);
      const logged = lines.filter((l) => l.includes('req-mask-test-1')).join('\n');
      expect(logged).toMatch(/relation .*vendor.* does not exist/);
    } finally {
      await app.sql('ALTER TABLE vendor_moved RENAME TO vendor');
    }
  });

  test('the SQL statement count header is not sent in production', async () => {
    const res = await app.gql('{ viewer { subject } }');
    expect(res.headers['x-sql-statements']).toBeUndefined();
  });
});

describe('introspection', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';

  test('needs a token by default', async () => {
    const app = await startTestApp();
    try {
      const res = await app.gql(INTROSPECT, {}, { auth: false });
      expect(res.status).toBe(401);
      expect(res.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(ok(await app.gql(INTROSPECT)).__schema.queryType.name).toBe('Query');
    } finally {
      await app.close();
    }
  });

  test('INTROSPECTION_WITHOUT_TOKEN opens introspection, and only introspection, in development', async () => {
    const app = await startTestApp({ NODE_ENV: 'development', INTROSPECTION_WITHOUT_TOKEN: 'true' });
    try {
      expect(ok(await app.gql(INTROSPECT, {}, { auth: false })).__schema.queryType.name).toBe('Query');
      const data = await app.gql('{ __typename assets(first: 1) { totalCount } }', {}, { auth: false });
      expect(data.status).toBe(401);
      expect(data.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(data.body.data ?? null).toBeNull();
      // A bad token is still refused, not treated as anonymous.
      const bad = await app.gql(INTROSPECT, {}, { token: 'not-a-jwt' });
      expect(bad.status).toBe(401);
    } finally {
      await app.close();
    }
  });

  test('the switch cannot be turned on in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: urlFor('x'), INTROSPECTION_WITHOUT_TOKEN: 'true' }))
      .toThrow(/INTROSPECTION_WITHOUT_TOKEN/);
  });
});

describe('token clock tolerance', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ JWT_CLOCK_TOLERANCE_SEC: '30' });
  });
  afterAll(async () => app?.close());
  const expiredAgo = (sec: number) =>
    jwt.sign({ sub: 'skew', roles: ['VIEWER'], exp: Math.floor(Date.now() / 1000) - sec }, TEST_JWT_SECRET, { algorithm: 'HS256' });

  test('a token expired a few seconds ago is accepted within the tolerance', async () => {
    expect(ok(await app.gql('{ viewer { subject } }', {}, { token: expiredAgo(5) })).viewer.subject).toBe('skew');
  });

  test('past the tolerance it is refused as expired', async () => {
    const res = await app.gql('{ viewer { subject } }', {}, { token: expiredAgo(120) });
    expect(res.status).toBe(401);
    expect(res.body.errors![0].message).toMatch(/expired/);
  });
});
