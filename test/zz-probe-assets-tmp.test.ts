import { ok, Role, startTestApp, type TestApp } from './support/test-app';
let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });
const M = (m: string, input: any, roles?: Role[]) => app.gql(`mutation($i: ${m[0].toUpperCase()}${m.slice(1)}Input!) { ${m}(input: $i) { asset { id assetTag ...F purchase { cost { amount currency } } } userErrors { field code message } } } fragment F on Asset { ... on NetworkDevice { macAddress managementIp } ... on SoftwareLicense { licenseKey } }`, { i: input }, roles ? { roles } : {});
test('probe', async () => {
  for (const mac of ['00:1A:2B:3C:4D:5E:6F:70', '001A.2B3C.4D5E', '001A2B3C4D5E', '00 1A 2B 3C 4D 5E']) {
    const r = await M('createNetworkDevice', { name: 'p', deviceType: 'MODEM', macAddress: mac });
    console.log('mac', mac, r.status, JSON.stringify(r.body));
  }
  for (const ip of ['fe80::1%eth0', '::ffff:10.0.0.1', '010.000.000.001']) {
    const r = await M('createNetworkDevice', { name: 'p', deviceType: 'MODEM', managementIp: ip });
    console.log('ip', ip, r.status, JSON.stringify(r.body));
  }
  const lic = ok(await M('createSoftwareLicense', { name: 'l', product: 'p', licenseType: 'TRIAL', metric: 'SITE', seatsTotal: 1, licenseKey: 'SECRET', purchase: { cost: { amount: '5', currency: 'EUR' } } }));
  const id = lic.createSoftwareLicense.asset.id;
  for (const role of [Role.AUDITOR, Role.VIEWER]) {
    const r = await app.gql(`query($id: ID!) { asset(id: $id) { id purchase { cost { amount } } ... on SoftwareLicense { licenseKey } } }`, { id }, { roles: [role] });
    console.log(role, JSON.stringify(r.body));
  }
  const r2 = await M('createHardware', { name: 'x', category: 'LAPTOP', externalRefs: [{ source: 'a', externalId: '1' }, { source: 'a', externalId: '1' }] });
  console.log('dupref', JSON.stringify(r2.body));
  const r3 = await M('createHardware', { name: 'x', category: 'LAPTOP', purchase: { cost: { amount: 12.5, currency: 'EUR' } } });
  console.log('num', JSON.stringify(r3.body));
  const r4 = await M('createHardware', { name: 'x', category: 'LAPTOP', purchase: { cost: { amount: '1.00', currency: '' } } });
  console.log('emptycur', JSON.stringify(r4.body));
  const r5 = await M('createHardware', { name: 'x', category: 'LAPTOP', depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 12, salvageValue: '5.00' } });
  console.log('salvage-no-cost', JSON.stringify(r5.body));
  const r6 = await M('createDataAsset', { name: 'x', classification: 'PUBLIC', dataCategory: 'OTHER', retentionUntil: null, expiresOn: '2030-01-01' });
  console.log('data null', JSON.stringify(r6.body));
  const r7 = await app.gql(`mutation { createDataAsset(input: {name: "d", classification: PUBLIC, dataCategory: OTHER}) { asset { id } userErrors { code } } }`);
  const did = r7.body.data.createDataAsset.asset.id;
  const r8 = await M('updateDataAsset', { id: did, storedOnIds: [did] });
  console.log('self stored', JSON.stringify(r8.body));
  const r9 = await M('createVirtualMachine', { name: 'v', hypervisor: 'KVM', vcpus: 1, memoryMib: 1, lastBackupAt: '2025-01-01T00:00:00+14:00' });
  console.log('vm', JSON.stringify(r9.body));
  const r10 = await M('createHardware', { name: 'x', category: 'LAPTOP', tags: Array.from({length: 51}, (_, i) => `t${i}`) });
  console.log('tags51', JSON.stringify(r10.body));
  const r11 = await M('createHardware', { name: 'x', category: 'LAPTOP', purchase: { orderedOn: '2024-01-01', receivedOn: '2024-01-01' }, warranty: { endsOn: '9999-12-31' } });
  console.log('dates', JSON.stringify(r11.body));
  const r12 = await M('createHardware', { name: 'x', category: 'LAPTOP', purchase: { cost: { amount: '999999999999.99', currency: 'EUR' } } , depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 1, salvageValue: '999999999999.98' } });
  console.log('big', JSON.stringify(r12.body));
});
