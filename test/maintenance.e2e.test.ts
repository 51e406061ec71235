import { ok, Role, startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let personId: string;
let vendorId: string;
let storeId: string;

const RECORD = `id type status scheduledOn startedAt completedAt cost { amount currency } vendor { id name } coveredByWarranty description version asset { id }`;
const ASSET = `id status version custodian { __typename ... on Person { id displayName } }`;
const PAYLOAD = `maintenanceRecord { ${RECORD} } asset { ${ASSET} } userErrors { field code message }`;

const toGid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64url');
const keyOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
const count = async (table: string) => (await app.sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
const statusOf = async (assetId: string) => (await app.sql('SELECT status FROM asset WHERE id = $1', [keyOf(assetId)]))[0].status as string;
const recordRow = async (id: string) => (await app.sql('SELECT status, version, return_status FROM maintenance_record WHERE id = $1', [keyOf(id)]))[0];

async function newAsset(name = 'Laptop', extra: Record<string, unknown> = {}): Promise<string> {
  const d = ok(await app.gql(`mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id version } userErrors { message } } }`,
    { i: { name, category: 'LAPTOP', locationId: storeId, ...extra } }));
  expect(d.createHardware.userErrors).toEqual([]);
  return d.createHardware.asset.id;
}

const record = (i: Record<string, unknown>, roles?: Role[]) =>
  app.gql(`mutation($i: RecordMaintenanceInput!) { recordMaintenance(input: $i) { ${PAYLOAD} } }`, { i }, { roles });
const start = (maintenanceId: string, extra: Record<string, unknown> = {}, roles?: Role[]) =>
  app.gql(`mutation($i: StartMaintenanceInput!) { startMaintenance(input: $i) { ${PAYLOAD} } }`, { i: { maintenanceId, ...extra } }, { roles });
const complete = (maintenanceId: string, extra: Record<string, unknown> = {}, roles?: Role[]) =>
  app.gql(`mutation($i: CompleteMaintenanceInput!) { completeMaintenance(input: $i) { ${PAYLOAD} } }`, { i: { maintenanceId, ...extra } }, { roles });
const cancel = (maintenanceId: string, extra: Record<string, unknown> = {}, roles?: Role[]) =>
  app.gql(`mutation($i: CancelMaintenanceInput!) { cancelMaintenance(input: $i) { ${PAYLOAD} } }`, { i: { maintenanceId, ...extra } }, { roles });
const checkOut = async (assetId: string) => {
  const d = ok(await app.gql(`mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { asset { status } userErrors { code message } } }`, { i: { assetId, to: { personId } } }));
  expect(d.checkOutAsset.userErrors).toEqual([]);
};
const changeStatus = async (assetId: string, status: string) => {
  const d = ok(await app.gql(`mutation($i: ChangeAssetStatusInput!) { changeAssetStatus(input: $i) { asset { status } userErrors { code message } } }`, { i: { assetId, status, reason: 'test' } }));
  expect(d.changeAssetStatus.userErrors).toEqual([]);
};

async function recordOk(i: Record<string, unknown>) {
  const d = ok(await record(i)).recordMaintenance;
  expect(d.userErrors).toEqual([]);
  return d;
}

const daysFromToday = (n: number) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startTestApp();
  const d = ok(await app.gql(`mutation {
    p: createPerson(input: { displayName: "Grace Hopper" }) { person { id } }
    v: createVendor(input: { name: "FixIt Ltd", roles: [SERVICE_PROVIDER] }) { vendor { id } }
    l: createLocation(input: { name: "Workshop Store", kind: WAREHOUSE }) { location { id } }
  }`));
  personId = d.p.person.id; vendorId = d.v.vendor.id; storeId = d.l.location.id;
});
afterAll(async () => app?.close());

describe('recordMaintenance / completeMaintenance', () => {
  test('IN_STOCK → IN_MAINTENANCE → back to IN_STOCK', async () => {
    const assetId = await newAsset();
    const r = await recordOk({ assetId, type: 'REPAIR', vendorId, cost: { amount: '120.50', currency: 'EUR' }, coveredByWarranty: true, description: '  Broken hinge ' });
    expect(r.asset).toMatchObject({ id: assetId, status: 'IN_MAINTENANCE', custodian: null });
    expect(r.maintenanceRecord).toMatchObject({
      type: 'REPAIR', status: 'IN_PROGRESS', scheduledOn: null, completedAt: null, cost: { amount: '120.50', currency: 'EUR' },
      vendor: { id: vendorId, name: 'FixIt Ltd' }, coveredByWarranty: true, description: 'Broken hinge', version: 1, asset: { id: assetId },
    });
    expect(r.maintenanceRecord.startedAt).toEqual(expect.any(String));
    expect(await recordRow(r.maintenanceRecord.id)).toMatchObject({ return_status: 'IN_STOCK' });
    const viaNode = ok(await app.gql(`query($id: ID!) { node(id: $id) { __typename ... on MaintenanceRecord { id status asset { id } } } }`, { id: r.maintenanceRecord.id }));
    expect(viaNode.node).toEqual({ __typename: 'MaintenanceRecord', id: r.maintenanceRecord.id, status: 'IN_PROGRESS', asset: { id: assetId } });

    const c = ok(await complete(r.maintenanceRecord.id, { cost: { amount: '99.00', currency: 'EUR' }, description: 'Hinge replaced' })).completeMaintenance;
    expect(c.userErrors).toEqual([]);
    expect(c.asset).toMatchObject({ id: assetId, status: 'IN_STOCK', custodian: null });
    expect(c.maintenanceRecord).toMatchObject({ status: 'COMPLETED', cost: { amount: '99.00', currency: 'EUR' }, description: 'Hinge replaced', version: 2 });
    expect(Date.parse(c.maintenanceRecord.completedAt)).toBeGreaterThanOrEqual(Date.parse(c.maintenanceRecord.startedAt));
    expect(await statusOf(assetId)).toBe('IN_STOCK');
  });

  test('IN_USE → IN_MAINTENANCE → back to IN_USE, with the custodian kept', async () => {
    const assetId = await newAsset();
    await checkOut(assetId);
    const r = await recordOk({ assetId, type: 'UPGRADE' });
    expect(r.asset).toMatchObject({ status: 'IN_MAINTENANCE', custodian: { __typename: 'Person', id: personId } });
    expect(r.maintenanceRecord).toMatchObject({ status: 'IN_PROGRESS', vendor: null, cost: null, coveredByWarranty: false });
    const c = ok(await complete(r.maintenanceRecord.id)).completeMaintenance;
    expect(c.userErrors).toEqual([]);
    expect(c.asset).toMatchObject({ status: 'IN_USE', custodian: { __typename: 'Person', id: personId, displayName: 'Grace Hopper' } });
    expect(c.maintenanceRecord.cost).toBeNull();
  });

  test('scheduled work leaves the asset alone until started', async () => {
    const assetId = await newAsset();
    const scheduledOn = daysFromToday(10);
    const r = await recordOk({ assetId, type: 'INSPECTION', scheduledOn });
    expect(r.maintenanceRecord).toMatchObject({ status: 'SCHEDULED', scheduledOn, startedAt: null });
    expect(r.asset.status).toBe('IN_STOCK');
    expect(await recordRow(r.maintenanceRecord.id)).toMatchObject({ return_status: null });

    const s = ok(await start(r.maintenanceRecord.id, { expectedVersion: 1 })).startMaintenance;
    expect(s.userErrors).toEqual([]);
    expect(s.asset.status).toBe('IN_MAINTENANCE');
    expect(s.maintenanceRecord).toMatchObject({ status: 'IN_PROGRESS', version: 2 });
    expect(s.maintenanceRecord.startedAt).toEqual(expect.any(String));

    // Starting it twice is not a lifecycle move.
    const again = ok(await start(r.maintenanceRecord.id)).startMaintenance;
    expect(again.userErrors).toEqual([expect.objectContaining({ field: ['input', 'maintenanceId'], code: 'INVALID_TRANSITION' })]);

    const c = ok(await complete(r.maintenanceRecord.id)).completeMaintenance;
    expect(c.asset.status).toBe('IN_STOCK');
  });

  test('startNow defaults: true for today or no date, false for a future date; explicit startNow wins', async () => {
    const a1 = await newAsset();
    expect((await recordOk({ assetId: a1, type: 'PREVENTIVE', scheduledOn: daysFromToday(0) })).maintenanceRecord.status).toBe('IN_PROGRESS');
    const a2 = await newAsset();
    expect((await recordOk({ assetId: a2, type: 'PREVENTIVE', scheduledOn: daysFromToday(3), startNow: true })).maintenanceRecord.status).toBe('IN_PROGRESS');
    const a3 = await newAsset();
    expect((await recordOk({ assetId: a3, type: 'PREVENTIVE', scheduledOn: daysFromToday(-3), startNow: false })).maintenanceRecord.status).toBe('SCHEDULED');
    expect(await statusOf(a3)).toBe('IN_STOCK');
  });

  test('a SCHEDULED record can be completed or cancelled without touching the asset', async () => {
    const assetId = await newAsset();
    const r1 = await recordOk({ assetId, type: 'CALIBRATION', scheduledOn: daysFromToday(5) });
    const c = ok(await complete(r1.maintenanceRecord.id)).completeMaintenance;
    expect(c.userErrors).toEqual([]);
    expect(c.maintenanceRecord.status).toBe('COMPLETED');
    expect(c.asset.status).toBe('IN_STOCK');
    const r2 = await recordOk({ assetId, type: 'CALIBRATION', scheduledOn: daysFromToday(5) });
    const x = ok(await cancel(r2.maintenanceRecord.id)).cancelMaintenance;
    expect(x.userErrors).toEqual([]);
    expect(x.maintenanceRecord.status).toBe('CANCELLED');
    expect(x.asset.status).toBe('IN_STOCK');
  });

  test('cancelling work in progress returns the asset', async () => {
    const assetId = await newAsset();
    await checkOut(assetId);
    const r = await recordOk({ assetId, type: 'REPAIR' });
    const x = ok(await cancel(r.maintenanceRecord.id)).cancelMaintenance;
    expect(x.userErrors).toEqual([]);
    expect(x.asset).toMatchObject({ status: 'IN_USE', custodian: { id: personId } });
    expect(x.maintenanceRecord).toMatchObject({ status: 'CANCELLED', completedAt: null });
  });

  test('two pieces of work at once: the asset returns only when the last one ends', async () => {
    const assetId = await newAsset();
    await checkOut(assetId);
    const r1 = await recordOk({ assetId, type: 'REPAIR' });
    const r2 = await recordOk({ assetId, type: 'SOFTWARE_UPDATE' });
    expect(r2.asset.status).toBe('IN_MAINTENANCE');
    expect(await recordRow(r2.maintenanceRecord.id)).toMatchObject({ return_status: 'IN_USE' });
    const c1 = ok(await complete(r1.maintenanceRecord.id)).completeMaintenance;
    expect(c1.asset.status).toBe('IN_MAINTENANCE');
    const c2 = ok(await complete(r2.maintenanceRecord.id)).completeMaintenance;
    expect(c2.asset).toMatchObject({ status: 'IN_USE', custodian: { id: personId } });
  });
});

describe('refusals change nothing', () => {
  async function expectRefused(res: Awaited<ReturnType<typeof record>>, name: string, field: string[], code: string, assetId?: string, assetStatus?: string) {
    const payload = ok(res)[name];
    expect(payload.maintenanceRecord).toBeNull();
    expect(payload.asset).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field, code, message: expect.any(String) })]);
    if (assetId) expect(await statusOf(assetId)).toBe(assetStatus);
  }

  test('recordMaintenance input errors', async () => {
    const assetId = await newAsset();
    const before = await count('maintenance_record');
    const version = (await app.sql('SELECT version FROM asset WHERE id = $1', [keyOf(assetId)]))[0].version;
    const cases: Array<[Record<string, unknown>, string[], string]> = [
      [{ assetId: 'garbage', type: 'REPAIR' }, ['input', 'assetId'], 'NOT_FOUND'],
      [{ assetId: toGid('Hardware', '00000000-0000-4000-8000-000000000000'), type: 'REPAIR' }, ['input', 'assetId'], 'NOT_FOUND'],
      [{ assetId: personId, type: 'REPAIR' }, ['input', 'assetId'], 'NOT_FOUND'],
      [{ assetId, type: 'REPAIR', vendorId: 'nope' }, ['input', 'vendorId'], 'NOT_FOUND'],
      [{ assetId, type: 'REPAIR', vendorId: toGid('Vendor', '00000000-0000-4000-8000-000000000000') }, ['input', 'vendorId'], 'NOT_FOUND'],
      [{ assetId, type: 'REPAIR', vendorId: personId }, ['input', 'vendorId'], 'NOT_FOUND'],
      [{ assetId, type: 'REPAIR', cost: { amount: '-1.00', currency: 'EUR' } }, ['input', 'cost', 'amount'], 'INVALID'],
      [{ assetId, type: 'REPAIR', cost: { amount: '1.00', currency: 'eur' } }, ['input', 'cost', 'currency'], 'INVALID'],
      [{ assetId, type: 'REPAIR', cost: { amount: '1.00', currency: 'XYZ' } }, ['input', 'cost', 'currency'], 'INVALID'],
      [{ assetId, type: 'REPAIR', description: 'x'.repeat(4001) }, ['input', 'description'], 'INVALID'],
      [{ assetId, type: 'REPAIR', startNow: false }, ['input', 'scheduledOn'], 'REQUIRED'],
    ];
    for (const [input, field, code] of cases) await expectRefused(await record(input), 'recordMaintenance', field, code, assetId, 'IN_STOCK');
    expect(await count('maintenance_record')).toBe(before);
    expect((await app.sql('SELECT version FROM asset WHERE id = $1', [keyOf(assetId)]))[0].version).toBe(version);
    // A bad enum value or date is a GraphQL-level error, not a userError.
    const bad = await record({ assetId, type: 'SPACE_REPAIR' });
    expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badDate = await record({ assetId, type: 'REPAIR', scheduledOn: '2025-02-29' });
    expect(badDate.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // 4,000 characters is fine.
    expect((await recordOk({ assetId, type: 'OTHER', description: 'x'.repeat(4000), startNow: false, scheduledOn: daysFromToday(1) })).maintenanceRecord.description).toHaveLength(4000);
  });

  test.each(['ORDERED', 'RETIRED', 'LOST'])('an asset that is %s cannot go into maintenance (INVALID_TRANSITION)', async (status) => {
    const assetId = status === 'ORDERED' ? await newAsset('Ordered', { status: 'ORDERED' }) : await newAsset();
    if (status !== 'ORDERED') await changeStatus(assetId, status);
    const before = await count('maintenance_record');
    const events = await count('custody_event');
    await expectRefused(await record({ assetId, type: 'REPAIR', vendorId }), 'recordMaintenance', ['input', 'assetId'], 'INVALID_TRANSITION', assetId, status);
    expect(await count('maintenance_record')).toBe(before);
    expect(await count('custody_event')).toBe(events);
  });

  test('a DISPOSED asset refuses even scheduled work', async () => {
    const assetId = await newAsset();
    await changeStatus(assetId, 'RETIRED');
    await app.sql(`UPDATE asset SET status = 'DISPOSED' WHERE id = $1`, [keyOf(assetId)]);
    const before = await count('maintenance_record');
    await expectRefused(await record({ assetId, type: 'REPAIR', scheduledOn: daysFromToday(4) }), 'recordMaintenance', ['input', 'assetId'], 'INVALID_TRANSITION', assetId, 'DISPOSED');
    expect(await count('maintenance_record')).toBe(before);
  });

  test('starting scheduled work on an asset that may not go into maintenance', async () => {
    const assetId = await newAsset();
    const r = await recordOk({ assetId, type: 'REPAIR', scheduledOn: daysFromToday(2) });
    await changeStatus(assetId, 'RETIRED');
    await expectRefused(await start(r.maintenanceRecord.id), 'startMaintenance', ['input', 'maintenanceId'], 'INVALID_TRANSITION', assetId, 'RETIRED');
    expect(await recordRow(r.maintenanceRecord.id)).toMatchObject({ status: 'SCHEDULED', version: 1 });
  });

  test('completeMaintenance / startMaintenance / cancelMaintenance errors', async () => {
    const assetId = await newAsset();
    const r = await recordOk({ assetId, type: 'REPAIR' });
    const id = r.maintenanceRecord.id;
    const missing = toGid('MaintenanceRecord', '00000000-0000-4000-8000-000000000000');
    const cases: Array<[() => ReturnType<typeof complete>, string, string[], string]> = [
      [() => complete('garbage'), 'completeMaintenance', ['input', 'maintenanceId'], 'NOT_FOUND'],
      [() => complete(missing), 'completeMaintenance', ['input', 'maintenanceId'], 'NOT_FOUND'],
      [() => complete(assetId), 'completeMaintenance', ['input', 'maintenanceId'], 'NOT_FOUND'],
      [() => start('garbage'), 'startMaintenance', ['input', 'maintenanceId'], 'NOT_FOUND'],
      [() => cancel(missing), 'cancelMaintenance', ['input', 'maintenanceId'], 'NOT_FOUND'],
      [() => start(id), 'startMaintenance', ['input', 'maintenanceId'], 'INVALID_TRANSITION'],
      [() => complete(id, { cost: { amount: '-5', currency: 'EUR' } }), 'completeMaintenance', ['input', 'cost', 'amount'], 'INVALID'],
      [() => complete(id, { cost: { amount: '5.00', currency: 'EURO' } }), 'completeMaintenance', ['input', 'cost', 'currency'], 'INVALID'],
      [() => complete(id, { description: 'y'.repeat(4001) }), 'completeMaintenance', ['input', 'description'], 'INVALID'],
      [() => complete(id, { completedAt: new Date(Date.now() + 86400000).toISOString() }), 'completeMaintenance', ['input', 'completedAt'], 'INVALID'],
      [() => complete(id, { completedAt: '2001-01-01T00:00:00Z' }), 'completeMaintenance', ['input', 'completedAt'], 'INVALID'],
      [() => complete(id, { expectedVersion: 7 }), 'completeMaintenance', ['input', 'expectedVersion'], 'CONFLICT'],
    ];
    for (const [call, name, field, code] of cases) await expectRefused(await call(), name, field, code, assetId, 'IN_MAINTENANCE');
    expect(await recordRow(id)).toMatchObject({ status: 'IN_PROGRESS', version: 1 });

    ok(await complete(id));
    for (const call of [() => complete(id), () => cancel(id), () => start(id)]) {
      const res = ok(await call());
      const payload = Object.values(res)[0] as { userErrors: unknown[] };
      expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'maintenanceId'], code: 'INVALID_TRANSITION' })]);
    }
    expect(await recordRow(id)).toMatchObject({ status: 'COMPLETED', version: 2 });
    expect(await statusOf(assetId)).toBe('IN_STOCK');
  });

  test('two concurrent completeMaintenance calls on one record: exactly one succeeds', async () => {
    const assetId = await newAsset();
    await checkOut(assetId);
    const r = await recordOk({ assetId, type: 'REPAIR' });
    const results = await Promise.all([1, 2, 3].map(() => complete(r.maintenanceRecord.id).then((x) => ok(x).completeMaintenance)));
    const won = results.filter((x) => x.userErrors.length === 0);
    const lost = results.filter((x) => x.userErrors.length > 0);
    expect(won).toHaveLength(1);
    expect(lost.every((x) => x.userErrors[0].code === 'INVALID_TRANSITION')).toBe(true);
    expect(await recordRow(r.maintenanceRecord.id)).toMatchObject({ status: 'COMPLETED', version: 2 });
    expect(await statusOf(assetId)).toBe('IN_USE');
    // One check-out only: no stray custody events from the losers.
    expect((await app.sql('SELECT count(*)::int AS n FROM custody_event WHERE asset_id = $1', [keyOf(assetId)]))[0].n).toBe(1);
  });
});

describe('permissions', () => {
  test.each([Role.AUDITOR, Role.VIEWER])('%s may not write maintenance but can read it', async (role) => {
    const assetId = await newAsset();
    const r = await recordOk({ assetId, type: 'REPAIR', cost: { amount: '10.00', currency: 'USD' } });
    const before = await count('maintenance_record');
    for (const res of [
      await record({ assetId, type: 'REPAIR' }, [role]),
      await start(r.maintenanceRecord.id, {}, [role]),
      await complete(r.maintenanceRecord.id, {}, [role]),
      await cancel(r.maintenanceRecord.id, {}, [role]),
    ]) {
      expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await count('maintenance_record')).toBe(before);
    expect(await statusOf(assetId)).toBe('IN_MAINTENANCE');

    const read = await app.gql(`query($id: ID!) { asset(id: $id) { maintenance { nodes { id type status vendor { name } cost { amount } } } } }`, { id: assetId }, { roles: [role] });
    const node = read.body.data!.asset.maintenance.nodes[0];
    expect(node).toMatchObject({ id: r.maintenanceRecord.id, type: 'REPAIR', status: 'IN_PROGRESS', vendor: null });
    if (role === Role.AUDITOR) {
      expect(read.body.errors).toBeUndefined();
      expect(node.cost).toEqual({ amount: '10.00' });
    } else {
      // Money is not for viewers: null with a FORBIDDEN error at its path.
      expect(node.cost).toBeNull();
      expect(read.body.errors).toEqual([expect.objectContaining({ path: ['asset', 'maintenance', 'nodes', 0, 'cost'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    }
  });
});

describe('Asset.maintenance', () => {
  test('newest first, paged with first/after, with totalCount', async () => {
    const assetId = await newAsset();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await recordOk({ assetId, type: 'INSPECTION', scheduledOn: daysFromToday(i + 1), description: `visit ${i}` });
      ids.push(r.maintenanceRecord.id);
    }
    const Q = `query($id: ID!, $after: String) { asset(id: $id) { maintenance(first: 2, after: $after) {
      totalCount edges { cursor node { id description } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 3; pageNo++) {
      const conn: any = ok(await app.gql(Q, { id: assetId, after })).asset.maintenance;
      expect(conn.totalCount).toBe(5);
      expect(conn.pageInfo.hasPreviousPage).toBe(after != null);
      expect(conn.pageInfo.hasNextPage).toBe(pageNo < 2);
      expect(conn.nodes.map((n: { id: string }) => n.id)).toEqual(conn.edges.map((e: { node: { id: string } }) => e.node.id));
      seen.push(...conn.nodes.map((n: { id: string }) => n.id));
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());

    const empty = ok(await app.gql(`query($id: ID!) { asset(id: $id) { maintenance(first: 0) { nodes { id } pageInfo { hasNextPage } } } }`, { id: assetId }));
    expect(empty.asset.maintenance.nodes).toEqual([]);
    const other = ok(await app.gql(`query($id: ID!) { asset(id: $id) { maintenance { totalCount nodes { id } } } }`, { id: await newAsset() }));
    expect(other.asset.maintenance).toEqual({ totalCount: 0, nodes: [] });
  });

  test('bad arguments are GraphQL errors', async () => {
    const assetId = await newAsset();
    const q = (args: string) => app.gql(`query($id: ID!) { asset(id: $id) { maintenance(${args}) { nodes { id } } } }`, { id: assetId });
    expect((await q('first: -1')).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await q('first: 101')).body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect((await q('after: "garbage"')).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const forged = Buffer.from(JSON.stringify(['maintenance', 'not-a-time', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    expect((await q(`after: "${forged}"`)).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('the same number of statements for 5 assets as for 20', async () => {
    const tag = `mnt-batch-${Date.now()}`;
    for (let i = 0; i < 20; i++) {
      const assetId = await newAsset(`${tag} ${String(i).padStart(2, '0')}`, { tags: [tag] });
      for (let j = 0; j < 2; j++) await recordOk({ assetId, type: j ? 'REPAIR' : 'UPGRADE', vendorId, scheduledOn: daysFromToday(30) });
    }
    const Q = `query($first: Int!, $tag: String!) { assets(first: $first, filter: { tags: [$tag] }) { nodes { id maintenance(first: 3) { nodes { type vendor { name } } } } } }`;
    const counts: Record<number, number> = {};
    for (const first of [5, 20]) {
      const res = await app.gql(Q, { first, tag });
      const data = ok(res);
      expect(data.assets.nodes).toHaveLength(first);
      for (const n of data.assets.nodes) {
        expect(n.maintenance.nodes).toEqual([{ type: 'REPAIR', vendor: { name: 'FixIt Ltd' } }, { type: 'UPGRADE', vendor: { name: 'FixIt Ltd' } }]);
      }
      counts[first] = Number(res.headers['x-sql-statements']);
    }
    // assets page, maintenance pages, vendors.
    expect(counts[5]).toBe(3);
    expect(counts[20]).toBe(counts[5]);
  });
});
