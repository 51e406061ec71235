import { ok, Role, startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let seq = 0;

const keyOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
const globalId = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64url');
const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const seatCount = async (where = 'TRUE') => (await app.sql(`SELECT count(*)::int AS n FROM license_seat WHERE ${where}`))[0].n as number;

const COMPLIANCE = 'compliance { status shortfall unusedSeats seatsUsed seatsTotal utilizationPercent message }';
const LICENSE = `id version seatsTotal seatsUsed seatsAvailable allowOverallocation metric ${COMPLIANCE}`;
const SEAT = `id quantity active assignedAt assignedBy note releasedAt releasedBy releaseReason
  license { id } assignee { __typename ... on Person { displayName } ... on Asset { id name } }`;

async function newLicense(fields: Record<string, unknown> = {}, on: TestApp = app): Promise<string> {
  const r = ok(await on.gql(`mutation($i: CreateSoftwareLicenseInput!) { createSoftwareLicense(input: $i) { asset { id } userErrors { field code message } } }`, {
    i: { name: `Licence ${++seq}`, product: 'Office', licenseType: 'SUBSCRIPTION', metric: 'PER_USER', seatsTotal: 5, ...fields },
  })).createSoftwareLicense;
  expect(r.userErrors).toEqual([]);
  return r.asset.id;
}

async function newPerson(fields: Record<string, unknown> = {}, on: TestApp = app): Promise<string> {
  const r = ok(await on.gql(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } userErrors { message } } }`, {
    i: { displayName: `Person ${++seq}`, ...fields },
  })).createPerson;
  expect(r.userErrors).toEqual([]);
  return r.person.id;
}

async function newHardware(fields: Record<string, unknown> = {}): Promise<string> {
  const r = ok(await app.gql(`mutation($i: CreateHardwareInput!) { createHardware(input: $i) { asset { id } userErrors { message } } }`, {
    i: { name: `Server ${++seq}`, category: 'SERVER', ...fields },
  })).createHardware;
  expect(r.userErrors).toEqual([]);
  return r.asset.id;
}

async function newVm(vcpus: number): Promise<string> {
  const r = ok(await app.gql(`mutation($i: CreateVirtualMachineInput!) { createVirtualMachine(input: $i) { asset { id } userErrors { message } } }`, {
    i: { name: `VM ${++seq}`, hypervisor: 'KVM', vcpus, memoryMib: 4096 },
  })).createVirtualMachine;
  expect(r.userErrors).toEqual([]);
  return r.asset.id;
}

const assign = (input: Record<string, unknown>, roles?: Role[], on: TestApp = app) =>
  on.gql(`mutation($i: AssignLicenseSeatInput!) { assignLicenseSeat(input: $i) { seat { ${SEAT} } license { ${LICENSE} } userErrors { field code message } } }`, { i: input }, { roles });
const assignOk = async (input: Record<string, unknown>, on: TestApp = app) => {
  const r = ok(await assign(input, undefined, on)).assignLicenseSeat;
  expect(r.userErrors).toEqual([]);
  return r;
};
const release = (input: Record<string, unknown>, roles?: Role[]) =>
  app.gql(`mutation($i: ReleaseLicenseSeatInput!) { releaseLicenseSeat(input: $i) { seat { ${SEAT} } license { ${LICENSE} } userErrors { field code message } } }`, { i: input }, { roles });
const changeStatus = (assetId: string, status: string) =>
  app.gql(`mutation($i: ChangeAssetStatusInput!) { changeAssetStatus(input: $i) { asset { status } userErrors { code message } } }`, { i: { assetId, status, reason: 'test' } });
const updateLicense = (id: string, fields: Record<string, unknown>) =>
  app.gql(`mutation($i: UpdateSoftwareLicenseInput!) { updateSoftwareLicense(input: $i) { asset { ... on SoftwareLicense { ${LICENSE} licenseKey } } userErrors { field code message } } }`, { i: { id, ...fields } });
const license = async (id: string, on: TestApp = app) =>
  ok(await on.gql(`query($id: ID!) { asset(id: $id) { ... on SoftwareLicense { ${LICENSE} } } }`, { id })).asset;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('assigning seats', () => {
  test('a person takes a seat of a PER_USER licence; the licence, the seat and the person show it', async () => {
    const lic = await newLicense({ seatsTotal: 5 });
    const p = await newPerson({ displayName: 'Ada Lovelace' });
    const r = await assignOk({ licenseId: lic, personId: p });
    expect(r.seat).toMatchObject({
      quantity: 1, active: true, assignedBy: 'test-user', releasedAt: null, releasedBy: null, releaseReason: null,
      license: { id: lic }, assignee: { __typename: 'Person', displayName: 'Ada Lovelace' },
    });
    expect(Date.parse(r.seat.assignedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(r.license).toMatchObject({ id: lic, seatsTotal: 5, seatsUsed: 1, seatsAvailable: 4 });
    const n = ok(await app.gql(`query($id: ID!) { node(id: $id) { __typename ... on LicenseSeat { quantity license { id } } } }`, { id: r.seat.id }));
    expect(n.node).toEqual({ __typename: 'LicenseSeat', quantity: 1, license: { id: lic } });
    const held = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on Person { licenseSeats { totalCount nodes { id license { id } } } } } }`, { id: p }));
    expect(held.node.licenseSeats).toEqual({ totalCount: 1, nodes: [{ id: r.seat.id, license: { id: lic } }] });
    const row = (await app.sql('SELECT assignee_type, person_id, asset_id, quantity, released_at FROM license_seat WHERE id = $1', [keyOf(r.seat.id)]))[0];
    expect(row).toEqual({ assignee_type: 'PERSON', person_id: keyOf(p), asset_id: null, quantity: 1, released_at: null });
  });

  test('each metric takes its own kind of assignee; SITE takes both', async () => {
    const hw = await newHardware({ name: 'Desk PC' });
    const p = await newPerson();
    const perDevice = await newLicense({ metric: 'PER_DEVICE' });
    const d = await assignOk({ licenseId: perDevice, assetId: hw });
    expect(d.seat.assignee).toEqual({ __typename: 'Hardware', id: hw, name: 'Desk PC' });
    const concurrent = await newLicense({ metric: 'CONCURRENT' });
    expect((await assignOk({ licenseId: concurrent, personId: p })).seat.assignee.__typename).toBe('Person');
    const site = await newLicense({ metric: 'SITE' });
    await assignOk({ licenseId: site, personId: p });
    await assignOk({ licenseId: site, assetId: hw });
    expect(await license(site)).toMatchObject({ seatsUsed: 2, seatsAvailable: 3 });
    const onDevice = ok(await app.gql(`query($id: ID!) { asset(id: $id) { licenseSeats { totalCount nodes { license { id } } } } }`, { id: hw }));
    expect(onDevice.asset.licenseSeats.totalCount).toBe(2);
    expect(onDevice.asset.licenseSeats.nodes.map((n: { license: { id: string } }) => n.license.id)).toEqual([perDevice, site]);
  });

  test('PER_CORE counts cores: a VM\'s vcpus, a server\'s specs.cores, or the quantity given', async () => {
    const lic = await newLicense({ metric: 'PER_CORE', seatsTotal: 40 });
    const vm = await newVm(8);
    expect((await assignOk({ licenseId: lic, assetId: vm })).seat.quantity).toBe(8);
    const server = await newHardware({ specs: { cores: 16, ramGb: 64 } });
    expect((await assignOk({ licenseId: lic, assetId: server })).seat.quantity).toBe(16);
    const bare = await newHardware({ specs: { cores: '16' } });
    const before = await seatCount();
    const req = ok(await assign({ licenseId: lic, assetId: bare })).assignLicenseSeat;
    expect(req.userErrors).toEqual([expect.objectContaining({ code: 'REQUIRED', field: ['input', 'quantity'] })]);
    expect(await seatCount()).toBe(before);
    const big = ok(await assign({ licenseId: lic, assetId: bare, quantity: 17 })).assignLicenseSeat;
    expect(big.userErrors).toEqual([expect.objectContaining({ code: 'SEATS_EXHAUSTED', field: ['input', 'licenseId'] })]);
    expect(big.userErrors[0].message).toContain('24 of 40');
    const fits = await assignOk({ licenseId: lic, assetId: bare, quantity: 16 });
    expect(fits.license).toMatchObject({ seatsUsed: 40, seatsAvailable: 0, compliance: { status: 'COMPLIANT', shortfall: 0, unusedSeats: 0 } });
    expect(await seatCount()).toBe(before + 1);
  });

  test('a quantity other than 1 is INVALID outside PER_CORE, and 0 is INVALID everywhere', async () => {
    const perUser = await newLicense();
    const p = await newPerson();
    const core = await newLicense({ metric: 'PER_CORE', seatsTotal: 10 });
    const vm = await newVm(2);
    const before = await seatCount();
    for (const [input, field] of [
      [{ licenseId: perUser, personId: p, quantity: 2 }, ['input', 'quantity']],
      [{ licenseId: perUser, personId: p, quantity: 0 }, ['input', 'quantity']],
      [{ licenseId: core, assetId: vm, quantity: 0 }, ['input', 'quantity']],
      [{ licenseId: core, assetId: vm, quantity: -3 }, ['input', 'quantity']],
    ] as const) {
      expect(ok(await assign(input)).assignLicenseSeat.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field })]);
    }
    expect(await seatCount()).toBe(before);
    expect((await assignOk({ licenseId: perUser, personId: p, quantity: 1 })).seat.quantity).toBe(1);
  });

  test('with allowOverallocation, seats go past seatsTotal and compliance shows the shortfall', async () => {
    const lic = await newLicense({ seatsTotal: 1, allowOverallocation: true });
    for (let i = 0; i < 3; i++) await assignOk({ licenseId: lic, personId: await newPerson() });
    expect(await license(lic)).toMatchObject({
      seatsUsed: 3, seatsAvailable: 0, compliance: { status: 'OVER_ALLOCATED', shortfall: 2, unusedSeats: 0, seatsUsed: 3, seatsTotal: 1, utilizationPercent: 300 },
    });
  });
});

describe('refusals change nothing', () => {
  let lic: string;
  let deviceLic: string;
  let person: string;
  let hw: string;
  beforeAll(async () => {
    lic = await newLicense({ seatsTotal: 3 });
    deviceLic = await newLicense({ metric: 'PER_DEVICE', seatsTotal: 3 });
    person = await newPerson();
    hw = await newHardware();
  });

  async function refused(input: Record<string, unknown>, code: string, field: string[] | null) {
    const before = await seatCount();
    const r = ok(await assign(input)).assignLicenseSeat;
    expect(r.userErrors).toEqual([expect.objectContaining({ code, field })]);
    expect(r.userErrors[0].message.length).toBeGreaterThan(10);
    expect(r.seat).toBeNull();
    expect(r.license).toBeNull();
    expect(await seatCount()).toBe(before);
  }

  test('a licence ID that is garbage, blank, of a person or of another asset kind', async () => {
    await refused({ licenseId: 'garbage', personId: person }, 'NOT_FOUND', ['input', 'licenseId']);
    await refused({ licenseId: '  ', personId: person }, 'REQUIRED', ['input', 'licenseId']);
    await refused({ licenseId: person, personId: person }, 'NOT_FOUND', ['input', 'licenseId']);
    await refused({ licenseId: globalId('SoftwareLicense', '00000000-0000-4000-8000-000000000000'), personId: person }, 'NOT_FOUND', ['input', 'licenseId']);
    await refused({ licenseId: hw, personId: person }, 'INVALID', ['input', 'licenseId']);
    // A licence's key under another kind's type name is not that licence.
    await refused({ licenseId: globalId('Hardware', keyOf(lic)), personId: person }, 'NOT_FOUND', ['input', 'licenseId']);
  });

  test('no assignee, or two', async () => {
    await refused({ licenseId: lic }, 'REQUIRED', ['input']);
    await refused({ licenseId: lic, personId: person, assetId: hw }, 'INVALID', ['input']);
  });

  test('an assignee that does not exist or is of the wrong type', async () => {
    await refused({ licenseId: lic, personId: 'garbage' }, 'NOT_FOUND', ['input', 'personId']);
    await refused({ licenseId: lic, personId: hw }, 'NOT_FOUND', ['input', 'personId']);
    await refused({ licenseId: lic, personId: globalId('Person', '00000000-0000-4000-8000-000000000000') }, 'NOT_FOUND', ['input', 'personId']);
    await refused({ licenseId: deviceLic, assetId: 'garbage' }, 'NOT_FOUND', ['input', 'assetId']);
    await refused({ licenseId: deviceLic, assetId: person }, 'NOT_FOUND', ['input', 'assetId']);
    await refused({ licenseId: deviceLic, assetId: globalId('VirtualMachine', keyOf(hw)) }, 'NOT_FOUND', ['input', 'assetId']);
  });

  test('the wrong kind of assignee for the metric is INVALID', async () => {
    await refused({ licenseId: lic, assetId: hw }, 'INVALID', ['input', 'assetId']);
    await refused({ licenseId: deviceLic, personId: person }, 'INVALID', ['input', 'personId']);
    const concurrent = await newLicense({ metric: 'CONCURRENT' });
    await refused({ licenseId: concurrent, assetId: hw }, 'INVALID', ['input', 'assetId']);
    const core = await newLicense({ metric: 'PER_CORE' });
    await refused({ licenseId: core, personId: person }, 'INVALID', ['input', 'personId']);
  });

  test('a SoftwareLicense cannot hold a seat', async () => {
    await refused({ licenseId: deviceLic, assetId: lic }, 'INVALID', ['input', 'assetId']);
    await refused({ licenseId: deviceLic, assetId: deviceLic }, 'INVALID', ['input', 'assetId']);
  });

  test.each(['ORDERED', 'LOST', 'RETIRED', 'DISPOSED'])('a %s licence grants no seat (NOT_AVAILABLE)', async (status) => {
    const l = await newLicense(status === 'ORDERED' ? { status: 'ORDERED' } : {});
    if (status === 'LOST' || status === 'RETIRED') expect(ok(await changeStatus(l, status)).changeAssetStatus.userErrors).toEqual([]);
    if (status === 'DISPOSED') await app.sql(`UPDATE asset SET status = 'DISPOSED' WHERE id = $1`, [keyOf(l)]);
    await refused({ licenseId: l, personId: person }, 'NOT_AVAILABLE', ['input', 'licenseId']);
  });

  test('an expired licence grants no seat; one expiring today still does', async () => {
    const expired = await newLicense({ expiresOn: daysFromToday(-1) });
    await refused({ licenseId: expired, personId: person }, 'NOT_AVAILABLE', ['input', 'licenseId']);
    const today = await newLicense({ expiresOn: daysFromToday(0) });
    await assignOk({ licenseId: today, personId: person });
  });

  test('an inactive person, or a retired or disposed device, cannot take a seat', async () => {
    const gone = await newPerson({ active: false });
    await refused({ licenseId: lic, personId: gone }, 'NOT_AVAILABLE', ['input', 'personId']);
    const retired = await newHardware();
    ok(await changeStatus(retired, 'RETIRED'));
    await refused({ licenseId: deviceLic, assetId: retired }, 'NOT_AVAILABLE', ['input', 'assetId']);
    const disposed = await newHardware();
    await app.sql(`UPDATE asset SET status = 'DISPOSED' WHERE id = $1`, [keyOf(disposed)]);
    await refused({ licenseId: deviceLic, assetId: disposed }, 'NOT_AVAILABLE', ['input', 'assetId']);
  });

  test('a second active seat for the same assignee is ALREADY_EXISTS', async () => {
    const l = await newLicense({ metric: 'SITE' });
    const p = await newPerson();
    await assignOk({ licenseId: l, personId: p });
    await assignOk({ licenseId: l, assetId: hw });
    await refused({ licenseId: l, personId: p }, 'ALREADY_EXISTS', ['input', 'personId']);
    await refused({ licenseId: l, assetId: hw }, 'ALREADY_EXISTS', ['input', 'assetId']);
  });

  test('past seatsTotal is SEATS_EXHAUSTED', async () => {
    const l = await newLicense({ seatsTotal: 2 });
    await assignOk({ licenseId: l, personId: await newPerson() });
    await assignOk({ licenseId: l, personId: await newPerson() });
    await refused({ licenseId: l, personId: await newPerson() }, 'SEATS_EXHAUSTED', ['input', 'licenseId']);
    const none = await newLicense({ seatsTotal: 0 });
    await refused({ licenseId: none, personId: person }, 'SEATS_EXHAUSTED', ['input', 'licenseId']);
  });

  test('an over-long note is INVALID', async () => {
    await refused({ licenseId: lic, personId: person, note: 'x'.repeat(201) }, 'INVALID', ['input', 'note']);
  });

  test.each([Role.AUDITOR, Role.VIEWER])('%s may neither assign nor release', async (role) => {
    const l = await newLicense();
    const p = await newPerson();
    const before = await seatCount();
    const r = await assign({ licenseId: l, personId: p }, [role]);
    expect(r.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await seatCount()).toBe(before);
    const seat = (await assignOk({ licenseId: l, personId: p })).seat;
    const rel = await release({ seatId: seat.id }, [role]);
    expect(rel.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.sql('SELECT released_at FROM license_seat WHERE id = $1', [keyOf(seat.id)]))[0].released_at).toBeNull();
    // Reading is open to every role.
    expect((await license(l)).seatsUsed).toBe(1);
  });
});

describe('releasing seats', () => {
  test('a release keeps the row as history, frees the seat, and cannot be repeated', async () => {
    const l = await newLicense({ seatsTotal: 1 });
    const p = await newPerson();
    const seat = (await assignOk({ licenseId: l, personId: p, note: ' onboarding ' })).seat;
    expect(seat.note).toBe('onboarding');
    const r = ok(await release({ seatId: seat.id, note: 'left the team' })).releaseLicenseSeat;
    expect(r.userErrors).toEqual([]);
    expect(r.seat).toMatchObject({ id: seat.id, active: false, releasedBy: 'test-user', releaseReason: 'left the team' });
    expect(Date.parse(r.seat.releasedAt)).toBeGreaterThanOrEqual(Date.parse(seat.assignedAt));
    expect(r.license).toMatchObject({ id: l, seatsUsed: 0, seatsAvailable: 1 });
    const row = (await app.sql('SELECT released_at, released_by, release_reason FROM license_seat WHERE id = $1', [keyOf(seat.id)]))[0];
    expect(row).toMatchObject({ released_by: 'test-user', release_reason: 'left the team' });
    expect(row.released_at).toBeInstanceOf(Date);

    const again = ok(await release({ seatId: seat.id })).releaseLicenseSeat;
    expect(again).toMatchObject({ seat: null, license: null, userErrors: [expect.objectContaining({ code: 'NOT_AVAILABLE', field: ['input', 'seatId'] })] });
    expect((await app.sql('SELECT release_reason FROM license_seat WHERE id = $1', [keyOf(seat.id)]))[0].release_reason).toBe('left the team');

    // The freed seat can be taken again, by the same person too; the released seat stays readable.
    const second = await assignOk({ licenseId: l, personId: p });
    expect(second.seat.id).not.toBe(seat.id);
    expect(await seatCount(`license_id = '${keyOf(l)}'`)).toBe(2);
    const old = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on LicenseSeat { active releaseReason } } }`, { id: seat.id }));
    expect(old.node).toEqual({ active: false, releaseReason: 'left the team' });
    const listed = await app.gql(`query($id: ID!) { asset(id: $id) { ... on SoftwareLicense { seats { totalCount nodes { id } } } } }`, { id: l });
    expect(ok(listed).asset.seats).toEqual({ totalCount: 1, nodes: [{ id: second.seat.id }] });

    const plain = ok(await release({ seatId: second.seat.id })).releaseLicenseSeat;
    expect(plain.seat.releaseReason).toBe('released');
  });

  test('bad seat IDs and notes are clean userErrors', async () => {
    const l = await newLicense();
    const seat = (await assignOk({ licenseId: l, personId: await newPerson() })).seat;
    for (const [seatId, code] of [['garbage', 'NOT_FOUND'], ['', 'REQUIRED'], [l, 'NOT_FOUND'], [globalId('LicenseSeat', '00000000-0000-4000-8000-000000000000'), 'NOT_FOUND']]) {
      const r = ok(await release({ seatId })).releaseLicenseSeat;
      expect(r.userErrors).toEqual([expect.objectContaining({ code, field: ['input', 'seatId'] })]);
    }
    const long = ok(await release({ seatId: seat.id, note: 'x'.repeat(201) })).releaseLicenseSeat;
    expect(long.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'note'] })]);
    expect(await seatCount(`license_id = '${keyOf(l)}' AND released_at IS NULL`)).toBe(1);
  });
});

describe('leaving service releases seats', () => {
  test('a retired device gives back every seat it holds', async () => {
    const hw = await newHardware({ specs: { cores: 4 } });
    const perDevice = await newLicense({ metric: 'PER_DEVICE' });
    const perCore = await newLicense({ metric: 'PER_CORE', seatsTotal: 8 });
    await assignOk({ licenseId: perDevice, assetId: hw });
    await assignOk({ licenseId: perCore, assetId: hw });
    const other = await newHardware({ specs: { cores: 2 } });
    await assignOk({ licenseId: perCore, assetId: other });
    expect((await license(perCore)).seatsUsed).toBe(6);

    expect(ok(await changeStatus(hw, 'RETIRED')).changeAssetStatus.userErrors).toEqual([]);
    expect(await license(perDevice)).toMatchObject({ seatsUsed: 0, seatsAvailable: 5 });
    expect(await license(perCore)).toMatchObject({ seatsUsed: 2, seatsAvailable: 6 });
    const rows = await app.sql('SELECT released_at, released_by, release_reason FROM license_seat WHERE asset_id = $1', [keyOf(hw)]);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.released_at).toBeInstanceOf(Date);
      expect(row).toMatchObject({ released_by: 'test-user', release_reason: 'retired' });
    }
    expect(await seatCount(`asset_id = '${keyOf(other)}' AND released_at IS NULL`)).toBe(1);
  });

  test('a licence retired through updateSoftwareLicense grants no seats any more', async () => {
    const l = await newLicense();
    for (let i = 0; i < 2; i++) await assignOk({ licenseId: l, personId: await newPerson() });
    const r = ok(await updateLicense(l, { status: 'RETIRED' })).updateSoftwareLicense;
    expect(r.userErrors).toEqual([]);
    expect(r.asset.seatsUsed).toBe(0);
    expect(await seatCount(`license_id = '${keyOf(l)}' AND released_at IS NULL`)).toBe(0);
    expect(await seatCount(`license_id = '${keyOf(l)}' AND release_reason = 'retired'`)).toBe(2);
  });

  test('a refused retirement releases nothing', async () => {
    const hw = await newHardware();
    const l = await newLicense({ metric: 'PER_DEVICE' });
    await assignOk({ licenseId: l, assetId: hw });
    const r = ok(await app.gql(`mutation($i: ChangeAssetStatusInput!) { changeAssetStatus(input: $i) { userErrors { code } } }`,
      { i: { assetId: hw, status: 'RETIRED', reason: 'old', expectedVersion: 99 } })).changeAssetStatus;
    expect(r.userErrors[0].code).toBe('CONFLICT');
    expect((await license(l)).seatsUsed).toBe(1);
  });
});

describe('compliance', () => {
  test('UNDER_UTILIZED below half the seats (the default), COMPLIANT from half, EXPIRED first of all', async () => {
    const l = await newLicense({ seatsTotal: 10 });
    for (let i = 0; i < 4; i++) await assignOk({ licenseId: l, personId: await newPerson() });
    expect((await license(l)).compliance).toEqual({
      status: 'UNDER_UTILIZED', shortfall: 0, unusedSeats: 6, seatsUsed: 4, seatsTotal: 10, utilizationPercent: 40, message: expect.stringContaining('4 of 10'),
    });
    await assignOk({ licenseId: l, personId: await newPerson() });
    expect((await license(l)).compliance).toMatchObject({ status: 'COMPLIANT', shortfall: 0, unusedSeats: 5, seatsUsed: 5, utilizationPercent: 50 });

    const none = await newLicense({ seatsTotal: 0 });
    expect((await license(none)).compliance).toMatchObject({ status: 'COMPLIANT', shortfall: 0, unusedSeats: 0, utilizationPercent: null });

    // Over-allocated and expired: EXPIRED wins, and the numbers still tell the shortfall.
    const over = await newLicense({ seatsTotal: 1, allowOverallocation: true, expiresOn: daysFromToday(30) });
    for (let i = 0; i < 3; i++) await assignOk({ licenseId: over, personId: await newPerson() });
    expect((await license(over)).compliance.status).toBe('OVER_ALLOCATED');
    await app.sql(`UPDATE asset SET expires_on = CURRENT_DATE - 1 WHERE id = $1`, [keyOf(over)]);
    expect((await license(over)).compliance).toMatchObject({ status: 'EXPIRED', shortfall: 2, unusedSeats: 0, seatsUsed: 3 });
    // An unused licence expiring today is not yet expired.
    const today = await newLicense({ seatsTotal: 0, expiresOn: daysFromToday(0) });
    expect((await license(today)).compliance.status).toBe('COMPLIANT');
  });

  test('LICENSE_UNDERUSE_PERCENT moves the line', async () => {
    const strict = await startTestApp({ LICENSE_UNDERUSE_PERCENT: '90' });
    try {
      const l = await newLicense({ seatsTotal: 10 }, strict);
      for (let i = 0; i < 8; i++) await assignOk({ licenseId: l, personId: await newPerson({}, strict) }, strict);
      expect((await license(l, strict)).compliance).toMatchObject({ status: 'UNDER_UTILIZED', unusedSeats: 2, utilizationPercent: 80 });
      await assignOk({ licenseId: l, personId: await newPerson({}, strict) }, strict);
      expect((await license(l, strict)).compliance).toMatchObject({ status: 'COMPLIANT', unusedSeats: 1 });
    } finally {
      await strict.close();
    }
    // The same 8 of 10 under the default 50%: compliant.
    const l = await newLicense({ seatsTotal: 10 });
    for (let i = 0; i < 8; i++) await assignOk({ licenseId: l, personId: await newPerson() });
    expect((await license(l)).compliance.status).toBe('COMPLIANT');
  });
});

describe('updates keep the seats covered', () => {
  test('seatsTotal cannot drop below the seats in use unless over-allocation stays allowed', async () => {
    const l = await newLicense({ seatsTotal: 5 });
    for (let i = 0; i < 3; i++) await assignOk({ licenseId: l, personId: await newPerson() });
    const before = await license(l);
    const r = ok(await updateLicense(l, { seatsTotal: 2, name: 'renamed' })).updateSoftwareLicense;
    expect(r.userErrors).toEqual([expect.objectContaining({ code: 'SEATS_EXHAUSTED', field: ['input', 'seatsTotal'] })]);
    expect(await license(l)).toEqual(before);
    expect((await app.sql('SELECT name FROM asset WHERE id = $1', [keyOf(l)]))[0].name).not.toBe('renamed');

    expect(ok(await updateLicense(l, { seatsTotal: 3 })).updateSoftwareLicense.asset).toMatchObject({ seatsTotal: 3, seatsAvailable: 0 });
    const allowed = ok(await updateLicense(l, { seatsTotal: 1, allowOverallocation: true })).updateSoftwareLicense;
    expect(allowed.userErrors).toEqual([]);
    expect(allowed.asset).toMatchObject({ seatsTotal: 1, seatsUsed: 3, compliance: { status: 'OVER_ALLOCATED', shortfall: 2 } });
    // Already over with permission: other changes go through.
    expect(ok(await updateLicense(l, { name: 'still over' })).updateSoftwareLicense.userErrors).toEqual([]);
    expect(ok(await updateLicense(l, { seatsTotal: 2 })).updateSoftwareLicense.userErrors).toEqual([]);

    // Switching permission off while over-allocated is refused; with enough seats it is fine.
    const off = ok(await updateLicense(l, { allowOverallocation: false })).updateSoftwareLicense;
    expect(off.userErrors).toEqual([expect.objectContaining({ code: 'SEATS_EXHAUSTED', field: ['input', 'allowOverallocation'] })]);
    expect((await license(l)).allowOverallocation).toBe(true);
    const both = ok(await updateLicense(l, { allowOverallocation: false, seatsTotal: 3 })).updateSoftwareLicense;
    expect(both.userErrors).toEqual([]);
    expect(both.asset).toMatchObject({ allowOverallocation: false, seatsTotal: 3, compliance: { status: 'COMPLIANT', shortfall: 0 } });
  });

  test('the metric cannot change under seats that would no longer fit', async () => {
    const l = await newLicense({ metric: 'PER_USER' });
    await assignOk({ licenseId: l, personId: await newPerson() });
    const toDevice = ok(await updateLicense(l, { metric: 'PER_DEVICE' })).updateSoftwareLicense;
    expect(toDevice.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'metric'] })]);
    expect((await license(l)).metric).toBe('PER_USER');
    expect(ok(await updateLicense(l, { metric: 'CONCURRENT' })).updateSoftwareLicense.asset.metric).toBe('CONCURRENT');
    expect(ok(await updateLicense(l, { metric: 'SITE' })).updateSoftwareLicense.asset.metric).toBe('SITE');
    await assignOk({ licenseId: l, assetId: await newHardware() });
    for (const metric of ['PER_USER', 'PER_DEVICE', 'PER_CORE']) {
      expect(ok(await updateLicense(l, { metric })).updateSoftwareLicense.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'metric'] })]);
    }

    const core = await newLicense({ metric: 'PER_CORE', seatsTotal: 20 });
    await assignOk({ licenseId: core, assetId: await newVm(4) });
    expect(ok(await updateLicense(core, { metric: 'PER_DEVICE' })).updateSoftwareLicense.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'metric'] });
    const device = await newLicense({ metric: 'PER_DEVICE' });
    await assignOk({ licenseId: device, assetId: await newVm(4) });
    expect(ok(await updateLicense(device, { metric: 'PER_CORE' })).updateSoftwareLicense.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'metric'] });
    expect((await license(device)).metric).toBe('PER_DEVICE');

    // Without active seats, any metric goes.
    const empty = await newLicense({ metric: 'PER_USER' });
    expect(ok(await updateLicense(empty, { metric: 'PER_CORE' })).updateSoftwareLicense.userErrors).toEqual([]);
  });
});

describe('races', () => {
  test('30 concurrent assignments against 10 seats: exactly 10 succeed', async () => {
    const l = await newLicense({ seatsTotal: 10 });
    const people = await Promise.all(Array.from({ length: 30 }, () => newPerson()));
    const results = await Promise.all(people.map((p) => assign({ licenseId: l, personId: p })));
    const payloads = results.map((r) => ok(r).assignLicenseSeat);
    expect(payloads.filter((p) => p.userErrors.length === 0)).toHaveLength(10);
    expect(payloads.filter((p) => p.userErrors[0]?.code === 'SEATS_EXHAUSTED')).toHaveLength(20);
    expect(await seatCount(`license_id = '${keyOf(l)}' AND released_at IS NULL`)).toBe(10);
    expect(await license(l)).toMatchObject({ seatsUsed: 10, seatsAvailable: 0, compliance: { status: 'COMPLIANT', shortfall: 0 } });
  });

  test('the same person assigned eight times at once gets one seat', async () => {
    const l = await newLicense({ seatsTotal: 10 });
    const p = await newPerson();
    const payloads = (await Promise.all(Array.from({ length: 8 }, () => assign({ licenseId: l, personId: p })))).map((r) => ok(r).assignLicenseSeat);
    expect(payloads.filter((x) => x.userErrors.length === 0)).toHaveLength(1);
    expect(payloads.filter((x) => x.userErrors[0]?.code === 'ALREADY_EXISTS')).toHaveLength(7);
    expect(await seatCount(`license_id = '${keyOf(l)}'`)).toBe(1);
  });

  test('lowering seatsTotal while seats are being assigned never leaves more in use than bought', async () => {
    const l = await newLicense({ seatsTotal: 10 });
    for (let i = 0; i < 4; i++) await assignOk({ licenseId: l, personId: await newPerson() });
    const people = await Promise.all(Array.from({ length: 6 }, () => newPerson()));
    const [lowered, ...assigned] = await Promise.all([
      updateLicense(l, { seatsTotal: 6 }),
      ...people.map((p) => assign({ licenseId: l, personId: p })),
    ]);
    const won = assigned.filter((r) => ok(r).assignLicenseSeat.userErrors.length === 0).length;
    const lowerErrors = ok(lowered).updateSoftwareLicense.userErrors;
    const row = (await app.sql(`SELECT seats_total FROM asset WHERE id = $1`, [keyOf(l)]))[0];
    const used = await seatCount(`license_id = '${keyOf(l)}' AND released_at IS NULL`);
    expect(used).toBe(4 + won);
    expect(used).toBeLessThanOrEqual(row.seats_total);
    expect(row.seats_total).toBe(lowerErrors.length === 0 ? 6 : 10);
  });

  test('retiring a device while it is being given seats leaves no active seat on it', async () => {
    const hw = await newHardware();
    const licences = await Promise.all(Array.from({ length: 6 }, () => newLicense({ metric: 'PER_DEVICE' })));
    const [retired, ...results] = await Promise.all([changeStatus(hw, 'RETIRED'), ...licences.map((l) => assign({ licenseId: l, assetId: hw }))]);
    expect(ok(retired).changeAssetStatus.userErrors).toEqual([]);
    for (const r of results) {
      const errs = ok(r).assignLicenseSeat.userErrors;
      if (errs.length) expect(errs[0]).toMatchObject({ code: 'NOT_AVAILABLE', field: ['input', 'assetId'] });
    }
    expect(await seatCount(`asset_id = '${keyOf(hw)}' AND released_at IS NULL`)).toBe(0);
  });
});

describe('reading seats', () => {
  test('seats pages oldest first with keyset cursors', async () => {
    const l = await newLicense({ seatsTotal: 10 });
    const seats: string[] = [];
    for (let i = 0; i < 5; i++) seats.push((await assignOk({ licenseId: l, personId: await newPerson() })).seat.id);
    const Q = `query($id: ID!, $first: Int, $after: String) { asset(id: $id) { ... on SoftwareLicense {
      seats(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } } } }`;
    const p1 = ok(await app.gql(Q, { id: l, first: 2 })).asset.seats;
    expect(p1.totalCount).toBe(5);
    expect(p1.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(seats.slice(0, 2));
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const p2 = ok(await app.gql(Q, { id: l, first: 2, after: p1.pageInfo.endCursor })).asset.seats;
    expect(p2.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(seats.slice(2, 4));
    expect(p2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const p3 = ok(await app.gql(Q, { id: l, first: 2, after: p2.pageInfo.endCursor })).asset.seats;
    expect(p3.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(seats.slice(4));
    expect(p3.pageInfo.hasNextPage).toBe(false);

    // A released seat leaves the list; the cursor of a page still continues after it.
    ok(await release({ seatId: seats[2] }));
    const again = ok(await app.gql(Q, { id: l, first: 10, after: p1.pageInfo.endCursor })).asset.seats;
    expect(again.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([seats[3], seats[4]]);
    expect(again.totalCount).toBe(4);

    const bad = (args: Record<string, unknown>) => app.gql(Q, { id: l, ...args }).then((r) => r.body.errors?.[0].extensions?.code);
    expect(await bad({ after: 'garbage' })).toBe('BAD_USER_INPUT');
    expect(await bad({ first: -1 })).toBe('BAD_USER_INPUT');
    expect(await bad({ first: 101 })).toBe('QUERY_TOO_COMPLEX');
    const forged = Buffer.from(JSON.stringify(['seats', 'not-a-time', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    expect(await bad({ after: forged })).toBe('BAD_USER_INPUT');
    const otherList = Buffer.from(JSON.stringify(['maintenance', '2024-01-01T00:00:00.000000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    expect(await bad({ after: otherList })).toBe('BAD_USER_INPUT');
  });

  test('a page of 12 licences costs the same statements as a page of 2', async () => {
    const tag = `lic-batch-${Date.now()}`;
    const hw = await newHardware({ name: 'Batch server' });
    for (let i = 0; i < 12; i++) {
      const l = await newLicense({ metric: 'SITE', seatsTotal: 4, tags: [tag] });
      await assignOk({ licenseId: l, personId: await newPerson() });
      await assignOk({ licenseId: l, assetId: hw });
    }
    const Q = `query($first: Int!, $tag: String!) { assets(first: $first, filter: { tags: [$tag] }) { nodes { id ... on SoftwareLicense {
      seatsUsed seatsAvailable compliance { status shortfall unusedSeats }
      seats(first: 5) { totalCount nodes { id quantity license { id } assignee { __typename ... on Person { displayName } ... on Hardware { name } } } } } } } }`;
    const counts: Record<number, number> = {};
    for (const first of [2, 12]) {
      const res = await app.gql(Q, { first, tag });
      const data = ok(res);
      expect(data.assets.nodes).toHaveLength(first);
      for (const n of data.assets.nodes) {
        expect(n).toMatchObject({ seatsUsed: 2, seatsAvailable: 2, compliance: { status: 'COMPLIANT', shortfall: 0, unusedSeats: 2 } });
        expect(n.seats.totalCount).toBe(2);
        expect(n.seats.nodes.map((s: { assignee: { __typename: string } }) => s.assignee.__typename)).toEqual(['Person', 'Hardware']);
        for (const s of n.seats.nodes) expect(s.license.id).toBe(n.id);
      }
      counts[first] = Number(res.headers['x-sql-statements']);
    }
    // assets page, seats used, seat pages, seat counts, people, devices.
    expect(counts[2]).toBe(6);
    expect(counts[12]).toBe(counts[2]);
  });
});

describe('licence keys', () => {
  test('are stored and read back exactly as given, leading, trailing and inner spaces and dashes included', async () => {
    const key = '  AB12-CD34  EF56 -- GH78\tX ';
    const r = ok(await app.gql(`mutation($i: CreateSoftwareLicenseInput!) { createSoftwareLicense(input: $i) { asset { id ... on SoftwareLicense { licenseKey } } userErrors { message } } }`, {
      i: { name: 'Keyed', product: 'Suite', licenseType: 'PERPETUAL', metric: 'SITE', seatsTotal: 1, licenseKey: key },
    })).createSoftwareLicense;
    expect(r.asset.licenseKey).toBe(key);
    expect((await app.sql('SELECT license_key FROM asset WHERE id = $1', [keyOf(r.asset.id)]))[0].license_key).toBe(key);
    const key2 = 'ZZZZ - 9999 - a b c';
    const u = ok(await updateLicense(r.asset.id, { licenseKey: key2 })).updateSoftwareLicense;
    expect(u.asset.licenseKey).toBe(key2);
    expect((await app.sql('SELECT license_key FROM asset WHERE id = $1', [keyOf(r.asset.id)]))[0].license_key).toBe(key2);
  });
});
