import { byIdLoader } from '../../common/loader';
import { selectList } from '../../database/columns';
import type { Db } from '../../database/db';
import { PhysicalAuditEntity } from './physical-audit.entity';

export const PHYSICAL_AUDIT_COLUMNS = selectList(PhysicalAuditEntity, 'p', 'PhysicalAudit');
export type PhysicalAuditRow = PhysicalAuditEntity & { __typename: 'PhysicalAudit' };

/** Physical audit loaders: each answers a whole page of parents with one statement. */
export function auditLoaders(db: Db) {
  return {
    physicalAuditById: byIdLoader<PhysicalAuditRow>(db, `SELECT ${PHYSICAL_AUDIT_COLUMNS} FROM physical_audit p WHERE p.id = ANY($1::uuid[])`),
  };
}
