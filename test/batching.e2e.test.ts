import { ok, startTestApp, type TestApp } from './support/test-app';

/**
 * A page of assets with custodian, custody chain, contracts and location costs a
 * fixed, small number of SQL statements, whatever the page size.
 */
let app: TestApp;

const QUERY = `query($n: Int!) { assets(first: $n) { nodes { id assetTag
  custodian { __typename ... on Person { displayName } ... on Location { name } }
  custodyChain(first: 5) { nodes { type occurredAt } }
  contracts { contractNumber vendor { name } }
  location { name } } } }`;

beforeAll(async () => {
  app = await startTestApp();
  // 120 assets; every fourth held by a person, every fourth by a location, each with a few events and contracts.
  const base = ok(await app.gql(`mutation {
    l: createLocation(input: { name: "HQ", kind: BUILDING }) { location { id } }
    l2: createLocation(input: { name: "Depot", kind: WAREHOUSE }) { location { id } }
    v: createVendor(input: { name: "Acme", roles: [SUPPLIER] }) { vendor { id } }
    p: createPerson(input: { displayName: "Holder" }) { person { id } }
  }`));
  const { l, l2, v, p } = { l: base.l.location.id, l2: base.l2.location.id, v: base.v.vendor.id, p: base.p.person.id };
  const contracts: string[] = [];
  for (let i = 0; i < 3; i++) {
    const c = ok(await app.gql(`mutation($i: CreateContractInput!) { createContract(input: $i) { contract { id } userErrors { message } } }`,
      { i: { contractNumber: `C-${i}`, title: `Support ${i}`, type: 'SUPPORT', vendorId: v } }));
    contracts.push(c.createContract.contract.id);
  }
  const ids: string[] = [];
  for (let i = 0; i < 120; i++) {
    const a = ok(await app.gql(`mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id } } }`, { i: { name: `Laptop ${i}`, category: 'LAPTOP', locationId: i % 2 ? l : l2 } }));
    ids.push(a.createHardware.asset.id);
  }
  for (const c of contracts) ok(await app.gql(`mutation($i: ContractAssetsInput!) { linkContractAssets(input: $i) { userErrors { message } } }`, { i: { contractId: c, assetIds: ids } }));
  await Promise.all(ids.map(async (id, i) => {
    if (i % 4 === 0) ok(await app.gql(`mutation($a: ID!, $p: ID!) { checkOutAsset(input: { assetId: $a, to: { personId: $p } }) { userErrors { message } } }`, { a: id, p }));
    if (i % 4 === 1) ok(await app.gql(`mutation($a: ID!, $l: ID!) { checkOutAsset(input: { assetId: $a, to: { locationId: $l } }) { userErrors { message } } }`, { a: id, l }));
  }));
});
afterAll(async () => app?.close());

async function statements(n: number): Promise<number> {
  const res = await app.gql(QUERY, { n });
  const data = ok(res);
  expect(data.assets.nodes).toHaveLength(n);
  // The data really is there: holders of both kinds, chains and contracts.
  const nodes = data.assets.nodes as Array<{ custodian: { __typename: string } | null; custodyChain: { nodes: unknown[] }; contracts: unknown[] }>;
  expect(nodes.some((a) => a.custodian?.__typename === 'Person')).toBe(true);
  expect(nodes.some((a) => a.custodian?.__typename === 'Location')).toBe(true);
  expect(nodes.some((a) => a.custodyChain.nodes.length > 0)).toBe(true);
  expect(nodes.every((a) => a.contracts.length === 3)).toBe(true);
  return Number(res.headers['x-sql-statements']);
}

test('the same statement count at first: 10 and first: 100, and at most 10', async () => {
  const at10 = await statements(10);
  const at100 = await statements(100);
  expect(at10).toBeGreaterThan(0);
  expect(at100).toBe(at10);
  expect(at100).toBeLessThanOrEqual(10);
});
