import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AssetEntity } from '../assets/asset.entity';
import { AssetStatus, enumValues, sqlList } from '../assets/asset.enums';
import { VendorEntity } from '../vendors/vendor.entity';

export enum MaintenanceType {
  PREVENTIVE = 'PREVENTIVE', REPAIR = 'REPAIR', UPGRADE = 'UPGRADE', INSPECTION = 'INSPECTION', CALIBRATION = 'CALIBRATION',
  SOFTWARE_UPDATE = 'SOFTWARE_UPDATE', OTHER = 'OTHER',
}

export enum MaintenanceStatus {
  SCHEDULED = 'SCHEDULED', IN_PROGRESS = 'IN_PROGRESS', COMPLETED = 'COMPLETED', CANCELLED = 'CANCELLED',
}

@Entity('maintenance_record')
@Check('chk_maintenance_type', `type IN (${sqlList(enumValues(MaintenanceType))})`)
@Check('chk_maintenance_status', `status IN (${sqlList(enumValues(MaintenanceStatus))})`)
@Check('chk_maintenance_return_status', `return_status IS NULL OR return_status IN (${sqlList(enumValues(AssetStatus))})`)
@Check('chk_maintenance_cost', `(cost IS NULL) = (cost_currency IS NULL) AND (cost IS NULL OR cost >= 0) AND (cost_currency IS NULL OR cost_currency ~ '^[A-Z]{3}$')`)
@Check('chk_maintenance_completed', `(status = 'COMPLETED') = (completed_at IS NOT NULL)`)
@Index('idx_maintenance_asset_order', ['assetId', 'createdAt', 'id'])
export class MaintenanceRecordEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => AssetEntity, { name: 'fk_maintenance_asset' })
  @Column({ name: 'asset_id', type: 'uuid' })
  assetId: string;
  @Column({ type: 'varchar', length: 30 }) type: string;
  @Index('idx_maintenance_status') @Column({ type: 'varchar', length: 20 }) status: string;
  @Column({ name: 'scheduled_on', type: 'date', nullable: true }) scheduledOn: string | null;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true }) cost: string | null;
  @Column({ name: 'cost_currency', type: 'char', length: 3, nullable: true }) costCurrency: string | null;
  @Index('idx_maintenance_vendor')
  @ForeignKey(() => VendorEntity, { name: 'fk_maintenance_vendor' })
  @Column({ name: 'vendor_id', type: 'uuid', nullable: true })
  vendorId: string | null;
  @Column({ name: 'covered_by_warranty', type: 'boolean', default: false }) coveredByWarranty: boolean;
  @Column({ type: 'text', nullable: true }) description: string | null;
  /** The status the asset returns to when the work is completed. */
  @Column({ name: 'return_status', type: 'varchar', length: 20, nullable: true }) returnStatus: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}
