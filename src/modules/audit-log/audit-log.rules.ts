import type { Capability } from '../../auth/roles';

/** Access rules of the audit log: ADMIN and AUDITOR only (merged into ACCESS_RULES). */
export const AUDIT_LOG_RULES: Record<string, Capability> = {
  'Query.auditLog': 'readAudit',
  'Asset.history': 'readAudit',
};
