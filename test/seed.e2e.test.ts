import { execFile } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { toGlobalId } from '../src/common/global-id';
import { KIND_TYPENAME, type AssetKind } from '../src/modules/assets/asset.enums';
import { TABLE_ORDER } from '../src/cli/seed/tables';
import { createTestDatabase, dropTestDatabase, urlFor } from './support/test-db';
import { ok, Role, startTestApp, type TestApp } from './support/test-app';

/**
 * `npm run seed` as a user runs it (a child process), into databases copied from the
 * migrated template; then the service, started on the seeded database, is asked
 * what an admin would look at.
 */

const ROOT = path.resolve(__dirname, '..');
const TODAY = new Date().toISOString().slice(0, 10);
const ARGS = ['--scale', '60', '--seed', 'jest', '--today', TODAY];
const KINDS = Object.keys(KIND_TYPENAME) as AssetKind[];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runSeed(database: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli/seed.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: urlFor(database), NODE_ENV: 'test' }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** One md5 per seeded table (rows in text form, in a fixed order), plus the tag sequences and the audit log. */
async function digests(database: string): Promise<Record<string, string | null>> {
  const c = new Client({ connectionString: urlFor(database) });
  await c.connect();
  try {
    const out: Record<string, string | null> = {};
    for (const t of [...TABLE_ORDER, 'audit_entry']) {
      out[t] = (await c.query(`SELECT md5(string_agg(x::text, E'\\n' ORDER BY x::text)) AS d FROM "${t}" x`)).rows[0].d;
    }
    out.sequences = (await c.query(`SELECT string_agg(sequencename || '=' || COALESCE(last_value, 0), ',' ORDER BY sequencename) AS d FROM pg_sequences WHERE sequencename LIKE 'asset_tag_seq_%'`)).rows[0].d;
    return out;
  } finally {
    await c.end();
  }
}

let app: TestApp;
let twin: string;
let other: string;

beforeAll(async () => {
  app = await startTestApp();
  twin = await createTestDatabase();
  other = await createTestDatabase();
  const runs = await Promise.all([runSeed(app.database, ARGS), runSeed(twin, ARGS), runSeed(other, ['--scale', '60', '--seed', 'another', '--today', TODAY])]);
  for (const r of runs) if (r.code !== 0) throw new Error(`seed failed (${r.code}): ${r.stderr}\n${r.stdout}`);
}, 240_000);

afterAll(async () => {
  await app?.close();
  if (twin) await dropTestDatabase(twin);
  if (other) await dropTestDatabase(other);
});

describe('npm run seed', () => {
  test('fills every kind, with people, places, vendors and contracts around them', async () => {
    const d = ok(await app.gql(`{
      inventorySummary { total byKind { kind count } byStatus { status count } }
      people(first: 1) { totalCount }
      locations(first: 100) { totalCount nodes { kind } }
      recyclers: vendors(first: 50, role: RECYCLER) { nodes { name certifications } }
      vendors(first: 1) { totalCount }
      contracts(first: 1) { totalCount }
      departments(first: 1) { totalCount }
    }`));
    expect(d.inventorySummary.total).toBe(60);
    const byKind = Object.fromEntries(d.inventorySummary.byKind.map((k: { kind: string; count: number }) => [k.kind, k.count]));
    for (const k of KINDS) expect(byKind[k]).toBeGreaterThanOrEqual(3);
    const statuses = d.inventorySummary.byStatus.filter((s: { count: number }) => s.count > 0).map((s: { status: string }) => s.status);
    expect(statuses).toEqual(expect.arrayContaining(['ORDERED', 'IN_STOCK', 'IN_USE', 'IN_MAINTENANCE', 'RETIRED', 'DISPOSED', 'LOST']));
    expect(d.people.totalCount).toBeGreaterThanOrEqual(20);
    expect(d.departments.totalCount).toBeGreaterThanOrEqual(12);
    expect(d.contracts.totalCount).toBe(30);
    expect(new Set(d.locations.nodes.map((l: { kind: string }) => l.kind))).toEqual(new Set(['SITE', 'BUILDING', 'FLOOR', 'ROOM', 'DATACENTER', 'RACK', 'WAREHOUSE']));
    expect(d.recyclers.nodes.some((v: { certifications: string[] }) => v.certifications.includes('R2') && v.certifications.includes('E_STEWARDS'))).toBe(true);
    // Every table has rows, and the hierarchy is a tree: every parent is there.
    for (const t of TABLE_ORDER) expect([t, (await app.sql(`SELECT count(*)::int AS n FROM "${t}"`))[0].n]).not.toEqual([t, 0]);
    expect((await app.sql(`SELECT count(*)::int AS n FROM location WHERE parent_id IS NULL AND kind <> 'SITE'`))[0].n).toBe(0);
  });

  test('the same scale, seed and date give identical rows; another seed gives other rows', async () => {
    const [a, b, c] = await Promise.all([digests(app.database), digests(twin), digests(other)]);
    expect(a).toEqual(b);
    for (const t of TABLE_ORDER) expect(a[t]).toMatch(/^[0-9a-f]{32}$/);
    expect(c.asset).not.toEqual(a.asset);
    expect(c.custody_event).not.toEqual(a.custody_event);
  });

  test('every custody chain verifies through the API and the asset rows agree with their last event', async () => {
    const withEvents = await app.sql<{ id: string; kind: AssetKind; n: number }>(`SELECT id, kind, custody_sequence AS n FROM asset WHERE custody_sequence > 0 ORDER BY id`);
    expect(withEvents.length).toBeGreaterThan(20);
    expect(withEvents.some((a) => a.n >= 6)).toBe(true);
    for (let i = 0; i < withEvents.length; i += 25) {
      const batch = withEvents.slice(i, i + 25);
      const q = `{ ${batch.map((a, j) => `a${j}: verifyCustodyChain(assetId: "${toGlobalId(KIND_TYPENAME[a.kind], a.id)}") { intact events brokenAtSequence }`).join(' ')} }`;
      const d = ok(await app.gql(q));
      batch.forEach((a, j) => expect([a.id, d[`a${j}`]]).toEqual([a.id, { intact: true, events: a.n, brokenAtSequence: null }]));
    }
    // Custodian, check-out time and return date are those the last hand-over left.
    const [row] = await app.sql(`
      WITH last AS (SELECT DISTINCT ON (asset_id) * FROM custody_event ORDER BY asset_id, sequence DESC),
           handover AS (SELECT DISTINCT ON (asset_id) * FROM custody_event WHERE type IN ('CHECK_OUT', 'TRANSFER') ORDER BY asset_id, sequence DESC)
      SELECT
        (SELECT count(*)::int FROM asset a JOIN last l ON l.asset_id = a.id
          WHERE a.custodian_type IS DISTINCT FROM l.holder_type OR a.custodian_id IS DISTINCT FROM l.holder_id) AS custodian,
        (SELECT count(*)::int FROM asset a JOIN handover h ON h.asset_id = a.id
          WHERE a.status = 'IN_USE' AND (a.checked_out_at IS DISTINCT FROM h.occurred_at OR a.expected_return_on IS DISTINCT FROM h.expected_return_on)) AS handover,
        (SELECT count(*)::int FROM asset WHERE kind IN ('HARDWARE', 'NETWORK_DEVICE') AND status = 'IN_USE' AND custodian_id IS NULL) AS holderless,
        (SELECT count(*)::int FROM asset WHERE status <> 'IN_USE' AND (checked_out_at IS NOT NULL OR expected_return_on IS NOT NULL)) AS stale,
        (SELECT count(*)::int FROM custody_event e JOIN custody_event f ON f.asset_id = e.asset_id AND f.sequence = e.sequence + 1 WHERE f.occurred_at <= e.occurred_at) AS unordered,
        (SELECT count(*)::int FROM custody_event WHERE occurred_at >= now()) AS future,
        (SELECT count(*)::int FROM custody_event e WHERE (e.holder_type = 'PERSON' AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = e.holder_id))
          OR (e.holder_type = 'DEPARTMENT' AND NOT EXISTS (SELECT 1 FROM department d WHERE d.id = e.holder_id))
          OR (e.holder_type = 'VENDOR' AND NOT EXISTS (SELECT 1 FROM vendor v WHERE v.id = e.holder_id))
          OR (e.to_type = 'LOCATION' AND NOT EXISTS (SELECT 1 FROM location l WHERE l.id = e.to_id))) AS dangling,
        (SELECT count(*)::int FROM asset a WHERE a.last_audited_at IS DISTINCT FROM (SELECT max(audited_at) FROM physical_audit p WHERE p.asset_id = a.id)) AS audited`);
    expect(row).toEqual({ custodian: 0, handover: 0, holderless: 0, stale: 0, unordered: 0, future: 0, dangling: 0, audited: 0 });
  });

  test('seats stay within seatsTotal, except on the one licence that allows over-allocation', async () => {
    const d = ok(await app.gql(`{ assets(first: 100, filter: { kinds: [SOFTWARE_LICENSE] }) { nodes { assetTag status ... on SoftwareLicense {
      seatsTotal seatsUsed allowOverallocation compliance { status } } } } }`));
    const licences = d.assets.nodes as Array<{ assetTag: string; seatsTotal: number; seatsUsed: number; allowOverallocation: boolean; compliance: { status: string } }>;
    const over = licences.filter((l) => l.seatsUsed > l.seatsTotal);
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ allowOverallocation: true, compliance: { status: 'OVER_ALLOCATED' } });
    expect(licences.filter((l) => l.seatsUsed > 0).length).toBeGreaterThan(1);
    const [seats] = await app.sql(`SELECT count(*) FILTER (WHERE released_at IS NULL)::int AS active, count(*) FILTER (WHERE released_at IS NOT NULL)::int AS released FROM license_seat`);
    expect(seats.active).toBeGreaterThan(10);
  });

  test('the expiry radar has something of every kind, and some check-outs are overdue', async () => {
    const d = ok(await app.gql(`{ expiring(withinDays: 30) { kind daysRemaining } overdueCheckouts(first: 10) { totalCount nodes { assetTag } } }`));
    expect(new Set(d.expiring.map((i: { kind: string }) => i.kind))).toEqual(
      new Set(['WARRANTY', 'CONTRACT_END', 'RENEWAL_NOTICE', 'LICENSE', 'CERTIFICATE', 'SUBSCRIPTION', 'RETENTION', 'CHECKOUT_RETURN']),
    );
    expect(d.overdueCheckouts.totalCount).toBeGreaterThanOrEqual(2);
    expect(d.expiring.some((i: { kind: string; daysRemaining: number }) => i.kind === 'CHECKOUT_RETURN' && i.daysRemaining < 0)).toBe(true);
  });

  test('disposals carry their evidence: sanitisation for data-bearing assets, a hand-off to the vendor', async () => {
    const DISPOSAL = `id custodian { __typename ... on Vendor { id } }
      disposal { method vendor { id roles } vendorCertifications dataSanitization { method technique performedBy } }`;
    const d = ok(await app.gql(`{
      all: assets(first: 100, filter: { statuses: [DISPOSED] }) { nodes { ${DISPOSAL} } }
      bearing: assets(first: 100, filter: { statuses: [DISPOSED], dataBearing: true }) { nodes { ${DISPOSAL} } }
    }`));
    const disposed = d.all.nodes;
    expect(disposed.length).toBeGreaterThanOrEqual(4);
    expect(d.bearing.nodes.length).toBeGreaterThan(0);
    for (const a of d.bearing.nodes) expect(a.disposal.dataSanitization).toMatchObject({ method: expect.any(String), performedBy: expect.any(String) });
    for (const a of disposed) {
      expect(a.disposal).not.toBeNull();
      if (a.disposal.vendor) expect(a.custodian).toEqual({ __typename: 'Vendor', id: a.disposal.vendor.id });
      if (a.disposal.method === 'RECYCLE') expect(a.disposal.vendor.roles).toContain('RECYCLER');
    }
    const [h] = await app.sql(`SELECT count(*)::int AS n FROM custody_event WHERE type = 'DISPOSAL_HANDOFF'`);
    expect(h.n).toBe(disposed.filter((a: { disposal: { vendor: unknown } }) => a.disposal.vendor).length);
  });

  test('audits, maintenance and due-for-audit lists have items; a viewer sees the data too', async () => {
    const d = ok(await app.gql(`{ assetsDueForAudit(first: 5) { totalCount } }`, {}, { roles: [Role.VIEWER] }));
    expect(d.assetsDueForAudit.totalCount).toBeGreaterThan(0);
    const [r] = await app.sql(`SELECT (SELECT count(*)::int FROM physical_audit) AS audits, (SELECT count(*)::int FROM physical_audit WHERE discrepancy) AS moves,
      (SELECT count(DISTINCT status)::int FROM maintenance_record) AS maintenance`);
    expect(r.audits).toBeGreaterThan(5);
    expect(r.maintenance).toBeGreaterThanOrEqual(2);
  });

  test('seeded rows write no audit-log entries (the seed is no change made through the API)', async () => {
    expect((await app.sql(`SELECT count(*)::int AS n FROM audit_entry`))[0].n).toBe(0);
  });

  test('a database with data is refused, and --reset drops the schema and seeds it again, identically', async () => {
    const before = await digests(twin);
    const refused = await runSeed(twin, ARGS);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds data/);
    expect(await digests(twin)).toEqual(before);
    const reset = await runSeed(twin, [...ARGS, '--reset']);
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    expect(await digests(twin)).toEqual(before);
  }, 120_000);

  test('bad arguments are refused with the usage, and nothing is written', async () => {
    const before = await digests(other);
    const r = await runSeed(other, ['--scale', '10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--scale must be a whole number from 50/);
    expect(r.stderr).toMatch(/Usage: npm run seed/);
    expect(await digests(other)).toEqual(before);
  }, 60_000);

  test('generated tags continue after the seeded ones', async () => {
    const [{ n }] = await app.sql(`SELECT count(*)::int AS n FROM asset WHERE kind = 'HARDWARE'`);
    const d = ok(await app.gql(`mutation { createHardware(input: { name: "New laptop", category: LAPTOP }) { asset { assetTag } userErrors { message } } }`));
    expect(d.createHardware).toEqual({ asset: { assetTag: `HW-${String(n + 1).padStart(6, '0')}` }, userErrors: [] });
  });
});
