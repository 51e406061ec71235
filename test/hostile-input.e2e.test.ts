/**
 * Hostile input: a property-based suite (fast-check) that throws malformed, oversized, wrong-typed,
 * unicode, SQL-injection-shaped and boundary values at every mutation input and every root query
 * argument, over HTTP with an ADMIN token. For each call: never a 500, never INTERNAL_SERVER_ERROR,
 * never a stack trace or a file path; and when the call was refused (top-level errors or userErrors),
 * nothing in the register changed (row counts and a digest of every row, taken in one statement).
 *
 * The mutations and query fields come from introspection of the running app, so a field added later is
 * fuzzed too (from a generic base); a test asserts that each one also has a hand-written valid base here.
 *
 * FC_SEED=<n> replays a run (the seed is printed on failure), FC_RUNS=<n> sets the runs per field,
 * FC_SHRINK=1 shrinks a counterexample (slow: every step is an HTTP call).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ok, startTestApp, type TestApp } from './support/test-app';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
const RUNS = Number(process.env.FC_RUNS ?? 25);
const SHRINK = process.env.FC_SHRINK === '1';

let app: TestApp;
let token: string;

// ---------------------------------------------------------------------------------------------
// Introspection
// ---------------------------------------------------------------------------------------------

interface TypeRef { kind: string; name: string | null; ofType: TypeRef | null }
interface InputValue { name: string; type: TypeRef; defaultValue: string | null }
interface FieldDef { name: string; args: InputValue[]; type: TypeRef }
interface FullType {
  kind: string;
  name: string;
  fields: FieldDef[] | null;
  inputFields: InputValue[] | null;
  enumValues: Array<{ name: string }> | null;
  possibleTypes: Array<{ name: string }> | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const INTROSPECTION = `{ __schema { queryType { name } mutationType { name } types { kind name
  fields { name type { ${TYPE_REF} } args { name defaultValue type { ${TYPE_REF} } } }
  inputFields { name defaultValue type { ${TYPE_REF} } }
  enumValues { name } possibleTypes { name } } } }`;

const types = new Map<string, FullType>();
let mutationFields: FieldDef[] = [];
let queryFields: FieldDef[] = [];

const named = (t: TypeRef): string => (t.ofType ? named(t.ofType) : (t.name as string));
const typeText = (t: TypeRef): string => (t.kind === 'NON_NULL' ? `${typeText(t.ofType as TypeRef)}!` : t.kind === 'LIST' ? `[${typeText(t.ofType as TypeRef)}]` : (t.name as string));
const required = (v: InputValue) => v.type.kind === 'NON_NULL' && v.defaultValue == null;
const typeOf = (name: string): FullType => {
  const t = types.get(name);
  if (!t) throw new Error(`No type ${name} in the schema`);
  return t;
};

/**
 * A selection that reads back what a call returned, so that values the service accepted are also
 * serialised (a stored value that cannot be read back is a bug too). Connections and fields with
 * required arguments are left out below the root field to keep the cost low.
 */
function selection(typeName: string, depth: number): string {
  const t = typeOf(typeName);
  if (t.kind === 'UNION') return '__typename';
  const parts = ['__typename'];
  for (const f of t.fields ?? []) {
    if (f.args.some(required)) continue;
    const inner = typeOf(named(f.type));
    if (inner.kind === 'SCALAR' || inner.kind === 'ENUM') {
      parts.push(f.name);
    } else if (depth < 2 && !(depth > 0 && inner.name.endsWith('Connection'))) {
      parts.push(`${f.name} { ${selection(inner.name, depth + 1)} }`);
    }
  }
  return parts.join(' ');
}

/** Just the userErrors of a payload, nested ones (per item of a batch) included. */
function errorSelection(typeName: string, depth = 0): string {
  const parts: string[] = [];
  for (const f of typeOf(typeName).fields ?? []) {
    const inner = typeOf(named(f.type));
    if (f.name === 'userErrors') parts.push('userErrors { field code message }');
    else if (inner.kind === 'OBJECT' && depth < 2 && !f.args.some(required)) {
      const sub = errorSelection(inner.name, depth + 1);
      if (sub !== '__typename') parts.push(`${f.name} { ${sub} }`);
    }
  }
  return parts.length ? parts.join(' ') : '__typename';
}

// ---------------------------------------------------------------------------------------------
// Fixtures: one set of valid objects, and for lifecycle mutations objects of their own
// ---------------------------------------------------------------------------------------------

const fx: Record<string, string> = {};
let counter = 0;
const uniq = (prefix: string) => `${prefix}-${(++counter).toString(36)}-${process.pid.toString(36)}`;
const today = () => new Date().toISOString().slice(0, 10);
const gid = (type: string, key: string) => Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
const keyOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];

async function mutate(name: string, input: Record<string, unknown>, pick: string): Promise<string> {
  const arg = mutationFields.find((f) => f.name === name)?.args.find((a) => a.name === 'input');
  if (!arg) throw new Error(`No mutation ${name}(input)`);
  const inputType = named(arg.type);
  const d = ok(await app.gql(`mutation($i: ${inputType}!) { r: ${name}(input: $i) { ${pick} { id } userErrors { field code message } } }`, { i: input }));
  if (d.r.userErrors.length) throw new Error(`fixture ${name} refused: ${JSON.stringify(d.r.userErrors)}`);
  return d.r[pick].id;
}

const newHardware = (extra: Record<string, unknown> = {}) =>
  mutate('createHardware', { name: uniq('Laptop'), category: 'LAPTOP', locationId: fx.loc, ...extra }, 'asset');
const newLicense = (extra: Record<string, unknown> = {}) =>
  mutate('createSoftwareLicense', { name: uniq('Licence'), product: 'Office', licenseType: 'SUBSCRIPTION', metric: 'PER_USER', seatsTotal: 1000, ...extra }, 'asset');
const newPerson = () => mutate('createPerson', { displayName: uniq('Person') }, 'person');
async function checkedOutHardware(): Promise<string> {
  const id = await newHardware();
  await mutate('checkOutAsset', { assetId: id, to: { personId: fx.p1 } }, 'asset');
  return id;
}
async function retiredHardware(): Promise<string> {
  const id = await newHardware({ category: 'MONITOR', dataBearing: false });
  await mutate('changeAssetStatus', { assetId: id, status: 'RETIRED', reason: 'end of life' }, 'asset');
  return id;
}
const scheduledMaintenance = async () =>
  mutate('recordMaintenance', { assetId: await newHardware(), type: 'PREVENTIVE', scheduledOn: '2999-01-01' }, 'maintenanceRecord');
const inProgressMaintenance = async () =>
  mutate('recordMaintenance', { assetId: await newHardware(), type: 'REPAIR', startNow: true }, 'maintenanceRecord');
const newSeat = async () => mutate('assignLicenseSeat', { licenseId: fx.lic, personId: await newPerson() }, 'seat');

async function createFixtures(): Promise<void> {
  fx.dept = await mutate('createDepartment', { name: 'Research', code: uniq('RES') }, 'department');
  fx.dept2 = await mutate('createDepartment', { name: 'Finance', code: uniq('FIN') }, 'department');
  fx.loc = await mutate('createLocation', { name: 'Store A', kind: 'WAREHOUSE', code: uniq('SA') }, 'location');
  fx.loc2 = await mutate('createLocation', { name: 'Store B', kind: 'WAREHOUSE', parentId: fx.loc }, 'location');
  fx.p1 = await mutate('createPerson', { displayName: 'Grace Hopper', email: 'grace@example.com', departmentId: fx.dept }, 'person');
  fx.p2 = await newPerson();
  fx.vendor = await mutate('createVendor', { name: 'Acme', roles: ['SUPPLIER', 'SERVICE_PROVIDER', 'RECYCLER', 'MANUFACTURER'], certifications: ['R2'] }, 'vendor');
  fx.vendor2 = await mutate('createVendor', { name: 'Other' }, 'vendor');
  fx.hw = await newHardware();
  fx.lic = await newLicense();
  fx.net = await mutate('createNetworkDevice', { name: 'Core switch', deviceType: 'SWITCH' }, 'asset');
  fx.cloud = await mutate('createCloudResource', { name: 'Bucket', provider: 'AWS', resourceType: 's3:bucket', serviceModel: 'IAAS' }, 'asset');
  fx.vm = await mutate('createVirtualMachine', { name: 'VM', hypervisor: 'KVM', vcpus: 2, memoryMib: 2048, hostId: fx.hw }, 'asset');
  fx.data = await mutate('createDataAsset', { name: 'CRM', classification: 'CONFIDENTIAL', dataCategory: 'CUSTOMER_RECORDS', storedOnIds: [fx.cloud] }, 'asset');
  fx.cert = await mutate('createCertificate', { name: 'TLS', commonName: 'example.com', notAfter: '2031-01-01T00:00:00Z', installedOnIds: [fx.net] }, 'asset');
  fx.contract = await mutate('createContract', { contractNumber: uniq('C'), title: 'Support', type: 'SUPPORT', vendorId: fx.vendor }, 'contract');
  await mutate('linkContractAssets', { contractId: fx.contract, assetIds: [fx.hw] }, 'contract');
  // Objects that only one mutation touches, so that a hostile call that happens to succeed changes no other base.
  fx.coAsset = await newHardware();
  fx.ciAsset = await checkedOutHardware();
  fx.trAsset = await checkedOutHardware();
  fx.csAsset = await newHardware();
  fx.dispAsset = await retiredHardware();
  fx.rmAsset = await newHardware();
  fx.paAsset = await newHardware();
  fx.mStart = await scheduledMaintenance();
  fx.mCancel = await scheduledMaintenance();
  fx.mComplete = await inProgressMaintenance();
  fx.seat = await newSeat();
  fx.seatPerson = await newPerson();
  fx.uHw = await newHardware();
  fx.uLic = await newLicense({ seatsTotal: 5 });
  fx.uPerson = await newPerson();
  fx.uDept = await mutate('createDepartment', { name: 'Ops', code: uniq('OPS') }, 'department');
  fx.uLoc = await mutate('createLocation', { name: 'Room 1', kind: 'ROOM', parentId: fx.loc }, 'location');
  fx.uVendor = await mutate('createVendor', { name: 'Updatable' }, 'vendor');
  fx.uContract = await mutate('createContract', { contractNumber: uniq('U'), title: 'Lease', type: 'LEASE' }, 'contract');
  // IDs of types that no input field accepts.
  const ev = ok(await app.gql('query($id: ID!) { node(id: $id) { ... on Asset { custodyChain(first: 1) { nodes { id } } } } }', { id: fx.ciAsset }));
  fx.custodyEvent = ev.node.custodyChain.nodes[0].id;
  const audit = ok(await app.gql(`mutation($i: RecordPhysicalAuditInput!) { recordPhysicalAudit(input: $i) { audit { id } userErrors { message } } }`,
    { i: { assetId: fx.hw, locationId: fx.loc } }));
  fx.physicalAudit = audit.recordPhysicalAudit.audit.id;
}

/** A valid input per mutation. Every hostile input starts from one of these. */
const BASES: Record<string, () => Record<string, unknown>> = {
  assignLicenseSeat: () => ({ licenseId: fx.lic, personId: fx.seatPerson, note: 'base' }),
  cancelMaintenance: () => ({ maintenanceId: fx.mCancel }),
  changeAssetStatus: () => ({ assetId: fx.csAsset, status: 'IN_MAINTENANCE', reason: 'base' }),
  checkInAsset: () => ({ assetId: fx.ciAsset, locationId: fx.loc, note: 'back' }),
  checkOutAsset: () => ({ assetId: fx.coAsset, to: { personId: fx.p1 }, expectedReturnOn: '2999-01-31', note: 'out' }),
  completeMaintenance: () => ({ maintenanceId: fx.mComplete, description: 'done', cost: { amount: '10.00', currency: 'EUR' } }),
  createCertificate: () => ({ name: 'Cert', commonName: 'example.org', notAfter: '2030-01-01T00:00:00Z', notBefore: '2025-01-01T00:00:00Z', subjectAltNames: ['www.example.org'], locationId: fx.loc }),
  createCloudResource: () => ({ name: 'Cloud', provider: 'AWS', resourceType: 'ec2:instance', serviceModel: 'IAAS', region: 'eu-west-1', monthlyCost: { amount: '12.50', currency: 'USD' } }),
  createContract: () => ({ contractNumber: uniq('C'), title: 'Contract', type: 'SUPPORT', vendorId: fx.vendor, startsOn: '2025-01-01', endsOn: '2027-01-01', noticePeriodDays: 30, cost: { amount: '500.00', currency: 'EUR' } }),
  createDataAsset: () => ({ name: 'Data', classification: 'INTERNAL', dataCategory: 'DOCUMENTS', dataOwnerId: fx.p1, retentionUntil: '2030-01-01', storedOnIds: [fx.cloud] }),
  createDepartment: () => ({ name: 'Dept', code: uniq('D'), parentId: fx.dept, costCenter: 'CC1' }),
  createHardware: () => ({
    name: 'HW', category: 'LAPTOP', locationId: fx.loc, departmentId: fx.dept, tags: ['a'], serialNumber: 'SN1', specs: { cores: 4 }, customFields: { k: 'v' },
    purchase: { cost: { amount: '100.00', currency: 'EUR' }, supplierId: fx.vendor, orderedOn: '2024-01-01', receivedOn: '2024-01-05' },
    warranty: { endsOn: '2027-01-01', providerId: fx.vendor },
    depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 36, salvageValue: '10.00', inServiceOn: '2024-01-05' },
    externalRefs: [{ source: 'cmdb', externalId: 'x1' }],
  }),
  createLocation: () => ({ name: 'Room', kind: 'ROOM', parentId: fx.loc, address: '1 Main St' }),
  createNetworkDevice: () => ({ name: 'Switch', deviceType: 'SWITCH', managementIp: '10.0.0.1', macAddress: '00:11:22:33:44:55', portCount: 24, lastSeenAt: '2025-01-01T00:00:00Z' }),
  createPerson: () => ({ displayName: 'Person', departmentId: fx.dept, locationId: fx.loc, email: `${uniq('p')}@example.com` }),
  createSoftwareLicense: () => ({ name: 'Lic', product: 'Office', licenseType: 'SUBSCRIPTION', metric: 'PER_USER', seatsTotal: 10, licenseKey: 'KEY-1', expiresOn: '2030-01-01' }),
  createVendor: () => ({ name: 'Vendor', roles: ['SUPPLIER'], certifications: ['ISO_9001'], website: 'https://example.com', contactEmail: 'a@example.com' }),
  createVirtualMachine: () => ({ name: 'VM', hypervisor: 'KVM', vcpus: 2, memoryMib: 2048, storageGib: 20, hostId: fx.hw, ipAddresses: ['10.0.0.2'], powerState: 'RUNNING' }),
  disposeAsset: () => ({ assetId: fx.dispAsset, method: 'RESALE', disposedOn: today(), recoveredValue: { amount: '5.00', currency: 'EUR' } }),
  linkContractAssets: () => ({ contractId: fx.contract, assetIds: [fx.hw, fx.net] }),
  recordMaintenance: () => ({ assetId: fx.rmAsset, type: 'REPAIR', scheduledOn: '2999-01-01', vendorId: fx.vendor, description: 'fan' }),
  recordPhysicalAudit: () => ({ assetId: fx.paAsset, locationId: fx.loc2, note: 'seen' }),
  releaseLicenseSeat: () => ({ seatId: fx.seat, note: 'gone' }),
  startMaintenance: () => ({ maintenanceId: fx.mStart }),
  transferAsset: () => ({ assetId: fx.trAsset, to: { departmentId: fx.dept }, expectedReturnOn: '2999-02-01' }),
  unlinkContractAssets: () => ({ contractId: fx.contract, assetIds: [fx.hw] }),
  updateCertificate: () => ({ id: fx.cert, name: 'Cert 2', issuer: 'CA' }),
  updateCloudResource: () => ({ id: fx.cloud, region: 'us-east-1' }),
  updateContract: () => ({ id: fx.uContract, title: 'Lease 2' }),
  updateDataAsset: () => ({ id: fx.data, backupPolicy: 'daily' }),
  updateDepartment: () => ({ id: fx.uDept, name: 'Ops 2' }),
  updateHardware: () => ({ id: fx.uHw, name: 'Laptop 2', purchase: { cost: { amount: '1.00', currency: 'EUR' } } }),
  updateLocation: () => ({ id: fx.uLoc, name: 'Room 2' }),
  updateNetworkDevice: () => ({ id: fx.net, firmwareVersion: '1.2' }),
  updatePerson: () => ({ id: fx.uPerson, displayName: 'Renamed' }),
  updateSoftwareLicense: () => ({ id: fx.uLic, seatsTotal: 6 }),
  updateVendor: () => ({ id: fx.uVendor, name: 'Updated' }),
  updateVirtualMachine: () => ({ id: fx.vm, vcpus: 4 }),
  upsertAssets: () => ({ source: 'cmdb', items: [{ externalId: uniq('ext'), kind: 'HARDWARE', hardware: { name: 'Synced', category: 'LAPTOP', locationId: fx.loc } }] }),
};

/** After a hostile call that was accepted, the lifecycle fixture it used may have moved on: a fresh one. */
const REFRESH: Record<string, () => Promise<void>> = {
  assignLicenseSeat: async () => { fx.seatPerson = await newPerson(); },
  cancelMaintenance: async () => { fx.mCancel = await scheduledMaintenance(); },
  changeAssetStatus: async () => { fx.csAsset = await newHardware(); },
  checkInAsset: async () => { fx.ciAsset = await checkedOutHardware(); },
  checkOutAsset: async () => { fx.coAsset = await newHardware(); },
  completeMaintenance: async () => { fx.mComplete = await inProgressMaintenance(); },
  disposeAsset: async () => { fx.dispAsset = await retiredHardware(); },
  recordMaintenance: async () => { fx.rmAsset = await newHardware(); },
  releaseLicenseSeat: async () => { fx.seat = await newSeat(); },
  startMaintenance: async () => { fx.mStart = await scheduledMaintenance(); },
  transferAsset: async () => { fx.trAsset = await checkedOutHardware(); },
  updateHardware: async () => { fx.uHw = await newHardware(); },
  updateSoftwareLicense: async () => { fx.uLic = await newLicense({ seatsTotal: 5 }); },
};

/** Valid arguments per root query field with arguments. */
const QUERY_BASES: Record<string, () => Record<string, unknown>> = {
  asset: () => ({ id: fx.hw }),
  assetChanges: () => ({ first: 5 }),
  assets: () => ({ filter: { kinds: ['HARDWARE'], statuses: ['IN_STOCK'], search: 'lap', locationId: fx.loc }, orderBy: { field: 'NAME', direction: 'DESC' }, first: 5 }),
  assetsDueForAudit: () => ({ asOf: '2030-01-01', first: 5 }),
  auditLog: () => ({ filter: { entityId: fx.hw, since: '2020-01-01T00:00:00Z' }, first: 5 }),
  contracts: () => ({ filter: { vendorId: fx.vendor, statuses: ['ACTIVE'], types: ['SUPPORT'], endsAfter: '2020-01-01' }, first: 5 }),
  departments: () => ({ first: 5 }),
  expiring: () => ({ withinDays: 90, kinds: ['WARRANTY', 'LICENSE'], limit: 10 }),
  inventorySummary: () => ({ filter: { kinds: ['HARDWARE'] } }),
  locations: () => ({ parentId: fx.loc, search: 'store', rootsOnly: false, first: 5 }),
  node: () => ({ id: fx.hw }),
  nodes: () => ({ ids: [fx.hw, fx.p1, fx.loc] }),
  overdueCheckouts: () => ({ first: 5 }),
  people: () => ({ departmentId: fx.dept, search: 'grace', active: true, first: 5 }),
  vendors: () => ({ role: 'SUPPLIER', search: 'ac', first: 5 }),
  verifyCustodyChain: () => ({ assetId: fx.ciAsset }),
};

// ---------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------

const HOSTILE_INTS = [0, -1, 1, -0, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, 1.5, 0.1, -1.5];
const HOSTILE_DATES = [
  '2025-02-30', '2025-02-29', '2024-02-29', '0000-00-00', '0000-01-01', '0001-01-01', '99999-01-01', '9999-12-31', '1900-01-01', '2025-13-01', '2025-1-1',
  '2025-01-01T00:00:00Z', '-2025-01-01', '２０２５-01-01', '2025/01/01', 'today', '',
];
const HOSTILE_DATETIMES = [
  '2025-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z', '99999-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z', '2025-01-01', '2025-01-01T25:00:00Z', '2025-01-01T00:00:00+14:00', '2025-01-01T00:00:00', 'now', '', '2999-01-01T00:00:00Z',
];
const HOSTILE_DECIMALS = [
  '1e5', '-0', '1.234', '１２', '0', '-1', '0.001', '999999999999.99', '1000000000000.00', '99999999999999.99', '99999999999999.999999', '100000000000000',
  '12345678901234567890', '1.2.3', '', ' 1 ', 'NaN', 'Infinity', '0x10', '1,5', '+1', '.5', '5.', 1e5, 1.5, -0, 0.1, 2 ** 53,
];

const ID_TYPES = ['Hardware', 'SoftwareLicense', 'NetworkDevice', 'CloudResource', 'VirtualMachine', 'DataAsset', 'Certificate', 'Person', 'Department', 'Location', 'Vendor', 'Contract', 'MaintenanceRecord', 'LicenseSeat', 'CustodyEvent', 'PhysicalAudit', 'AuditEntry', 'Disposal'];

/** Invalid IDs that are not bound to fixtures. */
const GARBAGE_IDS = [
  'not-an-id', '', ' ', '0', '-1', "'; DROP TABLE asset; --", '%', '_', '\u0000', 'x'.repeat(10_001), '😀',
  gid('Hardware', 'not-a-uuid'), gid('Hardware', "'; DROP TABLE asset; --"), gid('Hardware', ''), gid('Nope', randomUUID()), gid('', randomUUID()),
  gid('hardware', randomUUID()), gid('Hardware', randomUUID()), gid('Person', randomUUID()), gid('Hardware', '00000000-0000-0000-0000-000000000000'),
  Buffer.from(`Hardware:${randomUUID()}`).toString('base64'), `${gid('Hardware', randomUUID())}====`, gid('Hardware', `${randomUUID()}\u0000`), gid('Hardware:Person', randomUUID()),
];

const fixtureIds = () => Object.values(fx);
const idArb = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...GARBAGE_IDS) },
    { weight: 3, arbitrary: fc.constantFrom(...fixtureIds()) },
    // A real object's key under another type name (another kind, another type).
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...fixtureIds()), fc.constantFrom(...ID_TYPES)).map(([id, type]) => gid(type, keyOf(id) ?? '')) },
    { weight: 1, arbitrary: fc.uuid().map((u) => gid('Hardware', u)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  );

/** Hostile strings by family, each family as likely as the others. */
const STRING_FAMILIES: string[][] = [
  ['', ' ', '   \t\n ', '\r\n', '\u200B', '\uFEFF'],
  ['x'.repeat(10_001), 'é'.repeat(201), 'a'.repeat(65), 'a'.repeat(101), 'a'.repeat(2_001), '😀'.repeat(3_000)],
  ['\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\uFFFF', '\u001F', '\u0007'],
  ['👩‍👩‍👧‍👦🏳️‍🌈', '\u202Egnp.exe\u202C', 'مرحبا بالعالم', 'שלום', '１２', 'ＡＢＣ', 'İı', 'ß'],
  ["'; DROP TABLE asset; --", "' OR '1'='1", '"; SELECT pg_sleep(1); --', '%', '_', '\\', '%_\\', '\\x00', '$1', '$$', '::uuid', '"', "'"],
  ['{}', '[]', 'null', 'undefined', 'NaN', 'Infinity', '-0', '1e309', '<script>alert(1)</script>', '${7*7}', '../../../etc/passwd'],
  ['HW-000001', 'EUR', 'eur', 'EURO', 'grace@example.com', 'not-an-email', 'a@b', 'http://', 'javascript:alert(1)', '999.999.999.999', '::1', 'zz:zz:zz:zz:zz:zz', '10.0.0.1/33'],
];

const hostileString = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    ...STRING_FAMILIES.map((family) => fc.constantFrom(...family)),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.constantFrom('%', '_', '\\', "'", '"', '\u0000', ';', '-', '*', '\ud800', 'a', ' '), maxLength: 20 }),
  );

const wrongType = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<unknown>({}, [], [[]], { a: 'b' }, true, false, 0, -1, 1.5, 'x', null, [null], ['a', 1]) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );

const SCALARS: Record<string, () => fc.Arbitrary<unknown>> = {
  String: hostileString,
  ID: idArb,
  Int: () => fc.oneof(fc.constantFrom(...HOSTILE_INTS), fc.integer(), fc.constantFrom('1', '0x10', 'NaN')),
  Float: () => fc.oneof(fc.constantFrom(...HOSTILE_INTS), fc.double({ noNaN: true }), fc.constant('NaN')),
  Boolean: () => fc.constantFrom<unknown>(true, false, 'true', 0, 1, 'yes'),
  Date: () => fc.oneof({ weight: 4, arbitrary: fc.constantFrom<unknown>(...HOSTILE_DATES) }, { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(20250101, 0) }),
  DateTime: () => fc.oneof({ weight: 4, arbitrary: fc.constantFrom<unknown>(...HOSTILE_DATETIMES) }, { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(1e15, 0) }),
  Decimal: () => fc.oneof({ weight: 4, arbitrary: fc.constantFrom<unknown>(...HOSTILE_DECIMALS) }, { weight: 1, arbitrary: fc.double().map(String) }, { weight: 1, arbitrary: fc.bigInt().map(String) }),
  JSONObject: () =>
    fc.oneof(
      fc.constantFrom<unknown>({}, { '\u0000': '\u0000' }, { a: 'x\u0000y' }, { a: 'x\ud800' }, { '\udc00': 1 }, { [`'; DROP TABLE asset; --`]: 1 }, { cores: 2 ** 31 }, { cores: '4' }, { big: 'x'.repeat(20_000) }, [], 'x', 1),
      fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')),
      // Just over the nesting limit, and far over it (the validator's JSON.stringify overflowed the stack).
      fc.constantFrom(33, 1_000).map((depth) => Array.from({ length: depth }).reduce<unknown>((acc) => ({ d: acc }), 1)),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
    ),
};

/** A hostile value for a position of this type: a bad value of the type, a value of another type, or null. */
function hostile(t: TypeRef, depth = 0): fc.Arbitrary<unknown> {
  if (t.kind === 'NON_NULL') return fc.oneof({ weight: 9, arbitrary: hostile(t.ofType as TypeRef, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  if (t.kind === 'LIST') {
    const item = t.ofType as TypeRef;
    return fc.oneof(
      { weight: 3, arbitrary: fc.array(fc.oneof(hostile(item, depth + 1), valid(item)), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.constant([]) },
      // A single value where a list is expected: GraphQL coerces it to a one-item list.
      { weight: 1, arbitrary: hostile(item, depth + 1) },
      { weight: 1, arbitrary: valid(item).map((v) => Array.from({ length: 1_001 }, () => v)) },
      { weight: 1, arbitrary: valid(item).map((v) => [v, v, v]) },
      { weight: 1, arbitrary: wrongType() },
    );
  }
  const type = typeOf(t.name as string);
  const own = (() => {
    switch (type.kind) {
      case 'SCALAR':
        return (SCALARS[type.name] ?? wrongType)();
      case 'ENUM': {
        const values = (type.enumValues ?? []).map((v) => v.name);
        return fc.oneof(
          fc.constantFrom(...values),
          fc.constantFrom('NOT_A_VALUE', '', values[0].toLowerCase(), ` ${values[0]}`, `${values[0]}\u0000`, "'; DROP TABLE asset; --", 'true', 'null'),
        );
      }
      case 'INPUT_OBJECT':
        return depth > 3 ? wrongType() : hostileObject(type, depth + 1);
      default:
        return wrongType();
    }
  })();
  return fc.oneof({ weight: 6, arbitrary: own }, { weight: 1, arbitrary: wrongType() }, { weight: 1, arbitrary: fc.constant(null) });
}

/** An input object whose every field is absent, valid or hostile. */
function hostileObject(type: FullType, depth: number): fc.Arbitrary<unknown> {
  const fields = type.inputFields ?? [];
  return fc
    .tuple(...fields.map((f) => fc.oneof(fc.constant(undefined), valid(f.type, depth), hostile(f.type, depth))))
    .map((values) => Object.fromEntries(fields.map((f, i) => [f.name, values[i]]).filter(([, v]) => v !== undefined)));
}

const VALID_SCALARS: Record<string, () => fc.Arbitrary<unknown>> = {
  String: () => fc.constantFrom('ok', 'Näme', 'x'),
  ID: () => fc.constantFrom(...fixtureIds()),
  Int: () => fc.integer({ min: 1, max: 100 }),
  Float: () => fc.double({ min: 0, max: 100, noNaN: true }),
  Boolean: () => fc.boolean(),
  Date: () => fc.constantFrom('2025-06-30', '2030-01-01'),
  DateTime: () => fc.constantFrom('2025-06-30T12:00:00Z', '2030-01-01T00:00:00.000Z'),
  Decimal: () => fc.constantFrom('1.00', '0', '42.5'),
  JSONObject: () => fc.constant({ k: 'v' }),
};

/** A well-formed value of the type (its required fields only, for input objects). */
function valid(t: TypeRef, depth = 0): fc.Arbitrary<unknown> {
  if (t.kind === 'NON_NULL') return valid(t.ofType as TypeRef, depth);
  if (t.kind === 'LIST') return fc.array(valid(t.ofType as TypeRef, depth + 1), { maxLength: 2 });
  const type = typeOf(t.name as string);
  if (type.kind === 'SCALAR') return (VALID_SCALARS[type.name] ?? (() => fc.constant('x')))();
  if (type.kind === 'ENUM') return fc.constantFrom(...(type.enumValues ?? []).map((v) => v.name));
  if (depth > 4) return fc.constant({});
  const fields = (type.inputFields ?? []).filter(required);
  return fc.tuple(...fields.map((f) => valid(f.type, depth + 1))).map((values) => Object.fromEntries(fields.map((f, i) => [f.name, values[i]])));
}

/** A fixed valid value of a type: the generic base of a field without a hand-written one. */
const sampleValid = (t: TypeRef): unknown => fc.sample(valid(t), { numRuns: 1, seed: SEED })[0];

interface FieldPath { path: string[]; type: TypeRef; parent: string }

const unwrap = (t: TypeRef): TypeRef => (t.kind === 'NON_NULL' ? (t.ofType as TypeRef) : t);

/** Every input field reachable through nested input objects; a list of input objects is entered through its item 0. */
function pathsOf(typeName: string, prefix: string[] = [], depth = 0): FieldPath[] {
  const out: FieldPath[] = [];
  for (const f of typeOf(typeName).inputFields ?? []) {
    const path = [...prefix, f.name];
    out.push({ path, type: f.type, parent: typeName });
    if (depth >= 3) continue;
    const inner = unwrap(f.type);
    const item = inner.kind === 'LIST' ? unwrap(inner.ofType as TypeRef) : null;
    if (inner.kind === 'INPUT_OBJECT') out.push(...pathsOf(inner.name as string, path, depth + 1));
    else if (item?.kind === 'INPUT_OBJECT') out.push(...pathsOf(item.name as string, [...path, '0'], depth + 1));
  }
  return out;
}

type Edit = { path: string[]; op: 'set'; value: unknown } | { path: string[]; op: 'delete' };

/** Applies edits to a copy; missing intermediate objects (and list items) are filled with valid required fields. */
function applyEdits(base: Record<string, unknown>, edits: Edit[], rootType: string): Record<string, unknown> {
  const copy = structuredClone(base);
  for (const e of edits) {
    let node: Record<string, unknown> = copy;
    let type: TypeRef = { kind: 'INPUT_OBJECT', name: rootType, ofType: null };
    for (const key of e.path.slice(0, -1)) {
      const here = unwrap(type);
      const nextType: TypeRef = here.kind === 'LIST'
        ? (here.ofType as TypeRef)
        : ((typeOf(here.name as string).inputFields ?? []).find((f) => f.name === key) as InputValue).type;
      const next = node[key];
      if (unwrap(nextType).kind === 'LIST') {
        if (!Array.isArray(next) || next.length === 0) node[key] = [sampleValid(unwrap(nextType).ofType as TypeRef)];
      } else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
        node[key] = sampleValid(nextType);
      }
      node = node[key] as Record<string, unknown>;
      type = nextType;
    }
    const last = e.path[e.path.length - 1];
    if (e.op === 'delete') delete node[last];
    else Object.defineProperty(node, last, { value: e.value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

const editArb = (paths: FieldPath[]): fc.Arbitrary<Edit> =>
  fc.constantFrom(...paths).chain((p) =>
    fc.oneof(
      { weight: 8, arbitrary: hostile(p.type).map((value): Edit => ({ path: p.path, op: 'set', value })) },
      { weight: 1, arbitrary: fc.constant<Edit>({ path: p.path, op: 'delete' }) },
      { weight: 1, arbitrary: fc.constantFrom('unknownField', '__proto__', 'constructor', 'id', '').chain((k) => hostileString().map((value): Edit => ({ path: [...p.path.slice(0, -1), k], op: 'set', value }))) },
    ),
  );

/**
 * How an argument value is built: the base as it is, left out, a fully hostile or random value, or the
 * base with edits. Edits are applied when the call is made, to the base of that moment (a fixture that a
 * previous accepted call used up has been replaced by then).
 */
type Recipe = { use: 'base' } | { use: 'omit' } | { use: 'value'; value: unknown } | { use: 'edits'; edits: Edit[] };

function recipeArb(t: TypeRef, base: unknown): fc.Arbitrary<Recipe> {
  const name = named(t);
  const editable = typeOf(name).kind === 'INPUT_OBJECT' && base !== null && typeof base === 'object' && !Array.isArray(base);
  const options: Array<fc.WeightedArbitrary<Recipe>> = [
    { weight: 1, arbitrary: fc.constant<Recipe>({ use: 'base' }) },
    { weight: 1, arbitrary: fc.constant<Recipe>({ use: 'omit' }) },
    { weight: 2, arbitrary: hostile(t).map((value): Recipe => ({ use: 'value', value })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), fc.jsonValue({ maxDepth: 2 }))
        .map((value): Recipe => ({ use: 'value', value })),
    },
  ];
  if (editable) {
    // Mostly one field at a time, so that a value refused by GraphQL does not hide one that reaches the service.
    const edits = fc.oneof({ weight: 3, arbitrary: editArb(pathsOf(name)).map((e) => [e]) }, { weight: 1, arbitrary: fc.array(editArb(pathsOf(name)), { minLength: 2, maxLength: 3 }) });
    options.push({ weight: 12, arbitrary: edits.map((list): Recipe => ({ use: 'edits', edits: list })) });
  }
  return fc.oneof(...options);
}

function resolve(recipe: Recipe, t: TypeRef, base: unknown): unknown {
  switch (recipe.use) {
    case 'base': return base;
    case 'omit': return undefined;
    case 'value': return recipe.value;
    case 'edits': return applyEdits(base as Record<string, unknown>, recipe.edits, named(t));
  }
}

// ---------------------------------------------------------------------------------------------
// Sending, and what every answer must look like
// ---------------------------------------------------------------------------------------------

const NAME_RE = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A GraphQL literal for a value at a position of type `t` (enum names bare, strings JSON-escaped). */
function literal(value: unknown, t: TypeRef | null): string {
  const inner = t && t.kind === 'NON_NULL' ? (t.ofType as TypeRef) : t;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const item = inner && inner.kind === 'LIST' ? (inner.ofType as TypeRef) : inner;
    return `[${value.map((v) => literal(v, item)).join(', ')}]`;
  }
  const type = inner && inner.kind !== 'LIST' ? types.get(inner.name as string) : undefined;
  if (typeof value === 'string') {
    if (type?.kind === 'ENUM' && NAME_RE.test(value) && !['true', 'false', 'null'].includes(value)) return value;
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const fields = new Map((type?.inputFields ?? []).map((f) => [f.name, f.type]));
    const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => NAME_RE.test(k));
    return `{ ${entries.map(([k, v]) => `${k}: ${literal(v, fields.get(k) ?? null)}`).join(', ')} }`;
  }
  return JSON.stringify(String(value));
}

interface Answer {
  status: number;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | null;
}

async function send(query: string, variables: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: Answer['body'] = null;
  try {
    body = JSON.parse(text);
  } catch {
    // left null: checked below
  }
  return { status: res.status, text, body };
}

const STACK_RES = [/\n\s+at /, /\bat [\w$.<>]+ \(/, /node_modules/, /\.(ts|js):\d+/, /\/(work|home|usr|opt|tmp|src|app)\/[\w./-]+/, /stacktrace/i, /QueryFailedError|TypeError|ReferenceError|RangeError|SyntaxError:/, /duplicate key value|violates (check|foreign key|unique|not-null) constraint|relation "|column "|invalid input syntax for|invalid byte sequence|SQLSTATE/];

/** Never a 5xx, never an internal error, never internals in what the caller reads about a failure. */
function assertClean(label: string, a: Answer): void {
  const where = `${label}\n→ HTTP ${a.status} ${a.text.slice(0, 1_500)}`;
  if (a.status >= 500) throw new Error(`5xx answer: ${where}`);
  if (!a.body || typeof a.body !== 'object') throw new Error(`answer is not JSON: ${where}`);
  const errors = a.body.errors ?? [];
  for (const e of errors) {
    const code = e.extensions?.code;
    if (!code) throw new Error(`error without a code: ${where}`);
    if (code === 'INTERNAL_SERVER_ERROR') throw new Error(`INTERNAL_SERVER_ERROR: ${where}`);
  }
  // Messages about failures (top-level errors and userErrors) must not carry internals; data echoes input.
  const messages = [...errors.map((e) => e.message), ...allUserErrorsOf(a).map((u) => u.message)].join('\n');
  for (const re of STACK_RES) if (re.test(messages)) throw new Error(`internals leak (${re}): ${where}`);
  if (a.status !== 200 && errors.length === 0) throw new Error(`non-200 without errors: ${where}`);
}

interface UserErrorShape { field: string[] | null; code: string; message: string }

/** Every userErrors list anywhere in the data (per-item ones of batch mutations too). */
function allUserErrorsOf(a: Answer): UserErrorShape[] {
  const out: UserErrorShape[] = [];
  const stack: unknown[] = [a.body?.data];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'userErrors' && Array.isArray(x)) out.push(...(x as UserErrorShape[]));
        else stack.push(x);
      }
    }
  }
  return out;
}

/** The userErrors of the root payloads: with any, the call as a whole was refused. */
function userErrorsOf(a: Answer): UserErrorShape[] {
  const data = a.body?.data;
  if (!data) return [];
  return Object.values(data).flatMap((v) => (v && typeof v === 'object' && Array.isArray((v as { userErrors?: unknown }).userErrors) ? (v as { userErrors: UserErrorShape[] }).userErrors : []));
}

const TABLES = [
  'asset', 'person', 'department', 'location', 'vendor', 'contract', 'contract_asset', 'maintenance_record', 'custody_event',
  'license_seat', 'disposal', 'physical_audit', 'audit_entry', 'asset_external_ref', 'asset_relation',
];
/** Row counts of every register table and a digest of every row but the audit log's, in one statement. */
const SNAPSHOT_SQL = `SELECT json_build_object(${TABLES.map((t) => `'${t}', (SELECT count(*) FROM ${t})`).join(', ')}) AS counts,
  json_build_object(${TABLES.filter((t) => t !== 'audit_entry').map((t) => `'${t}', (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${t} x)`).join(', ')}) AS digests`;
const snapshot = async () => (await app.sql<{ counts: Record<string, number>; digests: Record<string, string> }>(SNAPSHOT_SQL))[0];

let calls = 0;
const outcomes = new Map<string, number>();
/** Sends one call, checks the answer and, when it was refused, that nothing was written. */
async function probe(label: string, query: string, variables: Record<string, unknown>): Promise<{ refused: boolean; answer: Answer }> {
  const before = await snapshot();
  const answer = await send(query, variables);
  calls += 1;
  const where = `${label}\nquery: ${query.slice(0, 600)}\nvariables: ${JSON.stringify(variables).slice(0, 1_500)}`;
  assertClean(where, answer);
  const refused = (answer.body?.errors?.length ?? 0) > 0 || userErrorsOf(answer).length > 0;
  const outcome = answer.body?.errors?.length ? `error ${answer.body.errors[0].extensions?.code}` : refused ? `userError ${userErrorsOf(answer)[0].code}` : 'accepted';
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  if (refused) {
    const after = await snapshot();
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      const changed = TABLES.filter((t) => after.counts[t] !== before.counts[t] || after.digests[t] !== before.digests[t]);
      throw new Error(`refused call wrote to ${changed.join(', ')}: ${where}\n→ ${answer.text.slice(0, 1_000)}`);
    }
  }
  return { refused, answer };
}

interface CallSpec { literalMode: boolean; args: Record<string, unknown> }
interface HostileCall { literalMode: boolean; recipes: Recipe[] }

/** One argument (sometimes two) made hostile, the others as in the base, so that each reaches the resolver often. */
const callArb = (field: FieldDef, base: Record<string, unknown>): fc.Arbitrary<HostileCall> => {
  const hot = fc.tuple(...field.args.map((a) => recipeArb(a.type, base[a.name])));
  const picks = fc.uniqueArray(fc.nat({ max: field.args.length - 1 }), { minLength: 1, maxLength: Math.min(2, field.args.length) });
  return fc.record({
    // A quarter of the calls write the arguments into the query text instead of sending variables.
    literalMode: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    recipes: fc.tuple(hot, picks).map(([recipes, chosen]) => recipes.map((r, i): Recipe => (chosen.includes(i) ? r : { use: 'base' }))),
  });
};

const callSpec = (field: FieldDef, call: HostileCall, base: Record<string, unknown>): CallSpec => ({
  literalMode: call.literalMode,
  args: Object.fromEntries(field.args.map((a, i) => [a.name, resolve(call.recipes[i], a.type, base[a.name])])),
});

/** Builds the operation for one root field, with arguments as variables or written into the query. */
function operation(kind: 'query' | 'mutation', field: FieldDef, spec: CallSpec, sel: string): { query: string; variables: Record<string, unknown> } {
  const present = field.args.filter((a) => spec.args[a.name] !== undefined);
  if (spec.literalMode) {
    const args = present.map((a) => `${a.name}: ${literal(spec.args[a.name], a.type)}`).join(', ');
    return { query: `${kind} { r: ${field.name}${args ? `(${args})` : ''} { ${sel} } }`, variables: {} };
  }
  const defs = present.map((a) => `$${a.name}: ${typeText(a.type)}`).join(', ');
  const args = present.map((a) => `${a.name}: $${a.name}`).join(', ');
  return {
    query: `${kind}${defs ? `(${defs})` : ''} { r: ${field.name}${args ? `(${args})` : ''} { ${sel} } }`,
    variables: Object.fromEntries(present.map((a) => [a.name, spec.args[a.name]])),
  };
}

/** Each field gets its own seed derived from FC_SEED and its name, so that fields do not draw the same choices. */
function seedFor(name: string): number {
  let h = SEED;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

function failureReport<T>(name: string, details: fc.RunDetails<T>): string {
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return `${name}: failed after ${details.numRuns} runs (replay: FC_SEED=${SEED} FC_RUNS=${RUNS}; field seed ${details.seed}, path ${details.counterexamplePath})\n${cause.slice(0, 4_000)}`;
}

const baseFor = (field: FieldDef): Record<string, unknown> => {
  const hand = BASES[field.name];
  if (hand) return { input: hand() };
  return Object.fromEntries(field.args.filter(required).map((a) => [a.name, sampleValid(a.type)]));
};

// ---------------------------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  app = await startTestApp();
  token = app.token();
  const schema = ok(await app.gql(INTROSPECTION)).__schema;
  for (const t of schema.types as FullType[]) types.set(t.name, t);
  mutationFields = typeOf(schema.mutationType.name).fields ?? [];
  queryFields = typeOf(schema.queryType.name).fields ?? [];
  await createFixtures();
}, 120_000);
afterAll(async () => {
  if (calls) console.info(`hostile-input: ${calls} calls (FC_SEED=${SEED} FC_RUNS=${RUNS}), outcomes:`, Object.fromEntries(outcomes));
  await app?.close();
});

describe('coverage', () => {
  test('every mutation of the schema has a valid base input here, and only those', () => {
    expect(Object.keys(BASES).sort()).toEqual(mutationFields.map((f) => f.name).sort());
  });

  test('every root query field with arguments has valid base arguments here, and only those', () => {
    expect(Object.keys(QUERY_BASES).sort()).toEqual(queryFields.filter((f) => f.args.length > 0).map((f) => f.name).sort());
  });

  test('each base input is accepted as it is (so that a refusal below is caused by the hostile value)', async () => {
    for (const field of mutationFields.filter((f) => BASES[f.name])) {
      const sel = selection(named(field.type), 0);
      const { query, variables } = operation('mutation', field, { literalMode: false, args: baseFor(field) }, sel);
      const { refused, answer } = await probe(field.name, query, variables);
      expect({ mutation: field.name, refused, errors: answer.body?.errors, userErrors: userErrorsOf(answer) }).toEqual({ mutation: field.name, refused: false, errors: undefined, userErrors: [] });
      await REFRESH[field.name]?.();
    }
    for (const field of queryFields.filter((f) => QUERY_BASES[f.name])) {
      const { query, variables } = operation('query', field, { literalMode: false, args: QUERY_BASES[field.name]() }, selection(named(field.type), 0));
      const { refused, answer } = await probe(field.name, query, variables);
      expect({ query: field.name, refused, errors: answer.body?.errors }).toEqual({ query: field.name, refused: false, errors: undefined });
    }
  }, 60_000);
});

describe('invalid global IDs are clean errors', () => {
  /** Input fields that hold global IDs, with a real object's ID that the field must refuse (another kind or type). */
  function idPaths(inputType: string): FieldPath[] {
    return pathsOf(inputType).filter((p) => named(p.type) === 'ID');
  }
  const ANOTHER_KIND: Record<string, () => string> = {
    updateHardware: () => fx.lic, updateSoftwareLicense: () => fx.hw, updateNetworkDevice: () => fx.cloud, updateCloudResource: () => fx.net,
    updateVirtualMachine: () => fx.data, updateDataAsset: () => fx.vm, updateCertificate: () => fx.hw,
    updatePerson: () => fx.dept, updateDepartment: () => fx.p1, updateLocation: () => fx.vendor, updateVendor: () => fx.loc, updateContract: () => fx.vendor,
  };
  const anotherKindFor = (mutation: string, p: FieldPath): string | null => {
    const last = p.path[p.path.length - 1];
    if (last === 'id') return ANOTHER_KIND[mutation]?.() ?? null;
    if (last === 'licenseId') return fx.hw;
    if (last === 'hostId') return fx.data;
    if (mutation === 'assignLicenseSeat' && last === 'assetId') return fx.lic;
    if (last === 'dataOwnerId') return fx.vendor;
    return null;
  };

  test('garbage, a malformed key, an unknown object, a type no input takes and another kind, on every mutation ID field', async () => {
    const problems: string[] = [];
    const seenPaths = new Map<string, number>();
    for (const field of mutationFields) {
      const inputArg = field.args.find((a) => a.name === 'input');
      if (!inputArg) continue;
      const inputType = named(inputArg.type);
      for (const p of idPaths(inputType)) {
        const isList = (p.type.kind === 'NON_NULL' ? (p.type.ofType as TypeRef) : p.type).kind === 'LIST';
        const cases: Array<[string, string]> = [
          ['garbage', 'not-an-id'],
          ['malformed key', gid('Hardware', 'not-a-uuid')],
          ['unknown object', gid('Hardware', randomUUID())],
          ['unknown type', gid('Nope', randomUUID())],
          ['type no input takes', fx.custodyEvent],
          // One kind's type name with another kind's key: names no object (for asset fields), or the wrong type.
          ['forged kind', gid('Certificate', keyOf(fx.hw))],
        ];
        const other = anotherKindFor(field.name, p);
        if (other) cases.push(['another kind', other]);
        // A field of an input type seen before (PurchaseInput.supplierId, CreateHardwareInput.locationId inside upsertAssets…)
        // gets one case, in turn, and its own kind check.
        const keys = [p.path.join('.'), `${p.parent}.${p.path[p.path.length - 1]}`];
        const seen = Math.max(...keys.map((k) => seenPaths.get(k) ?? 0));
        for (const k of keys) seenPaths.set(k, seen + 1);
        const chosen = seen === 0 ? cases : [cases[seen % (other ? cases.length - 1 : cases.length)], ...(other ? [cases[cases.length - 1]] : [])];
        for (const [what, bad] of chosen) {
          const input = applyEdits(baseFor(field).input as Record<string, unknown>, [{ path: p.path, op: 'set', value: isList ? [bad] : bad }], inputType);
          const sel = errorSelection(named(field.type));
          for (const literalMode of what === 'garbage' || what === 'malformed key' ? [false, true] : [false]) {
            const { query, variables } = operation('mutation', field, { literalMode, args: { input } }, sel);
            const label = `${field.name} ${p.path.join('.')} = ${what}${literalMode ? ' (literal)' : ''}`;
            const { refused, answer } = await probe(label, query, variables);
            // A batch item that failed on its own counts as refused here (the other items may be written).
            const codes = [...allUserErrorsOf(answer).map((u) => u.code), ...(answer.body?.errors ?? []).map((e) => String(e.extensions?.code))];
            if (!codes.length) problems.push(`${label}: accepted`);
            else if (!codes.some((c) => ['NOT_FOUND', 'INVALID', 'REQUIRED', 'BAD_USER_INPUT'].includes(c))) problems.push(`${label}: refused with ${codes.join(', ')}`);
            if (!refused) await REFRESH[field.name]?.();
          }
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  test('every ID argument of a query (filters included) refuses bad IDs as BAD_USER_INPUT or finds nothing', async () => {
    const problems: string[] = [];
    for (const field of queryFields.filter((f) => QUERY_BASES[f.name])) {
      const sel = selection(named(field.type), 0);
      const paths: FieldPath[] = field.args.flatMap((a) => {
        const t = named(a.type);
        return typeOf(t).kind === 'INPUT_OBJECT' ? pathsOf(t, [a.name]) : [{ path: [a.name], type: a.type, parent: field.name }];
      }).filter((p) => named(p.type) === 'ID');
      for (const p of paths) {
        for (const [what, bad] of [['garbage', "'; DROP TABLE asset; --"], ['malformed key', gid('Location', 'not-a-uuid')], ['unknown', gid('Location', randomUUID())], ['type no input takes', fx.custodyEvent]] as const) {
          const args = QUERY_BASES[field.name]();
          const [argName, ...rest] = p.path;
          const isList = (p.type.kind === 'NON_NULL' ? (p.type.ofType as TypeRef) : p.type).kind === 'LIST';
          const value = isList ? [bad] : bad;
          if (rest.length) {
            const argType = field.args.find((a) => a.name === argName) as InputValue;
            args[argName] = applyEdits((args[argName] ?? {}) as Record<string, unknown>, [{ path: rest, op: 'set', value }], named(argType.type));
          } else {
            args[argName] = value;
          }
          const { query, variables } = operation('query', field, { literalMode: false, args }, sel);
          const { answer } = await probe(`${field.name} ${p.path.join('.')} = ${what}`, query, variables);
          const codes = (answer.body?.errors ?? []).map((e) => String(e.extensions?.code));
          if (codes.some((c) => c !== 'BAD_USER_INPUT' && c !== 'NOT_FOUND')) problems.push(`${field.name} ${p.path.join('.')} = ${what}: ${codes.join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  test('node, nodes and asset answer null for IDs that name nothing, and never the wrong kind', async () => {
    const hwKey = keyOf(fx.hw);
    const bad = [...GARBAGE_IDS, fx.custodyEvent ? gid('Hardware', keyOf(fx.custodyEvent)) : 'x', gid('SoftwareLicense', hwKey), gid('Person', hwKey), gid('Hardware', keyOf(fx.lic)), gid('Disposal', hwKey)];
    for (const id of bad) {
      for (const [q, v] of [
        ['query($id: ID!) { node(id: $id) { __typename id } }', { id }],
        ['query($id: ID) { asset(id: $id) { __typename id } }', { id }],
        ['query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids: [id, fx.hw] }],
        ['query($id: ID!) { verifyCustodyChain(assetId: $id) { intact events } }', { id }],
      ] as const) {
        const { answer } = await probe(`${q} ${JSON.stringify(id).slice(0, 60)}`, q, v);
        const data = answer.body?.data ?? {};
        const codes = (answer.body?.errors ?? []).map((e) => e.extensions?.code);
        if (codes.length) expect(codes.every((c) => c === 'BAD_USER_INPUT' || c === 'NOT_FOUND')).toBe(true);
        if ('node' in data) expect(data.node).toBeNull();
        if ('asset' in data) expect(data.asset).toBeNull();
        if ('nodes' in data) expect((data.nodes as Array<{ id: string } | null>).map((n) => n?.id ?? null)).toEqual([null, fx.hw]);
        if ('verifyCustodyChain' in data && data.verifyCustodyChain) throw new Error(`verifyCustodyChain answered for ${id}: ${JSON.stringify(data)}`);
      }
    }
  }, 60_000);
});

describe('regressions found by this suite', () => {
  const NUL = 'a\u0000b';
  const payload = 'userErrors { field code message }';

  test('NUL in text or JSON of a mutation is INVALID at its field, and nothing is written', async () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['createPerson', { ...BASES.createPerson(), displayName: NUL }, ['input', 'displayName']],
      ['createHardware', { ...BASES.createHardware(), customFields: { k: NUL } }, ['input', 'customFields', 'k']],
      ['createHardware', { ...BASES.createHardware(), specs: { [NUL]: 1 } }, ['input', 'specs', NUL]],
      ['createHardware', { ...BASES.createHardware(), tags: ['ok', NUL] }, ['input', 'tags', '1']],
      ['createSoftwareLicense', { ...BASES.createSoftwareLicense(), purchase: { orderNumber: NUL } }, ['input', 'purchase', 'orderNumber']],
      ['updateContract', { ...BASES.updateContract(), title: NUL }, ['input', 'title']],
      ['updateVendor', { ...BASES.updateVendor(), name: NUL }, ['input', 'name']],
      ['createLocation', { ...BASES.createLocation(), address: NUL }, ['input', 'address']],
      ['releaseLicenseSeat', { ...BASES.releaseLicenseSeat(), note: NUL }, ['input', 'note']],
      ['assignLicenseSeat', { ...BASES.assignLicenseSeat(), note: NUL }, ['input', 'note']],
      ['checkOutAsset', { ...BASES.checkOutAsset(), note: NUL }, ['input', 'note']],
      ['changeAssetStatus', { ...BASES.changeAssetStatus(), reason: NUL }, ['input', 'reason']],
      ['recordPhysicalAudit', { ...BASES.recordPhysicalAudit(), note: NUL }, ['input', 'note']],
      ['disposeAsset', { ...BASES.disposeAsset(), certificateOfDisposalNumber: NUL }, ['input', 'certificateOfDisposalNumber']],
    ];
    for (const [name, input, field] of cases) {
      const f = mutationFields.find((m) => m.name === name) as FieldDef;
      // A JSON key is not a GraphQL name: that case goes as variables only.
      for (const literalMode of field.includes(NUL) ? [false] : [false, true]) {
        const { query, variables } = operation('mutation', f, { literalMode, args: { input } }, payload);
        const { refused, answer } = await probe(`${name} ${field.join('.')}`, query, variables);
        expect(refused).toBe(true);
        expect(userErrorsOf(answer)).toContainEqual(expect.objectContaining({ field, code: 'INVALID' }));
      }
    }
  });

  test('NUL in a search or filter argument is BAD_USER_INPUT; asset(assetTag) with NUL is null', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['people', { search: NUL }],
      ['vendors', { search: NUL }],
      ['locations', { search: NUL }],
      ['assets', { filter: { search: NUL } }],
      ['assets', { filter: { tags: [NUL] } }],
      ['contracts', { filter: { search: NUL } }],
      ['auditLog', { filter: { actor: NUL } }],
      ['inventorySummary', { filter: { search: NUL } }],
    ];
    for (const [name, args] of cases) {
      const f = queryFields.find((q) => q.name === name) as FieldDef;
      const { answer } = await probe(name, ...Object.values(operation('query', f, { literalMode: false, args }, selection(named(f.type), 0))) as [string, Record<string, unknown>]);
      expect({ name, codes: (answer.body?.errors ?? []).map((e) => e.extensions?.code) }).toEqual({ name, codes: ['BAD_USER_INPUT'] });
    }
    const { answer } = await probe('asset(assetTag)', 'query($t: String) { asset(assetTag: $t) { id } }', { t: NUL });
    expect(answer.body).toEqual({ data: { asset: null } });
  });

  test('an unpaired UTF-16 surrogate is INVALID at its field (isEmail threw on it), and nothing is written', async () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['createVendor', { ...BASES.createVendor(), contactEmail: 'x\udc00y' }, ['input', 'contactEmail']],
      ['createPerson', { ...BASES.createPerson(), email: 'a@b\ud800.com' }, ['input', 'email']],
      ['updatePerson', { ...BASES.updatePerson(), email: '\ud800' }, ['input', 'email']],
      ['checkOutAsset', { ...BASES.checkOutAsset(), note: 'x\ud800y' }, ['input', 'note']],
      ['createHardware', { ...BASES.createHardware(), customFields: { k: 'x\ud800' } }, ['input', 'customFields', 'k']],
    ];
    for (const [name, input, field] of cases) {
      const f = mutationFields.find((m) => m.name === name) as FieldDef;
      const { query, variables } = operation('mutation', f, { literalMode: false, args: { input } }, 'userErrors { field code message }');
      const { answer } = await probe(`${name} ${field.join('.')}`, query, variables);
      expect(userErrorsOf(answer)).toEqual([expect.objectContaining({ field, code: 'INVALID' })]);
    }
  });

  test('a custody event by a token subject with an unpaired surrogate keeps the chain intact (stored as U+FFFD)', async () => {
    const d = ok(await app.gql('mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { asset { id } custodyEvent { actor } userErrors { code } } }',
      { i: BASES.checkOutAsset() }, { token: app.token(undefined, { sub: 'ops\ud800' }) })).checkOutAsset;
    await REFRESH.checkOutAsset();
    expect(d).toMatchObject({ custodyEvent: { actor: 'ops\ufffd' }, userErrors: [] });
    const v = ok(await app.gql('query($id: ID!) { verifyCustodyChain(assetId: $id) { intact events } }', { id: d.asset.id }));
    expect(v.verifyCustodyChain).toEqual({ intact: true, events: 1 });
  });

  test('a JSON object nested 100,000 levels deep is INVALID at its field, answered at once', async () => {
    const deep = `${'{"d":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const query = 'mutation($i: UpdateHardwareInput!) { updateHardware(input: $i) { asset { id } userErrors { field code message } } }';
    const body = `{"query": ${JSON.stringify(query)}, "variables": {"i": {"id": ${JSON.stringify(fx.uHw)}, "customFields": ${deep}}}}`;
    const before = await snapshot();
    const started = Date.now();
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const text = await res.text();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(200);
    expect(JSON.parse(text).data.updateHardware.userErrors).toEqual([expect.objectContaining({ field: ['input', 'customFields'], code: 'INVALID' })]);
    expect(await snapshot()).toEqual(before);
  });

  test('a contract whose renewal decision day would fall before 0001-01-01 is INVALID (it could never be read back)', async () => {
    const sel = 'contract { id renewalDecisionBy } userErrors { field code message }';
    const create = mutationFields.find((m) => m.name === 'createContract') as FieldDef;
    const update = mutationFields.find((m) => m.name === 'updateContract') as FieldDef;
    const cases: Array<[FieldDef, Record<string, unknown>, string[]]> = [
      [create, { ...BASES.createContract(), startsOn: null, endsOn: '0001-01-10', noticePeriodDays: 30 }, ['input', 'endsOn']],
      [create, { ...BASES.createContract(), renewsOn: '0001-01-01', noticePeriodDays: 1 }, ['input', 'renewsOn']],
      [update, { id: fx.uContract, renewsOn: '0001-02-01', noticePeriodDays: 40 }, ['input', 'renewsOn']],
    ];
    for (const [f, input, field] of cases) {
      const { query, variables } = operation('mutation', f, { literalMode: false, args: { input } }, sel);
      const { answer } = await probe(f.name, query, variables);
      expect(userErrorsOf(answer)).toEqual([expect.objectContaining({ field, code: 'INVALID' })]);
    }
    // The earliest day that works is accepted and reads back.
    const { query, variables } = operation('mutation', create, { literalMode: false, args: { input: { ...BASES.createContract(), startsOn: null, endsOn: '0001-01-31', noticePeriodDays: 30 } } }, sel);
    const { answer } = await probe('createContract', query, variables);
    expect((answer.body?.data?.r as { contract: { renewalDecisionBy: string } }).contract.renewalDecisionBy).toBe('0001-01-01');
  });

  test('verifyCustodyChain answers null for an ID of another kind with a real key', async () => {
    const forged = gid('SoftwareLicense', keyOf(fx.ciAsset));
    const d = ok(await app.gql('query($a: ID!, $b: ID!) { a: verifyCustodyChain(assetId: $a) { intact } b: verifyCustodyChain(assetId: $b) { intact } }', { a: forged, b: fx.ciAsset }));
    expect(d).toEqual({ a: null, b: { intact: true } });
  });
});

describe('hostile values never cause a 500, a stack trace or a partial write', () => {
  test('every mutation input', async () => {
    const failures: string[] = [];
    for (const field of mutationFields) {
      const sel = selection(named(field.type), 0);
      const details = await fc.check(
        fc.asyncProperty(callArb(field, baseFor(field)), async (call) => {
          const { query, variables } = operation('mutation', field, callSpec(field, call, baseFor(field)), sel);
          const { refused, answer } = await probe(field.name, query, variables);
          if (refused) return;
          // What was accepted is stored as it will be read back: a custody event it wrote keeps the chain intact.
          const payload = answer.body?.data?.r as { asset?: { id: string } | null; custodyEvent?: unknown } | undefined;
          if (payload?.custodyEvent && payload.asset) {
            const v = ok(await app.gql('query($id: ID!) { verifyCustodyChain(assetId: $id) { intact brokenAtSequence } }', { id: payload.asset.id }));
            if (!v.verifyCustodyChain?.intact) throw new Error(`custody chain broken after ${field.name}: ${JSON.stringify(variables).slice(0, 1_500)}`);
          }
          await REFRESH[field.name]?.();
        }),
        { numRuns: RUNS, seed: seedFor(field.name), endOnFailure: !SHRINK },
      );
      if (details.failed) failures.push(failureReport(field.name, details));
    }
    expect(failures).toEqual([]);
  }, 600_000);

  test('every root query field with arguments, forged cursors included', async () => {
    // Real cursors of each list, and forged ones with hostile values in place of the key.
    const cursors: string[] = [];
    for (const f of queryFields) {
      if (!named(f.type).endsWith('Connection') || f.args.some(required) || !f.args.some((a) => a.name === 'first')) continue;
      const d = ok(await app.gql(`{ r: ${f.name}(first: 1) { pageInfo { endCursor } } }`));
      const c = d.r.pageInfo.endCursor as string | null;
      if (!c) continue;
      const [order, , id] = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as [string, string | null, string];
      for (const v of ["'; DROP TABLE asset; --", '\u0000', 'x'.repeat(700), '99999-01-01', '1e400', '', '%', '\ud800']) {
        cursors.push(Buffer.from(JSON.stringify([order, v, id])).toString('base64url'));
      }
      cursors.push(c, Buffer.from(JSON.stringify([order, null, randomUUID()])).toString('base64url'), Buffer.from(JSON.stringify(['other', null, id])).toString('base64url'));
    }
    expect(cursors.length).toBeGreaterThan(0);
    const cursorArb = fc.oneof(hostileString(), fc.constantFrom(...cursors));
    const queryBase = (field: FieldDef) => QUERY_BASES[field.name]?.() ?? Object.fromEntries(field.args.filter(required).map((a) => [a.name, sampleValid(a.type)]));

    const failures: string[] = [];
    for (const field of queryFields.filter((f) => f.args.length > 0)) {
      const sel = selection(named(field.type), 0);
      const cursorArgs = field.args.filter((a) => a.name === 'after' || a.name === 'before').map((a) => a.name);
      const arb: fc.Arbitrary<{ call: HostileCall; cursor: { name: string; value: unknown } | null }> = fc.oneof(
        { weight: 4, arbitrary: callArb(field, queryBase(field)).map((call) => ({ call, cursor: null })) },
        ...(cursorArgs.length
          ? [{
            weight: 1,
            arbitrary: fc.record({
              call: fc.record({ literalMode: fc.boolean(), recipes: fc.constant(field.args.map((): Recipe => ({ use: 'base' }))) }),
              cursor: fc.record({ name: fc.constantFrom(...cursorArgs), value: cursorArb }),
            }),
          }]
          : []),
      );
      const details = await fc.check(
        fc.asyncProperty(arb, async ({ call, cursor }) => {
          const spec = callSpec(field, call, queryBase(field));
          if (cursor) spec.args[cursor.name] = cursor.value;
          const { query, variables } = operation('query', field, spec, sel);
          await probe(field.name, query, variables);
        }),
        { numRuns: RUNS, seed: seedFor(field.name), endOnFailure: !SHRINK },
      );
      if (details.failed) failures.push(failureReport(field.name, details));
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
