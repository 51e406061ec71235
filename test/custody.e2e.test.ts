import { ok, Role, startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let personId: string;
let person2Id: string;
let deptId: string;
let vendorId: string;
let storeId: string;
let store2Id: string;

const ASSET = `id status version custodian { __typename ... on Person { displayName } ... on Department { name } ... on Location { name } ... on Vendor { name } }`;
const EVENT = `id sequence type hash previousHash actor note expectedReturnOn from { __typename } to { __typename ... on Person { displayName } ... on Location { name } }`;

async function newAsset(name = 'Laptop'): Promise<string> {
  const d = ok(await app.gql(`mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id } userErrors { message } } }`, { i: { name, category: 'LAPTOP', locationId: storeId } }));
  return d.createHardware.asset.id;
}

const checkOut = (assetId: string, to: Record<string, string>, extra: Record<string, unknown> = {}, roles?: Role[]) =>
  app.gql(`mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { asset { ${ASSET} } custodyEvent { ${EVENT} } userErrors { field code message } } }`, { i: { assetId, to, ...extra } }, { roles });
const checkIn = (assetId: string, locationId: string, extra: Record<string, unknown> = {}) =>
  app.gql(`mutation($i: CheckInAssetInput!) { checkInAsset(input: $i) { asset { ${ASSET} } custodyEvent { ${EVENT} } userErrors { field code message } } }`, { i: { assetId, locationId, ...extra } });
const transfer = (assetId: string, to: Record<string, string>, extra: Record<string, unknown> = {}) =>
  app.gql(`mutation($i: TransferAssetInput!) { transferAsset(input: $i) { asset { ${ASSET} } custodyEvent { ${EVENT} } userErrors { field code message } } }`, { i: { assetId, to, ...extra } });
const changeStatus = (assetId: string, status: string, reason = 'because', extra: Record<string, unknown> = {}) =>
  app.gql(`mutation($i: ChangeAssetStatusInput!) { changeAssetStatus(input: $i) { asset { ${ASSET} } custodyEvent { ${EVENT} } userErrors { field code message } } }`, { i: { assetId, status, reason, ...extra } });
const verify = async (assetId: string) => ok(await app.gql(`query($id: ID!) { verifyCustodyChain(assetId: $id) { intact events brokenAtSequence } }`, { id: assetId })).verifyCustodyChain;
const count = async (table: string) => (await app.sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
const keyOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];

beforeAll(async () => {
  app = await startTestApp();
  const d = ok(await app.gql(`mutation {
    p: createPerson(input: { displayName: "Grace Hopper", email: "grace@example.com" }) { person { id } }
    p2: createPerson(input: { displayName: "Alan Turing" }) { person { id } }
    d: createDepartment(input: { name: "Research", code: "RES" }) { department { id } }
    v: createVendor(input: { name: "FixIt Ltd", roles: [SERVICE_PROVIDER] }) { vendor { id } }
    l: createLocation(input: { name: "Store A", kind: WAREHOUSE }) { location { id } }
    l2: createLocation(input: { name: "Store B", kind: WAREHOUSE }) { location { id } }
  }`));
  personId = d.p.person.id; person2Id = d.p2.person.id; deptId = d.d.department.id; vendorId = d.v.vendor.id;
  storeId = d.l.location.id; store2Id = d.l2.location.id;
});
afterAll(async () => app?.close());

describe('check-out, transfer, check-in', () => {
  test('a full round keeps status, custodian and chain in step', async () => {
    const id = await newAsset();
    const out = ok(await checkOut(id, { personId }, { expectedReturnOn: '2999-01-31', note: 'new starter' })).checkOutAsset;
    expect(out.userErrors).toEqual([]);
    expect(out.asset).toMatchObject({ status: 'IN_USE', version: 2, custodian: { __typename: 'Person', displayName: 'Grace Hopper' } });
    expect(out.custodyEvent).toMatchObject({ sequence: 1, type: 'CHECK_OUT', previousHash: null, actor: 'test-user', note: 'new starter', expectedReturnOn: '2999-01-31',
      from: { __typename: 'Location' }, to: { __typename: 'Person', displayName: 'Grace Hopper' } });
    expect(out.custodyEvent.hash).toMatch(/^[0-9a-f]{64}$/);

    const tr = ok(await transfer(id, { departmentId: deptId })).transferAsset;
    expect(tr.asset.custodian).toEqual({ __typename: 'Department', name: 'Research' });
    expect(tr.custodyEvent).toMatchObject({ sequence: 2, type: 'TRANSFER', previousHash: out.custodyEvent.hash, from: { __typename: 'Person' }, expectedReturnOn: '2999-01-31' });

    const back = ok(await checkIn(id, store2Id)).checkInAsset;
    expect(back.asset).toMatchObject({ status: 'IN_STOCK', custodian: null, version: 4 });
    expect(back.custodyEvent).toMatchObject({ sequence: 3, type: 'CHECK_IN', previousHash: tr.custodyEvent.hash, to: { __typename: 'Location', name: 'Store B' } });

    const q = ok(await app.gql(`query($id: ID!) { asset(id: $id) { location { name } custodyChain(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { sequence type } }
      all: custodyChain { nodes { sequence } } } }`, { id }));
    expect(q.asset.location.name).toBe('Store B');
    expect(q.asset.custodyChain.totalCount).toBe(3);
    expect(q.asset.custodyChain.nodes).toEqual([{ sequence: 3, type: 'CHECK_IN' }, { sequence: 2, type: 'TRANSFER' }]);
    expect(q.asset.custodyChain.pageInfo.hasNextPage).toBe(true);
    expect(q.asset.all.nodes.map((n: { sequence: number }) => n.sequence)).toEqual([3, 2, 1]);
    const next = ok(await app.gql(`query($id: ID!, $after: String) { asset(id: $id) { custodyChain(first: 2, after: $after) { pageInfo { hasNextPage } nodes { sequence } } } }`,
      { id, after: q.asset.custodyChain.pageInfo.endCursor }));
    expect(next.asset.custodyChain).toEqual({ pageInfo: { hasNextPage: false }, nodes: [{ sequence: 1 }] });
    expect(await verify(id)).toEqual({ intact: true, events: 3, brokenAtSequence: null });
  });

  test('custodianAt answers for any past instant', async () => {
    const id = await newAsset();
    const before = new Date(Date.now() - 1000).toISOString();
    await new Promise((r) => setTimeout(r, 20));
    ok(await checkOut(id, { personId }));
    await new Promise((r) => setTimeout(r, 20));
    const t1 = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    ok(await transfer(id, { personId: person2Id }));
    await new Promise((r) => setTimeout(r, 20));
    const t2 = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    ok(await checkIn(id, storeId));
    const q = ok(await app.gql(`query($id: ID!, $a: DateTime!, $b: DateTime!, $c: DateTime!, $d: DateTime!) { asset(id: $id) {
      a: custodianAt(at: $a) { ... on Person { displayName } } b: custodianAt(at: $b) { ... on Person { displayName } }
      c: custodianAt(at: $c) { ... on Person { displayName } } d: custodianAt(at: $d) { ... on Person { displayName } } } }`,
      { id, a: before, b: t1, c: t2, d: new Date(Date.now() + 60_000).toISOString() }));
    expect(q.asset).toEqual({ a: null, b: { displayName: 'Grace Hopper' }, c: { displayName: 'Alan Turing' }, d: null });
  });

  test('every holder type can receive an asset', async () => {
    for (const [to, typename] of [[{ departmentId: deptId }, 'Department'], [{ locationId: store2Id }, 'Location'], [{ vendorId }, 'Vendor'], [{ personId }, 'Person']] as const) {
      const id = await newAsset();
      const out = ok(await checkOut(id, to as Record<string, string>)).checkOutAsset;
      expect(out.asset.custodian.__typename).toBe(typename);
    }
  });

  test('Person.assets lists what a person holds', async () => {
    const p = ok(await app.gql('mutation { createPerson(input: { displayName: "Holder" }) { person { id } } }')).createPerson.person.id;
    const ids = [await newAsset('h1'), await newAsset('h2'), await newAsset('h3')];
    for (const id of ids) ok(await checkOut(id, { personId: p }));
    const q = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on Person { assets(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`, { id: p }));
    expect(q.node.assets.totalCount).toBe(3);
    expect(q.node.assets.nodes).toHaveLength(2);
    const q2 = ok(await app.gql(`query($id: ID!, $a: String) { node(id: $id) { ... on Person { assets(first: 2, after: $a) { pageInfo { hasNextPage } nodes { id } } } } }`,
      { id: p, a: q.node.assets.pageInfo.endCursor }));
    const all = [...q.node.assets.nodes, ...q2.node.assets.nodes].map((n: { id: string }) => n.id).sort();
    expect(all).toEqual([...ids].sort());
    const viewer = ok(await app.gql('{ viewer { person { assets { totalCount } } } }', {}, { roles: [Role.VIEWER], personId: p }));
    expect(viewer.viewer.person.assets.totalCount).toBe(3);
  });

  test('overdueCheckouts lists IN_USE assets past their return date, most overdue first', async () => {
    const a = await newAsset('late1');
    const b = await newAsset('late2');
    const c = await newAsset('on time');
    for (const id of [a, b, c]) ok(await checkOut(id, { personId }, { expectedReturnOn: '2999-12-31' }));
    await app.sql(`UPDATE asset SET expected_return_on = CURRENT_DATE - 10 WHERE id = $1`, [keyOf(a)]);
    await app.sql(`UPDATE asset SET expected_return_on = CURRENT_DATE - 20 WHERE id = $1`, [keyOf(b)]);
    const q = ok(await app.gql('{ overdueCheckouts(first: 10) { totalCount nodes { id } } }'));
    expect(q.overdueCheckouts.nodes.map((n: { id: string }) => n.id)).toEqual([b, a]);
    expect(q.overdueCheckouts.totalCount).toBe(2);
  });
});

describe('refusals change nothing', () => {
  test.each([
    ['no holder', {}, 'REQUIRED', ['input', 'to']],
    ['two holders', { personId: 'x', vendorId: 'y' }, 'INVALID', ['input', 'to']],
  ])('check-out with %s', async (_n, to, code, field) => {
    const id = await newAsset();
    const before = await count('custody_event');
    const r = ok(await checkOut(id, to as Record<string, string>)).checkOutAsset;
    expect(r.userErrors[0]).toMatchObject({ code, field });
    expect(await count('custody_event')).toBe(before);
  });

  test('a holder that does not exist, or is of the wrong type, is NOT_FOUND', async () => {
    const id = await newAsset();
    const r1 = ok(await checkOut(id, { personId: deptId })).checkOutAsset;
    expect(r1.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'to', 'personId'] });
    const r2 = ok(await checkOut(id, { locationId: 'garbage' })).checkOutAsset;
    expect(r2.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'to', 'locationId'] });
    const r3 = ok(await checkOut(personId, { personId })).checkOutAsset;
    expect(r3.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'assetId'] });
    expect((await app.sql('SELECT status FROM asset WHERE id = $1', [keyOf(id)]))[0].status).toBe('IN_STOCK');
  });

  test('only IN_STOCK can be checked out, only IN_USE checked in or transferred', async () => {
    const id = await newAsset();
    expect(ok(await checkIn(id, storeId)).checkInAsset.userErrors[0]).toMatchObject({ code: 'NOT_AVAILABLE' });
    expect(ok(await transfer(id, { personId })).transferAsset.userErrors[0]).toMatchObject({ code: 'NOT_AVAILABLE' });
    ok(await checkOut(id, { personId }));
    const again = ok(await checkOut(id, { personId: person2Id })).checkOutAsset;
    expect(again.userErrors[0]).toMatchObject({ code: 'NOT_AVAILABLE', field: ['input', 'assetId'] });
    expect(ok(await transfer(id, { personId })).transferAsset.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'to'] });
    expect(await verify(id)).toEqual({ intact: true, events: 1, brokenAtSequence: null });
  });

  test('a stale expectedVersion is CONFLICT', async () => {
    const id = await newAsset();
    const r = ok(await checkOut(id, { personId }, { expectedVersion: 7 })).checkOutAsset;
    expect(r.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'expectedVersion'] });
    expect(ok(await checkOut(id, { personId }, { expectedVersion: 1 })).checkOutAsset.userErrors).toEqual([]);
  });

  test('a return date in the past, or an over-long note, is INVALID', async () => {
    const id = await newAsset();
    expect(ok(await checkOut(id, { personId }, { expectedReturnOn: '2001-01-01' })).checkOutAsset.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'expectedReturnOn'] });
    expect(ok(await checkOut(id, { personId }, { note: 'x'.repeat(2001) })).checkOutAsset.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'note'] });
    expect((await app.sql('SELECT custody_sequence FROM asset WHERE id = $1', [keyOf(id)]))[0].custody_sequence).toBe(0);
  });

  test.each([Role.AUDITOR, Role.VIEWER])('%s may not check out', async (role) => {
    const id = await newAsset();
    const r = await checkOut(id, { personId }, {}, [role]);
    expect(r.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.sql('SELECT status FROM asset WHERE id = $1', [keyOf(id)]))[0].status).toBe('IN_STOCK');
  });
});

describe('lifecycle', () => {
  test('allowed moves record what they imply', async () => {
    const id = await newAsset();
    const m = ok(await changeStatus(id, 'IN_MAINTENANCE', 'screen')).changeAssetStatus;
    expect(m).toMatchObject({ userErrors: [], asset: { status: 'IN_MAINTENANCE' }, custodyEvent: null });
    ok(await changeStatus(id, 'IN_STOCK', 'fixed'));
    const lost = ok(await changeStatus(id, 'LOST', 'left on a train')).changeAssetStatus;
    expect(lost.custodyEvent).toMatchObject({ type: 'REPORTED_LOST', note: 'left on a train', sequence: 1 });
    const found = ok(await changeStatus(id, 'IN_STOCK', 'handed in')).changeAssetStatus;
    expect(found.custodyEvent).toMatchObject({ type: 'FOUND', sequence: 2 });
    const ret = ok(await changeStatus(id, 'RETIRED', 'old')).changeAssetStatus;
    expect(ret.asset.status).toBe('RETIRED');
    expect(await verify(id)).toEqual({ intact: true, events: 2, brokenAtSequence: null });
  });

  test('an asset in use keeps its holder through maintenance and a loss is recorded against the holder', async () => {
    const id = await newAsset();
    ok(await checkOut(id, { personId }));
    const m = ok(await changeStatus(id, 'IN_MAINTENANCE')).changeAssetStatus;
    expect(m.asset.custodian).toMatchObject({ displayName: 'Grace Hopper' });
    const back = ok(await changeStatus(id, 'IN_USE')).changeAssetStatus;
    expect(back.asset).toMatchObject({ status: 'IN_USE', custodian: { displayName: 'Grace Hopper' } });
    const lost = ok(await changeStatus(id, 'LOST')).changeAssetStatus;
    expect(lost.custodyEvent).toMatchObject({ type: 'REPORTED_LOST', from: { __typename: 'Person' } });
  });

  const moves: Array<[string[], string]> = [
    [[], 'IN_USE'], [[], 'DISPOSED'], [[], 'ORDERED'],
    [['RETIRED'], 'IN_STOCK'], [['RETIRED'], 'IN_MAINTENANCE'], [['RETIRED'], 'LOST'],
    [['LOST'], 'IN_MAINTENANCE'], [['IN_MAINTENANCE'], 'IN_USE'],
  ];
  test.each(moves)('after %j, a move to %s is INVALID_TRANSITION naming both states', async (path, to) => {
    const id = await newAsset();
    for (const s of path) ok(await changeStatus(id, s));
    const from = path.at(-1) ?? 'IN_STOCK';
    const before = await app.sql('SELECT status, version, custody_sequence FROM asset WHERE id = $1', [keyOf(id)]);
    const r = ok(await changeStatus(id, to)).changeAssetStatus;
    expect(r.userErrors[0].code).toBe('INVALID_TRANSITION');
    expect(r.userErrors[0].message).toContain(from);
    expect(r.userErrors[0].message).toContain(to);
    expect(await app.sql('SELECT status, version, custody_sequence FROM asset WHERE id = $1', [keyOf(id)])).toEqual(before);
  });

  test('plain updates go through the same gate', async () => {
    const id = await newAsset();
    const r = ok(await app.gql(`mutation($i: UpdateHardwareInput!) { updateHardware(input: $i) { asset { status } userErrors { code message } } }`, { i: { id, status: 'IN_USE' } })).updateHardware;
    expect(r.userErrors[0].code).toBe('INVALID_TRANSITION');
    const lost = ok(await app.gql(`mutation($i: UpdateHardwareInput!) { updateHardware(input: $i) { asset { status version custodyChain { nodes { type } } } userErrors { code } } }`, { i: { id, status: 'LOST' } })).updateHardware;
    expect(lost.asset).toMatchObject({ status: 'LOST', version: 2, custodyChain: { nodes: [{ type: 'REPORTED_LOST' }] } });
  });

  test('a reason is required', async () => {
    const id = await newAsset();
    expect(ok(await changeStatus(id, 'LOST', '  ')).changeAssetStatus.userErrors[0]).toMatchObject({ code: 'REQUIRED', field: ['input', 'reason'] });
  });
});

describe('races', () => {
  test('20 concurrent check-outs of one asset: exactly one wins, the chain stays intact', async () => {
    const id = await newAsset();
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      app.gql(`mutation($n: String!) { createPerson(input: { displayName: $n }) { person { id } } }`, { n: `racer ${i}` }).then((r) => ok(r).createPerson.person.id as string)));
    const results = await Promise.all(people.map((p) => checkOut(id, { personId: p })));
    const payloads = results.map((r) => ok(r).checkOutAsset);
    expect(payloads.filter((p) => p.userErrors.length === 0)).toHaveLength(1);
    expect(payloads.filter((p) => p.userErrors[0]?.code === 'NOT_AVAILABLE')).toHaveLength(19);
    expect(await verify(id)).toEqual({ intact: true, events: 1, brokenAtSequence: null });
  });

  test('check-ins racing check-outs keep the chain gap-free and intact', async () => {
    const id = await newAsset();
    ok(await checkOut(id, { personId }));
    const ops = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? checkIn(id, storeId) : checkOut(id, { personId: person2Id })));
    const res = (await Promise.all(ops)).map((r) => r.body);
    expect(res.every((b) => !b.errors)).toBe(true);
    const v = await verify(id);
    expect(v.intact).toBe(true);
    const succeeded = res.filter((b) => (b.data?.checkInAsset ?? b.data?.checkOutAsset).userErrors.length === 0).length;
    expect(v.events).toBe(1 + succeeded);
    const seqs = (await app.sql('SELECT sequence FROM custody_event WHERE asset_id = $1 ORDER BY sequence', [keyOf(id)])).map((r) => r.sequence);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });
});

describe('tamper evidence', () => {
  test('the database refuses UPDATE, DELETE and TRUNCATE of custody events', async () => {
    const id = await newAsset();
    ok(await checkOut(id, { personId }));
    await expect(app.sql(`UPDATE custody_event SET note = 'edited' WHERE asset_id = $1`, [keyOf(id)])).rejects.toThrow(/append-only/);
    await expect(app.sql(`DELETE FROM custody_event WHERE asset_id = $1`, [keyOf(id)])).rejects.toThrow(/append-only/);
    await expect(app.sql(`TRUNCATE custody_event CASCADE`)).rejects.toThrow(/append-only/);
    expect((await app.sql(`SELECT note FROM custody_event WHERE asset_id = $1`, [keyOf(id)]))[0].note).toBeNull();
  });

  test('a row altered behind the triggers\' back is reported at its sequence', async () => {
    const id = await newAsset();
    ok(await checkOut(id, { personId }));
    ok(await transfer(id, { personId: person2Id }));
    ok(await checkIn(id, storeId));
    expect(await verify(id)).toEqual({ intact: true, events: 3, brokenAtSequence: null });
    await app.sql('ALTER TABLE custody_event DISABLE TRIGGER USER');
    try {
      await app.sql(`UPDATE custody_event SET to_id = $2 WHERE asset_id = $1 AND sequence = 2`, [keyOf(id), keyOf(personId)]);
    } finally {
      await app.sql('ALTER TABLE custody_event ENABLE TRIGGER USER');
    }
    expect(await verify(id)).toEqual({ intact: false, events: 3, brokenAtSequence: 2 });
  });

  test('a deleted event is reported as a gap', async () => {
    const id = await newAsset();
    ok(await checkOut(id, { personId }));
    ok(await checkIn(id, storeId));
    await app.sql('ALTER TABLE custody_event DISABLE TRIGGER USER');
    try {
      await app.sql(`DELETE FROM custody_event WHERE asset_id = $1 AND sequence = 2`, [keyOf(id)]);
    } finally {
      await app.sql('ALTER TABLE custody_event ENABLE TRIGGER USER');
    }
    expect(await verify(id)).toEqual({ intact: false, events: 1, brokenAtSequence: 2 });
  });
});

describe('custodianId filter', () => {
  test('lists exactly the assets a holder has now', async () => {
    const p = ok(await app.gql('mutation { createPerson(input: { displayName: "Filter Holder" }) { person { id } } }')).createPerson.person.id;
    const held = [await newAsset('f1'), await newAsset('f2')];
    const returned = await newAsset('f3');
    for (const id of [...held, returned]) ok(await checkOut(id, { personId: p }));
    ok(await checkIn(returned, storeId));
    const q = ok(await app.gql('query($c: ID!) { assets(filter: { custodianId: $c }) { totalCount nodes { id } } }', { c: p }));
    expect(q.assets.totalCount).toBe(2);
    expect(q.assets.nodes.map((n: { id: string }) => n.id).sort()).toEqual([...held].sort());
    const forDept = await newAsset('f4');
    ok(await checkOut(forDept, { departmentId: deptId }));
    const d = ok(await app.gql('query($c: ID!) { assets(filter: { custodianId: $c }, first: 100) { totalCount nodes { id } } }', { c: deptId }));
    const expected = (await app.sql(`SELECT count(*)::int AS n FROM asset WHERE custodian_type = 'DEPARTMENT' AND custodian_id = $1`, [keyOf(deptId)]))[0].n;
    expect(expected).toBeGreaterThan(0);
    expect(d.assets.totalCount).toBe(expected);
    expect(d.assets.nodes.map((n: { id: string }) => n.id)).toContain(forDept);
    const bad = await app.gql('query($c: ID!) { assets(filter: { custodianId: $c }) { totalCount } }', { c: held[0] });
    expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
