import type { Capability } from '../../auth/roles';

/** Access rules of this module's root fields and protected fields (merged into ACCESS_RULES). */
export const DISPOSAL_RULES: Record<string, Capability> = {
  'Mutation.disposeAsset': 'write',
  'Disposal.recoveredValue': 'readMoney',
};
