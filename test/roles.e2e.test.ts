import { ACCESS_RULES } from '../src/auth/rules';
import { CAPABILITIES } from '../src/auth/roles';
import { ok, Role, startTestApp, type TestApp } from './support/test-app';

/**
 * The contract's roles matrix, field by field and role by role: a protected
 * field the role may not read is null with FORBIDDEN at its path, and the rest
 * of the response (the asset's name here) still comes back.
 */
let app: TestApp;
const ids: Record<string, string> = {};
const ROLES = [Role.ADMIN, Role.ASSET_MANAGER, Role.AUDITOR, Role.VIEWER];
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startTestApp();
  const d = ok(await app.gql(`mutation {
    v: createVendor(input: { name: "Recycler", roles: [RECYCLER], certifications: [R2] }) { vendor { id } }
    l: createLocation(input: { name: "Depot", kind: WAREHOUSE }) { location { id } }
    p: createPerson(input: { displayName: "Vera Viewer" }) { person { id } }
  }`));
  Object.assign(ids, { vendor: d.v.vendor.id, location: d.l.location.id, person: d.p.person.id });
  const a = ok(await app.gql(`mutation($loc: ID!, $v: ID!) {
    hw: createHardware(input: { name: "Costly laptop", category: MONITOR, locationId: $loc,
      purchase: { cost: { amount: "1200.00", currency: "EUR" }, receivedOn: "2024-01-01" },
      depreciation: { method: STRAIGHT_LINE, usefulLifeMonths: 36, salvageValue: "200.00" } }) { asset { id } }
    cr: createCloudResource(input: { name: "Bucket", provider: AWS, serviceModel: SAAS, resourceType: "s3", monthlyCost: { amount: "10.00", currency: "USD" } }) { asset { id } }
    sl: createSoftwareLicense(input: { name: "Office", product: "Office", licenseType: PERPETUAL, metric: SITE, seatsTotal: 5, licenseKey: "KEY-123" }) { asset { id } }
    old: createHardware(input: { name: "Old monitor", category: MONITOR }) { asset { id } }
    c: createContract(input: { contractNumber: "C-ROLES-1", title: "Support", type: SUPPORT, vendorId: $v, startsOn: "2026-01-01", endsOn: "2027-01-01", cost: { amount: "99.00", currency: "EUR" } }) { contract { id } userErrors { message } }
  }`, { loc: ids.location, v: ids.vendor }));
  Object.assign(ids, { hw: a.hw.asset.id, cloud: a.cr.asset.id, license: a.sl.asset.id, old: a.old.asset.id, contract: a.c.contract.id });
  ok(await app.gql(`mutation($id: ID!) { recordMaintenance(input: { assetId: $id, type: REPAIR, description: "Screen", cost: { amount: "50.00", currency: "EUR" } }) { userErrors { message } } }`, { id: ids.hw }));
  ok(await app.gql(`mutation($id: ID!) { changeAssetStatus(input: { assetId: $id, status: RETIRED, reason: "old" }) { userErrors { message } } }`, { id: ids.old }));
  const disp = ok(await app.gql(`mutation($id: ID!, $v: ID!, $d: Date!) { disposeAsset(input: { assetId: $id, method: RESALE, disposedOn: $d, vendorId: $v, recoveredValue: { amount: "20.00", currency: "EUR" } }) { userErrors { message } } }`,
    { id: ids.old, v: ids.vendor, d: today() }));
  expect(disp.disposeAsset.userErrors).toEqual([]);
});
afterAll(async () => app?.close());

/** Each protected field: a query that reaches it, the path of the field, and the capability it needs. */
const PROTECTED: Array<{ field: string; query: string; vars: () => Record<string, unknown>; path: (string | number)[]; capability: keyof typeof CAPABILITIES }> = [
  { field: 'Purchase.cost', query: 'query($id: ID!) { asset(id: $id) { name purchase { cost { amount } } } }', vars: () => ({ id: ids.hw }), path: ['asset', 'purchase', 'cost'], capability: 'readMoney' },
  { field: 'Depreciation.salvageValue', query: 'query($id: ID!) { asset(id: $id) { name depreciation { salvageValue } } }', vars: () => ({ id: ids.hw }), path: ['asset', 'depreciation', 'salvageValue'], capability: 'readMoney' },
  { field: 'Asset.bookValue', query: 'query($id: ID!) { asset(id: $id) { name bookValue { amount } } }', vars: () => ({ id: ids.hw }), path: ['asset', 'bookValue'], capability: 'readMoney' },
  { field: 'CloudResource.monthlyCost', query: 'query($id: ID!) { asset(id: $id) { name ... on CloudResource { monthlyCost { amount } } } }', vars: () => ({ id: ids.cloud }), path: ['asset', 'monthlyCost'], capability: 'readMoney' },
  { field: 'Contract.cost', query: 'query($id: ID!) { node(id: $id) { ... on Contract { title cost { amount } } } }', vars: () => ({ id: ids.contract }), path: ['node', 'cost'], capability: 'readMoney' },
  { field: 'MaintenanceRecord.cost', query: 'query($id: ID!) { asset(id: $id) { name maintenance { nodes { cost { amount } } } } }', vars: () => ({ id: ids.hw }), path: ['asset', 'maintenance', 'nodes', 0, 'cost'], capability: 'readMoney' },
  { field: 'Disposal.recoveredValue', query: 'query($id: ID!) { asset(id: $id) { name disposal { method recoveredValue { amount } } } }', vars: () => ({ id: ids.old }), path: ['asset', 'disposal', 'recoveredValue'], capability: 'readMoney' },
  { field: 'InventorySummary.purchaseCost', query: '{ inventorySummary { total purchaseCost { amount } } }', vars: () => ({}), path: ['inventorySummary', 'purchaseCost'], capability: 'readMoney' },
  { field: 'InventorySummary.bookValue', query: '{ inventorySummary { total bookValue { amount } } }', vars: () => ({}), path: ['inventorySummary', 'bookValue'], capability: 'readMoney' },
  { field: 'SoftwareLicense.licenseKey', query: 'query($id: ID!) { asset(id: $id) { name ... on SoftwareLicense { licenseKey } } }', vars: () => ({ id: ids.license }), path: ['asset', 'licenseKey'], capability: 'readLicenseKey' },
  { field: 'Asset.history', query: 'query($id: ID!) { asset(id: $id) { name history { totalCount } } }', vars: () => ({ id: ids.hw }), path: ['asset', 'history'], capability: 'readAudit' },
  { field: 'Query.auditLog', query: '{ viewer { subject } auditLog(first: 1) { totalCount } }', vars: () => ({}), path: ['auditLog'], capability: 'readAudit' },
];

const at = (data: any, path: (string | number)[]) => path.reduce((v, k) => (v == null ? v : v[k]), data);

test('every protected field of the rules is covered here', () => {
  const protectedRules = Object.entries(ACCESS_RULES).filter(([k, c]) => !k.startsWith('Mutation.') && c !== 'read').map(([k]) => k).sort();
  expect(PROTECTED.map((p) => p.field).sort()).toEqual(protectedRules);
});

describe.each(PROTECTED)('$field', ({ query, vars, path, capability }) => {
  test.each(ROLES)('%s', async (role) => {
    const res = await app.gql(query, vars(), { roles: [role] });
    expect(res.status).toBe(200);
    const allowed = (CAPABILITIES[capability] as readonly Role[]).includes(role);
    if (allowed) {
      expect(res.body.errors).toBeUndefined();
      expect(at(res.body.data, path)).not.toBeNull();
    } else {
      expect(at(res.body.data, path)).toBeNull();
      expect(res.body.errors).toEqual([expect.objectContaining({ path, extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
      expect(res.body.errors![0].message).toMatch(new RegExp(CAPABILITIES[capability].join(', ')));
      // The rest of the response still comes back (a refused root list is non-null in the contract, so that whole answer is null).
      if (path.length > 1) expect(at(res.body.data, path.slice(0, 1))).not.toBeNull();
    }
  });
});

describe('mutations by capability', () => {
  const createVendor = 'mutation($n: String!) { createVendor(input: { name: $n }) { vendor { id } userErrors { message } } }';
  const audit = 'mutation($id: ID!, $loc: ID!) { recordPhysicalAudit(input: { assetId: $id, locationId: $loc }) { audit { id } userErrors { message } } }';
  const vendorCount = async () => (await app.sql('SELECT count(*)::int AS n FROM vendor'))[0].n as number;
  const auditCount = async () => (await app.sql('SELECT count(*)::int AS n FROM physical_audit'))[0].n as number;

  test.each(ROLES)('write (createVendor) as %s', async (role) => {
    const before = await vendorCount();
    const res = await app.gql(createVendor, { n: `Vendor for ${role}` }, { roles: [role] });
    if ((CAPABILITIES.write as readonly Role[]).includes(role)) {
      expect(ok(res).createVendor.userErrors).toEqual([]);
      expect(await vendorCount()).toBe(before + 1);
    } else {
      expect(res.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(res.body.data?.createVendor ?? null).toBeNull();
      expect(await vendorCount()).toBe(before);
    }
  });

  test.each(ROLES)('physicalAudit (recordPhysicalAudit) as %s', async (role) => {
    const before = await auditCount();
    const res = await app.gql(audit, { id: ids.hw, loc: ids.location }, { roles: [role] });
    if ((CAPABILITIES.physicalAudit as readonly Role[]).includes(role)) {
      expect(ok(res).recordPhysicalAudit.userErrors).toEqual([]);
      expect(await auditCount()).toBe(before + 1);
    } else {
      expect(res.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(await auditCount()).toBe(before);
    }
  });
});

describe('viewer', () => {
  test('returns subject, roles and the linked Person, and a VIEWER reads viewer.person.assets', async () => {
    const hw = ok(await app.gql('mutation { createHardware(input: { name: "Vera\'s laptop", category: LAPTOP }) { asset { id } } }')).createHardware.asset.id;
    const out = ok(await app.gql(`mutation($id: ID!, $p: ID!) { checkOutAsset(input: { assetId: $id, to: { personId: $p } }) { userErrors { message } } }`, { id: hw, p: ids.person }));
    expect(out.checkOutAsset.userErrors).toEqual([]);
    const res = await app.gql('{ viewer { subject roles person { displayName assets { totalCount nodes { name } } } } }', {}, { roles: [Role.VIEWER], personId: ids.person });
    expect(ok(res).viewer).toEqual({
      subject: 'test-user', roles: ['VIEWER'],
      person: { displayName: 'Vera Viewer', assets: { totalCount: 1, nodes: [{ name: "Vera's laptop" }] } },
    });
  });
});
