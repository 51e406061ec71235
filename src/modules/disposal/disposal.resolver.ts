import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { money } from '../../common/money';
import { asPayload } from '../../common/user-errors';
import type { Context } from '../../context';
import { AssetStatus } from '../assets/asset.enums';
import { Asset, type AssetRow } from '../assets/asset.types';
import { DisposeAssetInput } from './disposal.inputs';
import { disposeAsset } from './disposal.service';
import { Disposal, DisposeAssetPayload, type DataSanitization, type DisposalRow } from './disposal.types';
import type { SanitizationMethod, SanitizationTechnique } from './disposal.enums';

@Resolver(() => Disposal)
export class DisposalResolver {
  @Mutation(() => DisposeAssetPayload, {
    description:
      'Disposes of a RETIRED asset: records how it left, sets it DISPOSED (final) and releases its licence seats. A data-bearing asset needs dataSanitization ' +
      '(SANITIZATION_REQUIRED); through a vendor, a DISPOSAL_HANDOFF custody event makes the vendor its custodian. Needs ADMIN or ASSET_MANAGER.',
  })
  disposeAsset(@Arg('input', () => DisposeAssetInput, { description: 'The asset, how and when it left, and how its data was sanitised.' }) input: DisposeAssetInput, @Ctx() ctx: Context) {
    return asPayload(() => disposeAsset(ctx, input));
  }

  @FieldResolver()
  asset(@Root() d: DisposalRow, @Ctx() ctx: Context) {
    return ctx.loaders.assetById.load(d.assetId);
  }

  @FieldResolver()
  vendor(@Root() d: DisposalRow, @Ctx() ctx: Context) {
    return d.vendorId ? ctx.loaders.vendorById.load(d.vendorId) : null;
  }

  @FieldResolver()
  dataSanitization(@Root() d: DisposalRow): DataSanitization | null {
    if (!d.sanitizationMethod || !d.sanitizationPerformedBy) return null;
    return {
      method: d.sanitizationMethod as SanitizationMethod,
      technique: d.sanitizationTechnique as SanitizationTechnique | null,
      performedAt: d.sanitizationPerformedAt,
      performedBy: d.sanitizationPerformedBy,
      verifiedBy: d.sanitizationVerifiedBy,
      certificateNumber: d.sanitizationCertificateNumber,
    };
  }

  @FieldResolver()
  recoveredValue(@Root() d: DisposalRow) {
    return money(d.recoveredValue, d.recoveredCurrency);
  }
}

@Resolver(() => Asset)
export class AssetDisposalResolver {
  @FieldResolver(() => Disposal, { nullable: true, description: 'How it left the organisation; null unless it is DISPOSED.' })
  disposal(@Root() a: AssetRow, @Ctx() ctx: Context) {
    // A disposal row exists exactly when the asset is DISPOSED (both are written in one transaction): no statement for the others.
    return a.status === AssetStatus.DISPOSED ? ctx.loaders.disposalByAsset.load(a.id) : null;
  }
}

/** This module's resolver classes (registered in modules/index.ts). */
export const DISPOSAL_RESOLVERS: Function[] = [DisposalResolver, AssetDisposalResolver];
