import crypto from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { ok, Role, startTestApp, type TestApp } from './support/test-app';
import { urlFor } from './support/test-db';

const CREATE_VENDOR = 'mutation CreateVendor($name: String!) { createVendor(input: { name: $name }) { vendor { id name } userErrors { code } } }';

describe('Idempotency-Key on mutations', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  const key = () => `key-${crypto.randomUUID()}`;
  const vendorsNamed = async (name: string): Promise<number> => (await app.sql('SELECT count(*)::int AS n FROM vendor WHERE name = $1', [name]))[0].n;
  const storedKeys = async (k: string) => app.sql('SELECT subject, status_code, response_body, completed_at FROM idempotency_key WHERE key = $1', [k]);
  const createVendor = (name: string, idempotencyKey: string, opts: { token?: string } = {}) =>
    app.gql(CREATE_VENDOR, { name }, { token: opts.token, headers: { 'idempotency-key': idempotencyKey } });

  test('a retry with the same key and body gets the stored response and creates nothing', async () => {
    const k = key();
    const name = `Acme ${k}`;
    const first = await createVendor(name, k);
    ok(first);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const id = first.data.createVendor.vendor.id;

    const retry = await createVendor(name, k);
    expect(retry.status).toBe(first.status);
    expect(retry.body).toEqual(first.body);
    expect(retry.data.createVendor.vendor.id).toBe(id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toMatch(/^application\/json/);
    expect(await vendorsNamed(name)).toBe(1);

    const [row] = await storedKeys(k);
    expect(row).toMatchObject({ subject: 'test-user', status_code: 200 });
    expect(JSON.parse(row.response_body)).toEqual(first.body);
    expect(row.completed_at).not.toBeNull();
  });

  test('the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED) and nothing is written', async () => {
    const k = key();
    ok(await createVendor(`First ${k}`, k));
    const auditBefore = (await app.sql('SELECT count(*)::int AS n FROM audit_entry'))[0].n;
    const other = await createVendor(`Second ${k}`, k);
    expect(other.status).toBe(422);
    expect(other.body.errors![0].extensions!.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.body.data).toBeUndefined();
    expect(await vendorsNamed(`Second ${k}`)).toBe(0);
    expect((await app.sql('SELECT count(*)::int AS n FROM audit_entry'))[0].n).toBe(auditBefore);
    // The stored response is untouched: the original retry still replays.
    const replay = await createVendor(`First ${k}`, k);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  test('the same request in JSON with other key order or spacing is the same request', async () => {
    const k = key();
    const name = `Order ${k}`;
    const send = (raw: string) =>
      request(app.url).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${app.token()}`).set('idempotency-key', k).send(raw);
    const first = await send(JSON.stringify({ query: CREATE_VENDOR, variables: { name } }));
    expect(first.status).toBe(200);
    const second = await send(`{ "variables": { "name": ${JSON.stringify(name)} },\n  "query": ${JSON.stringify(CREATE_VENDOR)} }`);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await vendorsNamed(name)).toBe(1);
  });

  test('concurrent duplicates: one vendor; the others replay or get 409 IDEMPOTENCY_KEY_IN_PROGRESS', async () => {
    const k = key();
    const name = `Race ${k}`;
    const results = await Promise.all(Array.from({ length: 5 }, () => createVendor(name, k)));
    expect(await vendorsNamed(name)).toBe(1);
    const executed = results.filter((r) => r.status === 200 && r.headers['idempotent-replayed'] === undefined);
    expect(executed).toHaveLength(1);
    for (const r of results) {
      if (r.status === 200) expect(r.body).toEqual(executed[0].body);
      else {
        expect(r.status).toBe(409);
        expect(r.body.errors![0].extensions!.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
        expect(r.headers['retry-after']).toBe('1');
      }
    }
    // Once finished, a retry replays.
    const after = await createVendor(name, k);
    expect(after.headers['idempotent-replayed']).toBe('true');
    expect(after.body).toEqual(executed[0].body);
  });

  test('a retry while the first request is still running gets 409 IDEMPOTENCY_KEY_IN_PROGRESS', async () => {
    const k = key();
    const name = `Slow ${k}`;
    // Hold the first request inside its insert: a session that locks the vendor table against writes.
    const locker = new Client({ connectionString: urlFor(app.database) });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE vendor IN SHARE MODE');
      const first = createVendor(name, k);
      const until = Date.now() + 5000;
      while ((await storedKeys(k)).length === 0) {
        if (Date.now() > until) throw new Error('the first request did not claim its key');
        await new Promise((r) => setTimeout(r, 20));
      }
      const retry = await createVendor(name, k);
      expect(retry.status).toBe(409);
      expect(retry.body.errors![0].extensions!.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      expect(retry.headers['retry-after']).toBe('1');
      await locker.query('COMMIT');
      const done = await first;
      ok(done);
      const replay = await createVendor(name, k);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(done.body);
      expect(await vendorsNamed(name)).toBe(1);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
  });

  test('keys are per subject: another subject may use the same key', async () => {
    const k = key();
    const mine = ok(await createVendor(`Mine ${k}`, k));
    // Another body with this key would be IDEMPOTENCY_KEY_REUSED for test-user; bob has his own keys.
    const bob = app.token([Role.ASSET_MANAGER], { sub: `bob-${k}` });
    const theirs = await createVendor(`Theirs ${k}`, k, { token: bob });
    ok(theirs);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.data.createVendor.vendor.id).not.toBe(mine.createVendor.vendor.id);
    expect(await vendorsNamed(`Theirs ${k}`)).toBe(1);
    expect((await storedKeys(k)).map((r) => r.subject).sort()).toEqual([`bob-${k}`, 'test-user']);
    expect((await createVendor(`Theirs ${k}`, k, { token: bob })).headers['idempotent-replayed']).toBe('true');
    expect((await createVendor(`Theirs ${k}`, k)).status).toBe(422);
  });

  test('a query with a key just runs: nothing stored, nothing replayed', async () => {
    const k = key();
    for (let i = 0; i < 2; i++) {
      const res = await app.gql('query Count { vendors(first: 1) { totalCount } }', {}, { headers: { 'idempotency-key': k } });
      ok(res);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    }
    // A document with a query and a mutation: the selected operation decides.
    const both = `query Q { viewer { subject } } ${CREATE_VENDOR}`;
    const res = await request(app.url)
      .post('/graphql')
      .set('authorization', `Bearer ${app.token()}`)
      .set('idempotency-key', k)
      .send({ query: both, operationName: 'Q' });
    expect(res.body.data).toEqual({ viewer: { subject: 'test-user' } });
    expect(await storedKeys(k)).toEqual([]);
  });

  test('a bad key is 400 BAD_REQUEST and nothing runs', async () => {
    for (const bad of ['', 'x'.repeat(201), 'caf\u00e9']) {
      const name = `Bad key ${crypto.randomUUID()}`;
      const res = await createVendor(name, bad);
      expect(res.status).toBe(400);
      expect(res.body.errors![0].extensions!.code).toBe('BAD_REQUEST');
      expect(res.body.errors![0].message).toMatch(/Idempotency-Key must be 1 to 200 printable ASCII characters/);
      expect(await vendorsNamed(name)).toBe(0);
    }
    // 200 characters is fine.
    ok(await createVendor(`Long key ${crypto.randomUUID()}`, 'k'.repeat(200)));
  });

  test('a request that never ran (invalid document, no token) keeps nothing: the same key then runs a corrected request', async () => {
    const k = key();
    const name = `Fixed ${k}`;
    const invalid = await app.gql('mutation { createVendor(input: { name: "x", nope: 1 }) { vendor { id } } }', {}, { headers: { 'idempotency-key': k } });
    expect(invalid.status).toBe(400);
    expect(await storedKeys(k)).toEqual([]);
    const noToken = await app.gql(CREATE_VENDOR, { name }, { auth: false, headers: { 'idempotency-key': k } });
    expect(noToken.status).toBe(401);
    expect(await storedKeys(k)).toEqual([]);
    ok(await createVendor(name, k));
    expect(await vendorsNamed(name)).toBe(1);
  });

  test('a mutation refused for lack of permission is stored like any executed response', async () => {
    const k = key();
    const name = `Viewer ${k}`;
    const viewer = app.token([Role.VIEWER], { sub: `viewer-${k}` });
    const first = await createVendor(name, k, { token: viewer });
    expect(first.body.errors![0].extensions!.code).toBe('FORBIDDEN');
    const again = await createVendor(name, k, { token: viewer });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await vendorsNamed(name)).toBe(0);
  });

  test('with persisted queries: the query with its hash and a retry with the hash alone are the same request', async () => {
    const k = key();
    const name = `APQ ${k}`;
    const sha256Hash = crypto.createHash('sha256').update(CREATE_VENDOR).digest('hex');
    const send = (body: Record<string, unknown>) =>
      request(app.url).post('/graphql').set('authorization', `Bearer ${app.token()}`).set('idempotency-key', k).send(body);
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const first = await send({ query: CREATE_VENDOR, variables: { name }, extensions });
    expect(first.status).toBe(200);
    const retry = await send({ variables: { name }, extensions });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await vendorsNamed(name)).toBe(1);

    // A hash the cache does not know yet: PERSISTED_QUERY_NOT_FOUND releases the key, the full request then runs.
    const k2 = key();
    const fresh = `${CREATE_VENDOR} # ${k2}`;
    const ext2 = { persistedQuery: { version: 1, sha256Hash: crypto.createHash('sha256').update(fresh).digest('hex') } };
    const miss = await request(app.url).post('/graphql').set('authorization', `Bearer ${app.token()}`).set('idempotency-key', k2).send({ variables: { name: k2 }, extensions: ext2 });
    expect(miss.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await storedKeys(k2)).toEqual([]);
    const run = await request(app.url).post('/graphql').set('authorization', `Bearer ${app.token()}`).set('idempotency-key', k2).send({ query: fresh, variables: { name: k2 }, extensions: ext2 });
    expect(run.body.data.createVendor.vendor.name).toBe(k2);
    expect(run.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('Idempotency-Key expiry', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ IDEMPOTENCY_TTL_HOURS: '1' });
  });
  afterAll(async () => app?.close());

  test('an expired key runs again; expired keys are purged lazily, live ones kept', async () => {
    const stale = `stale-${crypto.randomUUID()}`;
    const live = `live-${crypto.randomUUID()}`;
    const expiredOther = `expired-${crypto.randomUUID()}`;
    const oldBody = JSON.stringify({ data: { createVendor: { vendor: { id: 'old', name: 'old' }, userErrors: [] } } });
    await app.sql(
      `INSERT INTO idempotency_key (subject, key, request_hash, status_code, response_body, created_at, completed_at)
       VALUES ('test-user', $1, repeat('a', 64), 200, $4, now() - interval '2 hours', now() - interval '2 hours'),
              ('test-user', $2, repeat('b', 64), 200, $4, now() - interval '30 minutes', now() - interval '30 minutes'),
              ('someone', $3, repeat('c', 64), 200, $4, now() - interval '3 hours', now() - interval '3 hours')`,
      [stale, live, expiredOther, oldBody],
    );
    const name = `Expired ${stale}`;
    // Another body than the stored one: refused if the key were live; it has expired, so it runs.
    const res = await app.gql(CREATE_VENDOR, { name }, { headers: { 'idempotency-key': stale } });
    ok(res);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(res.data.createVendor.vendor.name).toBe(name);
    const [row] = await app.sql('SELECT status_code, response_body FROM idempotency_key WHERE key = $1', [stale]);
    expect(JSON.parse(row.response_body)).toEqual(res.body);

    // The live key (another body) is still refused.
    const refused = await app.gql(CREATE_VENDOR, { name: 'x' }, { headers: { 'idempotency-key': live } });
    expect(refused.status).toBe(422);

    const until = Date.now() + 5000;
    while ((await app.sql('SELECT 1 FROM idempotency_key WHERE key = $1', [expiredOther])).length > 0) {
      if (Date.now() > until) throw new Error('expired key was not purged');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await app.sql('SELECT key FROM idempotency_key WHERE key = $1', [live])).toHaveLength(1);
  });
});
