import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { describeEnum } from '../../common/enums';
import { Node } from '../../common/node';
import type { VENDOR_CERTIFICATIONS, VENDOR_ROLES } from './vendor.entity';

export enum VendorRole {
  MANUFACTURER = 'MANUFACTURER',
  SUPPLIER = 'SUPPLIER',
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
  CLOUD_PROVIDER = 'CLOUD_PROVIDER',
  RECYCLER = 'RECYCLER',
}

export enum VendorCertification {
  R2 = 'R2',
  E_STEWARDS = 'E_STEWARDS',
  NAID_AAA = 'NAID_AAA',
  ISO_14001 = 'ISO_14001',
  ISO_27001 = 'ISO_27001',
  ISO_9001 = 'ISO_9001',
  ADISA = 'ADISA',
  WEEELABEX = 'WEEELABEX',
}

// The enums and the database CHECKs (VENDOR_ROLES, VENDOR_CERTIFICATIONS) must hold the same values: a difference is a compile error.
type SameValues<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const enumsMatchTheDatabase: [
  SameValues<`${VendorRole}`, (typeof VENDOR_ROLES)[number]>,
  SameValues<`${VendorCertification}`, (typeof VENDOR_CERTIFICATIONS)[number]>,
] = [true, true];
void enumsMatchTheDatabase;

describeEnum(VendorRole, 'VendorRole', 'What a vendor does for the organisation; a vendor can have several roles.', {
  MANUFACTURER: 'Makes products: the maker named on hardware and the publisher of software.',
  SUPPLIER: 'Sells products to the organisation: a reseller, distributor or shop that purchases are made from.',
  SERVICE_PROVIDER: 'Provides services such as support, maintenance, repairs and warranty service.',
  CLOUD_PROVIDER: 'Provides cloud infrastructure, platforms or software as a service.',
  RECYCLER: 'Takes equipment at the end of its life: IT asset disposition, recycling, resale and data destruction.',
});

describeEnum(VendorCertification, 'VendorCertification', 'A certification a vendor holds; matters most for recyclers and data destruction services.', {
  R2: 'Responsible Recycling (R2) certified electronics recycler (SERI R2 standard).',
  E_STEWARDS: 'e-Stewards certified electronics recycler (Basel Action Network standard).',
  NAID_AAA: 'NAID AAA certified secure data destruction service (i-SIGMA).',
  ISO_14001: 'ISO 14001 certified environmental management system.',
  ISO_27001: 'ISO/IEC 27001 certified information security management system.',
  ISO_9001: 'ISO 9001 certified quality management system.',
  ADISA: 'ADISA (Asset Disposal and Information Security Alliance) certified IT asset disposal.',
  WEEELABEX: 'WEEELABEX certified collection and treatment of waste electrical and electronic equipment (WEEE).',
});

/** A vendor row as the resolvers receive it (see `selectList`). */
export interface VendorRow {
  __typename: 'Vendor';
  id: string;
  name: string;
  roles: VendorRole[];
  certifications: VendorCertification[];
  website: string | null;
  contactEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

@ObjectType({ implements: Node, description: 'A company the organisation deals with: manufacturer, supplier, service or cloud provider, recycler.' })
export class Vendor extends Node {
  @Field({ description: 'Company name, unique regardless of case, e.g. "Dell Technologies".' })
  name: string;
  @Field(() => [VendorRole], { description: 'What the vendor does for the organisation; may be empty.' })
  roles: VendorRole[];
  @Field(() => [VendorCertification], { description: 'Certifications the vendor holds; may be empty.' })
  certifications: VendorCertification[];
  @Field(() => String, { nullable: true, description: 'Web site, an http(s) URL.' })
  website: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail address to contact the vendor at.' })
  contactEmail: string | null;
  @Field({ description: 'When the vendor was created.' })
  createdAt: Date;
  @Field({ description: 'When the vendor last changed.' })
  updatedAt: Date;
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update safely.' })
  version: number;
}

@ObjectType({ description: 'A page of vendors.' })
export class VendorConnection extends Connection(Vendor, 'Vendor', 'vendor') {}
