import { Field, Int, InterfaceType, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { describeEnum } from '../../common/enums';
import { Money } from '../../common/money';
import { Node } from '../../common/node';
import { DateScalar, DecimalScalar, JSONObjectScalar } from '../../common/scalars';
import { Department } from '../departments/department.types';
import { Location } from '../locations/location.types';
import { Person } from '../people/person.types';
import { Vendor } from '../vendors/vendor.types';
import type { AssetEntity } from './asset.entity';
import {
  AssetKind, AssetStatus, CloudProvider, CloudServiceModel, DataCategory, DataClassification, DepreciationMethod,
  HardwareCategory, Hypervisor, KIND_TYPENAME, LicenseMetric, LicenseType, NetworkDeviceType, PowerState,
} from './asset.enums';
import './asset.enums.graphql';

/** An asset row as resolvers receive it: the entity's properties, read raw (no hydration). */
export type AssetRow = Omit<AssetEntity, 'kind' | 'status'> & { kind: AssetKind; status: AssetStatus };

export enum WarrantyStatus {
  ACTIVE = 'ACTIVE',
  EXPIRING = 'EXPIRING',
  EXPIRED = 'EXPIRED',
  NONE = 'NONE',
}
describeEnum(WarrantyStatus, 'WarrantyStatus', 'Where a warranty stands today.', {
  ACTIVE: 'In force, and not ending within the warning window.',
  EXPIRING: 'In force, but ending within the warning window (30 days by default).',
  EXPIRED: 'Ended.',
  NONE: 'No warranty end date is recorded.',
});

@ObjectType({ description: 'How an asset was bought.' })
export class Purchase {
  @Field(() => DateScalar, { nullable: true, description: 'When it was ordered.' })
  orderedOn: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When it was received.' })
  receivedOn: string | null;
  @Field(() => Money, { nullable: true, description: 'What it cost.' })
  cost: Money | null;
  @Field(() => Vendor, { nullable: true, description: 'Who supplied it.' })
  supplier: Vendor | null;
  @Field(() => String, { nullable: true, description: 'Purchase order number.' })
  orderNumber: string | null;
  @Field(() => String, { nullable: true, description: 'Invoice number.' })
  invoiceNumber: string | null;
}

@ObjectType({ description: 'An asset\'s warranty and where it stands today.' })
export class Warranty {
  @Field(() => DateScalar, { nullable: true, description: 'Last day of cover.' })
  endsOn: string | null;
  @Field(() => Vendor, { nullable: true, description: 'Who provides the warranty.' })
  provider: Vendor | null;
  @Field(() => WarrantyStatus, { description: 'ACTIVE, EXPIRING (within the warning window), EXPIRED or NONE.' })
  status: WarrantyStatus;
  @Field(() => Int, { nullable: true, description: 'Days from today to endsOn (negative once expired); null when there is no end date.' })
  daysRemaining: number | null;
}

@ObjectType({ description: 'How an asset loses book value.' })
export class Depreciation {
  @Field(() => DepreciationMethod, { description: 'STRAIGHT_LINE or DECLINING_BALANCE.' })
  method: DepreciationMethod;
  @Field(() => Int, { description: 'Useful life in months.' })
  usefulLifeMonths: number;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Value at the end of the useful life, in the purchase currency. A money field: null with FORBIDDEN for roles that may not read money (hence nullable).',
  })
  salvageValue: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When depreciation starts.' })
  inServiceOn: string | null;
}

@ObjectType({ description: 'A key of an asset in another system.' })
export class ExternalRef {
  @Field({ description: 'The other system, e.g. "intune".' })
  source: string;
  @Field({ description: 'The asset\'s key in that system.' })
  externalId: string;
}

@InterfaceType({
  implements: Node,
  description: 'Anything the organisation tracks through its lifecycle. Each kind is its own type; select kind-specific fields with inline fragments.',
  resolveType: (row: { kind: AssetKind }) => KIND_TYPENAME[row.kind],
})
export abstract class Asset extends Node {
  @Field(() => AssetKind, { description: 'The asset class, matching the object type.' })
  kind: AssetKind;
  @Field({ description: 'Unique human-readable tag, e.g. HW-000042.' })
  assetTag: string;
  @Field({ description: 'Display name.' })
  name: string;
  @Field(() => String, { nullable: true, description: 'Free text.' })
  description: string | null;
  @Field(() => AssetStatus, { description: 'Lifecycle status.' })
  status: AssetStatus;
  @Field(() => [String], { description: 'Labels for grouping and filtering.' })
  tags: string[];
  @Field(() => JSONObjectScalar, { nullable: true, description: 'Organisation-specific fields.' })
  customFields: Record<string, unknown> | null;
  @Field(() => Location, { nullable: true, description: 'Where it is.' })
  location: Location | null;
  @Field(() => Department, { nullable: true, description: 'The owning department.' })
  department: Department | null;
  @Field(() => Purchase, { nullable: true, description: 'Purchase details; null when none are recorded.' })
  purchase: Purchase | null;
  @Field(() => Warranty, { description: 'Warranty details and status (status NONE when no end date is recorded).' })
  warranty: Warranty;
  @Field(() => Depreciation, { nullable: true, description: 'Depreciation settings; null when not depreciated.' })
  depreciation: Depreciation | null;
  @Field(() => DateScalar, { nullable: true, description: 'The kind\'s own end: licence or subscription end, certificate notAfter (as a date), data retention end.' })
  expiresOn: string | null;
  @Field(() => [ExternalRef], { description: 'Keys of this asset in other systems.' })
  externalRefs: ExternalRef[];
  @Field({ description: 'When it was recorded.' })
  createdAt: Date;
  @Field({ description: 'When it last changed.' })
  updatedAt: Date;
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update safely.' })
  version: number;
}

@ObjectType({ implements: [Node, Asset], description: 'Physical equipment: laptops to servers, phones, peripherals, SIM cards, UPS.' })
export class Hardware extends Asset {
  @Field(() => HardwareCategory, { description: 'What the equipment is.' })
  category: HardwareCategory;
  @Field(() => String, { nullable: true, description: 'Maker.' })
  manufacturer: string | null;
  @Field(() => String, { nullable: true, description: 'Model.' })
  model: string | null;
  @Field(() => String, { nullable: true, description: 'Serial number.' })
  serialNumber: string | null;
  @Field({ description: 'Whether it stores data (then disposal needs a sanitisation record).' })
  dataBearing: boolean;
  @Field(() => JSONObjectScalar, { nullable: true, description: 'Technical specifications.' })
  specs: Record<string, unknown> | null;
}

@ObjectType({ implements: [Node, Asset], description: 'A software licence or entitlement.' })
export class SoftwareLicense extends Asset {
  @Field(() => String, { nullable: true, description: 'Publisher.' })
  publisher: string | null;
  @Field({ description: 'Licensed product.' })
  product: string;
  @Field(() => String, { nullable: true, description: 'Licensed product version. (Named so because `version` is the record version of every Asset.)' })
  softwareVersion: string | null;
  @Field(() => LicenseType, { description: 'How it was acquired.' })
  licenseType: LicenseType;
  @Field(() => LicenseMetric, { description: 'What a seat counts.' })
  metric: LicenseMetric;
  @Field(() => Int, { description: 'Seats bought.' })
  seatsTotal: number;
  @Field({ description: 'Whether seats may be assigned past seatsTotal.' })
  allowOverallocation: boolean;
  @Field(() => String, { nullable: true, description: 'Licence key as stored. Readable by ADMIN and ASSET_MANAGER only.' })
  licenseKey: string | null;
}

@ObjectType({ implements: [Node, Asset], description: 'A router, switch, firewall, access point or other network equipment.' })
export class NetworkDevice extends Asset {
  @Field(() => NetworkDeviceType, { description: 'What the device does.' })
  deviceType: NetworkDeviceType;
  @Field(() => String, { nullable: true, description: 'Maker.' })
  manufacturer: string | null;
  @Field(() => String, { nullable: true, description: 'Model.' })
  model: string | null;
  @Field(() => String, { nullable: true, description: 'Serial number.' })
  serialNumber: string | null;
  @Field(() => String, { nullable: true, description: 'Firmware version.' })
  firmwareVersion: string | null;
  @Field(() => String, { nullable: true, description: 'Management IP address.' })
  managementIp: string | null;
  @Field(() => String, { nullable: true, description: 'MAC address (lower case, colon-separated).' })
  macAddress: string | null;
  @Field(() => Int, { nullable: true, description: 'Number of ports.' })
  portCount: number | null;
  @Field(() => Date, { nullable: true, description: 'When monitoring last saw it.' })
  lastSeenAt: Date | null;
}

@ObjectType({ implements: [Node, Asset], description: 'A cloud resource or subscribed service (IaaS, PaaS or SaaS).' })
export class CloudResource extends Asset {
  @Field(() => CloudProvider, { description: 'Who provides it.' })
  provider: CloudProvider;
  @Field(() => CloudServiceModel, { description: 'IAAS, PAAS or SAAS.' })
  serviceModel: CloudServiceModel;
  @Field({ description: 'Provider\'s resource type.' })
  resourceType: string;
  @Field(() => String, { nullable: true, description: 'Region.' })
  region: string | null;
  @Field(() => String, { nullable: true, description: 'Provider account, subscription or tenant.' })
  accountId: string | null;
  @Field(() => String, { nullable: true, description: 'Provider\'s ID of the resource.' })
  externalResourceId: string | null;
  @Field(() => Money, { nullable: true, description: 'Recurring monthly cost.' })
  monthlyCost: Money | null;
}

@ObjectType({ implements: [Node, Asset], description: 'A virtual machine on a hypervisor host or in a cloud.' })
export class VirtualMachine extends Asset {
  @Field(() => Asset, { nullable: true, description: 'The host: a Hardware server or a CloudResource.' })
  host: Asset | null;
  @Field(() => Hypervisor, { description: 'What runs it.' })
  hypervisor: Hypervisor;
  @Field(() => Int, { description: 'Virtual CPUs.' })
  vcpus: number;
  @Field(() => Int, { description: 'Memory in MiB.' })
  memoryMib: number;
  @Field(() => Int, { nullable: true, description: 'Disk in GiB.' })
  storageGib: number | null;
  @Field(() => String, { nullable: true, description: 'Guest operating system.' })
  operatingSystem: string | null;
  @Field(() => PowerState, { description: 'Power state.' })
  powerState: PowerState;
  @Field(() => [String], { description: 'IP addresses.' })
  ipAddresses: string[];
  @Field(() => Date, { nullable: true, description: 'When it was last backed up.' })
  lastBackupAt: Date | null;
}

@ObjectType({ implements: [Node, Asset], description: 'A body of data: documents, databases, customer records, backups.' })
export class DataAsset extends Asset {
  @Field(() => DataClassification, { description: 'Sensitivity.' })
  classification: DataClassification;
  @Field(() => DataCategory, { description: 'What it holds.' })
  dataCategory: DataCategory;
  @Field({ description: 'Whether it holds personal data.' })
  containsPersonalData: boolean;
  @Field(() => [Asset], { description: 'The assets it is stored on.' })
  storedOn: Asset[];
  @Field(() => DateScalar, { nullable: true, description: 'End of the retention period (the same as expiresOn).' })
  retentionUntil: string | null;
  @Field(() => String, { nullable: true, description: 'Backup policy.' })
  backupPolicy: string | null;
  @Field(() => Person, { nullable: true, description: 'The Person accountable for the data.' })
  dataOwner: Person | null;
}

@ObjectType({ implements: [Node, Asset], description: 'A security or identity certificate.' })
export class Certificate extends Asset {
  @Field({ description: 'Subject common name.' })
  commonName: string;
  @Field(() => [String], { description: 'Subject alternative names.' })
  subjectAltNames: string[];
  @Field(() => String, { nullable: true, description: 'Issuer distinguished name.' })
  issuer: string | null;
  @Field(() => String, { nullable: true, description: 'Certificate serial number.' })
  serialNumber: string | null;
  @Field(() => Date, { nullable: true, description: 'Start of validity.' })
  notBefore: Date | null;
  @Field({ description: 'End of validity.' })
  notAfter: Date;
  @Field(() => String, { nullable: true, description: 'SHA-256 fingerprint.' })
  fingerprintSha256: string | null;
  @Field(() => String, { nullable: true, description: 'Key algorithm.' })
  keyAlgorithm: string | null;
  @Field(() => [Asset], { description: 'The assets it is installed on.' })
  installedOn: Asset[];
}

export const assetObjectTypes = [Hardware, SoftwareLicense, NetworkDevice, CloudResource, VirtualMachine, DataAsset, Certificate];

@ObjectType({ description: 'A page of assets of any kind.' })
export class AssetConnection extends Connection(Asset, 'Asset', 'asset') {}
