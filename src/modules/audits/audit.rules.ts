import type { Capability } from '../../auth/roles';

/** Access rules of this module's root fields and protected fields (merged into ACCESS_RULES). */
export const AUDIT_RULES: Record<string, Capability> = {
  'Mutation.recordPhysicalAudit': 'physicalAudit',
  'Query.assetsDueForAudit': 'read',
};
