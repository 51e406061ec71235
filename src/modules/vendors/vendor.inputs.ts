import { IsEmail, IsOptional, IsUrl, Length, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionArgs } from '../../common/connection';
import { UserError } from '../../common/user-errors';
import { IsNotBlank } from '../../common/validation';
import { Vendor, VendorCertification, VendorRole } from './vendor.types';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };
const URL_MESSAGE = 'website must be an http or https URL such as https://www.example.com';
const EMAIL_MESSAGE = 'contactEmail must be an e-mail address such as sales@example.com';

@ArgsType()
export class VendorsArgs extends ConnectionArgs {
  @Field(() => VendorRole, { nullable: true, description: 'Only the vendors that have this role.' })
  role?: VendorRole | null;
  @Field(() => String, { nullable: true, description: 'Only the vendors whose name starts with this text, ignoring case.' })
  search?: string | null;
}

@InputType({ description: 'A new vendor.' })
export class CreateVendorInput {
  @Field({ description: 'Company name (1–200 characters), unique regardless of case.' })
  @Length(1, 200) @IsNotBlank()
  name: string;
  @Field(() => [VendorRole], { defaultValue: [], description: 'What the vendor does for the organisation (default none).' })
  roles: VendorRole[];
  @Field(() => [VendorCertification], { defaultValue: [], description: 'Certifications the vendor holds (default none).' })
  certifications: VendorCertification[];
  @Field(() => String, { nullable: true, description: 'Web site: an http or https URL (at most 500 characters).' })
  @IsOptional() @MaxLength(500) @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  website?: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail address to contact the vendor at (at most 254 characters).' })
  @IsOptional() @MaxLength(254) @IsEmail({}, { message: EMAIL_MESSAGE })
  contactEmail?: string | null;
}

@InputType({ description: 'Changes to a vendor; omitted fields stay as they are, null clears an optional one.' })
export class UpdateVendorInput {
  @Field(() => ID, { description: 'Global ID of the Vendor to change.' })
  id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one is refused with CONFLICT.' })
  @IsOptional()
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'New company name (1–200 characters).' })
  @IsOptional() @Length(1, 200) @IsNotBlank()
  name?: string | null;
  @Field(() => [VendorRole], { nullable: true, description: 'The new, complete list of roles (replaces the old one); null or [] clears it.' })
  @IsOptional()
  roles?: VendorRole[] | null;
  @Field(() => [VendorCertification], { nullable: true, description: 'The new, complete list of certifications (replaces the old one); null or [] clears it.' })
  @IsOptional()
  certifications?: VendorCertification[] | null;
  @Field(() => String, { nullable: true, description: 'New web site; null clears it.' })
  @IsOptional() @MaxLength(500) @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  website?: string | null;
  @Field(() => String, { nullable: true, description: 'New contact e-mail address; null clears it.' })
  @IsOptional() @MaxLength(254) @IsEmail({}, { message: EMAIL_MESSAGE })
  contactEmail?: string | null;
}

@ObjectType({ description: 'Result of createVendor.' })
export class CreateVendorPayload {
  @Field(() => Vendor, { nullable: true, description: 'The new vendor; null when userErrors is not empty.' })
  vendor?: Vendor | null;
  @Field(() => [UserError], { description: 'Why nothing was created; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of updateVendor.' })
export class UpdateVendorPayload {
  @Field(() => Vendor, { nullable: true, description: 'The vendor as changed; null when userErrors is not empty.' })
  vendor?: Vendor | null;
  @Field(() => [UserError], { description: 'Why nothing was changed; empty on success.' })
  userErrors: UserError[];
}
