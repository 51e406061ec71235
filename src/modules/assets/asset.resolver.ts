import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { assetSelectFor } from './asset.columns';
import { ConnectionArgs } from '../../common/connection';
import { money } from '../../common/money';
import { asPayload, UserError } from '../../common/user-errors';
import type { Context } from '../../context';
import { AssetKind, KIND_TYPENAME } from './asset.enums';
import { AssetFilter, AssetOrder } from './asset.filter';
import {
  CreateCertificateInput, CreateCloudResourceInput, CreateDataAssetInput, CreateHardwareInput, CreateNetworkDeviceInput,
  CreateSoftwareLicenseInput, CreateVirtualMachineInput, UpdateCertificateInput, UpdateCloudResourceInput, UpdateDataAssetInput,
  UpdateHardwareInput, UpdateNetworkDeviceInput, UpdateSoftwareLicenseInput, UpdateVirtualMachineInput,
  type CreateAssetInput, type UpdateAssetInput,
} from './asset.inputs';
import { createAsset, getAsset, listAssets, updateAsset } from './asset.service';
import {
  Asset, AssetConnection, Certificate, CloudResource, DataAsset, Depreciation, ExternalRef, Hardware, NetworkDevice, Purchase,
  SoftwareLicense, VirtualMachine, Warranty, WarrantyStatus, type AssetRow,
} from './asset.types';

const DAY_MS = 86_400_000;

const todayUtc = (): string => new Date().toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

@Resolver(() => Asset)
export class AssetResolver {
  @Query(() => Asset, { nullable: true, description: 'One asset by global ID or by asset tag (give one); null when there is none.' })
  asset(
    @Arg('id', () => ID, { nullable: true, description: 'The asset\'s global ID.' }) id: string | null,
    @Arg('assetTag', () => String, { nullable: true, description: 'The asset\'s tag, e.g. HW-000042 (exact match).' }) assetTag: string | null,
    @Ctx() ctx: Context,
  ) {
    return getAsset(ctx, { id, assetTag });
  }

  @Query(() => AssetConnection, { description: 'Assets of every kind, filtered and ordered, in keyset pages.' })
  assets(
    @Arg('filter', () => AssetFilter, { nullable: true, description: 'Conditions that every returned asset meets.' }) filter: AssetFilter | null,
    @Arg('orderBy', () => AssetOrder, { nullable: true, description: 'Sort order (default: by asset tag, ascending).' }) orderBy: AssetOrder | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listAssets(ctx, filter, orderBy, page, assetSelectFor(info));
  }

  @FieldResolver()
  location(@Root() a: AssetRow, @Ctx() ctx: Context) {
    return a.locationId ? ctx.loaders.locationById.load(a.locationId) : null;
  }

  @FieldResolver()
  department(@Root() a: AssetRow, @Ctx() ctx: Context) {
    return a.departmentId ? ctx.loaders.departmentById.load(a.departmentId) : null;
  }

  @FieldResolver(() => Purchase, { nullable: true })
  async purchase(@Root() a: AssetRow, @Ctx() ctx: Context): Promise<Purchase | null> {
    const none = [a.purchaseOrderedOn, a.purchaseReceivedOn, a.purchaseCost, a.purchaseSupplierId, a.purchaseOrderNumber, a.purchaseInvoiceNumber].every((v) => v == null);
    if (none) return null;
    return {
      orderedOn: a.purchaseOrderedOn,
      receivedOn: a.purchaseReceivedOn,
      cost: money(a.purchaseCost, a.purchaseCurrency),
      supplier: (a.purchaseSupplierId ? await ctx.loaders.vendorById.load(a.purchaseSupplierId) : null) as Purchase['supplier'],
      orderNumber: a.purchaseOrderNumber,
      invoiceNumber: a.purchaseInvoiceNumber,
    };
  }

  @FieldResolver(() => Warranty)
  async warranty(@Root() a: AssetRow, @Ctx() ctx: Context): Promise<Warranty> {
    const provider = (a.warrantyProviderId ? await ctx.loaders.vendorById.load(a.warrantyProviderId) : null) as Warranty['provider'];
    if (!a.warrantyEndsOn) return { endsOn: null, provider, status: WarrantyStatus.NONE, daysRemaining: null };
    const days = daysBetween(todayUtc(), a.warrantyEndsOn);
    const status = days < 0 ? WarrantyStatus.EXPIRED : days <= ctx.config.assets.warrantyWarningDays ? WarrantyStatus.EXPIRING : WarrantyStatus.ACTIVE;
    return { endsOn: a.warrantyEndsOn, provider, status, daysRemaining: days };
  }

  @FieldResolver(() => Depreciation, { nullable: true })
  depreciation(@Root() a: AssetRow): Depreciation | null {
    if (!a.depreciationMethod || a.depreciationUsefulLifeMonths == null) return null;
    return {
      method: a.depreciationMethod as Depreciation['method'],
      usefulLifeMonths: a.depreciationUsefulLifeMonths,
      salvageValue: a.depreciationSalvageValue ?? '0.00',
      inServiceOn: a.depreciationInServiceOn,
    };
  }

  @FieldResolver(() => [ExternalRef])
  externalRefs(@Root() a: AssetRow, @Ctx() ctx: Context) {
    return ctx.loaders.externalRefsByAsset.load(a.id);
  }
}

/**
 * The create/update mutations of one kind, and their payload types:
 * `createHardware(input: CreateHardwareInput!): CreateHardwarePayload!` and so on.
 */
function kindMutations(kind: AssetKind, objectType: ClassType, createInput: ClassType, updateInput: ClassType) {
  const typename = KIND_TYPENAME[kind];

  @ObjectType(`Create${typename}Payload`, { description: `Result of create${typename}.` })
  class CreatePayload {
    @Field(() => objectType, { nullable: true, description: `The new ${typename}; null when userErrors is not empty.` })
    asset: AssetRow | null;
    @Field(() => [UserError], { description: 'Why nothing was created; empty on success.' })
    userErrors: UserError[];
  }

  @ObjectType(`Update${typename}Payload`, { description: `Result of update${typename}.` })
  class UpdatePayload {
    @Field(() => objectType, { nullable: true, description: `The ${typename} as changed; null when userErrors is not empty.` })
    asset: AssetRow | null;
    @Field(() => [UserError], { description: 'Why nothing was changed; empty on success.' })
    userErrors: UserError[];
  }

  @Resolver(() => objectType)
  class KindMutationResolver {
    @Mutation(() => CreatePayload, { name: `create${typename}`, description: `Records a new ${typename}. Needs ADMIN or ASSET_MANAGER.` })
    create(@Arg('input', () => createInput, { description: `The new ${typename}.` }) input: CreateAssetInput, @Ctx() ctx: Context) {
      return asPayload(() => createAsset(ctx, kind, input));
    }

    @Mutation(() => UpdatePayload, { name: `update${typename}`, description: `Changes a ${typename}; send \`expectedVersion\` to refuse a stale write. Needs ADMIN or ASSET_MANAGER.` })
    update(@Arg('input', () => updateInput, { description: `The ${typename} and its changes.` }) input: UpdateAssetInput, @Ctx() ctx: Context) {
      return asPayload(() => updateAsset(ctx, kind, input));
    }
  }
  return KindMutationResolver;
}

@Resolver(() => CloudResource)
class CloudResourceResolver {
  @FieldResolver()
  monthlyCost(@Root() a: AssetRow) {
    return money(a.monthlyCost, a.monthlyCostCurrency);
  }
}

@Resolver(() => VirtualMachine)
class VirtualMachineResolver {
  @FieldResolver()
  host(@Root() a: AssetRow, @Ctx() ctx: Context) {
    return a.hostId ? ctx.loaders.assetById.load(a.hostId) : null;
  }
}

@Resolver(() => DataAsset)
class DataAssetResolver {
  @FieldResolver()
  storedOn(@Root() a: AssetRow, @Ctx() ctx: Context) {
    return ctx.loaders.storedOnByAsset.load(a.id);
  }

  @FieldResolver()
  retentionUntil(@Root() a: AssetRow) {
    return a.expiresOn;
  }

  @FieldResolver()
  dataOwner(@Root() a: AssetRow, @Ctx() ctx: Context) {
    return a.dataOwnerId ? ctx.loaders.personById.load(a.dataOwnerId) : null;
  }
}

@Resolver(() => Certificate)
class CertificateResolver {
  @FieldResolver()
  installedOn(@Root() a: AssetRow, @Ctx() ctx: Context) {
    return ctx.loaders.installedOnByAsset.load(a.id);
  }
}

export const KindResolvers = [
  kindMutations(AssetKind.HARDWARE, Hardware, CreateHardwareInput, UpdateHardwareInput),
  kindMutations(AssetKind.SOFTWARE_LICENSE, SoftwareLicense, CreateSoftwareLicenseInput, UpdateSoftwareLicenseInput),
  kindMutations(AssetKind.NETWORK_DEVICE, NetworkDevice, CreateNetworkDeviceInput, UpdateNetworkDeviceInput),
  kindMutations(AssetKind.CLOUD_RESOURCE, CloudResource, CreateCloudResourceInput, UpdateCloudResourceInput),
  kindMutations(AssetKind.VIRTUAL_MACHINE, VirtualMachine, CreateVirtualMachineInput, UpdateVirtualMachineInput),
  kindMutations(AssetKind.DATA_ASSET, DataAsset, CreateDataAssetInput, UpdateDataAssetInput),
  kindMutations(AssetKind.CERTIFICATE, Certificate, CreateCertificateInput, UpdateCertificateInput),
  CloudResourceResolver,
  VirtualMachineResolver,
  DataAssetResolver,
  CertificateResolver,
];
