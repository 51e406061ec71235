import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsNotBlank } from '../../common/validation';
import { UserError } from '../../common/user-errors';
import { Department } from './department.types';

export const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

@InputType({ description: 'A new department.' })
export class CreateDepartmentInput {
  @Field({ description: 'Display name (1–200 characters).' })
  @Length(1, 200) @IsNotBlank()
  name: string;
  @Field({ description: 'Unique short code (1–50 letters, digits, dot, dash or underscore).' })
  @Length(1, 50) @Matches(CODE_RE, { message: 'code may hold letters, digits, ".", "-" and "_" only' }) @IsNotBlank()
  code: string;
  @Field(() => String, { nullable: true, description: 'Cost centre (at most 50 characters).' })
  @IsOptional() @Length(0, 50)
  costCenter?: string | null;
  @Field(() => ID, { nullable: true, description: 'Global ID of the parent Department.' })
  @IsOptional()
  parentId?: string | null;
}

@InputType({ description: 'Changes to a department; omitted fields stay as they are, null clears an optional one.' })
export class UpdateDepartmentInput {
  @Field(() => ID, { description: 'Global ID of the Department to change.' })
  id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one is refused with CONFLICT.' })
  @IsOptional()
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'New display name (1–200 characters).' })
  @IsOptional() @Length(1, 200) @IsNotBlank()
  name?: string | null;
  @Field(() => String, { nullable: true, description: 'New unique code.' })
  @IsOptional() @Length(1, 50) @Matches(CODE_RE, { message: 'code may hold letters, digits, ".", "-" and "_" only' }) @IsNotBlank()
  code?: string | null;
  @Field(() => String, { nullable: true, description: 'New cost centre; null clears it.' })
  @IsOptional() @Length(0, 50)
  costCenter?: string | null;
  @Field(() => ID, { nullable: true, description: 'New parent Department; null makes it a top-level department.' })
  @IsOptional()
  parentId?: string | null;
}

@ObjectType({ description: 'Result of createDepartment.' })
export class CreateDepartmentPayload {
  @Field(() => Department, { nullable: true, description: 'The new department; null when userErrors is not empty.' })
  department?: Department | null;
  @Field(() => [UserError], { description: 'Why nothing was created; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of updateDepartment.' })
export class UpdateDepartmentPayload {
  @Field(() => Department, { nullable: true, description: 'The department as changed; null when userErrors is not empty.' })
  department?: Department | null;
  @Field(() => [UserError], { description: 'Why nothing was changed; empty on success.' })
  userErrors: UserError[];
}
