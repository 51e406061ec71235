import { Field, Int, ObjectType } from 'type-graphql';
import { Money } from '../../common/money';
import { AssetKind, AssetStatus } from '../assets/asset.enums';
import { Department } from '../departments/department.types';
import type { DepartmentRow } from '../departments/department.types';
import { Location } from '../locations/location.types';
import type { LocationRow } from '../locations/location.types';

@ObjectType({ description: 'How many assets of one kind.' })
export class KindCount {
  @Field(() => AssetKind, { description: 'The kind.' })
  kind: AssetKind;
  @Field(() => Int, { description: 'Assets of this kind.' })
  count: number;
}

@ObjectType({ description: 'How many assets in one lifecycle status.' })
export class StatusCount {
  @Field(() => AssetStatus, { description: 'The status.' })
  status: AssetStatus;
  @Field(() => Int, { description: 'Assets in this status.' })
  count: number;
}

@ObjectType({ description: 'How many assets belong to one department (or to none).' })
export class DepartmentCount {
  @Field(() => Department, { nullable: true, description: 'The owning department; null counts the assets of no department.' })
  department: DepartmentRow | null;
  @Field(() => Int, { description: 'Assets of this department.' })
  count: number;
}

@ObjectType({ description: 'How many assets are at one location (or at none).' })
export class LocationCount {
  @Field(() => Location, {
    nullable: true,
    description: 'The location the assets are recorded at (exactly; assets in its sub-locations are counted under those); null counts the assets with no location.',
  })
  location: LocationRow | null;
  @Field(() => Int, { description: 'Assets at this location.' })
  count: number;
}

@ObjectType({
  description:
    'Counts and money totals over the assets that a filter selects (the same filter, and the same assets, as `assets(filter)`). ' +
    'Each breakdown lists only non-empty groups, largest first; equal counts keep a fixed order (enum order for kinds and statuses, ' +
    'name for departments and locations, the "none" group last). Money is summed per currency, by currency code.',
})
export class InventorySummary {
  @Field(() => Int, { description: 'How many assets the filter selects.' })
  total: number;
  @Field(() => [KindCount], { description: 'Assets per kind.' })
  byKind: KindCount[];
  @Field(() => [StatusCount], { description: 'Assets per lifecycle status.' })
  byStatus: StatusCount[];
  @Field(() => [DepartmentCount], { description: 'Assets per owning department; `department: null` counts those of no department.' })
  byDepartment: DepartmentCount[];
  @Field(() => [LocationCount], { description: 'Assets per location they are recorded at; `location: null` counts those with no location.' })
  byLocation: LocationCount[];
  @Field(() => [Money], {
    nullable: true,
    description:
      'Total purchase cost per purchase currency, by currency code; assets without a recorded cost are left out. ' +
      'Null (with a FORBIDDEN error at this path) for callers who may not read money (VIEWER).',
  })
  purchaseCost: Money[] | null;
  // bookValue(asOf) is declared by InventorySummaryResolver, which owns its argument.
}
