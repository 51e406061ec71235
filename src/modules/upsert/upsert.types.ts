import { Field, InputType, ObjectType } from 'type-graphql';
import { describeEnum } from '../../common/enums';
import { UserError } from '../../common/user-errors';
import { AssetKind } from '../assets/asset.enums';
import {
  CreateCertificateInput, CreateCloudResourceInput, CreateDataAssetInput, CreateHardwareInput, CreateNetworkDeviceInput,
  CreateSoftwareLicenseInput, CreateVirtualMachineInput,
} from '../assets/asset.inputs';
import { Asset, type AssetRow } from '../assets/asset.types';

/** Items one upsertAssets call may carry. */
export const MAX_UPSERT_ITEMS = 1000;

export enum UpsertOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  FAILED = 'FAILED',
}

describeEnum(UpsertOutcome, 'UpsertOutcome', 'What upsertAssets did with one item.', {
  CREATED: 'No asset had this (source, externalId): a new asset and its external ref were created.',
  UPDATED: 'The asset of this (source, externalId) differed from the item: the given fields were written (version + 1).',
  UNCHANGED: 'The asset of this (source, externalId) already matched the item: nothing was written (version and updatedAt kept).',
  FAILED: 'The item was refused (see its userErrors); nothing was written for it. The other items are not affected.',
});

@InputType({
  description:
    'One asset of an upsertAssets call, keyed by (source, externalId). Give `kind` and exactly one kind object, the one matching it, ' +
    'with the fields of that kind\'s create input. On an existing asset the fields given are written and absent ones left alone; null clears ' +
    'an optional field, while null for status, assetTag, tags and the kind\'s defaulted fields (dataBearing, allowOverallocation, powerState, ' +
    'ipAddresses, containsPersonalData, subjectAltNames) keeps the stored value. `externalRefs` is refused here: the item\'s key is its external ref.',
})
export class UpsertAssetItemInput {
  @Field({ description: 'The asset\'s key in the source system (1–200 characters, surrounding white space ignored); unique within one call.' })
  externalId: string;

  @Field(() => AssetKind, { description: 'The asset\'s kind; the matching kind object must be given. An existing asset of another kind is refused (INVALID).' })
  kind: AssetKind;

  @Field(() => CreateHardwareInput, { nullable: true, description: 'The Hardware fields, when kind is HARDWARE.' })
  hardware?: CreateHardwareInput | null;

  @Field(() => CreateSoftwareLicenseInput, { nullable: true, description: 'The SoftwareLicense fields, when kind is SOFTWARE_LICENSE.' })
  softwareLicense?: CreateSoftwareLicenseInput | null;

  @Field(() => CreateNetworkDeviceInput, { nullable: true, description: 'The NetworkDevice fields, when kind is NETWORK_DEVICE.' })
  networkDevice?: CreateNetworkDeviceInput | null;

  @Field(() => CreateCloudResourceInput, { nullable: true, description: 'The CloudResource fields, when kind is CLOUD_RESOURCE.' })
  cloudResource?: CreateCloudResourceInput | null;

  @Field(() => CreateVirtualMachineInput, { nullable: true, description: 'The VirtualMachine fields, when kind is VIRTUAL_MACHINE.' })
  virtualMachine?: CreateVirtualMachineInput | null;

  @Field(() => CreateDataAssetInput, { nullable: true, description: 'The DataAsset fields, when kind is DATA_ASSET.' })
  dataAsset?: CreateDataAssetInput | null;

  @Field(() => CreateCertificateInput, { nullable: true, description: 'The Certificate fields, when kind is CERTIFICATE.' })
  certificate?: CreateCertificateInput | null;
}

@InputType({ description: 'A batch of assets from one source system, each keyed by its externalId there.' })
export class UpsertAssetsInput {
  @Field({ description: 'The source system, e.g. "intune" (1–100 characters, surrounding white space ignored): the `source` of the external refs.' })
  source: string;

  @Field(() => [UpsertAssetItemInput], { description: `The assets (at most ${MAX_UPSERT_ITEMS.toLocaleString('en')} per call), each with a distinct externalId.` })
  items: UpsertAssetItemInput[];
}

@ObjectType({ description: 'What upsertAssets did with one item.' })
export class UpsertAssetResult {
  @Field({ description: 'The item\'s externalId, as given.' })
  externalId: string;

  @Field(() => UpsertOutcome, { description: 'CREATED, UPDATED, UNCHANGED or FAILED.' })
  outcome: UpsertOutcome;

  @Field(() => Asset, {
    nullable: true,
    description: 'The asset after the call; for a FAILED item the stored asset its key names, unchanged (null when there is none).',
  })
  asset: AssetRow | null;

  @Field(() => [UserError], { description: 'Why the item FAILED, with field paths such as ["input", "items", "3", "hardware", "name"]; empty otherwise.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of upsertAssets.' })
export class UpsertAssetsPayload {
  @Field(() => [UpsertAssetResult], { description: 'One result per item, in the order of the items; empty when the call as a whole was refused.' })
  results: UpsertAssetResult[];

  @Field(() => [UserError], {
    description: 'Problems of the call as a whole (blank source, too many items, an externalId given twice): then nothing was written and results is empty.',
  })
  userErrors: UserError[];
}
