import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { KeysetOrder } from '../../common/connection';
import { describeEnum } from '../../common/enums';
import { badInput } from '../../common/errors';
import { refuseUnstorableText } from '../../common/validation';
import { fromGlobalId } from '../../common/global-id';
import { DateScalar } from '../../common/scalars';
import { AssetKind, AssetStatus } from './asset.enums';

/** The contract's definition of a data-bearing asset; the same expression is indexed (idx_asset_data_bearing). */
export const DATA_BEARING_SQL =
  `kind IN ('NETWORK_DEVICE', 'VIRTUAL_MACHINE', 'DATA_ASSET') OR (kind = 'HARDWARE' AND data_bearing IS TRUE) OR (kind = 'CLOUD_RESOURCE' AND service_model IN ('IAAS', 'PAAS'))`;

@InputType({ description: 'Narrows an asset list; all given conditions must hold.' })
export class AssetFilter {
  @Field(() => [AssetKind], { nullable: true, description: 'Only these kinds.' })
  @IsOptional() @ArrayMaxSize(20)
  kinds?: AssetKind[] | null;
  @Field(() => [AssetStatus], { nullable: true, description: 'Only these statuses.' })
  @IsOptional() @ArrayMaxSize(20)
  statuses?: AssetStatus[] | null;
  @Field(() => ID, { nullable: true, description: 'Only assets at this Location or any location below it.' })
  locationId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only assets of this Department.' })
  departmentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only assets held now by this Person, Department, Location or Vendor.' })
  custodianId?: string | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive prefix of the asset tag, name or serial number.' })
  search?: string | null;
  @Field(() => [String], { nullable: true, description: 'Only assets carrying all of these tags.' })
  tags?: string[] | null;
  @Field(() => DateScalar, { nullable: true, description: 'Only assets whose warranty ends before this date.' })
  warrantyEndsBefore?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Only assets whose own end (expiresOn) is before this date.' })
  expiresBefore?: string | null;
  @Field(() => Date, { nullable: true, description: 'Only assets changed at or after this instant.' })
  updatedSince?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Only data-bearing (true) or only not data-bearing (false) assets.' })
  dataBearing?: boolean | null;
}

export enum AssetOrderField {
  ASSET_TAG = 'ASSET_TAG',
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  EXPIRES_ON = 'EXPIRES_ON',
}
describeEnum(AssetOrderField, 'AssetOrderField', 'What to sort assets by; ties are broken by ID.', {
  ASSET_TAG: 'Asset tag.',
  NAME: 'Name.',
  CREATED_AT: 'When recorded.',
  UPDATED_AT: 'When last changed.',
  EXPIRES_ON: 'The kind\'s own end date; assets without one come last.',
});

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
describeEnum(OrderDirection, 'OrderDirection', 'Sort direction.', { ASC: 'Ascending.', DESC: 'Descending.' });

@InputType({ description: 'Sort order of an asset list.' })
export class AssetOrder {
  @Field(() => AssetOrderField, { description: 'What to sort by.' })
  field: AssetOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Direction (default ASC).' })
  direction: OrderDirection;
}

const ORDER_EXPR: Record<AssetOrderField, { expr: string; cast: string }> = {
  ASSET_TAG: { expr: 'a.asset_tag', cast: 'text' },
  NAME: { expr: 'a.name', cast: 'text' },
  CREATED_AT: { expr: 'a.created_at', cast: 'timestamptz' },
  UPDATED_AT: { expr: 'a.updated_at', cast: 'timestamptz' },
  EXPIRES_ON: { expr: `COALESCE(a.expires_on, 'infinity'::date)`, cast: 'date' },
};

/**
 * EXPIRES_ON DESC: assets without an end date must still come last, so the missing date
 * sorts as -infinity there (with +infinity they would come first when descending).
 */
const EXPIRES_ON_DESC = { expr: `COALESCE(a.expires_on, '-infinity'::date)`, cast: 'date' };

export function assetOrder(order: AssetOrder | null | undefined): KeysetOrder {
  const field = order?.field ?? AssetOrderField.ASSET_TAG;
  const direction = order?.direction ?? OrderDirection.ASC;
  const key = field === AssetOrderField.EXPIRES_ON && direction === OrderDirection.DESC ? EXPIRES_ON_DESC : ORDER_EXPR[field];
  return { name: `asset.${field}.${direction}`, ...key, direction };
}

const CUSTODIAN_TYPE_OF: Record<string, string> = { Person: 'PERSON', Department: 'DEPARTMENT', Location: 'LOCATION', Vendor: 'VENDOR' };

/** Escapes LIKE wildcards so that a search for "50%" means the characters 5, 0, %. */
export const likePrefix = (s: string): string => `${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * SQL conditions for an AssetFilter on `asset a`, each served by an index.
 * `params` is appended to; placeholders continue its numbering.
 */
export function assetFilterSql(filter: AssetFilter | null | undefined, params: unknown[]): string[] {
  const where: string[] = [];
  if (!filter) return where;
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (filter.kinds?.length) where.push(`a.kind = ANY(${p(filter.kinds)}::varchar[])`);
  if (filter.statuses?.length) where.push(`a.status = ANY(${p(filter.statuses)}::varchar[])`);
  if (filter.locationId != null) {
    const loc = fromGlobalId(filter.locationId);
    if (loc?.type !== 'Location') throw badInput('filter.locationId is not a Location ID', 'filter');
    where.push(
      `a.location_id IN (WITH RECURSIVE sub AS (SELECT id FROM location WHERE id = ${p(loc.key)}::uuid ` +
        `UNION ALL SELECT l.id FROM location l JOIN sub ON l.parent_id = sub.id) SELECT id FROM sub)`,
    );
  }
  if (filter.departmentId != null) {
    const dep = fromGlobalId(filter.departmentId);
    if (dep?.type !== 'Department') throw badInput('filter.departmentId is not a Department ID', 'filter');
    where.push(`a.department_id = ${p(dep.key)}::uuid`);
  }
  if (filter.custodianId != null) {
    const c = fromGlobalId(filter.custodianId);
    const type = c ? CUSTODIAN_TYPE_OF[c.type] : undefined;
    if (!c || !type) throw badInput('filter.custodianId is not a Person, Department, Location or Vendor ID', 'filter');
    where.push(`a.custodian_type = ${p(type)} AND a.custodian_id = ${p(c.key)}::uuid`);
  }
  refuseUnstorableText([filter.search, filter.tags], 'filter');
  if (filter.search != null && filter.search.trim() !== '') {
    if (filter.search.length > 200) throw badInput('filter.search may be at most 200 characters', 'filter');
    const s = p(likePrefix(filter.search.trim()));
    where.push(`(lower(a.asset_tag) LIKE ${s} OR lower(a.name) LIKE ${s} OR lower(a.serial_number) LIKE ${s})`);
  }
  if (filter.tags?.length) {
    if (filter.tags.length > 50) throw badInput('filter.tags may hold at most 50 tags', 'filter');
    where.push(`a.tags @> ${p(filter.tags)}::varchar[]`);
  }
  if (filter.warrantyEndsBefore != null) where.push(`a.warranty_ends_on < ${p(filter.warrantyEndsBefore)}::date`);
  if (filter.expiresBefore != null) where.push(`COALESCE(a.expires_on, 'infinity'::date) < ${p(filter.expiresBefore)}::date`);
  if (filter.updatedSince != null) where.push(`a.updated_at >= ${p(filter.updatedSince)}::timestamptz`);
  if (filter.dataBearing != null) where.push(`(${DATA_BEARING_SQL.replace(/\b(kind|data_bearing|service_model)\b/g, 'a.$1')}) = ${p(filter.dataBearing)}::boolean`);
  return where;
}
