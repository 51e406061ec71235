import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity('department')
@Unique('uq_department_code', ['code'])
@Check('chk_department_name', `length(btrim(name)) > 0`)
@Check('chk_department_not_own_parent', `parent_id IS NULL OR parent_id <> id`)
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 50 }) code: string;
  @Column({ name: 'cost_center', type: 'varchar', length: 50, nullable: true }) costCenter: string | null;
  @Index('idx_department_parent')
  @ForeignKey(() => DepartmentEntity, { name: 'fk_department_parent' })
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}
