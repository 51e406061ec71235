import {
  Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique,
  UpdateDateColumn, VersionColumn,
} from 'typeorm';
import { DepartmentEntity } from '../departments/department.entity';
import { LocationEntity } from '../locations/location.entity';
import { PersonEntity } from '../people/person.entity';
import { VendorEntity } from '../vendors/vendor.entity';
import {
  AssetKind, AssetRelationKind, AssetStatus, CloudProvider, CloudServiceModel, DataCategory, DataClassification,
  DepreciationMethod, HardwareCategory, Hypervisor, LicenseMetric, LicenseType, NetworkDeviceType, PowerState,
  enumValues, sqlList,
} from './asset.enums';

const inEnum = (column: string, e: Record<string, string>, nullable = true): string =>
  `${nullable ? `${column} IS NULL OR ` : ''}${column} IN (${sqlList(enumValues(e))})`;
const requiredFor = (kind: AssetKind, columns: string[]): string =>
  `kind <> '${kind}' OR (${columns.map((c) => `${c} IS NOT NULL`).join(' AND ')})`;

/**
 * Every asset, whatever its kind, in one table (single-table inheritance with
 * `kind` as discriminator). The cross-kind list, filters and keyset pages are
 * then one indexed statement with no UNION or joins; the kind's own columns are
 * nullable here and required per kind by CHECK constraints.
 */
@Entity('asset')
@Unique('uq_asset_tag', ['assetTag'])
@Check('chk_asset_kind', inEnum('kind', AssetKind, false))
@Check('chk_asset_status', inEnum('status', AssetStatus, false))
@Check('chk_asset_name', `length(btrim(name)) > 0`)
@Check('chk_asset_tag', `length(btrim(asset_tag)) > 0`)
@Check('chk_asset_purchase_cost', `purchase_cost IS NULL OR purchase_cost >= 0`)
@Check('chk_asset_purchase_currency', `(purchase_cost IS NULL) = (purchase_currency IS NULL) AND (purchase_currency IS NULL OR purchase_currency ~ '^[A-Z]{3}$')`)
@Check('chk_asset_depreciation_method', inEnum('depreciation_method', DepreciationMethod))
@Check('chk_asset_useful_life', `depreciation_useful_life_months IS NULL OR depreciation_useful_life_months > 0`)
@Check('chk_asset_salvage', `depreciation_salvage_value IS NULL OR depreciation_salvage_value >= 0`)
@Check('chk_asset_hw_category', inEnum('hw_category', HardwareCategory))
@Check('chk_asset_license_type', inEnum('license_type', LicenseType))
@Check('chk_asset_license_metric', inEnum('license_metric', LicenseMetric))
@Check('chk_asset_seats_total', `seats_total IS NULL OR seats_total >= 0`)
@Check('chk_asset_device_type', inEnum('device_type', NetworkDeviceType))
@Check('chk_asset_port_count', `port_count IS NULL OR port_count >= 0`)
@Check('chk_asset_cloud_provider', inEnum('cloud_provider', CloudProvider))
@Check('chk_asset_service_model', inEnum('service_model', CloudServiceModel))
@Check('chk_asset_monthly_cost', `(monthly_cost IS NULL) = (monthly_cost_currency IS NULL) AND (monthly_cost IS NULL OR monthly_cost >= 0) AND (monthly_cost_currency IS NULL OR monthly_cost_currency ~ '^[A-Z]{3}$')`)
@Check('chk_asset_hypervisor', inEnum('hypervisor', Hypervisor))
@Check('chk_asset_power_state', inEnum('power_state', PowerState))
@Check('chk_asset_vm_sizes', `(vcpus IS NULL OR vcpus > 0) AND (memory_mib IS NULL OR memory_mib > 0) AND (storage_gib IS NULL OR storage_gib >= 0)`)
@Check('chk_asset_vm_not_own_host', `host_id IS NULL OR host_id <> id`)
@Check('chk_asset_classification', inEnum('classification', DataClassification))
@Check('chk_asset_data_category', inEnum('data_category', DataCategory))
@Check('chk_asset_cert_validity', `not_before IS NULL OR not_after IS NULL OR not_before <= not_after`)
@Check('chk_asset_hardware', requiredFor(AssetKind.HARDWARE, ['hw_category', 'data_bearing']))
@Check('chk_asset_software_license', requiredFor(AssetKind.SOFTWARE_LICENSE, ['product', 'license_type', 'license_metric', 'seats_total', 'allow_overallocation']))
@Check('chk_asset_network_device', requiredFor(AssetKind.NETWORK_DEVICE, ['device_type']))
@Check('chk_asset_cloud_resource', requiredFor(AssetKind.CLOUD_RESOURCE, ['cloud_provider', 'service_model', 'resource_type']))
@Check('chk_asset_virtual_machine', requiredFor(AssetKind.VIRTUAL_MACHINE, ['hypervisor', 'vcpus', 'memory_mib', 'power_state', 'ip_addresses']))
@Check('chk_asset_data_asset', requiredFor(AssetKind.DATA_ASSET, ['classification', 'data_category', 'contains_personal_data']))
@Check('chk_asset_certificate', requiredFor(AssetKind.CERTIFICATE, ['common_name', 'subject_alt_names', 'not_after']))
// Keyset orderings: (sort key, id). ASSET_TAG and CREATED_AT/UPDATED_AT are plain column indexes below;
// these are expressions, maintained by the migrations rather than by TypeORM.
@Index('idx_asset_order_expires_on', { synchronize: false })
@Index('idx_asset_search_tag', { synchronize: false })
@Index('idx_asset_search_name', { synchronize: false })
@Index('idx_asset_search_serial', { synchronize: false })
@Index('idx_asset_data_bearing', { synchronize: false })
@Index('idx_asset_order_tag', ['assetTag', 'id'])
@Index('idx_asset_order_name', ['name', 'id'])
@Index('idx_asset_order_created', ['createdAt', 'id'])
@Index('idx_asset_order_updated', ['updatedAt', 'id'])
@Index('idx_asset_custodian', ['custodianType', 'custodianId'])
@Index('idx_asset_overdue', { synchronize: false })
@Index('idx_asset_order_expires_on_desc', { synchronize: false })
@Check('chk_asset_custodian', `(custodian_type IS NULL) = (custodian_id IS NULL) AND (custodian_type IS NULL OR custodian_type IN ('PERSON', 'DEPARTMENT', 'LOCATION', 'VENDOR'))`)
@Check('chk_asset_custody_sequence', `custody_sequence >= 0`)
export class AssetEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('idx_asset_kind') @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ name: 'asset_tag', type: 'varchar', length: 64 }) assetTag: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Index('idx_asset_status') @Column({ type: 'varchar', length: 20 }) status: string;
  @Index('idx_asset_tags', { type: 'gin' }) @Column({ type: 'varchar', array: true, default: () => "'{}'" }) tags: string[];
  @Column({ name: 'custom_fields', type: 'jsonb', nullable: true }) customFields: Record<string, unknown> | null;

  @Index('idx_asset_location')
  @ForeignKey(() => LocationEntity, { name: 'fk_asset_location' })
  @Column({ name: 'location_id', type: 'uuid', nullable: true })
  locationId: string | null;
  @Index('idx_asset_department')
  @ForeignKey(() => DepartmentEntity, { name: 'fk_asset_department' })
  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;
  @Column({ name: 'expires_on', type: 'date', nullable: true }) expiresOn: string | null;

  // Purchase
  @Column({ name: 'purchase_ordered_on', type: 'date', nullable: true }) purchaseOrderedOn: string | null;
  @Column({ name: 'purchase_received_on', type: 'date', nullable: true }) purchaseReceivedOn: string | null;
  @Column({ name: 'purchase_cost', type: 'numeric', precision: 14, scale: 2, nullable: true }) purchaseCost: string | null;
  @Column({ name: 'purchase_currency', type: 'char', length: 3, nullable: true }) purchaseCurrency: string | null;
  @Index('idx_asset_supplier')
  @ForeignKey(() => VendorEntity, { name: 'fk_asset_supplier' })
  @Column({ name: 'purchase_supplier_id', type: 'uuid', nullable: true })
  purchaseSupplierId: string | null;
  @Column({ name: 'purchase_order_number', type: 'varchar', length: 100, nullable: true }) purchaseOrderNumber: string | null;
  @Column({ name: 'purchase_invoice_number', type: 'varchar', length: 100, nullable: true }) purchaseInvoiceNumber: string | null;

  // Warranty
  @Index('idx_asset_warranty_ends_on') @Column({ name: 'warranty_ends_on', type: 'date', nullable: true }) warrantyEndsOn: string | null;
  @Index('idx_asset_warranty_provider')
  @ForeignKey(() => VendorEntity, { name: 'fk_asset_warranty_provider' })
  @Column({ name: 'warranty_provider_id', type: 'uuid', nullable: true })
  warrantyProviderId: string | null;

  // Depreciation
  @Column({ name: 'depreciation_method', type: 'varchar', length: 20, nullable: true }) depreciationMethod: string | null;
  @Column({ name: 'depreciation_useful_life_months', type: 'int', nullable: true }) depreciationUsefulLifeMonths: number | null;
  @Column({ name: 'depreciation_salvage_value', type: 'numeric', precision: 14, scale: 2, nullable: true }) depreciationSalvageValue: string | null;
  @Column({ name: 'depreciation_in_service_on', type: 'date', nullable: true }) depreciationInServiceOn: string | null;

  // Shared by hardware, network devices and certificates
  @Column({ type: 'varchar', length: 200, nullable: true }) manufacturer: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) model: string | null;
  @Column({ name: 'serial_number', type: 'varchar', length: 200, nullable: true }) serialNumber: string | null;

  // HARDWARE
  @Column({ name: 'hw_category', type: 'varchar', length: 30, nullable: true }) category: string | null;
  @Column({ name: 'data_bearing', type: 'boolean', nullable: true }) dataBearing: boolean | null;
  @Column({ type: 'jsonb', nullable: true }) specs: Record<string, unknown> | null;

  // SOFTWARE_LICENSE
  @Column({ type: 'varchar', length: 200, nullable: true }) publisher: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) product: string | null;
  @Column({ name: 'software_version', type: 'varchar', length: 100, nullable: true }) softwareVersion: string | null;
  @Column({ name: 'license_type', type: 'varchar', length: 30, nullable: true }) licenseType: string | null;
  @Column({ name: 'license_metric', type: 'varchar', length: 20, nullable: true }) metric: string | null;
  @Column({ name: 'seats_total', type: 'int', nullable: true }) seatsTotal: number | null;
  @Column({ name: 'allow_overallocation', type: 'boolean', nullable: true }) allowOverallocation: boolean | null;
  @Column({ name: 'license_key', type: 'text', nullable: true }) licenseKey: string | null;

  // NETWORK_DEVICE
  @Column({ name: 'device_type', type: 'varchar', length: 30, nullable: true }) deviceType: string | null;
  @Column({ name: 'firmware_version', type: 'varchar', length: 100, nullable: true }) firmwareVersion: string | null;
  @Column({ name: 'management_ip', type: 'inet', nullable: true }) managementIp: string | null;
  @Column({ name: 'mac_address', type: 'macaddr', nullable: true }) macAddress: string | null;
  @Column({ name: 'port_count', type: 'int', nullable: true }) portCount: number | null;
  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true }) lastSeenAt: Date | null;

  // CLOUD_RESOURCE
  @Column({ name: 'cloud_provider', type: 'varchar', length: 20, nullable: true }) provider: string | null;
  @Column({ name: 'service_model', type: 'varchar', length: 10, nullable: true }) serviceModel: string | null;
  @Column({ name: 'resource_type', type: 'varchar', length: 100, nullable: true }) resourceType: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) region: string | null;
  @Column({ name: 'account_id', type: 'varchar', length: 200, nullable: true }) accountId: string | null;
  @Column({ name: 'external_resource_id', type: 'varchar', length: 500, nullable: true }) externalResourceId: string | null;
  @Column({ name: 'monthly_cost', type: 'numeric', precision: 14, scale: 2, nullable: true }) monthlyCost: string | null;
  @Column({ name: 'monthly_cost_currency', type: 'char', length: 3, nullable: true }) monthlyCostCurrency: string | null;

  // VIRTUAL_MACHINE
  @Index('idx_asset_host')
  @ForeignKey(() => AssetEntity, { name: 'fk_asset_host' })
  @Column({ name: 'host_id', type: 'uuid', nullable: true })
  hostId: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) hypervisor: string | null;
  @Column({ type: 'int', nullable: true }) vcpus: number | null;
  @Column({ name: 'memory_mib', type: 'int', nullable: true }) memoryMib: number | null;
  @Column({ name: 'storage_gib', type: 'int', nullable: true }) storageGib: number | null;
  @Column({ name: 'operating_system', type: 'varchar', length: 200, nullable: true }) operatingSystem: string | null;
  @Column({ name: 'power_state', type: 'varchar', length: 20, nullable: true }) powerState: string | null;
  @Column({ name: 'ip_addresses', type: 'inet', array: true, nullable: true }) ipAddresses: string[] | null;
  @Column({ name: 'last_backup_at', type: 'timestamptz', nullable: true }) lastBackupAt: Date | null;

  // DATA_ASSET (retention end is `expires_on`)
  @Column({ type: 'varchar', length: 20, nullable: true }) classification: string | null;
  @Column({ name: 'data_category', type: 'varchar', length: 30, nullable: true }) dataCategory: string | null;
  @Column({ name: 'contains_personal_data', type: 'boolean', nullable: true }) containsPersonalData: boolean | null;
  @Column({ name: 'backup_policy', type: 'varchar', length: 500, nullable: true }) backupPolicy: string | null;
  @Index('idx_asset_data_owner')
  @ForeignKey(() => PersonEntity, { name: 'fk_asset_data_owner' })
  @Column({ name: 'data_owner_id', type: 'uuid', nullable: true })
  dataOwnerId: string | null;

  // CERTIFICATE (`expires_on` is the date of `not_after`)
  @Column({ name: 'common_name', type: 'varchar', length: 255, nullable: true }) commonName: string | null;
  @Column({ name: 'subject_alt_names', type: 'varchar', array: true, nullable: true }) subjectAltNames: string[] | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) issuer: string | null;
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true }) notBefore: Date | null;
  @Column({ name: 'not_after', type: 'timestamptz', nullable: true }) notAfter: Date | null;
  @Column({ name: 'fingerprint_sha256', type: 'varchar', length: 95, nullable: true }) fingerprintSha256: string | null;
  @Column({ name: 'key_algorithm', type: 'varchar', length: 50, nullable: true }) keyAlgorithm: string | null;

  // Custody: who holds it now (null: in stock), since when, until when; the last custody event's sequence.
  @Column({ name: 'custodian_type', type: 'varchar', length: 20, nullable: true }) custodianType: string | null;
  @Column({ name: 'custodian_id', type: 'uuid', nullable: true }) custodianId: string | null;
  @Column({ name: 'checked_out_at', type: 'timestamptz', nullable: true }) checkedOutAt: Date | null;
  @Column({ name: 'expected_return_on', type: 'date', nullable: true }) expectedReturnOn: string | null;
  @Column({ name: 'custody_sequence', type: 'int', default: 0 }) custodySequence: number;

  // Physical audits: when the asset was last seen in one (see physical_audit).
  @Column({ name: 'last_audited_at', type: 'timestamptz', nullable: true }) lastAuditedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}

/** Keys of other systems (MDM, cloud inventory, HR): one asset per (source, externalId). */
@Entity('asset_external_ref')
@Check('chk_external_ref_values', `length(btrim(source)) > 0 AND length(btrim(external_id)) > 0`)
export class AssetExternalRefEntity {
  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_asset_external_ref' }) source: string;
  @PrimaryColumn({ name: 'external_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_asset_external_ref' }) externalId: string;
  @Index('idx_external_ref_asset')
  @ForeignKey(() => AssetEntity, { name: 'fk_external_ref_asset', onDelete: 'CASCADE' })
  @Column({ name: 'asset_id', type: 'uuid' })
  assetId: string;
}

/** Asset-to-asset links: a data asset STORED_ON an asset, a certificate INSTALLED_ON an asset. */
@Entity('asset_relation')
@Check('chk_asset_relation_kind', `relation IN (${sqlList(enumValues(AssetRelationKind))})`)
@Check('chk_asset_relation_not_self', `asset_id <> related_asset_id`)
export class AssetRelationEntity {
  @ForeignKey(() => AssetEntity, { name: 'fk_asset_relation_asset', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'asset_id', type: 'uuid' })
  assetId: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) relation: string;
  @Index('idx_asset_relation_related')
  @ForeignKey(() => AssetEntity, { name: 'fk_asset_relation_related' })
  @PrimaryColumn({ name: 'related_asset_id', type: 'uuid' })
  relatedAssetId: string;
  @Column({ type: 'int', default: 0 }) position: number;
}
