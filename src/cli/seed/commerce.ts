/** Contracts with the assets they cover, and licence seats. */
import { ACTORS } from './catalog';
import { lastMoment } from './custody';
import { weighted } from './random';
import { DAY_MS, HOUR_MS, money, type AssetInfo, type Vendor, type World } from './world';

interface ContractType {
  type: string;
  code: string;
  weight: number;
  /** Term in months (PURCHASE: none). */
  months: number[];
  label: string;
  cost: [number, number];
}

const TYPES: ContractType[] = [
  { type: 'SUPPORT', code: 'SUP', weight: 18, months: [12, 36, 60], label: 'Support', cost: [1500, 90000] },
  { type: 'MAINTENANCE', code: 'MNT', weight: 8, months: [12, 24], label: 'Maintenance', cost: [800, 30000] },
  { type: 'LEASE', code: 'LSE', weight: 14, months: [36, 48], label: 'Lease', cost: [5000, 400000] },
  { type: 'WARRANTY', code: 'WTY', weight: 14, months: [36, 60], label: 'Extended warranty', cost: [200, 25000] },
  { type: 'SUBSCRIPTION', code: 'SUB', weight: 20, months: [12, 12, 36], label: 'Subscription', cost: [600, 250000] },
  { type: 'LICENSE_AGREEMENT', code: 'LIC', weight: 10, months: [36], label: 'Licence agreement', cost: [5000, 900000] },
  { type: 'SLA', code: 'SLA', weight: 6, months: [12, 24], label: 'Service level agreement', cost: [1000, 60000] },
  { type: 'PURCHASE', code: 'PUR', weight: 10, months: [], label: 'Purchase agreement', cost: [1000, 500000] },
];

const SLA_TERMS = [
  'Next-business-day on-site repair; 4-hour response for priority 1',
  '24×7 phone support; 4-hour on-site for critical systems',
  '99.95% monthly availability; service credits of 10–25% of the monthly fee below it',
  '99.9% availability; incident response within 30 minutes',
  'Advance replacement of failed parts; firmware updates included',
];

const LEASEABLE = new Set(['LAPTOP', 'DESKTOP', 'PHONE', 'TABLET', 'MONITOR', 'DOCKING_STATION']);

export async function generateContracts(w: World, pause: (i: number) => Promise<void>): Promise<void> {
  const rng = w.rng.fork('contracts');
  const n = Math.max(10, Math.round(w.config.scale / 2));
  const pickType = weighted(TYPES.map((t) => [t, t.weight] as const));
  const hw = w.assets.filter((a) => a.kind === 'HARDWARE');
  const pools: Record<string, AssetInfo[]> = {
    LEASE: hw.filter((a) => a.category && LEASEABLE.has(a.category)),
    SUPPORT: w.assets.filter((a) => (a.kind === 'HARDWARE' && !a.personal) || a.kind === 'NETWORK_DEVICE'),
    MAINTENANCE: w.assets.filter((a) => (a.kind === 'HARDWARE' && !a.personal) || a.kind === 'NETWORK_DEVICE'),
    WARRANTY: hw,
    SUBSCRIPTION: w.assets.filter((a) => a.kind === 'CLOUD_RESOURCE' || (a.kind === 'SOFTWARE_LICENSE' && a.licenseType === 'SUBSCRIPTION')),
    LICENSE_AGREEMENT: w.assets.filter((a) => a.kind === 'SOFTWARE_LICENSE'),
    SLA: w.assets.filter((a) => a.kind === 'CLOUD_RESOURCE' || a.kind === 'VIRTUAL_MACHINE'),
    PURCHASE: w.assets.filter((a) => a.kind === 'HARDWARE' || a.kind === 'NETWORK_DEVICE'),
  };
  const vendorsFor: Record<string, Vendor[]> = {
    LEASE: [w.vendor('Meridian Leasing'), w.vendor('Dell Technologies'), w.vendor('Keystone Technology Partners')],
    SUPPORT: [...w.vendorsWithRole('SERVICE_PROVIDER'), ...['Dell Technologies', 'Hewlett Packard Enterprise', 'Cisco', 'NetApp', 'Fortinet'].map((v) => w.vendor(v))],
    MAINTENANCE: w.vendorsWithRole('SERVICE_PROVIDER'),
    WARRANTY: w.vendorsWithRole('MANUFACTURER'),
    SUBSCRIPTION: [...w.vendorsWithRole('CLOUD_PROVIDER'), w.vendor('Pinecrest Software Licensing'), w.vendor('Microsoft')],
    LICENSE_AGREEMENT: [w.vendor('Microsoft'), w.vendor('Pinecrest Software Licensing'), ...w.vendorsWithRole('SUPPLIER')],
    SLA: [...w.vendorsWithRole('CLOUD_PROVIDER'), w.vendor('Northgate Datacenter Services')],
    PURCHASE: w.vendorsWithRole('SUPPLIER'),
  };
  const t = w.data.contract;
  const links = w.data.contract_asset;
  const now = lastMoment(w);
  for (let i = 0; i < n; i++) {
    await pause(i);
    const spec = i < 3 ? TYPES.find((x) => x.type === (i === 2 ? 'SUBSCRIPTION' : 'SUPPORT'))! : pickType(rng);
    const vendor = rng.pick(vendorsFor[spec.type]);
    let start = -rng.int(0, 5 * 365) + (rng.chance(0.03) ? rng.int(30, 60) : 0);
    const months = spec.months.length ? rng.pick(spec.months) : 0;
    const term = Math.round(months * 30.44);
    let ends: number | null = months ? start + term - 1 : null;
    const autoRenew = months > 0 && ['SUBSCRIPTION', 'SLA', 'SUPPORT'].includes(spec.type) && rng.chance(0.5);
    if (autoRenew && ends !== null) {
      // Renewed term by term: the current term.
      while (ends < 0) {
        start += term;
        ends += term;
      }
    }
    let renews: number | null = autoRenew && ends !== null ? ends + 1 : null;
    let notice = autoRenew ? rng.pick([30, 60, 90]) : rng.pick([0, 0, 30, 60, 90]);
    let auto = autoRenew;
    // Two contracts end within weeks, one needs a renewal decision within days: the expiry radar shows them at any scale.
    if (i < 2) {
      ends = i === 0 ? 12 : 25;
      start = Math.min(start, ends - 365);
      renews = null;
      auto = false;
      notice = 0;
    } else if (i === 2) {
      renews = 40;
      ends = 39;
      start = ends - 364;
      auto = true;
      notice = 30;
    }
    const startDate = w.day(start);
    const createdMs = Math.min(w.t0 + (start - rng.int(1, 30)) * DAY_MS + 9 * HOUR_MS + rng.int(0, 8 * HOUR_MS), now - DAY_MS);
    const id = rng.uuid();
    const pool = pools[spec.type];
    const u = rng.next();
    const k = !pool.length ? 0 : u < 0.6 ? rng.int(1, 2) : u < 0.88 ? rng.int(3, 6) : u < 0.98 ? rng.int(7, 20) : rng.int(21, 60);
    const covered = rng.sample(pool, k);
    let linked = 0;
    for (const a of covered) {
      const at = Math.max(createdMs, a.createdMs) + rng.int(1, 72) * HOUR_MS;
      // A link is made while the asset is in service (a DISPOSED asset refuses new links).
      if (at >= a.goneMs || at >= now) continue;
      links.add({ contract_id: id, asset_id: a.id, linked_at: w.iso(at) });
      linked++;
    }
    const currency = rng.chance(0.75) ? 'EUR' : 'USD';
    const cost = rng.chance(0.9) ? money(rng.int(spec.cost[0], spec.cost[1])) : null;
    const title = spec.type === 'LEASE' ? `Lease of ${linked || 'several'} end-user devices (${months} months)`
      : spec.type === 'PURCHASE' ? `${vendor.name} purchase agreement ${startDate.slice(0, 4)}`
      : `${vendor.name} ${spec.label.toLowerCase()} ${startDate.slice(0, 4)}`;
    t.add({
      id, contract_number: `${spec.code}-${startDate.slice(0, 4)}-${String(i + 1).padStart(6, '0')}`, title, type: spec.type, vendor_id: vendor.id,
      starts_on: startDate, ends_on: ends !== null ? w.day(ends) : null, renews_on: renews !== null ? w.day(renews) : null, auto_renew: auto,
      notice_period_days: notice, cost, cost_currency: cost ? currency : null,
      sla_terms: ['SLA', 'SUPPORT', 'MAINTENANCE'].includes(spec.type) ? rng.pick(SLA_TERMS) : null,
      created_at: w.iso(createdMs), updated_at: w.iso(auto && start > -365 ? Math.max(createdMs, Math.min(now - HOUR_MS, w.t0 + start * DAY_MS)) : createdMs),
      version: 1 + linked,
    });
  }
}

const PERSON_METRICS = new Set(['PER_USER', 'CONCURRENT', 'SITE']);

/** Who can hold a seat: a person or a device, with when it arrived and when it left (Infinity: still here). */
interface Assignee {
  id: string;
  createdMs: number;
  goneMs: number;
  cores: number | null;
}

export async function generateSeats(w: World, pause: (i: number) => Promise<void>): Promise<void> {
  const rng = w.rng.fork('seats');
  const t = w.data.license_seat;
  const now = lastMoment(w);
  const people: Assignee[] = w.people.map((p) => ({ id: p.id, createdMs: p.createdMs, goneMs: p.deactivatedMs ?? Infinity, cores: null }));
  const devices: AssetInfo[] = w.assets.filter((a) => (a.kind === 'HARDWARE' && (a.category === 'LAPTOP' || a.category === 'DESKTOP' || a.category === 'SERVER')) || a.kind === 'VIRTUAL_MACHINE');
  const coreDevices = devices.filter((a) => a.cores !== null && (a.kind === 'VIRTUAL_MACHINE' || a.category === 'SERVER'));
  const actor = () => rng.pick(ACTORS);
  let i = 0;
  for (const lic of w.assets) {
    await pause(i++);
    if (lic.kind !== 'SOFTWARE_LICENSE' || (lic.status !== 'IN_USE' && lic.status !== 'RETIRED')) continue;
    const total = lic.seatsTotal;
    const metric = lic.metric!;
    const byPerson = PERSON_METRICS.has(metric);
    // A site licence covers everyone: only a few named seats are recorded on it.
    const target = lic.overallocated ? total + rng.int(2, 4)
      : metric === 'SITE' ? rng.int(0, Math.min(total, 15))
      : Math.round(total * (rng.chance(0.15) ? 0.2 + 0.25 * rng.next() : 0.55 + 0.45 * rng.next()));
    const pool: Assignee[] = byPerson ? people : metric === 'PER_CORE' ? coreDevices : devices;
    const candidates = rng.sample(pool, Math.ceil(target * 1.15) + 1);
    const licenceEnd = lic.status === 'RETIRED' ? lic.goneMs : Infinity;
    let used = 0;
    let count = 0;
    for (const c of candidates) {
      if (count >= target) break;
      const q = metric === 'PER_CORE' ? c.cores! : 1;
      const from = Math.max(lic.createdMs, c.createdMs) + HOUR_MS;
      // When the seat was given back: the person left, the device was retired, or the licence was.
      const releasedMs = Math.min(c.goneMs, licenceEnd);
      const upTo = Math.min(releasedMs, now);
      if (from >= upTo) continue;
      const active = releasedMs === Infinity;
      if (active && !lic.overallocated && used + q > total) continue;
      const assigned = from + Math.floor(rng.next() * (upTo - from));
      const reason = active ? null : licenceEnd <= c.goneMs ? 'retired' : byPerson ? 'person deactivated' : 'retired';
      t.add({
        id: rng.uuid(), license_id: lic.id, assignee_type: byPerson ? 'PERSON' : 'ASSET',
        person_id: byPerson ? c.id : null, asset_id: byPerson ? null : c.id,
        quantity: q, assigned_at: w.iso(assigned), assigned_by: actor(), note: rng.chance(0.05) ? 'Requested via service desk' : null,
        released_at: active ? null : w.iso(Math.max(releasedMs, assigned)), released_by: active ? null : actor(), release_reason: reason,
      });
      if (active) used += q;
      count++;
    }
  }
}
