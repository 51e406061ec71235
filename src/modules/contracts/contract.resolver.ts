import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { decodeCursor, ForwardArgs, forwardLimit, forwardPage, type ConnectionResult } from '../../common/connection';
import { Money, money } from '../../common/money';
import { asPayload } from '../../common/user-errors';
import type { Context } from '../../context';
import { Asset, AssetConnection, type AssetRow } from '../assets/asset.types';
import { Vendor } from '../vendors/vendor.types';
import {
  ContractAssetsInput, ContractsArgs, CreateContractInput, CreateContractPayload, LinkContractAssetsPayload, UnlinkContractAssetsPayload,
  UpdateContractInput, UpdateContractPayload,
} from './contract.inputs';
import { contractSelectFor, createContract, linkContractAssets, listContracts, unlinkContractAssets, updateContract } from './contract.service';
import { Contract, ContractConnection, type ContractRow } from './contract.types';

const ASSETS_ORDER = 'contract.assets';

/** The assets page of a contract, by asset tag, from rows fetched with limit + 1. */
async function contractAssets(ctx: Context, c: ContractRow, args: ForwardArgs): Promise<ConnectionResult<AssetRow>> {
  const limit = forwardLimit(args.first);
  const after = args.after != null ? decodeCursor(args.after, ASSETS_ORDER, 'after').value : null;
  const rows = limit === 0 ? [] : await ctx.loaders.contractAssetsPage.load({ parent: c.id, limit: limit + 1, after });
  for (const r of rows) ctx.loaders.assetById.prime(r.id, r);
  return forwardPage(rows as AssetRow[], limit, args.after, ASSETS_ORDER, (r) => r.assetTag, () => ctx.loaders.contractAssetCount.load(c.id));
}

@Resolver(() => Contract)
export class ContractResolver {
  @Query(() => ContractConnection, { description: 'Contracts, soonest end first (open-ended ones last).' })
  contracts(@Args() args: ContractsArgs, @Ctx() ctx: Context) {
    return listContracts(ctx, args);
  }

  @FieldResolver(() => Vendor, { nullable: true })
  vendor(@Root() c: ContractRow, @Ctx() ctx: Context) {
    return c.vendorId ? ctx.loaders.vendorById.load(c.vendorId) : null;
  }

  @FieldResolver(() => Money, { nullable: true })
  cost(@Root() c: ContractRow) {
    return money(c.cost, c.costCurrency);
  }

  @FieldResolver(() => AssetConnection, { description: 'The assets the contract covers, by asset tag.' })
  assets(@Root() c: ContractRow, @Args() args: ForwardArgs, @Ctx() ctx: Context) {
    return contractAssets(ctx, c, args);
  }

  @Mutation(() => CreateContractPayload, { description: 'Records a contract. Needs ADMIN or ASSET_MANAGER.' })
  createContract(@Arg('input', () => CreateContractInput, { description: 'The new contract.' }) input: CreateContractInput, @Ctx() ctx: Context) {
    return asPayload(() => createContract(ctx, input));
  }

  @Mutation(() => UpdateContractPayload, { description: 'Changes a contract. Needs ADMIN or ASSET_MANAGER.' })
  updateContract(@Arg('input', () => UpdateContractInput, { description: 'The contract and its changes.' }) input: UpdateContractInput, @Ctx() ctx: Context) {
    return asPayload(() => updateContract(ctx, input));
  }

  @Mutation(() => LinkContractAssetsPayload, { description: 'Puts assets under a contract; ones already linked stay linked. Needs ADMIN or ASSET_MANAGER.' })
  linkContractAssets(@Arg('input', () => ContractAssetsInput, { description: 'The contract and the assets.' }) input: ContractAssetsInput, @Ctx() ctx: Context) {
    return asPayload(() => linkContractAssets(ctx, input));
  }

  @Mutation(() => UnlinkContractAssetsPayload, { description: 'Takes assets out of a contract; ones not linked are ignored. Needs ADMIN or ASSET_MANAGER.' })
  unlinkContractAssets(@Arg('input', () => ContractAssetsInput, { description: 'The contract and the assets.' }) input: ContractAssetsInput, @Ctx() ctx: Context) {
    return asPayload(() => unlinkContractAssets(ctx, input));
  }
}

@Resolver(() => Asset)
export class AssetContractResolver {
  @FieldResolver(() => [Contract], { description: 'The contracts that cover it (purchase, lease, support …), soonest end first.' })
  contracts(@Root() a: AssetRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.loaders.contractsByAsset.load({ key: a.id, columns: contractSelectFor(info) });
  }
}
