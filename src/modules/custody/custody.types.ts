import { Field, ID, InputType, Int, ObjectType, createUnionType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { describeEnum } from '../../common/enums';
import { Node, type TypedRow } from '../../common/node';
import { DateScalar } from '../../common/scalars';
import { UserError } from '../../common/user-errors';
import { AssetStatus } from '../assets/asset.enums';
import { Asset } from '../assets/asset.types';
import { Department } from '../departments/department.types';
import { Location } from '../locations/location.types';
import { Person } from '../people/person.types';
import { Vendor } from '../vendors/vendor.types';
import { CustodyEventType } from './custody.enums';

describeEnum(CustodyEventType, 'CustodyEventType', 'What happened to an asset\'s custody.', {
  CHECK_OUT: 'Handed from stock to a holder.',
  CHECK_IN: 'Handed back from its holder to stock at a location.',
  TRANSFER: 'Handed from one holder to another.',
  MOVE: 'Moved to another location without changing hands (e.g. corrected by a physical audit).',
  SENT_FOR_REPAIR: 'Sent to a vendor for repair.',
  RETURNED_FROM_REPAIR: 'Returned from repair.',
  DISPOSAL_HANDOFF: 'Handed to a vendor for disposal.',
  REPORTED_LOST: 'Reported lost or stolen.',
  FOUND: 'Found again after being reported lost.',
});

export const Custodian = createUnionType({
  name: 'Custodian',
  description: 'Who or what holds an asset: a person, a department, a location or a vendor.',
  types: () => [Person, Department, Location, Vendor] as const,
  resolveType: (value: TypedRow) => value.__typename,
});

@ObjectType({ implements: Node, description: 'One step in an asset\'s chain of custody. Append-only and hash-chained: nothing can alter it afterwards.' })
export class CustodyEvent extends Node {
  @Field(() => Int, { description: 'Position in the asset\'s chain: 1, 2, 3… without gaps.' })
  sequence: number;
  @Field(() => CustodyEventType, { description: 'What happened.' })
  type: CustodyEventType;
  @Field(() => Custodian, { nullable: true, description: 'Who or where it came from (a location when it left stock).' })
  from: unknown;
  @Field(() => Custodian, { nullable: true, description: 'Who or where it went to.' })
  to: unknown;
  @Field(() => Asset, { description: 'The asset.' })
  asset: Asset;
  @Field({ description: 'When it happened.' })
  occurredAt: Date;
  @Field({ description: 'When it was recorded.' })
  recordedAt: Date;
  @Field(() => DateScalar, { nullable: true, description: 'When the holder should return it (check-outs and transfers).' })
  expectedReturnOn: string | null;
  @Field(() => String, { nullable: true, description: 'Free-text note or reason.' })
  note: string | null;
  @Field({ description: 'Subject of the token that recorded it.' })
  actor: string;
  @Field({ description: 'SHA-256 (hex) over previousHash and this event\'s canonical content.' })
  hash: string;
  @Field(() => String, { nullable: true, description: 'The previous event\'s hash; null for the first event.' })
  previousHash: string | null;
}

@ObjectType({ description: 'A page of custody events, newest first.' })
export class CustodyEventConnection extends Connection(CustodyEvent, 'CustodyEvent', 'custody event') {}

@ObjectType({ description: 'Result of recomputing an asset\'s custody chain.' })
export class CustodyChainVerification {
  @Field({ description: 'True when every event\'s hash and link recompute and the sequence has no gaps.' })
  intact: boolean;
  @Field(() => Int, { description: 'How many events were checked.' })
  events: number;
  @Field(() => Int, { nullable: true, description: 'Sequence of the first event that does not verify; null when intact.' })
  brokenAtSequence: number | null;
}

@InputType({ description: 'Exactly one holder.' })
export class CustodianInput {
  @Field(() => ID, { nullable: true, description: 'A Person.' })
  personId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A Department.' })
  departmentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A Location.' })
  locationId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A Vendor.' })
  vendorId?: string | null;
}

@InputType({ description: 'Hands an IN_STOCK asset to a holder.' })
export class CheckOutAssetInput {
  @Field(() => ID, { description: 'The asset.' })
  assetId: string;
  @Field(() => CustodianInput, { description: 'Who or what receives it.' })
  to: CustodianInput;
  @Field(() => DateScalar, { nullable: true, description: 'When it should come back (not in the past).' })
  expectedReturnOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Note (at most 2,000 characters).' })
  note?: string | null;
  @Field(() => Int, { nullable: true, description: 'The asset version you read; a stale one is CONFLICT.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'Takes an IN_USE asset back into stock at a location.' })
export class CheckInAssetInput {
  @Field(() => ID, { description: 'The asset.' })
  assetId: string;
  @Field(() => ID, { description: 'The Location where it is stocked.' })
  locationId: string;
  @Field(() => String, { nullable: true, description: 'Note (at most 2,000 characters).' })
  note?: string | null;
  @Field(() => Int, { nullable: true, description: 'The asset version you read; a stale one is CONFLICT.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'Hands an IN_USE asset from its holder to another.' })
export class TransferAssetInput {
  @Field(() => ID, { description: 'The asset.' })
  assetId: string;
  @Field(() => CustodianInput, { description: 'The new holder.' })
  to: CustodianInput;
  @Field(() => DateScalar, { nullable: true, description: 'New expected return date (default: unchanged).' })
  expectedReturnOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Note (at most 2,000 characters).' })
  note?: string | null;
  @Field(() => Int, { nullable: true, description: 'The asset version you read; a stale one is CONFLICT.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'A lifecycle move that is not a hand-over (maintenance, loss, found, retirement).' })
export class ChangeAssetStatusInput {
  @Field(() => ID, { description: 'The asset.' })
  assetId: string;
  @Field(() => AssetStatus, { description: 'The new status; the lifecycle decides which moves are allowed.' })
  status: AssetStatus;
  @Field({ description: 'Why (1–1,000 characters); kept on the custody event the move records, if any.' })
  reason: string;
  @Field(() => Int, { nullable: true, description: 'The asset version you read; a stale one is CONFLICT.' })
  expectedVersion?: number | null;
}

function custodyPayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => Asset, { nullable: true, description: 'The asset after the change; null when userErrors is not empty.' })
    asset: unknown;
    @Field(() => CustodyEvent, { nullable: true, description: 'The custody event recorded; null when none was (or on userErrors).' })
    custodyEvent: unknown;
    @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
    userErrors: UserError[];
  }
  return Payload;
}

export const CheckOutAssetPayload = custodyPayload('CheckOutAssetPayload', 'checkOutAsset');
export const CheckInAssetPayload = custodyPayload('CheckInAssetPayload', 'checkInAsset');
export const TransferAssetPayload = custodyPayload('TransferAssetPayload', 'transferAsset');
export const ChangeAssetStatusPayload = custodyPayload('ChangeAssetStatusPayload', 'changeAssetStatus');

