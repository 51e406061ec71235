import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { asPayload } from '../../common/user-errors';
import type { Context } from '../../context';
import { CreateVendorInput, CreateVendorPayload, UpdateVendorInput, UpdateVendorPayload, VendorsArgs } from './vendor.inputs';
import { createVendor, listVendors, updateVendor } from './vendor.service';
import { Vendor, VendorConnection } from './vendor.types';

@Resolver(() => Vendor)
export class VendorResolver {
  @Query(() => VendorConnection, { description: 'Vendors by name, optionally only those with a role or whose name starts with some text.' })
  vendors(@Args() args: VendorsArgs, @Ctx() ctx: Context) {
    return listVendors(ctx, args);
  }

  @Mutation(() => CreateVendorPayload, { description: 'Creates a vendor. Needs ADMIN or ASSET_MANAGER.' })
  createVendor(@Arg('input', { description: 'The new vendor.' }) input: CreateVendorInput, @Ctx() ctx: Context) {
    return asPayload(() => createVendor(ctx, input));
  }

  @Mutation(() => UpdateVendorPayload, { description: 'Changes a vendor. Needs ADMIN or ASSET_MANAGER.' })
  updateVendor(@Arg('input', { description: 'The vendor and its changes.' }) input: UpdateVendorInput, @Ctx() ctx: Context) {
    return asPayload(() => updateVendor(ctx, input));
  }
}
