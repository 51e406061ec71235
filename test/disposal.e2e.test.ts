import { ok, Role, startTestApp, type TestApp } from './support/test-app';
import { DATA_BEARING_SQL } from '../src/modules/assets/asset.filter';

let app: TestApp;
let personId: string;
let storeId: string;
let recyclerId: string;
let supplierId: string;
let buyerId: string;

const EVENT = `id sequence type note actor previousHash from { __typename ... on Location { id name } ... on Person { id } } to { __typename ... on Vendor { id name } }`;
const DISPOSAL = `id method disposedOn vendor { id name } vendorCertifications recordedAt recordedBy note certificateOfDisposalNumber
  dataSanitization { method technique performedAt performedBy verifiedBy certificateNumber } recoveredValue { amount currency } asset { id }`;
const ASSET = `id status version custodian { __typename ... on Vendor { id name } ... on Person { id } ... on Location { id } }`;
const PAYLOAD = `asset { ${ASSET} } disposal { ${DISPOSAL} } custodyEvent { ${EVENT} } userErrors { field code message }`;

const toGid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64url');
const keyOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
const count = async (table: string) => (await app.sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
const daysFromToday = (n: number) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const today = () => daysFromToday(0);
const verify = async (assetId: string) => ok(await app.gql(`query($id: ID!) { verifyCustodyChain(assetId: $id) { intact events brokenAtSequence } }`, { id: assetId })).verifyCustodyChain;

const dispose = (i: Record<string, unknown>, roles?: Role[]) => app.gql(`mutation($i: DisposeAssetInput!) { disposeAsset(input: $i) { ${PAYLOAD} } }`, { i }, { roles });

async function disposeOk(i: Record<string, unknown>) {
  const d = ok(await dispose(i)).disposeAsset;
  expect(d.userErrors).toEqual([]);
  return d;
}

async function create(mutation: string, input: Record<string, unknown>): Promise<string> {
  const d = ok(await app.gql(`mutation($i: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $i) { asset { id } userErrors { field code message } } }`, { i: input }));
  expect(d[mutation].userErrors).toEqual([]);
  return d[mutation].asset.id;
}

const newHardware = (name = 'Laptop', extra: Record<string, unknown> = {}) => create('createHardware', { name, category: 'LAPTOP', locationId: storeId, ...extra });

async function changeStatus(assetId: string, status: string) {
  const d = ok(await app.gql(`mutation($i: ChangeAssetStatusInput!) { changeAssetStatus(input: $i) { asset { status } userErrors { code message } } }`, { i: { assetId, status, reason: 'test' } }));
  expect(d.changeAssetStatus.userErrors).toEqual([]);
}

async function retired(name = 'Laptop', extra: Record<string, unknown> = {}): Promise<string> {
  const id = await newHardware(name, extra);
  await changeStatus(id, 'RETIRED');
  return id;
}

const SANITIZED = { method: 'PURGE', technique: 'CRYPTOGRAPHIC_ERASE', performedBy: 'IT Ops' };

/** What a refusal must leave as it was: every disposal and custody event, and the asset row. */
async function snapshot(assetId: string) {
  return {
    disposals: await count('disposal'),
    events: await count('custody_event'),
    seatsReleased: (await app.sql('SELECT count(*)::int AS n FROM license_seat WHERE released_at IS NOT NULL'))[0].n,
    asset: (await app.sql('SELECT status, version, custodian_type, custodian_id, custody_sequence FROM asset WHERE id = $1', [keyOf(assetId)]))[0],
  };
}

beforeAll(async () => {
  app = await startTestApp();
  const d = ok(await app.gql(`mutation {
    p: createPerson(input: { displayName: "Grace Hopper" }) { person { id } }
    l: createLocation(input: { name: "IT Store", kind: WAREHOUSE }) { location { id } }
    r: createVendor(input: { name: "GreenCycle", roles: [RECYCLER], certifications: [R2, E_STEWARDS] }) { vendor { id } }
    s: createVendor(input: { name: "Box Shop", roles: [SUPPLIER], certifications: [ISO_9001] }) { vendor { id } }
    b: createVendor(input: { name: "Second Life Resale", roles: [SUPPLIER] }) { vendor { id } }
  }`));
  personId = d.p.person.id; storeId = d.l.location.id; recyclerId = d.r.vendor.id; supplierId = d.s.vendor.id; buyerId = d.b.vendor.id;
});
afterAll(async () => app?.close());

describe('disposeAsset', () => {
  test('a data-bearing laptop, sanitised, goes to a certified recycler', async () => {
    const id = await newHardware('Old laptop');
    ok(await app.gql(`mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { userErrors { code } } }`, { i: { assetId: id, to: { personId } } }));
    ok(await app.gql(`mutation($i: CheckInAssetInput!) { checkInAsset(input: $i) { userErrors { code } } }`, { i: { assetId: id, locationId: storeId } }));
    await changeStatus(id, 'RETIRED');
    const before = (await app.sql('SELECT version, custody_sequence FROM asset WHERE id = $1', [keyOf(id)]))[0];
    expect(before.custody_sequence).toBe(2);
    const performedAt = new Date(Date.now() - 3600_000).toISOString();
    const r = await disposeOk({
      assetId: id, method: 'RECYCLE', disposedOn: today(), vendorId: recyclerId, expectedVersion: before.version,
      dataSanitization: { ...SANITIZED, performedAt, verifiedBy: ' Security team ', certificateNumber: 'SAN-0042' },
      recoveredValue: { amount: '25.50', currency: 'EUR' }, certificateOfDisposalNumber: ' COD-2026-001 ', note: 'Collected by van',
    });
    expect(r.asset).toMatchObject({ id, status: 'DISPOSED', version: before.version + 1, custodian: { __typename: 'Vendor', id: recyclerId, name: 'GreenCycle' } });
    expect(r.custodyEvent).toMatchObject({
      sequence: 3, type: 'DISPOSAL_HANDOFF', note: 'Collected by van', actor: 'test-user',
      from: { __typename: 'Location', id: storeId }, to: { __typename: 'Vendor', id: recyclerId },
    });
    expect(r.disposal).toEqual({
      id: toGid('Disposal', keyOf(id)), method: 'RECYCLE', disposedOn: today(), vendor: { id: recyclerId, name: 'GreenCycle' }, vendorCertifications: ['R2', 'E_STEWARDS'],
      recordedAt: expect.any(String), recordedBy: 'test-user', note: 'Collected by van', certificateOfDisposalNumber: 'COD-2026-001',
      dataSanitization: { method: 'PURGE', technique: 'CRYPTOGRAPHIC_ERASE', performedAt, performedBy: 'IT Ops', verifiedBy: 'Security team', certificateNumber: 'SAN-0042' },
      recoveredValue: { amount: '25.50', currency: 'EUR' }, asset: { id },
    });

    // Read back through the asset and through node(id).
    const q = ok(await app.gql(`query($id: ID!, $d: ID!) { asset(id: $id) { status disposal { ${DISPOSAL} } custodyChain(first: 1) { nodes { type } } }
      node(id: $d) { __typename ... on Disposal { method asset { id } } } }`, { id, d: r.disposal.id }));
    expect(q.asset.disposal).toEqual(r.disposal);
    expect(q.asset.custodyChain.nodes).toEqual([{ type: 'DISPOSAL_HANDOFF' }]);
    expect(q.node).toEqual({ __typename: 'Disposal', method: 'RECYCLE', asset: { id } });

    // The chain after the hand-over is intact and the vendor is the custodian.
    expect(await verify(id)).toEqual({ intact: true, events: 3, brokenAtSequence: null });
    const held = ok(await app.gql('query($c: ID!) { assets(filter: { custodianId: $c }, first: 100) { nodes { id } } }', { c: recyclerId }));
    expect(held.assets.nodes.map((n: { id: string }) => n.id)).toContain(id);
    expect((await app.sql('SELECT custodian_type, custodian_id, status FROM asset WHERE id = $1', [keyOf(id)]))[0])
      .toEqual({ custodian_type: 'VENDOR', custodian_id: keyOf(recyclerId), status: 'DISPOSED' });
  });

  test('a monitor (not data-bearing) is donated without a vendor: no custody event, no custodian', async () => {
    const id = await retired('Old monitor', { category: 'MONITOR' });
    const events = await count('custody_event');
    const r = await disposeOk({ assetId: id, method: 'DONATION', disposedOn: daysFromToday(-2), note: '  To the village school  ' });
    expect(r.asset).toMatchObject({ status: 'DISPOSED', custodian: null });
    expect(r.custodyEvent).toBeNull();
    expect(r.disposal).toMatchObject({
      method: 'DONATION', disposedOn: daysFromToday(-2), vendor: null, vendorCertifications: [], dataSanitization: null, recoveredValue: null, certificateOfDisposalNumber: null,
      note: 'To the village school',
    });
    expect(await count('custody_event')).toBe(events);
    expect(ok(await app.gql('query($id: ID!) { asset(id: $id) { disposal { method } } }', { id })).asset.disposal).toEqual({ method: 'DONATION' });
  });

  test('an asset that is not disposed has no disposal', async () => {
    const id = await newHardware();
    expect(ok(await app.gql('query($id: ID!) { asset(id: $id) { disposal { method } } }', { id })).asset.disposal).toBeNull();
  });

  test('a vendor that is not a recycler can take an asset by another method, e.g. a resale', async () => {
    const id = await retired('Resold desktop', { category: 'DESKTOP' });
    const r = await disposeOk({ assetId: id, method: 'RESALE', disposedOn: today(), vendorId: buyerId, dataSanitization: { method: 'CLEAR', technique: 'OVERWRITE', performedBy: 'IT' },
      recoveredValue: { amount: '120', currency: 'USD' } });
    expect(r.disposal).toMatchObject({ vendor: { id: buyerId }, vendorCertifications: [], recoveredValue: { amount: '120.00', currency: 'USD' } });
    expect(r.custodyEvent).toMatchObject({ type: 'DISPOSAL_HANDOFF', to: { __typename: 'Vendor', id: buyerId } });
  });

  test('the vendor\'s certifications are kept as they were at disposal', async () => {
    const v = ok(await app.gql(`mutation { createVendor(input: { name: "ShredCo", roles: [RECYCLER], certifications: [R2, E_STEWARDS] }) { vendor { id version } } }`)).createVendor.vendor;
    const id = await retired('Server', { category: 'SERVER' });
    await disposeOk({ assetId: id, method: 'DESTRUCTION', disposedOn: today(), vendorId: v.id, dataSanitization: { method: 'DESTROY', technique: 'SHRED', performedBy: 'ShredCo' } });
    const u = ok(await app.gql(`mutation($i: UpdateVendorInput!) { updateVendor(input: $i) { vendor { certifications } userErrors { code } } }`,
      { i: { id: v.id, certifications: ['NAID_AAA'] } })).updateVendor;
    expect(u).toEqual({ vendor: { certifications: ['NAID_AAA'] }, userErrors: [] });
    const q = ok(await app.gql('query($id: ID!) { asset(id: $id) { disposal { vendorCertifications vendor { certifications } } } }', { id }));
    expect(q.asset.disposal).toEqual({ vendorCertifications: ['R2', 'E_STEWARDS'], vendor: { certifications: ['NAID_AAA'] } });
  });

  test('a device holding a licence seat gives it back on disposal', async () => {
    const lic = await create('createSoftwareLicense', { name: 'CAD seats', product: 'CAD', licenseType: 'PERPETUAL', metric: 'PER_DEVICE', seatsTotal: 5 });
    const id = await retired('Workstation', { category: 'DESKTOP' });
    const other = await newHardware('Other workstation', { category: 'DESKTOP' });
    // Seats are inserted directly so that the test does not depend on how assignment treats a retired device.
    const [seat] = await app.sql(`INSERT INTO license_seat (license_id, assignee_type, asset_id, assigned_by) VALUES ($1, 'ASSET', $2, 'setup') RETURNING id`, [keyOf(lic), keyOf(id)]);
    const [kept] = await app.sql(`INSERT INTO license_seat (license_id, assignee_type, asset_id, assigned_by) VALUES ($1, 'ASSET', $2, 'setup') RETURNING id`, [keyOf(lic), keyOf(other)]);
    await disposeOk({ assetId: id, method: 'DONATION', disposedOn: today(), dataSanitization: { method: 'CLEAR', technique: 'FACTORY_RESET', performedBy: 'IT' } });
    const [released] = await app.sql('SELECT released_at, released_by, release_reason FROM license_seat WHERE id = $1', [seat.id]);
    expect(released).toEqual({ released_at: expect.any(Date), released_by: 'test-user', release_reason: 'disposed' });
    expect((await app.sql('SELECT released_at FROM license_seat WHERE id = $1', [kept.id]))[0].released_at).toBeNull();
  });
});

describe('refusals change nothing', () => {
  test.each([
    ['IN_STOCK', []],
    ['IN_MAINTENANCE', ['IN_MAINTENANCE']],
    ['LOST', ['LOST']],
  ])('a %s asset is INVALID_TRANSITION', async (status, path) => {
    const id = await newHardware(`not retired ${status}`);
    for (const s of path) await changeStatus(id, s);
    const before = await snapshot(id);
    const r = ok(await dispose({ assetId: id, method: 'DONATION', disposedOn: today(), dataSanitization: SANITIZED })).disposeAsset;
    expect(r).toMatchObject({ asset: null, disposal: null, custodyEvent: null });
    expect(r.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'assetId'] })]);
    expect(r.userErrors[0].message).toContain(status);
    expect(r.userErrors[0].message).toContain('RETIRED');
    expect(await snapshot(id)).toEqual(before);
  });

  test('an IN_USE asset is INVALID_TRANSITION', async () => {
    const id = await newHardware('in use');
    ok(await app.gql(`mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { userErrors { code } } }`, { i: { assetId: id, to: { personId } } }));
    const before = await snapshot(id);
    const r = ok(await dispose({ assetId: id, method: 'DONATION', disposedOn: today(), dataSanitization: SANITIZED })).disposeAsset;
    expect(r.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', field: ['input', 'assetId'] });
    expect(await snapshot(id)).toEqual(before);
  });

  test('an already DISPOSED asset is INVALID_TRANSITION: DISPOSED is final', async () => {
    const id = await retired('twice');
    await disposeOk({ assetId: id, method: 'RECYCLE', disposedOn: today(), vendorId: recyclerId, dataSanitization: SANITIZED });
    const before = await snapshot(id);
    const r = ok(await dispose({ assetId: id, method: 'RECYCLE', disposedOn: today(), vendorId: recyclerId, dataSanitization: SANITIZED })).disposeAsset;
    expect(r.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', field: ['input', 'assetId'] });
    expect(r.userErrors[0].message).toMatch(/DISPOSED.*final/);
    expect(await snapshot(id)).toEqual(before);
  });

  const long = (n: number) => 'x'.repeat(n);
  // Thunks: the IDs of beforeAll exist only when a case runs.
  const cases: Array<[string, string, string[], () => Record<string, unknown>]> = [
    ['no sanitisation for a data-bearing laptop', 'SANITIZATION_REQUIRED', ['input', 'dataSanitization'], () => ({ dataSanitization: null })],
    ['a DESTROY technique under CLEAR', 'INVALID', ['input', 'dataSanitization', 'technique'], () => ({ dataSanitization: { method: 'CLEAR', technique: 'SHRED', performedBy: 'IT' } })],
    ['a CLEAR technique under PURGE', 'INVALID', ['input', 'dataSanitization', 'technique'], () => ({ dataSanitization: { method: 'PURGE', technique: 'OVERWRITE', performedBy: 'IT' } })],
    ['performedAt in the future', 'INVALID', ['input', 'dataSanitization', 'performedAt'], () => ({ dataSanitization: { ...SANITIZED, performedAt: new Date(Date.now() + 3600_000).toISOString() } })],
    ['disposedOn in the future', 'INVALID', ['input', 'disposedOn'], () => ({ disposedOn: daysFromToday(3) })],
    ['a blank performedBy', 'REQUIRED', ['input', 'dataSanitization', 'performedBy'], () => ({ dataSanitization: { ...SANITIZED, performedBy: '   ' } })],
    ['an over-long performedBy', 'INVALID', ['input', 'dataSanitization', 'performedBy'], () => ({ dataSanitization: { ...SANITIZED, performedBy: long(201) } })],
    ['an over-long verifiedBy', 'INVALID', ['input', 'dataSanitization', 'verifiedBy'], () => ({ dataSanitization: { ...SANITIZED, verifiedBy: long(201) } })],
    ['an over-long sanitisation certificate number', 'INVALID', ['input', 'dataSanitization', 'certificateNumber'], () => ({ dataSanitization: { ...SANITIZED, certificateNumber: long(101) } })],
    ['an over-long certificate of disposal number', 'INVALID', ['input', 'certificateOfDisposalNumber'], () => ({ certificateOfDisposalNumber: long(101) })],
    ['an over-long note', 'INVALID', ['input', 'note'], () => ({ vendorId: recyclerId, note: long(2001) })],
    ['RECYCLE without a vendor', 'REQUIRED', ['input', 'vendorId'], () => ({ method: 'RECYCLE' })],
    ['RECYCLE through a vendor that is not a recycler', 'INVALID', ['input', 'vendorId'], () => ({ method: 'RECYCLE', vendorId: supplierId })],
    ['a vendorId that is a Person', 'NOT_FOUND', ['input', 'vendorId'], () => ({ vendorId: personId })],
    ['a vendorId that is garbage', 'NOT_FOUND', ['input', 'vendorId'], () => ({ vendorId: 'garbage' })],
    ['a vendorId of no vendor', 'NOT_FOUND', ['input', 'vendorId'], () => ({ vendorId: toGid('Vendor', '00000000-0000-4000-8000-000000000000') })],
    ['a negative recovered value', 'INVALID', ['input', 'recoveredValue', 'amount'], () => ({ recoveredValue: { amount: '-5.00', currency: 'EUR' } })],
    ['a recovered value with three decimals', 'INVALID', ['input', 'recoveredValue', 'amount'], () => ({ recoveredValue: { amount: '5.001', currency: 'EUR' } })],
    ['a lower-case currency', 'INVALID', ['input', 'recoveredValue', 'currency'], () => ({ recoveredValue: { amount: '5.00', currency: 'eur' } })],
    ['an unknown currency', 'INVALID', ['input', 'recoveredValue', 'currency'], () => ({ recoveredValue: { amount: '5.00', currency: 'XQZ' } })],
    ['a stale expectedVersion', 'CONFLICT', ['input', 'expectedVersion'], () => ({ expectedVersion: 1 })],
    ['an assetId that is a Person', 'NOT_FOUND', ['input', 'assetId'], () => ({ assetId: personId })],
  ];

  test.each(cases)('%s is %s', async (_name, code, field, change) => {
    const id = await retired('refused');
    const input: Record<string, unknown> = { assetId: id, method: 'DONATION', disposedOn: today(), dataSanitization: SANITIZED };
    Object.assign(input, change());
    const before = await snapshot(id);
    const r = ok(await dispose(input)).disposeAsset;
    expect(r).toMatchObject({ asset: null, disposal: null, custodyEvent: null });
    expect(r.userErrors).toContainEqual(expect.objectContaining({ code, field }));
    expect(await snapshot(id)).toEqual(before);
    // The same asset is disposable once the input is right: the refusal left nothing behind.
    await disposeOk({ assetId: id, method: 'DONATION', disposedOn: today(), dataSanitization: SANITIZED });
  });

  test('disposedOn today and performedAt within a minute of now are accepted', async () => {
    const id = await retired('clock skew');
    await disposeOk({ assetId: id, method: 'DONATION', disposedOn: today(), dataSanitization: { ...SANITIZED, performedAt: new Date(Date.now() + 60_000).toISOString() } });
  });

  test('a malformed disposedOn or an unknown method is a GraphQL-level BAD_USER_INPUT', async () => {
    const id = await retired('bad graphql input');
    const before = await snapshot(id);
    for (const i of [{ disposedOn: '2025-02-30' }, { method: 'BURY' }, { dataSanitization: { method: 'WIPE', performedBy: 'IT' } }]) {
      const res = await dispose({ assetId: id, method: 'DONATION', disposedOn: today(), dataSanitization: SANITIZED, ...i });
      expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await snapshot(id)).toEqual(before);
  });
});

describe('data-bearing assets', () => {
  const kinds: Array<[string, boolean, string, Record<string, unknown>]> = [
    ['a data-bearing Hardware', true, 'createHardware', { category: 'MONITOR', dataBearing: true }],
    ['a laptop (data-bearing by default)', true, 'createHardware', { category: 'LAPTOP' }],
    ['a NetworkDevice', true, 'createNetworkDevice', { deviceType: 'SWITCH' }],
    ['a VirtualMachine', true, 'createVirtualMachine', { hypervisor: 'KVM', vcpus: 2, memoryMib: 2048 }],
    ['a DataAsset', true, 'createDataAsset', { classification: 'CONFIDENTIAL', dataCategory: 'DATABASE' }],
    ['an IAAS CloudResource', true, 'createCloudResource', { provider: 'AWS', serviceModel: 'IAAS', resourceType: 'ec2:instance' }],
    ['a PAAS CloudResource', true, 'createCloudResource', { provider: 'GCP', serviceModel: 'PAAS', resourceType: 'cloudsql' }],
    ['a SAAS CloudResource', false, 'createCloudResource', { provider: 'AZURE', serviceModel: 'SAAS', resourceType: 'M365' }],
    ['a Hardware that is not data-bearing', false, 'createHardware', { category: 'LAPTOP', dataBearing: false }],
    ['a monitor (not data-bearing by default)', false, 'createHardware', { category: 'MONITOR' }],
    ['a Certificate', false, 'createCertificate', { commonName: 'old.example.com', notAfter: '2030-01-01T00:00:00Z' }],
    ['a SoftwareLicense', false, 'createSoftwareLicense', { product: 'Old IDE', licenseType: 'PERPETUAL', metric: 'PER_USER', seatsTotal: 1 }],
  ];

  test.each(kinds)('%s: sanitisation required = %s', async (name, required, mutation, fields) => {
    const id = await create(mutation, { name, ...fields });
    await changeStatus(id, 'RETIRED');
    // The rule agrees with the SQL one behind the `dataBearing` filter.
    expect((await app.sql(`SELECT (${DATA_BEARING_SQL}) AS b FROM asset WHERE id = $1`, [keyOf(id)]))[0].b).toBe(required);
    const before = await snapshot(id);
    const r = ok(await dispose({ assetId: id, method: 'DESTRUCTION', disposedOn: today() })).disposeAsset;
    if (required) {
      expect(r.userErrors).toEqual([expect.objectContaining({ code: 'SANITIZATION_REQUIRED', field: ['input', 'dataSanitization'] })]);
      expect(await snapshot(id)).toEqual(before);
      const fixed = await disposeOk({ assetId: id, method: 'DESTRUCTION', disposedOn: today(), dataSanitization: { method: 'DESTROY', technique: 'PULVERIZE', performedBy: 'IT' } });
      expect(fixed.disposal.dataSanitization).toMatchObject({ method: 'DESTROY', technique: 'PULVERIZE' });
    } else {
      expect(r.userErrors).toEqual([]);
      expect(r.asset.status).toBe('DISPOSED');
    }
  });
});

describe('after disposal', () => {
  test('the asset refuses updates, status changes and check-outs', async () => {
    const id = await retired('final');
    await disposeOk({ assetId: id, method: 'RECYCLE', disposedOn: today(), vendorId: recyclerId, dataSanitization: SANITIZED });
    const row = async () => (await app.sql('SELECT name, status, version, custody_sequence, custodian_type, custodian_id FROM asset WHERE id = $1', [keyOf(id)]))[0];
    const before = await row();
    const events = await count('custody_event');

    const u = ok(await app.gql(`mutation($i: UpdateHardwareInput!) { updateHardware(input: $i) { asset { id } userErrors { code message } } }`, { i: { id, name: 'renamed' } })).updateHardware;
    expect(u.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('DISPOSED') });
    for (const status of ['IN_STOCK', 'RETIRED', 'LOST']) {
      const s = ok(await app.gql(`mutation($i: ChangeAssetStatusInput!) { changeAssetStatus(input: $i) { asset { id } userErrors { code message } } }`,
        { i: { assetId: id, status, reason: 'undo' } })).changeAssetStatus;
      expect(s.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('DISPOSED') });
    }
    const c = ok(await app.gql(`mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { asset { id } userErrors { code message } } }`,
      { i: { assetId: id, to: { personId } } })).checkOutAsset;
    expect(c.asset).toBeNull();
    expect(c.userErrors[0].code).toMatch(/NOT_AVAILABLE|INVALID_TRANSITION/);

    expect(await row()).toEqual(before);
    expect(await count('custody_event')).toBe(events);
    expect(await verify(id)).toMatchObject({ intact: true });
  });

  test('the database refuses UPDATE, DELETE and TRUNCATE of disposal records', async () => {
    const id = await retired('evidence');
    await disposeOk({ assetId: id, method: 'RECYCLE', disposedOn: today(), vendorId: recyclerId, dataSanitization: SANITIZED, recoveredValue: { amount: '10.00', currency: 'EUR' } });
    await expect(app.sql(`UPDATE disposal SET recovered_value = 9999 WHERE asset_id = $1`, [keyOf(id)])).rejects.toThrow(/append-only/);
    await expect(app.sql(`DELETE FROM disposal WHERE asset_id = $1`, [keyOf(id)])).rejects.toThrow(/append-only/);
    await expect(app.sql(`TRUNCATE disposal`)).rejects.toThrow(/append-only/);
    expect((await app.sql('SELECT recovered_value FROM disposal WHERE asset_id = $1', [keyOf(id)]))[0].recovered_value).toBe('10.00');
  });
});

describe('permissions', () => {
  test.each([Role.AUDITOR, Role.VIEWER])('%s may not dispose: FORBIDDEN, nothing written', async (role) => {
    const id = await retired(`forbidden ${role}`);
    const before = await snapshot(id);
    const r = await dispose({ assetId: id, method: 'RECYCLE', disposedOn: today(), vendorId: recyclerId, dataSanitization: SANITIZED }, [role]);
    expect(r.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot(id)).toEqual(before);
  });

  test('ASSET_MANAGER may dispose', async () => {
    const id = await retired('by manager');
    const r = ok(await dispose({ assetId: id, method: 'DONATION', disposedOn: today(), dataSanitization: SANITIZED }, [Role.ASSET_MANAGER])).disposeAsset;
    expect(r.userErrors).toEqual([]);
  });

  test('a VIEWER reads the disposal but not the recovered value; an AUDITOR reads both', async () => {
    const id = await retired('money');
    await disposeOk({ assetId: id, method: 'RESALE', disposedOn: today(), vendorId: buyerId, dataSanitization: SANITIZED, recoveredValue: { amount: '300.00', currency: 'GBP' } });
    const Q = `query($id: ID!) { asset(id: $id) { id disposal { method vendor { name } recoveredValue { amount currency } } } }`;
    const v = await app.gql(Q, { id }, { roles: [Role.VIEWER] });
    expect(v.status).toBe(200);
    expect(v.data.asset).toEqual({ id, disposal: { method: 'RESALE', vendor: { name: 'Second Life Resale' }, recoveredValue: null } });
    expect(v.body.errors).toEqual([expect.objectContaining({ path: ['asset', 'disposal', 'recoveredValue'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    const a = ok(await app.gql(Q, { id }, { roles: [Role.AUDITOR] }));
    expect(a.asset.disposal.recoveredValue).toEqual({ amount: '300.00', currency: 'GBP' });
  });
});

describe('races', () => {
  test.each([1, 2, 3])('two concurrent disposals of one asset (round %i): exactly one wins', async () => {
    const id = await retired('raced');
    const [a, b] = await Promise.all([
      dispose({ assetId: id, method: 'RECYCLE', disposedOn: today(), vendorId: recyclerId, dataSanitization: SANITIZED }),
      dispose({ assetId: id, method: 'RESALE', disposedOn: today(), vendorId: buyerId, dataSanitization: SANITIZED }),
    ]);
    const payloads = [ok(a).disposeAsset, ok(b).disposeAsset];
    const winners = payloads.filter((p) => p.userErrors.length === 0);
    const losers = payloads.filter((p) => p.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', field: ['input', 'assetId'] });
    expect(await app.sql('SELECT method FROM disposal WHERE asset_id = $1', [keyOf(id)])).toEqual([{ method: winners[0].disposal.method }]);
    expect(await app.sql(`SELECT type FROM custody_event WHERE asset_id = $1 AND type = 'DISPOSAL_HANDOFF'`, [keyOf(id)])).toHaveLength(1);
    expect(await verify(id)).toMatchObject({ intact: true });
    const [row] = await app.sql('SELECT custodian_id FROM asset WHERE id = $1', [keyOf(id)]);
    expect(row.custodian_id).toBe(keyOf(winners[0].disposal.vendor.id));
  });
});

describe('batching', () => {
  test('a page of disposed assets with their disposals costs the same statements for 2 and for 8 of them', async () => {
    const tag = 'disposal-batch';
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const id = await retired(`batch ${i}`, { tags: [tag] });
      await disposeOk({ assetId: id, method: 'RECYCLE', disposedOn: today(), vendorId: recyclerId, dataSanitization: SANITIZED, recoveredValue: { amount: `${i}.00`, currency: 'EUR' } });
      ids.push(id);
    }
    const Q = `query($first: Int!, $tag: String!) { assets(first: $first, filter: { tags: [$tag] }) { nodes { id disposal { method vendor { name } recoveredValue { amount } dataSanitization { method } } } } }`;
    const counts: Record<number, number> = {};
    for (const first of [2, 8]) {
      const res = await app.gql(Q, { first, tag });
      const data = ok(res);
      expect(data.assets.nodes).toHaveLength(first);
      for (const n of data.assets.nodes) expect(n.disposal).toMatchObject({ method: 'RECYCLE', vendor: { name: 'GreenCycle' }, dataSanitization: { method: 'PURGE' } });
      counts[first] = Number(res.headers['x-sql-statements']);
    }
    expect(counts[2]).toBeGreaterThan(0);
    expect(counts[8]).toBe(counts[2]);
  });
});
