import { Field, ID, InputType, Int, ObjectType, createUnionType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { describeEnum } from '../../common/enums';
import { Node, typenameOf, type TypedRow } from '../../common/node';
import { UserError } from '../../common/user-errors';
import { Certificate, CloudResource, DataAsset, Hardware, NetworkDevice, SoftwareLicense, VirtualMachine } from '../assets/asset.types';
import { Person } from '../people/person.types';
import type { LicenseSeatEntity } from './license-seat.entity';

/** A seat row as the resolvers receive it (see `selectList`). */
export type LicenseSeatRow = LicenseSeatEntity & { __typename: 'LicenseSeat' };

export enum LicenseComplianceStatus {
  COMPLIANT = 'COMPLIANT',
  OVER_ALLOCATED = 'OVER_ALLOCATED',
  UNDER_UTILIZED = 'UNDER_UTILIZED',
  EXPIRED = 'EXPIRED',
}
describeEnum(LicenseComplianceStatus, 'LicenseComplianceStatus', 'Where a licence stands against what was bought. When several apply, the first in this order wins: EXPIRED, OVER_ALLOCATED, UNDER_UTILIZED, COMPLIANT.', {
  COMPLIANT: 'In force, within its seats, and used enough.',
  OVER_ALLOCATED: 'More seats are in use than were bought (only possible with allowOverallocation); `shortfall` says how many more must be bought.',
  UNDER_UTILIZED: 'Less than the configured share of its seats is in use (LICENSE_UNDERUSE_PERCENT, 50 by default); never for a licence of 0 seats.',
  EXPIRED: 'Its expiresOn date has passed.',
});

/** Anything that can hold a seat: a person, or any kind of asset (GraphQL unions list object types, not interfaces). */
export const LicenseAssignee = createUnionType({
  name: 'LicenseAssignee',
  description: 'Who or what holds a licence seat: a Person (PER_USER, CONCURRENT, SITE) or a device (PER_DEVICE, PER_CORE, SITE). A SoftwareLicense never holds one; it is listed because a union cannot name the Asset interface.',
  types: () => [Person, Hardware, NetworkDevice, CloudResource, VirtualMachine, DataAsset, Certificate, SoftwareLicense] as const,
  resolveType: (value: TypedRow) => typenameOf(value),
});

@ObjectType({ implements: Node, description: 'One seat of a software licence, held by a person or a device. A released seat stays as history.' })
export class LicenseSeat extends Node {
  @Field(() => SoftwareLicense, { description: 'The licence the seat belongs to.' })
  license: SoftwareLicense;
  @Field(() => LicenseAssignee, { description: 'Who or what holds (or held) the seat.' })
  assignee: unknown;
  @Field(() => Int, { description: 'Seats this assignment consumes: 1, or the cores of the device for a PER_CORE licence.' })
  quantity: number;
  @Field({ description: 'True until the seat is released.' })
  active: boolean;
  @Field({ description: 'When the seat was assigned.' })
  assignedAt: Date;
  @Field({ description: 'Who assigned it (the token subject).' })
  assignedBy: string;
  @Field(() => String, { nullable: true, description: 'Why it was assigned (the note given to assignLicenseSeat).' })
  note: string | null;
  @Field(() => Date, { nullable: true, description: 'When the seat was released; null while it is held.' })
  releasedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who released it (the token subject); null while it is held.' })
  releasedBy: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was released: the note given to releaseLicenseSeat ("released" when none), or "retired" / "disposed" when its device or licence left service.' })
  releaseReason: string | null;
}

@ObjectType({ description: 'A page of licence seats, oldest assignment first.' })
export class LicenseSeatConnection extends Connection(LicenseSeat, 'LicenseSeat', 'licence seat') {}

@ObjectType({ description: 'How a licence\'s use compares with what was bought, today.' })
export class LicenseCompliance {
  @Field(() => LicenseComplianceStatus, { description: 'The verdict (EXPIRED, then OVER_ALLOCATED, then UNDER_UTILIZED, else COMPLIANT).' })
  status: LicenseComplianceStatus;
  @Field(() => Int, { description: 'Seats in use beyond seatsTotal (what must be bought to be compliant); 0 when within.' })
  shortfall: number;
  @Field(() => Int, { description: 'Seats bought but not in use; 0 when all are used (or more).' })
  unusedSeats: number;
  @Field(() => Int, { description: 'Seats in use: the sum of the quantities of the active seats.' })
  seatsUsed: number;
  @Field(() => Int, { description: 'Seats bought.' })
  seatsTotal: number;
  @Field(() => Int, { description: 'The share of seats in use, in whole percent rounded down; null for a licence of 0 seats.', nullable: true })
  utilizationPercent: number | null;
  @Field({ description: 'The verdict in words, for display.' })
  message: string;
}

@InputType({ description: 'A seat to assign: the licence and exactly one assignee, a person or a device.' })
export class AssignLicenseSeatInput {
  @Field(() => ID, { description: 'The SoftwareLicense.' })
  licenseId: string;
  @Field(() => ID, { nullable: true, description: 'The Person to hold the seat (PER_USER, CONCURRENT or SITE licences). Give this or assetId.' })
  personId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The device to hold the seat (PER_DEVICE, PER_CORE or SITE licences): any asset but a SoftwareLicense. Give this or personId.' })
  assetId?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Seats consumed. PER_CORE: the cores licensed on the device (default: a VirtualMachine\'s vcpus, or a Hardware\'s integer `specs.cores`; REQUIRED otherwise). Every other metric: 1 (the default; any other value is INVALID).',
  })
  quantity?: number | null;
  @Field(() => String, { nullable: true, description: 'Why the seat is assigned (at most 200 characters); kept as the seat\'s note.' })
  note?: string | null;
}

@InputType({ description: 'A seat to give back.' })
export class ReleaseLicenseSeatInput {
  @Field(() => ID, { description: 'The LicenseSeat.' })
  seatId: string;
  @Field(() => String, { nullable: true, description: 'Why it is released (at most 200 characters); kept as the seat\'s releaseReason ("released" when not given).' })
  note?: string | null;
}

function seatPayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => LicenseSeat, { nullable: true, description: 'The seat after the change; null when userErrors is not empty.' })
    seat: unknown;
    @Field(() => SoftwareLicense, { nullable: true, description: 'The licence after the change (with its seatsUsed and compliance); null when userErrors is not empty.' })
    license: unknown;
    @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
    userErrors: UserError[];
  }
  return Payload;
}

export const AssignLicenseSeatPayload = seatPayload('AssignLicenseSeatPayload', 'assignLicenseSeat');
export const ReleaseLicenseSeatPayload = seatPayload('ReleaseLicenseSeatPayload', 'releaseLicenseSeat');
