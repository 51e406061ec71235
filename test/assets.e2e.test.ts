/**
 * End-to-end tests of the asset mutations and reads: real HTTP, real PostgreSQL.
 *
 * One service and one fresh database for the whole file. Tests in a describe
 * block run in order and some build on what earlier ones created (noted where so).
 */
import jwt from 'jsonwebtoken';
import { ok, Role, startTestApp, TEST_JWT_SECRET, type GqlResult, type TestApp } from './support/test-app';

let app: TestApp;

// ------------------------------------------------------------------ helpers

const FRAGMENTS = /* GraphQL */ `
  fragment CommonFields on Asset {
    id __typename kind assetTag name description status tags customFields
    location { id name }
    department { id name code }
    purchase { orderedOn receivedOn cost { amount currency } supplier { id name } orderNumber invoiceNumber }
    warranty { endsOn provider { id name } status daysRemaining }
    depreciation { method usefulLifeMonths salvageValue inServiceOn }
    expiresOn
    externalRefs { source externalId }
    createdAt updatedAt version
  }
  fragment KindFields on Asset {
    ... on Hardware { category manufacturer model serialNumber dataBearing specs }
    ... on SoftwareLicense { publisher product softwareVersion licenseType metric seatsTotal allowOverallocation licenseKey }
    ... on NetworkDevice { deviceType manufacturer model serialNumber firmwareVersion managementIp macAddress portCount lastSeenAt }
    ... on CloudResource { provider serviceModel resourceType region accountId externalResourceId monthlyCost { amount currency } }
    ... on VirtualMachine {
      host { id __typename assetTag }
      hypervisor vcpus memoryMib storageGib operatingSystem powerState ipAddresses lastBackupAt
    }
    ... on DataAsset {
      classification dataCategory containsPersonalData storedOn { id __typename assetTag } retentionUntil backupPolicy
      dataOwner { id displayName }
    }
    ... on Certificate {
      commonName subjectAltNames issuer serialNumber notBefore notAfter fingerprintSha256 keyAlgorithm
      installedOn { id __typename assetTag }
    }
  }
`;

interface UserErr {
  field: string[] | null;
  code: string;
  message: string;
}

type Asset = Record<string, any>;

/** createHardware → CreateHardwareInput */
const inputTypeOf = (mutation: string): string => `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;

/** Runs an asset create/update mutation selecting every field; returns the raw response. */
function mutate(mutation: string, input: Record<string, unknown>, roles?: Role[]): Promise<GqlResult> {
  return app.gql(
    `mutation M($input: ${inputTypeOf(mutation)}!) {
       ${mutation}(input: $input) { asset { ...CommonFields ...KindFields } userErrors { field code message } }
     } ${FRAGMENTS}`,
    { input },
    roles ? { roles } : {},
  );
}

/** A mutation that must succeed: no GraphQL errors and no userErrors. */
async function mustMutate(mutation: string, input: Record<string, unknown>, roles?: Role[]): Promise<Asset> {
  const data = ok(await mutate(mutation, input, roles));
  const payload = data[mutation];
  expect(payload.userErrors).toEqual([]);
  expect(payload.asset).not.toBeNull();
  return payload.asset;
}

/** A mutation that must be refused as data: asset null and these userErrors. */
async function mustFail(mutation: string, input: Record<string, unknown>): Promise<UserErr[]> {
  const data = ok(await mutate(mutation, input));
  const payload = data[mutation];
  expect(payload.asset).toBeNull();
  expect(payload.userErrors.length).toBeGreaterThan(0);
  return payload.userErrors;
}

async function readById(id: string): Promise<Asset | null> {
  const data = ok(await app.gql(`query($id: ID) { asset(id: $id) { ...CommonFields ...KindFields } } ${FRAGMENTS}`, { id }));
  return data.asset;
}

async function readByTag(assetTag: string): Promise<Asset | null> {
  const data = ok(await app.gql(`query($t: String) { asset(assetTag: $t) { ...CommonFields ...KindFields } } ${FRAGMENTS}`, { t: assetTag }));
  return data.asset;
}

async function readNode(id: string): Promise<Asset | null> {
  const data = ok(await app.gql(`query($id: ID!) { node(id: $id) { id __typename ...CommonFields ...KindFields } } ${FRAGMENTS}`, { id }));
  return data.node;
}

async function assetCount(): Promise<number> {
  const [r] = await app.sql<{ n: number }>('SELECT count(*)::int AS n FROM asset');
  return r.n;
}

/** The stored row of an asset by tag, for before/after comparisons. */
async function rowByTag(tag: string): Promise<Record<string, any>> {
  const rows = await app.sql('SELECT * FROM asset WHERE asset_tag = $1', [tag]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

/** The database key inside an opaque global ID (only for SQL cross-checks in this test). */
const keyOf = (globalId: string): string => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
/** A well-formed global ID of `type` naming a row that does not exist. */
const missingId = (type: string): string => Buffer.from(`${type}:00000000-0000-4000-8000-000000000000`, 'utf8').toString('base64url');
/** A global ID of `type` around another object's key (a forged type). */
const retype = (globalId: string, type: string): string => Buffer.from(`${type}:${keyOf(globalId)}`, 'utf8').toString('base64url');

const DAY_MS = 86_400_000;
/** Today (UTC) plus `days`, as YYYY-MM-DD. */
const dayFromToday = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

// The references every asset can point at, created through their own mutations.
const refs = {
  location: '', location2: '', department: '', department2: '', supplier: '', warrantyProvider: '', person: '', person2: '',
};

async function createVendor(name: string, roles: string[]): Promise<string> {
  const d = ok(await app.gql(`mutation($i: CreateVendorInput!) { createVendor(input: $i) { vendor { id name roles } userErrors { field code } } }`,
    { i: { name, roles } }));
  expect(d.createVendor.userErrors).toEqual([]);
  expect(d.createVendor.vendor.roles).toEqual(expect.arrayContaining(roles));
  return d.createVendor.vendor.id;
}

async function createLocation(name: string, kind: string): Promise<string> {
  const d = ok(await app.gql(`mutation($i: CreateLocationInput!) { createLocation(input: $i) { location { id name kind } userErrors { field code } } }`,
    { i: { name, kind } }));
  expect(d.createLocation.userErrors).toEqual([]);
  expect(d.createLocation.location.kind).toBe(kind);
  return d.createLocation.location.id;
}

async function createDepartment(name: string, code: string): Promise<string> {
  const d = ok(await app.gql(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { department { id name code } userErrors { field code } } }`,
    { i: { name, code } }));
  expect(d.createDepartment.userErrors).toEqual([]);
  expect(d.createDepartment.department.code).toBe(code);
  return d.createDepartment.department.id;
}

async function createPerson(displayName: string, email: string): Promise<string> {
  const d = ok(await app.gql(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id displayName email } userErrors { field code } } }`,
    { i: { displayName, email } }));
  expect(d.createPerson.userErrors).toEqual([]);
  expect(d.createPerson.person.email).toBe(email);
  return d.createPerson.person.id;
}

beforeAll(async () => {
  app = await startTestApp();
  refs.location = await createLocation('HQ Datacenter', 'DATACENTER');
  refs.location2 = await createLocation('Branch Office', 'BUILDING');
  refs.department = await createDepartment('Information Technology', 'IT');
  refs.department2 = await createDepartment('Finance', 'FIN');
  refs.supplier = await createVendor('Acme Supplies', ['SUPPLIER']);
  refs.warrantyProvider = await createVendor('Dell Services', ['MANUFACTURER', 'SERVICE_PROVIDER']);
  refs.person = await createPerson('Ada Lovelace', 'ada@example.com');
  refs.person2 = await createPerson('Grace Hopper', 'grace@example.com');
});

afterAll(async () => {
  await app?.close();
});

// ------------------------------------------------------------------ the seven kinds, field by field

/** The fields every kind shares, all given. */
function commonInput(extRef: string) {
  return {
    description: '  Primary production unit  ',
    tags: ['prod', 'critical', 'prod'],
    customFields: { costCenter: 'CC-100', rack: { row: 4, unit: 12 }, audited: true },
    locationId: refs.location,
    departmentId: refs.department,
    purchase: {
      orderedOn: '2024-01-10',
      receivedOn: '2024-01-15',
      cost: { amount: '1299.00', currency: 'EUR' },
      supplierId: refs.supplier,
      orderNumber: 'PO-2024-001',
      invoiceNumber: 'INV-77',
    },
    warranty: { endsOn: dayFromToday(400), providerId: refs.warrantyProvider },
    depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 36, salvageValue: '100.00', inServiceOn: '2024-02-01' },
    externalRefs: [{ source: 'intune', externalId: extRef }, { source: 'cmdb', externalId: `${extRef}-c` }],
  };
}

/** What the common fields read back as. */
function expectCommon(a: Asset, extRef: string) {
  expect(a.description).toBe('Primary production unit');
  expect(a.tags).toEqual(['prod', 'critical']);
  expect(a.customFields).toEqual({ costCenter: 'CC-100', rack: { row: 4, unit: 12 }, audited: true });
  expect(a.location).toEqual({ id: refs.location, name: 'HQ Datacenter' });
  expect(a.department).toEqual({ id: refs.department, name: 'Information Technology', code: 'IT' });
  expect(a.purchase).toEqual({
    orderedOn: '2024-01-10',
    receivedOn: '2024-01-15',
    cost: { amount: '1299.00', currency: 'EUR' },
    supplier: { id: refs.supplier, name: 'Acme Supplies' },
    orderNumber: 'PO-2024-001',
    invoiceNumber: 'INV-77',
  });
  expect(a.warranty).toEqual({
    endsOn: dayFromToday(400), provider: { id: refs.warrantyProvider, name: 'Dell Services' }, status: 'ACTIVE', daysRemaining: 400,
  });
  expect(a.depreciation).toEqual({ method: 'STRAIGHT_LINE', usefulLifeMonths: 36, salvageValue: '100.00', inServiceOn: '2024-02-01' });
  expect(a.externalRefs).toEqual([{ source: 'cmdb', externalId: `${extRef}-c` }, { source: 'intune', externalId: extRef }]);
  expect(a.status).toBe('IN_STOCK');
  expect(a.version).toBe(1);
  expect(Date.parse(a.createdAt)).toBeGreaterThan(Date.now() - 60_000);
  expect(a.createdAt).toMatch(/Z$/);
}

interface KindSpec {
  typename: string;
  kind: string;
  prefix: string;
  create: () => Record<string, unknown>;
  /** Kind-specific fields as they must read back after create. */
  expected: () => Record<string, unknown>;
  /** The update's kind-specific changes, and what they read back as. */
  update: () => Record<string, unknown>;
  updated: () => Record<string, unknown>;
  /** The stored columns after the update, checked with SQL. */
  updatedRow: Record<string, unknown>;
}

/** Assets created by the per-kind tests, by typename (later kinds refer to earlier ones). */
const created: Record<string, Asset> = {};

const KINDS: KindSpec[] = [
  {
    typename: 'Hardware',
    kind: 'HARDWARE',
    prefix: 'HW',
    create: () => ({
      name: 'db-server-01', category: 'SERVER', manufacturer: 'Dell', model: 'PowerEdge R750', serialNumber: 'SN-R750-001',
      dataBearing: true, specs: { cpu: 'Xeon Gold 6338', ramGb: 512, disks: ['nvme0', 'nvme1'] },
    }),
    expected: () => ({
      category: 'SERVER', manufacturer: 'Dell', model: 'PowerEdge R750', serialNumber: 'SN-R750-001', dataBearing: true,
      specs: { cpu: 'Xeon Gold 6338', ramGb: 512, disks: ['nvme0', 'nvme1'] },
    }),
    update: () => ({ model: 'PowerEdge R760', dataBearing: false, specs: { cpu: 'Xeon Gold 6430' } }),
    updated: () => ({ model: 'PowerEdge R760', dataBearing: false, specs: { cpu: 'Xeon Gold 6430' }, category: 'SERVER', serialNumber: 'SN-R750-001' }),
    updatedRow: { model: 'PowerEdge R760', data_bearing: false, hw_category: 'SERVER' },
  },
  {
    typename: 'SoftwareLicense',
    kind: 'SOFTWARE_LICENSE',
    prefix: 'SW',
    create: () => ({
      name: 'Office 365 E3', publisher: 'Microsoft', product: 'Microsoft 365 E3', softwareVersion: '2024', licenseType: 'SUBSCRIPTION',
      metric: 'PER_USER', seatsTotal: 250, allowOverallocation: true, licenseKey: 'AAAAA-BBBBB-CCCCC', expiresOn: '2027-06-30',
    }),
    expected: () => ({
      publisher: 'Microsoft', product: 'Microsoft 365 E3', softwareVersion: '2024', licenseType: 'SUBSCRIPTION', metric: 'PER_USER',
      seatsTotal: 250, allowOverallocation: true, licenseKey: 'AAAAA-BBBBB-CCCCC', expiresOn: '2027-06-30',
    }),
    update: () => ({ seatsTotal: 300, metric: 'PER_DEVICE', allowOverallocation: false, expiresOn: '2028-06-30' }),
    updated: () => ({ seatsTotal: 300, metric: 'PER_DEVICE', allowOverallocation: false, expiresOn: '2028-06-30', product: 'Microsoft 365 E3' }),
    updatedRow: { seats_total: 300, license_metric: 'PER_DEVICE', allow_overallocation: false, license_key: 'AAAAA-BBBBB-CCCCC' },
  },
  {
    typename: 'NetworkDevice',
    kind: 'NETWORK_DEVICE',
    prefix: 'NET',
    create: () => ({
      name: 'core-switch-1', deviceType: 'SWITCH', manufacturer: 'Cisco', model: 'C9300-48P', serialNumber: 'FOC1234X0AB',
      firmwareVersion: '17.9.4', managementIp: '10.20.0.1', macAddress: '00-1A-2B-3C-4D-5E', portCount: 48,
      lastSeenAt: '2025-01-02T03:04:05.000Z',
    }),
    expected: () => ({
      deviceType: 'SWITCH', manufacturer: 'Cisco', model: 'C9300-48P', serialNumber: 'FOC1234X0AB', firmwareVersion: '17.9.4',
      managementIp: '10.20.0.1', macAddress: '00:1a:2b:3c:4d:5e', portCount: 48, lastSeenAt: '2025-01-02T03:04:05.000Z',
    }),
    update: () => ({ managementIp: '2001:db8::1', firmwareVersion: '17.12.1', portCount: 52, macAddress: 'AA:BB:CC:DD:EE:FF' }),
    updated: () => ({ managementIp: '2001:db8::1', firmwareVersion: '17.12.1', portCount: 52, macAddress: 'aa:bb:cc:dd:ee:ff', deviceType: 'SWITCH' }),
    updatedRow: { port_count: 52, firmware_version: '17.12.1', device_type: 'SWITCH' },
  },
  {
    typename: 'CloudResource',
    kind: 'CLOUD_RESOURCE',
    prefix: 'CLD',
    create: () => ({
      name: 'prod-ec2-api', provider: 'AWS', serviceModel: 'IAAS', resourceType: 'ec2:instance', region: 'eu-central-1',
      accountId: '123456789012', externalResourceId: 'arn:aws:ec2:eu-central-1:123456789012:instance/i-0abc',
      monthlyCost: { amount: '250.50', currency: 'USD' }, expiresOn: '2026-12-31',
    }),
    expected: () => ({
      provider: 'AWS', serviceModel: 'IAAS', resourceType: 'ec2:instance', region: 'eu-central-1', accountId: '123456789012',
      externalResourceId: 'arn:aws:ec2:eu-central-1:123456789012:instance/i-0abc', monthlyCost: { amount: '250.50', currency: 'USD' },
      expiresOn: '2026-12-31',
    }),
    update: () => ({ region: 'eu-west-1', monthlyCost: { amount: '99.99', currency: 'EUR' }, serviceModel: 'PAAS' }),
    updated: () => ({ region: 'eu-west-1', monthlyCost: { amount: '99.99', currency: 'EUR' }, serviceModel: 'PAAS', provider: 'AWS' }),
    updatedRow: { region: 'eu-west-1', monthly_cost: '99.99', monthly_cost_currency: 'EUR', service_model: 'PAAS' },
  },
  {
    typename: 'VirtualMachine',
    kind: 'VIRTUAL_MACHINE',
    prefix: 'VM',
    create: () => ({
      name: 'vm-api-01', hostId: created.Hardware.id, hypervisor: 'VMWARE_ESXI', vcpus: 8, memoryMib: 32768, storageGib: 500,
      operatingSystem: 'Ubuntu 24.04', powerState: 'STOPPED', ipAddresses: ['10.20.1.5', '2001:db8::5'],
      lastBackupAt: '2025-03-01T00:00:00.000Z',
    }),
    expected: () => ({
      host: { id: created.Hardware.id, __typename: 'Hardware', assetTag: created.Hardware.assetTag }, hypervisor: 'VMWARE_ESXI', vcpus: 8,
      memoryMib: 32768, storageGib: 500, operatingSystem: 'Ubuntu 24.04', powerState: 'STOPPED', ipAddresses: ['10.20.1.5', '2001:db8::5'],
      lastBackupAt: '2025-03-01T00:00:00.000Z',
    }),
    update: () => ({ hostId: created.CloudResource.id, vcpus: 16, powerState: 'RUNNING', ipAddresses: ['10.20.1.6'] }),
    updated: () => ({
      host: { id: created.CloudResource.id, __typename: 'CloudResource', assetTag: created.CloudResource.assetTag },
      vcpus: 16, powerState: 'RUNNING', ipAddresses: ['10.20.1.6'], memoryMib: 32768,
    }),
    updatedRow: { vcpus: 16, power_state: 'RUNNING', memory_mib: 32768 },
  },
  {
    typename: 'DataAsset',
    kind: 'DATA_ASSET',
    prefix: 'DATA',
    create: () => ({
      name: 'Customer CRM database', classification: 'CONFIDENTIAL', dataCategory: 'CUSTOMER_RECORDS', containsPersonalData: true,
      storedOnIds: [created.CloudResource.id, created.Hardware.id], retentionUntil: '2031-12-31', backupPolicy: 'nightly, 30 days',
      dataOwnerId: refs.person,
    }),
    expected: () => ({
      classification: 'CONFIDENTIAL', dataCategory: 'CUSTOMER_RECORDS', containsPersonalData: true,
      storedOn: [
        { id: created.CloudResource.id, __typename: 'CloudResource', assetTag: created.CloudResource.assetTag },
        { id: created.Hardware.id, __typename: 'Hardware', assetTag: created.Hardware.assetTag },
      ],
      retentionUntil: '2031-12-31', expiresOn: '2031-12-31', backupPolicy: 'nightly, 30 days',
      dataOwner: { id: refs.person, displayName: 'Ada Lovelace' },
    }),
    update: () => ({ storedOnIds: [created.VirtualMachine.id], retentionUntil: '2033-01-31', dataOwnerId: refs.person2, classification: 'RESTRICTED' }),
    updated: () => ({
      storedOn: [{ id: created.VirtualMachine.id, __typename: 'VirtualMachine', assetTag: created.VirtualMachine.assetTag }],
      retentionUntil: '2033-01-31', expiresOn: '2033-01-31', dataOwner: { id: refs.person2, displayName: 'Grace Hopper' },
      classification: 'RESTRICTED', containsPersonalData: true,
    }),
    updatedRow: { classification: 'RESTRICTED', contains_personal_data: true },
  },
  {
    typename: 'Certificate',
    kind: 'CERTIFICATE',
    prefix: 'CERT',
    create: () => ({
      name: 'api.example.com TLS', commonName: 'api.example.com', subjectAltNames: ['api.example.com', 'www.api.example.com'],
      issuer: 'CN=R11,O=Let\'s Encrypt,C=US', serialNumber: '04:AB:CD:EF', notBefore: '2025-01-01T00:00:00.000Z',
      // 23:30 at UTC-5 is 04:30 UTC the next day: expiresOn is the UTC date.
      notAfter: '2027-03-15T23:30:00-05:00',
      fingerprintSha256: 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
      keyAlgorithm: 'ECDSA-P256', installedOnIds: [created.NetworkDevice.id, created.VirtualMachine.id],
    }),
    expected: () => ({
      commonName: 'api.example.com', subjectAltNames: ['api.example.com', 'www.api.example.com'], issuer: 'CN=R11,O=Let\'s Encrypt,C=US',
      serialNumber: '04:AB:CD:EF', notBefore: '2025-01-01T00:00:00.000Z', notAfter: '2027-03-16T04:30:00.000Z', expiresOn: '2027-03-16',
      fingerprintSha256: 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
      keyAlgorithm: 'ECDSA-P256',
      installedOn: [
        { id: created.NetworkDevice.id, __typename: 'NetworkDevice', assetTag: created.NetworkDevice.assetTag },
        { id: created.VirtualMachine.id, __typename: 'VirtualMachine', assetTag: created.VirtualMachine.assetTag },
      ],
    }),
    update: () => ({ notAfter: '2028-01-31T12:00:00.000Z', installedOnIds: [created.Hardware.id], keyAlgorithm: 'RSA-4096' }),
    updated: () => ({
      notAfter: '2028-01-31T12:00:00.000Z', expiresOn: '2028-01-31', keyAlgorithm: 'RSA-4096', commonName: 'api.example.com',
      installedOn: [{ id: created.Hardware.id, __typename: 'Hardware', assetTag: created.Hardware.assetTag }],
    }),
    updatedRow: { key_algorithm: 'RSA-4096', expires_on: '2028-01-31', common_name: 'api.example.com' },
  },
];

describe('the seven asset kinds', () => {
  for (const spec of KINDS) {
    describe(spec.typename, () => {
      const mutation = `create${spec.typename}`;
      const extRef = `ext-${spec.prefix.toLowerCase()}-1`;

      test(`${mutation} stores every field and generates a ${spec.prefix}- tag`, async () => {
        const before = await assetCount();
        const a = await mustMutate(mutation, { ...commonInput(extRef), ...spec.create() });
        created[spec.typename] = a;
        expect(await assetCount()).toBe(before + 1);
        expect(a.__typename).toBe(spec.typename);
        expect(a.kind).toBe(spec.kind);
        expect(a.assetTag).toMatch(new RegExp(`^${spec.prefix}-\\d{6}$`));
        expect(a.name).toBe(spec.create().name);
        expectCommon(a, extRef);
        expect(a).toMatchObject(spec.expected());
        // The row really is in the database, with the kind and tag.
        const row = await rowByTag(a.assetTag);
        expect(row.id).toBe(keyOf(a.id));
        expect(row.kind).toBe(spec.kind);
        expect(row.purchase_cost).toBe('1299.00');
        expect(row.purchase_currency).toBe('EUR');
      });

      test('reads back the same through asset(id), asset(assetTag) and node(id)', async () => {
        const a = created[spec.typename];
        const byId = await readById(a.id);
        const byTag = await readByTag(a.assetTag);
        const node = await readNode(a.id);
        for (const read of [byId, byTag, node]) {
          expect(read).not.toBeNull();
          expect(read!.__typename).toBe(spec.typename);
          expect(read!.id).toBe(a.id);
          expectCommon(read!, extRef);
          expect(read).toMatchObject(spec.expected());
        }
        // Identical to what the mutation returned.
        expect(byId).toEqual(a);
        expect(byTag).toEqual(a);
        expect(node).toEqual(a);
      });

      test(`update${spec.typename} with expectedVersion changes the given fields and bumps the version`, async () => {
        const a = created[spec.typename];
        const u = await mustMutate(`update${spec.typename}`, {
          id: a.id, expectedVersion: 1, name: `${a.name} (renamed)`, locationId: refs.location2, tags: ['moved'], ...spec.update(),
        });
        expect(u.id).toBe(a.id);
        expect(u.version).toBe(2);
        expect(u.name).toBe(`${a.name} (renamed)`);
        expect(u.location).toEqual({ id: refs.location2, name: 'Branch Office' });
        expect(u.tags).toEqual(['moved']);
        expect(Date.parse(u.updatedAt)).toBeGreaterThanOrEqual(Date.parse(a.updatedAt));
        expect(u.createdAt).toBe(a.createdAt);
        expect(u).toMatchObject(spec.updated());
        // Fields not in the update stay as they were.
        expect(u.assetTag).toBe(a.assetTag);
        expect(u.description).toBe(a.description);
        expect(u.department).toEqual(a.department);
        expect(u.purchase).toEqual(a.purchase);
        expect(u.warranty).toEqual(a.warranty);
        expect(u.externalRefs).toEqual(a.externalRefs);
        // A read sees the update, and so does the database.
        const again = await readById(a.id);
        expect(again).toEqual(u);
        const row = await rowByTag(a.assetTag);
        expect(row.version).toBe(2);
        expect(row.name).toBe(`${a.name} (renamed)`);
        expect(row.location_id).toBe(keyOf(refs.location2));
        expect(row).toMatchObject(spec.updatedRow);
        created[spec.typename] = u;
      });

      test('a second update with the new expectedVersion reaches version 3; the old one is refused with CONFLICT', async () => {
        const a = created[spec.typename];
        const u = await mustMutate(`update${spec.typename}`, { id: a.id, expectedVersion: 2, description: 'second change' });
        expect(u.version).toBe(3);
        expect(u.description).toBe('second change');
        const stale = await mustFail(`update${spec.typename}`, { id: a.id, expectedVersion: 2, description: 'stale change' });
        expect(stale).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'] })]);
        const row = await rowByTag(a.assetTag);
        expect(row.version).toBe(3);
        expect(row.description).toBe('second change');
        created[spec.typename] = u;
      });
    });
  }

  test('nodes(ids) returns every kind in the order asked, with null for missing and foreign IDs', async () => {
    const ids = KINDS.map((k) => created[k.typename].id);
    const asked = [...ids].reverse().concat([missingId('Hardware'), 'not-a-global-id', retype(created.Hardware.id, 'Certificate')]);
    const d = ok(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id __typename ...CommonFields ...KindFields } } ${FRAGMENTS}`, { ids: asked }));
    expect(d.nodes).toHaveLength(asked.length);
    const reversed = [...KINDS].reverse();
    reversed.forEach((k, i) => {
      expect(d.nodes[i].__typename).toBe(k.typename);
      expect(d.nodes[i].id).toBe(created[k.typename].id);
      expect(d.nodes[i]).toEqual(created[k.typename]);
    });
    expect(d.nodes.slice(ids.length)).toEqual([null, null, null]);
  });

  test('asset(id) is null for a missing asset, a non-asset ID, a garbage ID and a wrong-kind ID; node(id) likewise', async () => {
    const d = ok(await app.gql(`query($a: ID, $b: ID, $c: ID, $d: ID, $e: ID!, $f: ID!) {
      a: asset(id: $a) { id } b: asset(id: $b) { id } c: asset(id: $c) { id } d: asset(id: $d) { id }
      e: node(id: $e) { id } f: node(id: $f) { id } none: asset { id } tag: asset(assetTag: "NO-SUCH-TAG") { id }
    }`, {
      a: missingId('Hardware'), b: refs.person, c: 'garbage!!', d: retype(created.VirtualMachine.id, 'Hardware'),
      e: missingId('Certificate'), f: retype(created.Hardware.id, 'NetworkDevice'),
    }));
    expect(d).toEqual({ a: null, b: null, c: null, d: null, e: null, f: null, none: null, tag: null });
    // node(id) of a non-asset still works (the reference objects are Nodes).
    const p = ok(await app.gql(`query($id: ID!) { node(id: $id) { __typename ... on Person { displayName } } }`, { id: refs.person }));
    expect(p.node).toEqual({ __typename: 'Person', displayName: 'Ada Lovelace' });
  });

  test('asset(assetTag) ignores surrounding white space', async () => {
    const a = await readByTag(`  ${created.Hardware.assetTag} `);
    expect(a?.id).toBe(created.Hardware.id);
  });
});

// ------------------------------------------------------------------ relations between kinds

describe('links between assets', () => {
  test('a VirtualMachine host can be a CloudResource, then a Hardware, then cleared', async () => {
    const cloud = await mustMutate('createCloudResource', { name: 'gcp-host', provider: 'GCP', serviceModel: 'IAAS', resourceType: 'compute' });
    const hw = await mustMutate('createHardware', { name: 'esx-host', category: 'SERVER' });
    const vm = await mustMutate('createVirtualMachine', { name: 'vm-on-cloud', hostId: cloud.id, hypervisor: 'CLOUD', vcpus: 2, memoryMib: 4096 });
    expect(vm.host).toEqual({ id: cloud.id, __typename: 'CloudResource', assetTag: cloud.assetTag });
    // Defaults of a VM.
    expect(vm.powerState).toBe('RUNNING');
    expect(vm.ipAddresses).toEqual([]);
    expect(vm.storageGib).toBeNull();
    const moved = await mustMutate('updateVirtualMachine', { id: vm.id, expectedVersion: 1, hostId: hw.id });
    expect(moved.host).toEqual({ id: hw.id, __typename: 'Hardware', assetTag: hw.assetTag });
    expect((await rowByTag(vm.assetTag)).host_id).toBe(keyOf(hw.id));
    const cleared = await mustMutate('updateVirtualMachine', { id: vm.id, expectedVersion: 2, hostId: null });
    expect(cleared.host).toBeNull();
    expect(cleared.version).toBe(3);
    expect((await rowByTag(vm.assetTag)).host_id).toBeNull();
  });

  test('DataAsset.storedOn keeps the given order, drops duplicates, is replaced on update and cleared by []', async () => {
    const hw = await mustMutate('createHardware', { name: 'nas-1', category: 'STORAGE_SYSTEM' });
    const cloud = await mustMutate('createCloudResource', { name: 's3-bucket', provider: 'AWS', serviceModel: 'PAAS', resourceType: 's3:bucket' });
    const data = await mustMutate('createDataAsset', {
      name: 'Backups', classification: 'INTERNAL', dataCategory: 'BACKUP', storedOnIds: [cloud.id, hw.id, cloud.id],
    });
    expect(data.storedOn.map((s: Asset) => s.id)).toEqual([cloud.id, hw.id]);
    expect(data.containsPersonalData).toBe(false);
    expect(data.retentionUntil).toBeNull();
    expect(data.dataOwner).toBeNull();
    const one = await mustMutate('updateDataAsset', { id: data.id, storedOnIds: [hw.id] });
    expect(one.storedOn).toEqual([{ id: hw.id, __typename: 'Hardware', assetTag: hw.assetTag }]);
    const rel = await app.sql('SELECT related_asset_id FROM asset_relation WHERE asset_id = $1', [keyOf(data.id)]);
    expect(rel).toEqual([{ related_asset_id: keyOf(hw.id) }]);
    // An update that does not mention the list leaves it alone.
    const renamed = await mustMutate('updateDataAsset', { id: data.id, name: 'Backups (renamed)' });
    expect(renamed.storedOn.map((s: Asset) => s.id)).toEqual([hw.id]);
    const none = await mustMutate('updateDataAsset', { id: data.id, storedOnIds: [] });
    expect(none.storedOn).toEqual([]);
    expect(await app.sql('SELECT 1 FROM asset_relation WHERE asset_id = $1', [keyOf(data.id)])).toEqual([]);
  });

  test('DataAsset retentionUntil and expiresOn are one date, whichever is set', async () => {
    const viaExpires = await mustMutate('createDataAsset', { name: 'Docs', classification: 'PUBLIC', dataCategory: 'DOCUMENTS', expiresOn: '2030-05-01' });
    expect(viaExpires.retentionUntil).toBe('2030-05-01');
    expect(viaExpires.expiresOn).toBe('2030-05-01');
    const both = await mustMutate('createDataAsset', {
      name: 'Docs 2', classification: 'PUBLIC', dataCategory: 'DOCUMENTS', expiresOn: '2030-06-01', retentionUntil: '2030-06-01',
    });
    expect(both.retentionUntil).toBe('2030-06-01');
    const upd = await mustMutate('updateDataAsset', { id: viaExpires.id, retentionUntil: '2035-01-01' });
    expect(upd.expiresOn).toBe('2035-01-01');
    expect(upd.retentionUntil).toBe('2035-01-01');
    const upd2 = await mustMutate('updateDataAsset', { id: viaExpires.id, expiresOn: '2036-02-02' });
    expect(upd2.retentionUntil).toBe('2036-02-02');
    expect((await rowByTag(viaExpires.assetTag)).expires_on).toBe('2036-02-02');
    const cleared = await mustMutate('updateDataAsset', { id: viaExpires.id, retentionUntil: null });
    expect(cleared.retentionUntil).toBeNull();
    expect(cleared.expiresOn).toBeNull();
  });

  test('Certificate.expiresOn follows the UTC date of notAfter; installedOn is replaced on update', async () => {
    const net = await mustMutate('createNetworkDevice', { name: 'lb-1', deviceType: 'LOAD_BALANCER' });
    const hw = await mustMutate('createHardware', { name: 'web-1', category: 'SERVER' });
    const cert = await mustMutate('createCertificate', {
      name: 'www cert', commonName: 'www.example.com', notAfter: '2026-10-31T22:00:00.000Z', installedOnIds: [net.id],
    });
    expect(cert.expiresOn).toBe('2026-10-31');
    expect(cert.subjectAltNames).toEqual([]);
    expect(cert.notBefore).toBeNull();
    expect(cert.installedOn).toEqual([{ id: net.id, __typename: 'NetworkDevice', assetTag: net.assetTag }]);
    // A matching expiresOn is accepted alongside notAfter.
    const same = await mustMutate('createCertificate', {
      name: 'www cert 2', commonName: 'www2.example.com', notAfter: '2026-11-30T10:00:00+02:00', expiresOn: '2026-11-30',
    });
    expect(same.expiresOn).toBe('2026-11-30');
    expect(same.notAfter).toBe('2026-11-30T08:00:00.000Z');
    const upd = await mustMutate('updateCertificate', { id: cert.id, expectedVersion: 1, notAfter: '2029-02-28T23:59:59.000+00:00', installedOnIds: [hw.id, net.id] });
    expect(upd.expiresOn).toBe('2029-02-28');
    expect(upd.notAfter).toBe('2029-02-28T23:59:59.000Z');
    expect(upd.installedOn.map((x: Asset) => x.__typename)).toEqual(['Hardware', 'NetworkDevice']);
    const row = await rowByTag(cert.assetTag);
    expect(row.expires_on).toBe('2029-02-28');
    expect(new Date(row.not_after).toISOString()).toBe('2029-02-28T23:59:59.000Z');
  });

  test('defaults: dataBearing follows the hardware category, allowOverallocation false, status IN_STOCK, tags []', async () => {
    const laptop = await mustMutate('createHardware', { name: 'laptop', category: 'LAPTOP' });
    const monitor = await mustMutate('createHardware', { name: 'monitor', category: 'MONITOR' });
    expect(laptop.dataBearing).toBe(true);
    expect(monitor.dataBearing).toBe(false);
    expect(laptop.status).toBe('IN_STOCK');
    expect(laptop.tags).toEqual([]);
    expect(laptop.purchase).toBeNull();
    expect(laptop.depreciation).toBeNull();
    expect(laptop.externalRefs).toEqual([]);
    expect(laptop.warranty).toEqual({ endsOn: null, provider: null, status: 'NONE', daysRemaining: null });
    const lic = await mustMutate('createSoftwareLicense', { name: 'IDE', product: 'IDE', licenseType: 'PERPETUAL', metric: 'PER_USER', seatsTotal: 0 });
    expect(lic.allowOverallocation).toBe(false);
    expect(lic.seatsTotal).toBe(0);
    const ordered = await mustMutate('createHardware', { name: 'on order', category: 'PHONE', status: 'ORDERED' });
    expect(ordered.status).toBe('ORDERED');
  });

  test('depreciation inServiceOn defaults to the purchase receivedOn, salvageValue to 0.00', async () => {
    const a = await mustMutate('createHardware', {
      name: 'depr', category: 'DESKTOP',
      purchase: { receivedOn: '2024-03-05', cost: { amount: '800', currency: 'GBP' } },
      depreciation: { method: 'DECLINING_BALANCE', usefulLifeMonths: 60 },
    });
    expect(a.depreciation).toEqual({ method: 'DECLINING_BALANCE', usefulLifeMonths: 60, salvageValue: '0.00', inServiceOn: '2024-03-05' });
    expect(a.purchase.cost).toEqual({ amount: '800.00', currency: 'GBP' });
    // Clearing groups with null.
    const cleared = await mustMutate('updateHardware', { id: a.id, purchase: null, depreciation: null, warranty: null });
    expect(cleared.purchase).toBeNull();
    expect(cleared.depreciation).toBeNull();
    expect(cleared.warranty.status).toBe('NONE');
    const row = await rowByTag(a.assetTag);
    expect(row.purchase_cost).toBeNull();
    expect(row.purchase_currency).toBeNull();
    expect(row.depreciation_method).toBeNull();
  });

  test('network addresses are stored in their canonical form', async () => {
    const a = await mustMutate('createNetworkDevice', { name: 'ap-1', deviceType: 'WIRELESS_ACCESS_POINT', macAddress: '001A.2B3C.4D5F', managementIp: '::FFFF:10.0.0.1' });
    expect(a.macAddress).toBe('00:1a:2b:3c:4d:5f');
    expect(a.managementIp).toBe('::ffff:10.0.0.1');
    const u = await mustMutate('updateNetworkDevice', { id: a.id, macAddress: null, managementIp: null });
    expect(u.macAddress).toBeNull();
    expect(u.managementIp).toBeNull();
    const row = await rowByTag(a.assetTag);
    expect(row.mac_address).toBeNull();
    expect(row.management_ip).toBeNull();
  });

  test('externalRefs are replaced as a whole on update', async () => {
    const a = await mustMutate('createHardware', { name: 'refs', category: 'TABLET', externalRefs: [{ source: 'jamf', externalId: 'J-1' }] });
    expect(a.externalRefs).toEqual([{ source: 'jamf', externalId: 'J-1' }]);
    const u = await mustMutate('updateHardware', { id: a.id, externalRefs: [{ source: 'intune', externalId: 'I-9' }] });
    expect(u.externalRefs).toEqual([{ source: 'intune', externalId: 'I-9' }]);
    expect(await app.sql('SELECT source, external_id FROM asset_external_ref WHERE asset_id = $1', [keyOf(a.id)]))
      .toEqual([{ source: 'intune', external_id: 'I-9' }]);
  });
});

// ------------------------------------------------------------------ warranty status

describe('warranty status', () => {
  const cases: Array<[string, number | null, string, number | null]> = [
    ['far in the future', 100, 'ACTIVE', 100],
    ['31 days away', 31, 'ACTIVE', 31],
    ['exactly 30 days away', 30, 'EXPIRING', 30],
    ['in 5 days', 5, 'EXPIRING', 5],
    ['today', 0, 'EXPIRING', 0],
    ['yesterday', -1, 'EXPIRED', -1],
    ['a year ago', -365, 'EXPIRED', -365],
    ['not recorded', null, 'NONE', null],
  ];
  for (const [label, days, status, remaining] of cases) {
    test(`${label} → ${status} (daysRemaining ${remaining})`, async () => {
      const warranty = days == null ? { providerId: refs.warrantyProvider } : { endsOn: dayFromToday(days), providerId: refs.warrantyProvider };
      const a = await mustMutate('createHardware', { name: `warranty ${label}`, category: 'LAPTOP', warranty });
      expect(a.warranty).toEqual({
        endsOn: days == null ? null : dayFromToday(days), provider: { id: refs.warrantyProvider, name: 'Dell Services' }, status, daysRemaining: remaining,
      });
      // The same through a plain read.
      expect((await readById(a.id))!.warranty.status).toBe(status);
    });
  }

  test('moving the end date by update moves the status', async () => {
    const a = await mustMutate('createHardware', { name: 'warranty move', category: 'LAPTOP', warranty: { endsOn: dayFromToday(200) } });
    expect(a.warranty.status).toBe('ACTIVE');
    const u = await mustMutate('updateHardware', { id: a.id, expectedVersion: 1, warranty: { endsOn: dayFromToday(-10) } });
    expect(u.warranty).toEqual({ endsOn: dayFromToday(-10), provider: null, status: 'EXPIRED', daysRemaining: -10 });
  });
});

// ------------------------------------------------------------------ asset tags

describe('asset tags', () => {
  test('each kind generates its own prefix and sequence', async () => {
    const tags = await Promise.all([
      mustMutate('createHardware', { name: 'g1', category: 'PERIPHERAL' }),
      mustMutate('createSoftwareLicense', { name: 'g2', product: 'p', licenseType: 'TRIAL', metric: 'SITE', seatsTotal: 1 }),
      mustMutate('createNetworkDevice', { name: 'g3', deviceType: 'ROUTER' }),
      mustMutate('createCloudResource', { name: 'g4', provider: 'AZURE', serviceModel: 'SAAS', resourceType: 'M365' }),
      mustMutate('createVirtualMachine', { name: 'g5', hypervisor: 'KVM', vcpus: 1, memoryMib: 512 }),
      mustMutate('createDataAsset', { name: 'g6', classification: 'PUBLIC', dataCategory: 'OTHER' }),
      mustMutate('createCertificate', { name: 'g7', commonName: 'g7.example', notAfter: '2030-01-01T00:00:00Z' }),
    ]).then((xs) => xs.map((x) => x.assetTag));
    const prefixes = ['HW', 'SW', 'NET', 'CLD', 'VM', 'DATA', 'CERT'];
    tags.forEach((t, i) => expect(t).toMatch(new RegExp(`^${prefixes[i]}-\\d{6}$`)));
    // Every certificate so far got a generated tag, so the newest one is numbered by the count.
    const [{ n: certs }] = await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM asset WHERE kind = 'CERTIFICATE'`);
    expect(tags[6]).toBe(`CERT-${String(certs).padStart(6, '0')}`);
  });

  test('an explicit tag is kept as given and does not consume the sequence', async () => {
    const [{ last_value: before }] = await app.sql(`SELECT last_value FROM asset_tag_seq_sw`);
    const a = await mustMutate('createSoftwareLicense', {
      name: 'explicit', assetTag: 'LIC/2024_a.1-b', product: 'x', licenseType: 'PERPETUAL', metric: 'PER_CORE', seatsTotal: 4,
    });
    expect(a.assetTag).toBe('LIC/2024_a.1-b');
    expect((await readByTag('LIC/2024_a.1-b'))!.id).toBe(a.id);
    const [{ last_value: after }] = await app.sql(`SELECT last_value FROM asset_tag_seq_sw`);
    expect(after).toBe(before);
  });

  test('a duplicate tag is ALREADY_EXISTS at ["input","assetTag"] and writes nothing, on create and on update', async () => {
    await mustMutate('createHardware', { name: 'first', category: 'LAPTOP', assetTag: 'DUP-001' });
    const before = await assetCount();
    const errs = await mustFail('createNetworkDevice', { name: 'second', deviceType: 'MODEM', assetTag: 'DUP-001' });
    expect(errs).toEqual([expect.objectContaining({ code: 'ALREADY_EXISTS', field: ['input', 'assetTag'] })]);
    expect(await assetCount()).toBe(before);
    const other = await mustMutate('createHardware', { name: 'other', category: 'LAPTOP', assetTag: 'DUP-002' });
    const upd = await mustFail('updateHardware', { id: other.id, assetTag: 'DUP-001', name: 'renamed too' });
    expect(upd).toEqual([expect.objectContaining({ code: 'ALREADY_EXISTS', field: ['input', 'assetTag'] })]);
    const row = await rowByTag('DUP-002');
    expect(row.name).toBe('other');
    expect(row.version).toBe(1);
    // The generated one is taken by hand too: an explicit duplicate of a generated tag is refused.
    const gen = created.Hardware.assetTag;
    const errs2 = await mustFail('createHardware', { name: 'copy', category: 'LAPTOP', assetTag: gen });
    expect(errs2[0]).toMatchObject({ code: 'ALREADY_EXISTS', field: ['input', 'assetTag'] });
  });

  test('a malformed explicit tag is INVALID', async () => {
    const before = await assetCount();
    for (const assetTag of ['-leading-dash', 'has space', ' LEADING-SPACE', 'x'.repeat(65), 'ünïcode', '']) {
      const errs = await mustFail('createHardware', { name: 'bad tag', category: 'LAPTOP', assetTag });
      expect(errs).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'assetTag'] })]);
    }
    expect(await assetCount()).toBe(before);
  });

  test('a hand-typed HW-000040 is skipped when the generator reaches 40 later', async () => {
    const seqValue = async () => Number((await app.sql(`SELECT last_value FROM asset_tag_seq_hw`))[0].last_value);
    // Precondition: the generator has not reached 40 yet (otherwise this test would prove nothing).
    expect(await seqValue()).toBeLessThan(39);
    const hand = await mustMutate('createHardware', { name: 'literal 40', category: 'UPS', assetTag: 'HW-000040' });
    expect(hand.assetTag).toBe('HW-000040');
    const generated: string[] = [];
    while ((await seqValue()) < 41) {
      generated.push((await mustMutate('createHardware', { name: `fill ${generated.length}`, category: 'UPS' })).assetTag);
      expect(generated.length).toBeLessThan(60);
    }
    expect(generated).toContain('HW-000039');
    expect(generated).toContain('HW-000041');
    expect(generated).not.toContain('HW-000040');
    const rows = await app.sql(`SELECT name FROM asset WHERE asset_tag = 'HW-000040'`);
    expect(rows).toEqual([{ name: 'literal 40' }]);
  });

  test('30 concurrent createHardware calls all succeed with 30 distinct generated tags', async () => {
    const before = await assetCount();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => mutate('createHardware', { name: `burst ${i}`, category: 'PHONE' })),
    );
    const tags = results.map((r) => {
      const p = ok(r).createHardware;
      expect(p.userErrors).toEqual([]);
      return p.asset.assetTag as string;
    });
    expect(new Set(tags).size).toBe(30);
    tags.forEach((t) => expect(t).toMatch(/^HW-\d{6}$/));
    expect(await assetCount()).toBe(before + 30);
    const [{ n }] = await app.sql<{ n: number }>(`SELECT count(DISTINCT asset_tag)::int AS n FROM asset WHERE name LIKE 'burst %'`);
    expect(n).toBe(30);
  });

  test('a hand-typed tag ahead of the generator (HW-000040 style) is skipped when the generator reaches it', async () => {
    const [{ last_value: lastRaw }] = await app.sql(`SELECT last_value FROM asset_tag_seq_hw`);
    const last = Number(lastRaw);
    const pad = (n: number) => `HW-${String(n).padStart(6, '0')}`;
    const handTag = pad(last + 2);
    const hand = await mustMutate('createHardware', { name: 'hand typed', category: 'UPS', assetTag: handTag });
    expect(hand.assetTag).toBe(handTag);
    const next1 = await mustMutate('createHardware', { name: 'gen after hand 1', category: 'UPS' });
    const next2 = await mustMutate('createHardware', { name: 'gen after hand 2', category: 'UPS' });
    expect(next1.assetTag).toBe(pad(last + 1));
    expect(next2.assetTag).toBe(pad(last + 3));
    expect((await readByTag(handTag))!.name).toBe('hand typed');
    const [{ n }] = await app.sql<{ n: number }>('SELECT count(*)::int AS n FROM asset WHERE asset_tag = $1', [handTag]);
    expect(n).toBe(1);
  });
});

// ------------------------------------------------------------------ userErrors on create

interface BadCase {
  label: string;
  mutation: string;
  input: () => Record<string, unknown>;
  code: string;
  field: string[];
}

const HW = { name: 'bad-input hw', category: 'LAPTOP' };
const SW = { name: 'bad-input sw', product: 'P', licenseType: 'PERPETUAL', metric: 'PER_USER', seatsTotal: 5 };
const NET = { name: 'bad-input net', deviceType: 'FIREWALL' };
const CLD = { name: 'bad-input cld', provider: 'OCI', serviceModel: 'IAAS', resourceType: 'vm' };
const VM = { name: 'bad-input vm', hypervisor: 'KVM', vcpus: 2, memoryMib: 1024 };
const DATA = { name: 'bad-input data', classification: 'INTERNAL', dataCategory: 'DATABASE' };
const CERT = { name: 'bad-input cert', commonName: 'bad.example', notAfter: '2030-01-01T00:00:00Z' };

const BAD_CREATES: BadCase[] = [
  { label: 'blank name', mutation: 'createHardware', input: () => ({ ...HW, name: '   ' }), code: 'REQUIRED', field: ['input', 'name'] },
  { label: 'empty name', mutation: 'createCertificate', input: () => ({ ...CERT, name: '' }), code: 'REQUIRED', field: ['input', 'name'] },
  { label: 'name of 201 characters', mutation: 'createSoftwareLicense', input: () => ({ ...SW, name: 'n'.repeat(201) }), code: 'INVALID', field: ['input', 'name'] },
  { label: 'currency "EURO"', mutation: 'createHardware', input: () => ({ ...HW, purchase: { cost: { amount: '10.00', currency: 'EURO' } } }), code: 'INVALID', field: ['input', 'purchase', 'cost', 'currency'] },
  { label: 'currency "XYZ"', mutation: 'createNetworkDevice', input: () => ({ ...NET, purchase: { cost: { amount: '10.00', currency: 'XYZ' } } }), code: 'INVALID', field: ['input', 'purchase', 'cost', 'currency'] },
  { label: 'lower-case currency "eur"', mutation: 'createHardware', input: () => ({ ...HW, purchase: { cost: { amount: '10.00', currency: 'eur' } } }), code: 'INVALID', field: ['input', 'purchase', 'cost', 'currency'] },
  { label: 'lower-case monthlyCost currency "usd"', mutation: 'createCloudResource', input: () => ({ ...CLD, monthlyCost: { amount: '1.00', currency: 'usd' } }), code: 'INVALID', field: ['input', 'monthlyCost', 'currency'] },
  { label: 'negative cost "-5.00"', mutation: 'createHardware', input: () => ({ ...HW, purchase: { cost: { amount: '-5.00', currency: 'EUR' } } }), code: 'INVALID', field: ['input', 'purchase', 'cost', 'amount'] },
  { label: 'cost with 3 decimals', mutation: 'createDataAsset', input: () => ({ ...DATA, purchase: { cost: { amount: '5.001', currency: 'EUR' } } }), code: 'INVALID', field: ['input', 'purchase', 'cost', 'amount'] },
  { label: 'monthlyCost currency "EURO"', mutation: 'createCloudResource', input: () => ({ ...CLD, monthlyCost: { amount: '1.00', currency: 'EURO' } }), code: 'INVALID', field: ['input', 'monthlyCost', 'currency'] },
  { label: 'negative monthlyCost', mutation: 'createCloudResource', input: () => ({ ...CLD, monthlyCost: { amount: '-1.00', currency: 'USD' } }), code: 'INVALID', field: ['input', 'monthlyCost', 'amount'] },
  { label: 'managementIp "300.1.1.1"', mutation: 'createNetworkDevice', input: () => ({ ...NET, managementIp: '300.1.1.1' }), code: 'INVALID', field: ['input', 'managementIp'] },
  { label: 'managementIp "router.local"', mutation: 'createNetworkDevice', input: () => ({ ...NET, managementIp: 'router.local' }), code: 'INVALID', field: ['input', 'managementIp'] },
  { label: 'macAddress "00:1A:2B:3C:4D"', mutation: 'createNetworkDevice', input: () => ({ ...NET, macAddress: '00:1A:2B:3C:4D' }), code: 'INVALID', field: ['input', 'macAddress'] },
  { label: 'macAddress "GG:HH:II:JJ:KK:LL"', mutation: 'createNetworkDevice', input: () => ({ ...NET, macAddress: 'GG:HH:II:JJ:KK:LL' }), code: 'INVALID', field: ['input', 'macAddress'] },
  { label: 'a 64-bit (EUI-64) macAddress, which the macaddr column cannot hold', mutation: 'createNetworkDevice', input: () => ({ ...NET, macAddress: '00:1A:2B:3C:4D:5E:6F:70' }), code: 'INVALID', field: ['input', 'macAddress'] },
  { label: 'managementIp with an IPv6 zone ID "fe80::1%eth0"', mutation: 'createNetworkDevice', input: () => ({ ...NET, managementIp: 'fe80::1%eth0' }), code: 'INVALID', field: ['input', 'managementIp'] },
  { label: 'negative portCount', mutation: 'createNetworkDevice', input: () => ({ ...NET, portCount: -1 }), code: 'INVALID', field: ['input', 'portCount'] },
  { label: 'an ipAddresses element "10.0.0.999"', mutation: 'createVirtualMachine', input: () => ({ ...VM, ipAddresses: ['10.0.0.1', '10.0.0.999'] }), code: 'INVALID', field: ['input', 'ipAddresses'] },
  { label: 'an ipAddresses element with a prefix "10.0.0.0/24"', mutation: 'createVirtualMachine', input: () => ({ ...VM, ipAddresses: ['10.0.0.0/24'] }), code: 'INVALID', field: ['input', 'ipAddresses'] },
  { label: 'negative seatsTotal', mutation: 'createSoftwareLicense', input: () => ({ ...SW, seatsTotal: -1 }), code: 'INVALID', field: ['input', 'seatsTotal'] },
  { label: 'vcpus 0', mutation: 'createVirtualMachine', input: () => ({ ...VM, vcpus: 0 }), code: 'INVALID', field: ['input', 'vcpus'] },
  { label: 'memoryMib 0', mutation: 'createVirtualMachine', input: () => ({ ...VM, memoryMib: 0 }), code: 'INVALID', field: ['input', 'memoryMib'] },
  { label: 'negative storageGib', mutation: 'createVirtualMachine', input: () => ({ ...VM, storageGib: -10 }), code: 'INVALID', field: ['input', 'storageGib'] },
  { label: 'fingerprint of 63 hex digits', mutation: 'createCertificate', input: () => ({ ...CERT, fingerprintSha256: 'a'.repeat(63) }), code: 'INVALID', field: ['input', 'fingerprintSha256'] },
  { label: 'fingerprint with non-hex digits', mutation: 'createCertificate', input: () => ({ ...CERT, fingerprintSha256: 'zz'.repeat(32) }), code: 'INVALID', field: ['input', 'fingerprintSha256'] },
  { label: 'notBefore after notAfter', mutation: 'createCertificate', input: () => ({ ...CERT, notBefore: '2030-01-02T00:00:00Z' }), code: 'INVALID', field: ['input', 'notBefore'] },
  { label: 'certificate expiresOn other than the date of notAfter', mutation: 'createCertificate', input: () => ({ ...CERT, expiresOn: '2031-01-01' }), code: 'INVALID', field: ['input', 'expiresOn'] },
  { label: 'blank commonName', mutation: 'createCertificate', input: () => ({ ...CERT, commonName: ' ' }), code: 'REQUIRED', field: ['input', 'commonName'] },
  { label: 'empty product', mutation: 'createSoftwareLicense', input: () => ({ ...SW, product: '' }), code: 'REQUIRED', field: ['input', 'product'] },
  { label: 'empty commonName', mutation: 'createCertificate', input: () => ({ ...CERT, commonName: '' }), code: 'REQUIRED', field: ['input', 'commonName'] },
  { label: 'empty resourceType', mutation: 'createCloudResource', input: () => ({ ...CLD, resourceType: '' }), code: 'REQUIRED', field: ['input', 'resourceType'] },
  { label: 'resourceType of 101 characters', mutation: 'createCloudResource', input: () => ({ ...CLD, resourceType: 'r'.repeat(101) }), code: 'INVALID', field: ['input', 'resourceType'] },
  { label: 'receivedOn before orderedOn', mutation: 'createHardware', input: () => ({ ...HW, purchase: { orderedOn: '2024-05-10', receivedOn: '2024-05-09' } }), code: 'INVALID', field: ['input', 'purchase', 'receivedOn'] },
  { label: 'salvageValue above cost', mutation: 'createHardware', input: () => ({ ...HW, purchase: { cost: { amount: '500.00', currency: 'EUR' } }, depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 12, salvageValue: '500.01' } }), code: 'INVALID', field: ['input', 'depreciation', 'salvageValue'] },
  { label: 'usefulLifeMonths 0', mutation: 'createHardware', input: () => ({ ...HW, depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 0 } }), code: 'INVALID', field: ['input', 'depreciation', 'usefulLifeMonths'] },
  { label: 'DataAsset retentionUntil differing from expiresOn', mutation: 'createDataAsset', input: () => ({ ...DATA, retentionUntil: '2030-01-01', expiresOn: '2030-01-02' }), code: 'INVALID', field: ['input', 'retentionUntil'] },
  { label: 'DataAsset retentionUntil null with an expiresOn date', mutation: 'createDataAsset', input: () => ({ ...DATA, retentionUntil: null, expiresOn: '2030-01-02' }), code: 'INVALID', field: ['input', 'retentionUntil'] },
  { label: 'create with status IN_USE', mutation: 'createHardware', input: () => ({ ...HW, status: 'IN_USE' }), code: 'INVALID', field: ['input', 'status'] },
  { label: 'create with status DISPOSED', mutation: 'createVirtualMachine', input: () => ({ ...VM, status: 'DISPOSED' }), code: 'INVALID', field: ['input', 'status'] },
  { label: 'a blank tag', mutation: 'createHardware', input: () => ({ ...HW, tags: ['ok', '  '] }), code: 'INVALID', field: ['input', 'tags'] },
  { label: 'customFields over 16 KiB', mutation: 'createHardware', input: () => ({ ...HW, customFields: { blob: 'x'.repeat(17000) } }), code: 'INVALID', field: ['input', 'customFields'] },
  { label: 'a blank externalRefs source', mutation: 'createHardware', input: () => ({ ...HW, externalRefs: [{ source: ' ', externalId: 'e1' }] }), code: 'REQUIRED', field: ['input', 'externalRefs', '0', 'source'] },
  { label: 'an empty externalRefs externalId', mutation: 'createHardware', input: () => ({ ...HW, externalRefs: [{ source: 'a', externalId: 'ok' }, { source: 'b', externalId: '' }] }), code: 'REQUIRED', field: ['input', 'externalRefs', '1', 'externalId'] },
  // References
  { label: 'a missing Location', mutation: 'createHardware', input: () => ({ ...HW, locationId: missingId('Location') }), code: 'NOT_FOUND', field: ['input', 'locationId'] },
  { label: 'a garbage locationId', mutation: 'createSoftwareLicense', input: () => ({ ...SW, locationId: 'garbage!!' }), code: 'NOT_FOUND', field: ['input', 'locationId'] },
  { label: 'a Department ID as locationId', mutation: 'createHardware', input: () => ({ ...HW, locationId: refs.department }), code: 'NOT_FOUND', field: ['input', 'locationId'] },
  { label: 'a Location ID as departmentId', mutation: 'createNetworkDevice', input: () => ({ ...NET, departmentId: refs.location }), code: 'NOT_FOUND', field: ['input', 'departmentId'] },
  { label: 'a missing supplier', mutation: 'createHardware', input: () => ({ ...HW, purchase: { supplierId: missingId('Vendor') } }), code: 'NOT_FOUND', field: ['input', 'purchase', 'supplierId'] },
  { label: 'a Person as supplier', mutation: 'createCloudResource', input: () => ({ ...CLD, purchase: { supplierId: refs.person } }), code: 'NOT_FOUND', field: ['input', 'purchase', 'supplierId'] },
  { label: 'a Location as warranty provider', mutation: 'createHardware', input: () => ({ ...HW, warranty: { providerId: refs.location } }), code: 'NOT_FOUND', field: ['input', 'warranty', 'providerId'] },
  { label: 'a Person ID as hostId', mutation: 'createVirtualMachine', input: () => ({ ...VM, hostId: refs.person }), code: 'NOT_FOUND', field: ['input', 'hostId'] },
  { label: 'a NetworkDevice as hostId', mutation: 'createVirtualMachine', input: () => ({ ...VM, hostId: created.NetworkDevice.id }), code: 'NOT_FOUND', field: ['input', 'hostId'] },
  { label: 'a forged Hardware ID around a CloudResource key as hostId', mutation: 'createVirtualMachine', input: () => ({ ...VM, hostId: retype(created.CloudResource.id, 'Hardware') }), code: 'NOT_FOUND', field: ['input', 'hostId'] },
  { label: 'a missing Hardware as hostId', mutation: 'createVirtualMachine', input: () => ({ ...VM, hostId: missingId('Hardware') }), code: 'NOT_FOUND', field: ['input', 'hostId'] },
  { label: 'a Vendor as dataOwnerId', mutation: 'createDataAsset', input: () => ({ ...DATA, dataOwnerId: refs.supplier }), code: 'NOT_FOUND', field: ['input', 'dataOwnerId'] },
  { label: 'a missing asset in storedOnIds', mutation: 'createDataAsset', input: () => ({ ...DATA, storedOnIds: [created.Hardware.id, missingId('CloudResource')] }), code: 'NOT_FOUND', field: ['input', 'storedOnIds', '1'] },
  { label: 'a Person in storedOnIds', mutation: 'createDataAsset', input: () => ({ ...DATA, storedOnIds: [refs.person] }), code: 'NOT_FOUND', field: ['input', 'storedOnIds', '0'] },
  { label: 'garbage in installedOnIds', mutation: 'createCertificate', input: () => ({ ...CERT, installedOnIds: ['%%%'] }), code: 'NOT_FOUND', field: ['input', 'installedOnIds', '0'] },
  { label: 'an externalRef already used by another asset', mutation: 'createHardware', input: () => ({ ...HW, externalRefs: [{ source: 'intune', externalId: 'ext-hw-1' }] }), code: 'ALREADY_EXISTS', field: ['input', 'externalRefs'] },
];

describe('create refuses bad input with a userError and writes nothing', () => {
  for (const c of BAD_CREATES) {
    test(`${c.mutation}: ${c.label} → ${c.code} at ${JSON.stringify(c.field)}`, async () => {
      const before = await assetCount();
      const [{ n: relBefore }] = await app.sql<{ n: number }>('SELECT (SELECT count(*) FROM asset_relation) + (SELECT count(*) FROM asset_external_ref) AS n');
      const errs = await mustFail(c.mutation, c.input());
      expect(errs).toContainEqual(expect.objectContaining({ code: c.code, field: c.field }));
      for (const e of errs) expect(typeof e.message === 'string' && e.message.length > 0).toBe(true);
      expect(await assetCount()).toBe(before);
      const [{ n: relAfter }] = await app.sql<{ n: number }>('SELECT (SELECT count(*) FROM asset_relation) + (SELECT count(*) FROM asset_external_ref) AS n');
      expect(relAfter).toBe(relBefore);
    });
  }

  test('several problems at once are all reported', async () => {
    const before = await assetCount();
    const errs = await mustFail('createNetworkDevice', { ...NET, name: ' ', managementIp: 'nope', macAddress: 'nope', locationId: missingId('Location') });
    const got = errs.map((e) => `${e.code}:${e.field?.join('.')}`).sort();
    expect(got).toEqual(expect.arrayContaining(['INVALID:input.macAddress', 'INVALID:input.managementIp', 'REQUIRED:input.name']));
    expect(await assetCount()).toBe(before);
  });

  test('several bad references are all reported, each at its field', async () => {
    const errs = await mustFail('createDataAsset', {
      ...DATA, locationId: missingId('Location'), departmentId: 'junk', purchase: { supplierId: refs.person }, dataOwnerId: missingId('Person'),
    });
    expect(errs.map((e) => e.field!.join('.')).sort()).toEqual(['input.dataOwnerId', 'input.departmentId', 'input.locationId', 'input.purchase.supplierId']);
    expect(errs.every((e) => e.code === 'NOT_FOUND')).toBe(true);
  });
});

// ------------------------------------------------------------------ userErrors on update

describe('update refuses bad input with a userError and changes nothing', () => {
  let hw: Asset;
  let cert: Asset;
  let ordered: Asset;
  let vm: Asset;

  beforeAll(async () => {
    hw = await mustMutate('createHardware', {
      name: 'update target', category: 'LAPTOP', description: 'unchanged',
      purchase: { orderedOn: '2024-06-01', receivedOn: '2024-06-05', cost: { amount: '1000.00', currency: 'EUR' } },
    });
    cert = await mustMutate('createCertificate', { name: 'update cert', commonName: 'u.example', notAfter: '2030-01-01T00:00:00Z', installedOnIds: [hw.id] });
    ordered = await mustMutate('createHardware', { name: 'ordered one', category: 'MONITOR', status: 'ORDERED' });
    vm = await mustMutate('createVirtualMachine', { name: 'update vm', hypervisor: 'XEN', vcpus: 4, memoryMib: 2048, ipAddresses: ['192.168.0.1'] });
  });

  /** Runs the update, expects the userError, and checks the stored row did not change. */
  async function refused(mutation: string, target: Asset, input: Record<string, unknown>, code: string, field: string[]) {
    const before = await rowByTag(target.assetTag);
    const count = await assetCount();
    const errs = await mustFail(mutation, { id: target.id, ...input });
    expect(errs).toContainEqual(expect.objectContaining({ code, field }));
    const after = await rowByTag(target.assetTag);
    expect(after).toEqual(before);
    expect(await assetCount()).toBe(count);
    return errs;
  }

  test('stale expectedVersion → CONFLICT; nothing changes', async () => {
    await refused('updateHardware', hw, { expectedVersion: 7, name: 'should not stick', description: 'nope' }, 'CONFLICT', ['input', 'expectedVersion']);
    expect((await rowByTag(hw.assetTag)).name).toBe('update target');
  });

  test('expectedVersion 0 is stale too', async () => {
    await refused('updateHardware', hw, { expectedVersion: 0, name: 'zero' }, 'CONFLICT', ['input', 'expectedVersion']);
  });

  test('a Hardware ID on updateCertificate → NOT_FOUND at ["input","id"]', async () => {
    await refused('updateCertificate', hw, { name: 'cross kind' }, 'NOT_FOUND', ['input', 'id']);
  });

  test('a forged Certificate-typed ID around a Hardware key → NOT_FOUND at ["input","id"]', async () => {
    const before = await rowByTag(hw.assetTag);
    const errs = await mustFail('updateCertificate', { id: retype(hw.id, 'Certificate'), name: 'forged' });
    expect(errs).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
    expect(await rowByTag(hw.assetTag)).toEqual(before);
  });

  test('a missing or garbage ID → NOT_FOUND at ["input","id"]', async () => {
    for (const id of [missingId('Hardware'), 'garbage', refs.person]) {
      const errs = await mustFail('updateHardware', { id, name: 'ghost' });
      expect(errs).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
    }
    const [{ n }] = await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM asset WHERE name = 'ghost'`);
    expect(n).toBe(0);
  });

  test('clearing a required field (name: null) → REQUIRED', async () => {
    await refused('updateHardware', hw, { name: null }, 'REQUIRED', ['input', 'name']);
  });

  test('clearing kind fields that cannot be empty → REQUIRED', async () => {
    await refused('updateHardware', hw, { category: null }, 'REQUIRED', ['input', 'category']);
    await refused('updateCertificate', cert, { notAfter: null }, 'REQUIRED', ['input', 'notAfter']);
    await refused('updateVirtualMachine', vm, { vcpus: null }, 'REQUIRED', ['input', 'vcpus']);
    await refused('updateHardware', hw, { tags: null }, 'REQUIRED', ['input', 'tags']);
  });

  test('a blank or too long name on update', async () => {
    await refused('updateHardware', hw, { name: '  ' }, 'REQUIRED', ['input', 'name']);
    await refused('updateHardware', hw, { name: 'x'.repeat(201) }, 'INVALID', ['input', 'name']);
  });

  test('invalid status moves → INVALID_TRANSITION', async () => {
    await refused('updateHardware', hw, { status: 'DISPOSED' }, 'INVALID_TRANSITION', ['input', 'status']);
    await refused('updateHardware', ordered, { status: 'IN_USE' }, 'INVALID_TRANSITION', ['input', 'status']);
    await refused('updateHardware', ordered, { status: 'RETIRED' }, 'INVALID_TRANSITION', ['input', 'status']);
    // IN_STOCK → IN_USE is a lifecycle move, but it changes custody: not through a plain update.
    await refused('updateHardware', hw, { status: 'IN_USE' }, 'INVALID_TRANSITION', ['input', 'status']);
    expect((await rowByTag(hw.assetTag)).status).toBe('IN_STOCK');
    expect((await rowByTag(ordered.assetTag)).status).toBe('ORDERED');
  });

  test('allowed status moves go through and bump the version', async () => {
    const a = await mustMutate('createHardware', { name: 'mover', category: 'LAPTOP', status: 'ORDERED' });
    const s1 = await mustMutate('updateHardware', { id: a.id, expectedVersion: 1, status: 'IN_STOCK' });
    expect(s1.status).toBe('IN_STOCK');
    expect(s1.version).toBe(2);
    const s2 = await mustMutate('updateHardware', { id: a.id, expectedVersion: 2, status: 'IN_MAINTENANCE' });
    expect(s2.status).toBe('IN_MAINTENANCE');
    const s3 = await mustMutate('updateHardware', { id: a.id, expectedVersion: 3, status: 'RETIRED' });
    expect(s3.status).toBe('RETIRED');
    // RETIRED → DISPOSED needs a disposal record.
    await refused('updateHardware', s3, { status: 'DISPOSED' }, 'INVALID_TRANSITION', ['input', 'status']);
    // Same status is no move at all.
    const same = await mustMutate('updateHardware', { id: a.id, expectedVersion: 4, status: 'RETIRED', description: 'still retired' });
    expect(same.status).toBe('RETIRED');
    expect(same.version).toBe(5);
  });

  test('a DISPOSED asset refuses every update', async () => {
    const a = await mustMutate('createHardware', { name: 'gone', category: 'MONITOR' });
    await app.sql(`UPDATE asset SET status = 'DISPOSED' WHERE id = $1`, [keyOf(a.id)]);
    await refused('updateHardware', a, { name: 'resurrected' }, 'INVALID_TRANSITION', ['input', 'id']);
  });

  test('bad values on update, each at its field', async () => {
    await refused('updateVirtualMachine', vm, { ipAddresses: ['1.2.3.4', 'x'] }, 'INVALID', ['input', 'ipAddresses']);
    await refused('updateVirtualMachine', vm, { vcpus: 0 }, 'INVALID', ['input', 'vcpus']);
    await refused('updateCertificate', cert, { fingerprintSha256: 'abc' }, 'INVALID', ['input', 'fingerprintSha256']);
    await refused('updateHardware', hw, { purchase: { cost: { amount: '-5.00', currency: 'EUR' } } }, 'INVALID', ['input', 'purchase', 'cost', 'amount']);
    await refused('updateHardware', hw, { purchase: { cost: { amount: '5.00', currency: 'EURO' } } }, 'INVALID', ['input', 'purchase', 'cost', 'currency']);
    await refused('updateHardware', hw, { status: 'LOST', locationId: missingId('Location') }, 'NOT_FOUND', ['input', 'locationId']);
    await refused('updateVirtualMachine', vm, { hostId: refs.person }, 'NOT_FOUND', ['input', 'hostId']);
    await refused('updateVirtualMachine', vm, { hostId: vm.id }, 'NOT_FOUND', ['input', 'hostId']);
  });

  test('cross-field rules on update are checked against the stored values', async () => {
    // Stored orderedOn is 2024-06-01: a receivedOn before it is refused even when orderedOn is not sent.
    await refused('updateHardware', hw, { purchase: { receivedOn: '2024-05-31' } }, 'INVALID', ['input', 'purchase', 'receivedOn']);
    // Stored cost is 1000.00: a salvage value above it is refused.
    await refused('updateHardware', hw, { depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 12, salvageValue: '1000.01' } }, 'INVALID', ['input', 'depreciation', 'salvageValue']);
    // Stored notAfter is 2030-01-01: a later notBefore is refused.
    await refused('updateCertificate', cert, { notBefore: '2030-06-01T00:00:00Z' }, 'INVALID', ['input', 'notBefore']);
    // And the same with a notAfter moved before the stored notBefore.
    const c = await mustMutate('createCertificate', { name: 'c2', commonName: 'c2.example', notBefore: '2025-01-01T00:00:00Z', notAfter: '2026-01-01T00:00:00Z' });
    await refused('updateCertificate', c, { notAfter: '2024-12-31T00:00:00Z' }, 'INVALID', ['input', 'notBefore']);
  });

  test('linking a certificate to itself is refused and the old links stay (the transaction rolls back)', async () => {
    const linksBefore = await app.sql('SELECT related_asset_id FROM asset_relation WHERE asset_id = $1', [keyOf(cert.id)]);
    expect(linksBefore).toEqual([{ related_asset_id: keyOf(hw.id) }]);
    await refused('updateCertificate', cert, { installedOnIds: [cert.id] }, 'INVALID', ['input', 'installedOnIds']);
    expect(await app.sql('SELECT related_asset_id FROM asset_relation WHERE asset_id = $1', [keyOf(cert.id)])).toEqual(linksBefore);
  });

  test('a refused update leaves externalRefs alone', async () => {
    const a = await mustMutate('createHardware', { name: 'keeps refs', category: 'LAPTOP', externalRefs: [{ source: 'mdm', externalId: 'keep-1' }] });
    await refused('updateHardware', a, { expectedVersion: 9, externalRefs: [] }, 'CONFLICT', ['input', 'expectedVersion']);
    expect(await app.sql('SELECT external_id FROM asset_external_ref WHERE asset_id = $1', [keyOf(a.id)])).toEqual([{ external_id: 'keep-1' }]);
  });

  test('concurrent updates with the same expectedVersion: exactly one wins, the others get CONFLICT', async () => {
    const a = await mustMutate('createHardware', { name: 'contended', category: 'LAPTOP' });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => mutate('updateHardware', { id: a.id, expectedVersion: 1, name: `writer ${i}` })),
    );
    const payloads = results.map((r) => ok(r).updateHardware);
    const winners = payloads.filter((p) => p.userErrors.length === 0);
    const losers = payloads.filter((p) => p.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(7);
    for (const l of losers) expect(l.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'] })]);
    const row = await rowByTag(a.assetTag);
    expect(row.version).toBe(2);
    expect(row.name).toBe(winners[0].asset.name);
  });

  test('updating with no expectedVersion still bumps the version', async () => {
    const before = (await rowByTag(hw.assetTag)).version;
    const u = await mustMutate('updateHardware', { id: hw.id, serialNumber: 'S-42' });
    expect(u.version).toBe(before + 1);
    expect(u.serialNumber).toBe('S-42');
    expect(u.description).toBe('unchanged');
  });
});

// ------------------------------------------------------------------ GraphQL-level problems

describe('GraphQL-level problems are 400s with a code, never 500s, and write nothing', () => {
  async function expect400(query: string, variables: Record<string, unknown>, codes: string[]) {
    const before = await assetCount();
    const res = await app.gql(query, variables);
    expect(res.status).toBe(400);
    expect(res.body.errors?.length).toBeGreaterThan(0);
    expect(codes).toContain(res.body.errors![0].extensions?.code);
    expect(await assetCount()).toBe(before);
    return res;
  }
  const CREATE_HW = `mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id } userErrors { code } } }`;

  test('a wrong enum value in variables → BAD_USER_INPUT', async () => {
    const res = await expect400(CREATE_HW, { i: { name: 'x', category: 'SPACESHIP' } }, ['BAD_USER_INPUT']);
    expect(res.body.errors![0].message).toMatch(/SPACESHIP/);
  });

  test('a wrong enum value inline → BAD_USER_INPUT (an argument problem, as in variables)', async () => {
    await expect400(`mutation { createHardware(input: { name: "x", category: SPACESHIP }) { asset { id } } }`, {}, ['BAD_USER_INPUT']);
  });

  test('a missing required argument → BAD_USER_INPUT', async () => {
    await expect400(`mutation { createHardware { asset { id } } }`, {}, ['BAD_USER_INPUT']);
  });

  test('a missing required input field (name, category) → BAD_USER_INPUT', async () => {
    await expect400(CREATE_HW, { i: { category: 'LAPTOP' } }, ['BAD_USER_INPUT']);
    await expect400(CREATE_HW, { i: { name: 'no category' } }, ['BAD_USER_INPUT']);
  });

  test('null for a non-null create field → BAD_USER_INPUT', async () => {
    await expect400(CREATE_HW, { i: { name: null, category: 'LAPTOP' } }, ['BAD_USER_INPUT']);
  });

  test('an impossible date, a non-decimal amount, a non-integer count and an unknown field → BAD_USER_INPUT', async () => {
    await expect400(CREATE_HW, { i: { name: 'x', category: 'LAPTOP', warranty: { endsOn: '2025-02-29' } } }, ['BAD_USER_INPUT']);
    await expect400(CREATE_HW, { i: { name: 'x', category: 'LAPTOP', purchase: { cost: { amount: 'ten', currency: 'EUR' } } } }, ['BAD_USER_INPUT']);
    await expect400(`mutation($i: CreateVirtualMachineInput!) { createVirtualMachine(input: $i) { asset { id } } }`,
      { i: { name: 'x', hypervisor: 'KVM', vcpus: 1.5, memoryMib: 1 } }, ['BAD_USER_INPUT']);
    await expect400(CREATE_HW, { i: { name: 'x', category: 'LAPTOP', colour: 'red' } }, ['BAD_USER_INPUT']);
    await expect400(CREATE_HW, { i: { name: 'x', category: 'LAPTOP', customFields: [1, 2] } }, ['BAD_USER_INPUT']);
    await expect400(`mutation($i: CreateCertificateInput!) { createCertificate(input: $i) { asset { id } } }`,
      { i: { name: 'x', commonName: 'x', notAfter: 'tomorrow' } }, ['BAD_USER_INPUT']);
  });

  test('an unknown field in the selection → GRAPHQL_VALIDATION_FAILED', async () => {
    await expect400(`{ asset(assetTag: "x") { id colour } }`, {}, ['GRAPHQL_VALIDATION_FAILED']);
  });

  test('a kind field selected without an inline fragment → GRAPHQL_VALIDATION_FAILED', async () => {
    await expect400(`{ asset(assetTag: "x") { id category } }`, {}, ['GRAPHQL_VALIDATION_FAILED']);
  });

  test('a syntax error → GRAPHQL_PARSE_FAILED', async () => {
    await expect400(`mutation { createHardware(input: { name: "x" `, {}, ['GRAPHQL_PARSE_FAILED']);
  });
});

// ------------------------------------------------------------------ authentication and roles

describe('authentication and roles', () => {
  const CREATE_HW = `mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id assetTag } userErrors { code } } }`;

  for (const role of [Role.AUDITOR, Role.VIEWER]) {
    test(`${role} calling createHardware → FORBIDDEN, nothing written`, async () => {
      const before = await assetCount();
      const res = await app.gql(CREATE_HW, { i: { name: `by ${role}`, category: 'LAPTOP' } }, { roles: [role] });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.body.errors?.[0]?.path).toEqual(['createHardware']);
      expect(res.body.data?.createHardware ?? null).toBeNull();
      expect(await assetCount()).toBe(before);
      const [{ n }] = await app.sql<{ n: number }>('SELECT count(*)::int AS n FROM asset WHERE name = $1', [`by ${role}`]);
      expect(n).toBe(0);
    });

    test(`${role} calling updateCertificate → FORBIDDEN, nothing changed`, async () => {
      const c = created.Certificate;
      const before = await rowByTag(c.assetTag);
      const res = await app.gql(`mutation($i: UpdateCertificateInput!) { updateCertificate(input: $i) { asset { id } } }`,
        { i: { id: c.id, name: `changed by ${role}` } }, { roles: [role] });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await rowByTag(c.assetTag)).toEqual(before);
    });

    test(`${role} may read assets`, async () => {
      const d = ok(await app.gql(`query($id: ID!) { asset(id: $id) { __typename name ... on Hardware { category } } }`, { id: created.Hardware.id }, { roles: [role] }));
      expect(d.asset).toEqual({ __typename: 'Hardware', name: created.Hardware.name, category: 'SERVER' });
    });
  }

  test('ASSET_MANAGER may create and update', async () => {
    const a = await mustMutate('createNetworkDevice', { name: 'by manager', deviceType: 'WIRELESS_ACCESS_POINT' }, [Role.ASSET_MANAGER]);
    const u = await mustMutate('updateNetworkDevice', { id: a.id, expectedVersion: 1, portCount: 2 }, [Role.ASSET_MANAGER]);
    expect(u.portCount).toBe(2);
    expect(u.version).toBe(2);
  });

  test('a token with no role at all → FORBIDDEN', async () => {
    const before = await assetCount();
    const res = await app.gql(CREATE_HW, { i: { name: 'no roles', category: 'LAPTOP' } }, { roles: [] });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await assetCount()).toBe(before);
  });

  test('no token → HTTP 401 UNAUTHENTICATED, nothing written', async () => {
    const before = await assetCount();
    const res = await app.gql(CREATE_HW, { i: { name: 'anonymous', category: 'LAPTOP' } }, { auth: false });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.data ?? null).toBeNull();
    expect(await assetCount()).toBe(before);
  });

  test('an expired token → HTTP 401 UNAUTHENTICATED, nothing written', async () => {
    const before = await assetCount();
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = jwt.sign({ sub: 'late', roles: ['ADMIN'], iat: past - 60, exp: past }, TEST_JWT_SECRET, { algorithm: 'HS256' });
    const res = await app.gql(CREATE_HW, { i: { name: 'expired', category: 'LAPTOP' } }, { token: expired });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors?.[0]?.message).toMatch(/expired/i);
    expect(await assetCount()).toBe(before);
  });

  test('a token signed with another secret, a malformed token, an unsigned token and a token without exp → 401', async () => {
    const before = await assetCount();
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const tokens = [
      jwt.sign({ sub: 'mallory', roles: ['ADMIN'], exp }, 'not-the-right-secret-at-all-0123456789', { algorithm: 'HS256' }),
      'not.a.jwt',
      jwt.sign({ sub: 'mallory', roles: ['ADMIN'], exp }, '', { algorithm: 'none' }),
      jwt.sign({ sub: 'mallory', roles: ['ADMIN'] }, TEST_JWT_SECRET, { algorithm: 'HS256', noTimestamp: true }),
      jwt.sign({ sub: 'mallory', roles: ['SUPERUSER'], exp }, TEST_JWT_SECRET, { algorithm: 'HS256' }),
    ];
    for (const token of tokens) {
      const res = await app.gql(CREATE_HW, { i: { name: 'forged', category: 'LAPTOP' } }, { token });
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await assetCount()).toBe(before);
  });

  test('a valid hand-signed token with TEST_JWT_SECRET is accepted (the negative tests above are not vacuous)', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const token = jwt.sign({ sub: 'hand', roles: ['ASSET_MANAGER'], exp }, TEST_JWT_SECRET, { algorithm: 'HS256' });
    const d = ok(await app.gql(CREATE_HW, { i: { name: 'hand-signed', category: 'LAPTOP' } }, { token }));
    expect(d.createHardware.userErrors).toEqual([]);
    expect(d.createHardware.asset.assetTag).toMatch(/^HW-\d{6}$/);
  });

  test('reads without a token are refused too', async () => {
    const res = await app.gql(`query($id: ID!) { asset(id: $id) { id } }`, { id: created.Hardware.id }, { auth: false });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
