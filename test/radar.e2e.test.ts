import { ConfigError, loadConfig } from '../src/config';
import { ok, Role, startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let vendorId: string;
let personId: string;
let storeId: string;

const KINDS = ['WARRANTY', 'CONTRACT_END', 'RENEWAL_NOTICE', 'LICENSE', 'CERTIFICATE', 'SUBSCRIPTION', 'RETENTION', 'CHECKOUT_RETURN'];
/** Same-day ties: by kind name. */
const KIND_ORDER = [...KINDS].sort();
const ITEM = `kind dueOn daysRemaining description asset { id assetTag name status } contract { id contractNumber title }`;

interface Item {
  kind: string;
  dueOn: string;
  daysRemaining: number;
  description: string;
  asset: { id: string; assetTag: string; name: string; status: string } | null;
  contract: { id: string; contractNumber: string; title: string } | null;
}

/** Today + n days as YYYY-MM-DD, in UTC like the service's CURRENT_DATE. */
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const keyOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
const refOf = (i: Item) => (i.asset ?? i.contract)!.id;

/** Scalars only: cheap enough for limit 1000 under the query cost limit (which counts limit × selection). */
const FLAT = 'kind dueOn daysRemaining description';

const expiringQuery = (t: TestApp, vars: Record<string, unknown>, roles?: Role[], select = ITEM) =>
  t.gql<{ expiring: Item[] }>(`query($d: Int!, $k: [ExpiryKind!], $l: Int) { expiring(withinDays: $d, kinds: $k, limit: $l) { ${select} } }`, vars, { roles });
const expiring = async (withinDays: number, kinds?: string[] | null, limit?: number, t = app, select = ITEM): Promise<Item[]> =>
  ok(await expiringQuery(t, { d: withinDays, k: kinds, l: limit }, undefined, select)).expiring;
/** The items of one asset or contract. */
const itemsOf = (items: Item[], id: string) => items.filter((i) => refOf(i) === id);

async function mutate(t: TestApp, name: string, input: Record<string, unknown>, select = 'asset { id assetTag }'): Promise<any> {
  const type = `${name[0].toUpperCase()}${name.slice(1)}Input`;
  const d = ok(await t.gql(`mutation($i: ${type}!) { r: ${name}(input: $i) { ${select} userErrors { field code message } } }`, { i: input }));
  expect(d.r.userErrors).toEqual([]);
  return d.r;
}
const hardware = async (name: string, extra: Record<string, unknown> = {}, t = app) =>
  (await mutate(t, 'createHardware', { name, category: 'LAPTOP', locationId: storeId, ...extra })).asset as { id: string; assetTag: string };
const contract = async (contractNumber: string, extra: Record<string, unknown>, t = app) =>
  (await mutate(t, 'createContract', { contractNumber, title: `Title ${contractNumber}`, type: 'SUPPORT', ...extra }, 'contract { id contractNumber }')).contract as { id: string };
const checkOut = (assetId: string, expectedReturnOn: string, t = app) =>
  mutate(t, 'checkOutAsset', { assetId, to: { personId }, expectedReturnOn }, 'asset { id }');
const changeStatus = (assetId: string, status: string) => mutate(app, 'changeAssetStatus', { assetId, status, reason: 'test' }, 'asset { status }');

beforeAll(async () => {
  app = await startTestApp();
  const d = ok(await app.gql(`mutation {
    v: createVendor(input: { name: "Warranty Co", roles: [SERVICE_PROVIDER] }) { vendor { id } }
    p: createPerson(input: { displayName: "Ada Lovelace" }) { person { id } }
    l: createLocation(input: { name: "Radar Store", kind: WAREHOUSE }) { location { id } }
  }`));
  vendorId = d.v.vendor.id; personId = d.p.person.id; storeId = d.l.location.id;
});
afterAll(async () => app?.close());

describe('expiring: what it lists', () => {
  test('one item of each of the eight kinds, each once, with its date, days and asset or contract', async () => {
    const hw = await hardware('Laptop', { warranty: { endsOn: day(3), providerId: vendorId } });
    const c = await contract('MSA-ALL', { endsOn: day(20), noticePeriodDays: 10 });
    const lic = (await mutate(app, 'createSoftwareLicense', { name: 'Office', product: 'Office', licenseType: 'SUBSCRIPTION', metric: 'PER_USER', seatsTotal: 5, expiresOn: day(5) })).asset;
    const cert = (await mutate(app, 'createCertificate', { name: 'Web cert', commonName: 'www.example.com', notAfter: `${day(6)}T23:30:00Z` })).asset;
    const sub = (await mutate(app, 'createCloudResource', { name: 'M365 tenant', provider: 'AZURE', serviceModel: 'SAAS', resourceType: 'M365', expiresOn: day(8) })).asset;
    const data = (await mutate(app, 'createDataAsset', { name: 'HR archive', classification: 'CONFIDENTIAL', dataCategory: 'DOCUMENTS', retentionUntil: day(9) })).asset;
    const out = await hardware('Loaner');
    await checkOut(out.id, day(4));
    const late = await hardware('Late loaner');
    await checkOut(late.id, day(30));
    await app.sql(`UPDATE asset SET expected_return_on = CURRENT_DATE - 2 WHERE id = $1`, [keyOf(late.id)]);
    // An end date on a kind the radar has no source for is not an item.
    const plain = await hardware('Own end date only', { expiresOn: day(2) });

    const items = await expiring(30);
    const expected: Array<[string, string, string, number]> = [
      [hw.id, 'WARRANTY', day(3), 3],
      [c.id, 'RENEWAL_NOTICE', day(10), 10],
      [c.id, 'CONTRACT_END', day(20), 20],
      [lic.id, 'LICENSE', day(5), 5],
      [cert.id, 'CERTIFICATE', day(6), 6],
      [sub.id, 'SUBSCRIPTION', day(8), 8],
      [data.id, 'RETENTION', day(9), 9],
      [out.id, 'CHECKOUT_RETURN', day(4), 4],
      [late.id, 'CHECKOUT_RETURN', day(-2), -2],
    ];
    for (const [id, kind, dueOn, daysRemaining] of expected) {
      const mine = itemsOf(items, id).filter((i) => i.kind === kind);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ kind, dueOn, daysRemaining });
      if (id === c.id) {
        expect(mine[0].asset).toBeNull();
        expect(mine[0].contract).toMatchObject({ id: c.id, contractNumber: 'MSA-ALL' });
      } else {
        expect(mine[0].contract).toBeNull();
        expect(mine[0].asset?.id).toBe(id);
      }
    }
    expect(new Set(expected.map((e) => e[1]))).toEqual(new Set(KINDS));
    expect(itemsOf(items, hw.id)).toHaveLength(1);
    expect(itemsOf(items, c.id)).toHaveLength(2);
    expect(itemsOf(items, plain.id)).toEqual([]);

    const sentence = (id: string, kind: string) => itemsOf(items, id).find((i) => i.kind === kind)!.description;
    expect(sentence(hw.id, 'WARRANTY')).toBe(`Warranty of ${hw.assetTag} Laptop ends`);
    expect(sentence(c.id, 'CONTRACT_END')).toBe('Contract MSA-ALL Title MSA-ALL ends');
    expect(sentence(c.id, 'RENEWAL_NOTICE')).toContain('MSA-ALL');
    expect(sentence(lic.id, 'LICENSE')).toBe(`Licence ${lic.assetTag} Office expires`);
    expect(sentence(cert.id, 'CERTIFICATE')).toBe(`Certificate ${cert.assetTag} Web cert expires`);
    expect(sentence(data.id, 'RETENTION')).toBe(`Retention period of ${data.assetTag} HR archive ends`);
    expect(sentence(out.id, 'CHECKOUT_RETURN')).toBe(`${out.assetTag} Loaner is due back`);
    expect(sentence(late.id, 'CHECKOUT_RETURN')).toBe(`${late.assetTag} Late loaner is overdue for return`);
  });

  test('a renewal date with notice gives a RENEWAL_NOTICE; a decision day equal to the end day does not', async () => {
    const renews = await contract('REN-1', { renewsOn: day(12), noticePeriodDays: 5, autoRenew: true });
    const plainEnd = await contract('END-1', { endsOn: day(15) });
    const items = await expiring(30);
    expect(itemsOf(items, renews.id).map((i) => [i.kind, i.dueOn])).toEqual([['RENEWAL_NOTICE', day(7)]]);
    expect(itemsOf(items, plainEnd.id).map((i) => [i.kind, i.dueOn])).toEqual([['CONTRACT_END', day(15)]]);
  });

  test('soonest first; the same day by kind name, then by id', async () => {
    const w1 = await hardware('Tie A', { warranty: { endsOn: day(14) } });
    const w2 = await hardware('Tie B', { warranty: { endsOn: day(14) } });
    const lic = (await mutate(app, 'createSoftwareLicense', { name: 'Tie lic', product: 'P', licenseType: 'PERPETUAL', metric: 'SITE', seatsTotal: 1, expiresOn: day(14) })).asset;
    const c = await contract('TIE-1', { endsOn: day(14) });
    const early = await hardware('Early', { warranty: { endsOn: day(1) } });

    const items = await expiring(60);
    const ties = items.filter((i) => [w1.id, w2.id, lic.id, c.id].includes(refOf(i)));
    const warrantyIds = [w1.id, w2.id].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    expect(ties.map((i) => [i.kind, refOf(i)])).toEqual([['CONTRACT_END', c.id], ['LICENSE', lic.id], ['WARRANTY', warrantyIds[0]], ['WARRANTY', warrantyIds[1]]]);
    expect(items.findIndex((i) => refOf(i) === early.id)).toBeLessThan(items.findIndex((i) => refOf(i) === w1.id));

    // The whole list, whatever other tests left in it, is in (dueOn, kind, id) order.
    const sortKey = (i: Item) => `${i.dueOn}|${String(KIND_ORDER.indexOf(i.kind)).padStart(2, '0')}|${keyOf(refOf(i))}`;
    expect(items.length).toBeGreaterThan(10);
    for (let n = 1; n < items.length; n++) expect(sortKey(items[n - 1]) < sortKey(items[n])).toBe(true);
  });

  test('the window: today and today + withinDays are in, the day after and yesterday are out, except overdue returns', async () => {
    const today = await hardware('Ends today', { warranty: { endsOn: day(0) } });
    const edge = await hardware('Ends on the edge', { warranty: { endsOn: day(10) } });
    const beyond = await hardware('Ends after the edge', { warranty: { endsOn: day(11) } });
    const past = await hardware('Ended yesterday', { warranty: { endsOn: day(-1) } });
    const endedContract = await contract('ENDED-1', { startsOn: day(-100), endsOn: day(-1), renewsOn: day(5) });
    const edgeContract = await contract('EDGE-1', { endsOn: day(10) });
    const overdue = await hardware('Long overdue');
    await checkOut(overdue.id, day(1));
    await app.sql(`UPDATE asset SET expected_return_on = CURRENT_DATE - 400 WHERE id = $1`, [keyOf(overdue.id)]);
    const returnBeyond = await hardware('Back after the edge');
    await checkOut(returnBeyond.id, day(11));

    const items = await expiring(10);
    expect(itemsOf(items, today.id)).toMatchObject([{ kind: 'WARRANTY', dueOn: day(0), daysRemaining: 0 }]);
    expect(itemsOf(items, edge.id)).toMatchObject([{ kind: 'WARRANTY', dueOn: day(10), daysRemaining: 10 }]);
    expect(itemsOf(items, edgeContract.id)).toMatchObject([{ kind: 'CONTRACT_END', dueOn: day(10) }]);
    expect(itemsOf(items, beyond.id)).toEqual([]);
    expect(itemsOf(items, past.id)).toEqual([]);
    expect(itemsOf(items, endedContract.id)).toEqual([]);
    expect(itemsOf(items, returnBeyond.id)).toEqual([]);
    expect(itemsOf(items, overdue.id)).toMatchObject([{ kind: 'CHECKOUT_RETURN', dueOn: day(-400), daysRemaining: -400 }]);
    expect(items.every((i) => i.daysRemaining <= 10 && (i.daysRemaining >= 0 || i.kind === 'CHECKOUT_RETURN'))).toBe(true);

    // withinDays 0: today only (and the overdue returns).
    const todayOnly = await expiring(0);
    expect(itemsOf(todayOnly, today.id)).toHaveLength(1);
    expect(itemsOf(todayOnly, edge.id)).toEqual([]);
    expect(itemsOf(todayOnly, overdue.id)).toHaveLength(1);
    expect(todayOnly.every((i) => i.daysRemaining === 0 || (i.kind === 'CHECKOUT_RETURN' && i.daysRemaining < 0))).toBe(true);
    // A wider window reaches the later ones.
    expect(itemsOf(await expiring(11), beyond.id)).toHaveLength(1);
  });

  test('the kinds filter keeps only the kinds asked for; null and empty mean all', async () => {
    await hardware('Filter hw', { warranty: { endsOn: day(2) } });
    await mutate(app, 'createCertificate', { name: 'Filter cert', commonName: 'filter.example', notAfter: `${day(2)}T00:00:00Z` });
    await mutate(app, 'createSoftwareLicense', { name: 'Filter lic', product: 'P', licenseType: 'TRIAL', metric: 'PER_DEVICE', seatsTotal: 1, expiresOn: day(2) });
    const all = await expiring(400);
    const only = await expiring(400, ['LICENSE', 'CERTIFICATE']);
    expect(new Set(only.map((i) => i.kind))).toEqual(new Set(['LICENSE', 'CERTIFICATE']));
    expect(only).toEqual(all.filter((i) => i.kind === 'LICENSE' || i.kind === 'CERTIFICATE'));
    expect(await expiring(400, [])).toEqual(all);
    expect(await expiring(400, null)).toEqual(all);
    const returns = await expiring(400, ['CHECKOUT_RETURN', 'CHECKOUT_RETURN']);
    expect(returns.length).toBeGreaterThan(0);
    expect(returns).toEqual(all.filter((i) => i.kind === 'CHECKOUT_RETURN'));
    expect(new Set(all.map((i) => i.kind))).toEqual(new Set(KINDS));
  });

  test('retired and disposed assets are left out', async () => {
    const hw = await hardware('To retire', { warranty: { endsOn: day(5) } });
    const lic = (await mutate(app, 'createSoftwareLicense', { name: 'To retire lic', product: 'P', licenseType: 'SUBSCRIPTION', metric: 'PER_USER', seatsTotal: 1, expiresOn: day(5) })).asset;
    const gone = await hardware('Disposed', { warranty: { endsOn: day(5) } });
    const stored = await hardware('Kept in stock', { warranty: { endsOn: day(5) } });
    let items = await expiring(10);
    for (const id of [hw.id, lic.id, gone.id, stored.id]) expect(itemsOf(items, id)).toHaveLength(1);

    await changeStatus(hw.id, 'RETIRED');
    await changeStatus(lic.id, 'RETIRED');
    await changeStatus(gone.id, 'RETIRED');
    // Disposal has its own mutation and checks; the radar only looks at the status.
    await app.sql(`UPDATE asset SET status = 'DISPOSED' WHERE id = $1`, [keyOf(gone.id)]);
    items = await expiring(10);
    expect(itemsOf(items, hw.id)).toEqual([]);
    expect(itemsOf(items, lic.id)).toEqual([]);
    expect(itemsOf(items, gone.id)).toEqual([]);
    expect(itemsOf(items, stored.id)).toHaveLength(1);
    expect(items.every((i) => !i.asset || !['RETIRED', 'DISPOSED'].includes(i.asset.status))).toBe(true);
  });

  test('limit keeps the soonest items; the default is 500', async () => {
    const all = await expiring(400);
    expect(all.length).toBeGreaterThan(5);
    expect(all.length).toBeLessThan(500);
    expect(await expiring(400, null, 5)).toEqual(all.slice(0, 5));
    expect(await expiring(400, null, 1)).toEqual(all.slice(0, 1));
    expect(await expiring(400, null, 1000, app, FLAT)).toEqual(all.map(({ kind, dueOn, daysRemaining, description }) => ({ kind, dueOn, daysRemaining, description })));
    // Each source is limited too: the soonest items of one kind still come first.
    const warranties = all.filter((i) => i.kind === 'WARRANTY');
    expect(await expiring(400, ['WARRANTY'], 2)).toEqual(warranties.slice(0, 2));
  });

  test.each([
    ['withinDays -1', { d: -1 }, 'withinDays'],
    ['withinDays 3651', { d: 3651 }, 'withinDays'],
    ['limit 0', { d: 10, l: 0 }, 'limit'],
    ['limit 1001', { d: 10, l: 1001 }, 'limit'],
    ['limit -5', { d: 10, l: -5 }, 'limit'],
  ])('%s is BAD_USER_INPUT', async (_label, vars, argument) => {
    const r = await expiringQuery(app, vars, undefined, 'kind');
    expect(r.body.data ?? null).toBeNull();
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(r.body.errors![0].message).toContain(argument);
  });

  test('the bounds themselves are accepted', async () => {
    expect(Array.isArray(await expiring(0, null, 1))).toBe(true);
    expect((await expiring(3650, null, 1000, app, FLAT)).length).toBeGreaterThan(0);
  });

  test.each([Role.ADMIN, Role.ASSET_MANAGER, Role.AUDITOR, Role.VIEWER])('%s may read the radar', async (role) => {
    const items = ok(await expiringQuery(app, { d: 400 }, [role])).expiring;
    expect(items.length).toBeGreaterThan(0);
  });

  test('without a token it is UNAUTHENTICATED', async () => {
    const r = await app.gql('{ expiring(withinDays: 10) { kind } }', {}, { auth: false });
    expect(r.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.body.data?.expiring ?? null).toBeNull();
  });
});

describe('expiring: statements', () => {
  let fresh: TestApp;
  let freshStore: string;
  beforeAll(async () => {
    fresh = await startTestApp();
    freshStore = ok(await fresh.gql(`mutation { l: createLocation(input: { name: "S", kind: WAREHOUSE }) { location { id } } }`)).l.location.id;
  });
  afterAll(async () => {
    await fresh?.close();
  });

  const statements = async (expectedItems: number) => {
    const r = await fresh.gql(`{ expiring(withinDays: 365) { ${ITEM} } }`);
    expect(ok(r).expiring).toHaveLength(expectedItems);
    return Number(r.headers['x-sql-statements']);
  };

  test('2 items and 25 items cost the same statements: the list, then one batch of assets and one of contracts', async () => {
    await hardware('First', { locationId: freshStore, warranty: { endsOn: day(10) } }, fresh);
    await contract('FIRST', { endsOn: day(20) }, fresh);
    const two = await statements(2);

    for (let n = 0; n < 10; n++) await hardware(`More ${n}`, { locationId: freshStore, warranty: { endsOn: day(30 + n) } }, fresh);
    for (let n = 0; n < 6; n++) await contract(`MORE-${n}`, { endsOn: day(50 + n), noticePeriodDays: 7 }, fresh);
    await mutate(fresh, 'createCertificate', { name: 'c', commonName: 'c.example', notAfter: `${day(40)}T00:00:00Z` });
    const twentyFive = await statements(25);

    expect(two).toBeGreaterThan(0);
    expect(twentyFive).toBe(two);
    expect(twentyFive).toBe(3);
  });
});

describe('warranty window', () => {
  const warrantyOf = async (t: TestApp, id: string) =>
    ok(await t.gql(`query($id: ID!) { asset(id: $id) { warranty { endsOn status daysRemaining provider { id name } } } }`, { id })).asset.warranty;

  test('default: 30 days ahead is EXPIRING, 31 ACTIVE; past is EXPIRED; none is NONE; provider is the Vendor', async () => {
    const at30 = await hardware('W30', { warranty: { endsOn: day(30), providerId: vendorId } });
    const at31 = await hardware('W31', { warranty: { endsOn: day(31) } });
    const past = await hardware('Wpast', { warranty: { endsOn: day(-5) } });
    const none = await hardware('Wnone');
    expect(await warrantyOf(app, at30.id)).toEqual({ endsOn: day(30), status: 'EXPIRING', daysRemaining: 30, provider: { id: vendorId, name: 'Warranty Co' } });
    expect(await warrantyOf(app, at31.id)).toEqual({ endsOn: day(31), status: 'ACTIVE', daysRemaining: 31, provider: null });
    expect(await warrantyOf(app, past.id)).toEqual({ endsOn: day(-5), status: 'EXPIRED', daysRemaining: -5, provider: null });
    expect(await warrantyOf(app, none.id)).toEqual({ endsOn: null, status: 'NONE', daysRemaining: null, provider: null });
    const today = await hardware('Wtoday', { warranty: { endsOn: day(0) } });
    expect(await warrantyOf(app, today.id)).toMatchObject({ status: 'EXPIRING', daysRemaining: 0 });
  });

  describe('WARRANTY_WARNING_DAYS=10', () => {
    let ten: TestApp;
    let tenStore: string;
    beforeAll(async () => {
      ten = await startTestApp({ WARRANTY_WARNING_DAYS: '10' });
      tenStore = ok(await ten.gql(`mutation { l: createLocation(input: { name: "S", kind: WAREHOUSE }) { location { id } } }`)).l.location.id;
    });
    afterAll(async () => {
      await ten?.close();
    });

    test('10 days ahead is EXPIRING, 11 ACTIVE; 30 is ACTIVE here', async () => {
      const mk = async (n: number) => (await mutate(ten, 'createHardware', { name: `W${n}`, category: 'LAPTOP', locationId: tenStore, warranty: { endsOn: day(n) } })).asset.id as string;
      expect(await warrantyOf(ten, await mk(10))).toMatchObject({ status: 'EXPIRING', daysRemaining: 10 });
      expect(await warrantyOf(ten, await mk(11))).toMatchObject({ status: 'ACTIVE', daysRemaining: 11 });
      expect(await warrantyOf(ten, await mk(30))).toMatchObject({ status: 'ACTIVE', daysRemaining: 30 });
      expect(await warrantyOf(ten, await mk(-1))).toMatchObject({ status: 'EXPIRED', daysRemaining: -1 });
    });
  });

  test.each(['abc', '-1', '3651', '1.5'])('WARRANTY_WARNING_DAYS=%s is a ConfigError naming it', (value) => {
    let err: unknown;
    try {
      loadConfig({ WARRANTY_WARNING_DAYS: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([expect.stringContaining('WARRANTY_WARNING_DAYS')]);
    expect((err as ConfigError).message).toContain(`"${value}"`);
  });

  test('WARRANTY_WARNING_DAYS=0 and unset are accepted', () => {
    expect(loadConfig({ WARRANTY_WARNING_DAYS: '0' }).assets.warrantyWarningDays).toBe(0);
    expect(loadConfig({}).assets.warrantyWarningDays).toBe(30);
  });
});
