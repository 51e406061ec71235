import 'reflect-metadata';
import { assetFilterSql, assetOrder, AssetOrderField, OrderDirection, type AssetFilter } from '../src/modules/assets/asset.filter';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Every AssetFilter field (and every ordering) can be served by an index: with
 * sequential scans priced out (`enable_seqscan = off`), the plan of the exact SQL
 * the service builds for that filter alone must not scan the asset table. An
 * index that cannot serve the condition leaves the planner no choice but a Seq
 * Scan, so this fails when an index is missing or does not match the expression.
 */
let app: TestApp;
const gid = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64url');
let locationKey: string;
let departmentKey: string;
let personKey: string;

beforeAll(async () => {
  app = await startTestApp();
  [{ id: locationKey }] = await app.sql(`INSERT INTO location (name, kind) VALUES ('Site', 'SITE') RETURNING id`);
  await app.sql(`INSERT INTO location (name, kind, parent_id) SELECT 'Room ' || g, 'ROOM', $1 FROM generate_series(1, 50) g`, [locationKey]);
  [{ id: departmentKey }] = await app.sql(`INSERT INTO department (name, code) VALUES ('Ops', 'OPS') RETURNING id`);
  [{ id: personKey }] = await app.sql(`INSERT INTO person (display_name) VALUES ('Pat') RETURNING id`);
  // A few thousand assets of mixed kinds, with the columns every filter looks at.
  await app.sql(`
    INSERT INTO asset (kind, asset_tag, name, status, tags, location_id, department_id, hw_category, data_bearing, serial_number,
                       warranty_ends_on, expires_on, custodian_type, custodian_id, checked_out_at)
    SELECT 'HARDWARE', 'HW-' || lpad(g::text, 6, '0'), 'Laptop ' || g, (ARRAY['IN_STOCK','IN_USE','RETIRED','IN_MAINTENANCE'])[1 + g % 4],
           ARRAY['t' || (g % 50)], (SELECT id FROM location ORDER BY id OFFSET (g % 51) LIMIT 1), CASE WHEN g % 7 = 0 THEN $1::uuid END,
           'LAPTOP', g % 2 = 0, 'SN' || g, DATE '2026-01-01' + (g % 1000), CASE WHEN g % 3 = 0 THEN DATE '2027-01-01' + (g % 500) END,
           CASE WHEN g % 4 = 1 THEN 'PERSON' END, CASE WHEN g % 4 = 1 THEN $2::uuid END, CASE WHEN g % 4 = 1 THEN now() END
      FROM generate_series(1, 4000) g`, [departmentKey, personKey]);
  await app.sql('ANALYZE');
});
afterAll(async () => app?.close());

async function plan(sql: string, params: unknown[]): Promise<string> {
  // One connection for the setting and the EXPLAIN: a transaction on the test pool's client.
  // Parameters as PostgreSQL literals (arrays as '{a,b}').
  const literal = params.map((v) => (Array.isArray(v) ? `{${v.join(',')}}` : v instanceof Date ? v.toISOString() : v));
  const rows = await app.sql(`SELECT itam_explain_plan($1, $2::jsonb) AS plan`, [sql, JSON.stringify(literal)]);
  return rows[0].plan;
}

beforeAll(async () => {
  // EXPLAIN with bound parameters and enable_seqscan off, in one server-side call (the test pool may hand out another client per query).
  await app.sql(`CREATE OR REPLACE FUNCTION itam_explain_plan(q text, params jsonb) RETURNS text LANGUAGE plpgsql AS $$
    DECLARE r text; out text := ''; i int; sqltext text := q;
    BEGIN
      PERFORM set_config('enable_seqscan', 'off', true);
      -- Inline the parameters as typed literals (they are test constants).
      FOR i IN REVERSE jsonb_array_length(params) .. 1 LOOP
        sqltext := replace(sqltext, '$' || i, quote_nullable(params ->> (i - 1)));
      END LOOP;
      FOR r IN EXECUTE 'EXPLAIN ' || sqltext LOOP out := out || r || E'\\n'; END LOOP;
      RETURN out;
    END $$`);
});

const FILTERS: Array<[string, () => AssetFilter]> = [
  ['kinds', () => ({ kinds: ['CERTIFICATE'] }) as AssetFilter],
  ['statuses', () => ({ statuses: ['IN_MAINTENANCE'] }) as AssetFilter],
  ['locationId (with sub-locations)', () => ({ locationId: gid('Location', locationKey) })],
  ['departmentId', () => ({ departmentId: gid('Department', departmentKey) })],
  ['custodianId', () => ({ custodianId: gid('Person', personKey) })],
  ['search (prefix of tag, name or serial number)', () => ({ search: 'hw-0001' })],
  ['tags', () => ({ tags: ['t7'] })],
  ['warrantyEndsBefore', () => ({ warrantyEndsBefore: '2026-01-05' })],
  ['expiresBefore', () => ({ expiresBefore: '2027-01-03' })],
  ['updatedSince', () => ({ updatedSince: new Date(Date.now() + 86_400_000) })],
  ['dataBearing', () => ({ dataBearing: true })],
];

test.each(FILTERS)('filter %s is served by an index', async (_name, filter) => {
  const params: unknown[] = [];
  const where = assetFilterSql(filter(), params);
  const text = await plan(`SELECT a.id FROM asset a WHERE ${where.join(' AND ')}`, params);
  expect(text).not.toMatch(/Seq Scan on asset/);
  expect(text).toMatch(/Index|Bitmap/);
});

test.each(Object.values(AssetOrderField).flatMap((field) => Object.values(OrderDirection).map((direction) => [field, direction] as const)))(
  'ordering %s %s reads an index in order (no sort of the whole table)', async (field, direction) => {
    const order = assetOrder({ field, direction });
    const text = await plan(`SELECT a.id FROM asset a ORDER BY (${order.expr}) ${direction}, a.id ${direction} LIMIT 50`, []);
    expect(text).not.toMatch(/Seq Scan on asset/);
    expect(text).not.toMatch(/^\s*->\s*Sort\b/m);
  },
);
