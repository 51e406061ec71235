import type { Capability } from '../../auth/roles';

/** Access rules of this module's root fields and protected fields (merged into ACCESS_RULES). */
export const MAINTENANCE_RULES: Record<string, Capability> = {
  'Mutation.recordMaintenance': 'write',
  'Mutation.startMaintenance': 'write',
  'Mutation.completeMaintenance': 'write',
  'Mutation.cancelMaintenance': 'write',
  'MaintenanceRecord.cost': 'readMoney',
};
