import { parse, type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { createSchema } from '../src/schema';
import { assetSelectFor } from '../src/modules/assets/asset.columns';
import { ok, startTestApp, type TestApp } from './support/test-app';

/**
 * Asset pages read only the columns their selection needs (src/modules/assets/asset.columns.ts).
 * Every field of every asset type, asked alone on a page, must equal the same field read
 * through `nodes(ids:)`, which loads whole rows.
 */
let app: TestApp;
let ids: string[] = [];

const ASSET_TYPES = ['Hardware', 'SoftwareLicense', 'NetworkDevice', 'CloudResource', 'VirtualMachine', 'DataAsset', 'Certificate'];

/** Sub-selections for object fields: deep enough that the resolver's reads show. */
const DEEP: Record<string, string> = {
  location: '{ id name }',
  department: '{ id name }',
  custodian: '{ __typename ... on Node { id } }',
  custodyChain: '{ totalCount nodes { id sequence type } pageInfo { hasNextPage } }',
  contracts: '{ id contractNumber }',
};

beforeAll(async () => {
  app = await startTestApp();
  const base = ok(await app.gql(`mutation {
    l: createLocation(input: { name: "HQ", kind: BUILDING }) { location { id } }
    d: createDepartment(input: { name: "Finance", code: "FIN" }) { department { id } }
    v: createVendor(input: { name: "Acme", roles: [SUPPLIER] }) { vendor { id } }
    p: createPerson(input: { displayName: "Holder" }) { person { id } }
  }`));
  const [l, d, v, p] = [base.l.location.id, base.d.department.id, base.v.vendor.id, base.p.person.id];
  const common = { locationId: l, departmentId: d, description: 'described', tags: ['x', 'y'] };
  const purchase = { purchase: { orderedOn: '2025-01-02', cost: { amount: '1200.50', currency: 'EUR' }, supplierId: v, orderNumber: 'PO-1' }, warranty: { endsOn: '2027-01-01', providerId: v } };
  const creates: Array<[string, string, Record<string, unknown>]> = [
    ['createHardware', 'CreateHardwareInput', { ...common, ...purchase, name: 'Laptop', category: 'LAPTOP', manufacturer: 'Lenovo', model: 'T14', serialNumber: 'SN-1' }],
    ['createSoftwareLicense', 'CreateSoftwareLicenseInput', { ...common, name: 'IDE', product: 'IDE', publisher: 'JB', licenseType: 'SUBSCRIPTION', metric: 'PER_USER', seatsTotal: 5, licenseKey: ' KEY ' }],
    ['createNetworkDevice', 'CreateNetworkDeviceInput', { ...common, name: 'sw-1', deviceType: 'SWITCH', managementIp: '10.0.0.1', macAddress: '00:11:22:33:44:55', portCount: 48 }],
    ['createCloudResource', 'CreateCloudResourceInput', { ...common, name: 'bucket', provider: 'AWS', serviceModel: 'PAAS', resourceType: 's3', region: 'eu-west-1', monthlyCost: { amount: '12.00', currency: 'USD' } }],
    ['createVirtualMachine', 'CreateVirtualMachineInput', { ...common, name: 'vm-1', hypervisor: 'KVM', vcpus: 4, memoryMib: 8192, ipAddresses: ['10.0.0.7'] }],
    ['createDataAsset', 'CreateDataAssetInput', { ...common, name: 'HR data', classification: 'CONFIDENTIAL', dataCategory: 'CUSTOMER_RECORDS', containsPersonalData: true, expiresOn: '2031-01-01' }],
    ['createCertificate', 'CreateCertificateInput', { ...common, name: 'www', commonName: 'www.example.com', subjectAltNames: ['www.example.com'], notBefore: '2026-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z' }],
  ];
  const c = ok(await app.gql(`mutation($i: CreateContractInput!) { createContract(input: $i) { contract { id } userErrors { message } } }`,
    { i: { contractNumber: 'C-1', title: 'Support', type: 'SUPPORT', vendorId: v, cost: { amount: '100.00', currency: 'EUR' }, startsOn: '2026-01-01', endsOn: '2027-12-31', autoRenew: true, noticePeriodDays: 30 } }));
  for (const [mutation, input, values] of creates) {
    const res = ok(await app.gql(`mutation($i: ${input}!) { r: ${mutation}(input: $i) { asset { id } userErrors { field message } } }`, { i: values }));
    expect(res.r.userErrors).toEqual([]);
    ids.push(res.r.asset.id);
  }
  ok(await app.gql(`mutation($i: ContractAssetsInput!) { linkContractAssets(input: $i) { userErrors { message } } }`, { i: { contractId: c.createContract.contract.id, assetIds: ids } }));
  ok(await app.gql(`mutation($a: ID!, $p: ID!) { checkOutAsset(input: { assetId: $a, to: { personId: $p } }) { userErrors { message } } }`, { a: ids[0], p }));
});
afterAll(async () => app?.close());

interface IntrospectedField {
  name: string;
  args: Array<{ type: { kind: string } }>;
  type: { kind: string; ofType: { kind: string; ofType: { kind: string; ofType: { kind: string } | null } | null } | null };
}

function leafKind(t: IntrospectedField['type']): string {
  let k: { kind: string; ofType?: unknown } | null = t;
  while (k && (k.kind === 'NON_NULL' || k.kind === 'LIST')) k = (k as { ofType: { kind: string } | null }).ofType;
  return k?.kind ?? 'SCALAR';
}

/** The fields of a type that take no required argument, each with a sub-selection (none for leaves, `objectSub` by name or `fallback` for objects). */
async function fieldCases(type: string, objectSub: Record<string, string>, fallback: string): Promise<Array<{ name: string; sub: string }>> {
  const { __type } = ok(await app.gql(`query($t: String!) { __type(name: $t) { fields { name args { type { kind } } type { kind ofType { kind ofType { kind ofType { kind } } } } } } }`, { t: type }));
  return (__type.fields as IntrospectedField[])
    .filter((f) => !f.args.some((a) => a.type.kind === 'NON_NULL')) // needs an argument (e.g. custodianAt)
    .map((f) => {
      const kind = leafKind(f.type);
      return { name: f.name, sub: kind === 'SCALAR' || kind === 'ENUM' ? '' : (objectSub[f.name] ?? fallback) };
    });
}

test('every field of every asset type reads the same on a page as from a whole row', async () => {
  let compared = 0;
  for (const type of ASSET_TYPES) {
    for (const { name, sub } of await fieldCases(type, DEEP, '{ __typename }')) {
      const selection = `id ... on ${type} { ${name} ${sub} }`;
      const page = ok(await app.gql(`{ assets(first: 10) { nodes { ${selection} } } }`));
      const rows = ok(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ${selection} } }`, { ids }));
      const byId = new Map((rows.nodes as Array<{ id: string }>).map((n) => [n.id, n]));
      for (const n of page.assets.nodes as Array<{ id: string }>) {
        expect({ type, field: name, value: n }).toEqual({ type, field: name, value: byId.get(n.id) });
        compared++;
      }
    }
  }
  expect(compared).toBeGreaterThan(200);
});

test('a page asks for the columns its selection needs, and for every column when a field is not known to need fewer', async () => {
  const schema = await createSchema();
  const selectOf = (query: string): string | null => {
    const doc = parse(query);
    const op = doc.definitions[0] as OperationDefinitionNode;
    const fragments = Object.fromEntries(doc.definitions.filter((d) => d.kind === 'FragmentDefinition').map((d) => [(d as { name: { value: string } }).name.value, d]));
    return assetSelectFor({ schema, fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments } as unknown as GraphQLResolveInfo);
  };
  const headline = selectOf(`{ assets { nodes { id assetTag status location { name } custodian { __typename } custodyChain(first: 5) { nodes { type } }
    contracts { contractNumber } ...hw ... on Certificate { commonName } } } } fragment hw on Hardware { category serialNumber }`);
  expect(headline).not.toBeNull();
  for (const col of ['a.id', 'a.kind', 'a.asset_tag', 'a.status', 'a.location_id', 'a.custodian_type', 'a.custodian_id', 'a.custody_sequence', 'a.hw_category', 'a.serial_number', 'a.common_name']) {
    expect(headline).toContain(`${col} AS`);
  }
  expect(headline).not.toContain('a.license_key');
  expect(headline).not.toContain('a.purchase_cost');
  // Through edges { node } as well.
  expect(selectOf('{ assets { edges { cursor node { name } } totalCount } }')).toBe('a.id AS "id", a.kind AS "kind", a.name AS "name"');
  // purchase has a resolver that is not listed: the whole row.
  expect(selectOf('{ assets { nodes { id purchase { cost { amount } } } } }')).toBeNull();
  // licenseKey is guarded by the access rules (a resolver): the whole row.
  expect(selectOf('{ assets { nodes { ... on SoftwareLicense { licenseKey } } } }')).toBeNull();
});

test('every field of a custody event reads the same in a custodyChain page as from a whole row', async () => {
  // More events: a transfer and a check-in on the first asset.
  const p2 = ok(await app.gql(`mutation { createPerson(input: { displayName: "Second" }) { person { id } } }`)).createPerson.person.id;
  ok(await app.gql(`mutation($a: ID!, $p: ID!) { transferAsset(input: { assetId: $a, to: { personId: $p } }) { userErrors { message } } }`, { a: ids[0], p: p2 }));
  let compared = 0;
  for (const { name, sub } of await fieldCases('CustodyEvent', DEEP, '{ __typename ... on Node { id } }')) {
    const page = ok(await app.gql(`{ assets(first: 10) { nodes { custodyChain(first: 5) { nodes { id ${name} ${sub} } } } } }`));
    const events = (page.assets.nodes as Array<{ custodyChain: { nodes: Array<{ id: string }> } }>).flatMap((a) => a.custodyChain.nodes);
    expect(events.length).toBeGreaterThanOrEqual(2);
    const whole = ok(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on CustodyEvent { id ${name} ${sub} } } }`, { ids: events.map((e) => e.id) }));
    expect({ field: name, events }).toEqual({ field: name, events: whole.nodes });
    compared += events.length;
  }
  expect(compared).toBeGreaterThan(20);
});

test('every field of a contract reads the same in an asset\'s contracts list as from a whole row', async () => {
  let compared = 0;
  const contractSubs = { assets: '{ totalCount nodes { id } }', cost: '{ amount currency }', vendor: '{ id name }' };
  for (const { name, sub } of await fieldCases('Contract', contractSubs, '{ __typename }')) {
    const page = ok(await app.gql(`{ assets(first: 10) { nodes { contracts { id ${name} ${sub} } } } }`));
    const contracts = (page.assets.nodes as Array<{ contracts: Array<{ id: string }> }>).flatMap((a) => a.contracts);
    expect(contracts.length).toBe(ids.length);
    const whole = ok(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Contract { id ${name} ${sub} } } }`, { ids: contracts.map((c) => c.id) }));
    expect({ field: name, contracts }).toEqual({ field: name, contracts: whole.nodes });
    compared += contracts.length;
  }
  expect(compared).toBeGreaterThan(50);
});
