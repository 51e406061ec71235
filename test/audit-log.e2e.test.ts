import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { applyAuditScope, MUTATION_ACTIONS } from '../src/modules/audit-log/audit.actions';
import { orphanedTypes, resolvers } from '../src/modules';
import { createSchema } from '../src/schema';
import { ok, Role, startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let storeId: string;
let personId: string;

const keyOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
const ENTRY = 'id at actor action operation entityType entityId changedFields changes requestId entity { id __typename }';
const auditCount = async () => (await app.sql('SELECT count(*)::int AS n FROM audit_entry'))[0].n as number;

/** Runs a mutation and returns its data and the request id the server answered with. */
async function mutate(query: string, variables: Record<string, unknown> = {}, roles?: Role[]) {
  const res = await app.gql(query, variables, { roles });
  return { data: ok(res), requestId: res.headers['x-request-id'] };
}

async function entriesOf(requestId: string) {
  return app.sql('SELECT actor, action, entity_type, entity_id, operation, changes, request_id, asset_id FROM audit_entry WHERE request_id = $1 ORDER BY seq', [requestId]);
}

async function newLaptop(name = 'Audited laptop') {
  return (await mutate(`mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id version } } }`, { i: { name, category: 'LAPTOP', locationId: storeId } }));
}

beforeAll(async () => {
  app = await startTestApp();
  const d = ok(await app.gql(`mutation {
    l: createLocation(input: { name: "Audit store", kind: WAREHOUSE }) { location { id } }
    p: createPerson(input: { displayName: "Ada Lovelace" }) { person { id } }
  }`));
  storeId = d.l.location.id;
  personId = d.p.person.id;
});
afterAll(async () => app?.close());

describe('every successful mutation is recorded, in its own transaction', () => {
  test('create: actor, action, entity, every set field, request id', async () => {
    const { data, requestId } = await newLaptop('Audit A');
    const id = data.createHardware.asset.id;
    const rows = await entriesOf(requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'test-user', action: 'asset.create', entity_type: 'Hardware', entity_id: keyOf(id), operation: 'INSERT', request_id: requestId, asset_id: keyOf(id) });
    expect(rows[0].changes.name).toEqual({ before: null, after: 'Audit A' });
    expect(rows[0].changes.status).toEqual({ before: null, after: 'IN_STOCK' });
    expect(rows[0].changes.version).toBeUndefined();
  });

  test('update: only the fields that changed, before and after', async () => {
    const { data } = await newLaptop('Audit B');
    const { id, version } = data.createHardware.asset;
    const { requestId } = await mutate(`mutation($i: UpdateHardwareInput!) { updateHardware(input: $i) { asset { id } userErrors { message } } }`,
      { i: { id, expectedVersion: version, name: 'Audit B2', serialNumber: 'SN-1' } });
    const rows = await entriesOf(requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'asset.update', operation: 'UPDATE' });
    expect(rows[0].changes).toEqual({ name: { before: 'Audit B', after: 'Audit B2' }, serial_number: { before: null, after: 'SN-1' } });
  });

  test('a check-out records the asset change and the custody event under one action and request', async () => {
    const { data } = await newLaptop('Audit C');
    const id = data.createHardware.asset.id;
    const { requestId } = await mutate(`mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { asset { id } userErrors { message } } }`, { i: { assetId: id, to: { personId } } });
    const rows = await entriesOf(requestId);
    expect(rows.map((r) => [r.entity_type, r.operation, r.action])).toEqual(
      expect.arrayContaining([['CustodyEvent', 'INSERT', 'asset.checkOut'], ['Hardware', 'UPDATE', 'asset.checkOut']]),
    );
    expect(rows.every((r) => r.asset_id === keyOf(id))).toBe(true);
    const asset = rows.find((r) => r.entity_type === 'Hardware');
    expect(asset.changes.status).toEqual({ before: 'IN_STOCK', after: 'IN_USE' });
    expect(asset.changes.custodian_id).toEqual({ before: null, after: keyOf(personId) });
  });

  test('a single-statement create (no explicit transaction) is recorded with its actor and action too', async () => {
    const { data, requestId } = await mutate(`mutation { createVendor(input: { name: "Audited Vendor" }) { vendor { id } } }`);
    const rows = await entriesOf(requestId);
    expect(rows).toEqual([expect.objectContaining({ actor: 'test-user', action: 'vendor.create', entity_type: 'Vendor', entity_id: keyOf(data.createVendor.vendor.id) })]);
  });

  test('a refused mutation (userErrors) records nothing', async () => {
    const before = await auditCount();
    const res = ok(await app.gql(`mutation { createHardware(input: { name: "  ", category: LAPTOP }) { asset { id } userErrors { code } } }`));
    expect(res.createHardware.userErrors.length).toBeGreaterThan(0);
    const d = await newLaptop('Audit D');
    const id = d.data.createHardware.asset.id;
    const stale = ok(await app.gql(`mutation($i: UpdateHardwareInput!) { updateHardware(input: $i) { userErrors { code } } }`, { i: { id, expectedVersion: 99, name: 'nope' } }));
    expect(stale.updateHardware.userErrors[0].code).toBe('CONFLICT');
    expect(await auditCount()).toBe(before + 1); // the create only
  });

  test('queries record nothing', async () => {
    const before = await auditCount();
    ok(await app.gql('{ assets(first: 5) { nodes { id } } viewer { subject } }'));
    expect(await auditCount()).toBe(before);
  });

  test('licence keys are redacted in the log: that they changed is recorded, not their value', async () => {
    const { data } = await mutate(`mutation { createSoftwareLicense(input: { name: "Keyed", product: "P", licenseType: PERPETUAL, metric: SITE, seatsTotal: 1, licenseKey: "SECRET-KEY-1" }) { asset { id version } } }`);
    const { id, version } = data.createSoftwareLicense.asset;
    const { requestId } = await mutate(`mutation($i: UpdateSoftwareLicenseInput!) { updateSoftwareLicense(input: $i) { userErrors { message } } }`, { i: { id, expectedVersion: version, licenseKey: 'SECRET-KEY-2' } });
    const [row] = await entriesOf(requestId);
    expect(row.changes.license_key).toEqual({ before: '[redacted]', after: '[redacted]' });
    const all = JSON.stringify(await app.sql('SELECT changes FROM audit_entry WHERE entity_id = $1', [keyOf(id)]));
    expect(all).not.toContain('SECRET-KEY');
  });

  test('every mutation of the schema has an audit action, and a missing one stops the start', async () => {
    const schema = await createSchema();
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    expect(mutations.filter((m) => !MUTATION_ACTIONS[m])).toEqual([]);
    const fresh = await buildSchema({ resolvers: resolvers as never, orphanedTypes, validate: false });
    expect(() => applyAuditScope(fresh, { createHardware: 'asset.create' })).toThrow(/without an audit action: .*createPerson/);
  });
});

describe('reading the log', () => {
  let assetId: string;
  let requestIds: string[];
  beforeAll(async () => {
    const { data, requestId: r1 } = await newLaptop('History laptop');
    assetId = data.createHardware.asset.id;
    const { requestId: r2 } = await mutate(`mutation($i: CheckOutAssetInput!) { checkOutAsset(input: $i) { asset { id } } }`, { i: { assetId, to: { personId } } });
    const { requestId: r3 } = await mutate(`mutation($i: CheckInAssetInput!) { checkInAsset(input: $i) { asset { id } } }`, { i: { assetId, locationId: storeId } });
    requestIds = [r1, r2, r3];
  });

  test('Asset.history: this asset\'s changes and its custody events, newest first, with cursors', async () => {
    const q = `query($id: ID!, $after: String) { asset(id: $id) { history(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${ENTRY} } } } }`;
    const p1 = ok(await app.gql(q, { id: assetId })).asset.history;
    expect(p1.totalCount).toBe(5); // create; check-out: asset + event; check-in: asset + event
    expect(p1.nodes.map((n: any) => n.action)).toEqual(['asset.checkIn', 'asset.checkIn']);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = ok(await app.gql(q, { id: assetId, after: p1.pageInfo.endCursor })).asset.history;
    const p3 = ok(await app.gql(q, { id: assetId, after: p2.pageInfo.endCursor })).asset.history;
    const all = [...p1.nodes, ...p2.nodes, ...p3.nodes];
    expect(all.map((n: any) => n.action)).toEqual(['asset.checkIn', 'asset.checkIn', 'asset.checkOut', 'asset.checkOut', 'asset.create']);
    expect(p3.pageInfo.hasNextPage).toBe(false);
    const created = all[4];
    expect(created).toMatchObject({ actor: 'test-user', operation: 'CREATED', entityType: 'Hardware', entityId: assetId, requestId: requestIds[0], entity: { id: assetId, __typename: 'Hardware' } });
    expect(created.changedFields).toEqual(expect.arrayContaining(['name', 'status', 'locationId']));
    expect(created.changes.locationId).toEqual({ before: null, after: keyOf(storeId) });
    const event = all.find((n: any) => n.entityType === 'CustodyEvent');
    expect(event.entity.__typename).toBe('CustodyEvent');
  });

  test('auditLog filters by actor, action, entity, time, and pages', async () => {
    const q = `query($f: AuditLogFilter, $first: Int, $after: String) { auditLog(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { action entityId actor at } } }`;
    const checkIns = ok(await app.gql(q, { f: { action: 'asset.checkIn', entityId: assetId } })).auditLog;
    expect(checkIns.nodes).toEqual([expect.objectContaining({ action: 'asset.checkIn', entityId: assetId })]);
    const byEntity = ok(await app.gql(q, { f: { entityId: assetId } })).auditLog;
    expect(byEntity.totalCount).toBe(3);
    expect(ok(await app.gql(q, { f: { actor: 'somebody-else' } })).auditLog.totalCount).toBe(0);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(ok(await app.gql(q, { f: { since: future } })).auditLog.totalCount).toBe(0);
    expect(ok(await app.gql(q, { f: { until: future, entityId: assetId } })).auditLog.totalCount).toBe(3);
    // Paging through everything reaches each entry once.
    const total = ok(await app.gql(q, { first: 0 })).auditLog.totalCount;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(await app.gql(q, { first: 7, after })).auditLog;
      seen.push(...page.nodes.map((n: any) => `${n.at}|${n.entityId}|${n.action}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
  });

  test('bad filters and cursors are BAD_USER_INPUT, not 500s', async () => {
    const bad1 = await app.gql('{ auditLog(filter: { entityId: "garbage" }) { totalCount } }');
    expect(bad1.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const bad2 = await app.gql('{ auditLog(after: "nope") { totalCount } }');
    expect(bad2.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const big = await app.gql('{ auditLog(first: 101) { totalCount } }');
    expect(big.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
  });

  test('a page of assets with their history costs the same statements for 2 or 8 assets', async () => {
    for (let i = 0; i < 6; i++) await newLaptop(`Batch ${i}`);
    // Same kinds of entries on every asset: the count depends on the kinds of entity, not on the number of assets.
    const q = (n: number) => `{ assets(first: ${n}, filter: { search: "Batch" }) { nodes { id history(first: 3) { totalCount nodes { action entity { id } } } } } }`;
    const small = await app.gql(q(2));
    const large = await app.gql(q(8));
    ok(small);
    ok(large);
    expect(large.headers['x-sql-statements']).toBe(small.headers['x-sql-statements']);
  });
});

describe('who may read it', () => {
  let assetId: string;
  beforeAll(async () => {
    assetId = (await newLaptop('Guarded')).data.createHardware.asset.id;
  });

  test.each([[Role.ADMIN], [Role.AUDITOR]])('%s reads auditLog and Asset.history', async (role) => {
    const d = ok(await app.gql(`query($id: ID!) { auditLog(first: 1) { totalCount } asset(id: $id) { history { totalCount } } }`, { id: assetId }, { roles: [role] }));
    expect(d.asset.history.totalCount).toBeGreaterThan(0);
  });

  test.each([[Role.ASSET_MANAGER], [Role.VIEWER]])('%s gets FORBIDDEN for auditLog, and null history at its path while the rest returns', async (role) => {
    const log = await app.gql('{ auditLog(first: 1) { totalCount } }', {}, { roles: [role] });
    expect(log.body.errors![0].extensions!.code).toBe('FORBIDDEN');
    const res = await app.gql(`query($id: ID!) { asset(id: $id) { name history { totalCount } } }`, { id: assetId }, { roles: [role] });
    expect(res.body.data!.asset).toEqual({ name: 'Guarded', history: null });
    expect(res.body.errors).toEqual([expect.objectContaining({ path: ['asset', 'history'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });

  test('node(id) of an audit entry is not a way around the rule', async () => {
    const { auditLog } = ok(await app.gql('{ auditLog(first: 1) { nodes { id } } }'));
    const id = auditLog.nodes[0].id;
    expect(ok(await app.gql('query($id: ID!) { node(id: $id) { id } }', { id }, { roles: [Role.AUDITOR] })).node.id).toBe(id);
    const res = await app.gql('query($id: ID!) { node(id: $id) { id } }', { id }, { roles: [Role.VIEWER] });
    expect(res.body.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(res.body.data!.node).toBeNull();
  });
});

describe('the database keeps the log unalterable, even for SQL', () => {
  test('UPDATE, DELETE and TRUNCATE on audit_entry are refused', async () => {
    await newLaptop('Tamper target');
    const before = await auditCount();
    await expect(app.sql(`UPDATE audit_entry SET actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(app.sql('DELETE FROM audit_entry')).rejects.toThrow(/append-only/);
    await expect(app.sql('TRUNCATE audit_entry')).rejects.toThrow(/append-only/);
    expect(await auditCount()).toBe(before);
    expect((await app.sql(`SELECT count(*)::int AS n FROM audit_entry WHERE actor = 'someone-else'`))[0].n).toBe(0);
  });

  test('TRUNCATE of a register table (which would bypass row triggers) is refused', async () => {
    for (const table of ['asset', 'person', 'vendor', 'contract_asset', 'license_seat']) {
      await expect(app.sql(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only|refused/);
    }
  });

  test('a change made directly in the database is recorded too, as the database role', async () => {
    const id = (await newLaptop('Changed behind our back')).data.createHardware.asset.id;
    await app.sql(`UPDATE asset SET name = 'Renamed in psql' WHERE id = $1`, [keyOf(id)]);
    const [row] = await app.sql(`SELECT actor, action, changes, request_id FROM audit_entry WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`, [keyOf(id)]);
    expect(row).toMatchObject({ actor: 'database:postgres', action: 'sql.update', request_id: null });
    expect(row.changes.name).toEqual({ before: 'Changed behind our back', after: 'Renamed in psql' });
  });
});
