import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';

export const LOCATION_KINDS = ['SITE', 'BUILDING', 'FLOOR', 'ROOM', 'DATACENTER', 'WAREHOUSE', 'RACK', 'OTHER'] as const;

@Entity('location')
@Unique('uq_location_code', ['code'])
@Check('chk_location_kind', `kind IN (${LOCATION_KINDS.map((k) => `'${k}'`).join(', ')})`)
@Check('chk_location_name', `length(btrim(name)) > 0`)
@Check('chk_location_not_own_parent', `parent_id IS NULL OR parent_id <> id`)
export class LocationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 50, nullable: true }) code: string | null;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) address: string | null;
  @Index('idx_location_parent')
  @ForeignKey(() => LocationEntity, { name: 'fk_location_parent' })
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}
