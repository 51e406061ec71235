/**
 * Keyset pagination and AssetFilter, end to end over HTTP.
 *
 * 250 assets are inserted straight into the table (one statement), with deliberate ties in
 * every sort key so that only the ID can break them, NULL expiry dates, sub-millisecond
 * timestamps, a 4-level location tree and traps for the filters (LIKE wildcards in names,
 * `data_bearing`/`service_model` set on kinds where they must not count). Every expected
 * order is computed by PostgreSQL directly; every expected filter result is computed in JS
 * from the seed.
 */
import crypto from 'node:crypto';
import { fromGlobalId, toGlobalId } from '../src/common/global-id';
import { ok, startTestApp, type GqlResult, type TestApp } from './support/test-app';

jest.setTimeout(180_000);

let app: TestApp;

// ------------------------------------------------------------------------------ seed model

type Kind = 'HARDWARE' | 'SOFTWARE_LICENSE' | 'NETWORK_DEVICE' | 'CLOUD_RESOURCE' | 'VIRTUAL_MACHINE' | 'DATA_ASSET' | 'CERTIFICATE';
const KINDS: Kind[] = ['HARDWARE', 'SOFTWARE_LICENSE', 'NETWORK_DEVICE', 'CLOUD_RESOURCE', 'VIRTUAL_MACHINE', 'DATA_ASSET', 'CERTIFICATE'];
const PREFIX: Record<Kind, string> = {
  HARDWARE: 'HW', SOFTWARE_LICENSE: 'SW', NETWORK_DEVICE: 'NET', CLOUD_RESOURCE: 'CLD', VIRTUAL_MACHINE: 'VM', DATA_ASSET: 'DATA', CERTIFICATE: 'CERT',
};
const STATUSES = ['ORDERED', 'IN_STOCK', 'IN_USE', 'IN_MAINTENANCE', 'RETIRED', 'DISPOSED', 'LOST'];
const TAG_POOL = ['prod', 'dev', 'critical', 'eu', 'us', 'legacy'];
// Duplicates and case variants on purpose: ties on NAME are frequent.
const NAMES = [
  'Laptop Pro 14', 'laptop pro 14', 'Laptop Pro 14', 'Core Switch', 'Edge Router', 'Web VM', 'Customer DB', 'TLS cert',
  'Office Suite', 'Build Server', 'Backup Vault', 'Zebra Printer', 'alpha', 'Alpha', 'ALPHA', 'Laptop Air',
];
const N_ASSETS = 250;
const SERVICE_MODELS = ['IAAS', 'PAAS', 'SAAS'];

interface SeedAsset {
  i: number;
  id: string;
  kind: Kind;
  assetTag: string;
  name: string;
  status: string;
  tags: string[];
  locationId: string | null;
  departmentId: string | null;
  expiresOn: string | null;
  warrantyEndsOn: string | null;
  serialNumber: string | null;
  /** Column value, whatever the kind (set on some non-hardware rows as a trap). */
  dataBearingColumn: boolean | null;
  serviceModel: string | null;
  createdAt: string;
  updatedAt: string;
  /** updated_at in microseconds since the epoch, for exact comparisons. */
  updatedMicros: number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const addDays = (ymd: string, days: number): string => isoDate(new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000));
const addMonths = (ymd: string, months: number): string => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return isoDate(d);
};
const micros = (iso: string): number => {
  // iso: YYYY-MM-DDTHH:MM:SS.ffffffZ
  const m = /^(.*T\d\d:\d\d:\d\d)\.(\d{6})Z$/.exec(iso);
  if (!m) throw new Error(`bad timestamp ${iso}`);
  return Date.parse(`${m[1]}Z`) * 1000 + Number(m[2]);
};

/** The contract's definition of data-bearing, written independently of the service. */
const isDataBearing = (a: SeedAsset): boolean =>
  a.kind === 'NETWORK_DEVICE' || a.kind === 'VIRTUAL_MACHINE' || a.kind === 'DATA_ASSET' ||
  (a.kind === 'HARDWARE' && a.dataBearingColumn === true) ||
  (a.kind === 'CLOUD_RESOURCE' && (a.serviceModel === 'IAAS' || a.serviceModel === 'PAAS'));

// Location tree: two sites; site → building → floor → room (so a site has descendants three levels down).
interface Loc { key: string; id: string; name: string; kind: string; parent: string | null }
const LOCATION_TREE: Array<Omit<Loc, 'id'>> = [
  { key: 'S1', name: 'Site One', kind: 'SITE', parent: null },
  { key: 'B1a', name: 'Building A', kind: 'BUILDING', parent: 'S1' },
  { key: 'B1b', name: 'Building B', kind: 'BUILDING', parent: 'S1' },
  { key: 'F1a1', name: 'Floor 1', kind: 'FLOOR', parent: 'B1a' },
  { key: 'F1a2', name: 'Floor 2', kind: 'FLOOR', parent: 'B1a' },
  { key: 'F1b1', name: 'Floor 1', kind: 'FLOOR', parent: 'B1b' },
  { key: 'R1a1x', name: 'Room X', kind: 'ROOM', parent: 'F1a1' },
  { key: 'S2', name: 'Site Two', kind: 'SITE', parent: null },
  { key: 'B2a', name: 'Building A', kind: 'BUILDING', parent: 'S2' },
  { key: 'F2a1', name: 'Floor 1', kind: 'FLOOR', parent: 'B2a' },
  { key: 'EMPTY', name: 'Empty Site', kind: 'SITE', parent: null },
];
const loc: Record<string, Loc> = {};
/** All location keys at or below `key` (computed from the tree definition, not from SQL). */
const subtree = (key: string): Set<string> => {
  const ids = new Set<string>([loc[key].id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const l of Object.values(loc)) {
      if (l.parent && ids.has(loc[l.parent].id) && !ids.has(l.id)) {
        ids.add(l.id);
        grew = true;
      }
    }
  }
  return ids;
};

const departmentIds: string[] = [];
const assets: SeedAsset[] = [];
const byId = new Map<string, SeedAsset>();

// Special names for the search tests (index → name); the LIKE wildcards must be literal.
const SPECIAL_NAMES: Record<number, string> = {
  5: '50% Discount Monitor',
  12: '50x Discount Monitor',
  19: '500 Series Monitor',
  26: '50_off Banner',
  33: 'Rack_A Switch',
  40: 'RackBA Switch',
  47: 'C:\\Temp Disk',
  54: 'C:xTemp Disk',
};

function buildAssets(): void {
  const locOrder = ['S1', 'B1a', 'B1b', 'F1a1', 'F1a2', 'F1b1', 'R1a1x', 'S2', 'B2a', 'F2a1'];
  for (let i = 0; i < N_ASSETS; i++) {
    const kind = KINDS[i % KINDS.length];
    const hasSerial = kind === 'HARDWARE' || kind === 'NETWORK_DEVICE' || kind === 'CERTIFICATE';
    const createdMinute = (i * 7) % 50;
    const createdFrac = ['000000', '123456', '999999'][i % 3];
    const updatedHour = (i * 11) % 40;
    const updatedFrac = i % 4 === 0 ? '000000' : '000500';
    const createdAt = `2024-03-01T08:${pad(createdMinute)}:00.${createdFrac}Z`;
    const updatedAt = `2024-06-${pad(1 + Math.floor(updatedHour / 24))}T${pad(updatedHour % 24)}:00:00.${updatedFrac}Z`;
    const a: SeedAsset = {
      i,
      id: crypto.randomUUID(),
      kind,
      assetTag: `${PREFIX[kind]}-${pad(i, 5)}`,
      name: SPECIAL_NAMES[i] ?? NAMES[(i * 7) % NAMES.length],
      status: STATUSES[(i * 3 + (i >> 2)) % STATUSES.length],
      tags: TAG_POOL.filter((_, b) => (((i * 37 + 11) >> b) & 1) === 1),
      locationId: i % 11 === 0 ? null : loc[locOrder[i % locOrder.length]].id,
      departmentId: i % 6 === 0 ? null : departmentIds[i % 5],
      expiresOn: i % 5 === 0 ? null : addDays('2025-01-01', (i * 13) % 30),
      warrantyEndsOn: i % 4 === 1 ? null : addMonths('2024-01-15', (i * 17) % 24),
      serialNumber: hasSerial ? `SN-${pad(i, 4)}${i % 2 ? 'q' : 'Q'}` : null,
      dataBearingColumn: kind === 'HARDWARE' ? i % 3 !== 0 : kind === 'SOFTWARE_LICENSE' && i % 2 === 0 ? true : null,
      serviceModel: kind === 'CLOUD_RESOURCE' ? SERVICE_MODELS[Math.floor(i / 7) % 3] : kind === 'CERTIFICATE' && i % 2 === 0 ? 'IAAS' : null,
      createdAt,
      updatedAt,
      updatedMicros: micros(updatedAt),
    };
    assets.push(a);
    byId.set(a.id, a);
  }
}

async function seed(): Promise<void> {
  // Locations (tree) and 45 departments.
  for (const l of LOCATION_TREE) loc[l.key] = { ...l, id: crypto.randomUUID() };
  for (const l of LOCATION_TREE) {
    await app.sql(`INSERT INTO location (id, name, code, kind, parent_id) VALUES ($1, $2, $3, $4, $5)`,
      [loc[l.key].id, l.name, `LOC-${l.key}`, l.kind, l.parent ? loc[l.parent].id : null]);
  }
  const deptNames = ['Finance', 'IT', 'Operations', 'finance', 'Legal', 'IT'];
  const depts = Array.from({ length: 45 }, (_, i) => ({ id: crypto.randomUUID(), name: deptNames[i % deptNames.length], code: `D${pad(i, 3)}` }));
  await app.sql(
    `INSERT INTO department (id, name, code) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, name varchar, code varchar)`,
    [JSON.stringify(depts)],
  );
  departmentIds.push(...depts.slice(0, 5).map((d) => d.id));

  buildAssets();
  const rows = assets.map((a) => ({
    id: a.id,
    kind: a.kind,
    asset_tag: a.assetTag,
    name: a.name,
    status: a.status,
    tags: a.tags,
    location_id: a.locationId,
    department_id: a.departmentId,
    expires_on: a.expiresOn,
    warranty_ends_on: a.warrantyEndsOn,
    serial_number: a.serialNumber,
    hw_category: a.kind === 'HARDWARE' ? 'LAPTOP' : null,
    data_bearing: a.dataBearingColumn,
    product: a.kind === 'SOFTWARE_LICENSE' ? 'Product' : null,
    license_type: a.kind === 'SOFTWARE_LICENSE' ? 'SUBSCRIPTION' : null,
    license_metric: a.kind === 'SOFTWARE_LICENSE' ? 'PER_USER' : null,
    seats_total: a.kind === 'SOFTWARE_LICENSE' ? 10 : null,
    allow_overallocation: a.kind === 'SOFTWARE_LICENSE' ? false : null,
    device_type: a.kind === 'NETWORK_DEVICE' ? 'SWITCH' : null,
    cloud_provider: a.kind === 'CLOUD_RESOURCE' ? 'AWS' : null,
    service_model: a.serviceModel,
    resource_type: a.kind === 'CLOUD_RESOURCE' ? 'ec2' : null,
    hypervisor: a.kind === 'VIRTUAL_MACHINE' ? 'KVM' : null,
    vcpus: a.kind === 'VIRTUAL_MACHINE' ? 2 : null,
    memory_mib: a.kind === 'VIRTUAL_MACHINE' ? 2048 : null,
    power_state: a.kind === 'VIRTUAL_MACHINE' ? 'RUNNING' : null,
    ip_addresses: a.kind === 'VIRTUAL_MACHINE' ? ['10.0.0.1'] : null,
    classification: a.kind === 'DATA_ASSET' ? 'INTERNAL' : null,
    data_category: a.kind === 'DATA_ASSET' ? 'DATABASE' : null,
    contains_personal_data: a.kind === 'DATA_ASSET' ? false : null,
    common_name: a.kind === 'CERTIFICATE' ? `host${a.i}.example.com` : null,
    subject_alt_names: a.kind === 'CERTIFICATE' ? [] : null,
    not_after: a.kind === 'CERTIFICATE' ? '2026-01-01T00:00:00Z' : null,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  }));
  const cols = Object.keys(rows[0]);
  const types: Record<string, string> = {
    id: 'uuid', tags: 'varchar[]', location_id: 'uuid', department_id: 'uuid', expires_on: 'date', warranty_ends_on: 'date',
    data_bearing: 'boolean', seats_total: 'int', allow_overallocation: 'boolean', vcpus: 'int', memory_mib: 'int',
    ip_addresses: 'inet[]', contains_personal_data: 'boolean', subject_alt_names: 'varchar[]', not_after: 'timestamptz',
    created_at: 'timestamptz', updated_at: 'timestamptz',
  };
  await app.sql(
    `INSERT INTO asset (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${cols.map((c) => `${c} ${types[c] ?? 'varchar'}`).join(', ')})`,
    [JSON.stringify(rows)],
  );
}

// ------------------------------------------------------------------------------ helpers

const PAGE_QUERY = `
  query Page($filter: AssetFilter, $orderBy: AssetOrder, $first: Int, $after: String, $last: Int, $before: String) {
    assets(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { id } }
      nodes { id }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; node: { id: string } }>;
  nodes: Array<{ id: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const keyOfId = (globalId: string): string => {
  const d = fromGlobalId(globalId);
  if (!d) throw new Error(`not a global ID: ${globalId}`);
  return d.key;
};

/** Checks what every page must satisfy: nodes = edges' nodes, start/end cursors = first/last edge's. */
function checkPageShape(p: Page, max: number): string[] {
  expect(p.edges.length).toBeLessThanOrEqual(max);
  expect(p.nodes.map((n) => n.id)).toEqual(p.edges.map((e) => e.node.id));
  expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
  expect(p.pageInfo.endCursor).toBe(p.edges[p.edges.length - 1]?.cursor ?? null);
  return p.edges.map((e) => keyOfId(e.node.id));
}

type ListQuery = (vars: Record<string, unknown>) => Promise<Page>;

const assetPages = (filter?: Record<string, unknown>, orderBy?: Record<string, unknown>): ListQuery => async (vars) =>
  ok(await app.gql<{ assets: Page }>(PAGE_QUERY, { filter, orderBy, ...vars })).assets;

/**
 * Walks the whole list forward (first/after) and backward (last/before), checking the
 * page flags on the way, and returns both id sequences in list order.
 */
async function walk(query: ListQuery, size: number, expectedTotal: number): Promise<{ forward: string[]; backward: string[] }> {
  const maxPages = Math.ceil(expectedTotal / size) + 2;
  const forward: string[] = [];
  let after: string | null = null;
  for (let n = 0; ; n++) {
    if (n > maxPages) throw new Error('forward walk does not end');
    const p = await query({ first: size, after });
    expect(p.totalCount).toBe(expectedTotal);
    const ids = checkPageShape(p, size);
    forward.push(...ids);
    // hasPreviousPage is false on the first page only; hasNextPage true until the last.
    expect(p.pageInfo.hasPreviousPage).toBe(n > 0);
    if (!p.pageInfo.hasNextPage) {
      expect(forward.length).toBe(expectedTotal);
      break;
    }
    expect(ids.length).toBe(size); // a non-last page is full
    after = p.pageInfo.endCursor;
  }
  const backward: string[] = [];
  let before: string | null = null;
  for (let n = 0; ; n++) {
    if (n > maxPages) throw new Error('backward walk does not end');
    const p = await query({ last: size, before });
    expect(p.totalCount).toBe(expectedTotal);
    const ids = checkPageShape(p, size);
    backward.unshift(...ids);
    expect(p.pageInfo.hasNextPage).toBe(n > 0);
    if (!p.pageInfo.hasPreviousPage) {
      expect(backward.length).toBe(expectedTotal);
      break;
    }
    expect(ids.length).toBe(size);
    before = p.pageInfo.startCursor;
  }
  return { forward, backward };
}

function expectSameSequence(actual: string[], expected: string[]): void {
  expect(new Set(actual).size).toBe(actual.length); // no duplicates
  expect(actual.length).toBe(expected.length); // no gaps
  expect(actual).toEqual(expected); // and the exact order
}

/** Expected order of the given rows (all when ids is null), computed by PostgreSQL. */
async function sqlOrder(field: string, direction: 'ASC' | 'DESC', ids: string[] | null = null): Promise<string[]> {
  const column: Record<string, string> = {
    ASSET_TAG: 'asset_tag', NAME: 'name', CREATED_AT: 'created_at', UPDATED_AT: 'updated_at', EXPIRES_ON: 'expires_on',
  };
  const rows = await app.sql<{ id: string }>(
    `SELECT id FROM asset ${ids ? 'WHERE id = ANY($1::uuid[])' : ''}
      ORDER BY ${column[field]} ${direction} NULLS LAST, id ${direction}`,
    ids ? [ids] : [],
  );
  return rows.map((r) => r.id);
}

/** Every id of a filtered list, with its totalCount, read in pages of 100 (ASSET_TAG order). */
async function collect(filter: Record<string, unknown>): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let n = 0; n < 10; n++) {
    const p = await assetPages(filter)({ first: 100, after });
    totalCount = p.totalCount;
    ids.push(...checkPageShape(p, 100));
    if (!p.pageInfo.hasNextPage) return { ids, totalCount };
    after = p.pageInfo.endCursor;
  }
  throw new Error('collect does not end');
}

async function expectFilter(filter: Record<string, unknown>, predicate: (a: SeedAsset) => boolean): Promise<string[]> {
  const expected = assets.filter(predicate).map((a) => a.id);
  const { ids, totalCount } = await collect(filter);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual([...expected].sort());
  expect(totalCount).toBe(expected.length);
  // ... and in the default order (asset tag, then id), as PostgreSQL sorts them.
  expect(ids).toEqual(await sqlOrder('ASSET_TAG', 'ASC', expected));
  return expected;
}

/** A query that must fail with `code` in errors[0], never with an HTTP 500. */
function expectError(res: GqlResult, code: string): void {
  expect(res.status).not.toBe(500);
  expect(res.body.errors?.length).toBeGreaterThan(0);
  expect(res.body.errors?.[0].extensions?.code).toBe(code);
  expect(JSON.stringify(res.body)).not.toContain('INTERNAL_SERVER_ERROR');
}

const encode = (v: unknown): string => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

// ------------------------------------------------------------------------------ setup

beforeAll(async () => {
  app = await startTestApp();
  await seed();
});
afterAll(async () => {
  await app?.close();
});

test('the seed has the ties and gaps the tests rely on', async () => {
  const [row] = await app.sql<{ n: number; names: number; created: number; updated: number; expires: number; nulls: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT name)::int AS names, count(DISTINCT created_at)::int AS created,
            count(DISTINCT updated_at)::int AS updated, count(DISTINCT expires_on)::int AS expires,
            count(*) FILTER (WHERE expires_on IS NULL)::int AS nulls FROM asset`,
  );
  expect(row.n).toBe(N_ASSETS);
  expect(row.names).toBeLessThan(N_ASSETS / 5);
  expect(row.created).toBeLessThan(N_ASSETS);
  expect(row.updated).toBeLessThan(N_ASSETS);
  expect(row.expires).toBeLessThan(N_ASSETS / 5);
  expect(row.nulls).toBeGreaterThan(20);
});

// ------------------------------------------------------------------------------ 1. orders

describe.each(['ASSET_TAG', 'NAME', 'CREATED_AT', 'UPDATED_AT', 'EXPIRES_ON'])('orderBy %s', (field) => {
  test.each(['ASC', 'DESC'] as const)('%s: forward and backward walks in pages of 17 give the whole list in order', async (direction) => {
    const expected = await sqlOrder(field, direction);
    expect(expected).toHaveLength(N_ASSETS);
    const { forward, backward } = await walk(assetPages(undefined, { field, direction }), 17, N_ASSETS);
    expectSameSequence(forward, expected);
    expectSameSequence(backward, expected);
  });

  test('mixed: first/after and last/before around a cursor from the middle', async () => {
    const expected = await sqlOrder(field, 'DESC');
    const q = assetPages(undefined, { field, direction: 'DESC' });
    const p1 = await q({ first: 60 });
    const mid = p1.edges[49]; // the 50th item
    expect(keyOfId(mid.node.id)).toBe(expected[49]);
    const next = await q({ first: 10, after: mid.cursor });
    expect(checkPageShape(next, 10)).toEqual(expected.slice(50, 60));
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    expect(next.pageInfo.hasNextPage).toBe(true);
    const prev = await q({ last: 10, before: mid.cursor });
    expect(checkPageShape(prev, 10)).toEqual(expected.slice(39, 49));
    expect(prev.pageInfo.hasNextPage).toBe(true);
    expect(prev.pageInfo.hasPreviousPage).toBe(true);
    // last: 10 before the 5th item: only 4 items exist, and nothing before them.
    const head = await q({ last: 10, before: p1.edges[4].cursor });
    expect(checkPageShape(head, 10)).toEqual(expected.slice(0, 4));
    expect(head.pageInfo.hasPreviousPage).toBe(false);
  });
});

test('default order is ASSET_TAG ASC, and default page size is 20', async () => {
  const p = await assetPages()({});
  expect(checkPageShape(p, 20)).toEqual((await sqlOrder('ASSET_TAG', 'ASC')).slice(0, 20));
  expect(p.pageInfo.hasNextPage).toBe(true);
  expect(p.totalCount).toBe(N_ASSETS);
});

test('EXPIRES_ON puts assets without an expiry date last in both directions', async () => {
  for (const direction of ['ASC', 'DESC']) {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p = await assetPages(undefined, { field: 'EXPIRES_ON', direction })({ first: 100, after });
      ids.push(...checkPageShape(p, 100));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    const nulls = assets.filter((a) => a.expiresOn == null).length;
    expect(ids.slice(-nulls).every((id) => byId.get(id)?.expiresOn == null)).toBe(true);
    expect(ids.slice(0, ids.length - nulls).every((id) => byId.get(id)?.expiresOn != null)).toBe(true);
  }
});

// ------------------------------------------------------------------------------ 2. filters

describe('AssetFilter', () => {
  test('kinds', async () => {
    const e = await expectFilter({ kinds: ['HARDWARE', 'CLOUD_RESOURCE'] }, (a) => a.kind === 'HARDWARE' || a.kind === 'CLOUD_RESOURCE');
    expect(e.length).toBeGreaterThan(50);
    await expectFilter({ kinds: ['CERTIFICATE'] }, (a) => a.kind === 'CERTIFICATE');
  });

  test('statuses', async () => {
    const e = await expectFilter({ statuses: ['IN_USE', 'RETIRED'] }, (a) => a.status === 'IN_USE' || a.status === 'RETIRED');
    expect(e.length).toBeGreaterThan(30);
  });

  test('locationId includes every location below it (down to three levels)', async () => {
    for (const key of ['S1', 'B1a', 'F1a1', 'R1a1x', 'S2']) {
      const within = subtree(key);
      const e = await expectFilter({ locationId: toGlobalId('Location', loc[key].id) }, (a) => a.locationId != null && within.has(a.locationId));
      expect(e.length).toBeGreaterThan(0);
    }
    // A site's list really reaches the floors and the room, not only its direct children.
    const siteIds = new Set((await collect({ locationId: toGlobalId('Location', loc.S1.id) })).ids);
    for (const deep of ['F1a1', 'F1a2', 'F1b1', 'R1a1x']) {
      expect(assets.some((a) => a.locationId === loc[deep].id && siteIds.has(a.id))).toBe(true);
    }
    // A location with no assets, and a well-formed ID of no location: empty lists.
    await expectFilter({ locationId: toGlobalId('Location', loc.EMPTY.id) }, () => false);
    await expectFilter({ locationId: toGlobalId('Location', crypto.randomUUID()) }, () => false);
  });

  test('departmentId', async () => {
    for (const d of departmentIds.slice(0, 2)) {
      const e = await expectFilter({ departmentId: toGlobalId('Department', d) }, (a) => a.departmentId === d);
      expect(e.length).toBeGreaterThan(20);
    }
  });

  describe('search', () => {
    const prefixOf = (s: string) => (a: SeedAsset): boolean => {
      const q = s.trim().toLowerCase();
      return [a.assetTag, a.name, a.serialNumber].some((v) => v != null && v.toLowerCase().startsWith(q));
    };

    test('prefix of the asset tag, case-insensitive', async () => {
      const e = await expectFilter({ search: 'hw-001' }, prefixOf('hw-001'));
      expect(e.length).toBeGreaterThan(5);
      expect(e.every((id) => byId.get(id)?.assetTag.startsWith('HW-001'))).toBe(true);
      await expectFilter({ search: 'CERT-0' }, prefixOf('CERT-0'));
    });

    test('prefix of the name, case-insensitive, surrounding spaces ignored', async () => {
      const e = await expectFilter({ search: 'LAPTOP p' }, prefixOf('laptop p'));
      expect(e.length).toBeGreaterThan(30);
      expect(new Set(e.map((id) => byId.get(id)?.name)).size).toBe(2); // 'Laptop Pro 14' and 'laptop pro 14'
      await expectFilter({ search: '  alpha ' }, prefixOf('alpha'));
    });

    test('prefix of the serial number, case-insensitive', async () => {
      const e = await expectFilter({ search: 'sn-01' }, prefixOf('sn-01'));
      expect(e.length).toBeGreaterThan(20);
      expect(e.every((id) => byId.get(id)?.serialNumber?.startsWith('SN-01'))).toBe(true);
      const one = assets.find((a) => a.i > 100 && a.serialNumber?.endsWith('q'));
      expect(one?.serialNumber).toBeDefined();
      await expectFilter({ search: one?.serialNumber?.toUpperCase() }, (a) => a.id === one?.id);
    });

    test('a prefix, not a substring', async () => {
      await expectFilter({ search: 'Discount' }, () => false);
      await expectFilter({ search: 'pro 14' }, () => false);
    });

    test('LIKE wildcards are literal', async () => {
      await expectFilter({ search: '50%' }, (a) => a.i === 5);
      await expectFilter({ search: '50_' }, (a) => a.i === 26);
      await expectFilter({ search: 'rack_a' }, (a) => a.i === 33);
      await expectFilter({ search: '%' }, () => false);
      await expectFilter({ search: '_' }, () => false);
      await expectFilter({ search: 'c:\\t' }, (a) => a.i === 47);
      // The decoys exist and are found by their own prefix.
      await expectFilter({ search: '50' }, (a) => [5, 12, 19, 26].includes(a.i));
    });
  });

  test('tags: all given tags must be present', async () => {
    const e1 = await expectFilter({ tags: ['prod'] }, (a) => a.tags.includes('prod'));
    const e2 = await expectFilter({ tags: ['prod', 'critical'] }, (a) => a.tags.includes('prod') && a.tags.includes('critical'));
    expect(e2.length).toBeGreaterThan(0);
    expect(e2.length).toBeLessThan(e1.length);
    await expectFilter({ tags: ['prod', 'no-such-tag'] }, () => false);
  });

  test('warrantyEndsBefore (exclusive; no warranty never matches)', async () => {
    const e = await expectFilter({ warrantyEndsBefore: '2024-09-15' }, (a) => a.warrantyEndsOn != null && a.warrantyEndsOn < '2024-09-15');
    expect(e.length).toBeGreaterThan(20);
    expect(assets.some((a) => a.warrantyEndsOn === '2024-09-15')).toBe(true); // the boundary is excluded
  });

  test('expiresBefore (exclusive; no expiry never matches)', async () => {
    const e = await expectFilter({ expiresBefore: '2025-01-15' }, (a) => a.expiresOn != null && a.expiresOn < '2025-01-15');
    expect(e.length).toBeGreaterThan(20);
    expect(assets.some((a) => a.expiresOn === '2025-01-15')).toBe(true);
    await expectFilter({ expiresBefore: '9999-12-31' }, (a) => a.expiresOn != null);
  });

  test('updatedSince (inclusive, to the microsecond stored)', async () => {
    const since = '2024-06-01T20:00:00.000Z';
    const sinceMicros = micros('2024-06-01T20:00:00.000000Z');
    expect(assets.some((a) => a.updatedMicros === sinceMicros)).toBe(true); // a row exactly on the boundary
    const e = await expectFilter({ updatedSince: since }, (a) => a.updatedMicros >= sinceMicros);
    expect(e.length).toBeGreaterThan(20);
    expect(e.length).toBeLessThan(N_ASSETS);
  });

  test('dataBearing true and false follow the contract definition', async () => {
    const t = await expectFilter({ dataBearing: true }, isDataBearing);
    const f = await expectFilter({ dataBearing: false }, (a) => !isDataBearing(a));
    expect(t.length + f.length).toBe(N_ASSETS);
    // The traps: a licence with data_bearing set and a certificate with service_model IAAS are not data-bearing.
    expect(f.some((id) => byId.get(id)?.kind === 'SOFTWARE_LICENSE' && byId.get(id)?.dataBearingColumn === true)).toBe(true);
    expect(f.some((id) => byId.get(id)?.kind === 'CERTIFICATE' && byId.get(id)?.serviceModel === 'IAAS')).toBe(true);
    expect(f.some((id) => byId.get(id)?.kind === 'CLOUD_RESOURCE')).toBe(true); // SAAS
    expect(f.some((id) => byId.get(id)?.kind === 'HARDWARE')).toBe(true); // data_bearing false
    expect(t.some((id) => byId.get(id)?.kind === 'HARDWARE')).toBe(true);
  });

  test('several conditions combined', async () => {
    const site = subtree('S1');
    const filter = {
      kinds: ['HARDWARE', 'NETWORK_DEVICE', 'CLOUD_RESOURCE', 'VIRTUAL_MACHINE'],
      statuses: ['ORDERED', 'IN_STOCK', 'IN_USE', 'LOST'],
      locationId: toGlobalId('Location', loc.S1.id),
      dataBearing: true,
      tags: ['prod'],
    };
    const e = await expectFilter(filter, (a) =>
      filter.kinds.includes(a.kind) && filter.statuses.includes(a.status) && a.locationId != null && site.has(a.locationId) &&
      isDataBearing(a) && a.tags.includes('prod'));
    expect(e.length).toBeGreaterThan(0);

    const filter2 = { departmentId: toGlobalId('Department', departmentIds[1]), search: 'laptop', expiresBefore: '2025-01-25', updatedSince: '2024-06-01T05:00:00Z' };
    const e2 = await expectFilter(filter2, (a) =>
      a.departmentId === departmentIds[1] && a.name.toLowerCase().startsWith('laptop') && a.expiresOn != null && a.expiresOn < '2025-01-25' &&
      a.updatedMicros >= micros('2024-06-01T05:00:00.000000Z'));
    expect(e2.length).toBeGreaterThan(0);
  });

  test('pagination under a filter, in every direction', async () => {
    const filter = { kinds: ['HARDWARE', 'SOFTWARE_LICENSE', 'DATA_ASSET'], warrantyEndsBefore: '2025-06-01' };
    const matching = assets.filter((a) => ['HARDWARE', 'SOFTWARE_LICENSE', 'DATA_ASSET'].includes(a.kind) && a.warrantyEndsOn != null && a.warrantyEndsOn < '2025-06-01');
    expect(matching.length).toBeGreaterThan(40);
    for (const [field, direction] of [['NAME', 'DESC'], ['EXPIRES_ON', 'ASC'], ['UPDATED_AT', 'DESC']] as const) {
      const expected = await sqlOrder(field, direction, matching.map((a) => a.id));
      const { forward, backward } = await walk(assetPages(filter, { field, direction }), 7, matching.length);
      expectSameSequence(forward, expected);
      expectSameSequence(backward, expected);
    }
  });

  test('an empty result has empty pageInfo', async () => {
    const p = await assetPages({ search: 'no-such-prefix' })({ first: 5 });
    expect(p.totalCount).toBe(0);
    expect(p.edges).toEqual([]);
    expect(p.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });
});

// ------------------------------------------------------------------------------ 3. bad arguments

describe('bad arguments', () => {
  test('page size over 100 is QUERY_TOO_COMPLEX; 100 is fine', async () => {
    expectError(await app.gql(PAGE_QUERY, { first: 101 }), 'QUERY_TOO_COMPLEX');
    expectError(await app.gql(PAGE_QUERY, { last: 101 }), 'QUERY_TOO_COMPLEX');
    expectError(await app.gql(PAGE_QUERY, { first: 100000 }), 'QUERY_TOO_COMPLEX');
    const p = ok(await app.gql<{ assets: Page }>(PAGE_QUERY, { first: 100 })).assets;
    expect(p.edges).toHaveLength(100);
  });

  test('negative page sizes and first with last are BAD_USER_INPUT', async () => {
    expectError(await app.gql(PAGE_QUERY, { first: -1 }), 'BAD_USER_INPUT');
    expectError(await app.gql(PAGE_QUERY, { last: -1 }), 'BAD_USER_INPUT');
    expectError(await app.gql(PAGE_QUERY, { first: 5, last: 5 }), 'BAD_USER_INPUT');
  });

  test('garbage and forged cursors are BAD_USER_INPUT', async () => {
    const p = ok(await app.gql<{ assets: Page }>(PAGE_QUERY, { first: 1 })).assets;
    const id = keyOfId(p.edges[0].node.id);
    const garbage = [
      'garbage', '', '!!!', 'x'.repeat(2000), encode({ a: 1 }), encode(['asset.ASSET_TAG.ASC', 'HW-00000']),
      encode(['asset.ASSET_TAG.ASC', 'HW-00000', 'not-a-uuid']),
      encode(['asset.ASSET_TAG.ASC', 'HW-00000', '-'.repeat(36)]),
      encode(['asset.ASSET_TAG.ASC', 42, id]),
      Buffer.from('not json', 'utf8').toString('base64url'),
    ];
    for (const cursor of garbage) {
      expectError(await app.gql(PAGE_QUERY, { first: 5, after: cursor }), 'BAD_USER_INPUT');
      expectError(await app.gql(PAGE_QUERY, { last: 5, before: cursor }), 'BAD_USER_INPUT');
    }
    // Right shape, but a key value that is not of the ordering's type.
    for (const [field, value] of [['CREATED_AT', 'not a time'], ['UPDATED_AT', '2024-13-45'], ['EXPIRES_ON', 'soon'], ['EXPIRES_ON', '2024-02-30']] as const) {
      const forged = encode([`asset.${field}.ASC`, value, id]);
      expectError(await app.gql(PAGE_QUERY, { orderBy: { field, direction: 'ASC' }, first: 5, after: forged }), 'BAD_USER_INPUT');
    }
  });

  test('a cursor of another order is BAD_USER_INPUT', async () => {
    const byTag = ok(await app.gql<{ assets: Page }>(PAGE_QUERY, { first: 3 })).assets;
    const byNameDesc = ok(await app.gql<{ assets: Page }>(PAGE_QUERY, { first: 3, orderBy: { field: 'NAME', direction: 'DESC' } })).assets;
    expectError(await app.gql(PAGE_QUERY, { first: 3, after: byTag.pageInfo.endCursor, orderBy: { field: 'NAME', direction: 'ASC' } }), 'BAD_USER_INPUT');
    expectError(await app.gql(PAGE_QUERY, { first: 3, after: byTag.pageInfo.endCursor, orderBy: { field: 'ASSET_TAG', direction: 'DESC' } }), 'BAD_USER_INPUT');
    expectError(await app.gql(PAGE_QUERY, { last: 3, before: byNameDesc.pageInfo.endCursor, orderBy: { field: 'NAME', direction: 'ASC' } }), 'BAD_USER_INPUT');
    expectError(await app.gql(PAGE_QUERY, { last: 3, before: byNameDesc.pageInfo.endCursor }), 'BAD_USER_INPUT');
    for (const field of ['CREATED_AT', 'UPDATED_AT', 'EXPIRES_ON']) {
      expectError(await app.gql(PAGE_QUERY, { first: 3, after: byTag.pageInfo.endCursor, orderBy: { field, direction: 'ASC' } }), 'BAD_USER_INPUT');
    }
    // A cursor of another list (departments) is refused by assets.
    const d = ok(await app.gql<{ departments: { pageInfo: { endCursor: string } } }>(`{ departments(first: 1) { pageInfo { endCursor } } }`));
    expectError(await app.gql(PAGE_QUERY, { first: 3, after: d.departments.pageInfo.endCursor }), 'BAD_USER_INPUT');
    // ... and the right order's cursor still works.
    const again = ok(await app.gql<{ assets: Page }>(PAGE_QUERY, { first: 3, after: byNameDesc.pageInfo.endCursor, orderBy: { field: 'NAME', direction: 'DESC' } })).assets;
    expect(again.edges).toHaveLength(3);
  });

  test('filter IDs of the wrong type are BAD_USER_INPUT', async () => {
    expectError(await app.gql(PAGE_QUERY, { filter: { locationId: toGlobalId('Department', departmentIds[0]) } }), 'BAD_USER_INPUT');
    expectError(await app.gql(PAGE_QUERY, { filter: { locationId: 'not-an-id' } }), 'BAD_USER_INPUT');
    expectError(await app.gql(PAGE_QUERY, { filter: { locationId: loc.S1.id } }), 'BAD_USER_INPUT'); // a raw UUID is not a global ID
    expectError(await app.gql(PAGE_QUERY, { filter: { locationId: '' } }), 'BAD_USER_INPUT');
    expectError(await app.gql(PAGE_QUERY, { filter: { departmentId: toGlobalId('Location', loc.S1.id) } }), 'BAD_USER_INPUT');
  });

  test('oversized search and tag lists are refused, not run', async () => {
    expectError(await app.gql(PAGE_QUERY, { filter: { search: 'a'.repeat(201) } }), 'BAD_USER_INPUT');
    expectError(await app.gql(PAGE_QUERY, { filter: { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) } }), 'BAD_USER_INPUT');
  });
});

// ------------------------------------------------------------------------------ 4. other connections

describe('people, departments, locations and vendors connections', () => {
  beforeAll(async () => {
    const personNames = ['Ann Lee', 'Bob Stone', 'ann lee', 'Zoë Ng', 'Émile Roy', 'Ann Lee', 'carl Berg'];
    const people = Array.from({ length: 45 }, (_, i) => ({
      id: crypto.randomUUID(), display_name: personNames[i % personNames.length], email: `p${i}@example.com`,
      employee_id: i % 3 === 0 ? null : `E${pad(i, 3)}`, department_id: departmentIds[i % 5],
    }));
    await app.sql(
      `INSERT INTO person (id, display_name, email, employee_id, department_id)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, display_name varchar, email varchar, employee_id varchar, department_id uuid)`,
      [JSON.stringify(people)],
    );
    const vendorStems = ['Acme', 'acme', 'Beta', 'Zeta', 'Éclair', 'delta'];
    const vendors = Array.from({ length: 45 }, (_, i) => ({ id: crypto.randomUUID(), name: `${vendorStems[i % vendorStems.length]} ${i}` }));
    await app.sql(`INSERT INTO vendor (id, name) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, name varchar)`, [JSON.stringify(vendors)]);
    const roomNames = ['Room', 'room', 'Hall', 'Closet'];
    const rooms = Array.from({ length: 34 }, (_, i) => ({
      id: crypto.randomUUID(), name: roomNames[i % roomNames.length], kind: 'ROOM', parent_id: loc[i % 2 ? 'F1a2' : 'F2a1'].id,
    }));
    await app.sql(
      `INSERT INTO location (id, name, kind, parent_id) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, name varchar, kind varchar, parent_id uuid)`,
      [JSON.stringify(rooms)],
    );
  });

  const lists: Array<[string, string, string]> = [
    ['people', 'person', 'display_name'],
    ['departments', 'department', 'name'],
    ['locations', 'location', 'name'],
    ['vendors', 'vendor', 'name'],
  ];

  test.each(lists)('%s: forward and backward in pages of 7, without gaps, in name order', async (root, table, column) => {
    const expected = (await app.sql<{ id: string }>(`SELECT id FROM ${table} ORDER BY ${column}, id`)).map((r) => r.id);
    expect(expected.length).toBeGreaterThanOrEqual(45);
    const query = `query($first: Int, $after: String, $last: Int, $before: String) {
      list: ${root}(first: $first, after: $after, last: $last, before: $before) {
        totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      } }`;
    const pages: ListQuery = async (vars) => ok(await app.gql<{ list: Page }>(query, vars)).list;
    const { forward, backward } = await walk(pages, 7, expected.length);
    expectSameSequence(forward, expected);
    expectSameSequence(backward, expected);
    // Bad arguments are refused the same way as on assets.
    expectError(await app.gql(query, { first: 101 }), 'QUERY_TOO_COMPLEX');
    expectError(await app.gql(query, { first: 1, last: 1 }), 'BAD_USER_INPUT');
    expectError(await app.gql(query, { first: 1, after: 'garbage' }), 'BAD_USER_INPUT');
  });
});
