import type { Capability } from '../../auth/roles';

/** Access rules of this module's root fields and protected fields (merged into ACCESS_RULES). */
export const RADAR_RULES: Record<string, Capability> = {
  // Every role may see what falls due; the items' assets and contracts keep their own field rules.
  'Query.expiring': 'read',
};
