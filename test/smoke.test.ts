import { ok, startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

test('create and read hardware', async () => {
  const res = ok(await app.gql(`mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id assetTag name category dataBearing status warranty { status } } userErrors { field code message } } }`,
    { i: { name: 'Laptop 1', category: 'LAPTOP', purchase: { cost: { amount: '1299.00', currency: 'EUR' } } } }));
  console.log(JSON.stringify(res));
  const id = res.createHardware.asset.id;
  const q = ok(await app.gql(`query($id: ID!) { node(id: $id) { id __typename ... on Hardware { assetTag purchase { cost { amount currency } } } } assets(first: 5) { totalCount nodes { id assetTag } pageInfo { endCursor hasNextPage } } }`, { id }));
  console.log(JSON.stringify(q));
});
