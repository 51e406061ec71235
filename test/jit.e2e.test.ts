import { ok, Role, startTestApp, type TestApp } from './support/test-app';

/**
 * Queries run compiled by graphql-jit (GRAPHQL_JIT, on by default); graphql-js answers the rest.
 * The same requests sent to a service with GRAPHQL_JIT=false over the same database must get
 * the same HTTP status and the same body, byte for byte: data, nulls, errors, paths and codes.
 */
let jit: TestApp;
let plain: TestApp;
let ids: { hw: string; lic: string; person: string; loc: string };

beforeAll(async () => {
  jit = await startTestApp({ GRAPHQL_JIT_MIN_RUNS: '2' });
  plain = await startTestApp({ GRAPHQL_JIT: 'false' }, { database: jit.database });
  const base = ok(await jit.gql(`mutation {
    l: createLocation(input: { name: "HQ", kind: BUILDING }) { location { id } }
    v: createVendor(input: { name: "Acme", roles: [SUPPLIER] }) { vendor { id } }
    p: createPerson(input: { displayName: "Ada", email: "ada@example.com" }) { person { id } }
  }`));
  const hw = ok(await jit.gql(`mutation($l: ID!, $v: ID!) { createHardware(input: { name: "Laptop", category: LAPTOP, locationId: $l, serialNumber: "S1",
    purchase: { cost: { amount: "999.99", currency: "EUR" }, supplierId: $v }, warranty: { endsOn: "2027-06-30" } }) { asset { id } } }`, { l: base.l.location.id, v: base.v.vendor.id }));
  const lic = ok(await jit.gql(`mutation { createSoftwareLicense(input: { name: "IDE", product: "IDE", licenseType: PERPETUAL, metric: PER_USER, seatsTotal: 3, licenseKey: "K-1" }) { asset { id } } }`));
  ids = { hw: hw.createHardware.asset.id, lic: lic.createSoftwareLicense.asset.id, person: base.p.person.id, loc: base.l.location.id };
  ok(await jit.gql(`mutation($a: ID!, $p: ID!) { checkOutAsset(input: { assetId: $a, to: { personId: $p } }) { userErrors { message } } }`, { a: ids.hw, p: ids.person }));
  ok(await jit.gql(`mutation($a: ID!, $p: ID!) { assignLicenseSeat(input: { licenseId: $a, personId: $p }) { userErrors { message } } }`, { a: ids.lic, p: ids.person }));
});
afterAll(async () => {
  await plain?.close();
  await jit?.close();
});

const CASES: Array<{ name: string; query: string; variables?: () => Record<string, unknown>; roles?: Role[] }> = [
  {
    name: 'a page with fragments on every kind, custodian, chain, contracts and location',
    query: `query { assets(first: 20, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } nodes {
      id assetTag name status kind tags location { name path { name } } custodian { __typename ... on Person { displayName email } ... on Location { name } }
      custodyChain(first: 5) { totalCount nodes { sequence type occurredAt } } contracts { contractNumber vendor { name } }
      ... on Hardware { category serialNumber purchase { cost { amount currency } supplier { name } } warranty { status endsOn } }
      ... on SoftwareLicense { product seatsTotal seatsUsed compliance } ...cert } } }
      fragment cert on Certificate { commonName notAfter }`,
  },
  { name: 'aliases, variables and @include/@skip', query: `query($yes: Boolean!, $no: Boolean!, $id: ID!) { a: node(id: $id) { id ... on Asset { n: name tag: assetTag @include(if: $yes) st: status @skip(if: $yes) x: kind @include(if: $no) } } b: node(id: $id) { __typename } }`, variables: () => ({ yes: true, no: false, id: ids.hw }) },
  { name: 'a field the role may not read: null with FORBIDDEN at its path', query: `query($id: ID!) { asset(id: $id) { name ... on SoftwareLicense { licenseKey } } }`, variables: () => ({ id: ids.lic }), roles: [Role.VIEWER] },
  { name: 'money fields refused to a viewer', query: `query($id: ID!) { asset(id: $id) { name ... on Hardware { purchase { cost { amount } } } } }`, variables: () => ({ id: ids.hw }), roles: [Role.VIEWER] },
  { name: 'a resolver error (bad cursor) with its code and path', query: `query { assets(first: 2, after: "bm90LWEtY3Vyc29y") { nodes { id } } }` },
  { name: 'a nested bad argument', query: `query($id: ID!) { asset(id: $id) { custodyChain(first: -1) { nodes { sequence } } } }`, variables: () => ({ id: ids.hw }) },
  { name: 'unknown ids are null', query: `query { node(id: "SGFyZHdhcmU6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw") { id } nodes(ids: ["bm9wZQ"]) { id } }` },
  { name: 'a variable that does not coerce (graphql-js answers)', query: `query($d: Date) { assets(first: 1) { nodes { bookValue(asOf: $d) { amount } } } }`, variables: () => ({ d: '2025-02-30' }) },
  { name: 'people with their seats and held assets', query: `query { people(first: 5) { nodes { displayName heldAssets(first: 3) { totalCount nodes { assetTag } } } } }` },
  { name: 'introspection (graphql-js answers)', query: `{ __type(name: "Hardware") { name fields { name } } }` },
];

const compilations = async (): Promise<number> => {
  const text = (await jit.http().get('/metrics')).text;
  return Number(/^itam_graphql_jit_compilations_total (\d+)/m.exec(text)?.[1] ?? NaN);
};

test.each(CASES)('same answer compiled and interpreted: $name', async ({ query, variables, roles }) => {
  const vars = variables?.() ?? {};
  const b = await plain.gql(query, vars, { roles });
  // A document is compiled on its second run: the first answer is graphql-js's, the second the compiled one's.
  for (let run = 0; run < 2; run++) {
    const a = await jit.gql(query, vars, { roles });
    expect(a.status).toBe(b.status);
    expect(JSON.stringify(a.body)).toBe(JSON.stringify(b.body));
  }
  // The case really exercises something: data or errors came back.
  expect(b.body.data !== undefined || b.body.errors !== undefined).toBe(true);
});

test('queries are compiled on their second run, once; mutations, introspection and bad variables are not', async () => {
  const before = await compilations();
  const q = `query Once($n: Int) { assets(first: $n) { nodes { id name } } }`;
  await jit.gql(q, { n: 1 });
  expect(await compilations()).toBe(before);
  await jit.gql(q, { n: 2 });
  expect(await compilations()).toBe(before + 1);
  await jit.gql(q, { n: 3 });
  expect(await compilations()).toBe(before + 1);
  for (let i = 0; i < 3; i++) {
    await jit.gql(`{ __schema { queryType { name } } }`);
    await jit.gql(`query($d: Date) { assets(first: 1) { nodes { bookValue(asOf: $d) { amount } } } }`, { d: 'no date' });
    await jit.gql(`mutation { createVendor(input: { name: "V${i}", roles: [SUPPLIER] }) { vendor { id } } }`);
  }
  expect(await compilations()).toBe(before + 1);
});
