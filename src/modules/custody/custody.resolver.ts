import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { columnPlanner } from '../../common/selection';
import { columnMap } from '../../database/columns';
import { CustodyEventEntity } from './custody-event.entity';
import { decodeCursor, ForwardArgs, forwardLimit, forwardPage } from '../../common/connection';
import { asPayload } from '../../common/user-errors';
import type { Context } from '../../context';
import { Asset, AssetConnection, type AssetRow } from '../assets/asset.types';
import { Person } from '../people/person.types';
import type { PersonRow } from '../people/person.types';
import { CustodianType } from './custody.enums';
import { changeAssetStatus, checkInAsset, checkOutAsset, listOverdue, transferAsset, verifyCustodyChain, type CustodyEventRow } from './custody.service';
import {
  ChangeAssetStatusInput, ChangeAssetStatusPayload, CheckInAssetInput, CheckInAssetPayload, CheckOutAssetInput, CheckOutAssetPayload,
  Custodian, CustodyChainVerification, CustodyEvent, CustodyEventConnection, TransferAssetInput, TransferAssetPayload,
} from './custody.types';

/**
 * The custody-event columns a custodyChain selection needs (src/common/selection.ts): a page of
 * 100 assets with 5 events each reads 500 events, most of whose 18 columns (hashes, notes,
 * actors) are seldom asked for. test/asset-columns.e2e.test.ts compares every event field.
 */
const custodyEventSelectFor = columnPlanner({
  columns: columnMap(CustodyEventEntity),
  types: ['CustodyEvent'],
  always: ['id', 'sequence'],
  constants: [`'CustodyEvent' AS "__typename"`],
  resolverReads: {
    id: [],
    from: ['fromType', 'fromId'],
    to: ['toType', 'toId'],
    asset: ['assetId'],
  },
}, 'e');

/** The row of a custodian, through the request's loaders. */
export function loadParty(ctx: Context, type: string | null, id: string | null) {
  if (!type || !id) return null;
  switch (type as CustodianType) {
    case CustodianType.PERSON: return ctx.loaders.personById.load(id);
    case CustodianType.DEPARTMENT: return ctx.loaders.departmentById.load(id);
    case CustodianType.LOCATION: return ctx.loaders.locationById.load(id);
    case CustodianType.VENDOR: return ctx.loaders.vendorById.load(id);
    default: return null;
  }
}

@Resolver(() => CustodyEvent)
export class CustodyResolver {
  @Mutation(() => CheckOutAssetPayload, { description: 'Hands an IN_STOCK asset to a person, department, location or vendor (NOT_AVAILABLE otherwise). Needs ADMIN or ASSET_MANAGER.' })
  checkOutAsset(@Arg('input', () => CheckOutAssetInput, { description: 'The asset, the holder and the return date.' }) input: CheckOutAssetInput, @Ctx() ctx: Context) {
    return asPayload(() => checkOutAsset(ctx, input));
  }

  @Mutation(() => CheckInAssetPayload, { description: 'Takes an IN_USE asset back into stock at a location. Needs ADMIN or ASSET_MANAGER.' })
  checkInAsset(@Arg('input', () => CheckInAssetInput, { description: 'The asset and where it is stocked.' }) input: CheckInAssetInput, @Ctx() ctx: Context) {
    return asPayload(() => checkInAsset(ctx, input));
  }

  @Mutation(() => TransferAssetPayload, { description: 'Hands an IN_USE asset from its holder to another. Needs ADMIN or ASSET_MANAGER.' })
  transferAsset(@Arg('input', () => TransferAssetInput, { description: 'The asset and its new holder.' }) input: TransferAssetInput, @Ctx() ctx: Context) {
    return asPayload(() => transferAsset(ctx, input));
  }

  @Mutation(() => ChangeAssetStatusPayload, { description: 'Moves an asset through its lifecycle (maintenance, lost, found, retired), with a reason. Hand-overs and disposal have their own mutations. Needs ADMIN or ASSET_MANAGER.' })
  changeAssetStatus(@Arg('input', () => ChangeAssetStatusInput, { description: 'The asset, the new status and why.' }) input: ChangeAssetStatusInput, @Ctx() ctx: Context) {
    return asPayload(() => changeAssetStatus(ctx, input));
  }

  @Query(() => AssetConnection, { description: 'IN_USE assets whose expected return date has passed, most overdue first.' })
  overdueCheckouts(@Args() args: ForwardArgs, @Ctx() ctx: Context) {
    return listOverdue(ctx, args);
  }

  @Query(() => CustodyChainVerification, { nullable: true, description: 'Recomputes an asset\'s custody chain and says whether it is intact; null when there is no such asset.' })
  verifyCustodyChain(@Arg('assetId', () => ID, { description: 'The asset.' }) assetId: string, @Ctx() ctx: Context) {
    return verifyCustodyChain(ctx, assetId);
  }

  @FieldResolver(() => Custodian, { nullable: true })
  from(@Root() e: CustodyEventRow, @Ctx() ctx: Context) {
    return loadParty(ctx, e.fromType, e.fromId);
  }

  @FieldResolver(() => Custodian, { nullable: true })
  to(@Root() e: CustodyEventRow, @Ctx() ctx: Context) {
    return loadParty(ctx, e.toType, e.toId);
  }

  @FieldResolver(() => Asset)
  asset(@Root() e: CustodyEventRow, @Ctx() ctx: Context) {
    return ctx.loaders.assetById.load(e.assetId);
  }
}

@Resolver(() => Asset)
export class AssetCustodyResolver {
  @FieldResolver(() => Custodian, { nullable: true, description: 'Who or what holds it now; null when in stock.' })
  custodian(@Root() a: AssetRow, @Ctx() ctx: Context) {
    return loadParty(ctx, a.custodianType, a.custodianId);
  }

  @FieldResolver(() => CustodyEventConnection, { description: 'Its chain of custody, newest first.' })
  async custodyChain(
    @Root() a: AssetRow,
    @Args() args: ForwardArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const limit = forwardLimit(args.first);
    const after = args.after != null ? Number(decodeCursor(args.after, 'custody', 'after').value) : null;
    const rows = limit === 0 ? [] : await ctx.loaders.custodyChainPage.load({
      parent: a.id, limit: limit + 1, after: after == null ? null : String(after), columns: custodyEventSelectFor(info),
    });
    // Sequences have no gaps, so the count is the last sequence: no statement needed.
    return forwardPage(rows, limit, args.after, 'custody', (e) => String(e.sequence), () => a.custodySequence);
  }

  @FieldResolver(() => Custodian, { nullable: true, description: 'Who or what held it at an instant; null when it was in stock (or not yet recorded).' })
  async custodianAt(
    @Root() a: AssetRow,
    @Arg('at', () => Date, { description: 'The instant.' }) at: Date,
    @Ctx() ctx: Context,
  ) {
    const h = await ctx.loaders.holderAt.load(`${a.id}|${at.toISOString()}`);
    return h ? loadParty(ctx, h.holderType, h.holderId) : null;
  }
}

@Resolver(() => Person)
export class PersonCustodyResolver {
  @FieldResolver(() => AssetConnection, { description: 'The assets this person holds now, by asset tag.' })
  async assets(@Root() p: PersonRow, @Args() args: ForwardArgs, @Ctx() ctx: Context) {
    const limit = forwardLimit(args.first);
    const after = args.after != null ? decodeCursor(args.after, 'held', 'after').value : null;
    const rows = limit === 0 ? [] : await ctx.loaders.heldAssetsPage.load({ parent: p.id, limit: limit + 1, after });
    for (const r of rows) ctx.loaders.assetById.prime(r.id, r);
    return forwardPage(rows, limit, args.after, 'held', (r) => r.assetTag, () => ctx.loaders.heldAssetCount.load(p.id));
  }
}
