import { ok, startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

test('create and read hardware', async () => {
  const res = ok(await app.gql(`mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id assetTag name category dataBearing status warranty { status } } userErrors { field code message } } }`,
    { i: { name: 'Laptop 1', category: 'LAPTOP', purchase: { cost: { amount: '1299.00', currency: 'EUR' } } } }));
  expect(res.createHardware).toMatchObject({ userErrors: [], asset: { assetTag: 'HW-000001', name: 'Laptop 1', category: 'LAPTOP', dataBearing: true, status: 'IN_STOCK', warranty: { status: 'NONE' } } });
  const id = res.createHardware.asset.id;
  const q = ok(await app.gql(`query($id: ID!) { node(id: $id) { id __typename ... on Hardware { assetTag purchase { cost { amount currency } } } } assets(first: 5) { totalCount nodes { id assetTag } pageInfo { endCursor hasNextPage } } }`, { id }));
  expect(q.node).toEqual({ id, __typename: 'Hardware', assetTag: 'HW-000001', purchase: { cost: { amount: '1299.00', currency: 'EUR' } } });
  expect(q.assets).toMatchObject({ totalCount: 1, nodes: [{ id, assetTag: 'HW-000001' }], pageInfo: { hasNextPage: false } });
});
