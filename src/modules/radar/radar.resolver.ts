import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Asset } from '../assets/asset.types';
import { Contract } from '../contracts/contract.types';
import { DEFAULT_LIMIT, describeItem, listExpiring, MAX_LIMIT, MAX_WITHIN_DAYS } from './radar.service';
import { ExpiringItem, ExpiryKind, type ExpiringItemRow } from './radar.types';

@Resolver(() => ExpiringItem)
export class RadarResolver {
  @Query(() => [ExpiringItem], {
    description:
      'The expiry radar: what falls due from today to today + withinDays (inclusive), soonest first (same day: by kind name, then by id). ' +
      'Overdue CHECKOUT_RETURN items are included too (negative daysRemaining), since the asset is still out; other past dates are not. ' +
      'Retired and disposed assets and contracts already ended are left out.',
  })
  expiring(
    @Arg('withinDays', () => Int, { description: `How many days ahead to look, 0 (today only) to ${MAX_WITHIN_DAYS}.` }) withinDays: number,
    @Arg('kinds', () => [ExpiryKind], { nullable: true, description: 'Only these kinds; null or empty: all kinds.' }) kinds: ExpiryKind[] | null,
    @Arg('limit', () => Int, { nullable: true, description: `At most this many items, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).` }) limit: number | null,
    @Ctx() ctx: Context,
  ) {
    return listExpiring(ctx, { withinDays, kinds, limit });
  }

  @FieldResolver(() => Asset, { nullable: true })
  asset(@Root() item: ExpiringItemRow, @Ctx() ctx: Context) {
    return item.assetId ? ctx.loaders.assetById.load(item.assetId) : null;
  }

  @FieldResolver(() => Contract, { nullable: true })
  contract(@Root() item: ExpiringItemRow, @Ctx() ctx: Context) {
    return item.contractId ? ctx.loaders.contractById.load(item.contractId) : null;
  }

  @FieldResolver(() => String)
  description(@Root() item: ExpiringItemRow): string {
    return describeItem(item);
  }
}

/** This module's resolver classes (registered in modules/index.ts). */
export const RADAR_RESOLVERS: Function[] = [RadarResolver];
