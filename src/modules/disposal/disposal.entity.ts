import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { AssetEntity } from '../assets/asset.entity';
import { enumValues, sqlList } from '../assets/asset.enums';
import { VendorEntity } from '../vendors/vendor.entity';
import { DisposalMethod, SanitizationMethod, SanitizationTechnique } from './disposal.enums';

/**
 * How an asset left the organisation: one row per DISPOSED asset, written once.
 * Triggers refuse UPDATE, DELETE and TRUNCATE (a disposal record is evidence).
 * The vendor's certifications are copied at disposal time, so the record shows
 * what the recycler held then, whatever the vendor record says later.
 */
@Entity('disposal')
@Check('chk_disposal_method', `method IN (${sqlList(enumValues(DisposalMethod))})`)
@Check('chk_disposal_sanitization_method', `sanitization_method IS NULL OR sanitization_method IN (${sqlList(enumValues(SanitizationMethod))})`)
@Check('chk_disposal_sanitization_technique', `sanitization_technique IS NULL OR sanitization_technique IN (${sqlList(enumValues(SanitizationTechnique))})`)
@Check('chk_disposal_sanitization', `(sanitization_method IS NULL) = (sanitization_performed_by IS NULL) AND (sanitization_method IS NOT NULL OR (sanitization_technique IS NULL AND sanitization_performed_at IS NULL AND sanitization_verified_by IS NULL AND sanitization_certificate_number IS NULL))`)
@Check('chk_disposal_recovered_value', `(recovered_value IS NULL) = (recovered_currency IS NULL) AND (recovered_value IS NULL OR recovered_value >= 0) AND (recovered_currency IS NULL OR recovered_currency ~ '^[A-Z]{3}$')`)
export class DisposalEntity {
  @ForeignKey(() => AssetEntity, { name: 'fk_disposal_asset' })
  @PrimaryColumn({ name: 'asset_id', type: 'uuid', primaryKeyConstraintName: 'pk_disposal' })
  assetId: string;
  @Column({ type: 'varchar', length: 30 }) method: string;
  @Index('idx_disposal_disposed_on') @Column({ name: 'disposed_on', type: 'date' }) disposedOn: string;
  @Index('idx_disposal_vendor')
  @ForeignKey(() => VendorEntity, { name: 'fk_disposal_vendor' })
  @Column({ name: 'vendor_id', type: 'uuid', nullable: true })
  vendorId: string | null;
  /** The vendor's certifications (R2, E_STEWARDS, NAID_AAA, …) as they were at disposal. */
  @Column({ name: 'vendor_certifications', type: 'varchar', array: true, default: () => "'{}'" }) vendorCertifications: string[];
  @Column({ name: 'sanitization_method', type: 'varchar', length: 10, nullable: true }) sanitizationMethod: string | null;
  @Column({ name: 'sanitization_technique', type: 'varchar', length: 30, nullable: true }) sanitizationTechnique: string | null;
  @Column({ name: 'sanitization_performed_at', type: 'timestamptz', nullable: true }) sanitizationPerformedAt: Date | null;
  @Column({ name: 'sanitization_performed_by', type: 'varchar', length: 200, nullable: true }) sanitizationPerformedBy: string | null;
  @Column({ name: 'sanitization_verified_by', type: 'varchar', length: 200, nullable: true }) sanitizationVerifiedBy: string | null;
  @Column({ name: 'sanitization_certificate_number', type: 'varchar', length: 100, nullable: true }) sanitizationCertificateNumber: string | null;
  @Column({ name: 'recovered_value', type: 'numeric', precision: 14, scale: 2, nullable: true }) recoveredValue: string | null;
  @Column({ name: 'recovered_currency', type: 'char', length: 3, nullable: true }) recoveredCurrency: string | null;
  @Column({ name: 'certificate_of_disposal_number', type: 'varchar', length: 100, nullable: true }) certificateOfDisposalNumber: string | null;
  /** Free text about the disposal (also kept on the hand-over custody event, when there is one). */
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt: Date;
  @Column({ name: 'recorded_by', type: 'varchar', length: 200 }) recordedBy: string;
}
