import { ok, Role, startTestApp, type GqlResult, type TestApp } from './support/test-app';

let app: TestApp;
let locationId: string;
let otherLocationId: string;
let vendorId: string;
let personId: string;
let hostId: string;
let serverId: string;

const UPSERT = `mutation($i: UpsertAssetsInput!) { upsertAssets(input: $i) {
  results { externalId outcome asset { id kind assetTag name status version } userErrors { field code message } }
  userErrors { field code message } } }`;

type Item = Record<string, unknown>;
const upsert = (source: string, items: Item[], roles?: Role[]) => app.gql(UPSERT, { i: { source, items } }, { roles });
async function upsertOk(source: string, items: Item[]) {
  const d = ok(await upsert(source, items)).upsertAssets;
  expect(d.userErrors).toEqual([]);
  return d.results as Array<{ externalId: string; outcome: string; asset: any; userErrors: any[] }>;
}

const keyOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await app.sql(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n as number;
const refCount = (source: string) => count('asset_external_ref', 'source = $1', [source]);
const snapshot = async (source: string) =>
  app.sql(`SELECT a.id, a.version, a.updated_at, a.asset_tag FROM asset a JOIN asset_external_ref r ON r.asset_id = a.id WHERE r.source = $1 ORDER BY a.id`, [source]);
const auditCount = () => count('audit_entry');
const statements = (res: GqlResult) => Number(res.headers['x-sql-statements']);

const hw = (externalId: string, extra: Item = {}): Item => ({ externalId, kind: 'HARDWARE', hardware: { name: `Laptop ${externalId}`, category: 'LAPTOP', ...extra } });

/** One item of every kind, with many of each kind's fields. */
const everyKind = (): Item[] => [
  hw('hw-1', {
    serialNumber: 'SN-1', locationId, tags: ['fleet', 'fleet', ' eu '], customFields: { cost_centre: 'R&D', floor: 3 }, description: '  A laptop ',
    purchase: { orderedOn: '2024-01-02', receivedOn: '2024-01-05', cost: { amount: '1299.5', currency: 'EUR' }, supplierId: vendorId },
    warranty: { endsOn: '2027-01-05', providerId: vendorId }, depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 36 }, specs: { ram: '32G' },
  }),
  { externalId: 'sw-1', kind: 'SOFTWARE_LICENSE', softwareLicense: { name: 'Office', product: 'Office 365', licenseType: 'SUBSCRIPTION', metric: 'PER_USER', seatsTotal: 10, licenseKey: ' KEY 1 ', expiresOn: '2026-12-31' } },
  { externalId: 'net-1', kind: 'NETWORK_DEVICE', networkDevice: { name: 'Core switch', deviceType: 'SWITCH', managementIp: '10.0.0.1', macAddress: '00-1A-2B-3C-4D-5E', portCount: 48, lastSeenAt: '2024-01-02T03:04:05.123Z' } },
  { externalId: 'cld-1', kind: 'CLOUD_RESOURCE', cloudResource: { name: 'Web VM', provider: 'AWS', serviceModel: 'IAAS', resourceType: 'ec2:instance', region: 'eu-west-1', monthlyCost: { amount: '99.9', currency: 'USD' } } },
  { externalId: 'vm-1', kind: 'VIRTUAL_MACHINE', virtualMachine: { name: 'db01', hypervisor: 'KVM', vcpus: 4, memoryMib: 8192, hostId, ipAddresses: ['10.0.0.5', '2001:DB8::1'], powerState: null } },
  { externalId: 'data-1', kind: 'DATA_ASSET', dataAsset: { name: 'CRM data', classification: 'CONFIDENTIAL', dataCategory: 'CUSTOMER_RECORDS', storedOnIds: [hostId, serverId, hostId], dataOwnerId: personId, retentionUntil: '2030-01-01', containsPersonalData: true } },
  { externalId: 'cert-1', kind: 'CERTIFICATE', certificate: { name: 'www', commonName: 'example.com', subjectAltNames: ['www.example.com'], notBefore: '2024-01-01T00:00:00Z', notAfter: '2026-01-01T00:00:00.000Z', installedOnIds: [hostId], fingerprintSha256: 'ab'.repeat(32) } },
];

beforeAll(async () => {
  app = await startTestApp();
  const d = ok(await app.gql(`mutation {
    l: createLocation(input: { name: "HQ Store", kind: WAREHOUSE }) { location { id } }
    l2: createLocation(input: { name: "Branch Store", kind: WAREHOUSE }) { location { id } }
    v: createVendor(input: { name: "Acme", roles: [SUPPLIER] }) { vendor { id } }
    p: createPerson(input: { displayName: "Ada Lovelace" }) { person { id } }
    h: createHardware(input: { name: "Host", category: SERVER }) { asset { id } }
    s: createHardware(input: { name: "Storage", category: STORAGE_SYSTEM }) { asset { id } }
  }`));
  locationId = d.l.location.id; otherLocationId = d.l2.location.id; vendorId = d.v.vendor.id; personId = d.p.person.id;
  hostId = d.h.asset.id; serverId = d.s.asset.id;
});
afterAll(async () => app?.close());

describe('upsertAssets', () => {
  test('every kind in one call is CREATED, with its external ref; the same call again is UNCHANGED and writes nothing', async () => {
    const results = await upsertOk('mdm', everyKind());
    expect(results.map((r) => [r.externalId, r.outcome, r.asset.kind, r.userErrors])).toEqual([
      ['hw-1', 'CREATED', 'HARDWARE', []], ['sw-1', 'CREATED', 'SOFTWARE_LICENSE', []], ['net-1', 'CREATED', 'NETWORK_DEVICE', []],
      ['cld-1', 'CREATED', 'CLOUD_RESOURCE', []], ['vm-1', 'CREATED', 'VIRTUAL_MACHINE', []], ['data-1', 'CREATED', 'DATA_ASSET', []],
      ['cert-1', 'CREATED', 'CERTIFICATE', []],
    ]);
    expect(results.map((r) => r.asset.assetTag)).toEqual([
      expect.stringMatching(/^HW-\d{6}$/), expect.stringMatching(/^SW-\d{6}$/), expect.stringMatching(/^NET-\d{6}$/), expect.stringMatching(/^CLD-\d{6}$/),
      expect.stringMatching(/^VM-\d{6}$/), expect.stringMatching(/^DATA-\d{6}$/), expect.stringMatching(/^CERT-\d{6}$/),
    ]);
    for (const r of results) expect(r.asset).toMatchObject({ status: 'IN_STOCK', version: 1 });

    // The refs, and the fields as the per-kind create path would store them.
    const refs = await app.sql(`SELECT external_id, asset_id::text FROM asset_external_ref WHERE source = 'mdm' ORDER BY external_id`);
    expect(refs.map((r) => r.external_id)).toEqual(['cert-1', 'cld-1', 'data-1', 'hw-1', 'net-1', 'sw-1', 'vm-1']);
    const byExt = Object.fromEntries(results.map((r) => [r.externalId, r.asset.id]));
    for (const r of refs) expect(r.asset_id).toBe(keyOf(byExt[r.external_id]));
    const read = ok(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Asset { name description tags customFields location { id }
        purchase { cost { amount currency } supplier { id } receivedOn } depreciation { inServiceOn salvageValue } externalRefs { source externalId } }
      ... on Hardware { serialNumber dataBearing specs } ... on SoftwareLicense { licenseKey allowOverallocation expiresOn }
      ... on NetworkDevice { macAddress managementIp lastSeenAt } ... on CloudResource { monthlyCost { amount currency } }
      ... on VirtualMachine { host { id } ipAddresses powerState } ... on DataAsset { storedOn { id } retentionUntil dataOwner { id } containsPersonalData }
      ... on Certificate { installedOn { id } expiresOn notAfter } } }`, { ids: results.map((r) => r.asset.id) })).nodes;
    expect(read[0]).toMatchObject({
      description: 'A laptop', tags: ['fleet', 'eu'], customFields: { cost_centre: 'R&D', floor: 3 }, location: { id: locationId }, serialNumber: 'SN-1', dataBearing: true,
      purchase: { cost: { amount: '1299.50', currency: 'EUR' }, supplier: { id: vendorId }, receivedOn: '2024-01-05' },
      depreciation: { inServiceOn: '2024-01-05', salvageValue: '0.00' }, externalRefs: [{ source: 'mdm', externalId: 'hw-1' }], specs: { ram: '32G' },
    });
    expect(read[1]).toMatchObject({ licenseKey: ' KEY 1 ', allowOverallocation: false, expiresOn: '2026-12-31' });
    expect(read[2]).toMatchObject({ macAddress: '00:1a:2b:3c:4d:5e', managementIp: '10.0.0.1', lastSeenAt: '2024-01-02T03:04:05.123Z' });
    expect(read[3]).toMatchObject({ monthlyCost: { amount: '99.90', currency: 'USD' } });
    expect(read[4]).toMatchObject({ host: { id: hostId }, ipAddresses: ['10.0.0.5', '2001:db8::1'], powerState: 'RUNNING' });
    expect(read[5]).toMatchObject({ storedOn: expect.arrayContaining([{ id: hostId }, { id: serverId }]), retentionUntil: '2030-01-01', dataOwner: { id: personId }, containsPersonalData: true });
    expect(read[5].storedOn).toHaveLength(2);
    expect(read[6]).toMatchObject({ installedOn: [{ id: hostId }], expiresOn: '2026-01-01' });

    // The same call again: all UNCHANGED, and no row, version, timestamp, relation or audit entry moves.
    const before = { rows: await snapshot('mdm'), audit: await auditCount(), assets: await count('asset'), relations: await count('asset_relation') };
    const again = await upsertOk('mdm', everyKind());
    expect(again.map((r) => r.outcome)).toEqual(Array(7).fill('UNCHANGED'));
    expect(again.map((r) => r.asset.id)).toEqual(results.map((r) => r.asset.id));
    expect(again.map((r) => r.asset.version)).toEqual(Array(7).fill(1));
    expect(await snapshot('mdm')).toEqual(before.rows);
    expect(await auditCount()).toBe(before.audit);
    expect(await count('asset')).toBe(before.assets);
    expect(await count('asset_relation')).toBe(before.relations);
  });

  test('a change to one item updates only that one: version + 1, absent fields kept, one audit entry asset.upsert', async () => {
    const created = await upsertOk('crm', [hw('a', { serialNumber: 'S-A', description: 'old' }), hw('b'), hw('c')]);
    const auditBefore = await auditCount();
    const results = await upsertOk('crm', [hw('a', { name: 'Renamed', description: null }), hw('b'), hw('c')]);
    expect(results.map((r) => r.outcome)).toEqual(['UPDATED', 'UNCHANGED', 'UNCHANGED']);
    expect(results[0].asset).toMatchObject({ id: created[0].asset.id, name: 'Renamed', version: 2 });
    expect(results[1].asset.version).toBe(1);
    const [row] = await app.sql(`SELECT name, description, serial_number, version FROM asset WHERE id = $1`, [keyOf(created[0].asset.id)]);
    expect(row).toEqual({ name: 'Renamed', description: null, serial_number: 'S-A', version: 2 });
    const entries = await app.sql(`SELECT action, operation, entity_id::text, changes FROM audit_entry ORDER BY seq DESC LIMIT $1`, [(await auditCount()) - auditBefore]);
    expect(entries).toEqual([{
      action: 'asset.upsert', operation: 'UPDATE', entity_id: keyOf(created[0].asset.id),
      changes: { name: { before: 'Laptop a', after: 'Renamed' }, description: { before: 'old', after: null } },
    }]);
  });

  test('a bad item among good ones FAILS with its own userErrors; the others are written', async () => {
    const missing = Buffer.from('Location:00000000-0000-4000-8000-000000000000').toString('base64url');
    const assets = await count('asset');
    const results = await upsertOk('bad', [
      hw('ok-1'),
      hw('blank', { name: '  ' }),
      hw('nowhere', { locationId: missing, purchase: { cost: { amount: '-1', currency: 'EUR' } } }),
      hw('late', { purchase: { orderedOn: '2024-02-01', receivedOn: '2024-01-01' } }),
      { externalId: '  ', kind: 'HARDWARE', hardware: { name: 'No key', category: 'LAPTOP' } },
      { externalId: 'refs', kind: 'HARDWARE', hardware: { name: 'Refs', category: 'LAPTOP', externalRefs: [{ source: 'x', externalId: 'y' }] } },
      hw('ok-2'),
      hw('nul\u0000key', { name: 'Clean name' }),
      hw('nul-name', { name: 'a\u0000b' }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['CREATED', 'FAILED', 'FAILED', 'FAILED', 'FAILED', 'FAILED', 'CREATED', 'FAILED', 'FAILED']);
    expect(results[7].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '7', 'externalId'], code: 'INVALID' })]);
    expect(results[8].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '8', 'hardware', 'name'], code: 'INVALID' })]);
    expect(results[1].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '1', 'hardware', 'name'], code: 'REQUIRED' })]);
    expect(results[2].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '2', 'hardware', 'purchase', 'cost', 'amount'], code: 'INVALID' })]);
    expect(results[3].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '3', 'hardware', 'purchase', 'receivedOn'], code: 'INVALID' })]);
    expect(results[4].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '4', 'externalId'], code: 'REQUIRED' })]);
    expect(results[5].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '5', 'hardware', 'externalRefs'], code: 'INVALID' })]);
    for (const r of results.filter((x) => x.outcome === 'FAILED')) expect(r.asset).toBeNull();
    expect(await count('asset')).toBe(assets + 2);
    expect((await app.sql(`SELECT external_id FROM asset_external_ref WHERE source = 'bad' ORDER BY 1`)).map((r) => r.external_id)).toEqual(['ok-1', 'ok-2']);

    // A reference that does not exist is NOT_FOUND on that item alone.
    const refs = await upsertOk('bad', [hw('nowhere', { locationId: missing }), hw('ok-3', { locationId })]);
    expect(refs.map((r) => r.outcome)).toEqual(['FAILED', 'CREATED']);
    expect(refs[0].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '0', 'hardware', 'locationId'], code: 'NOT_FOUND' })]);
  });

  test('the kind object must be exactly the one of kind; an existing asset of another kind is refused', async () => {
    await upsertOk('kinds', [hw('k-1')]);
    const assets = await count('asset');
    const results = await upsertOk('kinds', [
      { externalId: 'k-2', kind: 'HARDWARE', softwareLicense: { name: 'x', product: 'x', licenseType: 'PERPETUAL', metric: 'PER_USER', seatsTotal: 1 } },
      { externalId: 'k-3', kind: 'HARDWARE', hardware: { name: 'x', category: 'LAPTOP' }, certificate: { name: 'c', commonName: 'c', notAfter: '2030-01-01T00:00:00Z' } },
      { externalId: 'k-4', kind: 'HARDWARE' },
      { externalId: 'k-1', kind: 'CERTIFICATE', certificate: { name: 'c', commonName: 'c', notAfter: '2030-01-01T00:00:00Z' } },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
    expect(results[0].userErrors.map((e) => [e.field, e.code])).toEqual([
      [['input', 'items', '0', 'hardware'], 'INVALID'], [['input', 'items', '0', 'softwareLicense'], 'INVALID'],
    ]);
    expect(results[1].userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'items', '1', 'certificate'], 'INVALID']]);
    expect(results[2].userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'items', '2', 'hardware'], 'INVALID']]);
    expect(results[3].userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'items', '3', 'kind'], 'INVALID']]);
    expect(results[3].asset).toMatchObject({ kind: 'HARDWARE', version: 1 });
    expect(await count('asset')).toBe(assets);
  });

  test('whole-call problems: blank source, 1,001 items, an externalId twice: nothing is written', async () => {
    const assets = await count('asset');
    const audit = await auditCount();
    const blank = ok(await upsert('   ', [hw('x')])).upsertAssets;
    expect(blank).toEqual({ results: [], userErrors: [expect.objectContaining({ field: ['input', 'source'], code: 'REQUIRED' })] });

    const nul = ok(await upsert('nul\u0000', [hw('x')])).upsertAssets;
    expect(nul).toEqual({ results: [], userErrors: [expect.objectContaining({ field: ['input', 'source'], code: 'INVALID' })] });

    const many = ok(await upsert('big', Array.from({ length: 1001 }, (_, i) => hw(`n-${i}`)))).upsertAssets;
    expect(many.results).toEqual([]);
    expect(many.userErrors).toEqual([expect.objectContaining({ field: ['input', 'items'], code: 'INVALID' })]);

    const twice = ok(await upsert('dup', [hw('d-1'), hw('d-2'), hw(' d-1 ')])).upsertAssets;
    expect(twice.results).toEqual([]);
    expect(twice.userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '2', 'externalId'], code: 'INVALID' })]);

    expect(await count('asset')).toBe(assets);
    expect(await auditCount()).toBe(audit);
    expect(await count('asset_external_ref', `source IN ('big', 'dup')`)).toBe(0);
  });

  test('status: a new asset starts ORDERED or IN_STOCK; updates follow the lifecycle, never into or out of IN_USE nor to DISPOSED', async () => {
    const created = await upsertOk('st', [hw('s-1', { status: 'ORDERED' }), hw('s-2', { status: 'IN_USE' }), hw('s-3'), hw('s-4'), hw('s-5')]);
    expect(created.map((r) => r.outcome)).toEqual(['CREATED', 'FAILED', 'CREATED', 'CREATED', 'CREATED']);
    expect(created[0].asset.status).toBe('ORDERED');
    expect(created[1].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '1', 'hardware', 'status'], code: 'INVALID' })]);

    // s-5 is checked out: IN_USE.
    const co = ok(await app.gql(`mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { userErrors { code } } }`, { i: { assetId: created[4].asset.id, to: { personId } } }));
    expect(co.checkOutAsset.userErrors).toEqual([]);

    const events = await count('custody_event');
    const moved = await upsertOk('st', [
      hw('s-1', { status: 'IN_STOCK' }), // ORDERED → IN_STOCK
      hw('s-3', { status: 'IN_USE' }), // a check-out
      hw('s-4', { status: 'DISPOSED' }), // needs disposeAsset
      hw('s-5', { status: 'IN_STOCK' }), // a check-in
      hw('s-3b', { status: 'IN_STOCK' }),
    ]);
    expect(moved.map((r) => r.outcome)).toEqual(['UPDATED', 'FAILED', 'FAILED', 'FAILED', 'CREATED']);
    expect(moved[0].asset).toMatchObject({ status: 'IN_STOCK', version: 2 });
    for (const i of [1, 2, 3]) expect(moved[i].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', String(i), 'hardware', 'status'], code: 'INVALID_TRANSITION' })]);
    expect(moved[3].asset).toMatchObject({ status: 'IN_USE' });
    expect(await count('custody_event')).toBe(events);

    // A move the lifecycle does not have; a move with a custody event (LOST), made through the same gate as updates.
    const more = await upsertOk('st', [hw('s-1', { status: 'ORDERED' }), hw('s-4', { status: 'LOST' }), hw('s-5')]);
    expect(more.map((r) => r.outcome)).toEqual(['FAILED', 'UPDATED', 'UNCHANGED']);
    expect(more[0].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '0', 'hardware', 'status'], code: 'INVALID_TRANSITION' })]);
    expect(more[1].asset.status).toBe('LOST');
    expect(await app.sql(`SELECT type FROM custody_event WHERE asset_id = $1`, [keyOf(more[1].asset.id)])).toEqual([{ type: 'REPORTED_LOST' }]);
    expect((await app.sql(`SELECT custody_sequence FROM asset WHERE id = $1`, [keyOf(more[1].asset.id)]))[0].custody_sequence).toBe(1);
  });

  test('a DISPOSED asset is never changed', async () => {
    const [r] = await upsertOk('disp', [hw('gone', { category: 'MONITOR', status: 'IN_STOCK' })]);
    expect((await upsertOk('disp', [hw('gone', { category: 'MONITOR', status: 'RETIRED' })]))[0].outcome).toBe('UPDATED');
    const d = ok(await app.gql(`mutation($i: DisposeAssetInput!) { disposeAsset(input: $i) { userErrors { code message } } }`,
      { i: { assetId: r.asset.id, method: 'DONATION', disposedOn: new Date().toISOString().slice(0, 10) } }));
    expect(d.disposeAsset.userErrors).toEqual([]);
    const [before] = await snapshot('disp');
    const results = await upsertOk('disp', [hw('gone', { category: 'MONITOR', name: 'Back again' }), hw('gone-2')]);
    expect(results.map((x) => x.outcome)).toEqual(['FAILED', 'CREATED']);
    expect(results[0].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '0', 'externalId'], code: 'INVALID_TRANSITION' })]);
    expect(results[0].asset).toMatchObject({ id: r.asset.id, status: 'DISPOSED' });
    expect((await snapshot('disp')).find((x) => x.id === before.id)).toEqual(before);
  });

  test('an asset tag that is taken fails that item only (ALREADY_EXISTS); generated tags skip taken ones', async () => {
    await upsertOk('tags', [hw('t-1', { assetTag: 'TAKEN-1' })]);
    const results = await upsertOk('tags', [
      hw('t-2', { assetTag: 'TAKEN-1' }),
      hw('t-3', { assetTag: 'NEW-1' }),
      hw('t-4', { assetTag: 'NEW-1' }),
      hw('t-5'),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['FAILED', 'CREATED', 'FAILED', 'CREATED']);
    expect(results[0].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '0', 'hardware', 'assetTag'], code: 'ALREADY_EXISTS' })]);
    expect(results[2].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '2', 'hardware', 'assetTag'], code: 'ALREADY_EXISTS' })]);
    expect(results[1].asset.assetTag).toBe('NEW-1');
    expect(await count('asset_external_ref', `source = 'tags'`)).toBe(3);

    // Renaming the tag of an existing asset to a taken one fails; keeping its own is not a collision.
    const renamed = await upsertOk('tags', [hw('t-1', { assetTag: 'NEW-1' }), hw('t-3', { assetTag: 'NEW-1' })]);
    expect(renamed.map((r) => r.outcome)).toEqual(['FAILED', 'UNCHANGED']);

    // A generated tag is never one typed in by hand.
    const [{ n }] = await app.sql(`SELECT last_value + 1 AS n FROM asset_tag_seq_hw`);
    const handTyped = `HW-${String(n).padStart(6, '0')}`;
    await upsertOk('tags', [hw('t-6', { assetTag: handTyped })]);
    const [gen] = await upsertOk('tags', [hw('t-7')]);
    expect(gen.asset.assetTag).not.toBe(handTyped);
    expect(gen.asset.assetTag).toMatch(/^HW-\d{6}$/);
  });

  test('null for a defaulted field keeps the stored value; links, seat terms and own-host rules hold per item', async () => {
    const [vm, data, lic, data2] = await upsertOk('misc', [
      { externalId: 'vm', kind: 'VIRTUAL_MACHINE', virtualMachine: { name: 'vm', hypervisor: 'KVM', vcpus: 2, memoryMib: 1024, powerState: 'STOPPED' } },
      { externalId: 'data', kind: 'DATA_ASSET', dataAsset: { name: 'd', classification: 'INTERNAL', dataCategory: 'DOCUMENTS', storedOnIds: [hostId] } },
      { externalId: 'lic', kind: 'SOFTWARE_LICENSE', softwareLicense: { name: 'l', product: 'p', licenseType: 'PERPETUAL', metric: 'PER_USER', seatsTotal: 2 } },
      { externalId: 'data2', kind: 'DATA_ASSET', dataAsset: { name: 'd2', classification: 'INTERNAL', dataCategory: 'DOCUMENTS' } },
    ]);
    const seat = ok(await app.gql(`mutation($i: AssignLicenseSeatInput!) { assignLicenseSeat(input: $i) { userErrors { code } } }`, { i: { licenseId: lic.asset.id, personId } }));
    expect(seat.assignLicenseSeat.userErrors).toEqual([]);

    const results = await upsertOk('misc', [
      { externalId: 'vm', kind: 'VIRTUAL_MACHINE', virtualMachine: { name: 'vm', hypervisor: 'KVM', vcpus: 2, memoryMib: 1024, powerState: null, hostId: vm.asset.id } },
      { externalId: 'data', kind: 'DATA_ASSET', dataAsset: { name: 'd', classification: 'INTERNAL', dataCategory: 'DOCUMENTS', storedOnIds: [serverId] } },
      { externalId: 'lic', kind: 'SOFTWARE_LICENSE', softwareLicense: { name: 'l', product: 'p', licenseType: 'PERPETUAL', metric: 'PER_USER', seatsTotal: 0 } },
      { externalId: 'data2', kind: 'DATA_ASSET', dataAsset: { name: 'd2', classification: 'INTERNAL', dataCategory: 'DOCUMENTS', storedOnIds: [data2.asset.id] } },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['FAILED', 'UPDATED', 'FAILED', 'FAILED']);
    // A VM's own ID names no Hardware or CloudResource host.
    expect(results[0].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '0', 'virtualMachine', 'hostId'], code: 'NOT_FOUND' })]);
    expect(results[2].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '2', 'softwareLicense', 'seatsTotal'], code: 'SEATS_EXHAUSTED' })]);
    expect(results[3].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '3', 'dataAsset', 'storedOnIds'], code: 'INVALID' })]);
    expect(await count('asset_relation', 'asset_id = $1', [keyOf(data2.asset.id)])).toBe(0);
    expect(results[1].asset.version).toBe(2);
    expect(await app.sql(`SELECT related_asset_id::text AS k FROM asset_relation WHERE asset_id = $1`, [keyOf(data.asset.id)])).toEqual([{ k: keyOf(serverId) }]);

    const same = await upsertOk('misc', [
      { externalId: 'vm', kind: 'VIRTUAL_MACHINE', virtualMachine: { name: 'vm', hypervisor: 'KVM', vcpus: 2, memoryMib: 1024, powerState: null } },
      { externalId: 'lic', kind: 'SOFTWARE_LICENSE', softwareLicense: { name: 'l', product: 'p', licenseType: 'PERPETUAL', metric: 'PER_USER', seatsTotal: 1 } },
    ]);
    expect(same.map((r) => r.outcome)).toEqual(['UNCHANGED', 'UPDATED']);
    expect((await app.sql(`SELECT power_state, seats_total FROM asset WHERE id = ANY($1::uuid[]) ORDER BY kind`, [[keyOf(vm.asset.id), keyOf(lic.asset.id)]])))
      .toEqual([{ power_state: null, seats_total: 1 }, { power_state: 'STOPPED', seats_total: null }]);
  });

  test('two keys naming one asset: the second item is refused', async () => {
    const c = ok(await app.gql(`mutation { createHardware(input: { name: "Twin", category: LAPTOP, externalRefs: [{ source: "twin", externalId: "x1" }, { source: "twin", externalId: "x2" }] }) { asset { id } userErrors { message } } }`));
    expect(c.createHardware.userErrors).toEqual([]);
    const results = await upsertOk('twin', [hw('x1', { name: 'One' }), hw('x2', { name: 'Two' })]);
    expect(results.map((r) => r.outcome)).toEqual(['UPDATED', 'FAILED']);
    expect(results[1].userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '1', 'externalId'], code: 'INVALID' })]);
    expect(results[1].asset).toMatchObject({ name: 'One', version: 2 });
  });

  test('VIEWER and AUDITOR are FORBIDDEN and nothing is written', async () => {
    const assets = await count('asset');
    for (const role of [Role.VIEWER, Role.AUDITOR]) {
      const res = await upsert('forbidden', [hw('f-1')], [role]);
      expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(res.data?.upsertAssets ?? null).toBeNull();
    }
    expect(await count('asset')).toBe(assets);
    expect(await refCount('forbidden')).toBe(0);
  });

  test('concurrent calls with the same new key create one asset', async () => {
    for (let round = 0; round < 3; round++) {
      const key = `race-${round}`;
      const calls = await Promise.all(Array.from({ length: 4 }, () => upsert('race', [hw(key), hw(`${key}-other`)])));
      const outcomes = calls.map((r) => ok(r).upsertAssets.results[0].outcome).sort();
      expect(outcomes).toEqual(['CREATED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
      // The advisory lock serialises them: none ran into the ref's primary key and had to run again (more statements than the creator).
      const creator = calls.find((r) => r.data.upsertAssets.results[0].outcome === 'CREATED')!;
      for (const r of calls) expect(statements(r)).toBeLessThanOrEqual(statements(creator));
      const ids = new Set(calls.map((r) => r.data.upsertAssets.results[0].asset.id));
      expect(ids.size).toBe(1);
      expect(await count('asset_external_ref', `source = 'race' AND external_id = $1`, [key])).toBe(1);
      expect(await count('asset', `name = $1`, [`Laptop ${key}`])).toBe(1);
    }
    // Different payloads for one key: one creates, the other then updates.
    const [a, b] = await Promise.all([upsert('race', [hw('race-x', { serialNumber: 'A' })]), upsert('race', [hw('race-x', { serialNumber: 'B' })])]);
    expect([ok(a).upsertAssets.results[0].outcome, ok(b).upsertAssets.results[0].outcome].sort()).toEqual(['CREATED', 'UPDATED']);
    expect(await count('asset', `name = 'Laptop race-x'`)).toBe(1);
  });

  test('set-based: 10 and 200 items cost the same number of SQL statements; 1,000 items in one call stay fast', async () => {
    const batch = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => hw(`${prefix}-${i}`, { locationId, serialNumber: `${prefix}-${i}` }));
    const small = await upsert('bulk', batch('s', 10));
    const large = await upsert('bulk', batch('l', 200));
    expect(ok(small).upsertAssets.results.every((r: any) => r.outcome === 'CREATED')).toBe(true);
    expect(ok(large).upsertAssets.results.every((r: any) => r.outcome === 'CREATED')).toBe(true);
    expect(statements(large)).toBe(statements(small));

    // Updates (one field changed on every item) and no-ops are set-based too.
    const moveAll = (prefix: string, n: number) => batch(prefix, n).map((x: any) => ({ ...x, hardware: { ...x.hardware, locationId: otherLocationId } }));
    const smallUpd = await upsert('bulk', moveAll('s', 10));
    const largeUpd = await upsert('bulk', moveAll('l', 200));
    expect(ok(largeUpd).upsertAssets.results.every((r: any) => r.outcome === 'UPDATED')).toBe(true);
    expect(statements(largeUpd)).toBe(statements(smallUpd));
    const smallSame = await upsert('bulk', moveAll('s', 10));
    const largeSame = await upsert('bulk', moveAll('l', 200));
    expect(ok(largeSame).upsertAssets.results.every((r: any) => r.outcome === 'UNCHANGED')).toBe(true);
    expect(statements(largeSame)).toBe(statements(smallSame));
    expect(statements(large)).toBeLessThanOrEqual(10);

    const started = Date.now();
    const full = await upsert('bulk', batch('f', 1000));
    const took = Date.now() - started;
    expect(ok(full).upsertAssets.results.filter((r: any) => r.outcome === 'CREATED')).toHaveLength(1000);
    expect(statements(full)).toBe(statements(small));
    // Bound by the audit trigger (a row each for the asset and its ref); a statement per item would add thousands of round trips.
    expect(took).toBeLessThan(10_000);
    expect(await refCount('bulk')).toBe(1210);
  });
});
