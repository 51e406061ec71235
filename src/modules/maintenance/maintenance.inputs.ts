import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MoneyInput } from '../../common/money';
import { DateScalar } from '../../common/scalars';
import { MaintenanceType } from './maintenance-record.entity';
import './maintenance.types';

export const MAX_DESCRIPTION = 4000;

@InputType({ description: 'New maintenance work on an asset: started now (the asset goes IN_MAINTENANCE) or scheduled for later.' })
export class RecordMaintenanceInput {
  @Field(() => ID, { description: 'The asset to work on.' })
  assetId: string;
  @Field(() => MaintenanceType, { description: 'What kind of work it is.' })
  type: MaintenanceType;
  @Field(() => DateScalar, { nullable: true, description: 'The day the work is planned for.' })
  scheduledOn?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Start the work now: the asset moves to IN_MAINTENANCE. Default: true when scheduledOn is null or not after today, false otherwise.',
  })
  startNow?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'The Vendor doing the work; omit for in-house work.' })
  vendorId?: string | null;
  @Field(() => MoneyInput, { nullable: true, description: 'What the work costs or is expected to cost.' })
  @IsOptional() @ValidateNested()
  cost?: MoneyInput | null;
  @Field({ defaultValue: false, description: 'True when the asset\'s warranty covers the work (default false).' })
  coveredByWarranty: boolean;
  @Field(() => String, { nullable: true, description: `What is done and why (at most ${MAX_DESCRIPTION.toLocaleString('en')} characters).` })
  @IsOptional() @MaxLength(MAX_DESCRIPTION)
  description?: string | null;
}

@InputType({ description: 'Starts SCHEDULED maintenance now: the asset moves to IN_MAINTENANCE.' })
export class StartMaintenanceInput {
  @Field(() => ID, { description: 'The MaintenanceRecord.' })
  maintenanceId: string;
  @Field(() => Int, { nullable: true, description: 'The record version you read; a stale one is CONFLICT.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'Completes maintenance; an asset whose work is all done returns to the status it had before.' })
export class CompleteMaintenanceInput {
  @Field(() => ID, { description: 'The MaintenanceRecord.' })
  maintenanceId: string;
  @Field(() => Date, { nullable: true, description: 'When the work was completed (default now; not in the future, not before it started).' })
  completedAt?: Date | null;
  @Field(() => MoneyInput, { nullable: true, description: 'The final cost; replaces the recorded one (omit to keep it).' })
  @IsOptional() @ValidateNested()
  cost?: MoneyInput | null;
  @Field(() => String, { nullable: true, description: `What was done; replaces the recorded description (omit to keep it; at most ${MAX_DESCRIPTION.toLocaleString('en')} characters).` })
  @IsOptional() @MaxLength(MAX_DESCRIPTION)
  description?: string | null;
  @Field(() => Int, { nullable: true, description: 'The record version you read; a stale one is CONFLICT.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'Calls off SCHEDULED or IN_PROGRESS maintenance; an asset whose work is all over returns to the status it had before.' })
export class CancelMaintenanceInput {
  @Field(() => ID, { description: 'The MaintenanceRecord.' })
  maintenanceId: string;
  @Field(() => Int, { nullable: true, description: 'The record version you read; a stale one is CONFLICT.' })
  expectedVersion?: number | null;
}
