import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AssetEntity } from '../assets/asset.entity';
import { LocationEntity } from '../locations/location.entity';

/**
 * One sighting of an asset in a physical audit: where it was found, where the
 * register said it was, and whether those differ. Append-only (triggers refuse
 * UPDATE, DELETE and TRUNCATE). A discrepancy also corrects the asset's location
 * with a MOVE custody event, whose sequence is kept here.
 */
@Entity('physical_audit')
@Index('idx_physical_audit_asset', ['assetId', 'auditedAt', 'id'])
export class PhysicalAuditEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => AssetEntity, { name: 'fk_physical_audit_asset' })
  @Column({ name: 'asset_id', type: 'uuid' })
  assetId: string;
  @Column({ name: 'audited_at', type: 'timestamptz', default: () => 'now()' }) auditedAt: Date;
  @Index('idx_physical_audit_found_location')
  @ForeignKey(() => LocationEntity, { name: 'fk_physical_audit_found_location' })
  @Column({ name: 'found_location_id', type: 'uuid' })
  foundLocationId: string;
  @ForeignKey(() => LocationEntity, { name: 'fk_physical_audit_expected_location' })
  @Column({ name: 'expected_location_id', type: 'uuid', nullable: true })
  expectedLocationId: string | null;
  /** True when the asset was found somewhere other than its recorded location. */
  @Column({ type: 'boolean' }) discrepancy: boolean;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'varchar', length: 200 }) actor: string;
  /** The MOVE custody event that corrected the location, when there was a discrepancy. */
  @Column({ name: 'custody_sequence', type: 'int', nullable: true }) custodySequence: number | null;
}
