import { ok, Role, startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let personId: string;
let storeA: string;
let storeB: string;
let storeC: string;

const DAY_MS = 24 * 60 * 60 * 1000;
const toGid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64url');
const keyOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
/** The UTC day `n` days from today. */
const day = (n: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) + n * DAY_MS).toISOString().slice(0, 10);
const ids = (conn: { nodes: Array<{ id: string }> }) => conn.nodes.map((n) => n.id);

const ASSET = `id status version location { id name } custodian { __typename ... on Person { id } } lastAuditedAt nextAuditDueOn`;
const EVENT = `id sequence type note actor from { __typename ... on Location { id } } to { __typename ... on Location { id } }`;
const AUDIT = `id auditedAt discrepancy note actor asset { id } foundLocation { id name } expectedLocation { id name } custodyEvent { ${EVENT} }`;
const PAYLOAD = `asset { ${ASSET} } audit { ${AUDIT} } custodyEvent { ${EVENT} } userErrors { field code message }`;

const audit = (a: TestApp, assetId: string, locationId: string, extra: Record<string, unknown> = {}, roles?: Role[]) =>
  a.gql(`mutation($i: RecordPhysicalAuditInput!) { recordPhysicalAudit(input: $i) { ${PAYLOAD} } }`, { i: { assetId, locationId, ...extra } }, { roles });
async function auditOk(a: TestApp, assetId: string, locationId: string, extra: Record<string, unknown> = {}, roles?: Role[]) {
  const r = ok(await audit(a, assetId, locationId, extra, roles)).recordPhysicalAudit;
  expect(r.userErrors).toEqual([]);
  return r;
}

async function newAsset(a: TestApp, name = 'Laptop', extra: Record<string, unknown> = {}): Promise<string> {
  const d = ok(await a.gql(`mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id } userErrors { message } } }`,
    { i: { name, category: 'LAPTOP', locationId: storeA, ...extra } }));
  expect(d.createHardware.userErrors).toEqual([]);
  return d.createHardware.asset.id;
}

const assetRow = async (id: string) =>
  (await app.sql('SELECT status, version, location_id, custody_sequence, last_audited_at, custodian_type, custodian_id FROM asset WHERE id = $1', [keyOf(id)]))[0];
const auditRows = async (id: string) =>
  app.sql('SELECT found_location_id, expected_location_id, discrepancy, custody_sequence, actor, audited_at FROM physical_audit WHERE asset_id = $1 ORDER BY audited_at', [keyOf(id)]);
const events = async (id: string) =>
  app.sql('SELECT sequence, type, from_id, to_id, holder_type, holder_id, note FROM custody_event WHERE asset_id = $1 ORDER BY sequence', [keyOf(id)]);
const verify = async (id: string) => ok(await app.gql(`query($id: ID!) { verifyCustodyChain(assetId: $id) { intact events brokenAtSequence } }`, { id })).verifyCustodyChain;
const changeStatus = async (assetId: string, status: string) => {
  const d = ok(await app.gql(`mutation($i: ChangeAssetStatusInput!) { changeAssetStatus(input: $i) { userErrors { code message } } }`, { i: { assetId, status, reason: 'test' } }));
  expect(d.changeAssetStatus.userErrors).toEqual([]);
};
const checkOut = async (assetId: string) => {
  const d = ok(await app.gql(`mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { userErrors { code message } } }`, { i: { assetId, to: { personId } } }));
  expect(d.checkOutAsset.userErrors).toEqual([]);
};

beforeAll(async () => {
  app = await startTestApp();
  const d = ok(await app.gql(`mutation {
    p: createPerson(input: { displayName: "Grace Hopper" }) { person { id } }
    a: createLocation(input: { name: "Store A", kind: WAREHOUSE }) { location { id } }
    b: createLocation(input: { name: "Store B", kind: WAREHOUSE }) { location { id } }
    c: createLocation(input: { name: "Store C", kind: WAREHOUSE }) { location { id } }
  }`));
  personId = d.p.person.id;
  storeA = d.a.location.id; storeB = d.b.location.id; storeC = d.c.location.id;
});
afterAll(async () => app?.close());

describe('recordPhysicalAudit', () => {
  test('at the recorded location: an audit row, no custody event, lastAuditedAt set and the due date moved', async () => {
    const id = await newAsset(app);
    await app.sql(`UPDATE asset SET created_at = now() - interval '400 days' WHERE id = $1`, [keyOf(id)]);
    const before = ok(await app.gql(`query($id: ID!) { asset(id: $id) { lastAuditedAt nextAuditDueOn version } }`, { id })).asset;
    expect(before).toEqual({ lastAuditedAt: null, nextAuditDueOn: day(-400 + 365), version: 1 });

    const r = await auditOk(app, id, storeA, { note: '  on the shelf  ', expectedVersion: 1 });
    expect(r.custodyEvent).toBeNull();
    expect(r.audit).toMatchObject({
      discrepancy: false, note: 'on the shelf', actor: 'test-user', asset: { id },
      foundLocation: { id: storeA, name: 'Store A' }, expectedLocation: { id: storeA }, custodyEvent: null,
    });
    expect(r.asset).toMatchObject({ status: 'IN_STOCK', version: 2, location: { id: storeA }, lastAuditedAt: r.audit.auditedAt, nextAuditDueOn: day(365) });
    expect(Date.now() - Date.parse(r.audit.auditedAt)).toBeLessThan(60_000);

    const row = await assetRow(id);
    expect(row).toMatchObject({ custody_sequence: 0, version: 2 });
    expect(row.last_audited_at.toISOString()).toBe(r.audit.auditedAt);
    expect(await auditRows(id)).toEqual([expect.objectContaining({ discrepancy: false, custody_sequence: null, actor: 'test-user', found_location_id: keyOf(storeA), expected_location_id: keyOf(storeA) })]);
    expect(await events(id)).toEqual([]);

    // Fetchable as a Node and listed under the asset.
    const q = ok(await app.gql(`query($id: ID!, $a: ID!) { node(id: $a) { __typename ... on PhysicalAudit { id discrepancy } }
      asset(id: $id) { physicalAudits { totalCount nodes { id } } } }`, { id, a: r.audit.id }));
    expect(q.node).toEqual({ __typename: 'PhysicalAudit', id: r.audit.id, discrepancy: false });
    expect(q.asset.physicalAudits).toEqual({ totalCount: 1, nodes: [{ id: r.audit.id }] });
  });

  test('a discrepancy: a MOVE from the old to the found location, the location corrected, the custodian of an IN_USE asset kept', async () => {
    const id = await newAsset(app);
    await checkOut(id);
    const r = await auditOk(app, id, storeB, { note: 'on a desk in B' });
    expect(r.asset).toMatchObject({ status: 'IN_USE', location: { id: storeB }, custodian: { __typename: 'Person', id: personId }, version: 3 });
    expect(r.custodyEvent).toMatchObject({
      sequence: 2, type: 'MOVE', actor: 'test-user', note: 'Location corrected by physical audit: on a desk in B',
      from: { __typename: 'Location', id: storeA }, to: { __typename: 'Location', id: storeB },
    });
    expect(r.audit).toMatchObject({ discrepancy: true, expectedLocation: { id: storeA }, foundLocation: { id: storeB }, custodyEvent: { id: r.custodyEvent.id, sequence: 2 } });
    const ev = await events(id);
    expect(ev.map((e) => e.type)).toEqual(['CHECK_OUT', 'MOVE']);
    expect(ev[1]).toMatchObject({ from_id: keyOf(storeA), to_id: keyOf(storeB), holder_type: 'PERSON', holder_id: keyOf(personId) });
    expect(await assetRow(id)).toMatchObject({ status: 'IN_USE', location_id: keyOf(storeB), custodian_type: 'PERSON', custodian_id: keyOf(personId), custody_sequence: 2 });
    expect((await auditRows(id))[0]).toMatchObject({ discrepancy: true, custody_sequence: 2 });
    expect(await verify(id)).toEqual({ intact: true, events: 2, brokenAtSequence: null });

    // Audited again where it now is: no discrepancy, no event.
    const again = await auditOk(app, id, storeB);
    expect(again).toMatchObject({ custodyEvent: null, audit: { discrepancy: false, expectedLocation: { id: storeB } } });
    expect(await events(id)).toHaveLength(2);
  });

  test('the first audit of an asset with no location records where it is', async () => {
    const id = await newAsset(app, 'Nowhere', { locationId: null });
    const r = await auditOk(app, id, storeC);
    expect(r.audit).toMatchObject({ discrepancy: true, expectedLocation: null, foundLocation: { id: storeC } });
    expect(r.custodyEvent).toMatchObject({ sequence: 1, type: 'MOVE', from: null, to: { id: storeC }, note: 'Location corrected by physical audit' });
    expect(r.asset.location).toEqual({ id: storeC, name: 'Store C' });
    const [ev] = await events(id);
    expect(ev).toMatchObject({ from_id: null, to_id: keyOf(storeC), holder_type: null });
    expect(await verify(id)).toEqual({ intact: true, events: 1, brokenAtSequence: null });
  });

  test('a LOST asset found elsewhere is recorded FOUND, then moved', async () => {
    const id = await newAsset(app);
    await checkOut(id);
    await changeStatus(id, 'LOST');
    const r = await auditOk(app, id, storeB, { note: 'behind a cupboard' });
    expect(r.asset).toMatchObject({ status: 'IN_STOCK', custodian: null, location: { id: storeB }, version: 4 });
    expect(r.custodyEvent).toMatchObject({ sequence: 4, type: 'MOVE', from: { id: storeA }, to: { id: storeB } });
    expect(r.audit).toMatchObject({ discrepancy: true, custodyEvent: { sequence: 4 } });
    const ev = await events(id);
    expect(ev.map((e) => e.type)).toEqual(['CHECK_OUT', 'REPORTED_LOST', 'FOUND', 'MOVE']);
    expect(ev[2]).toMatchObject({ note: 'Found in physical audit: behind a cupboard', holder_type: null, to_id: keyOf(storeA) });
    // Found means back in stock: the MOVE has no holder.
    expect(ev[3]).toMatchObject({ holder_type: null, holder_id: null });
    expect(await assetRow(id)).toMatchObject({ custodian_type: null, custody_sequence: 4 });
    expect(await verify(id)).toEqual({ intact: true, events: 4, brokenAtSequence: null });
  });

  test('a LOST asset found where the register says: FOUND only, and the audit has no MOVE', async () => {
    const id = await newAsset(app);
    await changeStatus(id, 'LOST');
    const r = await auditOk(app, id, storeA);
    expect(r.asset).toMatchObject({ status: 'IN_STOCK', location: { id: storeA } });
    expect(r.custodyEvent).toMatchObject({ sequence: 2, type: 'FOUND', note: 'Found in physical audit' });
    expect(r.audit).toMatchObject({ discrepancy: false, custodyEvent: null });
    expect((await events(id)).map((e) => e.type)).toEqual(['REPORTED_LOST', 'FOUND']);
    expect(await verify(id)).toEqual({ intact: true, events: 2, brokenAtSequence: null });
  });

  test('IN_MAINTENANCE and RETIRED assets can be audited too', async () => {
    const m = await newAsset(app);
    await changeStatus(m, 'IN_MAINTENANCE');
    expect((await auditOk(app, m, storeB)).asset).toMatchObject({ status: 'IN_MAINTENANCE', location: { id: storeB } });
    const r = await newAsset(app);
    await changeStatus(r, 'RETIRED');
    expect((await auditOk(app, r, storeA)).asset).toMatchObject({ status: 'RETIRED', location: { id: storeA } });
  });
});

describe('refusals change nothing', () => {
  async function expectUnchanged(id: string, before: Record<string, unknown>) {
    expect(await assetRow(id)).toEqual(before);
    expect(await auditRows(id)).toEqual([]);
    expect(await events(id)).toEqual([]);
  }

  test('a DISPOSED asset is INVALID_TRANSITION', async () => {
    const id = await newAsset(app);
    await app.sql(`UPDATE asset SET status = 'DISPOSED' WHERE id = $1`, [keyOf(id)]);
    const before = await assetRow(id);
    const r = ok(await audit(app, id, storeB)).recordPhysicalAudit;
    expect(r).toMatchObject({ asset: null, audit: null, custodyEvent: null });
    expect(r.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'assetId'] })]);
    await expectUnchanged(id, before);
    const q = ok(await app.gql(`query($id: ID!) { asset(id: $id) { nextAuditDueOn } }`, { id }));
    expect(q.asset.nextAuditDueOn).toBeNull();
  });

  test('an ORDERED asset is NOT_AVAILABLE', async () => {
    const id = await newAsset(app, 'On order', { status: 'ORDERED' });
    const before = await assetRow(id);
    expect(before.status).toBe('ORDERED');
    const r = ok(await audit(app, id, storeB)).recordPhysicalAudit;
    expect(r.userErrors).toEqual([expect.objectContaining({ code: 'NOT_AVAILABLE', field: ['input', 'assetId'] })]);
    await expectUnchanged(id, before);
  });

  test('bad IDs, an over-long note, a stale version', async () => {
    const id = await newAsset(app);
    const before = await assetRow(id);
    const missing = toGid('Location', '00000000-0000-4000-8000-000000000000');
    const cases: Array<[string, string, Record<string, unknown>, Array<[string, string[]]>]> = [
      [id, 'garbage', {}, [['NOT_FOUND', ['input', 'locationId']]]],
      [id, missing, {}, [['NOT_FOUND', ['input', 'locationId']]]],
      [id, personId, {}, [['NOT_FOUND', ['input', 'locationId']]]],
      ['garbage', storeB, {}, [['NOT_FOUND', ['input', 'assetId']]]],
      [storeA, storeB, {}, [['NOT_FOUND', ['input', 'assetId']]]],
      [toGid('Hardware', '00000000-0000-4000-8000-000000000000'), storeB, {}, [['NOT_FOUND', ['input', 'assetId']]]],
      ['', '', {}, [['NOT_FOUND', ['input', 'assetId']], ['NOT_FOUND', ['input', 'locationId']]]],
      [id, storeB, { note: 'x'.repeat(2001) }, [['INVALID', ['input', 'note']]]],
      [id, storeB, { expectedVersion: 7 }, [['CONFLICT', ['input', 'expectedVersion']]]],
    ];
    for (const [assetId, locationId, extra, expected] of cases) {
      const res = await audit(app, assetId, locationId, extra);
      const r = ok(res).recordPhysicalAudit;
      expect(r.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field])).toEqual(expected);
      expect(r.asset).toBeNull();
    }
    await expectUnchanged(id, before);
    // A note of exactly 2,000 characters is fine.
    expect((await auditOk(app, id, storeB, { note: 'y'.repeat(2000), expectedVersion: 1 })).audit.note).toHaveLength(2000);
  });

  test('a missing argument is a GraphQL input error', async () => {
    const res = await app.gql(`mutation($i: RecordPhysicalAuditInput!) { recordPhysicalAudit(input: $i) { userErrors { code } } }`, { i: { assetId: 'x' } });
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('the database refuses to change or remove an audit', async () => {
    const id = await newAsset(app);
    await auditOk(app, id, storeB);
    await expect(app.sql(`UPDATE physical_audit SET discrepancy = false WHERE asset_id = $1`, [keyOf(id)])).rejects.toThrow(/append-only/);
    await expect(app.sql(`DELETE FROM physical_audit WHERE asset_id = $1`, [keyOf(id)])).rejects.toThrow(/append-only/);
    await expect(app.sql(`TRUNCATE physical_audit CASCADE`)).rejects.toThrow(/append-only/);
    expect(await auditRows(id)).toEqual([expect.objectContaining({ discrepancy: true })]);
  });
});

describe('permissions', () => {
  test('an AUDITOR may record an audit', async () => {
    const id = await newAsset(app);
    const token = app.token([Role.AUDITOR], { sub: 'auditor-anna' });
    const res = await app.gql(`mutation($i: RecordPhysicalAuditInput!) { recordPhysicalAudit(input: $i) { ${PAYLOAD} } }`, { i: { assetId: id, locationId: storeB } }, { token });
    const r = ok(res).recordPhysicalAudit;
    expect(r.userErrors).toEqual([]);
    expect(r.audit.actor).toBe('auditor-anna');
    expect(r.custodyEvent.actor).toBe('auditor-anna');
    expect(await assetRow(id)).toMatchObject({ location_id: keyOf(storeB) });
  });

  test('an ASSET_MANAGER may record an audit', async () => {
    const id = await newAsset(app);
    expect((await auditOk(app, id, storeA, {}, [Role.ASSET_MANAGER])).audit.discrepancy).toBe(false);
  });

  test('a VIEWER may not, and nothing is written; but reads the audit fields', async () => {
    const id = await newAsset(app);
    const before = await assetRow(id);
    const res = await audit(app, id, storeB, {}, [Role.VIEWER]);
    expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.body.data?.recordPhysicalAudit ?? null).toBeNull();
    expect(await assetRow(id)).toEqual(before);
    expect(await auditRows(id)).toEqual([]);
    ok(await audit(app, id, storeA));
    const q = ok(await app.gql(`query($id: ID!) { asset(id: $id) { lastAuditedAt nextAuditDueOn physicalAudits { nodes { actor foundLocation { id } } } }
      assetsDueForAudit(first: 1) { totalCount } }`, { id }, { roles: [Role.VIEWER] }));
    expect(q.asset.lastAuditedAt).not.toBeNull();
    expect(q.asset.physicalAudits.nodes).toEqual([{ actor: 'test-user', foundLocation: { id: storeA } }]);
  });
});

describe('concurrency', () => {
  test('two concurrent audits of one asset at two locations: both recorded, one chain, the last MOVE wins', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await newAsset(app, `race ${round}`);
      await checkOut(id);
      const [r1, r2] = await Promise.all([audit(app, id, storeB), audit(app, id, storeC)]);
      expect(ok(r1).recordPhysicalAudit.userErrors).toEqual([]);
      expect(ok(r2).recordPhysicalAudit.userErrors).toEqual([]);

      const rows = await auditRows(id);
      expect(rows).toHaveLength(2);
      // The second saw what the first left: it expected the first's found location.
      expect(rows[0].expected_location_id).toBe(keyOf(storeA));
      expect(rows[1].expected_location_id).toBe(rows[0].found_location_id);
      expect(rows.map((r) => r.found_location_id).sort()).toEqual([keyOf(storeB), keyOf(storeC)].sort());
      expect(rows.map((r) => r.custody_sequence)).toEqual([2, 3]);

      const ev = await events(id);
      expect(ev.map((e) => e.sequence)).toEqual([1, 2, 3]);
      expect(ev.map((e) => e.type)).toEqual(['CHECK_OUT', 'MOVE', 'MOVE']);
      const row = await assetRow(id);
      expect([keyOf(storeB), keyOf(storeC)]).toContain(row.location_id);
      expect(row.location_id).toBe(ev[2].to_id);
      expect(row.location_id).toBe(rows[1].found_location_id);
      expect(row).toMatchObject({ custody_sequence: 3, version: 4, custodian_type: 'PERSON', custodian_id: keyOf(personId) });
      expect(row.last_audited_at.getTime()).toBe(rows[1].audited_at.getTime());
      expect(await verify(id)).toEqual({ intact: true, events: 3, brokenAtSequence: null });
    }
  });
});

describe('Asset.physicalAudits', () => {
  test('newest first, paged with first/after, with totalCount', async () => {
    const id = await newAsset(app);
    const made: string[] = [];
    for (const loc of [storeB, storeC, storeA, storeB, storeC]) made.push((await auditOk(app, id, loc)).audit.id);
    const Q = `query($id: ID!, $after: String) { asset(id: $id) { physicalAudits(first: 2, after: $after) {
      totalCount edges { cursor node { id } } nodes { id custodyEvent { type } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 3; pageNo++) {
      const conn: any = ok(await app.gql(Q, { id, after })).asset.physicalAudits;
      expect(conn.totalCount).toBe(5);
      expect(conn.pageInfo).toMatchObject({ hasPreviousPage: after != null, hasNextPage: pageNo < 2 });
      expect(conn.nodes.every((n: { custodyEvent: { type: string } }) => n.custodyEvent.type === 'MOVE')).toBe(true);
      seen.push(...ids(conn));
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual([...made].reverse());
    const none = ok(await app.gql(`query($id: ID!) { asset(id: $id) { physicalAudits { totalCount nodes { id } } } }`, { id: await newAsset(app) }));
    expect(none.asset.physicalAudits).toEqual({ totalCount: 0, nodes: [] });
  });

  test('bad arguments are GraphQL errors', async () => {
    const id = await newAsset(app);
    const q = (args: string) => app.gql(`query($id: ID!) { asset(id: $id) { physicalAudits(${args}) { nodes { id } } } }`, { id });
    expect((await q('first: -1')).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await q('first: 101')).body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect((await q('after: "garbage"')).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const forged = Buffer.from(JSON.stringify(['physicalAudit', 'not-a-time', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    expect((await q(`after: "${forged}"`)).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('the same number of statements for 5 assets as for 20', async () => {
    const tag = `audit-batch-${Date.now()}`;
    for (let i = 0; i < 20; i++) {
      const id = await newAsset(app, `${tag} ${String(i).padStart(2, '0')}`, { tags: [tag] });
      await auditOk(app, id, storeA);
      await auditOk(app, id, storeB);
    }
    const Q = `query($first: Int!, $tag: String!) { assets(first: $first, filter: { tags: [$tag] }) { nodes { id lastAuditedAt nextAuditDueOn
      physicalAudits(first: 3) { totalCount nodes { discrepancy foundLocation { name } expectedLocation { name } custodyEvent { type } } } } } }`;
    const counts: Record<number, number> = {};
    for (const first of [5, 20]) {
      const res = await app.gql(Q, { first, tag });
      const data = ok(res);
      expect(data.assets.nodes).toHaveLength(first);
      for (const n of data.assets.nodes) {
        expect(n.physicalAudits).toEqual({ totalCount: 2, nodes: [
          { discrepancy: true, foundLocation: { name: 'Store B' }, expectedLocation: { name: 'Store A' }, custodyEvent: { type: 'MOVE' } },
          { discrepancy: false, foundLocation: { name: 'Store A' }, expectedLocation: { name: 'Store A' }, custodyEvent: null },
        ] });
      }
      counts[first] = Number(res.headers['x-sql-statements']);
    }
    // assets page, audit pages, audit counts, locations, custody events.
    expect(counts[5]).toBe(5);
    expect(counts[20]).toBe(counts[5]);
  });
});

describe('audit intervals and assetsDueForAudit', () => {
  let due: TestApp;
  const DUE = `query($asOf: Date, $first: Int, $after: String, $last: Int, $before: String) {
    assetsDueForAudit(asOf: $asOf, first: $first, after: $after, last: $last, before: $before) {
      totalCount nodes { id name nextAuditDueOn } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
  const list = async (vars: Record<string, unknown> = {}, roles?: Role[]) => ok(await due.gql(DUE, vars, { roles })).assetsDueForAudit;
  let order: string[];
  let later: string;
  let license: string;
  let cert: string;

  const make = async (mutation: string, input: Record<string, unknown>, sql?: string) => {
    const d = ok(await due.gql(`mutation($i: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $i) { asset { id } userErrors { message } } }`, { i: input }));
    expect(d[mutation].userErrors).toEqual([]);
    const id = d[mutation].asset.id as string;
    if (sql) await due.sql(`UPDATE asset SET ${sql} WHERE id = $1`, [keyOf(id)]);
    return id;
  };
  const hw = (name: string, sql?: string, extra: Record<string, unknown> = {}) => make('createHardware', { name, category: 'MONITOR', ...extra }, sql);

  beforeAll(async () => {
    due = await startTestApp({ AUDIT_INTERVAL_DAYS: '100', AUDIT_INTERVAL_DAYS_HARDWARE: '30', AUDIT_INTERVAL_DAYS_CERTIFICATE: '0' });
    license = await make('createSoftwareLicense', { name: 'lic', product: 'IDE', licenseType: 'PERPETUAL', metric: 'PER_USER', seatsTotal: 1 }, `created_at = now() - interval '200 days'`);
    const h1 = await hw('h1 never audited', `created_at = now() - interval '100 days'`);
    const h2 = await hw('h2 audited', `created_at = now() - interval '500 days', last_audited_at = now() - interval '50 days'`);
    const h3 = await hw('h3', `created_at = now() - interval '35 days'`);
    const h4 = await hw('h4 tie', `created_at = now() - interval '31 days'`);
    const h5 = await hw('h5 tie', `created_at = now() - interval '31 days'`);
    later = await hw('h6 not yet');
    cert = await make('createCertificate', { name: 'cert', commonName: 'x.example', notAfter: '2999-01-01T00:00:00Z' }, `created_at = now() - interval '1000 days'`);
    await hw('disposed', `created_at = now() - interval '100 days', status = 'DISPOSED'`);
    await hw('ordered', `created_at = now() - interval '100 days'`, { status: 'ORDERED' });
    order = [license, h1, h2, h3, ...[h4, h5].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))];
  });
  afterAll(async () => due?.close());

  test('nextAuditDueOn follows the kind\'s interval; 0 means never', async () => {
    const q = ok(await due.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Asset { nextAuditDueOn lastAuditedAt } } }`, { ids: [license, later, cert] }));
    expect(q.nodes).toEqual([
      { id: license, nextAuditDueOn: day(-200 + 100), lastAuditedAt: null },
      { id: later, nextAuditDueOn: day(30), lastAuditedAt: null },
      { id: cert, nextAuditDueOn: null, lastAuditedAt: null },
    ]);
  });

  test('most overdue first, by due date then ID; totalCount; DISPOSED, ORDERED and interval-0 kinds left out', async () => {
    const all = await list({ first: 50 });
    expect(ids(all)).toEqual(order);
    expect(all.totalCount).toBe(6);
    expect(all.nodes.map((n: { nextAuditDueOn: string }) => n.nextAuditDueOn)).toEqual([day(-100), day(-70), day(-20), day(-5), day(-1), day(-1)]);
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  test('pages forwards and backwards with keyset cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const cursors: string[] = [];
    for (let pageNo = 0; pageNo < 3; pageNo++) {
      const page: any = await list({ first: 2, after });
      expect(page.totalCount).toBe(6);
      expect(page.pageInfo).toMatchObject({ hasNextPage: pageNo < 2, hasPreviousPage: pageNo > 0 });
      seen.push(...ids(page));
      cursors.push(page.pageInfo.startCursor);
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(order);
    const back = await list({ last: 2, before: cursors[2] });
    expect(ids(back)).toEqual(order.slice(2, 4));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const tail = await list({ last: 3 });
    expect(ids(tail)).toEqual(order.slice(3));
    expect((await due.gql(DUE, { after: 'garbage' })).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await due.gql(DUE, { first: 101 })).body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  test('asOf moves the horizon (due on the day counts)', async () => {
    expect(ids(await list({ asOf: day(-20) }))).toEqual(order.slice(0, 3));
    expect(ids(await list({ asOf: day(-21) }))).toEqual(order.slice(0, 2));
    expect(ids(await list({ asOf: day(-1000) }))).toEqual([]);
    const future = await list({ asOf: day(30), first: 50 });
    expect(ids(future)).toEqual([...order, later]);
    expect(future.totalCount).toBe(7);
    expect((await due.gql(DUE, { asOf: '2025-02-30' })).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // Every role may read the list.
    expect((await list({}, [Role.VIEWER])).totalCount).toBe(6);
  });

  test('an audit takes an asset off the list until its next due date', async () => {
    const loc = ok(await due.gql('mutation { createLocation(input: { name: "Shelf", kind: ROOM }) { location { id } } }')).createLocation.location.id;
    const d = ok(await due.gql(`mutation($i: RecordPhysicalAuditInput!) { recordPhysicalAudit(input: $i) { asset { nextAuditDueOn } userErrors { code } } }`,
      { i: { assetId: license, locationId: loc } })).recordPhysicalAudit;
    expect(d).toEqual({ asset: { nextAuditDueOn: day(100) }, userErrors: [] });
    expect(ids(await list({ first: 50 }))).toEqual(order.slice(1));
    expect(ids(await list({ asOf: day(100), first: 50 }))).toEqual([...order.slice(1), later, license]);
  });
});
