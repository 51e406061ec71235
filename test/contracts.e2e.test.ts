/**
 * End-to-end tests of contracts: create/update, the derived renewal date and status,
 * many-to-many links with assets, the contracts list and its filters, access rules,
 * and the statement count of Asset.contracts. Real HTTP, real PostgreSQL; one service
 * and one fresh database for the file. Every test makes its own rows (unique numbers).
 */
import crypto from 'node:crypto';
import { fromGlobalId, toGlobalId } from '../src/common/global-id';
import { ok, Role, startTestApp, type GqlResult, type TestApp } from './support/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

// ------------------------------------------------------------------ helpers

type Row = Record<string, any>;

const CONTRACT = `id __typename contractNumber title type startsOn endsOn renewsOn autoRenew noticePeriodDays renewalDecisionBy
  cost { amount currency } slaTerms status version createdAt updatedAt vendor { id name }`;

let seq = 0;
const uniq = (prefix: string): string => `${prefix}-${process.pid}-${++seq}`;
const missingId = (type: string): string => toGlobalId(type, crypto.randomUUID());

/** Today plus `days`, as the database's CURRENT_DATE sees it (the status is computed there). */
async function day(days = 0): Promise<string> {
  return (await app.sql<{ d: string }>(`SELECT (CURRENT_DATE + $1::int)::text AS d`, [days]))[0].d;
}

const INPUT_TYPE: Record<string, string> = {
  createContract: 'CreateContractInput',
  updateContract: 'UpdateContractInput',
  linkContractAssets: 'ContractAssetsInput',
  unlinkContractAssets: 'ContractAssetsInput',
};

function mutate(mutation: string, input: Record<string, unknown>, roles?: Role[]): Promise<GqlResult> {
  return app.gql(
    `mutation M($input: ${INPUT_TYPE[mutation]}!) { ${mutation}(input: $input) { contract { ${CONTRACT} } userErrors { field code message } } }`,
    { input },
    roles ? { roles } : {},
  );
}

async function must(mutation: string, input: Record<string, unknown>): Promise<Row> {
  const payload = ok(await mutate(mutation, input))[mutation];
  expect(payload.userErrors).toEqual([]);
  expect(payload.contract).not.toBeNull();
  return payload.contract;
}

/** Row counts and digests of both tables: equal snapshots mean nothing changed. */
async function snapshot(): Promise<Row> {
  return (
    await app.sql(
      `SELECT (SELECT count(*)::int FROM contract) AS contracts,
              (SELECT count(*)::int FROM contract_asset) AS links,
              (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM contract x) AS "contractDigest",
              (SELECT md5(coalesce(string_agg(x.contract_id::text || x.asset_id::text, '|' ORDER BY x.contract_id, x.asset_id), '')) FROM contract_asset x) AS "linkDigest"`,
    )
  )[0];
}

/** A mutation refused with exactly these userErrors, changing nothing. */
async function mustFail(mutation: string, input: Record<string, unknown>, errors: Array<[string[] | null, string]>): Promise<void> {
  const before = await snapshot();
  const payload = ok(await mutate(mutation, input))[mutation];
  expect(payload.contract).toBeNull();
  expect(payload.userErrors).toEqual(errors.map(([field, code]) => ({ field, code, message: expect.any(String) })));
  expect(await snapshot()).toEqual(before);
}

const newVendor = async (): Promise<Row> => {
  const res = ok(await app.gql(`mutation($i: CreateVendorInput!) { createVendor(input: $i) { vendor { id name } userErrors { code } } }`, { i: { name: uniq('Vendor') } }));
  return res.createVendor.vendor;
};

const newAsset = async (name = uniq('Laptop')): Promise<Row> => {
  const res = ok(
    await app.gql(`mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id assetTag } userErrors { field code message } } }`, {
      i: { name, category: 'LAPTOP' },
    }),
  );
  expect(res.createHardware.userErrors).toEqual([]);
  return res.createHardware.asset;
};

const newContract = (extra: Record<string, unknown> = {}) => must('createContract', { contractNumber: uniq('C'), title: 'Support', type: 'SUPPORT', ...extra });

const linked = async (contractId: string): Promise<string[]> =>
  ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on Contract { assets(first: 100) { nodes { id } } } } }`, { id: contractId })).node.assets.nodes.map((n: Row) => n.id).sort();

const contractsOf = async (assetId: string): Promise<string[]> =>
  ok(await app.gql(`query($id: ID!) { asset(id: $id) { contracts { id } } }`, { id: assetId })).asset.contracts.map((c: Row) => c.id).sort();

// ------------------------------------------------------------------ create and update

describe('createContract / updateContract', () => {
  test('createContract stores every field and derives renewalDecisionBy and status; node(id) reads it back', async () => {
    const vendor = await newVendor();
    const number = uniq('MSA');
    const c = await must('createContract', {
      contractNumber: `  ${number} `, title: ' Dell ProSupport ', type: 'SUPPORT', vendorId: vendor.id,
      startsOn: '2020-01-01', endsOn: '2099-12-31', renewsOn: '2099-06-30', autoRenew: true, noticePeriodDays: 90,
      cost: { amount: '12000.50', currency: 'EUR' }, slaTerms: '4h response',
    });
    expect(c).toEqual({
      id: expect.any(String), __typename: 'Contract', contractNumber: number, title: 'Dell ProSupport', type: 'SUPPORT',
      startsOn: '2020-01-01', endsOn: '2099-12-31', renewsOn: '2099-06-30', autoRenew: true, noticePeriodDays: 90,
      renewalDecisionBy: '2099-04-01', cost: { amount: '12000.50', currency: 'EUR' }, slaTerms: '4h response', status: 'ACTIVE',
      version: 1, createdAt: expect.any(String), updatedAt: expect.any(String), vendor,
    });
    const read = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on Contract { ${CONTRACT} } } }`, { id: c.id })).node;
    expect(read).toEqual(c);
  });

  test('defaults: no vendor, no dates, notice 0, autoRenew false; renewalDecisionBy is null without dates', async () => {
    const c = await newContract();
    expect(c).toMatchObject({ vendor: null, startsOn: null, endsOn: null, renewsOn: null, autoRenew: false, noticePeriodDays: 0, renewalDecisionBy: null, cost: null, status: 'ACTIVE' });
  });

  test('updateContract changes the given fields, clears with null, bumps the version', async () => {
    const vendor = await newVendor();
    const c = await newContract({ cost: { amount: '10.00', currency: 'USD' }, endsOn: '2099-01-31', noticePeriodDays: 30 });
    const u = await must('updateContract', { id: c.id, expectedVersion: 1, title: 'Renamed', type: 'LEASE', vendorId: vendor.id, cost: null, renewsOn: '2099-03-01' });
    expect(u).toMatchObject({ title: 'Renamed', type: 'LEASE', vendor, cost: null, endsOn: '2099-01-31', renewsOn: '2099-03-01', renewalDecisionBy: '2099-01-30', version: 2, contractNumber: c.contractNumber });
    const u2 = await must('updateContract', { id: c.id, vendorId: null, renewsOn: null, noticePeriodDays: 0 });
    expect(u2).toMatchObject({ vendor: null, renewsOn: null, renewalDecisionBy: '2099-01-31', version: 3 });
    expect((await app.sql(`SELECT cost, cost_currency FROM contract WHERE contract_number = $1`, [c.contractNumber]))[0]).toEqual({ cost: null, cost_currency: null });
  });

  test('createContract userErrors change nothing', async () => {
    const taken = await newContract();
    const base = { contractNumber: uniq('C'), title: 'T', type: 'PURCHASE' };
    await mustFail('createContract', { ...base, contractNumber: taken.contractNumber }, [[['input', 'contractNumber'], 'ALREADY_EXISTS']]);
    await mustFail('createContract', { ...base, contractNumber: '   ' }, [[['input', 'contractNumber'], 'REQUIRED']]);
    await mustFail('createContract', { ...base, contractNumber: 'x'.repeat(101) }, [[['input', 'contractNumber'], 'INVALID']]);
    await mustFail('createContract', { ...base, title: '' }, [[['input', 'title'], 'REQUIRED']]);
    await mustFail('createContract', { ...base, startsOn: '2026-02-01', endsOn: '2026-01-31' }, [[['input', 'endsOn'], 'INVALID']]);
    await mustFail('createContract', { ...base, noticePeriodDays: 3651 }, [[['input', 'noticePeriodDays'], 'INVALID']]);
    await mustFail('createContract', { ...base, noticePeriodDays: -1 }, [[['input', 'noticePeriodDays'], 'INVALID']]);
    await mustFail('createContract', { ...base, cost: { amount: '1.00', currency: 'eur' } }, [[['input', 'cost', 'currency'], 'INVALID']]);
    await mustFail('createContract', { ...base, cost: { amount: '1.001', currency: 'EUR' } }, [[['input', 'cost', 'amount'], 'INVALID']]);
    await mustFail('createContract', { ...base, vendorId: missingId('Vendor') }, [[['input', 'vendorId'], 'NOT_FOUND']]);
    await mustFail('createContract', { ...base, vendorId: 'garbage' }, [[['input', 'vendorId'], 'NOT_FOUND']]);
    await mustFail('createContract', { ...base, vendorId: taken.id }, [[['input', 'vendorId'], 'NOT_FOUND']]);
    // Boundaries are accepted.
    await newContract({ noticePeriodDays: 3650, startsOn: '2026-01-31', endsOn: '2026-01-31' });
  });

  test('updateContract userErrors change nothing', async () => {
    const taken = await newContract();
    const c = await newContract({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
    await mustFail('updateContract', { id: missingId('Contract'), title: 'x' }, [[['input', 'id'], 'NOT_FOUND']]);
    await mustFail('updateContract', { id: 'garbage', title: 'x' }, [[['input', 'id'], 'NOT_FOUND']]);
    await mustFail('updateContract', { id: c.id, expectedVersion: 7, title: 'x' }, [[['input', 'expectedVersion'], 'CONFLICT']]);
    await mustFail('updateContract', { id: c.id, contractNumber: taken.contractNumber }, [[['input', 'contractNumber'], 'ALREADY_EXISTS']]);
    await mustFail('updateContract', { id: c.id, title: null }, [[['input', 'title'], 'REQUIRED']]);
    // Checked against the stored start date.
    await mustFail('updateContract', { id: c.id, endsOn: '2025-12-31' }, [[['input', 'endsOn'], 'INVALID']]);
    await mustFail('updateContract', { id: c.id, noticePeriodDays: 4000 }, [[['input', 'noticePeriodDays'], 'INVALID']]);
    await mustFail('updateContract', { id: c.id, vendorId: missingId('Vendor') }, [[['input', 'vendorId'], 'NOT_FOUND']]);
  });
});

// ------------------------------------------------------------------ derived values

describe('derived status and renewalDecisionBy', () => {
  test('each status value, relative to today', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['UPCOMING', { startsOn: await day(1), endsOn: await day(400) }],
      ['EXPIRED', { startsOn: await day(-400), endsOn: await day(-1) }],
      ['EXPIRING', { startsOn: await day(-10), endsOn: await day(0) }],
      ['EXPIRING', { endsOn: await day(30) }],
      ['ACTIVE', { startsOn: await day(0), endsOn: await day(31) }],
      ['ACTIVE', { startsOn: await day(-5) }],
    ];
    for (const [status, dates] of cases) {
      const c = await newContract(dates);
      expect([c.status, dates]).toEqual([status, dates]);
    }
  });

  test('renewalDecisionBy is (renewsOn ?? endsOn) − noticePeriodDays', async () => {
    const ends = await day(100);
    expect((await newContract({ endsOn: ends, noticePeriodDays: 60 })).renewalDecisionBy).toBe(await day(40));
    expect((await newContract({ endsOn: ends, renewsOn: await day(50), noticePeriodDays: 10 })).renewalDecisionBy).toBe(await day(40));
    expect((await newContract({ renewsOn: '2027-03-01', noticePeriodDays: 1 })).renewalDecisionBy).toBe('2027-02-28');
  });
});

// ------------------------------------------------------------------ links

describe('linkContractAssets / unlinkContractAssets', () => {
  test('many-to-many both ways, idempotent link and unlink', async () => {
    const [a1, a2, a3] = [await newAsset(), await newAsset(), await newAsset()];
    const A = await newContract({ endsOn: '2030-01-01' });
    const B = await newContract({ endsOn: '2029-01-01' });
    expect((await must('linkContractAssets', { contractId: A.id, assetIds: [a1.id, a2.id, a1.id] })).id).toBe(A.id);
    await must('linkContractAssets', { contractId: B.id, assetIds: [a1.id, a3.id] });
    expect(await linked(A.id)).toEqual([a1.id, a2.id].sort());
    expect(await linked(B.id)).toEqual([a1.id, a3.id].sort());
    expect(await contractsOf(a1.id)).toEqual([A.id, B.id].sort());
    expect(await contractsOf(a2.id)).toEqual([A.id]);
    // Soonest end first.
    const ordered = ok(await app.gql(`query($id: ID!) { asset(id: $id) { contracts { id } } }`, { id: a1.id })).asset.contracts.map((c: Row) => c.id);
    expect(ordered).toEqual([B.id, A.id]);

    // Linking again changes nothing and the version stays.
    const before = await snapshot();
    const again = await must('linkContractAssets', { contractId: A.id, assetIds: [a2.id, a1.id] });
    expect(again.version).toBe(A.version);
    expect(await snapshot()).toEqual(before);

    await must('unlinkContractAssets', { contractId: A.id, assetIds: [a1.id] });
    expect(await linked(A.id)).toEqual([a2.id]);
    expect(await contractsOf(a1.id)).toEqual([B.id]);
    const afterUnlink = await snapshot();
    await must('unlinkContractAssets', { contractId: A.id, assetIds: [a1.id, a3.id] });
    expect(await snapshot()).toEqual(afterUnlink);
  });

  test('Contract.assets pages by asset tag, with cursors and totalCount', async () => {
    const assets = [await newAsset(), await newAsset(), await newAsset()];
    const c = await newContract();
    await must('linkContractAssets', { contractId: c.id, assetIds: assets.map((a) => a.id) });
    const tags = assets.map((a) => a.assetTag).sort();
    const Q = `query($id: ID!, $after: String) { node(id: $id) { ... on Contract { assets(first: 2, after: $after) { totalCount nodes { assetTag } pageInfo { hasNextPage hasPreviousPage endCursor } } } } }`;
    const p1 = ok(await app.gql(Q, { id: c.id })).node.assets;
    expect(p1).toMatchObject({ totalCount: 3, nodes: tags.slice(0, 2).map((assetTag) => ({ assetTag })), pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const p2 = ok(await app.gql(Q, { id: c.id, after: p1.pageInfo.endCursor })).node.assets;
    expect(p2).toMatchObject({ totalCount: 3, nodes: [{ assetTag: tags[2] }], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
  });

  test('unknown or garbage asset IDs, an unknown contract, an empty list: NOT_FOUND/INVALID and nothing linked', async () => {
    const a = await newAsset();
    const c = await newContract();
    const vendor = await newVendor();
    for (const m of ['linkContractAssets', 'unlinkContractAssets']) {
      await mustFail(m, { contractId: c.id, assetIds: [a.id, 'garbage', missingId('Hardware'), vendor.id] }, [
        [['input', 'assetIds', '1'], 'NOT_FOUND'],
        [['input', 'assetIds', '2'], 'NOT_FOUND'],
        [['input', 'assetIds', '3'], 'NOT_FOUND'],
      ]);
      // The right key under the wrong kind is not an asset ID either.
      await mustFail(m, { contractId: c.id, assetIds: [toGlobalId('Certificate', fromGlobalId(a.id)!.key)] }, [
        [['input', 'assetIds', '0'], 'NOT_FOUND'],
      ]);
      await mustFail(m, { contractId: missingId('Contract'), assetIds: [a.id] }, [[['input', 'contractId'], 'NOT_FOUND']]);
      await mustFail(m, { contractId: a.id, assetIds: [a.id] }, [[['input', 'contractId'], 'NOT_FOUND']]);
      await mustFail(m, { contractId: c.id, assetIds: [] }, [[['input', 'assetIds'], 'INVALID']]);
      await mustFail(m, { contractId: c.id, assetIds: Array.from({ length: 1001 }, () => a.id) }, [[['input', 'assetIds'], 'INVALID']]);
    }
    expect(await linked(c.id)).toEqual([]);
  });
});

// ------------------------------------------------------------------ list and filters

describe('contracts(filter, first, after, last, before)', () => {
  const LIST = `query($f: ContractFilter, $first: Int, $after: String, $last: Int, $before: String) {
    contracts(filter: $f, first: $first, after: $after, last: $last, before: $before) {
      totalCount nodes { id contractNumber } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
  const list = async (vars: Record<string, unknown>) => ok(await app.gql(LIST, vars)).contracts;
  const numbers = (page: Row) => page.nodes.map((n: Row) => n.contractNumber);

  test('ordered by endsOn, open-ended last, with keyset pages both ways', async () => {
    const vendor = await newVendor();
    const mk = (n: string, endsOn: string | null) => newContract({ contractNumber: uniq(n), vendorId: vendor.id, endsOn });
    const made = [await mk('c', '2031-01-01'), await mk('n', null), await mk('a', '2029-01-01'), await mk('b', '2030-01-01')];
    const expected = [made[2], made[3], made[0], made[1]].map((c) => c.contractNumber);
    const f = { vendorId: vendor.id };
    const all = await list({ f });
    expect(numbers(all)).toEqual(expected);
    expect(all.totalCount).toBe(4);
    const p1 = await list({ f, first: 3 });
    expect(numbers(p1)).toEqual(expected.slice(0, 3));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = await list({ f, first: 3, after: p1.pageInfo.endCursor });
    expect(numbers(p2)).toEqual(expected.slice(3));
    expect(p2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await list({ f, last: 2, before: p2.pageInfo.startCursor });
    expect(numbers(back)).toEqual(expected.slice(1, 3));
  });

  test('vendorId, types, statuses, endsBefore, endsAfter, search', async () => {
    const vendor = await newVendor();
    const tag = uniq('F');
    const mk = async (suffix: string, extra: Record<string, unknown>) =>
      (await newContract({ contractNumber: `${tag}-${suffix}`, vendorId: vendor.id, ...extra })).contractNumber;
    const expired = await mk('exp', { type: 'LEASE', endsOn: await day(-5) });
    const expiring = await mk('soon', { type: 'SUPPORT', endsOn: await day(10) });
    const active = await mk('act', { type: 'SUPPORT', endsOn: await day(200), title: 'Zebra printers' });
    const upcoming = await mk('up', { type: 'SLA', startsOn: await day(5), endsOn: await day(300) });
    const other = await newContract({ contractNumber: `${tag}-other`, type: 'LEASE' });
    const f = { vendorId: vendor.id };
    expect(numbers(await list({ f }))).toEqual([expired, expiring, active, upcoming]);
    expect(numbers(await list({ f: { ...f, types: ['LEASE', 'SLA'] } }))).toEqual([expired, upcoming]);
    for (const [status, want] of [['EXPIRED', expired], ['EXPIRING', expiring], ['ACTIVE', active], ['UPCOMING', upcoming]]) {
      expect(numbers(await list({ f: { ...f, statuses: [status] } }))).toEqual([want]);
    }
    expect((await list({ f: { ...f, statuses: ['EXPIRING', 'EXPIRED'] } })).totalCount).toBe(2);
    expect(numbers(await list({ f: { ...f, endsBefore: await day(10) } }))).toEqual([expired]);
    expect(numbers(await list({ f: { ...f, endsAfter: await day(10) } }))).toEqual([active, upcoming]);
    expect(numbers(await list({ f: { ...f, endsAfter: await day(0), endsBefore: await day(250) } }))).toEqual([expiring, active]);
    // Search: a case-insensitive prefix of the number or the title.
    expect(numbers(await list({ f: { search: tag.toLowerCase() } })).sort()).toEqual([expired, expiring, active, upcoming, other.contractNumber].sort());
    expect(numbers(await list({ f: { ...f, search: 'zEBRA' } }))).toEqual([active]);
    expect(numbers(await list({ f: { ...f, search: 'printers' } }))).toEqual([]);
    // A non-Vendor ID in the filter is a bad argument.
    const bad = await app.gql(LIST, { f: { vendorId: 'garbage' } });
    expect(bad.body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

// ------------------------------------------------------------------ access

describe('access', () => {
  test.each([Role.AUDITOR, Role.VIEWER])('%s gets FORBIDDEN on every contract mutation and nothing is written', async (role) => {
    const c = await newContract();
    const a = await newAsset();
    const before = await snapshot();
    const calls: Array<[string, Record<string, unknown>]> = [
      ['createContract', { contractNumber: uniq('C'), title: 'T', type: 'SLA' }],
      ['updateContract', { id: c.id, title: 'x' }],
      ['linkContractAssets', { contractId: c.id, assetIds: [a.id] }],
      ['unlinkContractAssets', { contractId: c.id, assetIds: [a.id] }],
    ];
    for (const [m, input] of calls) {
      const res = await mutate(m, input, [role]);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await snapshot()).toEqual(before);
  });

  test.each([Role.AUDITOR, Role.VIEWER, Role.ASSET_MANAGER])('%s reads contracts; only VIEWER is refused the cost', async (role) => {
    const c = await newContract({ cost: { amount: '5.00', currency: 'EUR' } });
    const res = await app.gql(`query($f: ContractFilter) { contracts(filter: $f) { nodes { contractNumber status cost { amount } } } }`, { f: { search: c.contractNumber } }, { roles: [role] });
    expect(res.data.contracts.nodes[0].contractNumber).toBe(c.contractNumber);
    if (role === Role.VIEWER) {
      expect(res.data.contracts.nodes[0].cost).toBeNull();
      expect(res.body.errors![0].extensions?.code).toBe('FORBIDDEN');
    } else {
      expect(res.body.errors).toBeUndefined();
      expect(res.data.contracts.nodes[0].cost).toEqual({ amount: '5.00' });
    }
  });
});

// ------------------------------------------------------------------ batching

describe('batching', () => {
  test('assets { contracts { vendor } } costs the same statements for 5 and 20 assets', async () => {
    const vendors = [await newVendor(), await newVendor(), await newVendor()];
    const contracts = [];
    for (let i = 0; i < 4; i++) contracts.push(await newContract({ vendorId: vendors[i % 3].id }));
    const batch = uniq('Batch');
    const assets = [];
    for (let i = 0; i < 20; i++) assets.push(await newAsset(`${batch} ${i}`));
    for (const [i, c] of contracts.entries()) {
      await must('linkContractAssets', { contractId: c.id, assetIds: assets.filter((_, j) => j % 4 === i || j % 5 === 0).map((a) => a.id) });
    }
    const counts: Record<number, number> = {};
    for (const first of [5, 20]) {
      const res = await app.gql(
        `query($first: Int, $search: String) { assets(first: $first, filter: { search: $search }) { nodes { id contracts { contractNumber vendor { name } } } } }`,
        { first, search: batch },
      );
      const data = ok(res);
      expect(data.assets.nodes).toHaveLength(first);
      expect(data.assets.nodes.every((n: Row) => n.contracts.length > 0 && n.contracts.every((c: Row) => c.vendor != null))).toBe(true);
      counts[first] = Number(res.headers['x-sql-statements']);
    }
    expect(counts[5]).toBeGreaterThan(0);
    expect(counts[20]).toBe(counts[5]);
    // assets page, contracts of the page, vendors of those contracts.
    expect(counts[5]).toBe(3);
  });

  test('a page of contracts with their assets is one statement for all assets', async () => {
    const vendor = await newVendor();
    for (let i = 0; i < 3; i++) {
      const c = await newContract({ vendorId: vendor.id });
      await must('linkContractAssets', { contractId: c.id, assetIds: [(await newAsset()).id, (await newAsset()).id] });
    }
    const res = await app.gql(`query($f: ContractFilter) { contracts(filter: $f) { nodes { vendor { name } assets(first: 5) { nodes { assetTag } } } } }`, { f: { vendorId: vendor.id } });
    const nodes = ok(res).contracts.nodes;
    expect(nodes.map((n: Row) => n.assets.nodes.length)).toEqual([2, 2, 2]);
    expect(Number(res.headers['x-sql-statements'])).toBe(3);
  });
});
