/**
 * End-to-end tests of the organisation: people, departments, locations and vendors.
 * Real HTTP (supertest through the test app), real PostgreSQL; one service and one
 * fresh database for the whole file. Every test makes its own rows (unique names),
 * so tests do not depend on each other's data.
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

interface UserErr {
  field: string[] | null;
  code: string;
  message: string;
}
type Row = Record<string, any>;
type Kind = 'Person' | 'Department' | 'Location' | 'Vendor';

const SELECTIONS: Record<Kind, string> = {
  Person: 'id __typename employeeId displayName email active version createdAt updatedAt department { id name } location { id name }',
  Department: 'id __typename name code costCenter version createdAt updatedAt parent { id name }',
  Location: 'id __typename name code kind address version createdAt updatedAt parent { id name } children { id name } path { id name }',
  Vendor: 'id __typename name roles certifications website contactEmail version createdAt updatedAt',
};
const PAYLOAD_KEY: Record<Kind, string> = { Person: 'person', Department: 'department', Location: 'location', Vendor: 'vendor' };
const TABLE: Record<Kind, string> = { Person: 'person', Department: 'department', Location: 'location', Vendor: 'vendor' };

/** createPerson → Person */
const kindOf = (mutation: string): Kind => mutation.replace(/^(create|update)/, '') as Kind;

/** Runs one org mutation selecting every field of its object; the raw response. */
function mutate(mutation: string, input: Record<string, unknown>, roles?: Role[]): Promise<GqlResult> {
  const kind = kindOf(mutation);
  const inputType = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
  return app.gql(
    `mutation M($input: ${inputType}!) { ${mutation}(input: $input) { ${PAYLOAD_KEY[kind]} { ${SELECTIONS[kind]} } userErrors { field code message } } }`,
    { input },
    roles ? { roles } : {},
  );
}

/** A mutation that must succeed; returns the object. */
async function must(mutation: string, input: Record<string, unknown>, roles?: Role[]): Promise<Row> {
  const payload = ok(await mutate(mutation, input, roles))[mutation];
  expect(payload.userErrors).toEqual([]);
  const obj = payload[PAYLOAD_KEY[kindOf(mutation)]];
  expect(obj).not.toBeNull();
  return obj;
}

/** Row counts and a digest of every row of the four tables: equal snapshots mean nothing changed. */
async function snapshot(): Promise<Record<string, unknown>> {
  const parts = Object.values(TABLE).map(
    (t) => `(SELECT count(*)::int FROM ${t}) AS "${t}Count", (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM ${t} x) AS "${t}Digest"`,
  );
  return (await app.sql(`SELECT ${parts.join(', ')}`))[0];
}

/** A mutation that must be refused with exactly this userError, leaving every table as it was. */
async function mustFail(mutation: string, input: Record<string, unknown>, field: string[] | null, code: string): Promise<UserErr> {
  const before = await snapshot();
  const payload = ok(await mutate(mutation, input))[mutation];
  expect(payload[PAYLOAD_KEY[kindOf(mutation)]]).toBeNull();
  expect(payload.userErrors).toEqual([{ field, code, message: expect.any(String) }]);
  expect(payload.userErrors[0].message.length).toBeGreaterThan(0);
  expect(await snapshot()).toEqual(before);
  return payload.userErrors[0];
}

let seq = 0;
/** A name no other test uses. */
const uniq = (prefix: string): string => `${prefix}-${process.pid}-${++seq}`;
const keyOf = (id: string): string => fromGlobalId(id)!.key;
const missingId = (type: string): string => toGlobalId(type, crypto.randomUUID());
const rowOf = async (table: string, id: string): Promise<Row> => (await app.sql(`SELECT * FROM ${table} WHERE id = $1`, [keyOf(id)]))[0];
const countOf = async (table: string): Promise<number> => (await app.sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

const newDepartment = (extra: Record<string, unknown> = {}) => { const c = uniq('D'); return must('createDepartment', { name: `Dept ${c}`, code: c, ...extra }); };
const newLocation = (extra: Record<string, unknown> = {}) => must('createLocation', { name: uniq('Loc'), kind: 'ROOM', ...extra });
const newPerson = (extra: Record<string, unknown> = {}) => must('createPerson', { displayName: uniq('Person'), ...extra });
const newVendor = (extra: Record<string, unknown> = {}) => must('createVendor', { name: uniq('Vendor'), ...extra });

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const LONG = (n: number) => 'x'.repeat(n);

/** Any cycle in a parent_id tree: every row walked up at most 1,000 steps; a row reached again is a loop. */
async function cyclesIn(table: 'location' | 'department'): Promise<number> {
  const rows = await app.sql(
    `WITH RECURSIVE up(start, id, depth) AS (
       SELECT id, parent_id, 1 FROM ${table} WHERE parent_id IS NOT NULL
       UNION ALL
       SELECT up.start, t.parent_id, up.depth + 1 FROM up JOIN ${table} t ON t.id = up.id
        WHERE t.parent_id IS NOT NULL AND up.id <> up.start AND up.depth < 1000
     )
     SELECT count(DISTINCT start)::int AS n FROM up WHERE id = start`,
  );
  return rows[0].n;
}

// ------------------------------------------------------------------ people

describe('people: create, read, update', () => {
  test('createPerson stores and returns every field; node(id) reads it back', async () => {
    const dept = await newDepartment();
    const loc = await newLocation();
    const emp = uniq('E');
    const email = `${uniq('ada')}@Example.com`;
    const p = await must('createPerson', { employeeId: emp, displayName: '  Ada Lovelace  ', email, departmentId: dept.id, locationId: loc.id, active: false });
    expect(p).toEqual({
      id: expect.any(String),
      __typename: 'Person',
      employeeId: emp,
      displayName: 'Ada Lovelace',
      email,
      active: false,
      version: 1,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
      department: { id: dept.id, name: dept.name },
      location: { id: loc.id, name: loc.name },
    });
    expect(fromGlobalId(p.id)?.type).toBe('Person');
    const row = await rowOf('person', p.id);
    expect(row).toMatchObject({
      employee_id: emp, display_name: 'Ada Lovelace', email, department_id: keyOf(dept.id), location_id: keyOf(loc.id), active: false, version: 1,
    });

    const read = ok(await app.gql(`query($id: ID!) { node(id: $id) { __typename ... on Person { ${SELECTIONS.Person} } } }`, { id: p.id }));
    expect(read.node).toEqual(p);
  });

  test('optional fields default: active true, the rest null', async () => {
    const p = await must('createPerson', { displayName: 'Grace Hopper' });
    expect(p).toMatchObject({ displayName: 'Grace Hopper', employeeId: null, email: null, active: true, department: null, location: null, version: 1 });
    expect(await rowOf('person', p.id)).toMatchObject({ employee_id: null, email: null, department_id: null, location_id: null, active: true });
  });

  test('updatePerson changes every field, bumps the version; null clears the optional ones', async () => {
    const [d1, d2, l1, l2] = [await newDepartment(), await newDepartment(), await newLocation(), await newLocation()];
    const p = await newPerson({ employeeId: uniq('E'), email: `${uniq('a')}@example.com`, departmentId: d1.id, locationId: l1.id });
    const emp = uniq('E');
    const email = `${uniq('b')}@example.org`;
    const u = await must('updatePerson', { id: p.id, expectedVersion: 1, employeeId: emp, displayName: 'Renamed', email, departmentId: d2.id, locationId: l2.id, active: false });
    expect(u).toMatchObject({
      id: p.id, employeeId: emp, displayName: 'Renamed', email, active: false, version: 2,
      department: { id: d2.id }, location: { id: l2.id },
    });
    expect(new Date(u.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(p.updatedAt).getTime());
    expect(u.createdAt).toBe(p.createdAt);
    expect(await rowOf('person', p.id)).toMatchObject({ employee_id: emp, display_name: 'Renamed', email, department_id: keyOf(d2.id), location_id: keyOf(l2.id), active: false, version: 2 });

    const cleared = await must('updatePerson', { id: p.id, expectedVersion: 2, employeeId: null, email: null, departmentId: null, locationId: null });
    expect(cleared).toMatchObject({ employeeId: null, email: null, department: null, location: null, displayName: 'Renamed', active: false, version: 3 });
    expect(await rowOf('person', p.id)).toMatchObject({ employee_id: null, email: null, department_id: null, location_id: null, version: 3 });

    // Omitted fields stay; expectedVersion is optional.
    const partial = await must('updatePerson', { id: p.id, active: true });
    expect(partial).toMatchObject({ displayName: 'Renamed', active: true, version: 4 });
  });

  test('a stale expectedVersion is a CONFLICT and changes nothing', async () => {
    const p = await newPerson();
    await must('updatePerson', { id: p.id, expectedVersion: 1, displayName: 'v2' });
    await mustFail('updatePerson', { id: p.id, expectedVersion: 1, displayName: 'lost update' }, ['input', 'expectedVersion'], 'CONFLICT');
    await mustFail('updatePerson', { id: p.id, expectedVersion: 3, displayName: 'from the future' }, ['input', 'expectedVersion'], 'CONFLICT');
    expect(await rowOf('person', p.id)).toMatchObject({ display_name: 'v2', version: 2 });
  });
});

describe('people: bad input', () => {
  test('display name blank, empty or too long', async () => {
    await mustFail('createPerson', { displayName: '   ' }, ['input', 'displayName'], 'REQUIRED');
    await mustFail('createPerson', { displayName: '' }, ['input', 'displayName'], 'REQUIRED');
    await mustFail('createPerson', { displayName: LONG(201) }, ['input', 'displayName'], 'INVALID');
    expect((await newPerson({ displayName: LONG(200) })).displayName).toBe(LONG(200));
    const p = await newPerson();
    await mustFail('updatePerson', { id: p.id, displayName: ' \t ' }, ['input', 'displayName'], 'REQUIRED');
    await mustFail('updatePerson', { id: p.id, displayName: LONG(201) }, ['input', 'displayName'], 'INVALID');
  });

  test('bad or too long e-mail address, too long employee id', async () => {
    for (const email of ['not-an-email', 'a@', '@example.com', 'a b@example.com']) {
      await mustFail('createPerson', { displayName: 'X', email }, ['input', 'email'], 'INVALID');
    }
    await mustFail('createPerson', { displayName: 'X', email: `${LONG(250)}@example.com` }, ['input', 'email'], 'INVALID');
    await mustFail('createPerson', { displayName: 'X', employeeId: LONG(51) }, ['input', 'employeeId'], 'INVALID');
    const p = await newPerson();
    await mustFail('updatePerson', { id: p.id, email: 'nope' }, ['input', 'email'], 'INVALID');
    await mustFail('updatePerson', { id: p.id, employeeId: LONG(51) }, ['input', 'employeeId'], 'INVALID');
  });

  test('duplicate employee id, and e-mail regardless of case → ALREADY_EXISTS', async () => {
    const emp = uniq('E');
    const local = uniq('dup');
    const first = await newPerson({ employeeId: emp, email: `${local}@example.com` });
    await mustFail('createPerson', { displayName: 'Twin', employeeId: emp }, ['input', 'employeeId'], 'ALREADY_EXISTS');
    await mustFail('createPerson', { displayName: 'Twin', email: `${local.toUpperCase()}@EXAMPLE.COM` }, ['input', 'email'], 'ALREADY_EXISTS');
    const other = await newPerson();
    await mustFail('updatePerson', { id: other.id, employeeId: emp }, ['input', 'employeeId'], 'ALREADY_EXISTS');
    await mustFail('updatePerson', { id: other.id, email: `${local}@Example.Com` }, ['input', 'email'], 'ALREADY_EXISTS');
    // The owner may keep (or re-case) its own address.
    expect((await must('updatePerson', { id: first.id, email: `${local.toUpperCase()}@example.com` })).email).toBe(`${local.toUpperCase()}@example.com`);
  });

  test('missing, garbage and wrong-type departmentId / locationId → NOT_FOUND at the field', async () => {
    const loc = await newLocation();
    const dept = await newDepartment();
    for (const bad of [missingId('Department'), 'garbage', loc.id]) {
      await mustFail('createPerson', { displayName: 'X', departmentId: bad }, ['input', 'departmentId'], 'NOT_FOUND');
    }
    for (const bad of [missingId('Location'), '!!!', dept.id]) {
      await mustFail('createPerson', { displayName: 'X', locationId: bad }, ['input', 'locationId'], 'NOT_FOUND');
    }
    const p = await newPerson({ departmentId: dept.id, locationId: loc.id });
    await mustFail('updatePerson', { id: p.id, departmentId: missingId('Department') }, ['input', 'departmentId'], 'NOT_FOUND');
    await mustFail('updatePerson', { id: p.id, locationId: dept.id }, ['input', 'locationId'], 'NOT_FOUND');
    expect(await rowOf('person', p.id)).toMatchObject({ department_id: keyOf(dept.id), location_id: keyOf(loc.id), version: 1 });
  });

  test('both references bad: both reported, nothing written', async () => {
    const before = await snapshot();
    const payload = ok(await mutate('createPerson', { displayName: 'X', departmentId: 'nope', locationId: missingId('Location') })).createPerson;
    expect(payload.person).toBeNull();
    expect(payload.userErrors.map((e: UserErr) => [e.field, e.code])).toEqual(
      expect.arrayContaining([[['input', 'departmentId'], 'NOT_FOUND'], [['input', 'locationId'], 'NOT_FOUND']]),
    );
    expect(payload.userErrors).toHaveLength(2);
    expect(await snapshot()).toEqual(before);
  });

  test('clearing a required field with null → REQUIRED', async () => {
    const p = await newPerson();
    await mustFail('updatePerson', { id: p.id, displayName: null }, ['input', 'displayName'], 'REQUIRED');
    await mustFail('updatePerson', { id: p.id, active: null }, ['input', 'active'], 'REQUIRED');
  });

  test('update with an ID of another type, a missing one or garbage → NOT_FOUND at ["input","id"]', async () => {
    const dept = await newDepartment();
    await mustFail('updatePerson', { id: dept.id, displayName: 'X' }, ['input', 'id'], 'NOT_FOUND');
    await mustFail('updatePerson', { id: missingId('Person'), displayName: 'X' }, ['input', 'id'], 'NOT_FOUND');
    await mustFail('updatePerson', { id: 'garbage', displayName: 'X' }, ['input', 'id'], 'NOT_FOUND');
    expect(await rowOf('department', dept.id)).toMatchObject({ version: 1 });
  });
});

// ------------------------------------------------------------------ departments

describe('departments: create, read, update', () => {
  test('createDepartment stores every field; parent resolves', async () => {
    const parent = await newDepartment();
    const code = uniq('FIN');
    const d = await must('createDepartment', { name: '  Finance ', code, costCenter: 'CC-100', parentId: parent.id });
    expect(d).toEqual({
      id: expect.any(String), __typename: 'Department', name: 'Finance', code, costCenter: 'CC-100', version: 1,
      createdAt: expect.stringMatching(ISO), updatedAt: expect.stringMatching(ISO), parent: { id: parent.id, name: parent.name },
    });
    expect(await rowOf('department', d.id)).toMatchObject({ name: 'Finance', code, cost_center: 'CC-100', parent_id: keyOf(parent.id), version: 1 });
    const read = ok(await app.gql(`query($id: ID!) { node(id: $id) { __typename ... on Department { ${SELECTIONS.Department} } } }`, { id: d.id }));
    expect(read.node).toEqual(d);
  });

  test('updateDepartment changes every field and bumps the version; null clears costCenter and parent', async () => {
    const [p1, p2] = [await newDepartment(), await newDepartment()];
    const d = await newDepartment({ costCenter: 'CC-1', parentId: p1.id });
    const code = uniq('NEW');
    const u = await must('updateDepartment', { id: d.id, expectedVersion: 1, name: 'New name', code, costCenter: 'CC-2', parentId: p2.id });
    expect(u).toMatchObject({ name: 'New name', code, costCenter: 'CC-2', parent: { id: p2.id }, version: 2, createdAt: d.createdAt });
    expect(await rowOf('department', d.id)).toMatchObject({ name: 'New name', code, cost_center: 'CC-2', parent_id: keyOf(p2.id), version: 2 });
    const c = await must('updateDepartment', { id: d.id, expectedVersion: 2, costCenter: null, parentId: null });
    expect(c).toMatchObject({ name: 'New name', code, costCenter: null, parent: null, version: 3 });
    expect(await rowOf('department', d.id)).toMatchObject({ cost_center: null, parent_id: null, version: 3 });
  });

  test('a stale expectedVersion is a CONFLICT and changes nothing', async () => {
    const d = await newDepartment();
    await must('updateDepartment', { id: d.id, expectedVersion: 1, name: 'v2' });
    await mustFail('updateDepartment', { id: d.id, expectedVersion: 1, name: 'lost' }, ['input', 'expectedVersion'], 'CONFLICT');
    const other = await newDepartment();
    await mustFail('updateDepartment', { id: d.id, expectedVersion: 1, parentId: other.id }, ['input', 'expectedVersion'], 'CONFLICT');
    expect(await rowOf('department', d.id)).toMatchObject({ name: 'v2', parent_id: null, version: 2 });
  });
});

describe('departments: bad input', () => {
  test('name and code blank / too long / malformed; cost centre too long', async () => {
    await mustFail('createDepartment', { name: '  ', code: uniq('C') }, ['input', 'name'], 'REQUIRED');
    await mustFail('createDepartment', { name: LONG(201), code: uniq('C') }, ['input', 'name'], 'INVALID');
    await mustFail('createDepartment', { name: 'N', code: '   ' }, ['input', 'code'], 'REQUIRED');
    await mustFail('createDepartment', { name: 'N', code: '' }, ['input', 'code'], 'REQUIRED');
    await mustFail('createDepartment', { name: '', code: uniq('C') }, ['input', 'name'], 'REQUIRED');
    await mustFail('createDepartment', { name: 'N', code: LONG(51) }, ['input', 'code'], 'INVALID');
    await mustFail('createDepartment', { name: 'N', code: 'has space' }, ['input', 'code'], 'INVALID');
    await mustFail('createDepartment', { name: 'N', code: uniq('C'), costCenter: LONG(51) }, ['input', 'costCenter'], 'INVALID');
    const d = await newDepartment();
    await mustFail('updateDepartment', { id: d.id, name: '' }, ['input', 'name'], 'REQUIRED');
    await mustFail('updateDepartment', { id: d.id, code: 'a/b' }, ['input', 'code'], 'INVALID');
    await mustFail('updateDepartment', { id: d.id, code: ' ' }, ['input', 'code'], 'REQUIRED');
  });

  test('duplicate code → ALREADY_EXISTS at ["input","code"]', async () => {
    const d = await newDepartment();
    await mustFail('createDepartment', { name: 'Other', code: d.code }, ['input', 'code'], 'ALREADY_EXISTS');
    const e = await newDepartment();
    await mustFail('updateDepartment', { id: e.id, code: d.code }, ['input', 'code'], 'ALREADY_EXISTS');
  });

  test('missing, garbage and wrong-type parentId → NOT_FOUND', async () => {
    const loc = await newLocation();
    for (const bad of [missingId('Department'), 'garbage', loc.id]) {
      await mustFail('createDepartment', { name: 'N', code: uniq('C'), parentId: bad }, ['input', 'parentId'], 'NOT_FOUND');
    }
    const d = await newDepartment();
    await mustFail('updateDepartment', { id: d.id, parentId: loc.id }, ['input', 'parentId'], 'NOT_FOUND');
    await mustFail('updateDepartment', { id: d.id, parentId: missingId('Department') }, ['input', 'parentId'], 'NOT_FOUND');
  });

  test('clearing name or code with null → REQUIRED; update of another type → NOT_FOUND', async () => {
    const d = await newDepartment();
    await mustFail('updateDepartment', { id: d.id, name: null }, ['input', 'name'], 'REQUIRED');
    await mustFail('updateDepartment', { id: d.id, code: null }, ['input', 'code'], 'REQUIRED');
    const v = await newVendor();
    await mustFail('updateDepartment', { id: v.id, name: 'X' }, ['input', 'id'], 'NOT_FOUND');
    await mustFail('updateDepartment', { id: missingId('Department'), name: 'X' }, ['input', 'id'], 'NOT_FOUND');
  });
});

// ------------------------------------------------------------------ locations

describe('locations: create, read, update', () => {
  test('createLocation stores every field', async () => {
    const parent = await newLocation({ kind: 'SITE' });
    const code = uniq('BER');
    const l = await must('createLocation', { name: ' Berlin HQ ', code, kind: 'BUILDING', address: ' Unter den Linden 1 ', parentId: parent.id });
    expect(l).toEqual({
      id: expect.any(String), __typename: 'Location', name: 'Berlin HQ', code, kind: 'BUILDING', address: 'Unter den Linden 1', version: 1,
      createdAt: expect.stringMatching(ISO), updatedAt: expect.stringMatching(ISO),
      parent: { id: parent.id, name: parent.name }, children: [], path: [{ id: parent.id, name: parent.name }, { id: l.id, name: 'Berlin HQ' }],
    });
    expect(await rowOf('location', l.id)).toMatchObject({ name: 'Berlin HQ', code, kind: 'BUILDING', address: 'Unter den Linden 1', parent_id: keyOf(parent.id), version: 1 });
    const minimal = await must('createLocation', { name: 'Cupboard', kind: 'OTHER' });
    expect(minimal).toMatchObject({ code: null, address: null, parent: null, children: [], path: [{ id: minimal.id, name: 'Cupboard' }] });
    const read = ok(await app.gql(`query($id: ID!) { node(id: $id) { __typename ... on Location { ${SELECTIONS.Location} } } }`, { id: l.id }));
    expect(read.node).toEqual(l);
  });

  test('updateLocation changes every field and bumps the version; null clears code, address and parent', async () => {
    const [p1, p2] = [await newLocation({ kind: 'SITE' }), await newLocation({ kind: 'SITE' })];
    const l = await newLocation({ code: uniq('C'), address: 'A', parentId: p1.id });
    const code = uniq('C');
    const u = await must('updateLocation', { id: l.id, expectedVersion: 1, name: 'Moved', code, kind: 'DATACENTER', address: 'B', parentId: p2.id });
    expect(u).toMatchObject({ name: 'Moved', code, kind: 'DATACENTER', address: 'B', parent: { id: p2.id }, version: 2, path: [{ id: p2.id }, { id: l.id }] });
    expect(await rowOf('location', l.id)).toMatchObject({ name: 'Moved', code, kind: 'DATACENTER', address: 'B', parent_id: keyOf(p2.id), version: 2 });
    const c = await must('updateLocation', { id: l.id, expectedVersion: 2, code: null, address: null, parentId: null });
    expect(c).toMatchObject({ name: 'Moved', code: null, address: null, parent: null, version: 3, path: [{ id: l.id, name: 'Moved' }] });
    expect(await rowOf('location', l.id)).toMatchObject({ code: null, address: null, parent_id: null, version: 3 });
  });

  test('a stale expectedVersion is a CONFLICT and changes nothing', async () => {
    const l = await newLocation();
    const p = await newLocation();
    await must('updateLocation', { id: l.id, expectedVersion: 1, address: 'v2' });
    await mustFail('updateLocation', { id: l.id, expectedVersion: 1, address: 'lost' }, ['input', 'expectedVersion'], 'CONFLICT');
    await mustFail('updateLocation', { id: l.id, expectedVersion: 1, parentId: p.id }, ['input', 'expectedVersion'], 'CONFLICT');
    expect(await rowOf('location', l.id)).toMatchObject({ address: 'v2', parent_id: null, version: 2 });
  });
});

describe('locations: bad input', () => {
  test('name blank / too long; code malformed / too long; address too long', async () => {
    await mustFail('createLocation', { name: ' ', kind: 'ROOM' }, ['input', 'name'], 'REQUIRED');
    await mustFail('createLocation', { name: '', kind: 'ROOM' }, ['input', 'name'], 'REQUIRED');
    await mustFail('createLocation', { name: LONG(201), kind: 'ROOM' }, ['input', 'name'], 'INVALID');
    await mustFail('createLocation', { name: 'N', kind: 'ROOM', code: LONG(51) }, ['input', 'code'], 'INVALID');
    await mustFail('createLocation', { name: 'N', kind: 'ROOM', code: 'a b' }, ['input', 'code'], 'INVALID');
    await mustFail('createLocation', { name: 'N', kind: 'ROOM', address: LONG(501) }, ['input', 'address'], 'INVALID');
    const l = await newLocation();
    await mustFail('updateLocation', { id: l.id, name: '   ' }, ['input', 'name'], 'REQUIRED');
    await mustFail('updateLocation', { id: l.id, address: LONG(501) }, ['input', 'address'], 'INVALID');
  });

  test('an unknown kind is refused by GraphQL itself, nothing written', async () => {
    const before = await snapshot();
    const res = await mutate('createLocation', { name: 'N', kind: 'CASTLE' });
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.data).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  test('duplicate code → ALREADY_EXISTS', async () => {
    const l = await newLocation({ code: uniq('LC') });
    await mustFail('createLocation', { name: 'Other', kind: 'ROOM', code: l.code }, ['input', 'code'], 'ALREADY_EXISTS');
    const m = await newLocation();
    await mustFail('updateLocation', { id: m.id, code: l.code }, ['input', 'code'], 'ALREADY_EXISTS');
  });

  test('missing, garbage and wrong-type parentId → NOT_FOUND', async () => {
    const d = await newDepartment();
    for (const bad of [missingId('Location'), 'garbage', d.id]) {
      await mustFail('createLocation', { name: 'N', kind: 'ROOM', parentId: bad }, ['input', 'parentId'], 'NOT_FOUND');
    }
    const l = await newLocation();
    await mustFail('updateLocation', { id: l.id, parentId: d.id }, ['input', 'parentId'], 'NOT_FOUND');
    await mustFail('updateLocation', { id: l.id, parentId: 'x' }, ['input', 'parentId'], 'NOT_FOUND');
  });

  test('clearing name or kind with null → REQUIRED; update of another type → NOT_FOUND', async () => {
    const l = await newLocation();
    await mustFail('updateLocation', { id: l.id, name: null }, ['input', 'name'], 'REQUIRED');
    await mustFail('updateLocation', { id: l.id, kind: null }, ['input', 'kind'], 'REQUIRED');
    const p = await newPerson();
    await mustFail('updateLocation', { id: p.id, name: 'X' }, ['input', 'id'], 'NOT_FOUND');
    await mustFail('updateLocation', { id: missingId('Location'), name: 'X' }, ['input', 'id'], 'NOT_FOUND');
  });
});

// ------------------------------------------------------------------ vendors

describe('vendors: create, read, update', () => {
  test('createVendor stores every field; roles and certifications are sets', async () => {
    const name = uniq('Dell');
    const v = await must('createVendor', {
      name: ` ${name} `, roles: ['SUPPLIER', 'MANUFACTURER', 'SUPPLIER'], certifications: ['ISO_9001', 'R2'],
      website: 'https://www.dell.example.com/', contactEmail: 'sales@dell.example.com',
    });
    expect(v).toEqual({
      id: expect.any(String), __typename: 'Vendor', name, roles: ['SUPPLIER', 'MANUFACTURER'], certifications: ['ISO_9001', 'R2'],
      website: 'https://www.dell.example.com/', contactEmail: 'sales@dell.example.com', version: 1,
      createdAt: expect.stringMatching(ISO), updatedAt: expect.stringMatching(ISO),
    });
    expect(await rowOf('vendor', v.id)).toMatchObject({ name, roles: ['SUPPLIER', 'MANUFACTURER'], certifications: ['ISO_9001', 'R2'], website: 'https://www.dell.example.com/', contact_email: 'sales@dell.example.com', version: 1 });
    const minimal = await newVendor();
    expect(minimal).toMatchObject({ roles: [], certifications: [], website: null, contactEmail: null });
    const read = ok(await app.gql(`query($id: ID!) { node(id: $id) { __typename ... on Vendor { ${SELECTIONS.Vendor} } } }`, { id: v.id }));
    expect(read.node).toEqual(v);
  });

  test('updateVendor changes every field; lists are replaced; null clears', async () => {
    const v = await newVendor({ roles: ['RECYCLER'], certifications: ['R2'], website: 'http://a.example.com', contactEmail: 'a@example.com' });
    const name = uniq('Renamed');
    const u = await must('updateVendor', {
      id: v.id, expectedVersion: 1, name, roles: ['CLOUD_PROVIDER', 'SERVICE_PROVIDER'], certifications: ['ISO_27001'],
      website: 'https://b.example.com/path', contactEmail: 'b@example.com',
    });
    expect(u).toMatchObject({ name, roles: ['CLOUD_PROVIDER', 'SERVICE_PROVIDER'], certifications: ['ISO_27001'], website: 'https://b.example.com/path', contactEmail: 'b@example.com', version: 2, createdAt: v.createdAt });
    expect(await rowOf('vendor', v.id)).toMatchObject({ name, roles: ['CLOUD_PROVIDER', 'SERVICE_PROVIDER'], certifications: ['ISO_27001'], version: 2 });
    const c = await must('updateVendor', { id: v.id, expectedVersion: 2, roles: null, certifications: [], website: null, contactEmail: null });
    expect(c).toMatchObject({ name, roles: [], certifications: [], website: null, contactEmail: null, version: 3 });
    expect(await rowOf('vendor', v.id)).toMatchObject({ roles: [], certifications: [], website: null, contact_email: null, version: 3 });
  });

  test('a stale expectedVersion is a CONFLICT and changes nothing', async () => {
    const v = await newVendor();
    await must('updateVendor', { id: v.id, expectedVersion: 1, roles: ['SUPPLIER'] });
    await mustFail('updateVendor', { id: v.id, expectedVersion: 1, roles: ['RECYCLER'] }, ['input', 'expectedVersion'], 'CONFLICT');
    expect(await rowOf('vendor', v.id)).toMatchObject({ roles: ['SUPPLIER'], version: 2 });
  });
});

describe('vendors: bad input', () => {
  test('name blank / too long; website and contact e-mail malformed', async () => {
    await mustFail('createVendor', { name: '  ' }, ['input', 'name'], 'REQUIRED');
    await mustFail('createVendor', { name: '' }, ['input', 'name'], 'REQUIRED');
    await mustFail('createVendor', { name: LONG(201) }, ['input', 'name'], 'INVALID');
    for (const website of ['not a url', 'www.example.com', 'ftp://files.example.com', 'javascript:alert(1)', `https://example.com/${LONG(500)}`]) {
      await mustFail('createVendor', { name: uniq('V'), website }, ['input', 'website'], 'INVALID');
    }
    await mustFail('createVendor', { name: uniq('V'), contactEmail: 'sales-at-example.com' }, ['input', 'contactEmail'], 'INVALID');
    const v = await newVendor();
    await mustFail('updateVendor', { id: v.id, website: 'mailto:x@example.com' }, ['input', 'website'], 'INVALID');
    await mustFail('updateVendor', { id: v.id, name: '' }, ['input', 'name'], 'REQUIRED');
  });

  test('duplicate name regardless of case → ALREADY_EXISTS', async () => {
    const name = uniq('Acme');
    const v = await newVendor({ name });
    await mustFail('createVendor', { name: name.toUpperCase() }, ['input', 'name'], 'ALREADY_EXISTS');
    await mustFail('createVendor', { name: `  ${name.toLowerCase()}  ` }, ['input', 'name'], 'ALREADY_EXISTS');
    const w = await newVendor();
    await mustFail('updateVendor', { id: w.id, name: name.toLowerCase() }, ['input', 'name'], 'ALREADY_EXISTS');
    // A vendor may change the case of its own name.
    expect((await must('updateVendor', { id: v.id, name: name.toUpperCase() })).name).toBe(name.toUpperCase());
  });

  test('clearing the name with null → REQUIRED; update of another type → NOT_FOUND', async () => {
    const v = await newVendor();
    await mustFail('updateVendor', { id: v.id, name: null }, ['input', 'name'], 'REQUIRED');
    const l = await newLocation();
    await mustFail('updateVendor', { id: l.id, name: 'X' }, ['input', 'id'], 'NOT_FOUND');
    await mustFail('updateVendor', { id: missingId('Vendor'), name: 'X' }, ['input', 'id'], 'NOT_FOUND');
  });
});

// ------------------------------------------------------------------ concurrent duplicates

describe('concurrent creates of one unique value', () => {
  test('five vendors with one name in different cases at once: exactly one is created, the rest ALREADY_EXISTS', async () => {
    const name = uniq('Race');
    const variants = [name, name.toUpperCase(), name.toLowerCase(), ` ${name} `, name.toUpperCase()];
    const before = await countOf('vendor');
    const results = await Promise.all(variants.map((n) => mutate('createVendor', { name: n })));
    const payloads = results.map((r) => ok(r).createVendor);
    expect(payloads.filter((p) => p.vendor !== null)).toHaveLength(1);
    for (const p of payloads.filter((x) => x.vendor === null)) {
      expect(p.userErrors).toEqual([{ field: ['input', 'name'], code: 'ALREADY_EXISTS', message: expect.any(String) }]);
    }
    expect(await countOf('vendor')).toBe(before + 1);
  });

  test('five people with one e-mail address in different cases at once: exactly one is created', async () => {
    const email = `${uniq('race')}@example.com`;
    const before = await countOf('person');
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => mutate('createPerson', { displayName: `R${i}`, email: i % 2 ? email.toUpperCase() : email })));
    const payloads = results.map((r) => ok(r).createPerson);
    expect(payloads.filter((p) => p.person !== null)).toHaveLength(1);
    expect(payloads.filter((p) => p.userErrors[0]?.code === 'ALREADY_EXISTS' && p.userErrors[0].field.join('.') === 'input.email')).toHaveLength(4);
    expect(await countOf('person')).toBe(before + 1);
  });
});

// ------------------------------------------------------------------ node / nodes

describe('node and nodes', () => {
  test('nodes(ids) returns each object with its __typename, in order, null for missing or foreign IDs', async () => {
    const [p, d, l, v] = [await newPerson(), await newDepartment(), await newLocation(), await newVendor()];
    const wrongType = toGlobalId('Vendor', keyOf(p.id)); // a real key under another type
    const ids = [v.id, missingId('Person'), l.id, 'garbage', d.id, wrongType, p.id];
    const data = ok(await app.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id __typename
         ... on Person { displayName } ... on Department { code } ... on Location { name } ... on Vendor { name } } }`,
      { ids },
    ));
    expect(data.nodes).toEqual([
      { id: v.id, __typename: 'Vendor', name: v.name },
      null,
      { id: l.id, __typename: 'Location', name: l.name },
      null,
      { id: d.id, __typename: 'Department', code: d.code },
      null,
      { id: p.id, __typename: 'Person', displayName: p.displayName },
    ]);
    const single = ok(await app.gql('query($id: ID!) { node(id: $id) { id __typename } }', { id: missingId('Location') }));
    expect(single.node).toBeNull();
  });
});

// ------------------------------------------------------------------ hierarchies

const LOCATION_TREE = `query($id: ID!) { node(id: $id) { ... on Location {
  name parent { name } children { name } path { id name kind }
} } }`;

describe('location hierarchy', () => {
  test('parent, children (by name) and path (root first, including itself) over three levels', async () => {
    const site = await newLocation({ name: uniq('Site'), kind: 'SITE' });
    const building = await newLocation({ name: uniq('Building'), kind: 'BUILDING', parentId: site.id });
    const floorB = await newLocation({ name: 'Floor B', kind: 'FLOOR', parentId: building.id });
    const floorA = await newLocation({ name: 'Floor A', kind: 'FLOOR', parentId: building.id });
    const room = await newLocation({ name: 'Room 1', kind: 'ROOM', parentId: floorA.id });

    const r = ok(await app.gql(LOCATION_TREE, { id: room.id })).node;
    expect(r.parent).toEqual({ name: 'Floor A' });
    expect(r.path).toEqual([
      { id: site.id, name: site.name, kind: 'SITE' },
      { id: building.id, name: building.name, kind: 'BUILDING' },
      { id: floorA.id, name: 'Floor A', kind: 'FLOOR' },
      { id: room.id, name: 'Room 1', kind: 'ROOM' },
    ]);
    expect(r.children).toEqual([]);
    const b = ok(await app.gql(LOCATION_TREE, { id: building.id })).node;
    expect(b.children).toEqual([{ name: 'Floor A' }, { name: 'Floor B' }]);
    expect(b.path.map((x: Row) => x.id)).toEqual([site.id, building.id]);
    const s = ok(await app.gql(LOCATION_TREE, { id: site.id })).node;
    expect(s).toMatchObject({ parent: null, children: [{ name: building.name }], path: [{ id: site.id }] });
    expect(floorB.path.map((x: Row) => x.id)).toEqual([site.id, building.id, floorB.id]);

    // Moving a floor under another building moves its whole subtree.
    const other = await newLocation({ name: uniq('Annex'), kind: 'BUILDING' });
    await must('updateLocation', { id: floorA.id, parentId: other.id });
    const moved = ok(await app.gql(LOCATION_TREE, { id: room.id })).node;
    expect(moved.path.map((x: Row) => x.id)).toEqual([other.id, floorA.id, room.id]);
    expect(ok(await app.gql(LOCATION_TREE, { id: building.id })).node.children).toEqual([{ name: 'Floor B' }]);
  });

  test('a location cannot be its own parent or be moved under its own descendant', async () => {
    const a = await newLocation({ kind: 'SITE' });
    const b = await newLocation({ parentId: a.id });
    const c = await newLocation({ parentId: b.id });
    await mustFail('updateLocation', { id: a.id, parentId: a.id }, ['input', 'parentId'], 'INVALID');
    await mustFail('updateLocation', { id: a.id, parentId: b.id }, ['input', 'parentId'], 'INVALID');
    await mustFail('updateLocation', { id: a.id, parentId: c.id }, ['input', 'parentId'], 'INVALID');
    await mustFail('updateLocation', { id: b.id, parentId: c.id, name: 'would rename' }, ['input', 'parentId'], 'INVALID');
    expect(await rowOf('location', a.id)).toMatchObject({ parent_id: null, version: 1 });
    expect(await cyclesIn('location')).toBe(0);
    // Moving a node up its own branch is fine.
    expect((await must('updateLocation', { id: c.id, parentId: a.id })).path.map((x: Row) => x.id)).toEqual([a.id, c.id]);
  });
});

describe('department hierarchy', () => {
  test('parent over three levels', async () => {
    const top = await newDepartment();
    const mid = await newDepartment({ parentId: top.id });
    const leaf = await newDepartment({ parentId: mid.id });
    const r = ok(await app.gql('query($id: ID!) { node(id: $id) { ... on Department { name parent { id name parent { id name parent { id } } } } } }', { id: leaf.id })).node;
    expect(r).toEqual({ name: leaf.name, parent: { id: mid.id, name: mid.name, parent: { id: top.id, name: top.name, parent: null } } });
  });

  test('a department cannot be its own parent or be moved under its own descendant', async () => {
    const a = await newDepartment();
    const b = await newDepartment({ parentId: a.id });
    const c = await newDepartment({ parentId: b.id });
    await mustFail('updateDepartment', { id: a.id, parentId: a.id }, ['input', 'parentId'], 'INVALID');
    await mustFail('updateDepartment', { id: a.id, parentId: c.id }, ['input', 'parentId'], 'INVALID');
    await mustFail('updateDepartment', { id: b.id, parentId: c.id, costCenter: 'X' }, ['input', 'parentId'], 'INVALID');
    expect(await rowOf('department', a.id)).toMatchObject({ parent_id: null, version: 1 });
    expect(await cyclesIn('department')).toBe(0);
  });
});

describe('the cycle check of these tests', () => {
  test('sees a loop made behind the service\'s back (and path still ends)', async () => {
    const a = await newLocation();
    const b = await newLocation();
    expect(await cyclesIn('location')).toBe(0);
    await app.sql('UPDATE location SET parent_id = CASE id WHEN $1::uuid THEN $2::uuid ELSE $1::uuid END WHERE id IN ($1::uuid, $2::uuid)', [keyOf(a.id), keyOf(b.id)]);
    try {
      expect(await cyclesIn('location')).toBe(2);
      // The path loader's guard stops at the loop instead of walking for ever.
      expect(ok(await app.gql(LOCATION_TREE, { id: a.id })).node.path.map((x: Row) => x.id)).toEqual([b.id, a.id]);
    } finally {
      await app.sql('UPDATE location SET parent_id = NULL WHERE id IN ($1::uuid, $2::uuid)', [keyOf(a.id), keyOf(b.id)]);
    }
    expect(await cyclesIn('location')).toBe(0);
  });
});

describe.each([
  ['location', 'updateLocation', () => newLocation()],
  ['department', 'updateDepartment', () => newDepartment()],
] as const)('concurrent moves of %s', (table, mutation, create) => {
  test('20 rounds of "A under B" racing "B under A" (and a longer loop): never both, never a 500, never a cycle', async () => {
    const a = await create();
    const b = await create();
    const aChild = await must(mutation.replace('update', 'create'), table === 'location' ? { name: uniq('Child'), kind: 'ROOM', parentId: a.id } : { name: 'Child', code: uniq('CH'), parentId: a.id });
    for (let round = 0; round < 20; round++) {
      await app.sql(`UPDATE ${table} SET parent_id = NULL WHERE id = ANY($1::uuid[])`, [[keyOf(a.id), keyOf(b.id)]]);
      // Even rounds close A→B→A; odd rounds close A→B→A's child→A.
      const bTarget = round % 2 === 0 ? a.id : aChild.id;
      const results = await Promise.all([
        mutate(mutation, { id: a.id, parentId: b.id }),
        mutate(mutation, { id: b.id, parentId: bTarget }),
      ]);
      const payloads = results.map((res) => {
        expect(res.status).toBe(200);
        expect(res.body.errors).toBeUndefined();
        return res.data[mutation];
      });
      const succeeded = payloads.filter((p) => p.userErrors.length === 0);
      expect(succeeded).toHaveLength(1);
      const failed = payloads.find((p) => p.userErrors.length > 0);
      expect(failed.userErrors).toEqual([{ field: ['input', 'parentId'], code: 'INVALID', message: expect.any(String) }]);
      expect(failed[table]).toBeNull();
      expect(await cyclesIn(table)).toBe(0);
    }
    expect(await cyclesIn(table)).toBe(0);
  });
});

// ------------------------------------------------------------------ lists

const PEOPLE = `query($search: String, $departmentId: ID, $active: Boolean, $first: Int, $after: String) {
  people(search: $search, departmentId: $departmentId, active: $active, first: $first, after: $after) {
    totalCount nodes { id displayName email active } pageInfo { hasNextPage endCursor }
  } }`;

describe('people list', () => {
  test('search is a case-insensitive prefix of display name or e-mail; % and _ are literal', async () => {
    const tag = `Qz${crypto.randomBytes(3).toString('hex')}`;
    await newPerson({ displayName: `${tag} Alpha` });
    await newPerson({ displayName: `${tag} beta` });
    await newPerson({ displayName: 'Zed', email: `${tag.toLowerCase()}.mail@example.com` });
    await newPerson({ displayName: `Prefix ${tag}` }); // contains, does not start with
    await newPerson({ displayName: `${tag}100% sure` });
    await newPerson({ displayName: `${tag}1000 sure` });
    await newPerson({ displayName: `${tag}a_b` });
    await newPerson({ displayName: `${tag}axb` });

    const names = async (search: string) => {
      const c = ok(await app.gql(PEOPLE, { search })).people;
      expect(c.totalCount).toBe(c.nodes.length);
      return c.nodes.map((n: Row) => n.displayName).sort();
    };
    expect(await names(tag.toUpperCase())).toEqual([`${tag} Alpha`, `${tag} beta`, `${tag}100% sure`, `${tag}1000 sure`, `${tag}a_b`, `${tag}axb`, 'Zed'].sort());
    expect(await names(`${tag.toLowerCase()} a`)).toEqual([`${tag} Alpha`]);
    expect(await names(`${tag}100%`)).toEqual([`${tag}100% sure`]);
    expect(await names(`${tag}a_`)).toEqual([`${tag}a_b`]);
    expect(await names(`${tag}%`)).toEqual([]);
    expect(await names(`${tag.toLowerCase()}.MAIL@`)).toEqual(['Zed']);
    expect(await names(`${tag} alpha x`)).toEqual([]);
  });

  test('departmentId (direct members only) and active filters, combined with search; totalCount and paging', async () => {
    const tag = `Qd${crypto.randomBytes(3).toString('hex')}`;
    const dept = await newDepartment();
    const sub = await newDepartment({ parentId: dept.id });
    await newPerson({ displayName: `${tag} 1`, departmentId: dept.id });
    await newPerson({ displayName: `${tag} 2`, departmentId: dept.id, active: false });
    await newPerson({ displayName: `${tag} 3`, departmentId: dept.id });
    await newPerson({ displayName: `${tag} 4`, departmentId: sub.id });
    await newPerson({ displayName: `${tag} 5`, active: false });

    const inDept = ok(await app.gql(PEOPLE, { departmentId: dept.id })).people;
    expect(inDept.totalCount).toBe(3);
    expect(inDept.nodes.map((n: Row) => n.displayName)).toEqual([`${tag} 1`, `${tag} 2`, `${tag} 3`]);

    const activeInDept = ok(await app.gql(PEOPLE, { departmentId: dept.id, active: true })).people;
    expect(activeInDept.nodes.map((n: Row) => n.displayName)).toEqual([`${tag} 1`, `${tag} 3`]);
    expect(activeInDept.totalCount).toBe(2);

    const inactive = ok(await app.gql(PEOPLE, { search: tag, active: false })).people;
    expect(inactive.nodes.map((n: Row) => [n.displayName, n.active])).toEqual([[`${tag} 2`, false], [`${tag} 5`, false]]);
    expect(inactive.totalCount).toBe(2);

    const page1 = ok(await app.gql(PEOPLE, { search: tag, first: 2 })).people;
    expect(page1.totalCount).toBe(5);
    expect(page1.nodes.map((n: Row) => n.displayName)).toEqual([`${tag} 1`, `${tag} 2`]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = ok(await app.gql(PEOPLE, { search: tag, first: 10, after: page1.pageInfo.endCursor })).people;
    expect(page2.nodes.map((n: Row) => n.displayName)).toEqual([`${tag} 3`, `${tag} 4`, `${tag} 5`]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const all = ok(await app.gql(PEOPLE, {})).people;
    expect(all.totalCount).toBe(await countOf('person'));
    const activeAll = ok(await app.gql(PEOPLE, { active: true })).people;
    expect(activeAll.totalCount).toBe((await app.sql('SELECT count(*)::int AS n FROM person WHERE active'))[0].n);
  });

  test('a departmentId that is not a Department is a BAD_USER_INPUT', async () => {
    const loc = await newLocation();
    for (const departmentId of [loc.id, 'garbage']) {
      const res = await app.gql(PEOPLE, { departmentId });
      expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    // A well-formed but unknown Department is just an empty list.
    const none = ok(await app.gql(PEOPLE, { departmentId: missingId('Department') })).people;
    expect(none).toMatchObject({ totalCount: 0, nodes: [] });
  });
});

const LOCATIONS = `query($parentId: ID, $rootsOnly: Boolean, $search: String, $first: Int) {
  locations(parentId: $parentId, rootsOnly: $rootsOnly, search: $search, first: $first) { totalCount nodes { id name parent { id } } } }`;

describe('locations list', () => {
  test('parentId (children only), rootsOnly and search (case-insensitive prefix, % and _ literal)', async () => {
    const tag = `Ql${crypto.randomBytes(3).toString('hex')}`;
    const root = await newLocation({ name: `${tag} root`, kind: 'SITE' });
    const c1 = await newLocation({ name: `${tag} c1`, parentId: root.id });
    const c2 = await newLocation({ name: `${tag} c2`, parentId: root.id });
    await newLocation({ name: `${tag} grandchild`, parentId: c1.id });
    const root2 = await newLocation({ name: `${tag}_root%2`, kind: 'SITE' });
    await newLocation({ name: `${tag}xroot22`, kind: 'SITE' });

    const children = ok(await app.gql(LOCATIONS, { parentId: root.id })).locations;
    expect(children).toEqual({ totalCount: 2, nodes: [{ id: c1.id, name: `${tag} c1`, parent: { id: root.id } }, { id: c2.id, name: `${tag} c2`, parent: { id: root.id } }] });

    const roots = ok(await app.gql(LOCATIONS, { rootsOnly: true, search: tag })).locations;
    expect(roots.nodes.map((n: Row) => n.name)).toEqual([`${tag} root`, `${tag}_root%2`, `${tag}xroot22`]);
    expect(roots.totalCount).toBe(3);
    const allRoots = ok(await app.gql(LOCATIONS, { rootsOnly: true, first: 1 })).locations;
    expect(allRoots.totalCount).toBe((await app.sql('SELECT count(*)::int AS n FROM location WHERE parent_id IS NULL'))[0].n);
    expect(allRoots.nodes[0].parent).toBeNull();

    const searched = ok(await app.gql(LOCATIONS, { search: tag.toUpperCase() })).locations;
    expect(searched.totalCount).toBe(6);
    expect(ok(await app.gql(LOCATIONS, { search: `${tag}_` })).locations.nodes).toEqual([{ id: root2.id, name: `${tag}_root%2`, parent: null }]);
    expect(ok(await app.gql(LOCATIONS, { search: `${tag}_root%` })).locations.totalCount).toBe(1);
    expect(ok(await app.gql(LOCATIONS, { search: `${tag}%` })).locations.totalCount).toBe(0);
    expect(ok(await app.gql(LOCATIONS, { search: 'root' })).locations.nodes.filter((n: Row) => n.name.startsWith(tag))).toEqual([]);
    expect(ok(await app.gql(LOCATIONS, { parentId: root.id, search: `${tag} C2` })).locations.nodes.map((n: Row) => n.id)).toEqual([c2.id]);

    const everything = ok(await app.gql(LOCATIONS, { first: 1 })).locations;
    expect(everything.totalCount).toBe(await countOf('location'));
  });

  test('parentId with rootsOnly, or a parentId of another type, is a BAD_USER_INPUT', async () => {
    const l = await newLocation();
    const d = await newDepartment();
    for (const vars of [{ parentId: l.id, rootsOnly: true }, { parentId: d.id }, { parentId: 'garbage' }]) {
      const res = await app.gql(LOCATIONS, vars);
      expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('vendors list', () => {
  const VENDORS = `query($role: VendorRole, $search: String) { vendors(role: $role, search: $search) { totalCount nodes { id name roles } } }`;

  test('role and search filters, with totalCount', async () => {
    const tag = `Qv${crypto.randomBytes(3).toString('hex')}`;
    await newVendor({ name: `${tag} Alpha`, roles: ['RECYCLER', 'SUPPLIER'] });
    await newVendor({ name: `${tag} beta`, roles: ['SUPPLIER'] });
    await newVendor({ name: `${tag}_gamma`, roles: ['RECYCLER'] });
    await newVendor({ name: `${tag}xgamma`, roles: [] });

    const recyclers = ok(await app.gql(VENDORS, { role: 'RECYCLER', search: tag })).vendors;
    expect(recyclers.nodes.map((n: Row) => n.name)).toEqual([`${tag} Alpha`, `${tag}_gamma`]);
    expect(recyclers.totalCount).toBe(2);
    const suppliers = ok(await app.gql(VENDORS, { role: 'SUPPLIER', search: tag.toLowerCase() })).vendors;
    expect(suppliers.nodes.map((n: Row) => n.name)).toEqual([`${tag} Alpha`, `${tag} beta`]);
    expect(ok(await app.gql(VENDORS, { search: tag.toUpperCase() })).vendors.totalCount).toBe(4);
    expect(ok(await app.gql(VENDORS, { search: `${tag}_` })).vendors.nodes.map((n: Row) => n.name)).toEqual([`${tag}_gamma`]);
    expect(ok(await app.gql(VENDORS, { search: `${tag}%` })).vendors.totalCount).toBe(0);
    expect(ok(await app.gql(VENDORS, { role: 'CLOUD_PROVIDER', search: tag })).vendors).toEqual({ totalCount: 0, nodes: [] });

    const allRecyclers = ok(await app.gql(VENDORS, { role: 'RECYCLER' })).vendors;
    expect(allRecyclers.totalCount).toBe((await app.sql(`SELECT count(*)::int AS n FROM vendor WHERE 'RECYCLER' = ANY(roles)`))[0].n);
    expect(allRecyclers.nodes.every((n: Row) => n.roles.includes('RECYCLER'))).toBe(true);
    expect(ok(await app.gql(VENDORS, {})).vendors.totalCount).toBe(await countOf('vendor'));
  });
});

describe('departments list', () => {
  test('all departments by name with totalCount and cursor paging', async () => {
    await newDepartment();
    await newDepartment();
    await newDepartment();
    const Q = 'query($first: Int, $after: String) { departments(first: $first, after: $after) { totalCount nodes { id name code } pageInfo { hasNextPage endCursor } } }';
    const total = await countOf('department');
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Row = ok(await app.gql(Q, { first: 2, after })).departments;
      expect(page.totalCount).toBe(total);
      names.push(...page.nodes.map((n: Row) => n.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(names).toHaveLength(total);
    const expected = (await app.sql('SELECT name FROM department ORDER BY name, id')).map((r: Row) => r.name);
    expect(names).toEqual(expected);
  });
});

// ------------------------------------------------------------------ permissions

describe('permissions', () => {
  let fixtures: { person: Row; department: Row; location: Row; vendor: Row };
  beforeAll(async () => {
    fixtures = { person: await newPerson(), department: await newDepartment(), location: await newLocation(), vendor: await newVendor() };
  });

  const creates: Array<[string, () => Record<string, unknown>]> = [
    ['createPerson', () => ({ displayName: uniq('P') })],
    ['createDepartment', () => ({ name: 'D', code: uniq('D') })],
    ['createLocation', () => ({ name: uniq('L'), kind: 'ROOM' })],
    ['createVendor', () => ({ name: uniq('V') })],
  ];
  const updates: Array<[string, () => Record<string, unknown>]> = [
    ['updatePerson', () => ({ id: fixtures.person.id, displayName: uniq('P') })],
    ['updateDepartment', () => ({ id: fixtures.department.id, name: uniq('D') })],
    ['updateLocation', () => ({ id: fixtures.location.id, name: uniq('L') })],
    ['updateVendor', () => ({ id: fixtures.vendor.id, name: uniq('V') })],
  ];

  test.each([Role.AUDITOR, Role.VIEWER])('%s gets FORBIDDEN on every create and update, and nothing is written', async (role) => {
    for (const [mutation, input] of [...creates, ...updates]) {
      const before = await snapshot();
      const res = await mutate(mutation, input(), [role]);
      expect(res.status).toBe(200);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0].extensions?.code).toBe('FORBIDDEN');
      expect(res.body.errors![0].path).toEqual([mutation]);
      expect(res.body.data).toBeNull();
      expect(await snapshot()).toEqual(before);
    }
  });

  test.each([Role.ASSET_MANAGER, Role.ADMIN])('%s may create and update each', async (role) => {
    for (const [mutation, input] of creates) {
      const table = TABLE[kindOf(mutation)];
      const before = await countOf(table);
      const payload = ok(await mutate(mutation, input(), [role]))[mutation];
      expect(payload.userErrors).toEqual([]);
      expect(await countOf(table)).toBe(before + 1);
      expect(await rowOf(table, payload[PAYLOAD_KEY[kindOf(mutation)]].id)).toBeDefined();
    }
    for (const [mutation, input] of updates) {
      const kind = kindOf(mutation);
      const given = input();
      const before = (await rowOf(TABLE[kind], given.id as string)).version;
      const payload = ok(await mutate(mutation, given, [role]))[mutation];
      expect(payload.userErrors).toEqual([]);
      expect(payload[PAYLOAD_KEY[kind]].version).toBe(before + 1);
      expect((await rowOf(TABLE[kind], given.id as string)).version).toBe(before + 1);
    }
  });

  test.each([Role.ADMIN, Role.ASSET_MANAGER, Role.AUDITOR, Role.VIEWER])('%s may read people, departments, locations, vendors and nodes', async (role) => {
    const data = ok(await app.gql(
      `query($ids: [ID!]!) {
         people(first: 100) { totalCount nodes { id } }
         departments(first: 100) { totalCount nodes { id } }
         locations(first: 100) { totalCount nodes { id } }
         vendors(first: 100) { totalCount nodes { id } }
         nodes(ids: $ids) { id __typename }
       }`,
      { ids: [fixtures.person.id, fixtures.department.id, fixtures.location.id, fixtures.vendor.id] },
      { roles: [role] },
    ));
    expect(data.people.totalCount).toBe(await countOf('person'));
    expect(data.departments.totalCount).toBe(await countOf('department'));
    expect(data.locations.totalCount).toBe(await countOf('location'));
    expect(data.vendors.totalCount).toBe(await countOf('vendor'));
    expect(data.nodes.map((n: Row) => n.__typename)).toEqual(['Person', 'Department', 'Location', 'Vendor']);
  });
});

// ------------------------------------------------------------------ batching

describe('batching', () => {
  const Q = `query($first: Int!, $loc: String!, $ppl: String!) {
    locations(first: $first, search: $loc) { nodes { id name parent { id name } children { id name } path { id name } } }
    people(first: $first, search: $ppl) { nodes { id displayName department { id name } location { id name } } }
  }`;

  test('20 locations with parent, children and path, and 20 people with department and location: a fixed number of statements', async () => {
    const loc = `Qb${crypto.randomBytes(3).toString('hex')}`;
    const ppl = `Qp${crypto.randomBytes(3).toString('hex')}`;
    const site = await newLocation({ name: `${loc} zz site`, kind: 'SITE' });
    const wings = [await newLocation({ name: `${loc} zy wing 1`, kind: 'BUILDING', parentId: site.id }), await newLocation({ name: `${loc} zy wing 2`, kind: 'BUILDING', parentId: site.id })];
    const rooms: Row[] = [];
    for (let i = 0; i < 22; i++) rooms.push(await newLocation({ name: `${loc} room ${String(i).padStart(2, '0')}`, parentId: wings[i % 2].id }));
    // Every room has one child so that children are non-empty.
    for (let i = 0; i < 22; i++) await newLocation({ name: `${loc} zx rack ${String(i).padStart(2, '0')}`, kind: 'RACK', parentId: rooms[i].id });
    const depts = [await newDepartment(), await newDepartment(), await newDepartment()];
    for (let i = 0; i < 22; i++) {
      await newPerson({ displayName: `${ppl} ${String(i).padStart(2, '0')}`, departmentId: depts[i % 3].id, locationId: rooms[(i * 7) % 22].id });
    }

    const counts: Record<number, number> = {};
    for (const first of [5, 20]) {
      const res = await app.gql(Q, { first, loc, ppl });
      const data = ok(res);
      expect(data.locations.nodes).toHaveLength(first);
      expect(data.people.nodes).toHaveLength(first);
      data.locations.nodes.forEach((n: Row, i: number) => {
        expect(n.name).toBe(rooms[i].name);
        expect(n.parent).toEqual({ id: wings[i % 2].id, name: wings[i % 2].name });
        expect(n.children).toEqual([{ id: expect.any(String), name: `${loc} zx rack ${String(i).padStart(2, '0')}` }]);
        expect(n.path.map((x: Row) => x.id)).toEqual([site.id, wings[i % 2].id, rooms[i].id]);
      });
      data.people.nodes.forEach((n: Row, i: number) => {
        expect(n.department).toEqual({ id: depts[i % 3].id, name: depts[i % 3].name });
        expect(n.location).toEqual({ id: rooms[(i * 7) % 22].id, name: rooms[(i * 7) % 22].name });
      });
      const header = res.headers['x-sql-statements'];
      expect(header).toMatch(/^\d+$/);
      counts[first] = Number(header);
    }
    expect(counts[20]).toBe(counts[5]);
    // locations page, parents, children, paths; people page, departments, locations.
    expect(counts[5]).toBe(7);
  });

  test('the count moves with the work done (the header is not a constant)', async () => {
    const small = await app.gql('{ vendors(first: 1) { nodes { id } } }');
    const more = await app.gql('{ vendors(first: 1) { totalCount nodes { id } } departments(first: 1) { totalCount nodes { id } } }');
    expect(Number(small.headers['x-sql-statements'])).toBe(1);
    expect(Number(more.headers['x-sql-statements'])).toBe(4);
  });
});
