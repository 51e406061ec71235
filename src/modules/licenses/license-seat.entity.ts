import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AssetEntity } from '../assets/asset.entity';
import { PersonEntity } from '../people/person.entity';

/**
 * One seat of a software licence, held by a Person (PER_USER, CONCURRENT, SITE)
 * or by an Asset (PER_DEVICE, PER_CORE, SITE). A seat is released, never deleted:
 * `released_at` set ends it, and the row stays as history. Active seats are the
 * rows with `released_at IS NULL`; one active seat per (licence, assignee).
 */
@Entity('license_seat')
@Check('chk_license_seat_assignee', `(assignee_type = 'PERSON' AND person_id IS NOT NULL AND asset_id IS NULL) OR (assignee_type = 'ASSET' AND asset_id IS NOT NULL AND person_id IS NULL)`)
@Check('chk_license_seat_quantity', `quantity >= 1`)
@Check('chk_license_seat_not_self', `asset_id IS NULL OR asset_id <> license_id`)
@Check('chk_license_seat_release', `released_at IS NULL OR released_at >= assigned_at`)
@Index('uq_license_seat_person_active', ['licenseId', 'personId'], { unique: true, where: 'released_at IS NULL AND person_id IS NOT NULL' })
@Index('uq_license_seat_asset_active', ['licenseId', 'assetId'], { unique: true, where: 'released_at IS NULL AND asset_id IS NOT NULL' })
@Index('idx_license_seat_page', ['licenseId', 'assignedAt', 'id'], { where: 'released_at IS NULL' })
@Index('idx_license_seat_asset_active', ['assetId'], { where: 'released_at IS NULL AND asset_id IS NOT NULL' })
@Index('idx_license_seat_person', ['personId'], { where: 'person_id IS NOT NULL' })
export class LicenseSeatEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => AssetEntity, { name: 'fk_license_seat_license' })
  @Column({ name: 'license_id', type: 'uuid' })
  licenseId: string;
  /** PERSON or ASSET. */
  @Column({ name: 'assignee_type', type: 'varchar', length: 10 }) assigneeType: string;
  @ForeignKey(() => PersonEntity, { name: 'fk_license_seat_person' })
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;
  @ForeignKey(() => AssetEntity, { name: 'fk_license_seat_asset' })
  @Column({ name: 'asset_id', type: 'uuid', nullable: true })
  assetId: string | null;
  /** Seats this assignment consumes: 1, or the cores of a PER_CORE device. */
  @Column({ type: 'int', default: 1 }) quantity: number;
  @Column({ name: 'assigned_at', type: 'timestamptz', default: () => 'now()' }) assignedAt: Date;
  @Column({ name: 'assigned_by', type: 'varchar', length: 200 }) assignedBy: string;
  /** Why it was assigned. */
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true }) releasedAt: Date | null;
  @Column({ name: 'released_by', type: 'varchar', length: 200, nullable: true }) releasedBy: string | null;
  /** Why it was released: by a caller, or automatically when its device was retired or disposed. */
  @Column({ name: 'release_reason', type: 'varchar', length: 200, nullable: true }) releaseReason: string | null;
}
