/**
 * Assets of every kind with their histories: custody chains, physical audits,
 * maintenance, retirements and disposals (with sanitisation where the asset
 * bears data), and the relations of data assets and certificates.
 */
import {
  ACTORS, BACKUP_POLICIES, CERT_HOSTS, CERT_ISSUERS, CLOUD, DATA_ASSETS, DOMAIN, ENVIRONMENTS, HARDWARE, MAINTENANCE_TEXT,
  NETWORK, OPERATING_SYSTEMS, REGIONS, SERVICES, SOFTWARE, SPECS, VM_OS, type HardwareCategorySpec,
} from './catalog';
import { lastMoment, runCustody, type WalkPlan, type WalkResult } from './custody';
import { weighted, type Rng } from './random';
import type { Row } from './tables';
import { clamp, DAY_MS, HOUR_MS, money, serialFrom, type AssetInfo, type Party, type Person, type Site, type Vendor, type World } from './world';

const KIND_MIX: Array<[string, number]> = [
  ['SOFTWARE_LICENSE', 0.08], ['NETWORK_DEVICE', 0.06], ['CLOUD_RESOURCE', 0.1], ['VIRTUAL_MACHINE', 0.13], ['DATA_ASSET', 0.04], ['CERTIFICATE', 0.04],
];

/** Share of each status per kind, and the least number of it at any scale (the demo shows each case); the rest are IN_USE. */
const STATUS_MIX: Record<string, Array<[string, number, number]>> = {
  HARDWARE: [['IN_STOCK', 0.17, 2], ['IN_MAINTENANCE', 0.02, 1], ['ORDERED', 0.02, 1], ['LOST', 0.015, 1], ['RETIRED', 0.06, 2], ['DISPOSED', 0.115, 4]],
  NETWORK_DEVICE: [['IN_STOCK', 0.08, 0], ['IN_MAINTENANCE', 0.02, 0], ['ORDERED', 0.02, 0], ['RETIRED', 0.05, 0], ['DISPOSED', 0.08, 1]],
  SOFTWARE_LICENSE: [['IN_STOCK', 0.05, 0], ['ORDERED', 0.03, 0], ['RETIRED', 0.12, 1]],
  CLOUD_RESOURCE: [['IN_STOCK', 0.02, 0], ['RETIRED', 0.08, 0], ['DISPOSED', 0.02, 0]],
  VIRTUAL_MACHINE: [['IN_STOCK', 0.03, 0], ['IN_MAINTENANCE', 0.02, 0], ['RETIRED', 0.06, 0], ['DISPOSED', 0.04, 1]],
  DATA_ASSET: [['RETIRED', 0.06, 0], ['DISPOSED', 0.04, 0]],
  CERTIFICATE: [['IN_STOCK', 0.05, 0], ['RETIRED', 0.1, 1]],
};

const LIVE = new Set(['IN_USE', 'IN_STOCK', 'IN_MAINTENANCE']);
const GONE = new Set(['RETIRED', 'DISPOSED']);
const SHORT: Record<string, string> = {
  'Dell Technologies': 'Dell', 'HP Inc.': 'HP', 'Hewlett Packard Enterprise': 'HPE', 'APC by Schneider Electric': 'APC',
  'Vodafone Business': 'Vodafone', 'LG Electronics': 'LG', 'Aruba Networks': 'Aruba', 'Juniper Networks': 'Juniper', 'Palo Alto Networks': 'Palo Alto',
};
const FX: Record<string, number> = { EUR: 1, USD: 1.08, GBP: 0.86, CHF: 0.95 };
const CLOUD_VENDOR: Record<string, string | null> = { AWS: 'Amazon Web Services', AZURE: 'Microsoft Azure', GCP: 'Google Cloud', OCI: 'Oracle Cloud Infrastructure', OTHER: null };
const NET_PREFIX: Record<string, string> = { SWITCH: 'sw', ROUTER: 'rtr', FIREWALL: 'fw', WIRELESS_ACCESS_POINT: 'ap', LOAD_BALANCER: 'lb', MODEM: 'mdm', OTHER: 'net' };
const OUI: Record<string, string> = { Cisco: '00:1b:54', 'Aruba Networks': '00:1a:1e', 'Juniper Networks': '00:05:85', Ubiquiti: '24:5a:4c', Fortinet: '00:09:0f', 'Palo Alto Networks': '00:1b:17', F5: '00:01:d7', Zyxel: '00:a0:c5' };

/** Per-kind counts: every kind at least three times, hardware the rest. */
function kindCounts(n: number): Record<string, number> {
  const counts: Record<string, number> = {};
  let rest = n;
  for (const [k, p] of KIND_MIX) {
    counts[k] = Math.max(3, Math.floor(n * p));
    rest -= counts[k];
  }
  counts.HARDWARE = rest;
  return counts;
}

/** The statuses of n assets of a kind, shuffled; the first one is IN_USE when any is. */
function statusList(rng: Rng, kind: string, n: number): string[] {
  const out: string[] = [];
  for (const [status, share, min] of STATUS_MIX[kind]) {
    const c = Math.min(Math.max(min, Math.round(n * share)), Math.max(0, n - out.length - 1));
    for (let i = 0; i < c; i++) out.push(status);
  }
  while (out.length < n) out.push('IN_USE');
  rng.shuffle(out);
  const first = out.indexOf('IN_USE');
  if (first > 0) [out[0], out[first]] = [out[first], out[0]];
  return out;
}

/** Dates of an asset that left service: retired some time after receipt, disposed after that. */
interface Lifetime {
  createdMs: number;
  orderedDay: number;
  receivedMs: number | null;
  retiredMs: number | null;
  disposedMs: number | null;
  /** End of the custody walk. */
  endMs: number;
  maintenanceStartMs: number | null;
}

function lifetime(w: World, rng: Rng, status: string, ageDays: number): Lifetime {
  if (status === 'ORDERED') {
    const orderedAgo = rng.int(1, 30);
    return { createdMs: w.officeTime(rng, orderedAgo), orderedDay: -orderedAgo, receivedMs: null, retiredMs: null, disposedMs: null, endMs: lastMoment(w), maintenanceStartMs: null };
  }
  const orderedAgo = ageDays + rng.int(5, 30);
  const createdMs = w.officeTime(rng, orderedAgo);
  const receivedMs = w.officeTime(rng, ageDays);
  let retiredMs: number | null = null;
  let disposedMs: number | null = null;
  let endMs = lastMoment(w);
  let maintenanceStartMs: number | null = null;
  if (status === 'DISPOSED') {
    const disposedAgo = rng.int(3, Math.max(4, Math.min(900, ageDays - 130)));
    disposedMs = w.officeTime(rng, disposedAgo);
    retiredMs = w.officeTime(rng, disposedAgo + rng.int(7, 120));
    endMs = retiredMs - HOUR_MS;
  } else if (status === 'RETIRED') {
    retiredMs = w.officeTime(rng, rng.int(3, Math.max(4, Math.min(700, ageDays - 40))));
    endMs = retiredMs - HOUR_MS;
  } else if (status === 'IN_MAINTENANCE') {
    maintenanceStartMs = w.officeTime(rng, rng.int(1, Math.max(1, Math.min(12, ageDays - 2))));
    endMs = maintenanceStartMs - HOUR_MS;
  }
  return { createdMs, orderedDay: -orderedAgo, receivedMs, retiredMs, disposedMs, endMs, maintenanceStartMs };
}

/** How many hand-overs an end-user device went through: most a few, some dozens, loaner pool devices hundreds. */
function eventCount(rng: Rng, loaner: boolean, personal: boolean, days: number): number {
  let n: number;
  if (!personal) n = rng.int(0, 3);
  else if (loaner) n = rng.skewed(80, 1000, 3);
  else if (rng.chance(0.78)) n = rng.int(0, 5);
  else n = rng.int(6, 50);
  return Math.min(n, Math.max(0, Math.floor(days)));
}

export class AssetGenerator {
  private readonly rng: Rng;
  private readonly custodyRng: Rng;
  private readonly personById = new Map<string, Person>();
  private readonly purchaseFixtures = { warranty: [4, 12, 26] };
  private overdueLeft = 2;
  private readonly pickCategory: (rng: Rng) => HardwareCategorySpec;
  private readonly suppliers: Vendor[];
  private readonly serviceProviders: Vendor[];
  private readonly recyclers: Vendor[];
  private readonly itInfra: string;
  private readonly netOps: string;
  private readonly engineering: string[];

  constructor(private readonly w: World) {
    this.rng = w.rng.fork('assets');
    this.custodyRng = w.rng.fork('custody');
    for (const p of w.people) this.personById.set(p.id, p);
    this.pickCategory = weighted(HARDWARE.map((h) => [h, h.weight] as const));
    this.suppliers = w.vendorsWithRole('SUPPLIER');
    this.serviceProviders = w.vendorsWithRole('SERVICE_PROVIDER');
    this.recyclers = w.vendorsWithRole('RECYCLER');
    this.itInfra = (w.departmentByCode.get('IT-02') ?? w.department('IT')).id;
    this.netOps = (w.departmentByCode.get('IT-03') ?? w.department('IT')).id;
    this.engineering = w.departments.filter((d) => d.code.startsWith('ENG')).map((d) => d.id);
  }

  /**
   * Every kind in turn. It pauses now and then (an event-loop turn), so that a COPY
   * of the custody events can send what is ready while the rest is being generated.
   */
  async generate(): Promise<void> {
    const counts = kindCounts(this.w.config.scale);
    await this.hardware(counts.HARDWARE);
    await this.network(counts.NETWORK_DEVICE);
    await this.cloud(counts.CLOUD_RESOURCE);
    await this.virtualMachines(counts.VIRTUAL_MACHINE);
    await this.licences(counts.SOFTWARE_LICENSE);
    await this.dataAssets(counts.DATA_ASSET);
    await this.certificates(counts.CERTIFICATE);
  }

  private async pause(i: number): Promise<void> {
    if ((i & 127) === 127) await new Promise((resolve) => setImmediate(resolve));
  }

  // ------------------------------------------------------------------ shared pieces

  private site(): Site {
    const w = this.w;
    return this.rng.chance(0.3) ? w.sites[0] : w.sites[this.rng.int(0, w.sites.length - 1)];
  }

  private personOf(site: Site): Party {
    const rng = this.custodyRng;
    const pool = rng.chance(0.9) ? this.w.activePeopleBySite[site.index] : this.w.activePeople;
    return { type: 'PERSON', id: rng.pick(pool).id };
  }

  private randomDepartment(rng: Rng): string {
    return rng.pick(this.w.departments).id;
  }

  private supplierFor(manufacturer: string | null): Vendor {
    const v = manufacturer ? this.w.vendorByName.get(manufacturer) : undefined;
    if (v && v.roles.includes('SUPPLIER') && this.rng.chance(0.5)) return v;
    return this.rng.pick(this.suppliers);
  }

  /** Purchase, warranty and depreciation columns of physical equipment. */
  private purchase(kindCost: [number, number], currency: string, manufacturer: string, life: number, life0: Lifetime, live: boolean): Row {
    const rng = this.rng;
    const w = this.w;
    const cost = rng.int(kindCost[0], kindCost[1]) * FX[currency];
    const receivedDay = life0.receivedMs !== null ? w.dayOffsetOf(life0.receivedMs) : null;
    const orderYear = w.day(life0.orderedDay).slice(0, 4);
    const row: Row = {
      purchase_ordered_on: w.day(life0.orderedDay),
      purchase_received_on: receivedDay !== null ? w.day(receivedDay) : null,
      purchase_cost: money(cost),
      purchase_currency: currency,
      purchase_supplier_id: this.supplierFor(manufacturer).id,
      purchase_order_number: `PO-${orderYear}-${String(rng.int(1, 99999)).padStart(5, '0')}`,
      purchase_invoice_number: receivedDay !== null && rng.chance(0.9) ? `INV-${rng.int(100000, 999999)}` : null,
    };
    if (receivedDay !== null) {
      const months = rng.pick(life >= 60 ? [36, 60, 60] : life >= 48 ? [36, 48] : [12, 24, 36, 36]);
      let warrantyDay = receivedDay + Math.round(months * 30.44);
      // A few live assets whose warranty runs out within the radar's default window.
      if (live && this.purchaseFixtures.warranty.length) warrantyDay = this.purchaseFixtures.warranty.shift()!;
      const mfr = w.vendorByName.get(manufacturer);
      row.warranty_ends_on = w.day(warrantyDay);
      row.warranty_provider_id = mfr && rng.chance(0.7) ? mfr.id : rng.pick(this.serviceProviders).id;
      const declining = rng.chance(0.2);
      row.depreciation_method = declining ? 'DECLINING_BALANCE' : 'STRAIGHT_LINE';
      row.depreciation_useful_life_months = life;
      row.depreciation_salvage_value = money(declining ? cost * rng.int(5, 10) / 100 : rng.chance(0.6) ? 0 : cost * 0.05);
      row.depreciation_in_service_on = w.day(receivedDay);
    }
    return row;
  }

  /** The disposal record (and who takes the asset) of a DISPOSED asset. */
  private disposal(assetId: string, life0: Lifetime, dataBearing: boolean, physical: boolean, manufacturer: string | null, currency: string): { vendorId: string; ms: number; note: string | null } | null {
    const rng = this.rng;
    const w = this.w;
    const ms = life0.disposedMs!;
    let method: string;
    let vendor: Vendor | null = null;
    if (!physical) {
      method = 'DESTRUCTION';
    } else {
      const u = rng.next();
      if (u < 0.45) {
        method = 'RECYCLE';
        vendor = rng.pick(this.recyclers);
      } else if (u < 0.6) {
        method = 'RESALE';
        vendor = w.vendor('Second Life Devices');
      } else if (u < 0.7) {
        method = 'DONATION';
      } else if (u < 0.82) {
        method = 'LEASE_RETURN';
        vendor = w.vendor('Meridian Leasing');
      } else if (u < 0.88 && manufacturer && w.vendorByName.has(manufacturer)) {
        method = 'MANUFACTURER_BUYBACK';
        vendor = w.vendor(manufacturer);
      } else {
        method = 'DESTRUCTION';
        vendor = w.vendor('SecureShred Data Destruction');
      }
    }
    let san: Row = {};
    if (dataBearing) {
      const [m, tech] = !physical
        ? ['PURGE', 'CRYPTOGRAPHIC_ERASE']
        : method === 'DESTRUCTION' ? ['DESTROY', rng.pick(['SHRED', 'DISINTEGRATE', 'PULVERIZE'])]
        : rng.pick([['CLEAR', 'OVERWRITE'], ['CLEAR', 'FACTORY_RESET'], ['PURGE', 'SECURE_ERASE'], ['PURGE', 'CRYPTOGRAPHIC_ERASE'], ['PURGE', 'BLOCK_ERASE']]);
      const performed = ms - rng.int(1, 6) * DAY_MS;
      san = {
        sanitization_method: m,
        sanitization_technique: tech,
        sanitization_performed_at: w.iso(Math.max(performed, life0.retiredMs! + HOUR_MS)),
        sanitization_performed_by: vendor && method !== 'RESALE' ? `${vendor.name} technician` : rng.pick(ACTORS),
        sanitization_verified_by: rng.chance(0.8) ? rng.pick(ACTORS) : null,
        sanitization_certificate_number: rng.chance(0.85) ? `SAN-${w.dateOf(ms).slice(0, 4)}-${String(rng.int(1, 99999)).padStart(5, '0')}` : null,
      };
    }
    const recovered = method === 'RESALE' || method === 'MANUFACTURER_BUYBACK' ? money(rng.int(20, 400) * FX[currency]) : null;
    const note = method === 'DONATION' ? 'Donated to a local school' : method === 'LEASE_RETURN' ? 'Returned at the end of the lease term' : rng.chance(0.2) ? 'Batch collection' : null;
    w.data.disposal.add({
      asset_id: assetId, method, disposed_on: w.dateOf(ms), vendor_id: vendor?.id ?? null, vendor_certifications: vendor?.certifications ?? [],
      ...san,
      recovered_value: recovered, recovered_currency: recovered ? currency : null,
      certificate_of_disposal_number: method === 'RECYCLE' || method === 'DESTRUCTION' ? `COD-${w.dateOf(ms).slice(0, 4)}-${String(rng.int(1, 999999)).padStart(6, '0')}` : null,
      note, recorded_at: w.iso(ms), recorded_by: rng.pick(ACTORS),
    });
    return vendor ? { vendorId: vendor.id, ms, note } : null;
  }

  /** Maintenance history: work in progress for IN_MAINTENANCE assets, done, planned and cancelled work for some others. */
  private maintenance(assetId: string, status: string, life0: Lifetime, warrantyEnds: string | null, manufacturer: string | null, currency: string, share: number, returnStatus: string): void {
    const rng = this.rng;
    const w = this.w;
    const t = w.data.maintenance_record;
    const vendorFor = () => {
      const m = manufacturer ? w.vendorByName.get(manufacturer) : undefined;
      return m && rng.chance(0.4) ? m.id : rng.chance(0.8) ? rng.pick(this.serviceProviders).id : null;
    };
    const stamp = (created: number, updated: number, version: number) => ({ created_at: w.iso(created), updated_at: w.iso(updated), version });
    if (status === 'IN_MAINTENANCE') {
      const start = life0.maintenanceStartMs!;
      const type = rng.pick(['REPAIR', 'REPAIR', 'UPGRADE', 'SOFTWARE_UPDATE']);
      t.add({
        id: rng.uuid(), asset_id: assetId, type, status: 'IN_PROGRESS', scheduled_on: null, started_at: w.iso(start), completed_at: null,
        vendor_id: vendorFor(), covered_by_warranty: warrantyEnds !== null && warrantyEnds >= w.dateOf(start),
        description: rng.pick(MAINTENANCE_TEXT[type]), return_status: returnStatus, ...stamp(start - HOUR_MS, start, 2),
      });
    }
    if (!rng.chance(share) || life0.receivedMs === null) return;
    const from = life0.receivedMs + DAY_MS;
    const to = life0.endMs - 12 * DAY_MS;
    for (let k = rng.int(1, 3); k > 0; k--) {
      const u = rng.next();
      if (u < 0.7 && to > from) {
        const type = rng.pick(['REPAIR', 'REPAIR', 'PREVENTIVE', 'UPGRADE', 'INSPECTION', 'SOFTWARE_UPDATE', 'CALIBRATION', 'OTHER']);
        const start = from + Math.floor(rng.next() * (to - from));
        const done = start + rng.int(2, 240) * HOUR_MS;
        const covered = warrantyEnds !== null && warrantyEnds >= w.dateOf(start) && type === 'REPAIR';
        const cost = covered || rng.chance(0.3) ? null : money(rng.int(30, 900) * FX[currency]);
        t.add({
          id: rng.uuid(), asset_id: assetId, type, status: 'COMPLETED', scheduled_on: rng.chance(0.5) ? w.dateOf(start) : null,
          started_at: w.iso(start), completed_at: w.iso(done), cost, cost_currency: cost ? currency : null, vendor_id: vendorFor(),
          covered_by_warranty: covered, description: rng.pick(MAINTENANCE_TEXT[type]), return_status: null, ...stamp(start - rng.int(1, 72) * HOUR_MS, done, 3),
        });
      } else if (u < 0.85 && (status === 'IN_USE' || status === 'IN_STOCK')) {
        const type = rng.pick(['PREVENTIVE', 'INSPECTION', 'SOFTWARE_UPDATE', 'CALIBRATION']);
        const created = lastMoment(w) - rng.int(1, 20) * DAY_MS;
        t.add({
          id: rng.uuid(), asset_id: assetId, type, status: 'SCHEDULED', scheduled_on: w.day(rng.int(3, 90)), vendor_id: vendorFor(),
          covered_by_warranty: false, description: rng.pick(MAINTENANCE_TEXT[type]), ...stamp(created, created, 1),
        });
      } else if (to > from) {
        const type = rng.pick(['PREVENTIVE', 'UPGRADE', 'REPAIR']);
        const created = from + Math.floor(rng.next() * (to - from));
        t.add({
          id: rng.uuid(), asset_id: assetId, type, status: 'CANCELLED', scheduled_on: w.dateOf(created + rng.int(3, 30) * DAY_MS), vendor_id: vendorFor(),
          covered_by_warranty: false, description: `${rng.pick(MAINTENANCE_TEXT[type])} (no longer needed)`, ...stamp(created, created + DAY_MS, 2),
        });
      }
    }
  }

  /** Writes the asset row with the custody columns the walk ended in, and records what later phases need. */
  private finish(row: Row, info: Omit<AssetInfo, 'id' | 'kind' | 'status' | 'createdMs' | 'goneMs'>, life0: Lifetime, walk: WalkResult | null, extraVersions: number): void {
    const w = this.w;
    const status = row.status as string;
    const touched = Math.max(
      life0.createdMs, life0.receivedMs ?? 0, walk?.lastMs ?? 0, life0.retiredMs ?? 0, life0.disposedMs ?? 0, life0.maintenanceStartMs ?? 0,
    );
    const version = 1 + (life0.receivedMs !== null && row.kind !== 'SOFTWARE_LICENSE' ? 1 : 0) + (walk ? walk.sequence + walk.audits : 0)
      + (status === 'RETIRED' || status === 'IN_MAINTENANCE' || status === 'LOST' ? 1 : 0) + (status === 'DISPOSED' ? 2 : 0) + extraVersions;
    row.tags ??= [];
    if (walk) row.location_id = walk.location;
    row.custodian_type = walk?.custodian?.type ?? null;
    row.custodian_id = walk?.custodian?.id ?? null;
    row.checked_out_at = walk?.checkedOutAt != null ? w.iso(walk.checkedOutAt) : null;
    row.expected_return_on = walk?.expectedReturnOn ?? null;
    row.custody_sequence = walk?.sequence ?? 0;
    row.last_audited_at = walk?.lastAuditedMs != null ? w.iso(walk.lastAuditedMs) : null;
    row.created_at = w.iso(life0.createdMs);
    row.updated_at = w.iso(touched);
    row.version = version;
    w.data.asset.add(row);
    w.assets.push({ ...info, id: row.id as string, kind: row.kind as string, status, createdMs: life0.createdMs, goneMs: life0.retiredMs ?? Infinity });
  }

  private planWalk(assetId: string, status: string, life0: Lifetime, o: Partial<WalkPlan> & Pick<WalkPlan, 'pickHolder'>): WalkPlan {
    const start = (life0.receivedMs ?? life0.createdMs) + HOUR_MS;
    return {
      assetId, finalStatus: status, startMs: start, endMs: Math.max(life0.endMs, start + DAY_MS), events: 0, audits: 0, loaner: false, home: null,
      checkInPool: [], sightingPool: [], overdue: false, handoff: null, ...o,
    };
  }

  private audits(life0: Lifetime): number {
    if (life0.receivedMs === null) return 0;
    const years = Math.floor((life0.endMs - life0.receivedMs) / (365 * DAY_MS));
    let n = 0;
    for (let i = 0; i < Math.min(years, 4); i++) if (this.rng.chance(0.8)) n++;
    return n;
  }

  // ------------------------------------------------------------------ kinds

  private async hardware(n: number): Promise<void> {
    const rng = this.rng;
    const w = this.w;
    const statuses = statusList(rng, 'HARDWARE', n);
    // At any scale: servers to host VMs and store data, and end-user devices.
    const forced = ['SERVER', 'SERVER', 'LAPTOP', 'LAPTOP', 'PHONE', 'STORAGE_SYSTEM', 'MONITOR', 'DESKTOP'];
    for (let i = 0; i < n; i++) {
      await this.pause(i);
      const status = statuses[i];
      const spec = i < forced.length ? HARDWARE.find((h) => h.category === forced[i])! : this.pickCategory(rng);
      const model = rng.pick(spec.models);
      const site = this.site();
      const personal = spec.personal;
      const loaner = personal && ['LAPTOP', 'PHONE', 'TABLET', 'PERIPHERAL', 'EXTERNAL_STORAGE'].includes(spec.category) && rng.chance(0.07);
      const ageDays = status === 'DISPOSED' ? rng.int(900, 2400) : status === 'RETIRED' ? rng.int(600, 2200) : loaner ? rng.int(400, 1800) : rng.int(10, 1900);
      const life0 = lifetime(w, rng, status, ageDays);
      const id = rng.uuid();
      const tag = w.nextTag('HW');
      const short = SHORT[model.manufacturer] ?? model.manufacturer;
      const service = rng.pick(SERVICES);
      const code = site.code.toLowerCase();
      const name =
        spec.category === 'SERVER' ? `srv-${code}-${service}-${String(i + 1).padStart(3, '0')}`
        : spec.category === 'STORAGE_SYSTEM' ? `stor-${code}-${String(i + 1).padStart(3, '0')}`
        : spec.category === 'UPS' ? `ups-${code}-${String(i + 1).padStart(3, '0')}`
        : spec.category === 'SECURITY_APPLIANCE' ? `sec-${code}-${String(i + 1).padStart(3, '0')}`
        : `${short} ${model.model}`;
      const hw = SPECS[spec.category];
      const os = model.manufacturer === 'Apple'
        ? rng.pick(spec.category === 'PHONE' || spec.category === 'TABLET' ? OPERATING_SYSTEMS.phone_Apple : OPERATING_SYSTEMS.Apple)
        : spec.category === 'PHONE' || spec.category === 'TABLET' ? rng.pick(OPERATING_SYSTEMS.phone) : rng.pick(OPERATING_SYSTEMS.default);
      const cores = hw ? rng.pick(hw.cores) : null;
      const specs = hw
        ? { cores, ramGb: rng.pick(hw.ramGb), storageGb: rng.pick(hw.storageGb), os: spec.category === 'SERVER' ? 'VMware ESXi 8.0 U2' : os }
        : spec.category === 'PHONE' || spec.category === 'TABLET' ? { storageGb: rng.pick([128, 256, 512]), os, ...(spec.category === 'PHONE' ? { imei: serialFrom(rng, '35###########') + rng.int(0, 9) } : {}) }
        : spec.category === 'MONITOR' ? { sizeInches: rng.pick([24, 27, 27, 32, 34]), resolution: rng.pick(['2560x1440', '3840x2160', '3440x1440']) }
        : null;
      const live = LIVE.has(status);
      const row: Row = {
        id, kind: 'HARDWARE', asset_tag: tag, name, status,
        description: loaner ? 'Loaner pool device: lent out for days at a time' : null,
        tags: [...(loaner ? ['loaner'] : []), ...(spec.category === 'LAPTOP' && rng.chance(0.15) ? ['remote-worker'] : []), ...(rng.chance(0.05) ? ['vip'] : [])],
        custom_fields: spec.category === 'LAPTOP' || spec.category === 'DESKTOP'
          ? { diskEncryption: model.manufacturer === 'Apple' ? 'FileVault' : 'BitLocker', mdm: model.manufacturer === 'Apple' ? 'Jamf Pro' : 'Microsoft Intune' }
          : null,
        department_id: personal ? this.randomDepartment(rng) : this.itInfra,
        manufacturer: model.manufacturer, model: model.model, serial_number: serialFrom(rng, spec.serial),
        hw_category: spec.category, data_bearing: spec.dataBearing, specs,
        ...this.purchase(spec.cost, site.currency, model.manufacturer, spec.life, life0, live),
      };
      const racks = ['SERVER', 'STORAGE_SYSTEM', 'UPS', 'SECURITY_APPLIANCE'].includes(spec.category);
      const home = personal ? rng.pick(site.stock) : racks ? rng.pick(site.racks) : rng.pick(site.rooms);
      const handoff = status === 'DISPOSED' ? this.disposal(id, life0, spec.dataBearing, true, model.manufacturer, site.currency) : null;
      const days = (life0.endMs - (life0.receivedMs ?? life0.endMs)) / DAY_MS;
      const overdue = status === 'IN_USE' && personal && this.overdueLeft > 0 && (this.overdueLeft--, true);
      let walk: WalkResult | null = null;
      if (status !== 'ORDERED') {
        walk = runCustody(w, this.custodyRng, this.planWalk(id, status, life0, {
          events: eventCount(rng, loaner, personal, days),
          audits: this.audits(life0),
          loaner,
          home,
          checkInPool: personal ? site.stock : [home],
          sightingPool: personal ? [...site.stock, ...site.rooms] : racks ? site.racks : site.rooms,
          pickHolder: personal
            ? (r) => {
              const u = r.next();
              return u < 0.88 ? this.personOf(site) : u < 0.96 ? { type: 'DEPARTMENT', id: this.randomDepartment(r) } : { type: 'LOCATION', id: r.pick(site.rooms) };
            }
            : (r) => (r.chance(0.6) ? { type: 'DEPARTMENT', id: this.itInfra } : { type: 'LOCATION', id: racks ? r.pick(site.racks) : r.pick(site.rooms) }),
          overdue,
          handoff,
        }));
        // The owning department of a device a person holds is that person's.
        if (walk.holder?.type === 'PERSON') row.department_id = this.personById.get(walk.holder.id)!.departmentId;
      } else {
        row.location_id = null;
      }
      this.maintenance(id, status, life0, (row.warranty_ends_on as string) ?? null, model.manufacturer, site.currency, personal ? 0.06 : 0.2, 'IN_STOCK');
      if (life0.receivedMs !== null && (spec.category === 'LAPTOP' || spec.category === 'DESKTOP' || spec.category === 'PHONE' || spec.category === 'TABLET') && rng.chance(0.6)) {
        w.data.asset_external_ref.add({ source: model.manufacturer === 'Apple' ? 'jamf' : 'intune', external_id: rng.uuid(), asset_id: id });
      }
      this.finish(row, {
        category: spec.category, personal, cores: spec.category === 'SERVER' || spec.category === 'DESKTOP' || spec.category === 'LAPTOP' ? cores : null,
        compute: false, storage: spec.category === 'SERVER' || spec.category === 'STORAGE_SYSTEM', metric: null, seatsTotal: 0, overallocated: false,
        licenseType: null, deviceType: null,
      }, life0, walk, 0);
    }
  }

  private async network(n: number): Promise<void> {
    const rng = this.rng;
    const w = this.w;
    const statuses = statusList(rng, 'NETWORK_DEVICE', n);
    const pick = weighted(NETWORK.map((s) => [s, s.weight] as const));
    const forced = ['LOAD_BALANCER', 'FIREWALL', 'SWITCH'];
    for (let i = 0; i < n; i++) {
      await this.pause(i);
      const status = statuses[i];
      const spec = i < forced.length ? NETWORK.find((s) => s.deviceType === forced[i])! : pick(rng);
      const site = this.site();
      const life0 = lifetime(w, rng, status, status === 'DISPOSED' ? rng.int(900, 2400) : status === 'RETIRED' ? rng.int(600, 2200) : rng.int(10, 1900));
      const id = rng.uuid();
      const ap = spec.deviceType === 'WIRELESS_ACCESS_POINT';
      const home = ap ? rng.pick(site.rooms) : rng.pick(site.racks);
      const live = LIVE.has(status);
      const row: Row = {
        id, kind: 'NETWORK_DEVICE', asset_tag: w.nextTag('NET'), name: `${NET_PREFIX[spec.deviceType]}-${site.code.toLowerCase()}-${String(i + 1).padStart(3, '0')}`, status,
        description: `${SHORT[spec.manufacturer] ?? spec.manufacturer} ${spec.model}`,
        tags: ap ? ['wifi'] : spec.deviceType === 'FIREWALL' || spec.deviceType === 'ROUTER' ? ['edge'] : ['core'],
        department_id: this.netOps,
        manufacturer: spec.manufacturer, model: spec.model, serial_number: serialFrom(rng, spec.manufacturer === 'Cisco' ? 'FOCXXXX#XXX' : 'XXXXXXXXXXXX'),
        device_type: spec.deviceType, firmware_version: rng.pick(spec.firmware),
        management_ip: status === 'ORDERED' ? null : `10.${site.index % 250}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
        mac_address: `${OUI[spec.manufacturer] ?? '00:50:56'}:${rng.hex(1)}:${rng.hex(1)}:${rng.hex(1)}`,
        port_count: spec.ports,
        last_seen_at: status === 'IN_USE' ? w.iso(lastMoment(w) - rng.int(0, 6 * 3600) * 1000) : GONE.has(status) ? w.iso(life0.retiredMs!) : null,
        ...this.purchase(spec.cost, site.currency, spec.manufacturer, 60, life0, live),
      };
      const handoff = status === 'DISPOSED' ? this.disposal(id, life0, true, true, spec.manufacturer, site.currency) : null;
      let walk: WalkResult | null = null;
      if (status !== 'ORDERED') {
        walk = runCustody(w, this.custodyRng, this.planWalk(id, status, life0, {
          events: rng.int(0, 2), audits: this.audits(life0), home, checkInPool: [home], sightingPool: ap ? site.rooms : site.racks,
          pickHolder: (r) => (r.chance(0.7) ? { type: 'DEPARTMENT', id: this.netOps } : { type: 'LOCATION', id: ap ? r.pick(site.rooms) : r.pick(site.racks) }),
          handoff,
        }));
      }
      this.maintenance(id, status, life0, (row.warranty_ends_on as string) ?? null, spec.manufacturer, site.currency, 0.15, 'IN_STOCK');
      this.finish(row, {
        category: null, personal: false, cores: null, compute: false, storage: false, metric: null, seatsTotal: 0, overallocated: false,
        licenseType: null, deviceType: spec.deviceType,
      }, life0, walk, 0);
    }
  }

  /** Ownership of a cloud resource, VM or data set by a team: a check-out to a department, sometimes handed on. */
  private ownershipWalk(id: string, status: string, life0: Lifetime): WalkResult | null {
    if (status !== 'IN_USE' || !this.rng.chance(0.25)) return null;
    return runCustody(this.w, this.custodyRng, this.planWalk(id, status, life0, {
      events: this.rng.int(1, 2), virtualOwnership: true,
      pickHolder: (r) => ({ type: 'DEPARTMENT', id: r.chance(0.7) && this.engineering.length ? r.pick(this.engineering) : this.randomDepartment(r) }),
    }));
  }

  private async cloud(n: number): Promise<void> {
    const rng = this.rng;
    const w = this.w;
    const statuses = statusList(rng, 'CLOUD_RESOURCE', n);
    const pick = weighted(CLOUD.map((c) => [c, c.weight] as const));
    const forced = ['EC2 instance', 'S3 bucket', 'GitHub Enterprise Cloud'];
    let saasFixture = 1;
    for (let i = 0; i < n; i++) {
      await this.pause(i);
      const status = statuses[i];
      const spec = i < forced.length ? CLOUD.find((c) => c.resourceType === forced[i])! : pick(rng);
      const ageDays = GONE.has(status) ? rng.int(400, 1800) : rng.int(5, 1500);
      const life0 = lifetime(w, rng, status, ageDays);
      life0.createdMs = life0.receivedMs!;
      const id = rng.uuid();
      const env = rng.pick(ENVIRONMENTS);
      const service = rng.pick(SERVICES);
      const name = `${env}-${service}-${spec.stem}-${String(i + 1).padStart(3, '0')}`;
      const region = rng.pick(REGIONS[spec.provider]);
      const account = spec.provider === 'AWS' ? String(rng.int(100000, 999999)) + String(rng.int(100000, 999999))
        : spec.provider === 'AZURE' ? rng.uuid()
        : spec.provider === 'GCP' ? `example-${service}-${env}`
        : spec.provider === 'OCI' ? `ocid1.tenancy.oc1..${rng.hex(20)}`
        : `example-${spec.stem}`;
      const external = spec.provider === 'AWS' ? `arn:aws:${spec.stem}:${region}:${account}:${spec.stem === 's3' ? '' : 'resource/'}${name}`
        : spec.provider === 'AZURE' ? `/subscriptions/${account}/resourceGroups/rg-${env}-${service}/providers/Microsoft.Resources/${name}`
        : spec.provider === 'GCP' ? `projects/${account}/locations/${region}/${spec.stem}/${name}`
        : spec.provider === 'OCI' ? `ocid1.${spec.stem}.oc1.${region}.${rng.hex(24)}`
        : `${spec.stem}:${name}`;
      const currency = spec.provider === 'AZURE' && rng.chance(0.5) ? 'EUR' : 'USD';
      let expires: number | null = null;
      if (spec.serviceModel === 'SAAS') {
        expires = LIVE.has(status) && saasFixture > 0 ? (saasFixture--, 9) : LIVE.has(status) ? rng.int(-20, 400) : -rng.int(10, 300);
      } else if (rng.chance(0.2)) {
        expires = LIVE.has(status) ? rng.int(-10, 700) : -rng.int(10, 300);
      }
      const vendor = CLOUD_VENDOR[spec.provider];
      const row: Row = {
        id, kind: 'CLOUD_RESOURCE', asset_tag: w.nextTag('CLD'), name, status,
        description: spec.serviceModel === 'SAAS' ? 'Annual subscription, renewed each year' : expires !== null ? 'Reserved capacity (1- or 3-year commitment)' : null,
        tags: [env, service],
        department_id: this.engineering.length ? rng.pick(this.engineering) : this.itInfra,
        expires_on: expires !== null ? w.day(expires) : null,
        purchase_supplier_id: vendor ? w.vendor(vendor).id : null,
        cloud_provider: spec.provider, service_model: spec.serviceModel, resource_type: spec.resourceType, region, account_id: account,
        external_resource_id: external, monthly_cost: money(rng.int(spec.cost[0] * 100, spec.cost[1] * 100) / 100), monthly_cost_currency: currency,
      };
      const dataBearing = spec.serviceModel !== 'SAAS';
      if (status === 'DISPOSED') this.disposal(id, life0, dataBearing, false, null, currency);
      const walk = this.ownershipWalk(id, status, life0);
      this.finish(row, {
        category: null, personal: false, cores: null, compute: !!spec.compute, storage: !!spec.storage, metric: null, seatsTotal: 0, overallocated: false,
        licenseType: null, deviceType: null,
      }, life0, walk, rng.int(0, 3));
    }
  }

  private async virtualMachines(n: number): Promise<void> {
    const rng = this.rng;
    const w = this.w;
    const statuses = statusList(rng, 'VIRTUAL_MACHINE', n);
    const hypervisors = ['VMWARE_ESXI', 'VMWARE_ESXI', 'VMWARE_ESXI', 'VMWARE_ESXI', 'VMWARE_ESXI', 'HYPER_V', 'HYPER_V', 'KVM', 'KVM', 'PROXMOX', 'XEN'];
    const servers = w.assets.map((a, i) => ({ a, i })).filter(({ a }) => a.kind === 'HARDWARE' && a.category === 'SERVER' && !GONE.has(a.status));
    const clouds = w.assets.filter((a) => a.kind === 'CLOUD_RESOURCE' && a.compute && !GONE.has(a.status));
    const pickVcpus = weighted([[1, 5], [2, 25], [4, 30], [8, 22], [16, 12], [32, 5], [64, 1]] as const);
    for (let i = 0; i < n; i++) {
      await this.pause(i);
      const status = statuses[i];
      const life0 = lifetime(w, rng, status, GONE.has(status) ? rng.int(400, 1800) : rng.int(5, 1500));
      life0.createdMs = life0.receivedMs!;
      const id = rng.uuid();
      const u = rng.next();
      let host: string | null = null;
      let hypervisor = 'OTHER';
      if (u < 0.55 && servers.length) {
        const s = rng.pick(servers);
        host = s.a.id;
        hypervisor = hypervisors[s.i % hypervisors.length];
      } else if (u < 0.95 && clouds.length) {
        host = rng.pick(clouds).id;
        hypervisor = 'CLOUD';
      } else if (servers.length) {
        const s = rng.pick(servers);
        host = s.a.id;
        hypervisor = hypervisors[s.i % hypervisors.length];
      }
      const vcpus = pickVcpus(rng);
      const running = status === 'IN_USE' || status === 'IN_MAINTENANCE';
      const env = rng.pick(ENVIRONMENTS);
      const service = rng.pick(SERVICES);
      const row: Row = {
        id, kind: 'VIRTUAL_MACHINE', asset_tag: w.nextTag('VM'), name: `${env}-${service}-${String(i + 1).padStart(3, '0')}`, status,
        tags: [env], department_id: this.engineering.length && rng.chance(0.7) ? rng.pick(this.engineering) : this.itInfra,
        host_id: host, hypervisor, vcpus, memory_mib: vcpus * rng.pick([2048, 4096, 8192]), storage_gib: rng.pick([40, 60, 80, 100, 200, 500, 1000, 2000]),
        operating_system: rng.pick(VM_OS),
        power_state: status === 'IN_USE' ? (rng.chance(0.97) ? 'RUNNING' : 'SUSPENDED') : status === 'IN_MAINTENANCE' ? 'STOPPED' : 'STOPPED',
        ip_addresses: running ? Array.from({ length: rng.int(1, 2) }, () => `10.${rng.int(100, 199)}.${rng.int(0, 255)}.${rng.int(1, 254)}`) : [],
        last_backup_at: running ? w.iso(lastMoment(w) - rng.int(1, 36) * HOUR_MS) : GONE.has(status) ? w.iso(life0.retiredMs! - rng.int(1, 48) * HOUR_MS) : null,
      };
      if (status === 'DISPOSED') this.disposal(id, life0, true, false, null, 'EUR');
      this.maintenance(id, status, life0, null, null, 'EUR', 0.03, 'IN_USE');
      const walk = this.ownershipWalk(id, status, life0);
      this.finish(row, {
        category: null, personal: false, cores: vcpus, compute: false, storage: true, metric: null, seatsTotal: 0, overallocated: false,
        licenseType: null, deviceType: null,
      }, life0, walk, rng.int(0, 4));
    }
  }

  private async licences(n: number): Promise<void> {
    const rng = this.rng;
    const w = this.w;
    const statuses = statusList(rng, 'SOFTWARE_LICENSE', n);
    const pick = weighted(SOFTWARE.map((s) => [s, s.weight] as const));
    const people = w.people.length;
    let expiryFixtures = [6, 19];
    for (let i = 0; i < n; i++) {
      await this.pause(i);
      const status = statuses[i];
      // The first licence is Microsoft 365 E3, deliberately over-allocated (with allowOverallocation): compliance shows the shortfall.
      const spec = i === 0 ? SOFTWARE[0] : pick(rng);
      const overallocated = i === 0;
      const site = w.sites[0];
      const tier = rng.next();
      let seats = tier < 0.7 ? rng.int(1, 10) : tier < 0.92 ? rng.int(10, 50) : tier < 0.99 ? rng.int(50, 250) : rng.int(250, 1000);
      if (spec.metric === 'SITE') seats = Math.ceil(people / 50) * 50;
      if (overallocated) seats = clamp(w.activePeople.length - 5, 3, 10);
      const dept = spec.metric === 'SITE' || rng.chance(0.5) ? null : rng.pick(w.departments);
      const startAgo = status === 'ORDERED' ? rng.int(1, 20) : rng.int(10, 1300);
      const life0 = lifetime(w, rng, status === 'ORDERED' ? 'ORDERED' : status === 'RETIRED' ? 'RETIRED' : 'IN_USE', startAgo);
      const startDay = life0.receivedMs !== null ? w.dayOffsetOf(life0.receivedMs) : life0.orderedDay;
      let expires: number | null = null;
      if (spec.type === 'SUBSCRIPTION' || spec.type === 'TRIAL' || spec.type === 'ENTERPRISE_AGREEMENT') {
        const term = spec.type === 'TRIAL' ? 30 : spec.type === 'ENTERPRISE_AGREEMENT' ? 3 * 365 : rng.chance(0.8) ? 365 : 3 * 365;
        expires = startDay + term;
        if (status === 'RETIRED') expires = Math.min(expires, w.dayOffsetOf(life0.retiredMs!));
        else if (status !== 'ORDERED') {
          // A subscription still in use has been renewed term by term; some ran out in the last weeks.
          while (expires < -20) expires += term;
          if (expiryFixtures.length && status === 'IN_USE' && spec.type === 'SUBSCRIPTION') expires = expiryFixtures.shift()!;
        }
      }
      const yearly = spec.type === 'SUBSCRIPTION' || spec.type === 'ENTERPRISE_AGREEMENT';
      // Subscriptions: the yearly fee; perpetual licences: the one-off price.
      const cost = spec.price * Math.max(seats, 1);
      const row: Row = {
        id: rng.uuid(), kind: 'SOFTWARE_LICENSE', asset_tag: w.nextTag('SW'), status,
        name: `${spec.product} – ${dept ? dept.name : 'company-wide'}`,
        description: yearly ? 'Annual subscription' : spec.type === 'PERPETUAL' ? 'Perpetual licence with maintenance' : null,
        department_id: dept?.id ?? null,
        expires_on: expires !== null ? w.day(expires) : null,
        purchase_ordered_on: w.day(life0.orderedDay), purchase_received_on: life0.receivedMs !== null ? w.dateOf(life0.receivedMs) : null,
        purchase_cost: cost > 0 ? money(cost * FX[site.currency]) : null, purchase_currency: cost > 0 ? site.currency : null,
        purchase_supplier_id: (spec.vendor ? w.vendor(spec.vendor) : rng.pick(this.suppliers)).id,
        purchase_order_number: `PO-${w.day(life0.orderedDay).slice(0, 4)}-${String(rng.int(1, 99999)).padStart(5, '0')}`,
        publisher: spec.publisher, product: spec.product, software_version: rng.pick(spec.versions), license_type: spec.type, license_metric: spec.metric,
        seats_total: seats, allow_overallocation: overallocated || rng.chance(0.08),
        license_key: spec.type === 'PERPETUAL' || (spec.type === 'SUBSCRIPTION' && rng.chance(0.2))
          ? Array.from({ length: 5 }, () => serialFrom(rng, 'XXXXX')).join('-') : null,
      };
      // Renewals are updates of the licence row.
      this.finish(row, {
        category: null, personal: false, cores: null, compute: false, storage: false, metric: spec.metric, seatsTotal: seats, overallocated,
        licenseType: spec.type, deviceType: null,
      }, life0, null, rng.int(0, 3));
    }
  }

  private storageTargets(): AssetInfo[] {
    return this.w.assets.filter((a) => a.storage && !GONE.has(a.status));
  }

  private async dataAssets(n: number): Promise<void> {
    const rng = this.rng;
    const w = this.w;
    const statuses = statusList(rng, 'DATA_ASSET', n);
    const targets = this.storageTargets();
    let retentionFixture = 1;
    for (let i = 0; i < n; i++) {
      await this.pause(i);
      const status = statuses[i];
      const spec = DATA_ASSETS[i % DATA_ASSETS.length];
      const life0 = lifetime(w, rng, status, GONE.has(status) ? rng.int(400, 2400) : rng.int(30, 2400));
      life0.createdMs = life0.receivedMs!;
      const id = rng.uuid();
      let retention: number | null = null;
      if (spec.retentionYears !== null) {
        retention = w.dayOffsetOf(life0.createdMs) + spec.retentionYears * 365;
        if (LIVE.has(status)) {
          if (retentionFixture > 0) retention = (retentionFixture--, 21);
          else if (retention < 0) retention = rng.int(0, spec.retentionYears * 365);
        } else retention = Math.min(retention, -rng.int(5, 300));
      }
      const round = Math.floor(i / DATA_ASSETS.length);
      const row: Row = {
        id, kind: 'DATA_ASSET', asset_tag: w.nextTag('DATA'), status,
        name: round ? `${spec.name} ${round + 1}` : spec.name,
        description: spec.personal ? 'Contains personal data: processing recorded in the register of processing activities' : null,
        department_id: this.randomDepartment(rng),
        expires_on: retention !== null ? w.day(retention) : null,
        classification: spec.classification, data_category: spec.category, contains_personal_data: spec.personal,
        backup_policy: rng.pick(BACKUP_POLICIES), data_owner_id: rng.pick(w.activePeople).id,
      };
      rng.sample(targets, rng.int(1, 2)).forEach((t, position) => w.data.asset_relation.add({ asset_id: id, relation: 'STORED_ON', related_asset_id: t.id, position }));
      if (status === 'DISPOSED') this.disposal(id, life0, true, false, null, 'EUR');
      const walk = this.ownershipWalk(id, status, life0);
      this.finish(row, {
        category: null, personal: false, cores: null, compute: false, storage: false, metric: null, seatsTotal: 0, overallocated: false,
        licenseType: null, deviceType: null,
      }, life0, walk, rng.int(0, 2));
    }
  }

  private async certificates(n: number): Promise<void> {
    const rng = this.rng;
    const w = this.w;
    const statuses = statusList(rng, 'CERTIFICATE', n);
    const pickIssuer = weighted(CERT_ISSUERS.map((c) => [c, c.weight] as const));
    const targets = w.assets.filter((a) => !GONE.has(a.status) && (a.deviceType === 'LOAD_BALANCER' || a.deviceType === 'FIREWALL' || a.category === 'SERVER' || a.kind === 'VIRTUAL_MACHINE' || a.compute));
    const fixtures = [3, 14];
    for (let i = 0; i < n; i++) {
      await this.pause(i);
      const status = statuses[i];
      const issuer = pickIssuer(rng);
      const host = CERT_HOSTS[i % CERT_HOSTS.length];
      const lap = Math.floor(i / CERT_HOSTS.length);
      const corp = lap % 2 === 1;
      const cn = i === 0 ? `*.${DOMAIN}` : `${host}${lap > 1 ? `-${Math.floor(lap / 2) + 1}` : ''}.${corp ? 'corp.' : ''}${DOMAIN}`;
      const live = LIVE.has(status);
      let notBefore = w.t0 - rng.int(1, issuer.days + 120) * DAY_MS + rng.int(0, 86_399) * 1000;
      let notAfter = notBefore + issuer.days * DAY_MS;
      if (live) {
        // Renewed in time: the current certificate. Two in use run out within days (the radar shows them).
        while (notAfter < w.t0 + DAY_MS) {
          notBefore += (issuer.days - 30) * DAY_MS;
          notAfter = notBefore + issuer.days * DAY_MS;
        }
        if (fixtures.length && status === 'IN_USE') {
          notAfter = w.t0 + fixtures.shift()! * DAY_MS + 12 * HOUR_MS;
          notBefore = notAfter - issuer.days * DAY_MS;
        }
      } else {
        notAfter = Math.min(notAfter, w.t0 - rng.int(1, 200) * DAY_MS);
        notBefore = notAfter - issuer.days * DAY_MS;
      }
      const created = Math.min(notBefore, lastMoment(w) - DAY_MS);
      const life0: Lifetime = {
        createdMs: created, orderedDay: w.dayOffsetOf(created), receivedMs: created, retiredMs: status === 'RETIRED' ? Math.max(created + HOUR_MS, Math.min(notAfter, lastMoment(w))) : null,
        disposedMs: null, endMs: lastMoment(w), maintenanceStartMs: null,
      };
      const id = rng.uuid();
      const sans = [cn, ...(rng.chance(0.3) && !cn.startsWith('*') ? [`www.${cn}`] : [])];
      const row: Row = {
        id, kind: 'CERTIFICATE', asset_tag: w.nextTag('CERT'), name: cn, status,
        description: issuer.days === 90 ? 'Renewed automatically (ACME)' : null,
        department_id: this.itInfra,
        expires_on: w.dateOf(notAfter),
        serial_number: rng.hex(16).toUpperCase(),
        common_name: cn, subject_alt_names: sans, issuer: issuer.issuer, not_before: w.iso(notBefore), not_after: w.iso(notAfter),
        fingerprint_sha256: (rng.hex(32).toUpperCase().match(/../g) as string[]).join(':'), key_algorithm: rng.pick(issuer.keys),
      };
      if (targets.length) rng.sample(targets, rng.int(1, 3)).forEach((t, position) => w.data.asset_relation.add({ asset_id: id, relation: 'INSTALLED_ON', related_asset_id: t.id, position }));
      this.finish(row, {
        category: null, personal: false, cores: null, compute: false, storage: false, metric: null, seatsTotal: 0, overallocated: false,
        licenseType: null, deviceType: null,
      }, life0, null, 0);
    }
  }
}
