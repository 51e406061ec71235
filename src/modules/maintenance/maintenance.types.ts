import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { describeEnum } from '../../common/enums';
import { Money } from '../../common/money';
import { Node } from '../../common/node';
import { DateScalar } from '../../common/scalars';
import { UserError } from '../../common/user-errors';
import { Asset } from '../assets/asset.types';
import { Vendor } from '../vendors/vendor.types';
import { MaintenanceRecordEntity, MaintenanceStatus, MaintenanceType } from './maintenance-record.entity';

describeEnum(MaintenanceType, 'MaintenanceType', 'What kind of work a maintenance record is about.', {
  PREVENTIVE: 'Planned upkeep to keep the asset working (cleaning, parts replaced on schedule).',
  REPAIR: 'Fixing a fault or damage.',
  UPGRADE: 'Adding or replacing components to improve the asset (memory, storage, parts).',
  INSPECTION: 'Checking the asset\'s condition or safety without changing it.',
  CALIBRATION: 'Adjusting the asset so that it measures or performs within specification.',
  SOFTWARE_UPDATE: 'Updating firmware, operating system or installed software.',
  OTHER: 'Any other work.',
});

describeEnum(MaintenanceStatus, 'MaintenanceStatus', 'Where a maintenance record stands.', {
  SCHEDULED: 'Planned; work has not started and the asset\'s status is unchanged.',
  IN_PROGRESS: 'Work has started; the asset is IN_MAINTENANCE until the work is completed or cancelled.',
  COMPLETED: 'Work is done (final).',
  CANCELLED: 'Called off before it was completed (final).',
});

/** A maintenance record row as the resolvers receive it (see `selectList`). */
export type MaintenanceRecordRow = MaintenanceRecordEntity & { __typename: 'MaintenanceRecord' };

@ObjectType({ implements: Node, description: 'A piece of maintenance work on an asset: planned, in progress, completed or cancelled.' })
export class MaintenanceRecord extends Node {
  @Field(() => MaintenanceType, { description: 'What kind of work it is.' })
  type: MaintenanceType;
  @Field(() => MaintenanceStatus, { description: 'Where the work stands.' })
  status: MaintenanceStatus;
  @Field(() => DateScalar, { nullable: true, description: 'The day the work is planned for; null when none was given.' })
  scheduledOn: string | null;
  @Field(() => Date, { nullable: true, description: 'When the work started (the asset went IN_MAINTENANCE); null while scheduled.' })
  startedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the work was completed; null until it is.' })
  completedAt: Date | null;
  @Field(() => Money, { nullable: true, description: 'What the work cost (or is expected to cost); null when unknown. Needs ADMIN, ASSET_MANAGER or AUDITOR.' })
  cost: Money | null;
  @Field(() => Vendor, { nullable: true, description: 'Who does the work; null for in-house work.' })
  vendor: Vendor | null;
  @Field({ description: 'True when the work is covered by the asset\'s warranty.' })
  coveredByWarranty: boolean;
  @Field(() => String, { nullable: true, description: 'What is done and why (free text).' })
  description: string | null;
  @Field(() => Asset, { description: 'The asset worked on.' })
  asset: Asset;
  @Field({ description: 'When the record was created.' })
  createdAt: Date;
  @Field({ description: 'When the record last changed.' })
  updatedAt: Date;
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to change the record safely.' })
  version: number;
}

@ObjectType({ description: 'A page of maintenance records, newest first.' })
export class MaintenanceRecordConnection extends Connection(MaintenanceRecord, 'MaintenanceRecord', 'maintenance record') {}

function maintenancePayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => MaintenanceRecord, { nullable: true, description: 'The maintenance record after the change; null when userErrors is not empty.' })
    maintenanceRecord: unknown;
    @Field(() => Asset, { nullable: true, description: 'The asset after the change (its status may have moved); null when userErrors is not empty.' })
    asset: unknown;
    @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
    userErrors: UserError[];
  }
  return Payload;
}

export const RecordMaintenancePayload = maintenancePayload('RecordMaintenancePayload', 'recordMaintenance');
export const StartMaintenancePayload = maintenancePayload('StartMaintenancePayload', 'startMaintenance');
export const CompleteMaintenancePayload = maintenancePayload('CompleteMaintenancePayload', 'completeMaintenance');
export const CancelMaintenancePayload = maintenancePayload('CancelMaintenancePayload', 'cancelMaintenance');
