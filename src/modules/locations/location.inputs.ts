import { IsOptional, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionArgs } from '../../common/connection';
import { UserError } from '../../common/user-errors';
import { IsNotBlank } from '../../common/validation';
import { CODE_RE } from '../departments/department.inputs';
import { Location, LocationKind } from './location.types';

@ArgsType()
export class LocationsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Only the locations directly inside this Location (its children, not deeper descendants).' })
  parentId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'When true, only the locations at the top of the tree (without a parent). Not combinable with `parentId`.' })
  rootsOnly?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Only the locations whose name starts with this text, ignoring case.' })
  search?: string | null;
}

@InputType({ description: 'A new location.' })
export class CreateLocationInput {
  @Field({ description: 'Display name (1–200 characters).' })
  @Length(1, 200) @IsNotBlank()
  name: string;
  @Field(() => String, { nullable: true, description: 'Unique short code (1–50 letters, digits, dot, dash or underscore).' })
  @IsOptional() @Length(1, 50) @Matches(CODE_RE, { message: 'code may hold letters, digits, ".", "-" and "_" only' })
  code?: string | null;
  @Field(() => LocationKind, { description: 'What sort of place it is.' })
  kind: LocationKind;
  @Field(() => String, { nullable: true, description: 'Postal address or directions (at most 500 characters).' })
  @IsOptional() @Length(0, 500)
  address?: string | null;
  @Field(() => ID, { nullable: true, description: 'Global ID of the Location this one is inside; omit for a top-level location.' })
  @IsOptional()
  parentId?: string | null;
}

@InputType({ description: 'Changes to a location; omitted fields stay as they are, null clears an optional one.' })
export class UpdateLocationInput {
  @Field(() => ID, { description: 'Global ID of the Location to change.' })
  id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one is refused with CONFLICT.' })
  @IsOptional()
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'New display name (1–200 characters).' })
  @IsOptional() @Length(1, 200) @IsNotBlank()
  name?: string | null;
  @Field(() => String, { nullable: true, description: 'New unique code; null clears it.' })
  @IsOptional() @Length(1, 50) @Matches(CODE_RE, { message: 'code may hold letters, digits, ".", "-" and "_" only' })
  code?: string | null;
  @Field(() => LocationKind, { nullable: true, description: 'New kind of place.' })
  @IsOptional()
  kind?: LocationKind | null;
  @Field(() => String, { nullable: true, description: 'New address; null clears it.' })
  @IsOptional() @Length(0, 500)
  address?: string | null;
  @Field(() => ID, { nullable: true, description: 'New parent Location; null makes it a top-level location. It cannot be the location itself or one inside it.' })
  @IsOptional()
  parentId?: string | null;
}

@ObjectType({ description: 'Result of createLocation.' })
export class CreateLocationPayload {
  @Field(() => Location, { nullable: true, description: 'The new location; null when userErrors is not empty.' })
  location?: Location | null;
  @Field(() => [UserError], { description: 'Why nothing was created; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of updateLocation.' })
export class UpdateLocationPayload {
  @Field(() => Location, { nullable: true, description: 'The location as changed; null when userErrors is not empty.' })
  location?: Location | null;
  @Field(() => [UserError], { description: 'Why nothing was changed; empty on success.' })
  userErrors: UserError[];
}
