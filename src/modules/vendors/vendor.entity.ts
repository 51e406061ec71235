import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const VENDOR_ROLES = ['MANUFACTURER', 'SUPPLIER', 'SERVICE_PROVIDER', 'CLOUD_PROVIDER', 'RECYCLER'] as const;
export const VENDOR_CERTIFICATIONS = ['R2', 'E_STEWARDS', 'NAID_AAA', 'ISO_14001', 'ISO_27001', 'ISO_9001', 'ADISA', 'WEEELABEX'] as const;

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

@Entity('vendor')
// Names are unique regardless of case: "Dell" and "DELL" are one vendor.
@Index('uq_vendor_name_ci', { synchronize: false })
@Check('chk_vendor_roles', `roles <@ ARRAY[${list(VENDOR_ROLES)}]::varchar[]`)
@Check('chk_vendor_certifications', `certifications <@ ARRAY[${list(VENDOR_CERTIFICATIONS)}]::varchar[]`)
@Check('chk_vendor_name', `length(btrim(name)) > 0`)
export class VendorEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', array: true, default: () => "'{}'" }) roles: string[];
  @Column({ type: 'varchar', array: true, default: () => "'{}'" }) certifications: string[];
  @Column({ type: 'varchar', length: 500, nullable: true }) website: string | null;
  @Column({ name: 'contact_email', type: 'varchar', length: 254, nullable: true }) contactEmail: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}
