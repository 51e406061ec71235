import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DepartmentEntity } from '../departments/department.entity';
import { LocationEntity } from '../locations/location.entity';

@Entity('person')
@Unique('uq_person_employee_id', ['employeeId'])
// E-mail addresses are unique regardless of case.
@Index('uq_person_email_ci', { synchronize: false })
@Check('chk_person_display_name', `length(btrim(display_name)) > 0`)
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'employee_id', type: 'varchar', length: 50, nullable: true }) employeeId: string | null;
  @Column({ name: 'display_name', type: 'varchar', length: 200 }) displayName: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) email: string | null;
  @Index('idx_person_department')
  @ForeignKey(() => DepartmentEntity, { name: 'fk_person_department' })
  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;
  @Index('idx_person_location')
  @ForeignKey(() => LocationEntity, { name: 'fk_person_location' })
  @Column({ name: 'location_id', type: 'uuid', nullable: true })
  locationId: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}
