import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Money } from '../../common/money';
import { DateScalar } from '../../common/scalars';
import type { Context } from '../../context';
import { AssetFilter } from '../assets/asset.filter';
import { Asset, type AssetRow } from '../assets/asset.types';
import { inventorySummary, todayUtc, type InventorySummarySource } from './valuation.service';
import { InventorySummary } from './valuation.types';

const AS_OF = 'The date to value on, YYYY-MM-DD (default: today in UTC). Before the asset is in service the value is its cost.';

@Resolver(() => Asset)
export class AssetValuationResolver {
  @FieldResolver(() => Money, {
    nullable: true,
    description:
      'Book value on a date, in the purchase currency: the purchase cost depreciated per the asset\'s depreciation settings ' +
      '(STRAIGHT_LINE: evenly down to the salvage value over the useful life; DECLINING_BALANCE: double declining, each whole month ' +
      'keeping (life - 2) / life of the value, never below salvage), counted in whole months from depreciation.inServiceOn ' +
      '(else purchase.receivedOn). The salvage value from the end of the useful life; the cost when no depreciation is set; ' +
      '0.00 from the disposal date. Exact decimals rounded half-up to cents. Null when no purchase cost is recorded. ' +
      'Readable by ADMIN, ASSET_MANAGER and AUDITOR.',
  })
  bookValue(
    @Root() a: AssetRow,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf: string | null,
    @Ctx() ctx: Context,
  ) {
    if (a.purchaseCost == null) return null;
    return ctx.loaders.bookValue.load({ assetId: a.id, asOf: asOf ?? todayUtc() });
  }
}

@Resolver(() => InventorySummary)
export class InventorySummaryResolver {
  @Query(() => InventorySummary, {
    description:
      'Counts by kind, status, department and location, and purchase cost and book value per currency, over the assets ' +
      'that the filter selects (all assets, of every status, without one). A handful of statements whatever the inventory\'s size.',
  })
  inventorySummary(
    @Arg('filter', () => AssetFilter, { nullable: true, description: 'Which assets to summarise: the same conditions as `assets(filter)`.' }) filter: AssetFilter | null,
    @Ctx() ctx: Context,
  ) {
    return inventorySummary(ctx, filter);
  }

  @FieldResolver()
  async total(@Root() s: InventorySummarySource) {
    return (await s.counts()).total;
  }

  @FieldResolver()
  async byKind(@Root() s: InventorySummarySource) {
    return (await s.counts()).byKind;
  }

  @FieldResolver()
  async byStatus(@Root() s: InventorySummarySource) {
    return (await s.counts()).byStatus;
  }

  @FieldResolver()
  byDepartment(@Root() s: InventorySummarySource) {
    return s.byDepartment();
  }

  @FieldResolver()
  byLocation(@Root() s: InventorySummarySource) {
    return s.byLocation();
  }

  @FieldResolver()
  purchaseCost(@Root() s: InventorySummarySource) {
    return s.purchaseCost();
  }

  @FieldResolver(() => [Money], {
    nullable: true,
    description:
      'Total book value (see `Asset.bookValue`) per purchase currency on a date, by currency code; assets without a recorded cost are left out, ' +
      'disposed ones count 0.00 from their disposal date. Null (with a FORBIDDEN error at this path) for callers who may not read money (VIEWER).',
  })
  bookValue(
    @Root() s: InventorySummarySource,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date to value on, YYYY-MM-DD (default: today in UTC).' }) asOf: string | null,
  ) {
    return s.bookValue(asOf ?? todayUtc());
  }
}

/** This module's resolver classes (registered in modules/index.ts). */
export const VALUATION_RESOLVERS: Function[] = [AssetValuationResolver, InventorySummaryResolver];
