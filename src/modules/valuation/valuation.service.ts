import DataLoader from 'dataloader';
import { money, type Money } from '../../common/money';
import type { Context } from '../../context';
import type { Queryable } from '../../database/db';
import { AssetKind, AssetStatus } from '../assets/asset.enums';
import { assetFilterSql, type AssetFilter } from '../assets/asset.filter';
import type { DepartmentRow } from '../departments/department.types';
import type { LocationRow } from '../locations/location.types';
import type { DepartmentCount, KindCount, LocationCount, StatusCount } from './valuation.types';

// ---------------------------------------------------------------- SQL shared by Asset.bookValue and inventorySummary

/** When an asset starts to depreciate (on `asset a`): its in-service date, else the day its purchase was received. */
export const DEPRECIATION_START_SQL = 'COALESCE(a.depreciation_in_service_on, a.purchase_received_on)';

/** Joins an asset's disposal record (alias `disp`), which bookValueSql reads. */
export const DISPOSAL_JOIN_SQL = 'LEFT JOIN disposal disp ON disp.asset_id = a.id';

/**
 * The book value of `asset a` (joined with DISPOSAL_JOIN_SQL) on the date that the SQL
 * expression `asOf` gives, e.g. `$2::date`: the database function itam_book_value does
 * the arithmetic (exact numeric, rounded to cents; see the LicensesDisposalAudits migration).
 */
export const bookValueSql = (asOf: string): string =>
  `itam_book_value(a.purchase_cost, a.depreciation_method, a.depreciation_useful_life_months, a.depreciation_salvage_value, ${DEPRECIATION_START_SQL}, ${asOf}, disp.disposed_on)`;

/** Today's date in UTC, YYYY-MM-DD: the default `asOf` of every book value. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

// ---------------------------------------------------------------- Asset.bookValue

export interface BookValueKey {
  /** The asset's key (uuid). */
  assetId: string;
  /** The date, YYYY-MM-DD. */
  asOf: string;
}

/** Book values of many assets on one date: one statement. */
export async function bookValuesOn(db: Queryable, asOf: string, assetIds: string[]): Promise<Map<string, Money | null>> {
  const rows = await db.query<{ id: string; currency: string | null; amount: string | null }>(
    `SELECT a.id, a.purchase_currency AS currency, ${bookValueSql('$2::date')} AS amount
       FROM asset a ${DISPOSAL_JOIN_SQL} WHERE a.id = ANY($1::uuid[])`,
    [assetIds, asOf],
  );
  return new Map(rows.map((r) => [r.id, money(r.amount, r.currency)]));
}

// ---------------------------------------------------------------- inventorySummary

export interface SummaryCounts {
  total: number;
  byKind: KindCount[];
  byStatus: StatusCount[];
  byDepartment: Array<{ departmentId: string | null; count: number }>;
  byLocation: Array<{ locationId: string | null; count: number }>;
}

/** One currency's totals: purchase cost, and book value on each date asked for. */
interface CurrencyTotals {
  currency: string;
  cost: string;
  bookValue: Map<string, string>;
}

/** The key of the money totals that need no date (purchase cost only). */
const COST_ONLY = 'cost';

interface CountRow {
  g: number;
  kind: AssetKind | null;
  status: AssetStatus | null;
  departmentId: string | null;
  locationId: string | null;
  n: number;
}

// GROUPING(a.kind, a.status, a.department_id, a.location_id): a bit per column that is NOT grouped, kind first.
const G_TOTAL = 0b1111;
const G_KIND = 0b0111;
const G_STATUS = 0b1011;
const G_DEPARTMENT = 0b1101;
const G_LOCATION = 0b1110;

const KIND_ORDER = Object.values(AssetKind);
const STATUS_ORDER = Object.values(AssetStatus);
const byCountThen = <T extends { count: number }>(tie: (a: T, b: T) => number) => (a: T, b: T): number => b.count - a.count || tie(a, b);
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What `inventorySummary(filter)` resolves from. The filter is turned into SQL at once
 * (a bad ID is BAD_USER_INPUT before anything runs); the counts are one statement
 * (GROUP BY GROUPING SETS), run once however many count fields are asked for; the money
 * totals are one more statement, for purchaseCost and every bookValue(asOf) of the request.
 */
export class InventorySummarySource {
  private readonly where: string;
  private readonly params: unknown[] = [];
  private countsOnce?: Promise<SummaryCounts>;
  private readonly totals: DataLoader<string, CurrencyTotals[]>;

  constructor(private readonly ctx: Context, filter: AssetFilter | null | undefined) {
    this.where = assetFilterSql(filter, this.params).join(' AND ');
    this.totals = new DataLoader<string, CurrencyTotals[]>(async (keys) => {
      const rows = await this.loadTotals(keys.filter((k) => k !== COST_ONLY));
      return keys.map(() => rows);
    });
  }

  counts(): Promise<SummaryCounts> {
    return (this.countsOnce ??= this.loadCounts());
  }

  async purchaseCost(): Promise<Money[]> {
    const rows = await this.totals.load(COST_ONLY);
    return rows.map((r) => ({ amount: r.cost, currency: r.currency }));
  }

  async bookValue(asOf: string): Promise<Money[]> {
    const rows = await this.totals.load(asOf);
    return rows.map((r) => ({ amount: r.bookValue.get(asOf)!, currency: r.currency }));
  }

  /** Departments of the breakdown, through the request's batched loader; by count, then name, "none" last. */
  async byDepartment(): Promise<DepartmentCount[]> {
    const groups = (await this.counts()).byDepartment;
    const rows = await Promise.all(groups.map((g) => (g.departmentId ? this.ctx.loaders.departmentById.load(g.departmentId) : null)));
    return groups
      .map((g, i) => ({ department: rows[i] as DepartmentRow | null, count: g.count }))
      .sort(byCountThen((a, b) => compareNamed(a.department, b.department)));
  }

  /** Locations of the breakdown, through the request's batched loader; by count, then name, "none" last. */
  async byLocation(): Promise<LocationCount[]> {
    const groups = (await this.counts()).byLocation;
    const rows = await Promise.all(groups.map((g) => (g.locationId ? this.ctx.loaders.locationById.load(g.locationId) : null)));
    return groups
      .map((g, i) => ({ location: rows[i] as LocationRow | null, count: g.count }))
      .sort(byCountThen((a, b) => compareNamed(a.location, b.location)));
  }

  private async loadCounts(): Promise<SummaryCounts> {
    const rows = await this.ctx.db.query<CountRow>(
      `SELECT GROUPING(a.kind, a.status, a.department_id, a.location_id)::int AS g,
              a.kind, a.status, a.department_id AS "departmentId", a.location_id AS "locationId", count(*)::int AS n
         FROM asset a${this.where ? ` WHERE ${this.where}` : ''}
        GROUP BY GROUPING SETS ((), (a.kind), (a.status), (a.department_id), (a.location_id))`,
      this.params,
    );
    const of = (g: number) => rows.filter((r) => r.g === g);
    return {
      total: of(G_TOTAL)[0]?.n ?? 0,
      byKind: of(G_KIND)
        .map((r) => ({ kind: r.kind!, count: r.n }))
        .sort(byCountThen((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))),
      byStatus: of(G_STATUS)
        .map((r) => ({ status: r.status!, count: r.n }))
        .sort(byCountThen((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))),
      byDepartment: of(G_DEPARTMENT).map((r) => ({ departmentId: r.departmentId, count: r.n })),
      byLocation: of(G_LOCATION).map((r) => ({ locationId: r.locationId, count: r.n })),
    };
  }

  /** Per currency: the purchase cost and the book value on each date, in one statement. */
  private async loadTotals(dates: readonly string[]): Promise<CurrencyTotals[]> {
    const params = [...this.params];
    const columns = dates.map((d, i) => {
      params.push(d);
      return `, sum(${bookValueSql(`$${params.length}::date`)})::text AS bv${i}`;
    });
    const rows = await this.ctx.db.query<Record<string, string>>(
      `SELECT a.purchase_currency AS currency, sum(a.purchase_cost)::text AS cost${columns.join('')}
         FROM asset a ${DISPOSAL_JOIN_SQL}
        WHERE a.purchase_cost IS NOT NULL${this.where ? ` AND ${this.where}` : ''}
        GROUP BY a.purchase_currency ORDER BY a.purchase_currency`,
      params,
    );
    return rows.map((r) => ({
      currency: r.currency.trim(),
      cost: r.cost,
      bookValue: new Map(dates.map((d, i) => [d, r[`bv${i}`]])),
    }));
  }
}

/** By name, then ID; the "none" group (null) after every named one. */
function compareNamed(a: { name: string; id: string } | null, b: { name: string; id: string } | null): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return compareText(a.name, b.name) || compareText(a.id, b.id);
}

/** The source of `inventorySummary(filter)`; throws BAD_USER_INPUT for a filter naming the wrong kind of ID. */
export function inventorySummary(ctx: Context, filter: AssetFilter | null | undefined): InventorySummarySource {
  return new InventorySummarySource(ctx, filter);
}
