import { Client } from 'pg';
import { ok, Role, startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, dropTestDatabase, urlFor } from './support/test-db';

let app: TestApp;
let storeId: string;
let personId: string;
let person2Id: string;
let recyclerId: string;

interface Change {
  id: string;
  action: string;
  at: string;
  changedFields: string[];
  asset: { id: string; name: string; status: string };
}
interface Page {
  edges: Array<{ cursor: string; node: Change }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const CHANGE = 'id action at changedFields asset { id name status }';
const FEED = `query($first: Int, $after: String) { assetChanges(first: $first, after: $after) {
  edges { cursor node { ${CHANGE} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const keyOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
const toGid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64url');
const cursorOf = (txid: string | number, seq: string | number) => Buffer.from(JSON.stringify(['changes', String(txid), String(seq)])).toString('base64url');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const today = () => new Date().toISOString().slice(0, 10);

/** What the feed must hold, written independently of the service: the audit entries of asset rows (and their links) and custody events. */
const EXPECTED_SQL = `SELECT e.id, e.txid::text AS txid, e.seq::text AS seq, e.entity_type, e.operation FROM audit_entry e
  WHERE e.entity_type IN ('Hardware', 'SoftwareLicense', 'NetworkDevice', 'CloudResource', 'VirtualMachine', 'DataAsset', 'Certificate', 'CustodyEvent')
  ORDER BY e.txid, e.seq`;
const expectedEntries = () => app.sql<{ id: string; txid: string; seq: string; entity_type: string; operation: string }>(EXPECTED_SQL);

async function page(first: number | null, after: string | null, roles?: Role[]): Promise<Page> {
  return ok(await app.gql(FEED, { first, after }, { roles })).assetChanges;
}

/**
 * Follows the feed from `after` until it has delivered every asset change committed so far. Transaction ids are
 * shared by the whole PostgreSQL cluster, so another test file's open transaction can hold the feed back for a
 * moment: the feed is polled until it has caught up (it never skips; it may only lag). With an `after`, at least
 * one change must have been made since.
 */
async function catchUp(after: string | null, first = 100): Promise<{ changes: Change[]; cursor: string | null }> {
  const all = await expectedEntries();
  const lastId = all.length ? all[all.length - 1].id : null;
  const changes: Change[] = [];
  let cursor = after;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const p = await page(first, cursor);
    changes.push(...p.edges.map((e) => e.node));
    if (p.pageInfo.endCursor) cursor = p.pageInfo.endCursor;
    if (!p.pageInfo.hasNextPage) {
      const last = changes.length ? keyOf(changes[changes.length - 1].id) : after == null ? null : 'unknown';
      if (lastId == null || last === lastId) return { changes, cursor };
      if (Date.now() > deadline) throw new Error(`the feed did not catch up: last seen ${last}, expected ${lastId}`);
      await sleep(20);
    }
  }
}

/** The cursor at the end of the feed as it stands (after every change made so far). */
const tail = async () => (await catchUp(null)).cursor;

async function create(mutation: string, input: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const type = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
  const d = ok(await app.gql(`mutation($i: ${type}!) { ${mutation}(input: $i) { asset { id version } userErrors { field code message } } }`, { i: input }));
  expect(d[mutation].userErrors).toEqual([]);
  return d[mutation].asset;
}
const newLaptop = (name = 'Feed laptop', extra: Record<string, unknown> = {}) => create('createHardware', { name, category: 'LAPTOP', locationId: storeId, ...extra });

async function mutate(field: string, inputType: string, input: Record<string, unknown>) {
  const d = ok(await app.gql(`mutation($i: ${inputType}!) { ${field}(input: $i) { userErrors { field code message } } }`, { i: input }));
  expect(d[field].userErrors).toEqual([]);
}
const update = (id: string, fields: Record<string, unknown>) => mutate('updateHardware', 'UpdateHardwareInput', { id, ...fields });
const changeStatus = (assetId: string, status: string) => mutate('changeAssetStatus', 'ChangeAssetStatusInput', { assetId, status, reason: 'feed test' });
const checkOut = (assetId: string, to: Record<string, string>) => mutate('checkOutAsset', 'CheckOutAssetInput', { assetId, to });
const checkIn = (assetId: string) => mutate('checkInAsset', 'CheckInAssetInput', { assetId, locationId: storeId });
const transfer = (assetId: string, to: Record<string, string>) => mutate('transferAsset', 'TransferAssetInput', { assetId, to });

const summary = (cs: Change[]) => cs.map((c) => [c.action, [...c.changedFields].sort()]);

beforeAll(async () => {
  app = await startTestApp();
  const d = ok(await app.gql(`mutation {
    l: createLocation(input: { name: "Feed store", kind: WAREHOUSE }) { location { id } }
    p: createPerson(input: { displayName: "Grace Hopper" }) { person { id } }
    p2: createPerson(input: { displayName: "Alan Turing" }) { person { id } }
    r: createVendor(input: { name: "GreenCycle", roles: [RECYCLER], certifications: [R2] }) { vendor { id } }
  }`));
  storeId = d.l.location.id; personId = d.p.person.id; person2Id = d.p2.person.id; recyclerId = d.r.vendor.id;
});
afterAll(async () => app?.close());

describe('what the feed says for each kind of change', () => {
  test('create, update, status moves, custody and disposal through a vendor, in the order they happened', async () => {
    const from = await tail();
    const { id } = await newLaptop('Feed A');
    await update(id, { name: 'Feed A2', serialNumber: 'SN-A' });
    await changeStatus(id, 'LOST');
    await changeStatus(id, 'IN_STOCK');
    await checkOut(id, { personId });
    await transfer(id, { personId: person2Id });
    await checkIn(id);
    await changeStatus(id, 'RETIRED');
    await mutate('disposeAsset', 'DisposeAssetInput', {
      assetId: id, method: 'RECYCLE', disposedOn: today(), vendorId: recyclerId, dataSanitization: { method: 'PURGE', technique: 'CRYPTOGRAPHIC_ERASE', performedBy: 'IT Ops' },
    });
    const { changes } = await catchUp(from);
    expect(changes.every((c) => c.asset.id === id && c.asset.status === 'DISPOSED' && c.asset.name === 'Feed A2')).toBe(true);
    // One transaction per mutation: its entries follow each other and share its time.
    const groups: Change[][] = [];
    for (const c of changes) {
      if (groups.length && groups[groups.length - 1][0].at === c.at) groups[groups.length - 1].push(c);
      else groups.push([c]);
    }
    expect(groups.map((g) => g.map((c) => c.action).sort())).toEqual([
      ['CREATED'],
      ['UPDATED'],
      ['CUSTODY', 'STATUS_CHANGED'], // lost (a status move records a custody event too)
      ['CUSTODY', 'STATUS_CHANGED'], // found
      ['CUSTODY', 'STATUS_CHANGED'], // check-out: IN_STOCK → IN_USE and a CHECK_OUT event
      ['CUSTODY', 'UPDATED'], // transfer: the custodian changes, the status does not
      ['CUSTODY', 'STATUS_CHANGED'], // check-in
      ['STATUS_CHANGED'], // retire (from stock: no custody event)
      ['CUSTODY', 'DISPOSED'], // disposal through a vendor: DISPOSAL_HANDOFF event (the disposal record itself is not an asset change)
    ]);
    expect(groups[0][0].changedFields).toEqual(expect.arrayContaining(['name', 'kind', 'status', 'assetTag', 'locationId', 'hwCategory', 'dataBearing']));
    expect(groups[0][0].changedFields).not.toContain('serialNumber'); // not set at creation: only set fields are listed
    expect([...groups[1][0].changedFields].sort()).toEqual(['name', 'serialNumber']);
    const main = (g: Change[]) => g.find((c) => c.action !== 'CUSTODY')!;
    expect(main(groups[2]).changedFields).toContain('status');
    expect(main(groups[4]).changedFields).toEqual(expect.arrayContaining(['status', 'custodianType', 'custodianId', 'checkedOutAt', 'custodySequence']));
    expect(main(groups[5]).changedFields).toEqual(expect.arrayContaining(['custodianId', 'custodySequence']));
    expect(main(groups[5]).changedFields).not.toContain('status');
    expect(main(groups[8]).changedFields).toEqual(expect.arrayContaining(['status', 'custodianType', 'custodianId']));
    for (const g of groups) for (const c of g) if (c.action === 'CUSTODY') expect(c.changedFields).toEqual(['custodyChain']);
    const [handoff] = await app.sql(`SELECT changes -> 'type' ->> 'after' AS type FROM audit_entry WHERE id = $1`, [keyOf(groups[8].find((c) => c.action === 'CUSTODY')!.id)]);
    expect(handoff.type).toBe('DISPOSAL_HANDOFF');
    // Exactly the audit entries of the asset and its custody events, in (txid, seq) order.
    const fromSql = await app.sql(`SELECT id FROM audit_entry WHERE asset_id = $1 AND entity_type IN ('Hardware', 'CustodyEvent') ORDER BY txid, seq`, [keyOf(id)]);
    expect(changes.map((c) => keyOf(c.id))).toEqual(fromSql.map((r) => r.id));
  });

  test('every kind of asset is in the feed; other objects and side records are not', async () => {
    const from = await tail();
    const host = await newLaptop('Host');
    const lic = await create('createSoftwareLicense', { name: 'Feed Office', product: 'Office', licenseType: 'SUBSCRIPTION', metric: 'PER_USER', seatsTotal: 5 });
    ok(await app.gql('mutation { createPerson(input: { displayName: "Not an asset" }) { person { id } } }'));
    await mutate('assignLicenseSeat', 'AssignLicenseSeatInput', { licenseId: lic.id, personId });
    await mutate('recordPhysicalAudit', 'RecordPhysicalAuditInput', { assetId: host.id, locationId: storeId });
    const { changes } = await catchUp(from);
    expect(changes.map((c) => [c.asset.id, c.action])).toEqual([
      [host.id, 'CREATED'],
      [lic.id, 'CREATED'],
      // the seat and the physical audit record are not asset changes; what the audit changed on the asset is
      [host.id, 'UPDATED'],
    ]);
    expect(changes[2].changedFields).toEqual(expect.arrayContaining(['lastAuditedAt']));
  });

  test('external references and storedOn links are UPDATED entries of their asset', async () => {
    const host = await newLaptop('Disk host');
    const from = await tail();
    const laptop = await newLaptop('With refs', { externalRefs: [{ source: 'mdm', externalId: 'MDM-1' }] });
    const data = await create('createDataAsset', { name: 'Customer DB', classification: 'CONFIDENTIAL', dataCategory: 'DATABASE', storedOnIds: [host.id] });
    const { changes } = await catchUp(from);
    expect(changes.map((c) => [c.asset.id, c.action, c.changedFields.length === 1 ? c.changedFields[0] : '*'])).toEqual([
      [laptop.id, 'CREATED', '*'],
      [laptop.id, 'UPDATED', 'externalRefs'],
      [data.id, 'CREATED', '*'],
      [data.id, 'UPDATED', 'storedOn'],
    ]);
  });

  test('a change made directly in the database is in the feed too', async () => {
    const { id } = await newLaptop('Behind our back');
    const from = await tail();
    await app.sql(`UPDATE asset SET name = 'Renamed in psql' WHERE id = $1`, [keyOf(id)]);
    const { changes } = await catchUp(from);
    expect(changes.map((c) => [c.asset.id, c.action, c.changedFields, c.asset.name])).toEqual([[id, 'UPDATED', ['name'], 'Renamed in psql']]);
  });

  test('node(id) fetches a change; an audit entry that is not an asset change is not one', async () => {
    const from = await tail();
    const { id } = await newLaptop('By node');
    const [c] = (await catchUp(from)).changes;
    const d = ok(await app.gql(`query($id: ID!) { node(id: $id) { __typename id ... on AssetChange { ${CHANGE} } } }`, { id: c.id }, { roles: [Role.VIEWER] }));
    expect(d.node).toEqual({ __typename: 'AssetChange', ...c });
    expect(d.node.asset.id).toBe(id);
    const [person] = await app.sql(`SELECT id FROM audit_entry WHERE entity_type = 'Person' LIMIT 1`);
    const [seat] = await app.sql(`SELECT id FROM audit_entry WHERE entity_type = 'LicenseSeat' LIMIT 1`);
    for (const key of [person.id, seat?.id ?? '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000']) {
      expect(ok(await app.gql('query($id: ID!) { node(id: $id) { id } }', { id: toGid('AssetChange', key) })).node).toBeNull();
    }
  });
});

describe('paging and resuming', () => {
  beforeAll(async () => {
    for (let i = 0; i < 4; i++) {
      const { id } = await newLaptop(`Pager ${i}`);
      await checkOut(id, { personId });
    }
  });

  test('pages of any size add up to the whole feed, in order, nothing repeated; a stored cursor resumes exactly after itself', async () => {
    const whole = (await catchUp(null)).changes.map((c) => c.id);
    const expected = (await expectedEntries()).map((e) => toGid('AssetChange', e.id));
    expect(whole).toEqual(expected);
    expect(ok(await app.gql('{ assetChanges(first: 1) { totalCount nodes { id } } }')).assetChanges).toEqual({ totalCount: whole.length, nodes: [{ id: whole[0] }] });
    for (const size of [1, 3, 7]) {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const p: Page = await page(size, after);
        expect(p.edges.length).toBeLessThanOrEqual(size);
        expect(p.pageInfo.hasPreviousPage).toBe(after != null);
        if (p.edges.length) {
          expect(p.pageInfo.startCursor).toBe(p.edges[0].cursor);
          expect(p.pageInfo.endCursor).toBe(p.edges[p.edges.length - 1].cursor);
        }
        seen.push(...p.edges.map((e) => e.node.id));
        pages++;
        if (!p.pageInfo.hasNextPage) break;
        expect(p.edges).toHaveLength(size);
        after = p.pageInfo.endCursor;
      }
      expect(seen).toEqual(whole);
      expect(new Set(seen).size).toBe(seen.length);
      expect(pages).toBe(Math.max(1, Math.ceil(whole.length / size)));
    }
    // Resume from any edge's cursor (as an integrator that stored it): exactly what follows it.
    const first = await page(100, null);
    for (const i of [0, 5, first.edges.length - 2]) {
      const rest = await page(100, first.edges[i].cursor);
      expect(rest.edges.map((e) => e.node.id)).toEqual(whole.slice(i + 1, i + 101));
    }
    // At the end: an empty page, no next page, a null endCursor (the integrator keeps the cursor it has).
    const end = await page(5, first.edges[first.edges.length - 1].cursor);
    expect(end).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
    // Resuming later delivers what came since, and only that.
    const stored = first.edges[first.edges.length - 1].cursor;
    const { id } = await newLaptop('After the stored cursor');
    const later = await catchUp(stored);
    expect(later.changes.map((c) => [c.asset.id, c.action])).toEqual([[id, 'CREATED']]);
  });

  test('first: default 20, 0 gives an empty page that still says whether changes wait, over 100 is QUERY_TOO_COMPLEX, negative is BAD_USER_INPUT', async () => {
    for (let i = 0; i < 3; i++) await newLaptop(`Filler ${i}`);
    await catchUp(null);
    const total = (await expectedEntries()).length;
    expect(total).toBeGreaterThan(20);
    expect((await page(null, null)).edges).toHaveLength(20);
    expect(await page(0, null)).toEqual({ edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null } });
    expect((await page(100, null)).edges).toHaveLength(Math.min(100, total));
    const big = await app.gql(FEED, { first: 101 });
    expect(big.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(big.body.data).toBeNull();
    const neg = await app.gql(FEED, { first: -1 });
    expect(neg.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  test('forged, foreign and garbage cursors are BAD_USER_INPUT, never a 500', async () => {
    const { auditLog } = ok(await app.gql('{ auditLog(first: 1) { pageInfo { endCursor } } }'));
    const { assets } = ok(await app.gql('{ assets(first: 1) { pageInfo { endCursor } } }'));
    const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
    const bad = [
      'garbage', '', '!!!', b64('not json'), b64([]), b64(['changes', '1']), b64(['changes', 1, 2]), b64(['changes', '1', '2', '3']),
      b64(['audit', '1', '2']), b64(['changes', '-1', '2']), b64(['changes', '1', '1.5']), b64(['changes', '1e3', '2']),
      b64(['changes', '9223372036854775808', '1']), b64(['changes', '1', '99999999999999999999']), b64(['changes', ' 1', '2']),
      auditLog.pageInfo.endCursor, assets.pageInfo.endCursor, 'x'.repeat(5000), b64(['changes', '1', '2']) + '%%',
    ];
    for (const after of bad) {
      const res = await app.gql(FEED, { first: 5, after });
      expect(res.status).toBe(200);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.body.data).toBeNull();
    }
    // Well-formed positions are accepted, at the very ends of the bigint range too.
    expect((await page(5, cursorOf('9223372036854775807', '9223372036854775807'))).edges).toEqual([]);
    expect((await page(3, cursorOf(0, 0))).edges).toHaveLength(3);
  });

  test('a page costs one statement, whatever its size (assets come with it)', async () => {
    const q = (n: number) => `{ assetChanges(first: ${n}) { edges { cursor node { id action at changedFields asset { id name status version } } } pageInfo { hasNextPage endCursor } } }`;
    const small = await app.gql(q(2));
    const large = await app.gql(q(100));
    ok(small);
    expect(ok(large).assetChanges.edges.length).toBeGreaterThan(20);
    expect(small.headers['x-sql-statements']).toBe('1');
    expect(large.headers['x-sql-statements']).toBe('1');
  });
});

describe('who may read it', () => {
  test.each([[Role.ADMIN], [Role.ASSET_MANAGER], [Role.AUDITOR], [Role.VIEWER]])('%s reads the feed', async (role) => {
    const p = await page(3, null, [role]);
    expect(p.edges).toHaveLength(3);
    expect(p.edges[0].node.action).toBe('CREATED');
  });

  test('without a token: UNAUTHENTICATED', async () => {
    const res = await app.gql(FEED, { first: 1 }, { auth: false });
    expect(res.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(res.body.data ?? null).toBeNull();
  });
});

describe('gap-free under concurrent writers', () => {
  const asset = (c: Client, name: string) =>
    c.query<{ id: string; txid: string }>(
      `INSERT INTO asset (kind, asset_tag, name, status, hw_category, data_bearing) VALUES ('HARDWARE', $1, $2, 'IN_STOCK', 'LAPTOP', true) RETURNING id, txid_current()::text AS txid`,
      [`SLOW-${name}`, name],
    );

  test('a change committed late by a transaction that began early is delivered, after it commits, not skipped', async () => {
    const from = await tail();
    const slow = new Client({ connectionString: urlFor(app.database) });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      const [row] = (await asset(slow, 'early-begun')).rows;
      // A writer that began later commits first: its entry has a higher txid, and must wait for the slow one.
      const fast = await newLaptop('Committed first');
      await sleep(50);
      const during = await page(100, from);
      expect(during.edges).toEqual([]);
      expect(during.pageInfo.hasNextPage).toBe(false);
      await slow.query('COMMIT');
      const { changes } = await catchUp(from);
      expect(changes.map((c) => [c.asset.id, c.action])).toEqual([[toGid('Hardware', row.id), 'CREATED'], [fast.id, 'CREATED']]);
    } finally {
      await slow.end();
    }
  });

  test('a long write transaction in another database of the cluster does not hold the feed back', async () => {
    // Transaction ids are cluster-wide: plain xmin would stall this feed until the other database's transaction ends.
    const other = await createTestDatabase();
    const c = new Client({ connectionString: urlFor(other) });
    await c.connect();
    try {
      await c.query('BEGIN');
      const [{ txid }] = (await c.query<{ txid: string }>('SELECT txid_current()::text AS txid')).rows;
      const from = await tail();
      const { id } = await newLaptop('Not held back');
      const [{ xmin }] = await app.sql<{ xmin: string }>('SELECT txid_snapshot_xmin(txid_current_snapshot())::text AS xmin');
      expect(BigInt(xmin)).toBeLessThanOrEqual(BigInt(txid)); // the other transaction is still the oldest (or older ones are)
      const p = await page(10, from);
      expect(p.edges.map((e) => [e.node.asset.id, e.node.action])).toEqual([[id, 'CREATED']]);
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
      await c.end();
      await dropTestDatabase(other);
    }
  });

  test('a reader following the feed page by page sees every change exactly once while 8 writers and slow transactions commit', async () => {
    const from = await tail();
    const startCount = (await expectedEntries()).length;
    let mutations = 0; // committed by the fast writers so far
    const until = async (cond: () => boolean) => {
      const deadline = Date.now() + 30_000;
      while (!cond()) {
        if (Date.now() > deadline) throw new Error('the concurrency test is stuck');
        await sleep(5);
      }
    };

    // Slow writers: transactions that take their txid early (their first INSERT), write more while the fast
    // writers commit, and commit late. Each `commitWhen` is a condition, so the interleaving does not hang on timing.
    interface Slow { name: string; txid: string | null; committing: boolean; seenWhileOpen: number }
    const slows: Slow[] = [];
    const slowWriter = async (name: string, beginWhen: () => boolean, commitWhen: () => boolean, steps: number) => {
      const state: Slow = { name, txid: null, committing: false, seenWhileOpen: 0 };
      slows.push(state);
      await until(beginWhen);
      const c = new Client({ connectionString: urlFor(app.database) });
      await c.connect();
      try {
        await c.query('BEGIN');
        const [row] = (await asset(c, name)).rows;
        state.txid = row.txid;
        for (let i = 0; i < steps; i++) {
          await c.query('SELECT pg_sleep(0.1)');
          await c.query(`UPDATE asset SET name = $2, serial_number = $3 WHERE id = $1`, [row.id, `${name} step ${i}`, `SN-${name}-${i}`]);
        }
        await until(commitWhen);
        state.committing = true; // from here on the reader may (and, eventually, must) see it
        await c.query('COMMIT');
      } finally {
        await c.end();
      }
    };
    const slowA = () => slows.find((x) => x.name === 'slow-a')!;
    const slowB = () => slows.find((x) => x.name === 'slow-b')!;
    const slowsDone = () => slows.length === 3 && slows.every((x) => x.committing);
    let aborted = false; // a failure stops every loop, so nothing writes after the test

    // Fast writers through the API: creates, updates, check-outs, transfers, check-ins, until the slow ones are done.
    const writer = async (w: number) => {
      for (let i = 0; (i < 3 || !slowsDone()) && !aborted; i++) {
        const { id, version } = await newLaptop(`W${w}-${i}`);
        mutations++;
        await update(id, { expectedVersion: version, name: `W${w}-${i} renamed` });
        mutations++;
        await checkOut(id, { personId });
        mutations++;
        if (i % 2) {
          await transfer(id, { personId: person2Id });
          mutations++;
        }
        await checkIn(id);
        mutations++;
      }
    };

    // The reader: small pages. After each read it notes which slow transactions had not even sent COMMIT yet:
    // those were open while the page was read (or took their txid after it, which orders them after the page anyway).
    const seen: Array<{ id: string; openSlowTxids: string[] }> = [];
    let stop = false;
    let cursor = from;
    let reads = 0;
    const reader = async () => {
      for (;;) {
        const p = await page(3, cursor);
        const open = slows.filter((x) => x.txid != null && !x.committing);
        reads++;
        seen.push(...p.edges.map((e) => ({ id: keyOf(e.node.id), openSlowTxids: open.map((x) => x.txid as string) })));
        for (const x of open) x.seenWhileOpen += p.edges.length;
        if (p.pageInfo.endCursor) cursor = p.pageInfo.endCursor;
        if (!p.pageInfo.hasNextPage) {
          if (stop || aborted) return;
          await sleep(5);
        }
      }
    };

    const readerDone = reader();
    try {
      await Promise.all([
        // a: begins first and commits after 60 fast mutations; everything committed meanwhile waits for it.
        slowWriter('slow-a', () => true, () => mutations >= 60, 1),
        // b: begins after 20 fast mutations (so some entries lie between a and b), and stays open until the reader
        // has been handed changes while it is open (those below it, released when a commits).
        slowWriter('slow-b', () => mutations >= 20 && slowA().txid != null, () => slowB().seenWhileOpen > 0 || mutations >= 400, 3),
        // c: begins later and commits last.
        slowWriter('slow-c', () => mutations >= 40, () => slowB().committing && mutations >= 100, 2),
        ...Array.from({ length: 8 }, (_, w) => writer(w)),
      ]);
    } catch (err) {
      aborted = true;
      throw err;
    } finally {
      if (aborted) await readerDone.catch(() => undefined);
    }
    // Every writer has committed. The reader drains what is left (it may lag behind another test file's
    // transaction for a moment); then the lists are compared, whatever it got.
    const expected = (await expectedEntries()).slice(startCount);
    const drainDeadline = Date.now() + 15_000;
    while (seen.length < expected.length && Date.now() < drainDeadline) await sleep(20);
    stop = true;
    await readerDone;

    expect(reads).toBeGreaterThan(10);
    expect(expected.length).toBeGreaterThan(100);
    const slowTxids = slows.map((x) => x.txid);
    expect(expected.filter((e) => slowTxids.includes(e.txid)).length).toBe((1 + 1) + (1 + 3) + (1 + 2)); // each: its INSERT and one UPDATE per step
    // Exactly once, in feed order: the reader's concatenated pages are the final list of asset changes.
    const ids = seen.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected.map((e) => e.id));
    // While a slow transaction was open, nothing at or after its position was handed out (else its entries,
    // committed later with a smaller txid, would have landed behind the reader's cursor)...
    const txidOf = new Map(expected.map((e) => [e.id, BigInt(e.txid)]));
    for (const x of seen) for (const open of x.openSlowTxids) expect(txidOf.get(x.id)! < BigInt(open)).toBe(true);
    // ...yet what lay before it kept flowing.
    expect(slowB().seenWhileOpen).toBeGreaterThan(0);
  }, 90_000);
});
