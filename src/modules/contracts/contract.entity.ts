import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AssetEntity } from '../assets/asset.entity';
import { enumValues, sqlList } from '../assets/asset.enums';
import { VendorEntity } from '../vendors/vendor.entity';

export enum ContractType {
  PURCHASE = 'PURCHASE', LEASE = 'LEASE', SUPPORT = 'SUPPORT', MAINTENANCE = 'MAINTENANCE', WARRANTY = 'WARRANTY', SLA = 'SLA',
  SUBSCRIPTION = 'SUBSCRIPTION', LICENSE_AGREEMENT = 'LICENSE_AGREEMENT',
}

@Entity('contract')
@Unique('uq_contract_number', ['contractNumber'])
@Check('chk_contract_type', `type IN (${sqlList(enumValues(ContractType))})`)
@Check('chk_contract_dates', `ends_on IS NULL OR starts_on IS NULL OR starts_on <= ends_on`)
@Check('chk_contract_notice', `notice_period_days >= 0`)
@Check('chk_contract_cost', `(cost IS NULL) = (cost_currency IS NULL) AND (cost IS NULL OR cost >= 0) AND (cost_currency IS NULL OR cost_currency ~ '^[A-Z]{3}$')`)
@Check('chk_contract_title', `length(btrim(title)) > 0 AND length(btrim(contract_number)) > 0`)
@Index('idx_contract_renewal_decision', { synchronize: false })
export class ContractEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'contract_number', type: 'varchar', length: 100 }) contractNumber: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Index('idx_contract_type') @Column({ type: 'varchar', length: 30 }) type: string;
  @Index('idx_contract_vendor')
  @ForeignKey(() => VendorEntity, { name: 'fk_contract_vendor' })
  @Column({ name: 'vendor_id', type: 'uuid', nullable: true })
  vendorId: string | null;
  @Column({ name: 'starts_on', type: 'date', nullable: true }) startsOn: string | null;
  @Index('idx_contract_ends_on') @Column({ name: 'ends_on', type: 'date', nullable: true }) endsOn: string | null;
  @Column({ name: 'renews_on', type: 'date', nullable: true }) renewsOn: string | null;
  @Column({ name: 'auto_renew', type: 'boolean', default: false }) autoRenew: boolean;
  @Column({ name: 'notice_period_days', type: 'int', default: 0 }) noticePeriodDays: number;
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true }) cost: string | null;
  @Column({ name: 'cost_currency', type: 'char', length: 3, nullable: true }) costCurrency: string | null;
  @Column({ name: 'sla_terms', type: 'text', nullable: true }) slaTerms: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}

/** Many assets per contract, many contracts per asset. */
@Entity('contract_asset')
export class ContractAssetEntity {
  @ForeignKey(() => ContractEntity, { name: 'fk_contract_asset_contract', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'contract_id', type: 'uuid', primaryKeyConstraintName: 'pk_contract_asset' })
  contractId: string;
  @Index('idx_contract_asset_asset')
  @ForeignKey(() => AssetEntity, { name: 'fk_contract_asset_asset' })
  @PrimaryColumn({ name: 'asset_id', type: 'uuid', primaryKeyConstraintName: 'pk_contract_asset' })
  assetId: string;
  @Column({ name: 'linked_at', type: 'timestamptz', default: () => 'now()' }) linkedAt: Date;
}
