import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { Node } from '../../common/node';
import { UserError } from '../../common/user-errors';
import { Asset } from '../assets/asset.types';
import { CustodyEvent } from '../custody/custody.types';
import { Location } from '../locations/location.types';
import type { PhysicalAuditEntity } from './physical-audit.entity';

export const MAX_AUDIT_NOTE = 2000;

/** A physical audit row as the resolvers receive it (see `selectList`). */
export type PhysicalAuditRow = PhysicalAuditEntity & { __typename: 'PhysicalAudit' };

@ObjectType({
  implements: Node,
  description: 'One sighting of an asset in a physical audit: where it was found, where the register said it was, and whether those differ. Append-only.',
})
export class PhysicalAudit extends Node {
  @Field(() => Asset, { description: 'The asset that was audited.' })
  asset: Asset;
  @Field({ description: 'When the audit was recorded.' })
  auditedAt: Date;
  @Field(() => Location, { description: 'Where the auditor found the asset.' })
  foundLocation: Location;
  @Field(() => Location, { nullable: true, description: 'Where the register said the asset was at the time; null when no location was recorded.' })
  expectedLocation: Location | null;
  @Field({ description: 'True when the asset was found somewhere other than its recorded location (or had none recorded); the location was then corrected.' })
  discrepancy: boolean;
  @Field(() => String, { nullable: true, description: 'The auditor\'s note.' })
  note: string | null;
  @Field({ description: 'Subject of the token that recorded the audit.' })
  actor: string;
  @Field(() => CustodyEvent, { nullable: true, description: 'The MOVE custody event that corrected the asset\'s location; null when there was no discrepancy.' })
  custodyEvent: CustodyEvent | null;
}

@ObjectType({ description: 'A page of physical audits, newest first.' })
export class PhysicalAuditConnection extends Connection(PhysicalAudit, 'PhysicalAudit', 'physical audit') {}

@InputType({ description: 'Where an auditor found an asset.' })
export class RecordPhysicalAuditInput {
  @Field(() => ID, { description: 'The asset that was seen.' })
  assetId: string;
  @Field(() => ID, { description: 'The Location where it was found.' })
  locationId: string;
  @Field(() => String, { nullable: true, description: `What the auditor noticed (at most ${MAX_AUDIT_NOTE.toLocaleString('en')} characters).` })
  @IsOptional() @MaxLength(MAX_AUDIT_NOTE, { message: `note may be at most ${MAX_AUDIT_NOTE.toLocaleString('en')} characters` })
  note?: string | null;
  @Field(() => Int, { nullable: true, description: 'The asset version you read; a stale one is CONFLICT.' })
  expectedVersion?: number | null;
}

@ObjectType({ description: 'Result of recordPhysicalAudit.' })
export class RecordPhysicalAuditPayload {
  @Field(() => Asset, { nullable: true, description: 'The asset after the audit (location corrected, lastAuditedAt set); null when userErrors is not empty.' })
  asset: unknown;
  @Field(() => PhysicalAudit, { nullable: true, description: 'The audit recorded; null when userErrors is not empty.' })
  audit: unknown;
  @Field(() => CustodyEvent, {
    nullable: true,
    description: 'The last custody event the audit appended: the MOVE that corrected the location, else the FOUND of an asset that was LOST; null when none was (or on userErrors).',
  })
  custodyEvent: unknown;
  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
  userErrors: UserError[];
}
