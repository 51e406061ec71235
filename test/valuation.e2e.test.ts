import { ok, Role, startTestApp, type GqlResult, type TestApp } from './support/test-app';

/**
 * Depreciation (Asset.bookValue) and inventorySummary. Every expected amount is worked by
 * hand in the comments: exact fractions, rounded half-up to cents.
 */

let app: TestApp;
let personId: string;

const keyOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
const CENTS = /^\d+\.\d{2}$/;

interface Dep { method: 'STRAIGHT_LINE' | 'DECLINING_BALANCE'; usefulLifeMonths: number; salvageValue?: string; inServiceOn?: string }
interface NewAsset {
  cost?: [string, string];
  receivedOn?: string;
  depreciation?: Dep;
  tags?: string[];
  departmentId?: string;
  locationId?: string;
  category?: string;
}

async function hardware(o: NewAsset = {}, name = 'Valued'): Promise<string> {
  const purchase = o.cost || o.receivedOn ? { cost: o.cost ? { amount: o.cost[0], currency: o.cost[1] } : undefined, receivedOn: o.receivedOn } : undefined;
  const d = ok(await app.gql(`mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id } userErrors { field message } } }`, {
    i: { name, category: o.category ?? 'MONITOR', purchase, depreciation: o.depreciation, tags: o.tags, departmentId: o.departmentId, locationId: o.locationId },
  }));
  expect(d.createHardware.userErrors).toEqual([]);
  return d.createHardware.asset.id;
}

/** Asks one asset's book value on several dates in one request (aliases v0, v1, …). */
async function valuesOn(id: string, dates: string[]): Promise<Array<{ amount: string; currency: string } | null>> {
  const fields = dates.map((d, i) => `v${i}: bookValue(asOf: "${d}") { amount currency }`).join(' ');
  const data = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on Asset { ${fields} } } }`, { id }));
  return dates.map((_, i) => data.node[`v${i}`]);
}

/** Checks a table of [asOf, amount] rows, and that every amount is a two-decimal string in `currency`. */
async function expectTable(id: string, table: Array<[string, string]>, currency = 'EUR'): Promise<void> {
  const got = await valuesOn(id, table.map(([d]) => d));
  for (const v of got) {
    expect(typeof v?.amount).toBe('string');
    expect(v!.amount).toMatch(CENTS);
    expect(v!.currency).toBe(currency);
  }
  expect(table.map(([d], i) => [d, got[i]!.amount])).toEqual(table);
}

async function changeStatus(assetId: string, status: string): Promise<void> {
  const d = ok(await app.gql(`mutation($i: ChangeAssetStatusInput!) { changeAssetStatus(input: $i) { userErrors { code message } } }`, { i: { assetId, status, reason: 'test' } }));
  expect(d.changeAssetStatus.userErrors).toEqual([]);
}

/** Disposal by hand (RETIRED through the lifecycle, then the record and DISPOSED by SQL), while disposeAsset is built elsewhere. */
async function dispose(assetId: string, disposedOn: string): Promise<void> {
  await changeStatus(assetId, 'RETIRED');
  await app.sql(`INSERT INTO disposal (asset_id, method, disposed_on, recorded_by) VALUES ($1, 'RECYCLE', $2, 'test')`, [keyOf(assetId), disposedOn]);
  await app.sql(`UPDATE asset SET status = 'DISPOSED' WHERE id = $1`, [keyOf(assetId)]);
}

async function checkOut(assetId: string): Promise<void> {
  const d = ok(await app.gql(`mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { userErrors { code message } } }`, { i: { assetId, to: { personId } } }));
  expect(d.checkOutAsset.userErrors).toEqual([]);
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Inserts `n` depreciating HARDWARE rows by SQL (fast), spread over the given departments and locations. */
async function insertAssets(n: number, tag: string, departments: Array<string | null>, locations: Array<string | null>): Promise<void> {
  await app.sql(
    `INSERT INTO asset (kind, asset_tag, name, status, hw_category, data_bearing, tags, department_id, location_id,
                        purchase_cost, purchase_currency, depreciation_method, depreciation_useful_life_months, depreciation_salvage_value, depreciation_in_service_on)
     SELECT 'HARDWARE', $1 || '-' || g, 'Bulk ' || g, 'IN_STOCK', 'MONITOR', false, ARRAY[$1]::varchar[],
            ($2::uuid[])[1 + g % cardinality($2::uuid[])], ($3::uuid[])[1 + g % cardinality($3::uuid[])],
            1200.00, CASE WHEN g % 2 = 0 THEN 'EUR' ELSE 'USD' END, 'STRAIGHT_LINE', 12, 0, '2024-01-01'
       FROM generate_series(1, $4::int) g`,
    [tag, departments.map((d) => (d ? keyOf(d) : null)), locations.map((l) => (l ? keyOf(l) : null)), n],
  );
}

beforeAll(async () => {
  app = await startTestApp();
  const d = ok(await app.gql(`mutation { p: createPerson(input: { displayName: "Ada Lovelace" }) { person { id } } }`));
  personId = d.p.person.id;
});
afterAll(async () => app?.close());

describe('Asset.bookValue: STRAIGHT_LINE', () => {
  test('cost 1200.00, salvage 200.00, 36 months from 2024-01-15', async () => {
    const id = await hardware({ cost: ['1200.00', 'EUR'], depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 36, salvageValue: '200.00', inServiceOn: '2024-01-15' } });
    // Depreciable amount 1200.00 - 200.00 = 1000.00; value = 1200 - 1000 * m / 36.
    await expectTable(id, [
      ['2024-01-15', '1200.00'], //  m = 0
      ['2024-02-14', '1200.00'], //  m = 0 (the first month is complete on 15 Feb)
      ['2024-02-15', '1172.22'], //  m = 1:  1200 - 1000/36    = 1200 - 27.777…  = 1172.222… → 1172.22
      ['2025-01-15', '866.67'], //   m = 12: 1200 - 12000/36   = 1200 - 333.333… = 866.666…  → 866.67
      ['2026-12-15', '227.78'], //   m = 35: 1200 - 35000/36   = 1200 - 972.222… = 227.777…  → 227.78
      ['2027-01-14', '227.78'], //   still m = 35
      ['2027-01-15', '200.00'], //   m = 36: end of life → salvage
      ['2028-01-15', '200.00'], //   m = 48: salvage, never below
    ]);
  });

  test('rounding: 1000.00 over 3 months, and a half cent rounds up', async () => {
    const thirds = await hardware({ cost: ['1000.00', 'EUR'], depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 3, inServiceOn: '2024-01-15' } });
    await expectTable(thirds, [
      ['2024-02-15', '666.67'], // 1000 - 1000/3 = 666.666… → 666.67
      ['2024-03-15', '333.33'], // 1000 - 2000/3 = 333.333… → 333.33
      ['2024-04-15', '0.00'], //   end of life, salvage defaults to 0.00
    ]);
    const eighths = await hardware({ cost: ['1.00', 'EUR'], depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 8, inServiceOn: '2024-01-15' } });
    await expectTable(eighths, [
      ['2024-02-15', '0.88'], // 1 - 1/8 = 0.875 → 0.88 (half-up)
      ['2024-08-15', '0.13'], // 1 - 7/8 = 0.125 → 0.13 (half-up; half-even would give 0.12)
    ]);
  });
});

describe('Asset.bookValue: DECLINING_BALANCE (double declining, monthly)', () => {
  // Each whole month keeps (36 - 2)/36 = 17/18 of the value: value = 1000 * 17^m / 18^m.
  test('cost 1000.00, 36 months, salvage 100.00: the curve stays above salvage, which takes over at the end of life', async () => {
    const id = await hardware({ cost: ['1000.00', 'USD'], depreciation: { method: 'DECLINING_BALANCE', usefulLifeMonths: 36, salvageValue: '100.00', inServiceOn: '2024-01-15' } });
    await expectTable(id, [
      ['2024-01-15', '1000.00'], // m = 0
      ['2024-02-15', '944.44'], //  m = 1:  1000 * 17/18 = 944.444… → 944.44
      ['2025-01-15', '503.64'], //  m = 12: 1000 * 582622237229761 / 1156831381426176 = 503.636… → 503.64
      ['2026-01-15', '253.65'], //  m = 24: 1000 * 17^24 / 18^24 = 253.649… → 253.65
      ['2026-12-15', '135.26'], //  m = 35: 1000 * 17^35 / 18^35 = 135.261… → 135.26, still above 100.00
      ['2027-01-15', '100.00'], //  m = 36: end of life → salvage
      ['2030-01-15', '100.00'],
    ], 'USD');
  });

  test('salvage 300.00: the floor takes over in month 22, before the end of life', async () => {
    const id = await hardware({ cost: ['1000.00', 'USD'], depreciation: { method: 'DECLINING_BALANCE', usefulLifeMonths: 36, salvageValue: '300.00', inServiceOn: '2024-01-15' } });
    await expectTable(id, [
      ['2025-01-15', '503.64'], // m = 12: as above, salvage plays no part
      ['2025-10-15', '301.10'], // m = 21: 1000 * 17^21 / 18^21 = 301.095… → 301.10 (> 300)
      ['2025-11-15', '300.00'], // m = 22: 1000 * 17^22 / 18^22 = 284.368… < 300 → the floor: 300.00
      ['2026-06-15', '300.00'], // m = 29
      ['2027-01-15', '300.00'], // m = 36: salvage
    ], 'USD');
  });
});

describe('Asset.bookValue: month boundaries', () => {
  // STRAIGHT_LINE 6000.00 over 60 months, no salvage: exactly 100.00 a month, so the value shows the month count.
  const sl = (inServiceOn: string) => hardware({ cost: ['6000.00', 'EUR'], depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 60, inServiceOn } });

  test('in service 31 Jan 2024: 28 Feb is 0 months, 29 Feb (leap year) is 1', async () => {
    await expectTable(await sl('2024-01-31'), [
      ['2024-02-28', '6000.00'], // 28 < min(31, 29): the month is not complete
      ['2024-02-29', '5900.00'], // last day of the shorter month: 1 month
      ['2024-03-30', '5900.00'], // 30 < 31: still 1
      ['2024-03-31', '5800.00'], // 2 months
      ['2024-04-30', '5700.00'], // April has 30 days: 3 months on its last day
    ]);
  });

  test('in service 31 Jan 2023: 28 Feb 2023 (not a leap year) is 1 month', async () => {
    await expectTable(await sl('2023-01-31'), [
      ['2023-02-27', '6000.00'],
      ['2023-02-28', '5900.00'],
    ]);
  });

  test('in service 29 Feb 2024: 28 Feb 2025 is 12 months, 29 Feb 2028 is 48', async () => {
    await expectTable(await sl('2024-02-29'), [
      ['2024-03-28', '6000.00'], // 28 < 29
      ['2024-03-29', '5900.00'], // 1 month
      ['2025-02-27', '4900.00'], // 11 months
      ['2025-02-28', '4800.00'], // 12 months: the last day of a shorter February
      ['2028-02-28', '1300.00'], // 47 months: 2028 is a leap year, the 29th exists
      ['2028-02-29', '1200.00'], // 48 months
    ]);
  });

  test('asOf before service starts: the cost', async () => {
    await expectTable(await sl('2024-06-01'), [
      ['2000-01-01', '6000.00'],
      ['2024-05-31', '6000.00'],
      ['2024-06-01', '6000.00'],
      ['2024-07-01', '5900.00'],
    ]);
  });
});

describe('Asset.bookValue: settings and edge cases', () => {
  test('no depreciation settings: the cost, whatever the date', async () => {
    const id = await hardware({ cost: ['799.99', 'GBP'], receivedOn: '2020-01-01' });
    await expectTable(id, [['2019-01-01', '799.99'], ['2021-06-30', '799.99'], ['2099-12-31', '799.99']], 'GBP');
  });

  test('no purchase cost: null, and no statement is spent on it', async () => {
    const id = await hardware({ receivedOn: '2024-01-01' });
    const [v] = await valuesOn(id, ['2025-01-01']);
    expect(v).toBeNull();
    const without = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    const withValue = await app.gql(`query($id: ID!) { node(id: $id) { id ... on Asset { bookValue { amount } } } }`, { id });
    expect(ok(withValue).node.bookValue).toBeNull();
    expect(withValue.headers['x-sql-statements']).toBe(without.headers['x-sql-statements']);
  });

  test('salvage above cost (written outside the API, which refuses it) is capped at the cost', async () => {
    const id = await hardware({ cost: ['500.00', 'EUR'], depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 12, salvageValue: '100.00', inServiceOn: '2024-01-01' } });
    await expectTable(id, [['2024-07-01', '300.00']]); // 500 - 400 * 6/12
    await app.sql(`UPDATE asset SET depreciation_salvage_value = 900.00 WHERE id = $1`, [keyOf(id)]);
    // Salvage min(900, 500) = 500: nothing to depreciate.
    await expectTable(id, [['2024-01-01', '500.00'], ['2024-07-01', '500.00'], ['2026-01-01', '500.00']]);
    await app.sql(`UPDATE asset SET depreciation_method = 'DECLINING_BALANCE' WHERE id = $1`, [keyOf(id)]);
    await expectTable(id, [['2024-07-01', '500.00'], ['2026-01-01', '500.00']]);
  });

  test('service starts on purchase.receivedOn when no in-service date is recorded', async () => {
    const id = await hardware({ cost: ['1200.00', 'EUR'], receivedOn: '2024-03-31', depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 12 } });
    // The API copies receivedOn into inServiceOn; the SQL keeps the fallback for rows without it.
    await app.sql(`UPDATE asset SET depreciation_in_service_on = NULL WHERE id = $1`, [keyOf(id)]);
    await expectTable(id, [
      ['2024-03-31', '1200.00'],
      ['2024-04-30', '1100.00'], // 1 month (April's last day): 1200 - 1200/12
      ['2024-09-30', '600.00'], //  6 months
    ]);
    // Neither date: depreciation cannot start, the value is the cost.
    await app.sql(`UPDATE asset SET purchase_received_on = NULL WHERE id = $1`, [keyOf(id)]);
    await expectTable(id, [['2030-01-01', '1200.00']]);
  });

  test('a disposed asset is worth 0.00 from its disposal date', async () => {
    const id = await hardware({ cost: ['6000.00', 'EUR'], depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 60, inServiceOn: '2024-01-01' } });
    await dispose(id, '2025-01-01');
    expect((await app.sql(`SELECT status FROM asset WHERE id = $1`, [keyOf(id)]))[0].status).toBe('DISPOSED');
    await expectTable(id, [
      ['2023-12-31', '6000.00'], // before service
      ['2024-12-31', '4900.00'], // 11 months: 6000 - 1100
      ['2025-01-01', '0.00'], //    the disposal date
      ['2031-01-01', '0.00'], //    after, and after the end of life too
    ]);
  });

  test('asOf defaults to today (UTC)', async () => {
    // 600 months from 2020-01-01: 10.00 a month, so today's value is well below the cost and above 0.
    const id = await hardware({ cost: ['6000.00', 'EUR'], depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 600, inServiceOn: '2020-01-01' } });
    const data = ok(await app.gql(`query($id: ID!, $today: Date!) { node(id: $id) { ... on Asset { d: bookValue { amount currency } t: bookValue(asOf: $today) { amount currency } } } }`, { id, today: todayUtc() }));
    expect(data.node.d).toEqual(data.node.t);
    expect(Number(data.node.d.amount)).toBeLessThan(6000);
    expect(Number(data.node.d.amount)).toBeGreaterThan(0);
  });

  test('amounts are JSON strings with two decimals, never numbers', async () => {
    const id = await hardware({ cost: ['1000.00', 'EUR'], depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 3, inServiceOn: '2024-01-15' } });
    const res = await app.http().post('/graphql').set('authorization', `Bearer ${app.token()}`).set('content-type', 'application/json')
      .send({ query: `query($id: ID!) { node(id: $id) { ... on Asset { a: bookValue(asOf: "2024-02-15") { amount } b: bookValue(asOf: "2024-04-15") { amount } } } }`, variables: { id } });
    expect(res.text).toContain('"a":{"amount":"666.67"}');
    expect(res.text).toContain('"b":{"amount":"0.00"}');
  });

  test('a malformed or impossible asOf is BAD_USER_INPUT', async () => {
    const id = await hardware({ cost: ['10.00', 'EUR'] });
    for (const asOf of ['2025-02-29', '2025-1-1', '']) {
      const res = await app.gql(`query($id: ID!, $d: Date) { node(id: $id) { ... on Asset { bookValue(asOf: $d) { amount } } } }`, { id, d: asOf });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('Asset.bookValue: batching', () => {
  const PAGE = (fields: string) => `{ assets(filter: { tags: ["page"] }, first: 100) { nodes { id ${fields} } } }`;
  const statements = (res: GqlResult) => Number(res.headers['x-sql-statements']);

  beforeAll(async () => {
    await insertAssets(100, 'page', [null], [null]);
  });

  test('a page of 100 assets costs one statement per distinct asOf', async () => {
    const base = await app.gql(PAGE(''));
    ok(base);
    const one = await app.gql(PAGE('bookValue(asOf: "2024-07-01") { amount currency }'));
    const nodes = ok(one).assets.nodes as Array<{ bookValue: { amount: string; currency: string } }>;
    expect(nodes).toHaveLength(100);
    // 1200.00 over 12 months from 2024-01-01: 6 months → 600.00, in each asset's own currency.
    expect(new Set(nodes.map((n) => n.bookValue.amount))).toEqual(new Set(['600.00']));
    expect(new Set(nodes.map((n) => n.bookValue.currency))).toEqual(new Set(['EUR', 'USD']));
    expect(statements(one)).toBe(statements(base) + 1);

    const two = await app.gql(PAGE('a: bookValue(asOf: "2024-07-01") { amount } b: bookValue(asOf: "2024-10-01") { amount } c: bookValue(asOf: "2024-07-01") { amount }'));
    const n2 = ok(two).assets.nodes as Array<{ a: { amount: string }; b: { amount: string }; c: { amount: string } }>;
    expect(n2.every((n) => n.a.amount === '600.00' && n.c.amount === '600.00' && n.b.amount === '300.00')).toBe(true);
    expect(statements(two)).toBe(statements(base) + 2);
  });
});

describe('inventorySummary', () => {
  let fin: string; let it: string; let ops: string;
  let hq: string; let floor: string; let room: string; let depot: string;
  let a1: string; let a3: string; let a4: string; let a6: string;

  const SUMMARY = `query($f: AssetFilter, $asOf: Date) { inventorySummary(filter: $f) {
    total byKind { kind count } byStatus { status count }
    byDepartment { department { id name } count } byLocation { location { id name } count }
    purchaseCost { amount currency } bookValue(asOf: $asOf) { amount currency } } }`;
  const summary = async (f: Record<string, unknown>, asOf?: string, roles?: Role[]) =>
    ok(await app.gql(SUMMARY, { f: { tags: ['inv'], ...f }, asOf }, { roles })).inventorySummary;

  beforeAll(async () => {
    const o = ok(await app.gql(`mutation {
      fin: createDepartment(input: { name: "Finance", code: "FIN" }) { department { id } }
      it: createDepartment(input: { name: "IT", code: "IT" }) { department { id } }
      ops: createDepartment(input: { name: "Operations", code: "OPS" }) { department { id } }
      hq: createLocation(input: { name: "HQ", kind: SITE }) { location { id } }
      depot: createLocation(input: { name: "Depot", kind: WAREHOUSE }) { location { id } }
    }`));
    fin = o.fin.department.id; it = o.it.department.id; ops = o.ops.department.id; hq = o.hq.location.id; depot = o.depot.location.id;
    const f = ok(await app.gql(`mutation($p: ID!) { createLocation(input: { name: "HQ Floor 1", kind: FLOOR, parentId: $p }) { location { id } } }`, { p: hq }));
    floor = f.createLocation.location.id;
    const r = ok(await app.gql(`mutation($p: ID!) { createLocation(input: { name: "HQ Room 1", kind: ROOM, parentId: $p }) { location { id } } }`, { p: floor }));
    room = r.createLocation.location.id;

    const since = '2024-01-01';
    // a1: laptop, Finance, HQ Room 1, 1200.00 EUR straight-line 12 months → on 2024-07-01 (6 months): 600.00. IN_USE.
    a1 = await hardware({ cost: ['1200.00', 'EUR'], depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 12, inServiceOn: since }, tags: ['inv'], departmentId: fin, locationId: room, category: 'LAPTOP' });
    await checkOut(a1);
    // a2: monitor, Finance, HQ Floor 1, 300.00 EUR, not depreciated → 300.00. IN_STOCK.
    await hardware({ cost: ['300.00', 'EUR'], tags: ['inv'], departmentId: fin, locationId: floor });
    // a3: switch, IT, Depot, 1000.00 USD declining over 10 months → 1000 * (8/10)^6 = 262.144 → 262.14. IN_STOCK.
    const sw = ok(await app.gql(`mutation($i: CreateNetworkDeviceInput!) { createNetworkDevice(input: $i) { asset { id } userErrors { message } } }`, {
      i: { name: 'Core switch', deviceType: 'SWITCH', tags: ['inv'], departmentId: it, locationId: depot, purchase: { cost: { amount: '1000.00', currency: 'USD' } },
        depreciation: { method: 'DECLINING_BALANCE', usefulLifeMonths: 10, inServiceOn: since } },
    }));
    expect(sw.createNetworkDevice.userErrors).toEqual([]);
    a3 = sw.createNetworkDevice.asset.id;
    // a4: licence, IT, no location, 500.00 USD straight-line 5 months, salvage 50.00 → past its life on 2024-07-01: 50.00. IN_STOCK.
    const lic = ok(await app.gql(`mutation($i: CreateSoftwareLicenseInput!) { createSoftwareLicense(input: $i) { asset { id } userErrors { message } } }`, {
      i: { name: 'IDE', product: 'IDE', licenseType: 'PERPETUAL', metric: 'PER_USER', seatsTotal: 5, tags: ['inv'], departmentId: it,
        purchase: { cost: { amount: '500.00', currency: 'USD' } }, depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 5, salvageValue: '50.00', inServiceOn: since } },
    }));
    expect(lic.createSoftwareLicense.userErrors).toEqual([]);
    a4 = lic.createSoftwareLicense.asset.id;
    // a5: phone, no department, HQ, no cost. RETIRED.
    const a5 = await hardware({ tags: ['inv'], locationId: hq, category: 'PHONE' });
    await changeStatus(a5, 'RETIRED');
    // a6: desktop, Operations, HQ Room 1, 800.00 EUR straight-line 8 months, disposed on 2024-03-01 → 0.00 on 2024-07-01. DISPOSED.
    a6 = await hardware({ cost: ['800.00', 'EUR'], depreciation: { method: 'STRAIGHT_LINE', usefulLifeMonths: 8, inServiceOn: since }, tags: ['inv'], departmentId: ops, locationId: room, category: 'DESKTOP' });
    await dispose(a6, '2024-03-01');
  });

  test('counts, breakdowns and money totals per currency', async () => {
    const s = await summary({}, '2024-07-01');
    expect(s.total).toBe(6);
    // Largest first; equal counts in enum order.
    expect(s.byKind).toEqual([{ kind: 'HARDWARE', count: 4 }, { kind: 'SOFTWARE_LICENSE', count: 1 }, { kind: 'NETWORK_DEVICE', count: 1 }]);
    expect(s.byStatus).toEqual([{ status: 'IN_STOCK', count: 3 }, { status: 'IN_USE', count: 1 }, { status: 'RETIRED', count: 1 }, { status: 'DISPOSED', count: 1 }]);
    // Equal counts by name, the "none" group last.
    expect(s.byDepartment).toEqual([
      { department: { id: fin, name: 'Finance' }, count: 2 },
      { department: { id: it, name: 'IT' }, count: 2 },
      { department: { id: ops, name: 'Operations' }, count: 1 },
      { department: null, count: 1 },
    ]);
    // By the exact location: a room's assets are not counted again under its floor and site.
    expect(s.byLocation).toEqual([
      { location: { id: room, name: 'HQ Room 1' }, count: 2 },
      { location: { id: depot, name: 'Depot' }, count: 1 },
      { location: { id: hq, name: 'HQ' }, count: 1 },
      { location: { id: floor, name: 'HQ Floor 1' }, count: 1 },
      { location: null, count: 1 },
    ]);
    // EUR: 1200.00 + 300.00 + 800.00; USD: 1000.00 + 500.00 (a5 has no cost).
    expect(s.purchaseCost).toEqual([{ amount: '2300.00', currency: 'EUR' }, { amount: '1500.00', currency: 'USD' }]);
    // On 2024-07-01 — EUR: 600.00 + 300.00 + 0.00 (disposed) = 900.00; USD: 262.14 + 50.00 = 312.14.
    expect(s.bookValue).toEqual([{ amount: '900.00', currency: 'EUR' }, { amount: '312.14', currency: 'USD' }]);
    // Before service started (and before the disposal): the costs.
    expect((await summary({}, '2023-12-01')).bookValue).toEqual([{ amount: '2300.00', currency: 'EUR' }, { amount: '1500.00', currency: 'USD' }]);
  });

  test('the summary\'s book value is the sum of the assets\' own', async () => {
    const data = ok(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Asset { bookValue(asOf: "2024-07-01") { amount currency } } } }`, { ids: [a1, a3, a4, a6] }));
    expect(data.nodes.map((n: { bookValue: unknown }) => n.bookValue)).toEqual([
      { amount: '600.00', currency: 'EUR' }, { amount: '262.14', currency: 'USD' }, { amount: '50.00', currency: 'USD' }, { amount: '0.00', currency: 'EUR' },
    ]);
  });

  test('bookValue defaults to today (UTC)', async () => {
    const data = ok(await app.gql(`query($today: Date!) { inventorySummary(filter: { tags: ["inv"] }) { d: bookValue { amount currency } t: bookValue(asOf: $today) { amount currency } } }`, { today: todayUtc() }));
    expect(data.inventorySummary.d).toEqual(data.inventorySummary.t);
    expect(data.inventorySummary.d).toHaveLength(2);
  });

  test('filters: kinds, statuses, department, location with its sub-locations, combined', async () => {
    const hw = await summary({ kinds: ['HARDWARE'] }, '2024-07-01');
    expect(hw.total).toBe(4);
    expect(hw.byKind).toEqual([{ kind: 'HARDWARE', count: 4 }]);
    expect(hw.purchaseCost).toEqual([{ amount: '2300.00', currency: 'EUR' }]);
    expect(hw.bookValue).toEqual([{ amount: '900.00', currency: 'EUR' }]);

    const inStock = await summary({ statuses: ['IN_STOCK'] });
    expect(inStock.total).toBe(3);
    expect(inStock.byStatus).toEqual([{ status: 'IN_STOCK', count: 3 }]);
    expect(inStock.purchaseCost).toEqual([{ amount: '300.00', currency: 'EUR' }, { amount: '1500.00', currency: 'USD' }]);

    const itOnly = await summary({ departmentId: it }, '2024-07-01');
    expect(itOnly.total).toBe(2);
    expect(itOnly.byDepartment).toEqual([{ department: { id: it, name: 'IT' }, count: 2 }]);
    expect(itOnly.byKind).toEqual([{ kind: 'SOFTWARE_LICENSE', count: 1 }, { kind: 'NETWORK_DEVICE', count: 1 }]);
    expect(itOnly.purchaseCost).toEqual([{ amount: '1500.00', currency: 'USD' }]);
    expect(itOnly.bookValue).toEqual([{ amount: '312.14', currency: 'USD' }]);

    // HQ holds a5 itself, a2 on its floor, a1 and a6 in the floor's room.
    const atHq = await summary({ locationId: hq });
    expect(atHq.total).toBe(4);
    expect(atHq.byLocation).toEqual([
      { location: { id: room, name: 'HQ Room 1' }, count: 2 },
      { location: { id: hq, name: 'HQ' }, count: 1 },
      { location: { id: floor, name: 'HQ Floor 1' }, count: 1 },
    ]);
    expect((await summary({ locationId: floor })).total).toBe(3);
    expect((await summary({ locationId: room })).total).toBe(2);
    expect((await summary({ locationId: depot })).total).toBe(1);

    const combined = await summary({ kinds: ['HARDWARE'], statuses: ['IN_STOCK', 'IN_USE'], locationId: hq });
    expect(combined.total).toBe(2); // a1 (IN_USE, room) and a2 (IN_STOCK, floor)
    expect(combined.byStatus).toEqual([{ status: 'IN_STOCK', count: 1 }, { status: 'IN_USE', count: 1 }]);
  });

  test('the same assets as assets(filter)', async () => {
    for (const f of [{}, { kinds: ['HARDWARE'] }, { locationId: hq }, { departmentId: fin, statuses: ['IN_USE'] }]) {
      const filter = { tags: ['inv'], ...f };
      const data = ok(await app.gql(`query($f: AssetFilter) { assets(filter: $f, first: 100) { totalCount } inventorySummary(filter: $f) { total } }`, { f: filter }));
      expect(data.inventorySummary.total).toBe(data.assets.totalCount);
    }
  });

  test('nothing selected: zero and empty lists', async () => {
    const s = await summary({ tags: ['no-such-tag'] });
    expect(s).toEqual({ total: 0, byKind: [], byStatus: [], byDepartment: [], byLocation: [], purchaseCost: [], bookValue: [] });
  });

  test('a filter ID of the wrong type is BAD_USER_INPUT', async () => {
    const res = await app.gql(`query($f: AssetFilter) { inventorySummary(filter: $f) { total } }`, { f: { departmentId: hq } });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.data).toBeNull();
  });

  test('a handful of statements: 3 and 40 assets across departments and locations cost the same', async () => {
    const depts: string[] = []; const locs: string[] = [];
    for (let i = 0; i < 4; i++) {
      const d = ok(await app.gql(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { department { id } } }`, { i: { name: `Bulk dept ${i}`, code: `BULK${i}` } }));
      const l = ok(await app.gql(`mutation($i: CreateLocationInput!) { createLocation(input: $i) { location { id } } }`, { i: { name: `Bulk room ${i}`, kind: 'ROOM', parentId: hq } }));
      depts.push(d.createDepartment.department.id); locs.push(l.createLocation.location.id);
    }
    await insertAssets(3, 'small', [...depts, null], [...locs, null]);
    await insertAssets(40, 'large', [...depts, null], [...locs, null]);
    const FULL = `query($f: AssetFilter) { inventorySummary(filter: $f) {
      total byKind { kind count } byStatus { status count }
      byDepartment { department { name code } count } byLocation { location { name path { name } } count }
      purchaseCost { amount currency } bookValue { amount currency } a: bookValue(asOf: "2024-07-01") { amount currency } } }`;
    const small = await app.gql(FULL, { f: { tags: ['small'] } });
    const large = await app.gql(FULL, { f: { tags: ['large'] } });
    expect(ok(small).inventorySummary.total).toBe(3);
    expect(ok(large).inventorySummary.total).toBe(40);
    expect(large.data.inventorySummary.byDepartment).toHaveLength(5);
    expect(large.data.inventorySummary.byLocation).toHaveLength(5);
    expect(small.data.inventorySummary.byDepartment).toHaveLength(3);
    // 40 assets of 1200.00, 20 in EUR (even numbers) and 20 in USD; 6 months into 12 on 2024-07-01: 600.00 each.
    expect(large.data.inventorySummary.purchaseCost).toEqual([{ amount: '24000.00', currency: 'EUR' }, { amount: '24000.00', currency: 'USD' }]);
    expect(large.data.inventorySummary.a).toEqual([{ amount: '12000.00', currency: 'EUR' }, { amount: '12000.00', currency: 'USD' }]);
    const n = Number(large.headers['x-sql-statements']);
    expect(Number(small.headers['x-sql-statements'])).toBe(n);
    // Counts, money totals (both dates and the cost), departments, locations, location paths.
    expect(n).toBeLessThanOrEqual(5);
  });

  describe('permissions', () => {
    test('VIEWER: money is null with FORBIDDEN at its path, the counts still come back', async () => {
      const res = await app.gql(SUMMARY, { f: { tags: ['inv'] }, asOf: '2024-07-01' }, { roles: [Role.VIEWER] });
      expect(res.status).toBe(200);
      expect(res.body.data?.inventorySummary).toMatchObject({ total: 6, purchaseCost: null, bookValue: null });
      expect(res.body.data?.inventorySummary.byKind).toHaveLength(3);
      const errors = res.body.errors ?? [];
      expect(errors.map((e) => [e.path, e.extensions?.code]).sort()).toEqual([
        [['inventorySummary', 'bookValue'], 'FORBIDDEN'],
        [['inventorySummary', 'purchaseCost'], 'FORBIDDEN'],
      ]);
    });

    test('VIEWER: Asset.bookValue is null with FORBIDDEN, the rest of the asset comes back', async () => {
      const res = await app.gql(`query($id: ID!) { node(id: $id) { id ... on Asset { name bookValue(asOf: "2024-07-01") { amount } } } }`, { id: a1 }, { roles: [Role.VIEWER] });
      expect(res.body.data?.node).toEqual({ id: a1, name: 'Valued', bookValue: null });
      expect(res.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['node', 'bookValue'], 'FORBIDDEN']]);
    });

    test.each([Role.AUDITOR, Role.ASSET_MANAGER])('%s reads the money', async (role) => {
      const s = await summary({}, '2024-07-01', [role]);
      expect(s.purchaseCost).toEqual([{ amount: '2300.00', currency: 'EUR' }, { amount: '1500.00', currency: 'USD' }]);
      expect(s.bookValue).toEqual([{ amount: '900.00', currency: 'EUR' }, { amount: '312.14', currency: 'USD' }]);
      const data = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on Asset { bookValue(asOf: "2024-07-01") { amount currency } } } }`, { id: a1 }, { roles: [role] }));
      expect(data.node.bookValue).toEqual({ amount: '600.00', currency: 'EUR' });
    });
  });
});
