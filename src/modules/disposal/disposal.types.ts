import { Field, ObjectType } from 'type-graphql';
import { Money } from '../../common/money';
import { Node } from '../../common/node';
import { DateScalar } from '../../common/scalars';
import { UserError } from '../../common/user-errors';
import { Asset } from '../assets/asset.types';
import { CustodyEvent } from '../custody/custody.types';
import { Vendor } from '../vendors/vendor.types';
import type { DisposalEntity } from './disposal.entity';
import { DisposalMethod, SanitizationMethod, SanitizationTechnique } from './disposal.enums';

/** A disposal row as the resolvers receive it: its key is the asset's (one disposal per asset). */
export type DisposalRow = DisposalEntity & { __typename: 'Disposal'; id: string };

@ObjectType({ description: 'How the media of a data-bearing asset was sanitised before it left (NIST SP 800-88).' })
export class DataSanitization {
  @Field(() => SanitizationMethod, { description: 'The NIST SP 800-88 category: CLEAR, PURGE or DESTROY.' })
  method: SanitizationMethod;
  @Field(() => SanitizationTechnique, { nullable: true, description: 'The technique used (belongs to `method`); null when not recorded.' })
  technique: SanitizationTechnique | null;
  @Field(() => Date, { nullable: true, description: 'When it was done; null when not recorded.' })
  performedAt: Date | null;
  @Field({ description: 'Who did it.' })
  performedBy: string;
  @Field(() => String, { nullable: true, description: 'Who checked that it was done; null when nobody was recorded.' })
  verifiedBy: string | null;
  @Field(() => String, { nullable: true, description: 'Number of the certificate of sanitisation or data destruction.' })
  certificateNumber: string | null;
}

@ObjectType({
  implements: Node,
  description: 'How an asset left the organisation. Written once by disposeAsset and never changed: the database refuses updates and deletes.',
})
export class Disposal extends Node {
  @Field(() => Asset, { description: 'The asset disposed of.' })
  asset: Asset;
  @Field(() => DisposalMethod, { description: 'How it left.' })
  method: DisposalMethod;
  @Field(() => DateScalar, { description: 'The day it left.' })
  disposedOn: string;
  @Field(() => Vendor, { nullable: true, description: 'The vendor it went to; null when none was involved.' })
  vendor: Vendor | null;
  @Field(() => [String], {
    description: 'The certifications the vendor held at the time of disposal (e.g. R2, E_STEWARDS, NAID_AAA), whatever the vendor record says now; empty without a vendor.',
  })
  vendorCertifications: string[];
  @Field(() => DataSanitization, { nullable: true, description: 'How its data was sanitised; null when no sanitisation was recorded.' })
  dataSanitization: DataSanitization | null;
  @Field(() => Money, { nullable: true, description: 'What the organisation got for it; null when nothing was recorded. Needs ADMIN, ASSET_MANAGER or AUDITOR.' })
  recoveredValue: Money | null;
  @Field(() => String, { nullable: true, description: 'Number of the certificate of disposal or recycling.' })
  certificateOfDisposalNumber: string | null;
  @Field(() => String, { nullable: true, description: 'Free text about the disposal.' })
  note: string | null;
  @Field({ description: 'When the disposal was recorded.' })
  recordedAt: Date;
  @Field({ description: 'Who recorded it (the token subject).' })
  recordedBy: string;
}

@ObjectType({ description: 'Result of disposeAsset.' })
export class DisposeAssetPayload {
  @Field(() => Asset, { nullable: true, description: 'The asset after disposal (status DISPOSED); null when userErrors is not empty.' })
  asset: unknown;
  @Field(() => Disposal, { nullable: true, description: 'The disposal record written; null when userErrors is not empty.' })
  disposal: unknown;
  @Field(() => CustodyEvent, { nullable: true, description: 'The DISPOSAL_HANDOFF custody event to the vendor; null without a vendor (or on userErrors).' })
  custodyEvent: unknown;
  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
  userErrors: UserError[];
}
