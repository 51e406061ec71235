import { IsEmail, IsOptional, Length, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionArgs } from '../../common/connection';
import { UserError } from '../../common/user-errors';
import { IsNotBlank } from '../../common/validation';
import { Person } from './person.types';

const EMAIL_MESSAGE = 'email must be an e-mail address such as ada@example.com';

@ArgsType()
export class PeopleArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only the people whose display name or e-mail address starts with this text, ignoring case.' })
  search?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only the people of this Department (not of its sub-departments).' })
  departmentId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only active people (true) or only inactive ones (false); omit for both.' })
  active?: boolean | null;
}

@InputType({ description: 'A new person.' })
export class CreatePersonInput {
  @Field(() => String, { nullable: true, description: 'Unique identifier from the HR system (at most 50 characters).' })
  @IsOptional() @Length(0, 50)
  employeeId?: string | null;
  @Field({ description: 'Name as shown to users (1–200 characters).' })
  @Length(1, 200) @IsNotBlank()
  displayName: string;
  @Field(() => String, { nullable: true, description: 'E-mail address (at most 254 characters), unique regardless of case.' })
  @IsOptional() @MaxLength(254) @IsEmail({}, { message: EMAIL_MESSAGE })
  email?: string | null;
  @Field(() => ID, { nullable: true, description: 'Global ID of the Department the person belongs to.' })
  @IsOptional()
  departmentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Global ID of the Location where the person usually works.' })
  @IsOptional()
  locationId?: string | null;
  @Field({ defaultValue: true, description: 'Whether the person is active (default true).' })
  active: boolean;
}

@InputType({ description: 'Changes to a person; omitted fields stay as they are, null clears an optional one.' })
export class UpdatePersonInput {
  @Field(() => ID, { description: 'Global ID of the Person to change.' })
  id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one is refused with CONFLICT.' })
  @IsOptional()
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'New HR identifier; null clears it.' })
  @IsOptional() @Length(0, 50)
  employeeId?: string | null;
  @Field(() => String, { nullable: true, description: 'New display name (1–200 characters).' })
  @IsOptional() @Length(1, 200) @IsNotBlank()
  displayName?: string | null;
  @Field(() => String, { nullable: true, description: 'New e-mail address; null clears it.' })
  @IsOptional() @MaxLength(254) @IsEmail({}, { message: EMAIL_MESSAGE })
  email?: string | null;
  @Field(() => ID, { nullable: true, description: 'New Department; null clears it.' })
  @IsOptional()
  departmentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'New Location; null clears it.' })
  @IsOptional()
  locationId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the person is active.' })
  @IsOptional()
  active?: boolean | null;
}

@ObjectType({ description: 'Result of createPerson.' })
export class CreatePersonPayload {
  @Field(() => Person, { nullable: true, description: 'The new person; null when userErrors is not empty.' })
  person?: Person | null;
  @Field(() => [UserError], { description: 'Why nothing was created; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of updatePerson.' })
export class UpdatePersonPayload {
  @Field(() => Person, { nullable: true, description: 'The person as changed; null when userErrors is not empty.' })
  person?: Person | null;
  @Field(() => [UserError], { description: 'Why nothing was changed; empty on success.' })
  userErrors: UserError[];
}
