import type { Capability } from '../../auth/roles';

/** Access rules of this module's root fields and protected fields (merged into ACCESS_RULES). */
export const LICENSE_RULES: Record<string, Capability> = {
  'Mutation.assignLicenseSeat': 'write',
  'Mutation.releaseLicenseSeat': 'write',
};
