import { ok, startTestApp, type TestApp } from './support/test-app';

/**
 * DISPOSED is final for every mutation, and the smaller holes a review found
 * around it: each path is tried against a disposed asset and must change nothing.
 */
let app: TestApp;
const ids: Record<string, string> = {};
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const keyOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
const gid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64url');

/** Row counts of everything a mutation could write, and the asset's version, in one statement. */
async function snapshot(assetId: string) {
  const [row] = await app.sql(`SELECT
      (SELECT version FROM asset WHERE id = $1) AS version,
      (SELECT count(*)::int FROM custody_event) AS events, (SELECT count(*)::int FROM contract_asset) AS links,
      (SELECT count(*)::int FROM maintenance_record) AS maint, (SELECT string_agg(status || coalesce(cost::text, ''), ',' ORDER BY id) FROM maintenance_record) AS maint_state,
      (SELECT count(*)::int FROM license_seat) AS seats, (SELECT count(*)::int FROM physical_audit) AS audits,
      (SELECT count(*)::int FROM disposal) AS disposals, (SELECT count(*)::int FROM asset) AS assets,
      (SELECT count(*)::int FROM audit_entry) AS log`, [keyOf(assetId)]);
  return row;
}

beforeAll(async () => {
  app = await startTestApp();
  const d = ok(await app.gql(`mutation {
    l: createLocation(input: { name: "Yard", kind: WAREHOUSE }) { location { id } }
    l2: createLocation(input: { name: "Shed", kind: WAREHOUSE }) { location { id } }
    p: createPerson(input: { displayName: "Pat" }) { person { id } }
    v: createVendor(input: { name: "Buyer", roles: [SUPPLIER] }) { vendor { id } }
    hw: createHardware(input: { name: "Gone monitor", category: MONITOR }) { asset { id } }
    lic: createSoftwareLicense(input: { name: "Per device", product: "P", licenseType: PERPETUAL, metric: PER_DEVICE, seatsTotal: 5 }) { asset { id } }
    lic2: createSoftwareLicense(input: { name: "Gone licence", product: "Q", licenseType: PERPETUAL, metric: PER_USER, seatsTotal: 5 }) { asset { id } }
  }`));
  Object.assign(ids, { loc: d.l.location.id, loc2: d.l2.location.id, person: d.p.person.id, vendor: d.v.vendor.id, hw: d.hw.asset.id, lic: d.lic.asset.id, lic2: d.lic2.asset.id });
  const c = ok(await app.gql(`mutation($v: ID!, $hw: ID!) {
    c: createContract(input: { contractNumber: "C-1", title: "Lease", type: LEASE, vendorId: $v, startsOn: "2026-01-01", endsOn: "2028-01-01" }) { contract { id } }
    s: recordMaintenance(input: { assetId: $hw, type: INSPECTION, scheduledOn: "${inDays(30)}" }) { maintenanceRecord { id } userErrors { message } }
  }`, { v: ids.vendor, hw: ids.hw }));
  ids.contract = c.c.contract.id;
  ids.scheduled = c.s.maintenanceRecord.id;
  ok(await app.gql('mutation($c: ID!, $a: [ID!]!) { linkContractAssets(input: { contractId: $c, assetIds: $a }) { userErrors { message } } }', { c: ids.contract, a: [ids.hw] }));
  const p = ok(await app.gql('mutation($hw: ID!) { recordMaintenance(input: { assetId: $hw, type: REPAIR, startNow: true }) { maintenanceRecord { id } userErrors { message } } }', { hw: ids.hw }));
  ids.inProgress = p.recordMaintenance.maintenanceRecord.id;
  for (const [asset, licence] of [[ids.hw, ids.lic2]]) {
    ok(await app.gql('mutation($a: ID!) { changeAssetStatus(input: { assetId: $a, status: RETIRED, reason: "end of life" }) { userErrors { message } } }', { a: asset }));
    ok(await app.gql('mutation($a: ID!) { changeAssetStatus(input: { assetId: $a, status: RETIRED, reason: "end of life" }) { userErrors { message } } }', { a: licence }));
  }
  for (const a of [ids.hw, ids.lic2]) {
    const r = ok(await app.gql('mutation($a: ID!, $d: Date!) { disposeAsset(input: { assetId: $a, method: DESTRUCTION, disposedOn: $d }) { asset { status } userErrors { message } } }', { a, d: today() }));
    expect(r.disposeAsset.userErrors).toEqual([]);
  }
});
afterAll(async () => app?.close());

const PAYLOAD = 'userErrors { field code message }';
const ATTEMPTS: Array<[string, string, () => Record<string, unknown>]> = [
  ['updateHardware', `mutation($i: UpdateHardwareInput!) { updateHardware(input: $i) { ${PAYLOAD} } }`, () => ({ i: { id: ids.hw, name: 'Back again' } })],
  ['changeAssetStatus', `mutation($i: ChangeAssetStatusInput!) { changeAssetStatus(input: $i) { ${PAYLOAD} } }`, () => ({ i: { assetId: ids.hw, status: 'IN_STOCK', reason: 'undo' } })],
  ['checkOutAsset', `mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { ${PAYLOAD} } }`, () => ({ i: { assetId: ids.hw, to: { personId: ids.person } } })],
  ['checkInAsset', `mutation($i: CheckInAssetInput!) { checkInAsset(input: $i) { ${PAYLOAD} } }`, () => ({ i: { assetId: ids.hw, locationId: ids.loc } })],
  ['transferAsset', `mutation($i: TransferAssetInput!) { transferAsset(input: $i) { ${PAYLOAD} } }`, () => ({ i: { assetId: ids.hw, to: { personId: ids.person } } })],
  ['disposeAsset', `mutation($i: DisposeAssetInput!) { disposeAsset(input: $i) { ${PAYLOAD} } }`, () => ({ i: { assetId: ids.hw, method: 'RECYCLE', disposedOn: today(), vendorId: ids.vendor } })],
  ['recordPhysicalAudit', `mutation($i: RecordPhysicalAuditInput!) { recordPhysicalAudit(input: $i) { ${PAYLOAD} } }`, () => ({ i: { assetId: ids.hw, locationId: ids.loc2 } })],
  ['assignLicenseSeat (disposed device)', `mutation($i: AssignLicenseSeatInput!) { assignLicenseSeat(input: $i) { ${PAYLOAD} } }`, () => ({ i: { licenseId: ids.lic, assetId: ids.hw } })],
  ['assignLicenseSeat (disposed licence)', `mutation($i: AssignLicenseSeatInput!) { assignLicenseSeat(input: $i) { ${PAYLOAD} } }`, () => ({ i: { licenseId: ids.lic2, personId: ids.person } })],
  ['linkContractAssets', `mutation($i: ContractAssetsInput!) { linkContractAssets(input: $i) { ${PAYLOAD} } }`, () => ({ i: { contractId: ids.contract, assetIds: [ids.lic2] } })],
  ['unlinkContractAssets', `mutation($i: ContractAssetsInput!) { unlinkContractAssets(input: $i) { ${PAYLOAD} } }`, () => ({ i: { contractId: ids.contract, assetIds: [ids.hw] } })],
  ['recordMaintenance', `mutation($i: RecordMaintenanceInput!) { recordMaintenance(input: $i) { ${PAYLOAD} } }`, () => ({ i: { assetId: ids.hw, type: 'REPAIR' } })],
  ['startMaintenance', `mutation($i: StartMaintenanceInput!) { startMaintenance(input: $i) { ${PAYLOAD} } }`, () => ({ i: { maintenanceId: ids.scheduled } })],
  ['cancelMaintenance', `mutation($i: CancelMaintenanceInput!) { cancelMaintenance(input: $i) { ${PAYLOAD} } }`, () => ({ i: { maintenanceId: ids.scheduled } })],
  ['completeMaintenance', `mutation($i: CompleteMaintenanceInput!) { completeMaintenance(input: $i) { ${PAYLOAD} } }`, () => ({ i: { maintenanceId: ids.inProgress, cost: { amount: '99.00', currency: 'EUR' } } })],
  ['createVirtualMachine on a disposed host', `mutation($i: CreateVirtualMachineInput!) { createVirtualMachine(input: $i) { ${PAYLOAD} } }`,
    () => ({ i: { name: 'vm', hypervisor: 'KVM', vcpus: 2, memoryMib: 1024, powerState: 'RUNNING', hostId: ids.hw } })],
  ['createDataAsset stored on a disposed asset', `mutation($i: CreateDataAssetInput!) { createDataAsset(input: $i) { ${PAYLOAD} } }`,
    () => ({ i: { name: 'db', classification: 'INTERNAL', dataCategory: 'DATABASE', containsPersonalData: false, storedOnIds: [ids.hw] } })],
  ['createCertificate installed on a disposed asset', `mutation($i: CreateCertificateInput!) { createCertificate(input: $i) { ${PAYLOAD} } }`,
    () => ({ i: { name: 'cert', commonName: 'x.example', notAfter: '2030-01-01T00:00:00Z', installedOnIds: [ids.hw] } })],
];

describe('DISPOSED is final for every mutation', () => {
  test.each(ATTEMPTS)('%s is refused and changes nothing', async (_name, query, vars) => {
    const before = await snapshot(ids.hw);
    const res = await app.gql(query, vars());
    const data = ok(res);
    const payload = Object.values(data)[0] as { userErrors: Array<{ code: string }> };
    expect(payload.userErrors.length).toBeGreaterThan(0);
    expect(['INVALID_TRANSITION', 'NOT_AVAILABLE', 'NOT_FOUND']).toContain(payload.userErrors[0].code);
    expect(await snapshot(ids.hw)).toEqual(before);
  });

  test('the covered mutations are every mutation that takes an existing asset or its records', async () => {
    const schema = await app.gql('{ __schema { mutationType { fields { name } } } }');
    const all: string[] = ok(schema).__schema.mutationType.fields.map((f: { name: string }) => f.name);
    // Mutations that never touch an existing asset (they create people, places, vendors, contracts, or other kinds' new assets).
    const unrelated = /^(create(Person|Department|Location|Vendor|Contract|Hardware|SoftwareLicense|NetworkDevice|CloudResource)|update(Person|Department|Location|Vendor|Contract)|releaseLicenseSeat)$/;
    const covered = new Set([...ATTEMPTS.map(([n]) => n.split(' ')[0]), 'upsertAssets']);
    const kindUpdates = /^update(SoftwareLicense|NetworkDevice|CloudResource|VirtualMachine|DataAsset|Certificate)$/; // same code path as updateHardware
    expect(all.filter((m) => !unrelated.test(m) && !kindUpdates.test(m) && !covered.has(m))).toEqual([]);
  });
});

test('upsertAssets leaves a DISPOSED asset alone (FAILED, nothing changed)', async () => {
  await app.sql(`INSERT INTO asset_external_ref (source, external_id, asset_id) VALUES ('mdm', 'gone-1', $1)`, [keyOf(ids.hw)]);
  const before = await snapshot(ids.hw);
  const d = ok(await app.gql(`mutation($i: UpsertAssetsInput!) { upsertAssets(input: $i) { results { outcome userErrors { code } } userErrors { code } } }`,
    { i: { source: 'mdm', items: [{ externalId: 'gone-1', kind: 'HARDWARE', hardware: { name: 'Revived', category: 'MONITOR' } }] } }));
  expect(d.upsertAssets.results).toEqual([{ outcome: 'FAILED', userErrors: [{ code: 'INVALID_TRANSITION' }] }]);
  const after = await snapshot(ids.hw);
  expect({ ...after, log: before.log }).toEqual(before); // the test's own external-ref insert is the only new log entry
});

describe('what the review found', () => {
  test('a person who is deactivated gives back their licence seats', async () => {
    const p = ok(await app.gql('mutation { createPerson(input: { displayName: "Leaver" }) { person { id version } } }')).createPerson.person;
    const lic = ok(await app.gql('mutation { createSoftwareLicense(input: { name: "Seats", product: "S", licenseType: PERPETUAL, metric: PER_USER, seatsTotal: 2 }) { asset { id } } }')).createSoftwareLicense.asset.id;
    ok(await app.gql('mutation($l: ID!, $p: ID!) { assignLicenseSeat(input: { licenseId: $l, personId: $p }) { userErrors { message } } }', { l: lic, p: p.id }));
    const r = ok(await app.gql('mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { userErrors { message } } }', { i: { id: p.id, expectedVersion: p.version, active: false } }));
    expect(r.updatePerson.userErrors).toEqual([]);
    const [seat] = await app.sql('SELECT released_at, release_reason FROM license_seat WHERE person_id = $1', [keyOf(p.id)]);
    expect(seat.release_reason).toBe('person deactivated');
    expect(seat.released_at).toBeInstanceOf(Date);
    expect(ok(await app.gql('query($l: ID!) { asset(id: $l) { ... on SoftwareLicense { seatsUsed } } }', { l: lic })).asset.seatsUsed).toBe(0);
  });

  test('two mutations in one request: the second payload sees the first change (no stale loader cache)', async () => {
    const lic = ok(await app.gql('mutation { createSoftwareLicense(input: { name: "Two", product: "T", licenseType: PERPETUAL, metric: PER_USER, seatsTotal: 5 }) { asset { id } } }')).createSoftwareLicense.asset.id;
    const people = ok(await app.gql('mutation { a: createPerson(input: { displayName: "A" }) { person { id } } b: createPerson(input: { displayName: "B" }) { person { id } } }'));
    const d = ok(await app.gql(`mutation($l: ID!, $a: ID!, $b: ID!) {
      x: assignLicenseSeat(input: { licenseId: $l, personId: $a }) { license { seatsUsed } }
      y: assignLicenseSeat(input: { licenseId: $l, personId: $b }) { license { seatsUsed } }
    }`, { l: lic, a: people.a.person.id, b: people.b.person.id }));
    expect([d.x.license.seatsUsed, d.y.license.seatsUsed]).toEqual([1, 2]);
  });

  test('an ORDERED asset is not due for audit yet', async () => {
    const a = ok(await app.gql('mutation { createHardware(input: { name: "On order", category: LAPTOP, status: ORDERED }) { asset { nextAuditDueOn } } }'));
    expect(a.createHardware.asset.nextAuditDueOn).toBeNull();
  });

  test('an asset ID whose type is another kind names no asset, whatever the key', async () => {
    const cert = ok(await app.gql('mutation { createCertificate(input: { name: "c", commonName: "c.example", notAfter: "2031-01-01T00:00:00Z" }) { asset { id version } } }')).createCertificate.asset;
    const forged = gid('Hardware', keyOf(cert.id));
    const before = await snapshot(cert.id);
    const r = ok(await app.gql('mutation($a: ID!) { changeAssetStatus(input: { assetId: $a, status: LOST, reason: "x" }) { userErrors { code } } }', { a: forged }));
    expect(r.changeAssetStatus.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    expect(await snapshot(cert.id)).toEqual(before);
  });

  test.each([
    ['seats', (id: string) => `{ node(id: "${id}") { ... on SoftwareLicense { seats(after: "CURSOR") { totalCount } } } }`, '["seats","2024-13-01T00:00:00.000000Z","00000000-0000-4000-8000-000000000000"]'],
    ['physicalAudits', (id: string) => `{ node(id: "${id}") { ... on SoftwareLicense { physicalAudits(after: "CURSOR") { totalCount } } } }`, '["physicalAudits","2024-02-30T00:00:00.000000Z","00000000-0000-4000-8000-000000000000"]'],
    ['history', (id: string) => `{ node(id: "${id}") { ... on SoftwareLicense { history(after: "CURSOR") { totalCount } } } }`, '["audit","9999999999999999999"]'],
    ['auditLog', () => '{ auditLog(after: "CURSOR") { totalCount } }', '["audit","9999999999999999999"]'],
  ])('a forged %s cursor is BAD_USER_INPUT, not a 500', async (_name, query, raw) => {
    const cursor = Buffer.from(raw).toString('base64url');
    const res = await app.gql(query(ids.lic).replace('CURSOR', cursor));
    expect(res.status).not.toBe(500);
    const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
    expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
    if (codes.length) expect(codes).toContain('BAD_USER_INPUT');
  });
});
