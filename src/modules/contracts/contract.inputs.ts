import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionArgs } from '../../common/connection';
import { MoneyInput } from '../../common/money';
import { DateScalar } from '../../common/scalars';
import { UserError } from '../../common/user-errors';
import { IsNotBlank } from '../../common/validation';
import { Contract, ContractStatus, ContractType } from './contract.types';

export const MAX_NOTICE_DAYS = 3650;
export const MAX_LINKED_PER_CALL = 1000;

@InputType({ description: 'Narrows a contract list; all given conditions must hold.' })
export class ContractFilter {
  @Field(() => ID, { nullable: true, description: 'Only contracts with this Vendor.' })
  vendorId?: string | null;
  @Field(() => [ContractType], { nullable: true, description: 'Only these types.' })
  types?: ContractType[] | null;
  @Field(() => [ContractStatus], { nullable: true, description: 'Only contracts in these statuses today.' })
  statuses?: ContractStatus[] | null;
  @Field(() => DateScalar, { nullable: true, description: 'Only contracts that end before this date.' })
  endsBefore?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Only contracts that end after this date.' })
  endsAfter?: string | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive prefix of the contract number or the title.' })
  search?: string | null;
}

@ArgsType()
export class ContractsArgs extends ConnectionArgs {
  @Field(() => ContractFilter, { nullable: true, description: 'Conditions the contracts must meet.' })
  filter?: ContractFilter | null;
}

const TYPES = Object.values(ContractType);

@InputType({ description: 'A new contract.' })
export class CreateContractInput {
  @Field({ description: 'Unique contract number (1–100 characters).' })
  @Length(1, 100) @IsNotBlank()
  contractNumber: string;
  @Field({ description: 'Short title (1–200 characters).' })
  @Length(1, 200) @IsNotBlank()
  title: string;
  @Field(() => ContractType, { description: 'What the contract covers.' })
  @IsIn(TYPES)
  type: ContractType;
  @Field(() => ID, { nullable: true, description: 'Global ID of the Vendor on the other side.' })
  @IsOptional()
  vendorId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'First day (not after endsOn).' })
  @IsOptional()
  startsOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day (not before startsOn); omit when open-ended.' })
  @IsOptional()
  endsOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When it renews, if that is not the end date.' })
  @IsOptional()
  renewsOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether it renews by itself unless notice is given (default false).' })
  @IsOptional() @IsBoolean()
  autoRenew?: boolean | null;
  @Field(() => Int, { nullable: true, description: `Days of notice needed, 0–${MAX_NOTICE_DAYS} (default 0).` })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_NOTICE_DAYS)
  noticePeriodDays?: number | null;
  @Field(() => MoneyInput, { nullable: true, description: 'What the contract costs.' })
  @IsOptional() @ValidateNested()
  cost?: MoneyInput | null;
  @Field(() => String, { nullable: true, description: 'Service levels agreed, as free text (at most 10,000 characters).' })
  @IsOptional() @MaxLength(10000)
  slaTerms?: string | null;
}

@InputType({ description: 'Changes to a contract; omitted fields stay as they are, null clears an optional one.' })
export class UpdateContractInput {
  @Field(() => ID, { description: 'Global ID of the Contract to change.' })
  id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one is refused with CONFLICT.' })
  @IsOptional()
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'New unique contract number (1–100 characters).' })
  @IsOptional() @Length(1, 100) @IsNotBlank()
  contractNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'New title (1–200 characters).' })
  @IsOptional() @Length(1, 200) @IsNotBlank()
  title?: string | null;
  @Field(() => ContractType, { nullable: true, description: 'New type.' })
  @IsOptional() @IsIn(TYPES)
  type?: ContractType | null;
  @Field(() => ID, { nullable: true, description: 'New Vendor; null clears it.' })
  @IsOptional()
  vendorId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'New first day; null clears it.' })
  @IsOptional()
  startsOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'New last day; null makes it open-ended.' })
  @IsOptional()
  endsOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'New renewal date; null clears it.' })
  @IsOptional()
  renewsOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether it renews by itself.' })
  @IsOptional() @IsBoolean()
  autoRenew?: boolean | null;
  @Field(() => Int, { nullable: true, description: `New notice period in days, 0–${MAX_NOTICE_DAYS}.` })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_NOTICE_DAYS)
  noticePeriodDays?: number | null;
  @Field(() => MoneyInput, { nullable: true, description: 'New cost; null clears it.' })
  @IsOptional() @ValidateNested()
  cost?: MoneyInput | null;
  @Field(() => String, { nullable: true, description: 'New service levels; null clears them.' })
  @IsOptional() @MaxLength(10000)
  slaTerms?: string | null;
}

@InputType({ description: 'A contract and the assets to link to it or unlink from it.' })
export class ContractAssetsInput {
  @Field(() => ID, { description: 'Global ID of the Contract.' })
  contractId: string;
  @Field(() => [ID], { description: `Global IDs of the assets (1–${MAX_LINKED_PER_CALL}); a repeated ID counts once.` })
  @ArrayMinSize(1) @ArrayMaxSize(MAX_LINKED_PER_CALL)
  assetIds: string[];
}

@ObjectType({ description: 'Result of createContract.' })
export class CreateContractPayload {
  @Field(() => Contract, { nullable: true, description: 'The new contract; null when userErrors is not empty.' })
  contract?: Contract | null;
  @Field(() => [UserError], { description: 'Why nothing was created; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of updateContract.' })
export class UpdateContractPayload {
  @Field(() => Contract, { nullable: true, description: 'The contract as changed; null when userErrors is not empty.' })
  contract?: Contract | null;
  @Field(() => [UserError], { description: 'Why nothing was changed; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of linkContractAssets.' })
export class LinkContractAssetsPayload {
  @Field(() => Contract, { nullable: true, description: 'The contract, now covering the assets; null when userErrors is not empty.' })
  contract?: Contract | null;
  @Field(() => [UserError], { description: 'Why nothing was linked; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of unlinkContractAssets.' })
export class UnlinkContractAssetsPayload {
  @Field(() => Contract, { nullable: true, description: 'The contract, no longer covering the assets; null when userErrors is not empty.' })
  contract?: Contract | null;
  @Field(() => [UserError], { description: 'Why nothing was unlinked; empty on success.' })
  userErrors: UserError[];
}
