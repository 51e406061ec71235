import { Rng } from './random';
import { emptyDataset, type Dataset } from './tables';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export interface SeedConfig {
  /** Number of assets; every other volume follows from it. */
  scale: number;
  /** Any text; the same seed, scale and anchor date give the same rows, byte for byte. */
  seed: string;
  /** The date the data is spread around (YYYY-MM-DD): histories end before it, expiries fall on both sides of it. */
  today: string;
  /** Given and family names to draw people from (faker's English lists, see seed.ts). */
  names: { first: readonly string[]; last: readonly string[] };
}

export type PartyType = 'PERSON' | 'DEPARTMENT' | 'LOCATION' | 'VENDOR';

export interface Party {
  type: PartyType;
  id: string;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export interface Site {
  index: number;
  code: string;
  city: string;
  currency: string;
  siteId: string;
  /** Where stock waits: warehouses and IT store rooms. */
  stock: string[];
  rooms: string[];
  floors: string[];
  racks: string[];
}

export interface Vendor {
  id: string;
  name: string;
  roles: string[];
  certifications: string[];
}

export interface Person {
  id: string;
  site: number;
  departmentId: string | null;
  active: boolean;
  createdMs: number;
  /** When an inactive person was deactivated. */
  deactivatedMs: number | null;
}

/** What later phases (contracts, seats, VM hosts, relations) need to know about an asset. */
export interface AssetInfo {
  id: string;
  kind: string;
  status: string;
  category: string | null;
  createdMs: number;
  /** When it left service (retired), or Infinity. */
  goneMs: number;
  /** Hardware that people carry (laptops, phones, …) rather than rack or room equipment. */
  personal: boolean;
  /** Cores a PER_CORE licence counts on it (VM vcpus, hardware specs.cores). */
  cores: number | null;
  /** Cloud resource that can run VMs / hold data. */
  compute: boolean;
  storage: boolean;
  /** Licence terms. */
  metric: string | null;
  seatsTotal: number;
  overallocated: boolean;
  licenseType: string | null;
  deviceType: string | null;
}

/** Shared state of one generation run: the random streams, the anchor date, the rows and the entities drawn so far. */
export class World {
  readonly rng: Rng;
  readonly data: Dataset = emptyDataset();
  /** Midnight UTC of the anchor date. */
  readonly t0: number;
  readonly departments: Department[] = [];
  readonly sites: Site[] = [];
  readonly vendors: Vendor[] = [];
  readonly vendorByName = new Map<string, Vendor>();
  readonly people: Person[] = [];
  readonly activePeopleBySite: Person[][] = [];
  readonly activePeople: Person[] = [];
  readonly assets: AssetInfo[] = [];
  /** Next number of each kind's asset tags. */
  readonly tagCounters: Record<string, number> = {};
  /** Department ids by code (ENG, IT, IT-01 …). */
  readonly departmentByCode = new Map<string, Department>();

  constructor(readonly config: SeedConfig) {
    this.rng = new Rng(`itam-seed:${config.seed}:${config.scale}`);
    const [y, m, d] = config.today.split('-').map(Number);
    this.t0 = Date.UTC(y, m - 1, d);
  }

  /** The date `offset` days from the anchor date. */
  day(offset: number): string {
    return new Date(this.t0 + Math.round(offset) * DAY_MS).toISOString().slice(0, 10);
  }

  /** The UTC date of an instant. */
  dateOf(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
  }

  /** Whole days from the anchor date to the UTC date of an instant (negative: before). */
  dayOffsetOf(ms: number): number {
    return Math.floor((ms - this.t0) / DAY_MS);
  }

  iso(ms: number): string {
    return new Date(Math.round(ms)).toISOString();
  }

  /** A moment during office hours `daysAgo` days before the anchor date. */
  officeTime(rng: Rng, daysAgo: number): number {
    return this.t0 - Math.round(daysAgo) * DAY_MS + 8 * HOUR_MS + rng.int(0, 9 * HOUR_MS);
  }

  vendor(name: string): Vendor {
    const v = this.vendorByName.get(name);
    if (!v) throw new Error(`unknown vendor ${name}`);
    return v;
  }

  vendorsWithRole(role: string): Vendor[] {
    return this.vendors.filter((v) => v.roles.includes(role));
  }

  department(code: string): Department {
    const d = this.departmentByCode.get(code);
    if (!d) throw new Error(`unknown department ${code}`);
    return d;
  }

  nextTag(prefix: string): string {
    const n = (this.tagCounters[prefix] = (this.tagCounters[prefix] ?? 0) + 1);
    return `${prefix}-${String(n).padStart(6, '0')}`;
  }
}

export const money = (amount: number): string => (Math.round(amount * 100) / 100).toFixed(2);

/** A serial number from a pattern: # digit, A capital letter, X capital letter or digit, anything else kept. */
export function serialFrom(rng: Rng, pattern: string): string {
  const L = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const LD = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let s = '';
  for (const ch of pattern) {
    if (ch === '#') s += String(rng.int(0, 9));
    else if (ch === 'A') s += L[rng.int(0, L.length - 1)];
    else if (ch === 'X') s += LD[rng.int(0, LD.length - 1)];
    else s += ch;
  }
  return s;
}

export const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));
