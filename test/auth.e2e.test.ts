import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { ok, Role, startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

const VIEWER_QUERY = '{ viewer { subject roles person { displayName } } }';

describe('bearer tokens (HS256)', () => {
  let app: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: { write: (l: string) => void lines.push(l) } });
  });
  afterAll(async () => app?.close());

  const sign = (claims: Record<string, unknown>, opts: jwt.SignOptions = {}) =>
    jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600, ...opts });

  async function expectUnauthenticated(authorization: string | undefined, reason: RegExp) {
    let req = request(app.url).post('/graphql').set('content-type', 'application/json');
    if (authorization !== undefined) req = req.set('authorization', authorization);
    const res = await req.send({ query: VIEWER_QUERY });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].message).toMatch(reason);
    expect(res.body.data).toBeUndefined();
  }

  test('a valid token reaches the API and viewer echoes it', async () => {
    const data = ok(await app.gql(VIEWER_QUERY, {}, { token: sign({ sub: 'alice', roles: ['AUDITOR', 'VIEWER'] }) }));
    expect(data.viewer).toEqual({ subject: 'alice', roles: ['AUDITOR', 'VIEWER'], person: null });
  });

  test('viewer.person is the Person the token links', async () => {
    const created = ok(await app.gql('mutation { createPerson(input: { displayName: "Ada Lovelace", email: "ada@example.com" }) { person { id } userErrors { code } } }'));
    const personId = created.createPerson.person.id;
    const data = ok(await app.gql(VIEWER_QUERY, {}, { token: sign({ sub: 'ada', roles: ['VIEWER'], personId }) }));
    expect(data.viewer.person).toEqual({ displayName: 'Ada Lovelace' });
  });

  test('no header', () => expectUnauthenticated(undefined, /Missing Authorization header/));
  test('not a bearer header', () => expectUnauthenticated('Basic abc', /Malformed Authorization header/));
  test('garbage token', () => expectUnauthenticated('Bearer not-a-jwt', /malformed/i));
  test('wrong signature', () =>
    expectUnauthenticated(`Bearer ${jwt.sign({ sub: 'x', roles: ['ADMIN'] }, 'another-secret-another-secret-1234567', { expiresIn: 60 })}`, /signature/));
  test('expired', () => expectUnauthenticated(`Bearer ${jwt.sign({ sub: 'x', roles: ['ADMIN'], exp: Math.floor(Date.now() / 1000) - 3600 }, TEST_JWT_SECRET)}`, /expired/));
  test('no exp claim', () => expectUnauthenticated(`Bearer ${jwt.sign({ sub: 'x', roles: ['ADMIN'] }, TEST_JWT_SECRET)}`, /exp/));
  test('no sub claim', () => expectUnauthenticated(`Bearer ${sign({ roles: ['ADMIN'] })}`, /sub/));
  test('an over-long sub claim', () => expectUnauthenticated(`Bearer ${sign({ sub: 'x'.repeat(201), roles: ['ADMIN'] })}`, /longer than 200/));
  test('unknown role', () => expectUnauthenticated(`Bearer ${sign({ sub: 'x', roles: ['ROOT'] })}`, /roles/));
  test('alg none is refused', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'x', roles: ['ADMIN'], exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    return expectUnauthenticated(`Bearer ${header}.${body}.`, /./);
  });

  test('the access log has request id, operation, duration and outcome, and never the token', async () => {
    const token = sign({ sub: 'logger-check', roles: ['ADMIN'] });
    const res = await request(app.url).post('/graphql').set('authorization', `Bearer ${token}`).set('x-request-id', 'req-log-check-1')
      .send({ query: 'query LogCheck { viewer { subject } }', operationName: 'LogCheck' });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-log-check-1');
    await new Promise((r) => setTimeout(r, 50));
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.req?.id === 'req-log-check-1' && l.msg === 'request completed');
    expect(line).toMatchObject({ operationName: 'LogCheck', outcome: 'ok', res: { statusCode: 200 } });
    expect(typeof line.responseTime).toBe('number');
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).not.toContain(token.split('.')[2]);
  });
});

describe('issuer, audience and RS256', () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ JWT_SECRET: '', JWT_PUBLIC_KEY: publicPem, JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'itam' });
  });
  afterAll(async () => app?.close());

  const rs = (claims: Record<string, unknown>, opts: jwt.SignOptions = {}) =>
    jwt.sign(claims, privateKey, { algorithm: 'RS256', expiresIn: 600, issuer: 'https://idp.example', audience: 'itam', ...opts });

  test('an RS256 token from the configured issuer for the configured audience is accepted', async () => {
    const data = ok(await app.gql(VIEWER_QUERY, {}, { token: rs({ sub: 'bob', roles: ['VIEWER'] }) }));
    expect(data.viewer.subject).toBe('bob');
  });

  test.each([
    ['another issuer', () => rs({ sub: 'b', roles: ['VIEWER'] }, { issuer: 'https://evil.example' }), /issuer/],
    ['another audience', () => rs({ sub: 'b', roles: ['VIEWER'] }, { audience: 'other' }), /audience/],
    ['HS256 signed with the public key', () => jwt.sign({ sub: 'b', roles: ['ADMIN'], iss: 'https://idp.example', aud: 'itam' }, publicPem, { algorithm: 'HS256', expiresIn: 600 }), /algorithm|signature/],
  ])('%s is refused', async (_name, make, reason) => {
    const res = await app.gql(VIEWER_QUERY, {}, { token: make() });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors?.[0].message).toMatch(reason);
  });
});

describe('roles on this issue\'s mutations', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  test.each([Role.AUDITOR, Role.VIEWER])('%s may read but not create', async (role) => {
    ok(await app.gql('{ assets(first: 1) { totalCount } }', {}, { roles: [role] }));
    const before = (await app.sql('SELECT count(*)::int AS n FROM department'))[0].n;
    const res = await app.gql('mutation { createDepartment(input: { name: "X", code: "X1" }) { department { id } } }', {}, { roles: [role] });
    expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.body.errors?.[0].path).toEqual(['createDepartment']);
    expect((await app.sql('SELECT count(*)::int AS n FROM department'))[0].n).toBe(before);
  });

  test.each([Role.ADMIN, Role.ASSET_MANAGER])('%s may create', async (role) => {
    const data = ok(await app.gql('mutation($c: String!) { createDepartment(input: { name: "Y", code: $c }) { department { code } userErrors { code } } }', { c: `Y-${role}` }, { roles: [role] }));
    expect(data.createDepartment.department.code).toBe(`Y-${role}`);
  });
});

describe('GET /graphql and the token command', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  test('a query over GET with a bearer token', async () => {
    const res = await request(app.url).get('/graphql').query({ query: '{ viewer { subject } }' }).set('authorization', `Bearer ${app.token()}`);
    expect(res.status).toBe(200);
    expect(res.body.data.viewer.subject).toBe('test-user');
  });

  test('a mutation over GET is refused', async () => {
    const res = await request(app.url).get('/graphql')
      .query({ query: 'mutation { createDepartment(input: { name: "G", code: "G1" }) { department { id } } }' })
      .set('authorization', `Bearer ${app.token()}`);
    expect(res.status).toBe(405);
    expect((await app.sql('SELECT count(*)::int AS n FROM department'))[0].n).toBe(0);
  });

  test('a GET without token or preflight header is refused (CSRF prevention)', async () => {
    const res = await request(app.url).get('/graphql').query({ query: '{ viewer { subject } }' }).set('accept', 'application/json');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  test('malformed JSON is a 400, not a 500', async () => {
    const res = await request(app.url).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${app.token()}`).send('{"query": ');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });

  test('npm run token prints a token that the service accepts', async () => {

    const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/token.ts', '--sub', 'carol', '--role', 'ASSET_MANAGER', '--role', 'auditor'], {
      cwd: `${__dirname}/..`,
      env: { ...process.env, JWT_SECRET: TEST_JWT_SECRET, NODE_ENV: 'test' },
    }).toString().trim();
    const data = ok(await app.gql('{ viewer { subject roles } }', {}, { token: out }));
    expect(data.viewer).toEqual({ subject: 'carol', roles: ['ASSET_MANAGER', 'AUDITOR'] });
  });
});

describe('key rotation', () => {
  const OLD = 'the-old-secret-being-rotated-out-0123456789';
  const NEW = 'the-new-secret-that-signs-from-now-on-987654';
  const hs = (secret: string) => jwt.sign({ sub: 'rot', roles: ['VIEWER'] }, secret, { algorithm: 'HS256', expiresIn: 600 });

  test('HS256: tokens of JWT_SECRET and of JWT_SECRET_PREVIOUS are accepted, others are not', async () => {
    const app = await startTestApp({ JWT_SECRET: NEW, JWT_SECRET_PREVIOUS: OLD });
    try {
      expect(ok(await app.gql(VIEWER_QUERY, {}, { token: hs(NEW) })).viewer.subject).toBe('rot');
      expect(ok(await app.gql(VIEWER_QUERY, {}, { token: hs(OLD) })).viewer.subject).toBe('rot');
      const other = await app.gql(VIEWER_QUERY, {}, { token: hs('a-third-secret-nobody-configured-000000') });
      expect(other.status).toBe(401);
      expect(other.body.errors?.[0].message).toMatch(/signature/);
    } finally {
      await app.close();
    }
  });

  test('RS256: every public key in JWT_PUBLIC_KEY is accepted during a rotation', async () => {
    const a = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const b = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const c = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = (k: crypto.KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();
    const app = await startTestApp({ JWT_SECRET: '', JWT_PUBLIC_KEY: pem(a.publicKey) + pem(b.publicKey) });
    const rs = (key: crypto.KeyObject) => jwt.sign({ sub: 'rsa', roles: ['VIEWER'] }, key, { algorithm: 'RS256', expiresIn: 600 });
    try {
      expect(ok(await app.gql(VIEWER_QUERY, {}, { token: rs(a.privateKey) })).viewer.subject).toBe('rsa');
      expect(ok(await app.gql(VIEWER_QUERY, {}, { token: rs(b.privateKey) })).viewer.subject).toBe('rsa');
      expect((await app.gql(VIEWER_QUERY, {}, { token: rs(c.privateKey) })).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
