import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MoneyInput } from '../../common/money';
import { DateScalar } from '../../common/scalars';
import { IsNotBlank } from '../../common/validation';
import { DisposalMethod, SanitizationMethod, SanitizationTechnique } from './disposal.enums';

/** Column widths of the disposal table. */
export const MAX_PERSON = 200;
export const MAX_NUMBER = 100;
export const MAX_NOTE = 2000;

@InputType({ description: 'How the media of a data-bearing asset was sanitised before it left (NIST SP 800-88).' })
export class DataSanitizationInput {
  @Field(() => SanitizationMethod, { description: 'The NIST SP 800-88 category: CLEAR, PURGE or DESTROY.' })
  method: SanitizationMethod;
  @Field(() => SanitizationTechnique, { nullable: true, description: 'The technique used; it must belong to `method` (INVALID otherwise).' })
  technique?: SanitizationTechnique | null;
  @Field(() => Date, { nullable: true, description: 'When the sanitisation was done; not in the future.' })
  performedAt?: Date | null;
  @Field({ description: `Who did it: a person or a company (at most ${MAX_PERSON} characters).` })
  @IsNotBlank() @MaxLength(MAX_PERSON)
  performedBy: string;
  @Field(() => String, { nullable: true, description: `Who checked that it was done (at most ${MAX_PERSON} characters).` })
  @IsOptional() @MaxLength(MAX_PERSON)
  verifiedBy?: string | null;
  @Field(() => String, { nullable: true, description: `Number of the certificate of sanitisation or data destruction (at most ${MAX_NUMBER} characters).` })
  @IsOptional() @MaxLength(MAX_NUMBER)
  certificateNumber?: string | null;
}

@InputType({ description: 'The disposal of a RETIRED asset: how it left, when, through whom, and how its data was sanitised.' })
export class DisposeAssetInput {
  @Field(() => ID, { description: 'The asset; it must be RETIRED.' })
  assetId: string;
  @Field(() => DisposalMethod, { description: 'How it left. RECYCLE needs a vendor with the RECYCLER role.' })
  method: DisposalMethod;
  @Field(() => DateScalar, { description: 'The day it left; not in the future.' })
  disposedOn: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The Vendor it went to (buyer, recycler, lessor, manufacturer). When given, a DISPOSAL_HANDOFF custody event is recorded and the vendor becomes its custodian.',
  })
  vendorId?: string | null;
  @Field(() => DataSanitizationInput, { nullable: true, description: 'How its data was sanitised; required for a data-bearing asset (SANITIZATION_REQUIRED otherwise).' })
  @IsOptional() @ValidateNested()
  dataSanitization?: DataSanitizationInput | null;
  @Field(() => MoneyInput, { nullable: true, description: 'What the organisation got for it (sale price, buyback or recycling credit).' })
  @IsOptional() @ValidateNested()
  recoveredValue?: MoneyInput | null;
  @Field(() => String, { nullable: true, description: `Number of the certificate of disposal or recycling (at most ${MAX_NUMBER} characters).` })
  @IsOptional() @MaxLength(MAX_NUMBER)
  certificateOfDisposalNumber?: string | null;
  @Field(() => String, {
    nullable: true,
    description: `Free text about the disposal (at most ${MAX_NOTE.toLocaleString('en')} characters), kept on the disposal record and, through a vendor, on the DISPOSAL_HANDOFF custody event.`,
  })
  @IsOptional() @MaxLength(MAX_NOTE)
  note?: string | null;
  @Field(() => Int, { nullable: true, description: 'The asset version you read; a stale one is CONFLICT.' })
  @IsOptional()
  expectedVersion?: number | null;
}
