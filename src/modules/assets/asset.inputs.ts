import { isIP } from 'node:net';
import {
  ArrayMaxSize, IsBoolean, IsIn, IsInt, IsMACAddress, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateBy, ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int, type ClassType } from 'type-graphql';
import { MoneyInput, MONEY_AMOUNT_RE } from '../../common/money';
import { DateScalar, DecimalScalar, JSONObjectScalar } from '../../common/scalars';
import { IsNotBlank } from '../../common/validation';
import {
  AssetKind, AssetStatus, CloudProvider, CloudServiceModel, DataCategory, DataClassification, DepreciationMethod,
  HardwareCategory, Hypervisor, LicenseMetric, LicenseType, NetworkDeviceType, PowerState,
} from './asset.enums';
import './asset.enums.graphql';

export const ASSET_TAG_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const FINGERPRINT_RE = /^(?:[0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{64}$/;
const MAX_JSON_CHARS = 16384;
const MAX_JSON_DEPTH = 32;

/** Whether a JSON value nests deeper than `max`, walked without recursion (a deep value must not exhaust the stack). */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A JSON object of bounded size and depth (custom fields, specs). */
function IsSmallJsonObject(): PropertyDecorator {
  return ValidateBy({
    name: 'smallJsonObject',
    validator: {
      validate: (v: unknown) =>
        v != null && typeof v === 'object' && !Array.isArray(v) && !nestsDeeperThan(v, MAX_JSON_DEPTH) && JSON.stringify(v).length <= MAX_JSON_CHARS,
      defaultMessage: (a) => `${a?.property} must be a JSON object of at most ${MAX_JSON_CHARS} characters, nested at most ${MAX_JSON_DEPTH} levels`,
    },
  });
}

/** Every element a non-blank string of at most `max` characters. */
function EachString(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'eachString',
    validator: {
      validate: (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim().length > 0 && s.length <= max),
      defaultMessage: (a) => `every element of ${a?.property} must be a non-blank string of at most ${max} characters`,
    },
  });
}

/** A plain IPv4/IPv6 address as PostgreSQL's inet takes it (no zone ID such as "%eth0", no prefix length). */
const isPlainIp = (s: unknown): boolean => typeof s === 'string' && /^[0-9a-fA-F:.]{2,45}$/.test(s) && isIP(s) !== 0;

function EachIP(): PropertyDecorator {
  return ValidateBy({
    name: 'eachIp',
    validator: {
      validate: (v: unknown) => Array.isArray(v) && v.every(isPlainIp),
      defaultMessage: (a) => `every element of ${a?.property} must be an IPv4 or IPv6 address`,
    },
  });
}

function IsPlainIP(message: string): PropertyDecorator {
  return ValidateBy({ name: 'isIp', validator: { validate: isPlainIp, defaultMessage: () => message } });
}

@InputType({ description: 'How the asset was bought.' })
export class PurchaseInput {
  @Field(() => DateScalar, { nullable: true, description: 'When it was ordered.' })
  @IsOptional()
  orderedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When it was received (not before orderedOn).' })
  @IsOptional()
  receivedOn?: string | null;
  @Field(() => MoneyInput, { nullable: true, description: 'What it cost.' })
  @IsOptional() @ValidateNested()
  cost?: MoneyInput | null;
  @Field(() => ID, { nullable: true, description: 'Global ID of the supplying Vendor.' })
  @IsOptional()
  supplierId?: string | null;
  @Field(() => String, { nullable: true, description: 'Purchase order number (at most 100 characters).' })
  @IsOptional() @Length(0, 100)
  orderNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'Invoice number (at most 100 characters).' })
  @IsOptional() @Length(0, 100)
  invoiceNumber?: string | null;
}

@InputType({ description: 'The manufacturer\'s or seller\'s warranty.' })
export class WarrantyInput {
  @Field(() => DateScalar, { nullable: true, description: 'Last day of cover.' })
  @IsOptional()
  endsOn?: string | null;
  @Field(() => ID, { nullable: true, description: 'Global ID of the Vendor that provides the warranty.' })
  @IsOptional()
  providerId?: string | null;
}

@InputType({ description: 'How the asset loses book value.' })
export class DepreciationInput {
  @Field(() => DepreciationMethod, { description: 'STRAIGHT_LINE or DECLINING_BALANCE.' })
  method: DepreciationMethod;
  @Field(() => Int, { description: 'Useful life in months (1–600).' })
  @IsInt() @Min(1, { message: 'usefulLifeMonths must be at least 1' }) @Max(600, { message: 'usefulLifeMonths must be at most 600' })
  usefulLifeMonths: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Value at the end of its useful life, in the purchase currency (default "0.00"); not above the purchase cost.' })
  @IsOptional() @Matches(MONEY_AMOUNT_RE, { message: 'salvageValue must be a non-negative decimal with at most 2 decimals' })
  salvageValue?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When depreciation starts (default: the purchase\'s receivedOn).' })
  @IsOptional()
  inServiceOn?: string | null;
}

@InputType({ description: 'A key of this asset in another system (MDM, cloud inventory, HR…).' })
export class ExternalRefInput {
  @Field({ description: 'The other system, e.g. "intune" (1–100 characters).' })
  @IsNotBlank() @MaxLength(100)
  source: string;
  @Field({ description: 'The asset\'s key in that system (1–200 characters); unique per source.' })
  @IsNotBlank() @MaxLength(200)
  externalId: string;
}

/**
 * The fields every asset kind shares. `required` is true for create inputs;
 * on updates every field is optional and null clears an optional value.
 */
function AssetFields<TBase extends ClassType>(Base: TBase, required: boolean) {
  @InputType()
  class Fields extends Base {
    @Field(() => String, { nullable: !required, description: 'Display name (1–200 characters).' })
    @IsOptional() @IsNotBlank() @MaxLength(200)
    name?: string | null;
    @Field(() => String, { nullable: true, description: 'Unique human-readable tag (1–64 letters, digits, ".", "-", "_", "/"); generated per kind when omitted on create, e.g. HW-000042.' })
    @IsOptional() @Length(1, 64) @Matches(ASSET_TAG_RE, { message: 'assetTag may hold letters, digits, ".", "-", "_" and "/" and must start with a letter or digit' })
    assetTag?: string | null;
    @Field(() => String, { nullable: true, description: 'Free text (at most 4,000 characters).' })
    @IsOptional() @Length(0, 4000)
    description?: string | null;
    @Field(() => [String], { nullable: true, description: 'Labels for grouping and filtering (at most 50, each 1–50 characters).' })
    @IsOptional() @ArrayMaxSize(50) @EachString(50)
    tags?: string[] | null;
    @Field(() => JSONObjectScalar, { nullable: true, description: 'Organisation-specific fields as one JSON object (at most 16 KiB, nested at most 32 levels).' })
    @IsOptional() @IsSmallJsonObject()
    customFields?: Record<string, unknown> | null;
    @Field(() => ID, { nullable: true, description: 'Global ID of the Location where it is.' })
    @IsOptional()
    locationId?: string | null;
    @Field(() => ID, { nullable: true, description: 'Global ID of the owning Department.' })
    @IsOptional()
    departmentId?: string | null;
    @Field(() => DateScalar, { nullable: true, description: 'The kind\'s own end date: licence or subscription end, certificate notAfter, data retention end.' })
    @IsOptional()
    expiresOn?: string | null;
    @Field(() => PurchaseInput, { nullable: true, description: 'Purchase details.' })
    @IsOptional() @ValidateNested()
    purchase?: PurchaseInput | null;
    @Field(() => WarrantyInput, { nullable: true, description: 'Warranty details.' })
    @IsOptional() @ValidateNested()
    warranty?: WarrantyInput | null;
    @Field(() => DepreciationInput, { nullable: true, description: 'Depreciation settings (needs a purchase cost to produce a book value).' })
    @IsOptional() @ValidateNested()
    depreciation?: DepreciationInput | null;
    @Field(() => [ExternalRefInput], { nullable: true, description: 'Keys of other systems (at most 20). On update, replaces the whole list.' })
    @IsOptional() @ArrayMaxSize(20) @ValidateNested({ each: true })
    externalRefs?: ExternalRefInput[] | null;
  }
  return Fields;
}

@InputType()
class CreateBase {
  @Field(() => AssetStatus, { nullable: true, description: 'ORDERED or IN_STOCK (default IN_STOCK); other statuses are reached through the lifecycle mutations.' })
  @IsOptional() @IsIn([AssetStatus.ORDERED, AssetStatus.IN_STOCK], { message: 'a new asset starts as ORDERED or IN_STOCK' })
  status?: AssetStatus | null;
}

@InputType()
class UpdateBase {
  @Field(() => ID, { description: 'Global ID of the asset to change.' })
  id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one is refused with CONFLICT.' })
  @IsOptional()
  expectedVersion?: number | null;
  @Field(() => AssetStatus, { nullable: true, description: 'A lifecycle move that needs no other record (e.g. IN_STOCK → IN_MAINTENANCE, → LOST, → RETIRED); custody and disposal moves have their own mutations. Other moves are INVALID_TRANSITION.' })
  status?: AssetStatus | null;
}

function HardwareFields<TBase extends ClassType>(Base: TBase, required: boolean) {
  @InputType()
  class Fields extends Base {
    @Field(() => HardwareCategory, { nullable: !required, description: 'What the equipment is.' })
    category?: HardwareCategory | null;
    @Field(() => String, { nullable: true, description: 'Maker (at most 200 characters).' })
    @IsOptional() @Length(0, 200)
    manufacturer?: string | null;
    @Field(() => String, { nullable: true, description: 'Model name or number (at most 200 characters).' })
    @IsOptional() @Length(0, 200)
    model?: string | null;
    @Field(() => String, { nullable: true, description: 'Serial number (at most 200 characters).' })
    @IsOptional() @Length(0, 200)
    serialNumber?: string | null;
    @Field(() => Boolean, { nullable: true, description: 'Whether it stores data (then it needs sanitisation before disposal). Default: true for computers, phones, tablets, storage, printers, scanners, SIM cards and security appliances.' })
    @IsOptional() @IsBoolean()
    dataBearing?: boolean | null;
    @Field(() => JSONObjectScalar, { nullable: true, description: 'Technical specifications (CPU, RAM, disk…) as a JSON object (at most 16 KiB, nested at most 32 levels).' })
    @IsOptional() @IsSmallJsonObject()
    specs?: Record<string, unknown> | null;
  }
  return Fields;
}

function SoftwareLicenseFields<TBase extends ClassType>(Base: TBase, required: boolean) {
  @InputType()
  class Fields extends Base {
    @Field(() => String, { nullable: true, description: 'Publisher (at most 200 characters).' })
    @IsOptional() @Length(0, 200)
    publisher?: string | null;
    @Field(() => String, { nullable: !required, description: 'Licensed product (1–200 characters).' })
    @IsOptional() @IsNotBlank() @MaxLength(200)
    product?: string | null;
    @Field(() => String, { nullable: true, description: 'Licensed product version (at most 100 characters).' })
    @IsOptional() @Length(0, 100)
    softwareVersion?: string | null;
    @Field(() => LicenseType, { nullable: !required, description: 'How it was acquired.' })
    licenseType?: LicenseType | null;
    @Field(() => LicenseMetric, { nullable: !required, description: 'What a seat counts.' })
    metric?: LicenseMetric | null;
    @Field(() => Int, { nullable: !required, description: 'Seats bought (0–10,000,000).' })
    @IsOptional() @IsInt() @Min(0, { message: 'seatsTotal must not be negative' }) @Max(10_000_000)
    seatsTotal?: number | null;
    @Field(() => Boolean, { nullable: true, description: 'Whether seats may be assigned past seatsTotal (then compliance shows OVER_ALLOCATED). Default false.' })
    @IsOptional() @IsBoolean()
    allowOverallocation?: boolean | null;
    @Field(() => String, { nullable: true, description: 'Licence key, stored as given (at most 2,000 characters); readable only by ADMIN and ASSET_MANAGER.' })
    @IsOptional() @Length(0, 2000)
    licenseKey?: string | null;
  }
  return Fields;
}

function NetworkDeviceFields<TBase extends ClassType>(Base: TBase, required: boolean) {
  @InputType()
  class Fields extends Base {
    @Field(() => NetworkDeviceType, { nullable: !required, description: 'What the device does.' })
    deviceType?: NetworkDeviceType | null;
    @Field(() => String, { nullable: true, description: 'Maker (at most 200 characters).' })
    @IsOptional() @Length(0, 200)
    manufacturer?: string | null;
    @Field(() => String, { nullable: true, description: 'Model (at most 200 characters).' })
    @IsOptional() @Length(0, 200)
    model?: string | null;
    @Field(() => String, { nullable: true, description: 'Serial number (at most 200 characters).' })
    @IsOptional() @Length(0, 200)
    serialNumber?: string | null;
    @Field(() => String, { nullable: true, description: 'Firmware version (at most 100 characters).' })
    @IsOptional() @Length(0, 100)
    firmwareVersion?: string | null;
    @Field(() => String, { nullable: true, description: 'Management IPv4 or IPv6 address.' })
    @IsOptional() @IsPlainIP('managementIp must be an IPv4 or IPv6 address')
    managementIp?: string | null;
    @Field(() => String, { nullable: true, description: 'MAC address, e.g. "00:1A:2B:3C:4D:5E".' })
    @IsOptional() @IsMACAddress({ eui: '48' }, { message: 'macAddress must be a 48-bit MAC address such as 00:1A:2B:3C:4D:5E' })
    macAddress?: string | null;
    @Field(() => Int, { nullable: true, description: 'Number of ports (0–100,000).' })
    @IsOptional() @IsInt() @Min(0, { message: 'portCount must not be negative' }) @Max(100_000)
    portCount?: number | null;
    @Field(() => Date, { nullable: true, description: 'When monitoring last saw it.' })
    @IsOptional()
    lastSeenAt?: Date | null;
  }
  return Fields;
}

function CloudResourceFields<TBase extends ClassType>(Base: TBase, required: boolean) {
  @InputType()
  class Fields extends Base {
    @Field(() => CloudProvider, { nullable: !required, description: 'Who provides it.' })
    provider?: CloudProvider | null;
    @Field(() => CloudServiceModel, { nullable: !required, description: 'IAAS, PAAS or SAAS.' })
    serviceModel?: CloudServiceModel | null;
    @Field(() => String, { nullable: !required, description: 'Provider\'s resource type, e.g. "ec2:instance" or "Microsoft 365 E3" (1–100 characters).' })
    @IsOptional() @IsNotBlank() @MaxLength(100)
    resourceType?: string | null;
    @Field(() => String, { nullable: true, description: 'Region (at most 100 characters).' })
    @IsOptional() @Length(0, 100)
    region?: string | null;
    @Field(() => String, { nullable: true, description: 'Provider account, subscription or tenant (at most 200 characters).' })
    @IsOptional() @Length(0, 200)
    accountId?: string | null;
    @Field(() => String, { nullable: true, description: 'Provider\'s ID of the resource, e.g. an ARN (at most 500 characters).' })
    @IsOptional() @Length(0, 500)
    externalResourceId?: string | null;
    @Field(() => MoneyInput, { nullable: true, description: 'Recurring monthly cost.' })
    @IsOptional() @ValidateNested()
    monthlyCost?: MoneyInput | null;
  }
  return Fields;
}

function VirtualMachineFields<TBase extends ClassType>(Base: TBase, required: boolean) {
  @InputType()
  class Fields extends Base {
    @Field(() => ID, { nullable: true, description: 'Global ID of the host: a Hardware or CloudResource asset.' })
    @IsOptional()
    hostId?: string | null;
    @Field(() => Hypervisor, { nullable: !required, description: 'What runs it.' })
    hypervisor?: Hypervisor | null;
    @Field(() => Int, { nullable: !required, description: 'Virtual CPUs (1–4,096).' })
    @IsOptional() @IsInt() @Min(1, { message: 'vcpus must be at least 1' }) @Max(4096)
    vcpus?: number | null;
    @Field(() => Int, { nullable: !required, description: 'Memory in MiB (at least 1).' })
    @IsOptional() @IsInt() @Min(1, { message: 'memoryMib must be at least 1' })
    memoryMib?: number | null;
    @Field(() => Int, { nullable: true, description: 'Disk in GiB (not negative).' })
    @IsOptional() @IsInt() @Min(0, { message: 'storageGib must not be negative' })
    storageGib?: number | null;
    @Field(() => String, { nullable: true, description: 'Guest operating system (at most 200 characters).' })
    @IsOptional() @Length(0, 200)
    operatingSystem?: string | null;
    @Field(() => PowerState, { nullable: true, description: 'Power state (default RUNNING).' })
    powerState?: PowerState | null;
    @Field(() => [String], { nullable: true, description: 'IPv4/IPv6 addresses (at most 64).' })
    @IsOptional() @ArrayMaxSize(64) @EachIP()
    ipAddresses?: string[] | null;
    @Field(() => Date, { nullable: true, description: 'When it was last backed up.' })
    @IsOptional()
    lastBackupAt?: Date | null;
  }
  return Fields;
}

function DataAssetFields<TBase extends ClassType>(Base: TBase, required: boolean) {
  @InputType()
  class Fields extends Base {
    @Field(() => DataClassification, { nullable: !required, description: 'Sensitivity.' })
    classification?: DataClassification | null;
    @Field(() => DataCategory, { nullable: !required, description: 'What it holds.' })
    dataCategory?: DataCategory | null;
    @Field(() => Boolean, { nullable: true, description: 'Whether it holds personal data (default false).' })
    @IsOptional() @IsBoolean()
    containsPersonalData?: boolean | null;
    @Field(() => [ID], { nullable: true, description: 'Global IDs of the assets it is stored on (at most 100). On update, replaces the list.' })
    @IsOptional() @ArrayMaxSize(100)
    storedOnIds?: string[] | null;
    @Field(() => DateScalar, { nullable: true, description: 'End of the retention period (the same as expiresOn).' })
    @IsOptional()
    retentionUntil?: string | null;
    @Field(() => String, { nullable: true, description: 'Backup policy (at most 500 characters).' })
    @IsOptional() @Length(0, 500)
    backupPolicy?: string | null;
    @Field(() => ID, { nullable: true, description: 'Global ID of the Person accountable for the data.' })
    @IsOptional()
    dataOwnerId?: string | null;
  }
  return Fields;
}

function CertificateFields<TBase extends ClassType>(Base: TBase, required: boolean) {
  @InputType()
  class Fields extends Base {
    @Field(() => String, { nullable: !required, description: 'Subject common name (1–255 characters).' })
    @IsOptional() @IsNotBlank() @MaxLength(255)
    commonName?: string | null;
    @Field(() => [String], { nullable: true, description: 'Subject alternative names (at most 500, each at most 255 characters).' })
    @IsOptional() @ArrayMaxSize(500) @EachString(255)
    subjectAltNames?: string[] | null;
    @Field(() => String, { nullable: true, description: 'Issuer distinguished name (at most 500 characters).' })
    @IsOptional() @Length(0, 500)
    issuer?: string | null;
    @Field(() => String, { nullable: true, description: 'Certificate serial number (at most 200 characters).' })
    @IsOptional() @Length(0, 200)
    serialNumber?: string | null;
    @Field(() => Date, { nullable: true, description: 'Start of validity.' })
    @IsOptional()
    notBefore?: Date | null;
    @Field(() => Date, { nullable: !required, description: 'End of validity (also sets expiresOn).' })
    @IsOptional()
    notAfter?: Date | null;
    @Field(() => String, { nullable: true, description: 'SHA-256 fingerprint: 64 hex digits, with or without colons.' })
    @IsOptional() @Matches(FINGERPRINT_RE, { message: 'fingerprintSha256 must be 64 hexadecimal digits, optionally in colon-separated pairs' })
    fingerprintSha256?: string | null;
    @Field(() => String, { nullable: true, description: 'Key algorithm, e.g. "RSA-2048" or "ECDSA-P256" (at most 50 characters).' })
    @IsOptional() @Length(0, 50)
    keyAlgorithm?: string | null;
    @Field(() => [ID], { nullable: true, description: 'Global IDs of the assets it is installed on (at most 100). On update, replaces the list.' })
    @IsOptional() @ArrayMaxSize(100)
    installedOnIds?: string[] | null;
  }
  return Fields;
}

@InputType({ description: 'A new Hardware asset.' })
export class CreateHardwareInput extends HardwareFields(AssetFields(CreateBase, true), true) {}
@InputType({ description: 'Changes to a Hardware asset; omitted fields stay, null clears an optional one.' })
export class UpdateHardwareInput extends HardwareFields(AssetFields(UpdateBase, false), false) {}
@InputType({ description: 'A new SoftwareLicense.' })
export class CreateSoftwareLicenseInput extends SoftwareLicenseFields(AssetFields(CreateBase, true), true) {}
@InputType({ description: 'Changes to a SoftwareLicense; omitted fields stay, null clears an optional one.' })
export class UpdateSoftwareLicenseInput extends SoftwareLicenseFields(AssetFields(UpdateBase, false), false) {}
@InputType({ description: 'A new NetworkDevice.' })
export class CreateNetworkDeviceInput extends NetworkDeviceFields(AssetFields(CreateBase, true), true) {}
@InputType({ description: 'Changes to a NetworkDevice; omitted fields stay, null clears an optional one.' })
export class UpdateNetworkDeviceInput extends NetworkDeviceFields(AssetFields(UpdateBase, false), false) {}
@InputType({ description: 'A new CloudResource.' })
export class CreateCloudResourceInput extends CloudResourceFields(AssetFields(CreateBase, true), true) {}
@InputType({ description: 'Changes to a CloudResource; omitted fields stay, null clears an optional one.' })
export class UpdateCloudResourceInput extends CloudResourceFields(AssetFields(UpdateBase, false), false) {}
@InputType({ description: 'A new VirtualMachine.' })
export class CreateVirtualMachineInput extends VirtualMachineFields(AssetFields(CreateBase, true), true) {}
@InputType({ description: 'Changes to a VirtualMachine; omitted fields stay, null clears an optional one.' })
export class UpdateVirtualMachineInput extends VirtualMachineFields(AssetFields(UpdateBase, false), false) {}
@InputType({ description: 'A new DataAsset.' })
export class CreateDataAssetInput extends DataAssetFields(AssetFields(CreateBase, true), true) {}
@InputType({ description: 'Changes to a DataAsset; omitted fields stay, null clears an optional one.' })
export class UpdateDataAssetInput extends DataAssetFields(AssetFields(UpdateBase, false), false) {}
@InputType({ description: 'A new Certificate.' })
export class CreateCertificateInput extends CertificateFields(AssetFields(CreateBase, true), true) {}
@InputType({ description: 'Changes to a Certificate; omitted fields stay, null clears an optional one.' })
export class UpdateCertificateInput extends CertificateFields(AssetFields(UpdateBase, false), false) {}

/** Any create input; the service reads the fields of the kind it is told. */
export type CreateAssetInput = CreateHardwareInput & CreateSoftwareLicenseInput & CreateNetworkDeviceInput & CreateCloudResourceInput &
  CreateVirtualMachineInput & CreateDataAssetInput & CreateCertificateInput;
export type UpdateAssetInput = UpdateHardwareInput & UpdateSoftwareLicenseInput & UpdateNetworkDeviceInput & UpdateCloudResourceInput &
  UpdateVirtualMachineInput & UpdateDataAssetInput & UpdateCertificateInput;

export { AssetKind };
